//! Progress on an action: RAG ratings, percent complete, updates with their evidence, and
//! sign-offs. Values are parsed at the edge, so an impossible one never gets further.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// The UK public-sector progress rating, with Blue (complete) and Grey (not started).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    Red,
    Amber,
    Green,
    Blue,
    Grey,
}

impl Rag {
    pub const ALL: [Rag; 5] = [Rag::Red, Rag::Amber, Rag::Green, Rag::Blue, Rag::Grey];

    /// What the rating means, in the words a board uses. Shown beside the colour, never
    /// instead of a word (colour alone must not carry meaning).
    pub fn meaning(self) -> &'static str {
        match self {
            Rag::Red => "off track",
            Rag::Amber => "some slippage",
            Rag::Green => "on track",
            Rag::Blue => "complete",
            Rag::Grey => "not started",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Green => "green",
            Rag::Blue => "blue",
            Rag::Grey => "grey",
        }
    }
}

impl fmt::Display for Rag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A value a person typed that Boardplan cannot accept, with what to do instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{problem} {fix}")]
pub struct InvalidValue {
    pub problem: String,
    pub fix: String,
}

impl InvalidValue {
    fn new(problem: impl Into<String>, fix: impl Into<String>) -> Self {
        Self {
            problem: problem.into(),
            fix: fix.into(),
        }
    }
}

impl FromStr for Rag {
    type Err = InvalidValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "red" | "r" => Ok(Rag::Red),
            "amber" | "a" | "yellow" => Ok(Rag::Amber),
            "green" | "g" => Ok(Rag::Green),
            "blue" | "b" | "complete" | "completed" => Ok(Rag::Blue),
            "grey" | "gray" | "not started" => Ok(Rag::Grey),
            other => Err(InvalidValue::new(
                format!("\"{other}\" is not a RAG rating."),
                "Use red, amber, green, blue (complete) or grey (not started).",
            )),
        }
    }
}

/// Percent complete, 0 to 100.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Percent(u8);

impl Percent {
    pub fn new(value: i64) -> Result<Self, InvalidValue> {
        u8::try_from(value)
            .ok()
            .filter(|v| *v <= 100)
            .map(Percent)
            .ok_or_else(|| {
                InvalidValue::new(
                    format!("{value}% is not a percentage of an action done."),
                    "Give a whole number from 0 to 100.",
                )
            })
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Percent {
    type Error = InvalidValue;
    fn try_from(v: u8) -> Result<Self, Self::Error> {
        Percent::new(i64::from(v))
    }
}

impl From<Percent> for u8 {
    fn from(p: Percent) -> u8 {
        p.0
    }
}

impl FromStr for Percent {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim().trim_end_matches('%').trim();
        let v: i64 = t.parse().map_err(|_| {
            InvalidValue::new(
                format!("\"{s}\" is not a percentage."),
                "Give a whole number from 0 to 100, e.g. 40.",
            )
        })?;
        Percent::new(v)
    }
}

/// Read a date a person typed (YYYY-MM-DD), refusing dates a plan cannot mean: before 1990
/// or after `latest` (normally a year or so from today).
pub fn parse_date(s: &str, latest: Date) -> Result<Date, InvalidValue> {
    let d: Date = s.trim().parse().map_err(|_| {
        InvalidValue::new(
            format!("\"{s}\" is not a date."),
            "Write dates as YYYY-MM-DD, e.g. 2009-09-30.",
        )
    })?;
    if d.year() < 1990 || d > latest {
        return Err(InvalidValue::new(
            format!("{d} is not a date this plan's progress can speak for."),
            format!("Give a date between 1990-01-01 and {latest}."),
        ));
    }
    Ok(d)
}

/// Evidence behind an update: a file kept in the store, or a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Evidence {
    File {
        sha256: String,
        name: String,
        media_type: String,
        size: u64,
    },
    Link {
        url: String,
        title: Option<String>,
    },
}

/// A progress update. Never edited in place: a correction is a new update naming the one it
/// corrects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Update {
    pub id: i64,
    /// The action's id in its plan ("4.2#2").
    pub action: String,
    pub rag: Rag,
    pub percent: Option<Percent>,
    pub narrative: String,
    /// The date the update speaks for (may be earlier than when it was recorded).
    pub as_of: Date,
    pub author: String,
    /// When it was recorded.
    pub recorded_at: jiff::Timestamp,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// The id of the update this one corrects, if any.
    #[serde(default)]
    pub corrects: Option<i64>,
}

/// A sign-off of an action's completion, which may later be withdrawn with a reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    pub id: i64,
    pub action: String,
    pub by: String,
    /// The role under which they signed (a role id).
    pub role: String,
    pub at: jiff::Timestamp,
    #[serde(default)]
    pub withdrawn: Option<Withdrawal>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawal {
    pub by: String,
    pub at: jiff::Timestamp,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rag_ratings_are_read_in_the_words_boards_use_and_purple_is_refused() {
        assert_eq!("Amber".parse::<Rag>(), Ok(Rag::Amber));
        assert_eq!(" G ".parse::<Rag>(), Ok(Rag::Green));
        assert_eq!("complete".parse::<Rag>(), Ok(Rag::Blue));
        assert_eq!("gray".parse::<Rag>(), Ok(Rag::Grey));
        let e = "purple".parse::<Rag>().unwrap_err();
        assert!(e.to_string().contains("\"purple\" is not a RAG rating"));
        assert!(e.fix.contains("red, amber, green"));
    }

    #[test]
    fn percent_is_a_whole_number_from_0_to_100() {
        assert_eq!("40".parse::<Percent>().map(Percent::get), Ok(40));
        assert_eq!("100%".parse::<Percent>().map(Percent::get), Ok(100));
        assert!(
            "140"
                .parse::<Percent>()
                .unwrap_err()
                .to_string()
                .contains("140%")
        );
        assert!(Percent::new(-1).is_err());
        assert!("forty".parse::<Percent>().is_err());
        assert!(serde_json::from_str::<Percent>("140").is_err());
    }

    #[test]
    fn dates_far_in_the_future_or_past_are_refused() {
        let latest: Date = "2027-12-31".parse().unwrap();
        assert_eq!(
            parse_date("2009-09-30", latest),
            Ok("2009-09-30".parse().unwrap())
        );
        assert!(
            parse_date("2090-01-01", latest)
                .unwrap_err()
                .fix
                .contains("2027-12-31")
        );
        assert!(parse_date("1850-01-01", latest).is_err());
        assert!(
            parse_date("31/09/2009", latest)
                .unwrap_err()
                .fix
                .contains("YYYY-MM-DD")
        );
    }
}
