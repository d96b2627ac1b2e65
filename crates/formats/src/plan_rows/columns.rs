//! The sheet's columns, and one row of it as the text of its cells.

use crate::Place;

/// The columns of the sheet, in the order [`to_rows`](super::to_rows) writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    Objective,
    ObjectiveTitle,
    ActionId,
    Number,
    Action,
    Sources,
    Timescale,
    Due,
    Leads,
    References,
    DuplicateOf,
}

impl Column {
    /// Every column, in sheet order.
    pub const ALL: [Column; 11] = [
        Column::Objective,
        Column::ObjectiveTitle,
        Column::ActionId,
        Column::Number,
        Column::Action,
        Column::Sources,
        Column::Timescale,
        Column::Due,
        Column::Leads,
        Column::References,
        Column::DuplicateOf,
    ];

    /// The heading written in the sheet's first row.
    pub fn heading(self) -> &'static str {
        match self {
            Column::Objective => "Objective",
            Column::ObjectiveTitle => "Objective title",
            Column::ActionId => "Action id",
            Column::Number => "Number",
            Column::Action => "Action",
            Column::Sources => "Sources",
            Column::Timescale => "Timescale",
            Column::Due => "Due",
            Column::Leads => "Leads",
            Column::References => "References",
            Column::DuplicateOf => "Duplicate of",
        }
    }

    /// Whether a sheet without this column is refused. Without "Action id" the ids are made
    /// from the numbers; without "Due" the due dates are read from the timescales. Every other
    /// column holds something the plan would lose.
    pub fn is_required(self) -> bool {
        !matches!(self, Column::ActionId | Column::Due)
    }

    /// The column a heading names, ignoring case and surrounding spaces.
    pub fn from_heading(text: &str) -> Option<Column> {
        let text = text.trim();
        Column::ALL
            .into_iter()
            .find(|c| c.heading().eq_ignore_ascii_case(text))
    }
}

/// One row of the sheet: one action, or an objective that has no actions yet. Every cell is
/// the text the sheet shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanRow {
    /// The row's 1-based number in the sheet, the heading row being row 1. Errors name it.
    pub row: usize,
    pub objective: String,
    pub objective_title: String,
    pub action_id: String,
    pub number: String,
    pub action: String,
    /// Review codes joined by ", ".
    pub sources: String,
    /// The timescale's label.
    pub timescale: String,
    /// `YYYY-MM-DD`, or empty.
    pub due: String,
    /// Role titles joined by "; ".
    pub leads: String,
    /// Action ids joined by ", ".
    pub references: String,
    pub duplicate_of: String,
}

impl PlanRow {
    /// The text of one cell.
    pub fn cell(&self, column: Column) -> &str {
        match column {
            Column::Objective => &self.objective,
            Column::ObjectiveTitle => &self.objective_title,
            Column::ActionId => &self.action_id,
            Column::Number => &self.number,
            Column::Action => &self.action,
            Column::Sources => &self.sources,
            Column::Timescale => &self.timescale,
            Column::Due => &self.due,
            Column::Leads => &self.leads,
            Column::References => &self.references,
            Column::DuplicateOf => &self.duplicate_of,
        }
    }

    /// Set the text of one cell.
    pub fn set(&mut self, column: Column, text: String) {
        let cell = match column {
            Column::Objective => &mut self.objective,
            Column::ObjectiveTitle => &mut self.objective_title,
            Column::ActionId => &mut self.action_id,
            Column::Number => &mut self.number,
            Column::Action => &mut self.action,
            Column::Sources => &mut self.sources,
            Column::Timescale => &mut self.timescale,
            Column::Due => &mut self.due,
            Column::Leads => &mut self.leads,
            Column::References => &mut self.references,
            Column::DuplicateOf => &mut self.duplicate_of,
        };
        *cell = text;
    }

    /// True when every cell is empty or spaces: such rows are skipped.
    pub fn is_blank(&self) -> bool {
        Column::ALL.iter().all(|&c| self.cell(c).trim().is_empty())
    }

    /// True for the row of an objective with no actions: no action id, number, text,
    /// references or duplicate.
    pub(super) fn is_objective_only(&self) -> bool {
        [
            Column::ActionId,
            Column::Number,
            Column::Action,
            Column::References,
            Column::DuplicateOf,
        ]
        .iter()
        .all(|&c| self.cell(c).trim().is_empty())
    }

    pub(super) fn place(&self, column: Column) -> Place {
        Place::Row {
            row: self.row,
            column: Some(column.heading().to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_matched_ignoring_case_and_spaces() {
        assert_eq!(Column::from_heading(" action ID "), Some(Column::ActionId));
        assert_eq!(Column::from_heading("Progress"), None);
    }
}
