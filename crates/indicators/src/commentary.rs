//! Commentary: what a named author says about an indicator's value in a period, so that a board
//! paper reports "performance indicators with commentary and trends" [2.2] and the workforce
//! figures with commentary [13.2].

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::code::{AreaCode, IndicatorCode};
use crate::period::Period;

/// The longest commentary accepted: a few paragraphs, not a report.
pub const MAX_TEXT: usize = 10_000;

/// Why a commentary was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommentaryError {
    #[error("The commentary has no author. Name the person (or role) writing it.")]
    NoAuthor,
    #[error(
        "The commentary is empty. Write what the figure means for children, or leave no commentary."
    )]
    Empty,
    #[error(
        "The commentary is {0} characters long. Keep it under 10,000 characters and link to a fuller report."
    )]
    TooLong(usize),
}

/// One author's commentary on one indicator in one period (for one area, where the partnership
/// covers more than one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commentary {
    pub indicator: IndicatorCode,
    pub area_code: Option<AreaCode>,
    pub period: Period,
    pub author: String,
    pub written_on: Date,
    pub text: String,
}

impl Commentary {
    /// A commentary, with author and text trimmed and checked.
    pub fn new(
        indicator: IndicatorCode,
        area_code: Option<AreaCode>,
        period: Period,
        author: &str,
        written_on: Date,
        text: &str,
    ) -> Result<Self, CommentaryError> {
        let author = author.trim();
        let text = text.trim();
        if author.is_empty() {
            return Err(CommentaryError::NoAuthor);
        }
        if text.is_empty() {
            return Err(CommentaryError::Empty);
        }
        let length = text.chars().count();
        if length > MAX_TEXT {
            return Err(CommentaryError::TooLong(length));
        }
        Ok(Self {
            indicator,
            area_code,
            period,
            author: author.to_owned(),
            written_on,
            text: text.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn write(author: &str, text: &str) -> Result<Commentary, CommentaryError> {
        Commentary::new(
            IndicatorCode::new("sw-caseload").unwrap(),
            AreaCode::new("E09000021").ok(),
            Period::year_to_30_september(2025).unwrap(),
            author,
            date(2026, 3, 2),
            text,
        )
    }

    #[test]
    fn a_commentary_keeps_its_author_and_trimmed_text() {
        let commentary = write(" Head of Service ", " Caseloads fell after recruitment. ").unwrap();
        assert_eq!(commentary.author, "Head of Service");
        assert_eq!(commentary.text, "Caseloads fell after recruitment.");
    }

    #[test]
    fn a_commentary_needs_an_author_and_words() {
        assert_eq!(write("", "Text").unwrap_err(), CommentaryError::NoAuthor);
        assert_eq!(write("Chair", "  ").unwrap_err(), CommentaryError::Empty);
        assert!(matches!(
            write("Chair", &"x".repeat(MAX_TEXT + 1)),
            Err(CommentaryError::TooLong(_))
        ));
    }
}
