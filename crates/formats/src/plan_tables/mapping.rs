//! A heading row read: which field each column holds, once the row as a whole is seen (the
//! plainer of two action-like columns, one column per field, "Ref" as the numbers when
//! nothing else is).

use serde::Serialize;

use super::columns::{Field, recognise, words};
use super::overrides::{Overrides, field_name};

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
    /// "override" when `--map` gave the field, "inferred" when it was read from the heading.
    pub from: &'static str,
}

pub(crate) const INFERRED: &str = "inferred";
pub(crate) const OVERRIDE: &str = "override";

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
            from: INFERRED,
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

/// Read `cells` as a heading row with the `--map` overrides applied. A row that is not
/// recognised as a heading row on its own is one when a mapped heading is in it and, mapped,
/// it has a column for the actions.
pub(crate) fn heading_row_with(cells: &[String], place: String, o: &Overrides) -> Option<Mapping> {
    let mapped = |c: &String| o.field_for(c).is_some();
    let mut m = match heading_row(cells, place.clone()) {
        Some(m) => m,
        None if cells.iter().any(mapped) => Mapping {
            place,
            columns: cells
                .iter()
                .map(|c| ColumnUse {
                    heading: c.replace('\n', " "),
                    field: recognise(c).map_or(Field::Note, |(f, _)| f),
                    because: None,
                    from: INFERRED,
                })
                .collect(),
        },
        None => return None,
    };
    apply(&mut m, o);
    m.column(Field::Action).is_some().then_some(m)
}

/// Give each mapped heading its field; a column the override displaces (another column
/// recognised as the same field) becomes a note, saying why.
fn apply(m: &mut Mapping, o: &Overrides) {
    let given: Vec<Option<Field>> = m.columns.iter().map(|c| o.field_for(&c.heading)).collect();
    for (c, g) in m.columns.iter_mut().zip(&given) {
        if let Some(f) = g {
            c.field = *f;
            c.because = None;
            c.from = OVERRIDE;
        }
    }
    for (i, g) in given.iter().enumerate() {
        let Some(f) = g else { continue };
        if matches!(f, Field::Note | Field::Status) {
            continue;
        }
        for (j, c) in m.columns.iter_mut().enumerate() {
            if j != i && given[j].is_none() && c.field == *f {
                // Back to what its heading says, unless that is the field taken from it.
                c.field = recognise(&c.heading)
                    .map(|(r, _)| r)
                    .filter(|r| r != f)
                    .unwrap_or(Field::Note);
                c.because = Some(format!("--map makes another column the {}", field_name(*f)));
            }
        }
    }
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

#[cfg(test)]
mod override_tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn a_mapped_heading_gets_its_field_and_displaces_the_recognised_one() {
        let mut o = Overrides::default();
        o.add_map("lead=responsible  OFFICER").unwrap();
        let cells = row(&["Action", "Lead", "Responsible Officer", "By when"]);
        let plain = heading_row(&cells, String::new()).unwrap();
        assert_eq!(plain.columns[1].field, Field::Lead);
        assert_eq!(plain.columns[1].from, INFERRED);
        let m = heading_row_with(&cells, String::new(), &o).unwrap();
        assert_eq!(m.columns[2].field, Field::Lead);
        assert_eq!(m.columns[2].from, OVERRIDE);
        assert_eq!(m.columns[1].field, Field::Note);
        assert!(m.columns[1].because.as_deref().unwrap().contains("--map"));
        assert_eq!(m.columns[3].from, INFERRED);
    }

    #[test]
    fn a_mapped_heading_makes_a_heading_row_of_one_not_recognised() {
        let cells = row(&["Step", "Person", "Month"]);
        assert!(heading_row(&cells, String::new()).is_none());
        let mut o = Overrides::default();
        o.add_map("action=Step").unwrap();
        o.add_map("lead=Person").unwrap();
        let m = heading_row_with(&cells, String::new(), &o).unwrap();
        let fields: Vec<Field> = m.columns.iter().map(|c| c.field).collect();
        assert_eq!(fields, [Field::Action, Field::Lead, Field::Note]);
        // Mapped, but still with nothing to hold the actions: not a heading row.
        let mut only_lead = Overrides::default();
        only_lead.add_map("lead=Person").unwrap();
        assert!(heading_row_with(&cells, String::new(), &only_lead).is_none());
    }
}
