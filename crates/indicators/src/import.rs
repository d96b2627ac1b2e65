//! What every importer returns: the values read, or every problem found, each naming its
//! place (file, line, column) and saying how to fix it.
//!
//! Importers are pure (bytes in, values out) and all-or-nothing: a file with any error yields
//! no values at all, so nothing half-read can reach the store.

use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use crate::area::Area;
use crate::value::{Revision, Value};

/// At most this many problems are listed for one file; the rest are counted.
pub const MAX_ERRORS: usize = 100;

/// The kinds of problem an import can meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// Not a CSV or spreadsheet Boardplan can read (encoding, quoting, ragged rows).
    Unreadable,
    /// A CSV whose columns match no layout Boardplan knows.
    UnknownLayout,
    MissingColumn,
    UnknownIndicator,
    BadPeriod,
    BadArea,
    NonNumeric,
    DuplicateRow,
}

/// A column, by its 1-based position and its header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    pub number: usize,
    pub name: String,
}

/// One problem in one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{}: {problem} {fix}", self.place())]
pub struct ImportError {
    /// The file's name (with the sheet, for a spreadsheet).
    pub file: String,
    /// 1-based line (CSV) or row (spreadsheet); `None` for a problem with the whole file.
    pub line: Option<u64>,
    pub column: Option<Column>,
    pub kind: ProblemKind,
    /// What is wrong.
    pub problem: String,
    /// What to do about it.
    pub fix: String,
}

impl ImportError {
    pub(crate) fn new(
        file: &str,
        kind: ProblemKind,
        problem: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Self {
            file: file.to_owned(),
            line: None,
            column: None,
            kind,
            problem: problem.into(),
            fix: fix.into(),
        }
    }

    pub(crate) fn at_line(mut self, line: u64) -> Self {
        self.line = Some(line);
        self
    }

    pub(crate) fn at_column(mut self, index: usize, name: &str) -> Self {
        self.column = Some(Column {
            number: index + 1,
            name: name.to_owned(),
        });
        self
    }

    /// "b1.csv, line 12, column 19 (At31_episodes)".
    pub fn place(&self) -> String {
        let mut place = self.file.clone();
        if let Some(line) = self.line {
            place.push_str(&format!(", line {line}"));
        }
        if let Some(column) = &self.column {
            place.push_str(&format!(", column {} ({})", column.number, column.name));
        }
        place
    }
}

/// Every problem found in one file (up to [`MAX_ERRORS`], with a count of the rest).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
pub struct ImportErrors {
    pub errors: Vec<ImportError>,
    /// Problems found beyond the ones listed.
    pub more: usize,
}

impl ImportErrors {
    pub(crate) fn one(error: ImportError) -> Self {
        Self {
            errors: vec![error],
            more: 0,
        }
    }

    /// The first problem (there is always at least one).
    pub fn first(&self) -> Option<&ImportError> {
        self.errors.first()
    }
}

impl fmt::Display for ImportErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let total = self.errors.len() + self.more;
        let noun = if total == 1 { "problem" } else { "problems" };
        writeln!(f, "{total} {noun} found; nothing was imported:")?;
        for error in &self.errors {
            writeln!(f, "- {error}")?;
        }
        if self.more > 0 {
            writeln!(f, "- and {} more", self.more)?;
        }
        Ok(())
    }
}

/// Collects problems while a file is read, keeping the first [`MAX_ERRORS`].
#[derive(Debug, Default)]
pub(crate) struct Problems {
    errors: Vec<ImportError>,
    more: usize,
}

impl Problems {
    pub(crate) fn push(&mut self, error: ImportError) {
        if self.errors.len() < MAX_ERRORS {
            self.errors.push(error);
        } else {
            self.more += 1;
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub(crate) fn into_errors(self) -> ImportErrors {
        ImportErrors {
            errors: self.errors,
            more: self.more,
        }
    }

    pub(crate) fn into_result<T>(self, ok: T) -> Result<T, ImportErrors> {
        if self.errors.is_empty() {
            Ok(ok)
        } else {
            Err(self.into_errors())
        }
    }
}

/// Something worth telling the person importing, that did not stop the import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportWarning {
    pub line: Option<u64>,
    pub message: String,
}

impl ImportWarning {
    pub(crate) fn file(message: impl Into<String>) -> Self {
        Self {
            line: None,
            message: message.into(),
        }
    }
}

/// The values read from one file (or several, merged in publication order).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ImportedValues {
    /// The file's name, as the person importing gave it.
    pub file: String,
    /// The day the file was published, when known; carried into revisions.
    pub published_on: Option<Date>,
    pub values: Vec<Value>,
    /// Values that an earlier file in the same load published differently.
    pub revisions: Vec<Revision>,
    /// The areas the file names, once each, with their names and DfE numbers.
    pub areas: Vec<Area>,
    /// Data rows read (header excluded).
    pub rows_read: usize,
    pub warnings: Vec<ImportWarning>,
}

