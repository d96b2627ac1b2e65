//! The member register as a sheet: one row per person under a heading row, columns found by
//! heading in any order and case (the headings of [`domain::governance::REGISTER_COLUMNS`],
//! with a few other spellings people use: "Role", "Organisation", "E-mail"). "Name" and
//! "Board role" are needed; other columns may be left out, and columns Boardplan does not
//! know are ignored. Dates are `YYYY-MM-DD` or `DD/MM/YYYY`; expertise is tags separated by
//! commas or semicolons. Every row is read and checked before any is returned, so an import
//! is all or nothing.

use domain::governance::{REGISTER_COLUMNS, expertise_tags, heading};
use domain::{BoardRole, Date, Person};

use crate::{FormatError, Place};

/// The most people one file may hold: a board has tens; thousands is a wrong file.
pub const MAX_PEOPLE: usize = 2000;

const FIX_EMPTY: &str = "Give a heading row (Name, Agency, Job title, Board role, Expertise, …) and one row per person.";

/// Which kind of file a register is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterFormat {
    Csv,
    Xlsx,
}

impl RegisterFormat {
    /// The format a file's name says, if it is one the register is read from.
    pub fn from_file_name(name: &str) -> Option<Self> {
        let lower = name.to_lowercase();
        if lower.ends_with(".csv") {
            Some(Self::Csv)
        } else if lower.ends_with(".xlsx") {
            Some(Self::Xlsx)
        } else {
            None
        }
    }
}

/// The people of a register file, each with the row it is on.
pub fn import(bytes: &[u8], format: RegisterFormat) -> Result<Vec<(usize, Person)>, FormatError> {
    let records: Vec<(usize, Vec<String>)> = match format {
        RegisterFormat::Csv => crate::csv_plan::records(bytes, FIX_EMPTY)?,
        RegisterFormat::Xlsx => {
            let rows = crate::xlsx_plan::worksheet(bytes, "Members", FIX_EMPTY)?;
            let mut out = Vec::with_capacity(rows.len());
            for (row, cells) in rows {
                let mut texts = Vec::with_capacity(cells.len());
                for cell in &cells {
                    texts.push(crate::xlsx_plan::cell_text(cell).map_err(|problem| {
                        FormatError::new(
                            Place::Row { row, column: None },
                            problem,
                            "Type the value into the cell instead of a formula.",
                        )
                    })?);
                }
                out.push((row, texts));
            }
            out
        }
    };
    read(records)
}

/// The field a heading stands for.
fn field_of(h: &str) -> Option<&'static str> {
    let k = h.trim().to_lowercase().replace(['-', '_'], " ");
    let alias = match k.as_str() {
        "role" => Some("board_role"),
        "organisation" | "organization" => Some("agency"),
        "e mail" | "email address" | "e mail address" => Some("email"),
        "title" | "post" => Some("job_title"),
        "term end" => Some("term_ends"),
        "part" | "part they play" => Some("part"),
        _ => None,
    };
    alias.or_else(|| {
        REGISTER_COLUMNS
            .iter()
            .find(|(f, h)| h.to_lowercase() == k || f.replace('_', " ") == k)
            .map(|(f, _)| *f)
    })
}

fn read(records: Vec<(usize, Vec<String>)>) -> Result<Vec<(usize, Person)>, FormatError> {
    let blank = |cells: &[String]| cells.iter().all(|c| c.trim().is_empty());
    let mut records = records.into_iter().filter(|(_, cells)| !blank(cells));
    let Some((heading_row, headings)) = records.next() else {
        return Err(FormatError::new(
            Place::Document,
            "the file is empty.",
            FIX_EMPTY,
        ));
    };
    let mut columns: Vec<Option<&'static str>> = Vec::with_capacity(headings.len());
    for h in &headings {
        let field = field_of(h);
        if let Some(f) = field
            && columns.contains(&Some(f))
        {
            return Err(FormatError::new(
                Place::Row {
                    row: heading_row,
                    column: Some(h.trim().to_string()),
                },
                format!("there are two \"{}\" columns.", heading(f)),
                "Keep one and delete the other.",
            ));
        }
        columns.push(field);
    }
    for needed in ["name", "board_role"] {
        if !columns.contains(&Some(needed)) {
            return Err(FormatError::new(
                Place::Row {
                    row: heading_row,
                    column: None,
                },
                format!("the heading row has no \"{}\" column.", heading(needed)),
                FIX_EMPTY,
            ));
        }
    }
    let mut people = Vec::new();
    for (row, cells) in records {
        if people.len() == MAX_PEOPLE {
            return Err(FormatError::new(
                Place::Row { row, column: None },
                format!("the file holds more than {MAX_PEOPLE} people."),
                "Check it is the member register; a board has tens of members.",
            ));
        }
        people.push((row, person(row, &columns, &cells)?));
    }
    if people.is_empty() {
        return Err(FormatError::new(
            Place::Document,
            "the file has a heading row but nobody under it.",
            FIX_EMPTY,
        ));
    }
    Ok(people)
}

