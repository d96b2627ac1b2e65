//! The case reviews register: what kind a review is, the pseudonymous name a case goes by
//! (never a real name or a date of birth), and the status of each recommendation, where
//! "not implemented" is only ever recorded with its reasons (for safeguarding adults boards
//! the Care Act 2014, Schedule 2 asks for them in the yearly report).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{MAX_LONG_TEXT, MAX_SHORT_TEXT, optional};
use crate::progress::InvalidValue;

/// The kinds of review a board commissions or takes part in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseReviewKind {
    SeriousCaseReview,
    ChildSafeguardingPracticeReview,
    RapidReview,
    LearningReview,
    SafeguardingAdultsReview,
    DomesticHomicideReview,
}

impl CaseReviewKind {
    pub const ALL: [CaseReviewKind; 6] = [
        Self::SeriousCaseReview,
        Self::ChildSafeguardingPracticeReview,
        Self::RapidReview,
        Self::LearningReview,
        Self::SafeguardingAdultsReview,
        Self::DomesticHomicideReview,
    ];

    /// The name the command line and the API use.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::SeriousCaseReview => "serious_case_review",
            Self::ChildSafeguardingPracticeReview => "child_safeguarding_practice_review",
            Self::RapidReview => "rapid_review",
            Self::LearningReview => "learning_review",
            Self::SafeguardingAdultsReview => "safeguarding_adults_review",
            Self::DomesticHomicideReview => "domestic_homicide_review",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::SeriousCaseReview => "Serious case review",
            Self::ChildSafeguardingPracticeReview => "Child safeguarding practice review",
            Self::RapidReview => "Rapid review",
            Self::LearningReview => "Learning review",
            Self::SafeguardingAdultsReview => "Safeguarding adults review",
            Self::DomesticHomicideReview => "Domestic homicide review",
        }
    }
}

impl FromStr for CaseReviewKind {
    type Err = InvalidValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let k = s.trim().to_lowercase().replace(['-', ' '], "_");
        Self::ALL
            .into_iter()
            .find(|kind| kind.as_str() == k)
            .ok_or_else(|| InvalidValue {
                problem: format!("\"{}\" is not a kind of review.", s.trim()),
                fix: format!("Give one of: {}.", Self::ALL.map(Self::as_str).join(", ")),
            })
    }
}

/// Where a recommendation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecommendationStatus {
    Implemented,
    InProgress,
    NotImplemented,
}

impl RecommendationStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Implemented => "implemented",
            Self::InProgress => "in_progress",
            Self::NotImplemented => "not_implemented",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Implemented => "Implemented",
            Self::InProgress => "In progress",
            Self::NotImplemented => "Not implemented",
        }
    }
}

impl fmt::Display for RecommendationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RecommendationStatus {
    type Err = InvalidValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().replace(['-', ' '], "_").as_str() {
            "implemented" => Ok(Self::Implemented),
            "in_progress" => Ok(Self::InProgress),
            "not_implemented" => Ok(Self::NotImplemented),
            other => Err(InvalidValue {
                problem: format!("\"{other}\" is not a recommendation's status."),
                fix: "Give implemented, in_progress or not_implemented.".into(),
            }),
        }
    }
}

/// A status with what goes with it: the reason (required for "not implemented", kept for
/// the others when given) and evidence of impact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: RecommendationStatus,
    pub reason: Option<String>,
    pub impact: Option<String>,
}

impl StatusChange {
    /// Check a status change: "not implemented" without a reason is refused.
    pub fn new(
        status: RecommendationStatus,
        reason: Option<&str>,
        impact: Option<&str>,
    ) -> Result<Self, InvalidValue> {
        let reason = optional("reason", reason, MAX_LONG_TEXT)?;
        let impact = optional("evidence of impact", impact, MAX_LONG_TEXT)?;
        if status == RecommendationStatus::NotImplemented && reason.is_none() {
            return Err(InvalidValue {
                problem: "a recommendation not implemented needs its reasons recorded.".into(),
                fix: "Say why with --reason \"…\" (the yearly report must give the reasons)."
                    .into(),
            });
        }
        Ok(Self {
            status,
            reason,
            impact,
        })
    }
}

