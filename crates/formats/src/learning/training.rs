//! Training attendance and evaluation scores as sheets: one row per count or score under a
//! heading row, columns found by heading in any order and case. Every row is read and checked
//! before any is returned, so an import is all or nothing; a row repeating another's key
//! (the same session, agency and role; or session, stage, respondent and outcome) is refused
//! naming both rows.
//!
//! Attendance: Session, Agency, Role, Attended. Evaluation: Session, Stage (before, after,
//! follow_up), Respondent, Outcome, Score (1 to 10), and optionally Comment.

use std::collections::HashMap;

use domain::learning::training::{Attendance, Score, Stage};

use super::sheet::{self, Columns, SheetFormat};
use crate::{FormatError, Place};

/// The most rows one file may hold.
pub const MAX_ROWS: usize = 50_000;

const ATTENDANCE_FIX: &str =
    "Give a heading row (Session, Agency, Role, Attended) and one row per agency and role.";
const EVALUATION_FIX: &str = "Give a heading row (Session, Stage, Respondent, Outcome, Score, Comment) and one row per score.";

type Headings = [(&'static str, &'static str, &'static [&'static str])];

const ATTENDANCE: &Headings = &[
    ("session", "Session", &["session id", "session number"]),
    ("agency", "Agency", &["organisation", "organization"]),
    ("role", "Role", &["job role", "job title"]),
    (
        "attended",
        "Attended",
        &["count", "number", "attendees", "how many"],
    ),
];

const EVALUATION: &Headings = &[
    ("session", "Session", &["session id", "session number"]),
    ("stage", "Stage", &["when"]),
    ("respondent", "Respondent", &["reference", "participant"]),
    ("outcome", "Outcome", &["learning outcome"]),
    ("score", "Score", &["rating"]),
    ("comment", "Comment", &["comments"]),
];

/// A row's number as the sheet shows it, and its cells.
type Row = (usize, Vec<String>);

/// The heading row and the rows under it, or the error for a file with no rows.
fn split(rows: Vec<Row>, fix: &str) -> Result<(Row, Vec<Row>), FormatError> {
    let mut rows = rows.into_iter();
    let Some(head) = rows.next() else {
        return Err(FormatError::new(Place::Document, "the file is empty.", fix));
    };
    let rest: Vec<_> = rows.collect();
    if rest.is_empty() {
        return Err(FormatError::new(
            Place::Document,
            "the file has a heading row but no rows under it.",
            fix,
        ));
    }
    if rest.len() > MAX_ROWS {
        return Err(FormatError::new(
            Place::Document,
            format!("the file holds more than {MAX_ROWS} rows."),
            "Split it into smaller files.",
        ));
    }
    Ok((head, rest))
}

fn refuse(cols: &Columns, row: usize, (field, e): (&str, domain::InvalidValue)) -> FormatError {
    FormatError::new(cols.place(row, field), e.problem, e.fix)
}

/// Refuse `row` if `key` was on an earlier row.
fn once<K: std::hash::Hash + Eq>(
    seen: &mut HashMap<K, usize>,
    key: K,
    row: usize,
    what: &str,
) -> Result<(), FormatError> {
    if let Some(first) = seen.insert(key, row) {
        return Err(FormatError::new(
            Place::Row { row, column: None },
            format!("this row repeats row {first} ({what})."),
            "Keep one of the two rows.",
        ));
    }
    Ok(())
}

/// Attendance counts from a sheet, each with its row.
pub fn attendance(
    bytes: &[u8],
    format: SheetFormat,
) -> Result<Vec<(usize, Attendance)>, FormatError> {
    let ((head_row, head), rows) =
        split(sheet::rows(bytes, format, ATTENDANCE_FIX)?, ATTENDANCE_FIX)?;
    let cols = Columns::find(
        head_row,
        &head,
        ATTENDANCE,
        &["session", "agency", "role", "attended"],
        ATTENDANCE_FIX,
    )?;
    let mut seen = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for (row, cells) in rows {
        let count = cols.number(row, &cells, "attended")?;
        let a = Attendance {
            session: cols.number(row, &cells, "session")?,
            agency: cols.needed(row, &cells, "agency")?,
            role: cols.needed(row, &cells, "role")?,
            count: u32::try_from(count).map_err(|_| {
                FormatError::new(
                    cols.place(row, "attended"),
                    format!("{count} is too many."),
                    "Check the count.",
                )
            })?,
        }
        .checked()
        .map_err(|e| refuse(&cols, row, e))?;
        let key = (a.session, a.agency.to_lowercase(), a.role.to_lowercase());
        once(&mut seen, key, row, "the same session, agency and role")?;
        out.push((row, a));
    }
    Ok(out)
}

