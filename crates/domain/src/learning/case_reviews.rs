//! The case reviews register: what kind a review is and the status of each recommendation
//! (the pseudonymous name a case goes by is checked in [`super::case_name`]), where
//! "not implemented" is only ever recorded with its reasons (for safeguarding adults boards
//! the Care Act 2014, Schedule 2 asks for them in the yearly report).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use super::case_name::case_name;
use super::{MAX_LONG_TEXT, optional};
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

#[cfg(test)]
mod tests {
    use super::*;

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
