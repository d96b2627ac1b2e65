//! Document reviews falling due: a document of the board's register, not superseded, whose
//! review date falls within the partnership's notice (`due_within_days`) or has passed. It
//! goes to the accounts holding the document's owner role; when nobody holds it, to the
//! business managers, so that no review is missed for want of an owner. Once per document
//! per review date: a new review date (the document reviewed, or its date moved) reminds
//! again. A message names a document by its title and review date only.

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use super::{Recipient, Reminder, ReminderKind, Situation};

/// A document whose review may be due, as the store reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentDue {
    pub id: i64,
    pub title: String,
    /// The owning lead role's id (as memberships' `holds` name it).
    pub owner: String,
    pub review_due: Date,
}

/// A document named in a reminder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentRef {
    /// The document's id, for the link to its page.
    pub id: i64,
    pub title: String,
    pub review_due: Date,
    /// The review date has passed (before the day of the round).
    pub passed: bool,
    /// The review date it is reminded for: with the recipient and kind, what makes it once.
    pub period: String,
}

impl DocumentRef {
    /// Its part of a [`super::SentKey`]: the document's id.
    pub fn key(&self) -> String {
        self.id.to_string()
    }
}

/// Documents due for review within the notice or overdue for it, to their owners (or the
/// business managers), grouped per recipient, soonest first.
pub fn document_review(s: &Situation<'_>) -> Vec<Reminder> {
    let until = s
        .as_at
        .checked_add(s.settings.due_within_days.days())
        .unwrap_or(s.as_at);
    let mut docs: Vec<&DocumentDue> = s
        .documents
        .iter()
        .filter(|d| d.review_due <= until)
        .collect();
    docs.sort_by(|a, b| (a.review_due, &a.title).cmp(&(b.review_due, &b.title)));
    // (recipient, whether they have it only as a business manager) -> documents.
    let mut by: BTreeMap<(&Recipient, bool), Vec<DocumentRef>> = BTreeMap::new();
    for d in docs {
        let owners: Vec<&Recipient> = s.leads.get(&d.owner).into_iter().flatten().collect();
        let (to, fallback) = if owners.is_empty() {
            (s.managers.iter().collect::<Vec<_>>(), true)
        } else {
            (owners, false)
        };
        for r in to {
            let refs = by.entry((r, fallback)).or_default();
            if refs.iter().any(|x| x.id == d.id) {
                continue;
            }
            refs.push(DocumentRef {
                id: d.id,
                title: d.title.clone(),
                review_due: d.review_due,
                passed: d.review_due < s.as_at,
                period: d.review_due.to_string(),
            });
        }
    }
    let owner_why = format!(
        "You hold the role that owns these documents in the board's register, and their \
         review dates fall within {} days or have passed.",
        s.settings.due_within_days
    );
    by.into_iter()
        .map(|((to, fallback), documents)| Reminder {
            to: to.clone(),
            kind: ReminderKind::DocumentReview,
            actions: Vec::new(),
            documents,
            returns: Vec::new(),
            whole_plan: None,
            why: if fallback {
                "Nobody holds the role that owns these documents, so their reviews come to \
                 you as a business manager of the board."
                    .to_string()
            } else {
                owner_why.clone()
            },
        })
        .collect()
}
