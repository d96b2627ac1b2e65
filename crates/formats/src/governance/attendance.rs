//! Attendance as a sheet: one row per person per meeting under a heading row, columns found
//! by heading in any order and case (the headings of
//! [`domain::meetings::ATTENDANCE_COLUMNS`], with a few other spellings: "Meeting date",
//! "Member", "Status"). "Date", "Name" and "Attendance" are needed; "Sub-group" is blank for
//! the board's meetings and "Deputy" names who came instead. Every row is read and checked
//! before any is returned, so an import is all or nothing; the store then checks the meetings
//! and people named, again naming the row and column.

use domain::meetings::{Attendance, AttendanceLine};

use super::register::parse_day;
use super::sheet::{SheetKind, rows};
use crate::learning::sheet::Columns;
use crate::{FormatError, Place};

/// The most rows one file may hold: 200 people at 40 meetings for 5 years.
pub const MAX_ROWS: usize = 40_000;

const FIX: &str = "Give a heading row (Date, Sub-group, Name, Attendance, Deputy) and one row per person per meeting.";

/// `(field, heading, other spellings)`, the headings as `ATTENDANCE_COLUMNS` writes them.
const HEADINGS: &[(&str, &str, &[&str])] = &[
    ("date", "Date", &["Meeting date", "Meeting"]),
    ("subgroup", "Sub-group", &["Subgroup", "Group", "Body"]),
    ("name", "Name", &["Member", "Person"]),
    ("attendance", "Attendance", &["Status", "Attended"]),
    ("deputy", "Deputy", &["Represented by", "Deputy name"]),
];

/// The attendance rows of a file.
pub fn import(bytes: &[u8], kind: SheetKind) -> Result<Vec<AttendanceLine>, FormatError> {
    read(rows(bytes, kind, FIX)?)
}

fn read(records: Vec<(usize, Vec<String>)>) -> Result<Vec<AttendanceLine>, FormatError> {
    let mut records = records.into_iter();
    let Some((heading_row, headings)) = records.next() else {
        return Err(FormatError::new(Place::Document, "the file is empty.", FIX));
    };
    let columns = Columns::find(
        heading_row,
        &headings,
        HEADINGS,
        &["date", "name", "attendance"],
        FIX,
    )?;
    let mut lines = Vec::new();
    for (row, cells) in records {
        if lines.len() == MAX_ROWS {
            return Err(FormatError::new(
                Place::Row { row, column: None },
                format!("the file holds more than {MAX_ROWS} rows."),
                "Import attendance a year or two at a time.",
            ));
        }
        lines.push(line(&columns, row, &cells)?);
    }
    if lines.is_empty() {
        return Err(FormatError::new(
            Place::Document,
            "the file has a heading row but no attendance under it.",
            FIX,
        ));
    }
    Ok(lines)
}

fn line(c: &Columns, row: usize, cells: &[String]) -> Result<AttendanceLine, FormatError> {
    let date_text = c.needed(row, cells, "date")?;
    let date = parse_day(&date_text).ok_or_else(|| {
        FormatError::new(
            c.place(row, "date"),
            format!("\"{date_text}\" is not a date."),
            "Write it as 2009-06-17 or 17/06/2009.",
        )
    })?;
    let status: Attendance =
        c.needed(row, cells, "attendance")?
            .parse()
            .map_err(|e: domain::InvalidValue| {
                FormatError::new(c.place(row, "attendance"), e.problem, e.fix)
            })?;
    let deputy = c.cell(cells, "deputy");
    if deputy.is_some() && status != Attendance::Deputy {
        return Err(FormatError::new(
            c.place(row, "deputy"),
            "a deputy is named only when one came instead.",
            "Write deputy in the Attendance column, or leave the Deputy cell blank.",
        ));
    }
    Ok(AttendanceLine {
        row,
        date,
        subgroup: c.cell(cells, "subgroup"),
        person: c.needed(row, cells, "name")?,
        status,
        deputy,
    })
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
    fn columns_are_found_by_heading_and_each_row_read() {
        let lines = read(rows(&[
            &["Member", "STATUS", "Meeting date", "Sub-group", "Deputy"],
            &["Ann Lee", "present", "17/06/2009", "", ""],
            &["Bob Ray", "Deputy", "2009-07-08", "Training", "Sam Cole"],
        ]))
        .unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].row, 2);
        assert_eq!(lines[0].date, jiff::civil::date(2009, 6, 17));
        assert_eq!(lines[0].subgroup, None);
        assert_eq!(lines[1].status, Attendance::Deputy);
        assert_eq!(lines[1].subgroup.as_deref(), Some("Training"));
        assert_eq!(lines[1].deputy.as_deref(), Some("Sam Cole"));
    }

    #[test]
    fn a_bad_cell_is_named_by_row_and_column() {
        let e = read(rows(&[
            &["Date", "Name", "Attendance"],
            &["2009-06-17", "Ann Lee", "present"],
            &["2009-06-17", "Bob Ray", "late"],
        ]))
        .unwrap_err();
        assert_eq!(e.place.to_string(), "row 3, column \"Attendance\"");
        let e = read(rows(&[
            &["Date", "Name", "Attendance"],
            &["June", "Ann Lee", "present"],
        ]))
        .unwrap_err();
        assert_eq!(e.place.to_string(), "row 2, column \"Date\"");
        let e = read(rows(&[
            &["Date", "Name", "Attendance", "Deputy"],
            &["2009-06-17", "Ann Lee", "present", "Sam Cole"],
        ]))
        .unwrap_err();
        assert_eq!(e.place.to_string(), "row 2, column \"Deputy\"");
        let e = read(rows(&[&["Date", "Name"], &["2009-06-17", "Ann"]])).unwrap_err();
        assert!(e.problem.contains("\"Attendance\""), "{e}");
    }
}