/// Evaluation scores from a sheet, each with its row.
pub fn evaluation(bytes: &[u8], format: SheetFormat) -> Result<Vec<(usize, Score)>, FormatError> {
    let ((head_row, head), rows) =
        split(sheet::rows(bytes, format, EVALUATION_FIX)?, EVALUATION_FIX)?;
    let cols = Columns::find(
        head_row,
        &head,
        EVALUATION,
        &["session", "stage", "respondent", "outcome", "score"],
        EVALUATION_FIX,
    )?;
    let mut seen = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for (row, cells) in rows {
        let stage: Stage = cols
            .needed(row, &cells, "stage")?
            .parse()
            .map_err(|e| refuse(&cols, row, ("stage", e)))?;
        let score = cols.number(row, &cells, "score")?;
        let s = Score {
            session: cols.number(row, &cells, "session")?,
            stage,
            respondent: cols.needed(row, &cells, "respondent")?,
            outcome: cols.needed(row, &cells, "outcome")?,
            score: u8::try_from(score).unwrap_or(u8::MAX),
            comment: cols.cell(&cells, "comment"),
        }
        .checked()
        .map_err(|e| refuse(&cols, row, e))?;
        let key = (
            s.session,
            s.stage,
            s.respondent.clone(),
            s.outcome.to_lowercase(),
        );
        once(
            &mut seen,
            key,
            row,
            "the same session, stage, respondent and outcome",
        )?;
        out.push((row, s));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attendance_is_read_by_heading_with_rows_as_the_sheet_numbers_them() {
        let csv =
            "Role,Agency,Session,Count\nSocial worker,Children's Services,3,12\n\nGP,Health,3,4\n";
        let rows = attendance(csv.as_bytes(), SheetFormat::Csv).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].0, 4);
        assert_eq!(rows[1].1.role, "GP");
        assert_eq!(rows[0].1.count, 12);
    }

    #[test]
    fn a_bad_row_is_named_by_row_and_column() {
        let csv = "Session,Agency,Role,Attended\n3,Health,GP,4\n3,Police,Officer,many\n";
        let e = attendance(csv.as_bytes(), SheetFormat::Csv).unwrap_err();
        assert_eq!(e.place.to_string(), "row 3, column \"Attended\"");
        let csv = "Session,Stage,Respondent,Outcome,Score\n1,before,r1,Neglect,4\n1,during,r1,Neglect,5\n";
        let e = evaluation(csv.as_bytes(), SheetFormat::Csv).unwrap_err();
        assert_eq!(e.place.to_string(), "row 3, column \"Stage\"");
        let csv = "Session,Stage,Respondent,Outcome,Score\n1,after,r1,Neglect,11\n";
        let e = evaluation(csv.as_bytes(), SheetFormat::Csv).unwrap_err();
        assert_eq!(e.place.to_string(), "row 2, column \"Score\"");
        let csv = "Session,Stage,Respondent,Outcome\n1,after,r1,Neglect\n";
        let e = evaluation(csv.as_bytes(), SheetFormat::Csv).unwrap_err();
        assert!(e.problem.contains("\"Score\""), "{e}");
    }

    #[test]
    fn a_repeated_row_is_refused_naming_both() {
        let csv = "Session,Agency,Role,Attended\n3,Health,GP,4\n3,health,gp,5\n";
        let e = attendance(csv.as_bytes(), SheetFormat::Csv).unwrap_err();
        assert_eq!(e.place.to_string(), "row 3");
        assert!(e.problem.contains("row 2"), "{e}");
    }

    #[test]
    fn scores_with_comments_are_read_from_csv() {
        let csv = "Session,Stage,Respondent,Outcome,Score,Comment\n1,Follow-up,r1,Neglect,7,Using the toolkit\n";
        let rows = evaluation(csv.as_bytes(), SheetFormat::Csv).unwrap();
        assert_eq!(rows[0].1.stage, Stage::FollowUp);
        assert_eq!(rows[0].1.comment.as_deref(), Some("Using the toolkit"));
    }
}
