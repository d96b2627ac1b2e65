//! Section 11 returns outstanding: while a cycle takes returns and has a due date, each agency
//! whose return is not complete is reminded within the partnership's notice before the due
//! date ("due soon") and again once it has passed ("overdue"): once per agency, cycle and
//! stage. It goes to the accounts linked to a person of that agency on the member register
//! who may complete the return (`Section11View::may_complete`: its lead officers); when
//! there is none, to the business managers. A message names the agency and the cycle, and
//! says how many standards are unrated: never a rating or its evidence.

use std::collections::BTreeMap;

use jiff::ToSpan;
use jiff::civil::Date;
use serde::Serialize;

use super::{Recipient, Reminder, ReminderKind, Situation};
use crate::assurance::section11::{Section11View, Stage};

/// An agency's incomplete return in a cycle taking returns, as the store reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReturnDue {
    pub year: i32,
    pub agency: String,
    pub due: Date,
    /// Standards the agency has rated, of how many.
    pub rated: usize,
    pub of: usize,
}

/// An account linked to a person of an agency, and what it may do with Section 11 returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyMember {
    pub to: Recipient,
    pub agency: String,
    pub view: Section11View,
}

/// A return named in a reminder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReturnRef {
    pub year: i32,
    pub agency: String,
    pub due: Date,
    /// How many standards are not yet rated, of how many.
    pub unrated: usize,
    pub of: usize,
    pub overdue: bool,
    /// `due_soon` or `overdue`: with the recipient, kind and return, what makes it once.
    pub period: String,
}

impl ReturnRef {
    /// Its part of a [`super::SentKey`]: `YEAR/AGENCY`.
    pub fn key(&self) -> String {
        format!("{}/{}", self.year, self.agency)
    }
}

/// Who is reminded of agency `agency`'s return: those linked to it who may complete it.
fn completers<'a>(s: &Situation<'a>, agency: &str) -> Vec<&'a Recipient> {
    let mut to: Vec<&Recipient> = s
        .agency_members
        .iter()
        .filter(|m| m.agency.eq_ignore_ascii_case(agency))
        .filter(|m| m.view.may_complete(agency, Stage::Returns))
        .map(|m| &m.to)
        .collect();
    to.sort();
    to.dedup();
    to
}

/// Returns not complete within the notice before their due date, or after it, to whoever
/// may complete them (or the business managers), grouped per recipient.
pub fn section11_outstanding(s: &Situation<'_>) -> Vec<Reminder> {
    let notice = s.settings.due_within_days;
    let mut by: BTreeMap<(&Recipient, bool), Vec<ReturnRef>> = BTreeMap::new();
    for r in s.returns.iter().filter(|r| r.rated < r.of) {
        let from = r.due.checked_sub(notice.days()).unwrap_or(r.due);
        if s.as_at < from {
            continue;
        }
        let overdue = s.as_at > r.due;
        let own = completers(s, &r.agency);
        let (to, fallback) = if own.is_empty() {
            (s.managers.iter().collect::<Vec<_>>(), true)
        } else {
            (own, false)
        };
        for who in to {
            by.entry((who, fallback)).or_default().push(ReturnRef {
                year: r.year,
                agency: r.agency.clone(),
                due: r.due,
                unrated: r.of - r.rated,
                of: r.of,
                overdue,
                period: if overdue { "overdue" } else { "due_soon" }.to_string(),
            });
        }
    }
    by.into_iter()
        .map(|((to, fallback), returns)| Reminder {
            to: to.clone(),
            kind: ReminderKind::Section11Outstanding,
            actions: Vec::new(),
            documents: Vec::new(),
            returns,
            whole_plan: None,
            why: if fallback {
                "Nobody who may complete these Section 11 returns has an account linked to \
                 their agency, so they come to you as a business manager of the board."
                    .to_string()
            } else {
                format!(
                    "You complete your agency's Section 11 return, and it is not complete \
                     within {notice} days of its due date, or after it."
                )
            },
        })
        .collect()
}
