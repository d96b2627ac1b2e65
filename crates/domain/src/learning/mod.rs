//! Learning and accountability (issue #14): what the board does to learn and to show that
//! practice changed. Training ([`training`]: courses, sessions, attendance counted by agency
//! and role, evaluation in three stages; the impact rolled up by course in [`impact`], and by priority,
//! agency and financial year in [`rollup`]; the needs it answers in [`needs`]), the
//! case reviews register ([`case_reviews`]: kinds, recommendations closed as implemented or
//! not implemented with reasons; pseudonymous case names in [`case_name`]; [`clocks`] for
//! the statutory clocks, on [`bank_holidays`]), and engagement with children, families and
//! practitioners ([`engagement`]: activities and the count per period behind the indicator
//! of 6.2).
//!
//! Pure types and rules; the store checks what needs the database.

pub mod bank_holidays;
pub mod case_name;
pub mod case_reviews;
pub mod clocks;
pub mod engagement;
pub mod impact;
pub mod needs;
pub mod rollup;
pub mod training;

use crate::progress::InvalidValue;

/// The longest free text kept in one field (a comment, what was said, evidence of impact);
/// longer text is refused, not cut.
pub const MAX_LONG_TEXT: usize = 4000;
/// The longest short text (a title, a trainer, an agency, a role, with whom).
pub const MAX_SHORT_TEXT: usize = 200;

/// `text` trimmed, or a problem naming the field if it is empty or longer than `max`.
pub fn required(field: &str, text: &str, max: usize) -> Result<String, InvalidValue> {
    let t = text.trim();
    if t.is_empty() {
        return Err(InvalidValue {
            problem: format!("the {field} is empty."),
            fix: format!("Give the {field}."),
        });
    }
    at_most(field, t, max)?;
    Ok(t.to_string())
}

/// `text` trimmed, none if blank, refused if longer than `max`.
pub fn optional(
    field: &str,
    text: Option<&str>,
    max: usize,
) -> Result<Option<String>, InvalidValue> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => {
            at_most(field, t, max)?;
            Ok(Some(t.to_string()))
        }
        None => Ok(None),
    }
}

fn at_most(field: &str, t: &str, max: usize) -> Result<(), InvalidValue> {
    if t.chars().count() > max {
        return Err(InvalidValue {
            problem: format!("the {field} is longer than {max} characters."),
            fix: "Shorten it.".into(),
        });
    }
    Ok(())
}
