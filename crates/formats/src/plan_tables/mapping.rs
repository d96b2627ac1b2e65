//! A heading row read: which field each column holds, once the row as a whole is seen (the
//! plainer of two action-like columns, one column per field, "Ref" as the numbers when
//! nothing else is).

use serde::Serialize;

use super::columns::{Field, recognise, words};

/// How each column of a heading row is used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mapping {
    /// Where the heading row is: "table 2, row 1".
    pub place: String,
    pub columns: Vec<ColumnUse>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnUse {
    pub heading: String,
    pub field: Field,
    /// Why, when it is not just the heading's meaning (a second action-like column, a
    /// "Ref" column of numbers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub because: Option<String>,
}

impl Mapping {
    pub(crate) fn column(&self, field: Field) -> Option<usize> {
        self.columns.iter().position(|c| c.field == field)
    }

    pub(crate) fn columns_of(&self, field: Field) -> impl Iterator<Item = usize> + '_ {
        self.columns
            .iter()
            .enumerate()
            .filter(move |(_, c)| c.field == field)
            .map(|(i, _)| i)
    }
}

/// More words than this and a cell is not a heading ("How will we know we have achieved our
/// goal?" has nine).
const MAX_HEADING_WORDS: usize = 12;

/// Read `cells` as a heading row: `Some` when at least two columns mean something and one
/// of them can hold actions. One column per field (statuses apart: "Achieved" and "On
/// target" are both tick columns); a later column of the same field, and the weaker of two
/// action-like columns, become notes.
pub fn heading_row(cells: &[String], place: String) -> Option<Mapping> {
    // A heading is a few words; a long cell is a row's text that happens to say "action".
    let seen: Vec<Option<(Field, u8)>> = cells
        .iter()
        .map(|c| {
            recognise(c).map(|(f, k)| {
                if c.split_whitespace().count() > MAX_HEADING_WORDS {
                    (Field::Note, 0)
                } else {
                    (f, k)
                }
            })
        })
        .collect();
    let known = seen
        .iter()
        .filter(|s| matches!(s, Some((f, _)) if *f != Field::Note))
        .count();
    let filled = seen.iter().filter(|s| s.is_some()).count();
    // Most of a heading row's cells name a field; a row of values names one or two by chance.
    if known * 2 < filled {
        return None;
    }
    let strongest = seen
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.filter(|(f, _)| *f == Field::Action).map(|(_, k)| (i, k)))
        .max_by_key(|(i, k)| (*k, std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    let can_hold_actions =
        strongest.is_some() || seen.iter().flatten().any(|(f, _)| *f == Field::Outcome);
    if known < 2 || !can_hold_actions {
        return None;
    }
    let mut columns: Vec<ColumnUse> = Vec::with_capacity(cells.len());
    for (i, (cell, s)) in cells.iter().zip(&seen).enumerate() {
        let mut use_ = ColumnUse {
            heading: cell.replace('\n', " "),
            field: s.map_or(Field::Note, |(f, _)| f),
            because: None,
        };
        if use_.field == Field::Action && Some(i) != strongest {
            use_.field = Field::Note;
            use_.because = Some("another column names the actions more plainly".into());
        } else if use_.field != Field::Note
            && use_.field != Field::Status
            && columns.iter().any(|c| c.field == use_.field)
        {
            use_.because =
                Some(format!("an earlier column is already the {:?}", use_.field).to_lowercase());
            use_.field = Field::Note;
        }
        if s.is_none() {
            use_.field = Field::Note;
        }
        columns.push(use_);
    }
    // "Ref" holding the numbers (as in many plans) when nothing else is headed "No.".
    if !columns.iter().any(|c| c.field == Field::Number)
        && let Some(c) = columns.iter_mut().find(|c| {
            c.field == Field::Source
                && matches!(
                    words(&c.heading).as_str(),
                    "ref" | "ref no" | "reference" | "refs"
                )
        })
    {
        c.field = Field::Number;
        c.because =
            Some("no column is headed \"No.\", so the references are read as the numbers".into());
    }
    // Without an action column, the outcomes are the actions (the plan says what it will
    // achieve rather than what it will do).
    if strongest.is_none()
        && let Some(c) = columns.iter_mut().find(|c| c.field == Field::Outcome)
    {
        c.field = Field::Action;
        c.because = Some("no column names actions, so the outcomes are read as the actions".into());
    }
    Some(Mapping { place, columns })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plainer_of_two_action_columns_holds_the_actions() {
        let cells: Vec<String> = ["How will the LSCB do this?", "What will it do?", "By when"]
            .map(String::from)
            .to_vec();
        let m = heading_row(&cells, "table 1, row 1".into()).unwrap();
        assert_eq!(m.columns[0].field, Field::Note);
        assert_eq!(m.columns[1].field, Field::Action);
    }

    #[test]
    fn a_row_whose_text_says_action_is_not_a_heading_row() {
        let cells: Vec<String> = [
            "1.1",
            "Carry out the action agreed with partners",
            "Chair / Business Manager",
            "April 2015",
            "Green",
            "Progress note",
        ]
        .map(String::from)
        .to_vec();
        assert!(heading_row(&cells, String::new()).is_none());
    }

    #[test]
    fn a_row_of_values_is_not_a_heading_row() {
        let cells: Vec<String> = ["1.1", "Review the audit", "Chair", "March 2013"]
            .map(String::from)
            .to_vec();
        assert!(heading_row(&cells, String::new()).is_none());
    }
}
