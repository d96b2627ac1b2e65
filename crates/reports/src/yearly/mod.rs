//! What the partnership's yearly report is made from beyond the plan (issue #14, item 5): the
//! financial year, which statutory list of headings it follows ([`Framework`]), the business
//! manager's narrative per section and the distribution list, and the year's training
//! evaluation, case reviews, engagement and funding. Plain values the store gathers
//! (`store::reports::yearly`); the headings each framework asks for are in [`headings`], and
//! which sections show evidence of impact in [`evidence`].

pub mod evidence;
pub mod headings;
pub mod sample;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

use domain::Date;
use domain::learning::case_reviews::{CaseReviewKind, RecommendationStatus};
use domain::learning::engagement::Activity;
use domain::learning::rollup::YearEvaluation;
use serde::Serialize;

pub use evidence::{SectionCheck, check};
pub use headings::{Heading, Part, headings};

/// The key under which the distribution list is kept beside the sections' narratives.
pub const DISTRIBUTION: &str = "distribution";

/// Which statutory list of headings the report follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Framework {
    /// A children's safeguarding partnership: the yearly report of Working Together to
    /// Safeguard Children 2023.
    #[default]
    WorkingTogether,
    /// A safeguarding adults board: the annual report of the Care Act 2014, Schedule 2,
    /// paragraph 4, items (a) to (g).
    CareAct,
}

impl Framework {
    pub fn as_str(self) -> &'static str {
        match self {
            Framework::WorkingTogether => "working-together",
            Framework::CareAct => "care-act",
        }
    }

    /// The framework's name as the report cites it.
    pub fn label(self) -> &'static str {
        match self {
            Framework::WorkingTogether => "Working Together to Safeguard Children 2023",
            Framework::CareAct => "the Care Act 2014, Schedule 2",
        }
    }
}

impl fmt::Display for Framework {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A framework nobody knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "framework: \"{0}\" is not a framework. Use working-together (a children's safeguarding partnership) or care-act (a safeguarding adults board)."
)]
pub struct UnknownFramework(pub String);

impl FromStr for Framework {
    type Err = UnknownFramework;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().replace(['_', ' '], "-").as_str() {
            "working-together" => Ok(Framework::WorkingTogether),
            "care-act" => Ok(Framework::CareAct),
            _ => Err(UnknownFramework(s.to_owned())),
        }
    }
}

/// A financial year written wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "--year: \"{0}\" is not a financial year. Write it as YYYY-YY, e.g. 2009-10 (1 April 2009 to 31 March 2010)."
)]
pub struct BadYear(pub String);

/// A financial year as boards write it, `2009-10`: its label and first and last days. Only
/// that form is taken, so that `2009` (which year?) and `2009-11` are refused.
pub fn financial_year(text: &str) -> Result<(String, Date, Date), BadYear> {
    let t = text.trim();
    let bad = || BadYear(t.to_owned());
    let (start, end) = t.split_once('-').ok_or_else(bad)?;
    if start.len() != 4 || end.len() != 2 || !t.chars().all(|c| c.is_ascii_digit() || c == '-') {
        return Err(bad());
    }
    let (label, period) = domain::learning::rollup::financial_year(t).map_err(|_| bad())?;
    Ok((label, period.start, period.end))
}

/// The yearly report's own input.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Yearly {
    /// `2009-10`.
    pub year: String,
    pub from: Date,
    pub to: Date,
    pub framework: Framework,
    /// The business manager's narrative, by section key.
    pub narratives: BTreeMap<String, String>,
    /// Who the report goes to, in order.
    pub distribution: Vec<String>,
    /// The annual evaluation of training impact (3.3) over the year; none if no session.
    pub training: Option<YearEvaluation>,
    /// The case reviews notified by the year's end, with their recommendations as they stand.
    pub reviews: Vec<ReviewLine>,
    /// The engagement activities held in the year, oldest first.
    pub engagement: Vec<Activity>,
    /// Each agency's contribution for the year, in pence, in the board's order.
    pub funding: Vec<(String, i64)>,
    /// The next plan's objectives ("1. Title"), where one starts after this year.
    pub next_plan: Option<(String, Vec<String>)>,
}

/// A case review as the yearly report shows it (the case name is a pseudonym).
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewLine {
    pub kind: CaseReviewKind,
    pub case_name: String,
    pub notified: Date,
    pub published: Option<Date>,
    pub recommendations: Vec<RecommendationLine>,
}

impl ReviewLine {
    /// Published within the year: concluded in it (Care Act 2014, Schedule 2 (d)).
    pub fn concluded_in(&self, from: Date, to: Date) -> bool {
        self.published.is_some_and(|p| p >= from && p <= to)
    }

    /// Not published by the year's end: ongoing then (Schedule 2 (e)).
    pub fn ongoing_at(&self, to: Date) -> bool {
        self.notified <= to && self.published.is_none_or(|p| p > to)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct RecommendationLine {
    pub text: String,
    pub to_whom: Option<String>,
    pub status: RecommendationStatus,
    /// Why it was not implemented: always given for one not implemented.
    pub reason: Option<String>,
    /// What changed in practice because of it.
    pub impact: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_financial_year_is_taken_only_as_yyyy_yy() {
        let (label, from, to) = financial_year("2009-10").unwrap();
        assert_eq!(label, "2009-10");
        assert_eq!(from.to_string(), "2009-04-01");
        assert_eq!(to.to_string(), "2010-03-31");
        for bad in [
            "2009",
            "2009-11",
            "09-10",
            "2009/10",
            "2009-2010",
            "abcd-ef",
            "",
        ] {
            let e = financial_year(bad).unwrap_err().to_string();
            assert!(e.starts_with("--year:"), "{e}");
            assert!(e.contains("2009-10"), "{e}");
        }
    }

    #[test]
    fn frameworks_round_trip_and_an_unknown_one_says_what_to_use() {
        for f in [Framework::WorkingTogether, Framework::CareAct] {
            assert_eq!(f.as_str().parse::<Framework>(), Ok(f));
        }
        let e = "scotland".parse::<Framework>().unwrap_err().to_string();
        assert!(
            e.contains("working-together") && e.contains("care-act"),
            "{e}"
        );
    }
}