/// Words a pseudonym is made of ("Child C", "Family A and B", "Adult D").
const DESCRIPTORS: [&str; 32] = [
    "child",
    "children",
    "baby",
    "infant",
    "family",
    "families",
    "adult",
    "adults",
    "young",
    "person",
    "people",
    "sibling",
    "siblings",
    "mother",
    "father",
    "parent",
    "parents",
    "man",
    "woman",
    "boy",
    "girl",
    "mr",
    "mrs",
    "ms",
    "miss",
    "case",
    "household",
    "twins",
    "and",
    "the",
    "of",
    "review",
];

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A case's name, checked to be pseudonymous: a descriptor and an initial or number
/// ("Child C", "Family A", "SAR 3"). What looks like a real name or a date of birth is
/// refused with the reason, so that neither is ever stored.
pub fn case_name(text: &str) -> Result<String, InvalidValue> {
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let fix = "Use a pseudonym: a word and an initial, such as \"Child C\", \"Family A\" or \
               \"Adult D\".";
    let refuse = |problem: String| {
        Err(InvalidValue {
            problem,
            fix: fix.into(),
        })
    };
    if name.is_empty() {
        return refuse("the case name is empty.".into());
    }
    if name.chars().count() > MAX_SHORT_TEXT {
        return refuse(format!(
            "the case name is longer than {MAX_SHORT_TEXT} characters."
        ));
    }
    if let Some(why) = date_like(&name) {
        return refuse(format!(
            "the case name looks like it holds a date of birth ({why}); a case name must \
             never identify the person."
        ));
    }
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ',' || c == '&' || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let code = |w: &str| {
        let w = w.trim_end_matches('.');
        (w.chars().count() <= 3 && !w.is_empty() && w.chars().all(|c| c.is_ascii_uppercase()))
            || w.chars().any(|c| c.is_ascii_digit())
    };
    if let Some(w) = words
        .iter()
        .find(|w| !code(w) && !DESCRIPTORS.contains(&w.to_lowercase().as_str()))
    {
        return refuse(format!(
            "\"{w}\" in the case name looks like a real name; a case name must never identify \
             the person."
        ));
    }
    if !words.iter().any(|w| code(w)) {
        return refuse(format!(
            "\"{name}\" has no initial or number to tell the case apart."
        ));
    }
    Ok(name)
}

/// Why `name` looks like it holds a date, if it does: `d/m/y` and `y-m-d` shapes, a month
/// name beside a number, or the words "born" or "DOB".
fn date_like(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    for word in lower.split(|c: char| !c.is_alphanumeric() && c != '/' && c != '-' && c != '.') {
        let parts: Vec<&str> = word.split(['/', '-', '.']).collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        {
            return Some(format!("\"{word}\""));
        }
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(w) = words.iter().find(|w| ["dob", "born", "d.o.b"].contains(w)) {
        return Some(format!("\"{w}\""));
    }
    let month = |w: &str| {
        w.len() >= 3
            && MONTHS
                .iter()
                .any(|m| w.starts_with(m) && (w.len() == 3 || is_month_name(w)))
    };
    // "3", or "3rd" as dates are written.
    let number = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_digit())
            && w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
                .chars()
                .all(|c| c.is_ascii_digit())
    };
    for pair in words.windows(2) {
        if (month(pair[0]) && number(pair[1])) || (number(pair[0]) && month(pair[1])) {
            return Some(format!("\"{} {}\"", pair[0], pair[1]));
        }
    }
    None
}

fn is_month_name(w: &str) -> bool {
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "sept",
    ]
    .contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_kept_and_tidied() {
        for (given, kept) in [
            ("Child C", "Child C"),
            ("  Family   A and B ", "Family A and B"),
            ("Adult D", "Adult D"),
            ("SAR 3", "SAR 3"),
            ("Baby T", "Baby T"),
            ("Child LM", "Child LM"),
        ] {
            assert_eq!(case_name(given).unwrap(), kept);
        }
    }

    #[test]
    fn a_real_name_or_a_date_of_birth_is_refused_with_the_reason() {
        let e = case_name("Peter Connelly").unwrap_err();
        assert!(
            e.problem.contains("\"Peter\"") && e.problem.contains("real name"),
            "{e}"
        );
        let e = case_name("Child C 03/08/2006").unwrap_err();
        assert!(e.problem.contains("date of birth"), "{e}");
        let e = case_name("Child C born 3 March 2006").unwrap_err();
        assert!(e.problem.contains("date of birth"), "{e}");
        let e = case_name("Child C 2006-03-08").unwrap_err();
        assert!(e.problem.contains("date of birth"), "{e}");
        let e = case_name("Child C, 3 Mar").unwrap_err();
        assert!(e.problem.contains("date of birth"), "{e}");
        assert!(case_name("Family").unwrap_err().problem.contains("initial"));
        assert!(case_name("").is_err());
    }

    #[test]
    fn not_implemented_needs_a_reason() {
        let e =
            StatusChange::new(RecommendationStatus::NotImplemented, Some("  "), None).unwrap_err();
        assert!(e.problem.contains("reasons"), "{e}");
        let ok = StatusChange::new(
            RecommendationStatus::NotImplemented,
            Some("The service was decommissioned"),
            None,
        )
        .unwrap();
        assert_eq!(ok.reason.as_deref(), Some("The service was decommissioned"));
        assert!(StatusChange::new(RecommendationStatus::Implemented, None, None).is_ok());
    }

    #[test]
    fn kinds_and_statuses_read_as_the_command_line_writes_them() {
        for k in CaseReviewKind::ALL {
            assert_eq!(k.as_str().parse::<CaseReviewKind>().unwrap(), k);
        }
        assert_eq!(
            "Rapid review".parse::<CaseReviewKind>().unwrap(),
            CaseReviewKind::RapidReview
        );
        assert!("inquest".parse::<CaseReviewKind>().is_err());
        assert_eq!(
            "not-implemented".parse::<RecommendationStatus>().unwrap(),
            RecommendationStatus::NotImplemented
        );
    }
}