fn person(
    row: usize,
    columns: &[Option<&'static str>],
    cells: &[String],
) -> Result<Person, FormatError> {
    let at = |field: &str| Place::Row {
        row,
        column: Some(heading(field).to_string()),
    };
    let cell = |field: &str| -> Option<String> {
        columns
            .iter()
            .position(|c| *c == Some(field))
            .and_then(|i| cells.get(i))
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
    };
    let role_text = cell("board_role").ok_or_else(|| {
        FormatError::new(
            at("board_role"),
            "the board role is empty.",
            "Give chair, vice-chair, member, adviser, lay member, observer or participant.",
        )
    })?;
    let board_role: BoardRole = role_text
        .parse()
        .map_err(|e: domain::InvalidValue| FormatError::new(at("board_role"), e.problem, e.fix))?;
    let day = |field: &str| -> Result<Option<Date>, FormatError> {
        cell(field)
            .map(|t| {
                parse_day(&t).ok_or_else(|| {
                    FormatError::new(
                        at(field),
                        format!("\"{t}\" is not a date."),
                        "Write it as 2009-04-01 or 01/04/2009.",
                    )
                })
            })
            .transpose()
    };
    let p = Person {
        name: cell("name").unwrap_or_default(),
        agency: cell("agency"),
        job_title: cell("job_title"),
        board_role,
        expertise: expertise_tags(&cell("expertise").unwrap_or_default()),
        part: cell("part"),
        appointed: day("appointed")?,
        term_ends: day("term_ends")?,
        deputy: cell("deputy"),
        email: cell("email"),
        account: cell("account"),
    }
    .tidied();
    p.check()
        .map_err(|(field, e)| FormatError::new(at(field), e.problem, e.fix))?;
    Ok(p)
}

/// `2009-04-01` or, as UK spreadsheets write it, `01/04/2009`.
pub(crate) fn parse_day(t: &str) -> Option<Date> {
    if let Ok(d) = t.parse::<Date>() {
        return Some(d);
    }
    let mut parts = t.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(lines: &[&[&str]]) -> Vec<(usize, Vec<String>)> {
        (1..)
            .zip(lines)
            .map(|(n, l)| (n, l.iter().map(|c| c.to_string()).collect()))
            .collect()
    }

    #[test]
    fn columns_are_found_by_heading_in_any_order_and_spelling() {
        let people = read(rows(&[
            &[
                "ROLE",
                "name",
                "Organisation",
                "Appointed",
                "Expertise",
                "Notes",
            ],
            &[
                "Vice chair",
                "Ann Lee",
                "Probation",
                "01/04/2009",
                "courts; adults",
                "x",
            ],
        ]))
        .unwrap();
        let (row, p) = &people[0];
        assert_eq!(*row, 2);
        assert_eq!(p.board_role, BoardRole::ViceChair);
        assert_eq!(p.agency.as_deref(), Some("Probation"));
        assert_eq!(p.appointed, Some(jiff::civil::date(2009, 4, 1)));
        assert_eq!(p.expertise, ["courts", "adults"]);
    }

    #[test]
    fn a_bad_cell_is_named_by_row_and_column() {
        let e = read(rows(&[
            &["Name", "Board role", "Term ends"],
            &["Ann Lee", "member", "2012-03-31"],
            &["Bob Ray", "treasurer", ""],
        ]))
        .unwrap_err();
        assert_eq!(e.place.to_string(), "row 3, column \"Board role\"");
        let e = read(rows(&[
            &["Name", "Board role", "Term ends"],
            &["Ann Lee", "member", "31 March"],
        ]))
        .unwrap_err();
        assert_eq!(e.place.to_string(), "row 2, column \"Term ends\"");
        let e = read(rows(&[&["Name", "Email"], &["Ann", "a@b.org"]])).unwrap_err();
        assert!(e.problem.contains("\"Board role\""), "{e}");
    }
}
