//! One error type for every importer: where the problem is, what it is, how to fix it.

use std::fmt;

/// Where in a document a problem sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The whole document (empty, too large, not text...).
    Document,
    /// A 1-based line of a text document.
    Line(usize),
    /// A 1-based row, and optionally the column heading, of a table (CSV, sheet).
    Row { row: usize, column: Option<String> },
    /// A path inside a JSON document, e.g. `plans[0].objectives[3].actions[1].number`.
    Field(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Document => write!(f, "the document"),
            Place::Line(n) => write!(f, "line {n}"),
            Place::Row { row, column: None } => write!(f, "row {row}"),
            Place::Row {
                row,
                column: Some(c),
            } => write!(f, "row {row}, column \"{c}\""),
            Place::Field(path) => write!(f, "field {path}"),
        }
    }
}

/// A document that cannot be imported. Its message names the place and says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {problem} {fix}")]
pub struct FormatError {
    pub place: Place,
    /// What is wrong, in plain words.
    pub problem: String,
    /// What the user can do about it.
    pub fix: String,
}

impl FormatError {
    pub fn new(place: Place, problem: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            place,
            problem: problem.into(),
            fix: fix.into(),
        }
    }

    /// Refuse a document larger than [`crate::MAX_DOCUMENT_BYTES`].
    pub fn check_size(len: usize) -> Result<(), Self> {
        if len > crate::MAX_DOCUMENT_BYTES {
            return Err(Self::new(
                Place::Document,
                format!(
                    "the file is {:.1} MB, more than the {} MB a plan document may be.",
                    len as f64 / 1_048_576.0,
                    crate::MAX_DOCUMENT_BYTES / 1_048_576
                ),
                "Check that this is the plan and not another file; split a very large plan into several imports.",
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_names_the_place_then_the_problem_then_the_fix() {
        let e = FormatError::new(
            Place::Row {
                row: 3,
                column: Some("Due".into()),
            },
            "\"31/02/2010\" is not a date.",
            "Write the date as 2010-02-28.",
        );
        assert_eq!(
            e.to_string(),
            "row 3, column \"Due\": \"31/02/2010\" is not a date. Write the date as 2010-02-28."
        );
    }

    #[test]
    fn a_document_over_the_limit_is_refused() {
        assert!(FormatError::check_size(crate::MAX_DOCUMENT_BYTES).is_ok());
        let e = FormatError::check_size(50 * 1024 * 1024).unwrap_err();
        assert_eq!(e.place, Place::Document);
        assert!(e.problem.contains("50.0 MB"), "{}", e.problem);
    }
}
