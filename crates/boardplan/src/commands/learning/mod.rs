//! Learning and accountability (issue #14): `boardplan training …` (courses, sessions,
//! attendance and evaluation imports, impact), `boardplan review …` (the case reviews
//! register and its recommendations) and `boardplan engagement add|list`. `--json` prints the
//! API's own wire types where the API has them, so scripts see one shape.

pub(crate) mod engagement;
pub(crate) mod review;
pub(crate) mod training;
mod training_import;
mod training_need;
mod training_report;

use anyhow::{Result, anyhow};

/// A list given as repeated flags or commas ("3, 16"), tidied.
pub(crate) fn list(values: &[String]) -> Vec<String> {
    values
        .iter()
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

/// A day typed on the command line, named by its flag.
pub(crate) fn day(flag: &str, typed: &str) -> Result<domain::Date> {
    crate::commands::resolve::day(flag, typed, crate::commands::resolve::years_ahead(5))
}

/// A domain refusal, naming the flag.
pub(crate) fn refused(flag: &str, e: domain::InvalidValue) -> anyhow::Error {
    anyhow!("{flag}: {} {}", e.problem, e.fix)
}
