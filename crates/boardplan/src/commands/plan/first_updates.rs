//! The date a board's own plan document's status speaks for (`--as-of`), for the first
//! progress updates its rows give. What those updates are and how they are recorded is in
//! `store::FirstUpdates`, shared with the web import.

use anyhow::{Result, anyhow};
use domain::Date;
use formats::plan_tables::Preview;

pub use store::FirstUpdates;

use crate::commands::resolve::{self, today};

/// `--as-of`, refused (naming the flag) before anything is read or written.
pub fn as_of(typed: Option<&str>) -> Result<Date> {
    match typed {
        Some(d) => {
            resolve::day("--as-of", d, today()).map_err(|e| anyhow!("{e}\nNothing was written."))
        }
        None => Ok(today()),
    }
}

/// The date the updates speak for: `--as-of` if given, else the document's own date (when it
/// has one, not after today), else today. Returns it, and whether it is the document's.
pub fn dated(typed: Option<&str>, document: Option<Date>) -> Result<(Date, bool)> {
    let given = as_of(typed)?;
    match document.filter(|d| typed.is_none() && *d <= today()) {
        Some(d) => Ok((d, true)),
        None => Ok((given, false)),
    }
}

/// The first updates of every action whose row has a rating.
pub fn from_preview(preview: &Preview, file: &str, as_of: Date) -> FirstUpdates {
    FirstUpdates::from_preview(preview, file, as_of)
}
