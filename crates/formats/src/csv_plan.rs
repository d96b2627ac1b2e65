//! The plan as CSV, one row per action (the columns of [`crate::plan_rows`]).
//!
//! [`export`] writes RFC 4180 CSV: UTF-8 with a byte-order mark (so that Excel reads "–" and
//! "’" correctly), CRLF line ends, fields quoted only when they need it. [`import`] reads what
//! a business manager saves back: with or without the byte-order mark, comma-, semicolon- or
//! tab-separated, LF or CRLF, columns in any order matched by heading ignoring case, extra
//! columns (a "Progress" column) ignored, blank rows skipped.
//!
//! [`export_marked`] writes a [`SheetMark`] as the first row, above the headings; [`mark`]
//! reads it back (see [`crate::sheet_mark`]).

use domain::Partnership;

use crate::plan_rows::{self, Column};
use crate::sheet_mark::{self, SheetMark};
use crate::{FormatError, Place};

const BOM: &str = "\u{feff}";

/// The plan at `plan_index` as CSV text (an index past the last plan gives only the headings).
pub fn export(p: &Partnership, plan_index: usize) -> String {
    write(p, plan_index, None)
}

/// [`export`] with `mark` as the first row, so that the sheet says which state of the plan
/// it was taken from.
pub fn export_marked(p: &Partnership, plan_index: usize, mark: &SheetMark) -> String {
    write(p, plan_index, Some(mark))
}

fn write(p: &Partnership, plan_index: usize, mark: Option<&SheetMark>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .flexible(true)
        .from_writer(Vec::new());
    let rows = plan_rows::to_rows(p, plan_index);
    let marked = match mark {
        Some(m) => writer.write_record([sheet_mark::line(m)]),
        None => Ok(()),
    };
    let written = marked
        .and_then(|()| writer.write_record(Column::ALL.map(Column::heading)))
        .and_then(|()| {
            rows.iter()
                .try_for_each(|row| writer.write_record(Column::ALL.map(|c| row.cell(c))))
        });
    let bytes = written
        .map_err(|e| e.to_string())
        .and_then(|()| writer.into_inner().map_err(|e| e.to_string()));
    // Writing text to memory cannot fail, and text in gives text out.
    let bytes = bytes.expect("writing CSV to memory does not fail");
    let mut text = String::from(BOM);
    text.push_str(&String::from_utf8_lossy(&bytes));
    text
}

/// A new partnership with the plan at `plan_index` rebuilt from the CSV (see
/// [`plan_rows::apply_rows`]). Row numbers in errors count the heading row as row 1 and every
/// line of the file, blank or not, as a row, as a spreadsheet shows it.
pub fn import(
    bytes: &[u8],
    p: &Partnership,
    plan_index: usize,
) -> Result<Partnership, FormatError> {
    let records = records(
        bytes,
        "Export the plan as CSV from Boardplan, edit it, and import that file.",
    )?;
    let rows = plan_rows::read_table(records, |cell: &String| Ok(cell.clone()))?;
    plan_rows::apply_rows(p, plan_index, rows)
}

/// Every record of a CSV file with the row a spreadsheet shows it on (the heading row is 1,
/// blank lines count): with or without the byte-order mark, `,` `;` or tab separated. An
/// empty file is refused with `empty_fix` as the way out.
pub(crate) fn records(
    bytes: &[u8],
    empty_fix: &str,
) -> Result<Vec<(usize, Vec<String>)>, FormatError> {
    FormatError::check_size(bytes.len())?;
    let bytes = bytes.strip_prefix(BOM.as_bytes()).unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        return Err(FormatError::new(
            Place::Line(line),
            "the file is not UTF-8 text (it was probably saved as \"CSV (Comma delimited)\").",
            "In Excel, save it again as \"CSV UTF-8 (Comma delimited)\" and import that file.",
        ));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FormatError::new(
            Place::Document,
            "the file is empty.",
            empty_fix,
        ));
    }

    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(bytes))
        .from_reader(bytes);
    let mut records = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut row = 0;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                // The csv reader skips blank lines; count them, as a spreadsheet would.
                let start = record.position().map_or(0, |p| p.byte());
                let start = usize::try_from(start).unwrap_or(usize::MAX);
                row += 1 + blank_lines_at(bytes.get(start..).unwrap_or_default());
                records.push((row, record.iter().map(str::to_string).collect::<Vec<_>>()));
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(FormatError::new(
                    Place::Line(usize::try_from(line).unwrap_or(0)),
                    format!("the CSV cannot be read there: {e}."),
                    "Check the quotes in that line (a quote inside a cell is written twice: \"\"), or export a fresh sheet.",
                ));
            }
        }
    }
    Ok(records)
}

/// The mark in the sheet's first row, if it has one (a sheet exported before marks existed,
/// or whose first row was deleted, has none). Never fails: a sheet it cannot read has no mark,
/// and [`import`] says what is wrong with it.
pub fn mark(bytes: &[u8]) -> Option<SheetMark> {
    let bytes = bytes.strip_prefix(BOM.as_bytes()).unwrap_or(bytes);
    let first_line = bytes.iter().skip_while(|b| b.is_ascii_whitespace());
    let start = bytes.len() - first_line.count();
    let line = &bytes[start..];
    if !sheet_mark::starts_line(line) {
        return None;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(line);
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => record.get(0).and_then(sheet_mark::parse),
        _ => None,
    }
}

/// The separator the heading line uses most (the mark's line, if any, is skipped): `,` (the standard), `;` (Excel in much of Europe)
/// or a tab.
fn delimiter(bytes: &[u8]) -> u8 {
    let mut lines = bytes
        .split(|&b| b == b'\n')
        .map(<[u8]>::trim_ascii)
        .filter(|l| !l.is_empty());
    let first_line = lines
        .find(|l| !sheet_mark::starts_line(l))
        .unwrap_or_default()
        .iter();
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    for b in first_line {
        if let Some((_, n)) = counts.iter_mut().find(|(d, _)| d == b) {
            *n += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(d, n)| (*n, *d == b','))
        .map_or(b',', |(d, _)| *d)
}

/// How many blank lines start `bytes` (the csv reader folds them into the next record).
fn blank_lines_at(bytes: &[u8]) -> usize {
    let mut lines = 0;
    let mut iter = bytes.iter().peekable();
    while let Some(&b) = iter.peek() {
        match b {
            b'\n' => lines += 1,
            b'\r' if iter.clone().nth(1) != Some(&b'\n') => lines += 1,
            b'\r' => {}
            _ => break,
        }
        iter.next();
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_separator_is_guessed_from_the_heading_line() {
        assert_eq!(delimiter(b"Objective,Number,Action\n1,1.1,x"), b',');
        assert_eq!(delimiter(b"Objective;Number;Action\n"), b';');
        assert_eq!(delimiter(b"Objective\tNumber\tAction, with comma\n"), b'\t');
        assert_eq!(delimiter(b"Objective\n"), b',');
        assert_eq!(
            delimiter(b"\"Boardplan export of \"\"P\"\", v\",,\r\nObjective;Number;Action\n"),
            b';'
        );
    }

    #[test]
    fn blank_lines_before_a_record_are_counted() {
        assert_eq!(blank_lines_at(b"1,2\r\n"), 0);
        assert_eq!(blank_lines_at(b"\r\n\r\n1,2"), 2);
        assert_eq!(blank_lines_at(b"\n\n\n1"), 3);
        assert_eq!(blank_lines_at(b"\r\r1"), 2);
    }
}
