//! What the rows layer gives the ids layer: objective headings and action rows, in
//! document order, each row's cells already sorted by what its column means.

use domain::Rag;
use serde::Serialize;

use super::numbering::Num;

/// A note kept on an action: a column with no field of its own, labelled by its heading.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    pub label: String,
    pub text: String,
}

/// One piece of the plan, in document order.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    Objective {
        number: Option<String>,
        title: String,
        place: String,
        /// A row of the table numbered "3" above rows "3.1", "3.2": rows numbered for
        /// another objective after it start that objective.
        from_row: bool,
    },
    /// "Strategic Lead: ..." under an objective heading.
    ObjectiveLeads(Vec<String>),
    Row(Row),
}

/// An action row as read, before its id is decided.
#[derive(Debug, Clone, Default)]
pub(crate) struct Row {
    pub place: String,
    pub line: usize,
    pub num: Option<Num>,
    /// The number as written, "" when none.
    pub written: String,
    /// Whether the number was read off the start of the text.
    pub number_in_text: bool,
    pub text: String,
    pub leads: Vec<String>,
    pub timescale: String,
    pub status: Option<Rag>,
    pub status_text: String,
    pub progress: String,
    pub notes: Vec<Note>,
}

impl Row {
    /// Add the rest of a row split across a page.
    pub(crate) fn join(&mut self, more: Row) {
        let add = |a: &mut String, b: &str| {
            if !b.is_empty() {
                if !a.is_empty() {
                    a.push('\n');
                }
                a.push_str(b);
            }
        };
        add(&mut self.timescale, &more.timescale);
        add(&mut self.progress, &more.progress);
        add(&mut self.status_text, &more.status_text);
        self.status = self.status.or(more.status);
        self.leads.extend(more.leads);
        self.notes.extend(more.notes);
    }
}
