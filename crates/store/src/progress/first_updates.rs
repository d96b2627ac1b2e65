//! The status and progress a board's own plan document records for each action become that
//! action's first progress update when the plan is imported: its rating, and its progress
//! text as the narrative, dated when the document speaks for (the caller decides: `--as-of`
//! or the web page's date, else the day the document was saved, else today). Each narrative
//! begins "Imported from FILE:", which is how the update says where it came from (an update
//! has no field for it). The text stays on the action as a note too.
//!
//! Here, not in the binary, so that the command line and the web import record the same
//! updates the same way.
//!
//! An update must have a rating, so a row with progress text but no rating the scale reads
//! gets no first update (its text is kept in the note); one is never invented for it.

use std::collections::HashSet;

use domain::{Date, Rag};
use formats::plan_tables::Preview;

use super::bulk::DatedUpdate;
use super::later_version::DocumentProgress;
use super::update::{MAX_NARRATIVE_CHARS, NewUpdate};
use super::write::ActionKey;
use crate::Store;
use crate::error::Result;

/// A first update waiting to be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstUpdate {
    pub action: String,
    pub rag: Rag,
    pub narrative: String,
}

/// The first updates a document gives, and the rows whose progress text has no rating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstUpdates {
    pub as_of: Date,
    /// True when `as_of` is the date the document says it was saved.
    pub documents_date: bool,
    pub updates: Vec<FirstUpdate>,
    pub unrated: Vec<String>,
}

impl FirstUpdates {
    /// The first updates of every action whose row has a rating.
    pub fn from_preview(preview: &Preview, file: &str, as_of: Date) -> Self {
        let mut updates = Vec::new();
        let mut unrated = Vec::new();
        for a in preview.objectives.iter().flat_map(|o| &o.actions) {
            let progress = a.progress.trim();
            match a.status {
                Some(rag) => updates.push(FirstUpdate {
                    action: a.id.clone(),
                    rag,
                    narrative: narrative(file, progress, &a.status_text, rag),
                }),
                None if !progress.is_empty() => unrated.push(a.id.clone()),
                None => {}
            }
        }
        Self {
            as_of,
            documents_date: false,
            updates,
            unrated,
        }
    }

    /// One line for the dry run, the import's report and the web preview.
    pub fn describe(&self, recorded: bool) -> String {
        let n = self.updates.len();
        let verb = if recorded {
            "recorded"
        } else {
            "would be recorded"
        };
        let mut line = format!(
            "{n} first progress update{} {verb}, dated {}{}.",
            if n == 1 { "" } else { "s" },
            self.as_of,
            if self.documents_date {
                ", the day the document was saved (--as-of to choose another)"
            } else {
                ""
            }
        );
        if !self.unrated.is_empty() {
            line.push_str(&format!(
                " Not for {} (progress text but no rating; the text is kept on the action).",
                self.unrated.join(", ")
            ));
        }
        line
    }

    /// What each update would say, as a later version of a stored plan records it.
    pub fn progress(&self) -> Vec<DocumentProgress> {
        self.updates
            .iter()
            .map(|u| DocumentProgress {
                action: u.action.clone(),
                rag: u.rag,
                narrative: u.narrative.clone(),
            })
            .collect()
    }
}

fn narrative(file: &str, progress: &str, status_text: &str, rag: Rag) -> String {
    let said = if progress.is_empty() {
        format!("status \"{}\" ({}).", status_text.trim(), rag.meaning())
    } else {
        progress.to_string()
    };
    let text = format!("Imported from {file}: {said}");
    // The whole text is on the action's note; the update keeps what it may hold.
    if text.chars().count() <= MAX_NARRATIVE_CHARS {
        return text;
    }
    let cut: String = text.chars().take(MAX_NARRATIVE_CHARS - 60).collect();
    format!("{cut} … (the rest is in the action's notes)")
}

impl Store {
    /// Record `first` on the plan `plan` of partnership `slug` by `actor`, skipping any action
    /// that already has an update (a replaced plan keeps its history); those skipped are
    /// removed from `first.updates`. Returns how many were recorded.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn record_first_updates(
        &self,
        slug: &str,
        plan: &str,
        actor: &str,
        first: &mut FirstUpdates,
    ) -> Result<usize> {
        let at = jiff::Timestamp::now();
        let had: HashSet<String> = self
            .updates_as_at(slug, plan, at)
            .await?
            .into_iter()
            .map(|u| u.action)
            .collect();
        first.updates.retain(|u| !had.contains(&u.action));
        let history = first
            .updates
            .iter()
            .map(|u| DatedUpdate {
                at,
                action: ActionKey::new(plan, u.action.clone()),
                update: NewUpdate {
                    rag: u.rag,
                    percent: None,
                    narrative: u.narrative.clone(),
                    as_of: first.as_of,
                    evidence: Vec::new(),
                    corrects: None,
                },
            })
            .collect();
        self.record_update_history(slug, actor, history).await
    }
}
