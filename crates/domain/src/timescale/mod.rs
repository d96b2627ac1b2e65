//! Timescales as written ("September 2009", "Training Plan 2010-11", "Annually") and as
//! interpreted: a due date, a period, or a recurrence, marked `inferred` where it was guessed.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

mod read;
mod words;

pub use words::MONTHS;

use read::{read_words, to_be_confirmed};

/// The label of a carried action waiting for a new date.
pub const TO_BE_RETIMED: &str = "To be re-timed";

/// "To be re-timed (was …)", as [`Timescale::to_be_retimed`] writes it (or a person does).
fn to_be_retimed(lower: &str) -> bool {
    let l = lower.trim_start();
    l.starts_with("to be re-timed") || l.starts_with("to be retimed")
}

/// An inclusive span of days, e.g. a financial year 2010-04-01 ..= 2011-03-31.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

impl Period {
    /// A period, refused when it ends before it starts.
    pub fn new(start: Date, end: Date) -> Result<Self, String> {
        if end < start {
            return Err(format!(
                "the period ends ({end}) before it starts ({start})"
            ));
        }
        Ok(Self { start, end })
    }

    /// The UK financial year that starts in April of `start_year`.
    pub fn financial_year(start_year: i16) -> Option<Self> {
        Some(Self {
            start: Date::new(start_year, 4, 1).ok()?,
            end: Date::new(start_year.checked_add(1)?, 3, 31).ok()?,
        })
    }

    pub fn contains(&self, d: Date) -> bool {
        self.start <= d && d <= self.end
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    Yearly,
    Quarterly,
    Monthly,
    /// "Ongoing": no end and no cycle.
    Ongoing,
}

/// A timescale: the label exactly as written, and what Boardplan made of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timescale {
    pub label: String,
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub period: Option<Period>,
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
    /// True when the reading was a guess the board should confirm.
    #[serde(default)]
    pub inferred: bool,
}

/// A timescale as read from its label, and what the board should check about the reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub timescale: Timescale,
    /// Names the label and says what was (or was not) made of it.
    pub warning: Option<String>,
}

impl Timescale {
    /// A timescale with only its label: nothing could be read from it.
    pub fn unread(label: &str) -> Self {
        Self {
            label: label.trim().to_string(),
            due: None,
            period: None,
            recurrence: None,
            inferred: false,
        }
    }

    /// Read a timescale label. `plan` is the plan's period, used to anchor recurrences and
    /// relative forms ("Annually", "by the end of the financial year").
    ///
    /// The label is always kept as written; a label nothing can be read from comes back with
    /// no due date, no period and no recurrence, for the importer to report.
    pub fn parse(label: &str, plan: Option<Period>) -> Self {
        Self::read(label, plan).timescale
    }

    /// Read a timescale label as [`Timescale::parse`] does, with a warning naming the label
    /// when the reading needs the board's eye: a date that does not exist ("31/02/2012", read
    /// as no due date), two months where one is meant ("June/July 2012", read as the later
    /// one's end), or a date said to be still "to be confirmed" (read as no due date).
    pub fn read(label: &str, plan: Option<Period>) -> Reading {
        let mut t = Self::unread(label);
        let lower = t.label.to_lowercase();
        if to_be_retimed(&lower) {
            // Its old date, written beside it, is history: not a due date.
            return Reading {
                timescale: t,
                warning: None,
            };
        }
        let words: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
            .filter(|w| !w.is_empty())
            .collect();
        let warning = read_words(&mut t, &lower, &words, plan);
        Reading {
            timescale: t,
            warning,
        }
    }

    /// True when the label says its date is still to be set ("To be confirmed", "TBC").
    pub fn is_to_be_confirmed(&self) -> bool {
        let lower = self.label.to_lowercase();
        to_be_confirmed(&lower)
    }

    /// The timescale of an action carried into a new plan without a new date: no due date,
    /// so it is not overdue on the new plan's first day, and a label that says so and keeps
    /// what it was ("To be re-timed (was September 2009)"), until someone gives it a date.
    pub fn to_be_retimed(was: Option<&Timescale>) -> Self {
        // Marked once: carrying an unre-timed action forward again keeps its first label.
        if let Some(w) = was.filter(|w| w.is_to_be_retimed()) {
            return w.clone();
        }
        match was.map(|w| w.label.trim()).filter(|l| !l.is_empty()) {
            Some(l) => Self::unread(&format!("{TO_BE_RETIMED} (was {l})")),
            None => Self::unread(TO_BE_RETIMED),
        }
    }

    /// True when the timescale still waits for a new date after a carry-forward (see
    /// [`Timescale::to_be_retimed`]).
    pub fn is_to_be_retimed(&self) -> bool {
        self.due.is_none() && to_be_retimed(&self.label.to_lowercase())
    }

    /// True when nothing could be read from the label.
    pub fn is_unread(&self) -> bool {
        self.due.is_none() && self.period.is_none() && self.recurrence.is_none()
    }
}

#[cfg(test)]
mod tests;
