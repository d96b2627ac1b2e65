//! The status and progress a board's own plan document records for each action become that
//! action's first progress update when the plan is imported: its rating, and its progress
//! text as the narrative, dated at `--as-of`, else the day the document says it was saved
//! (its properties: DOCX, XLSX, ODT, ODS), else today. Each narrative begins "Imported from FILE:", which is how the
//! update says where it came from (an update has no field for it). The text stays on the
//! action as a note too, as before.
//!
//! An update must have a rating, so a row with progress text but no rating the scale reads
//! gets no first update (its text is kept in the note); one is never invented for it.

use std::collections::HashSet;

use anyhow::{Result, anyhow};
use domain::{Date, Rag};
use formats::plan_tables::Preview;
use store::{ActionKey, DatedUpdate, MAX_NARRATIVE_CHARS, NewUpdate, Store};

use crate::commands::resolve::{self, today};

/// A first update waiting to be recorded.
pub struct FirstUpdate {
    pub action: String,
    pub rag: Rag,
    pub narrative: String,
}

/// The first updates a document gives, and the rows whose progress text has no rating.
pub struct FirstUpdates {
    pub as_of: Date,
    /// True when `as_of` is the date the document says it was saved.
    pub documents_date: bool,
    pub updates: Vec<FirstUpdate>,
    pub unrated: Vec<String>,
}

/// `--as-of`, refused (naming the flag) before anything is read or written.
pub fn as_of(typed: Option<&str>) -> Result<Date> {
    match typed {
        Some(d) => {
            resolve::day("--as-of", d, today()).map_err(|e| anyhow!("{e}\nNothing was written."))
        }
        None => Ok(today()),
    }
}

/// The date the updates speak for: `--as-of` if given, else the document's own date (when it
/// has one, not after today), else today. Returns it, and whether it is the document's.
pub fn dated(typed: Option<&str>, document: Option<Date>) -> Result<(Date, bool)> {
    let given = as_of(typed)?;
    match document.filter(|d| typed.is_none() && *d <= today()) {
        Some(d) => Ok((d, true)),
        None => Ok((given, false)),
    }
}

/// The first updates of every action whose row has a rating.
pub fn from_preview(preview: &Preview, file: &str, as_of: Date) -> FirstUpdates {
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
    FirstUpdates {
        as_of,
        documents_date: false,
        updates,
        unrated,
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

impl FirstUpdates {
    /// One line for the dry run and the import's report.
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

    /// Record them on the plan `plan` of partnership `slug`, skipping any action that already
    /// has an update (a replaced plan keeps its history). Returns how many were recorded.
    pub async fn record(
        &mut self,
        store: &Store,
        slug: &str,
        plan: &str,
        actor: &str,
    ) -> Result<usize> {
        let at = jiff::Timestamp::now();
        let had: HashSet<String> = store
            .updates_as_at(slug, plan, at)
            .await?
            .into_iter()
            .map(|u| u.action)
            .collect();
        self.updates.retain(|u| !had.contains(&u.action));
        let history = self
            .updates
            .iter()
            .map(|u| DatedUpdate {
                at,
                action: ActionKey::new(plan, u.action.clone()),
                update: NewUpdate {
                    rag: u.rag,
                    percent: None,
                    narrative: u.narrative.clone(),
                    as_of: self.as_of,
                    evidence: Vec::new(),
                    corrects: None,
                },
            })
            .collect();
        Ok(store.record_update_history(slug, actor, history).await?)
    }
}