impl ImportedValues {
    pub(crate) fn named(file: &str) -> Self {
        Self {
            file: file.to_owned(),
            ..Self::default()
        }
    }

    /// Records the publication date, for the revisions a later merge makes.
    pub fn published_on(mut self, date: Date) -> Self {
        self.published_on = Some(date);
        self
    }
}

/// Which importer a CSV needs, told from its header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CsvLayout {
    /// DfE's published layout (`time_period`, `geographic_level`…).
    Dfe,
    /// The long layout (`area_code`, `period`, `indicator`, `value`…).
    Long,
}

/// Tells DfE's layout from the long one by the header row; `None` if it is neither.
pub fn detect_layout(bytes: &[u8]) -> Option<CsvLayout> {
    let body = without_bom(bytes);
    let header_line = body.split(|&b| b == b'\n').next()?;
    let header = String::from_utf8_lossy(header_line).to_ascii_lowercase();
    let has = |name: &str| {
        header
            .split(',')
            .any(|h| h.trim().trim_matches('"') == name)
    };
    if has("time_period") && has("geographic_level") {
        Some(CsvLayout::Dfe)
    } else if has("area_code") && has("indicator") && has("value") {
        Some(CsvLayout::Long)
    } else {
        None
    }
}

/// Imports a CSV in whichever layout its header shows.
pub fn import_csv(
    file: &str,
    bytes: &[u8],
    catalogue: &crate::catalogue::Catalogue,
) -> Result<ImportedValues, ImportErrors> {
    match detect_layout(bytes) {
        Some(CsvLayout::Dfe) => crate::import_dfe::import_dfe(file, bytes, catalogue),
        Some(CsvLayout::Long) => crate::import_long::import_long(file, bytes, catalogue),
        None => Err(ImportErrors::one(
            ImportError::new(
                file,
                ProblemKind::UnknownLayout,
                "The header row is neither DfE's layout (time_period, geographic_level, …) nor the long layout \
                 (area_code, period, indicator, value, …).",
                "Check that the first line is the header row, or choose the format explicitly.",
            )
            .at_line(1),
        )),
    }
}

/// Strips a UTF-8 byte-order mark, which Excel and some DfE files put at the start.
pub(crate) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// Turns a CSV reader's error into a problem at its line.
pub(crate) fn csv_problem(file: &str, error: &csv::Error) -> ImportError {
    let line = error.position().map(csv::Position::line);
    let (problem, fix) = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => (
            "The file is not UTF-8 text.".to_owned(),
            "Save it as CSV UTF-8 (in Excel: Save As, \"CSV UTF-8\").",
        ),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => (
            format!("This row has {len} cells but the header has {expected_len}."),
            "Check for a stray comma or a name with a comma that is not in quotes.",
        ),
        _ => (
            format!("The file could not be read as CSV ({error})."),
            "Save it as CSV (comma-separated values) and try again.",
        ),
    };
    let error = ImportError::new(file, ProblemKind::Unreadable, problem, fix);
    match line {
        Some(line) => error.at_line(line),
        None => error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_names_file_line_and_column_then_problem_then_fix() {
        let error = ImportError::new(
            "b1.csv",
            ProblemKind::NonNumeric,
            "`abc` is not a number.",
            "Write a number.",
        )
        .at_line(12)
        .at_column(18, "At31_episodes");
        assert_eq!(
            error.to_string(),
            "b1.csv, line 12, column 19 (At31_episodes): `abc` is not a number. Write a number."
        );
    }

    #[test]
    fn the_list_of_errors_says_nothing_was_imported() {
        let mut problems = Problems::default();
        for line in 2..(MAX_ERRORS as u64 + 5) {
            problems.push(
                ImportError::new("f.csv", ProblemKind::BadPeriod, "Bad.", "Fix.").at_line(line),
            );
        }
        let errors = problems.into_result(()).unwrap_err();
        assert_eq!(errors.errors.len(), MAX_ERRORS);
        assert_eq!(errors.more, 3);
        assert!(
            errors
                .to_string()
                .starts_with("103 problems found; nothing was imported:")
        );
    }

    #[test]
    fn the_layout_is_told_from_the_header_row() {
        assert_eq!(
            detect_layout(b"\xEF\xBB\xBFtime_period,time_identifier,geographic_level\n"),
            Some(CsvLayout::Dfe)
        );
        assert_eq!(
            detect_layout(b"area_code,area_name,period,indicator,measure,unit,value\n"),
            Some(CsvLayout::Long)
        );
        assert_eq!(detect_layout(b"name,age\n"), None);
    }

    #[test]
    fn a_byte_order_mark_is_removed_and_nothing_else() {
        assert_eq!(without_bom(b"\xEF\xBB\xBFtime_period"), b"time_period");
        assert_eq!(without_bom(b"time_period"), b"time_period");
    }
}
