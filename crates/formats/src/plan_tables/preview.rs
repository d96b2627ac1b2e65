//! What a dry run shows: each action as read from its row, with where the row is, before it
//! becomes part of the plan. Serialised as is for `--json`.

use domain::{Date, Rag, Timescale};
use serde::Serialize;

use super::items::{Note, Row};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreviewObjective {
    pub number: String,
    pub title: String,
    /// Leads named for the whole objective ("Strategic Lead: ...").
    pub leads: Vec<String>,
    pub actions: Vec<PreviewAction>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreviewAction {
    /// "table 2, row 5", "sheet \"Plan\", row 7".
    pub place: String,
    pub id: String,
    /// The number as written; "" when the row had none (its id is then by position).
    pub number: String,
    pub text: String,
    pub leads: Vec<String>,
    pub timescale: String,
    /// The date read from the timescale, if any.
    pub due: Option<Date>,
    /// The rating read from the status columns; `None` is "not rated".
    pub status: Option<Rag>,
    /// The status as written.
    pub status_text: String,
    pub progress: String,
    /// Every other column, labelled with its heading.
    pub notes: Vec<Note>,
}

impl PreviewAction {
    pub(crate) fn of(id: &str, row: &Row, timescale: Option<&Timescale>) -> Self {
        Self {
            place: row.place.clone(),
            id: id.to_string(),
            number: row.written.clone(),
            text: row.text.clone(),
            leads: row.leads.clone(),
            timescale: row.timescale.clone(),
            due: timescale.and_then(|t| t.due),
            status: row.status,
            status_text: row.status_text.clone(),
            progress: row.progress.clone(),
            notes: row.notes.clone(),
        }
    }
}
