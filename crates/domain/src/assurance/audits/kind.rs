//! The kinds of audit, their statuses, and the reasons one is chosen.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::progress::InvalidValue;

/// What sort of audit it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditKind {
    MultiAgencyCaseFile,
    SingleAgency,
    Themed,
    PractitionerSurvey,
    DipSample,
}

/// Where an audit stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditStatus {
    Planned,
    InProgress,
    Complete,
    Cancelled,
}

/// One reason an audit was chosen: an indicator (by its code), a review's recommendation (by
/// the review's code and the recommendation's number), or words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Reason {
    Indicator { code: String },
    Recommendation { review: String, number: u32 },
    Note { text: String },
}

/// Each kind: stored and sent as, shown as.
const KINDS: [(AuditKind, &str, &str); 5] = [
    (
        AuditKind::MultiAgencyCaseFile,
        "multi_agency_case_file",
        "Multi-agency case-file audit",
    ),
    (
        AuditKind::SingleAgency,
        "single_agency",
        "Single-agency audit",
    ),
    (AuditKind::Themed, "themed", "Themed audit"),
    (
        AuditKind::PractitionerSurvey,
        "practitioner_survey",
        "Practitioner survey",
    ),
    (AuditKind::DipSample, "dip_sample", "Dip sample"),
];

/// Each status: stored and sent as, shown as.
const STATUSES: [(AuditStatus, &str, &str); 4] = [
    (AuditStatus::Planned, "planned", "Planned"),
    (AuditStatus::InProgress, "in_progress", "In progress"),
    (AuditStatus::Complete, "complete", "Complete"),
    (AuditStatus::Cancelled, "cancelled", "Cancelled"),
];

fn entry<T: PartialEq + Copy>(
    table: &[(T, &'static str, &'static str)],
    v: T,
) -> (&'static str, &'static str) {
    table
        .iter()
        .find(|(x, _, _)| *x == v)
        .map_or(("", ""), |(_, s, l)| (s, l))
}

/// Read `s` as one of `table`'s words, however it is spaced or hyphenated.
fn read<T: Copy>(
    table: &[(T, &'static str, &'static str)],
    s: &str,
    what: &str,
) -> Result<T, InvalidValue> {
    let key = s.trim().to_lowercase().replace([' ', '-'], "_");
    table
        .iter()
        .find(|(_, w, _)| *w == key)
        .map(|(v, _, _)| *v)
        .ok_or_else(|| InvalidValue {
            problem: format!("\"{s}\" is not {what}."),
            fix: format!(
                "Use one of: {}.",
                table
                    .iter()
                    .map(|(_, w, _)| *w)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        })
}

impl AuditKind {
    /// As stored and sent: `multi_agency_case_file`.
    pub fn as_str(self) -> &'static str {
        entry(&KINDS, self).0
    }

    /// As a page shows it.
    pub fn label(self) -> &'static str {
        entry(&KINDS, self).1
    }
}

impl AuditStatus {
    /// As stored and sent: `in_progress`.
    pub fn as_str(self) -> &'static str {
        entry(&STATUSES, self).0
    }

    /// As a page shows it.
    pub fn label(self) -> &'static str {
        entry(&STATUSES, self).1
    }
}

impl FromStr for AuditKind {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        read(&KINDS, s, "a kind of audit")
    }
}

impl FromStr for AuditStatus {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        read(&STATUSES, s, "an audit's status")
    }
}

impl fmt::Display for AuditKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for AuditStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl AuditKind {
    /// Whether the audit samples cases (a practitioner survey asks people instead).
    pub fn has_cases(self) -> bool {
        self != AuditKind::PractitionerSurvey
    }
}

impl Reason {
    /// Read a reason as the command line and forms write it: `indicator:NI 64`,
    /// `recommendation:C&D 2` (a review's code, a space, the number) or `note:any words`.
    pub fn parse(text: &str) -> Result<Reason, InvalidValue> {
        let bad = || InvalidValue {
            problem: format!("\"{text}\" is not a reason an audit can be chosen for."),
            fix: "Write indicator:CODE, recommendation:REVIEW NUMBER (e.g. recommendation:C&D 2) \
                  or note:WORDS."
                .into(),
        };
        let (kind, rest) = text.split_once(':').ok_or_else(bad)?;
        let rest = rest.trim();
        if rest.is_empty() {
            return Err(bad());
        }
        match kind.trim().to_lowercase().as_str() {
            "indicator" => Ok(Reason::Indicator { code: rest.into() }),
            "note" => Ok(Reason::Note { text: rest.into() }),
            "recommendation" => {
                let (review, number) = rest.rsplit_once(' ').ok_or_else(bad)?;
                let number = number.trim().parse().map_err(|_| bad())?;
                Ok(Reason::Recommendation {
                    review: review.trim().into(),
                    number,
                })
            }
            _ => Err(bad()),
        }
    }

    /// As [`Reason::parse`] reads it.
    pub fn text(&self) -> String {
        match self {
            Reason::Indicator { code } => format!("indicator:{code}"),
            Reason::Recommendation { review, number } => {
                format!("recommendation:{review} {number}")
            }
            Reason::Note { text } => format!("note:{text}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_statuses_read_as_people_write_them() {
        assert_eq!(
            "Multi-agency case file".parse::<AuditKind>(),
            Ok(AuditKind::MultiAgencyCaseFile)
        );
        assert_eq!(
            "in progress".parse::<AuditStatus>(),
            Ok(AuditStatus::InProgress)
        );
        let e = "audit".parse::<AuditKind>().unwrap_err();
        assert!(e.fix.contains("dip_sample"), "{}", e.fix);
    }

    #[test]
    fn reasons_read_back_as_written() {
        for text in [
            "indicator:NI 64",
            "recommendation:C&D 2",
            "note:Rising re-referrals",
        ] {
            assert_eq!(Reason::parse(text).unwrap().text(), text);
        }
        assert!(Reason::parse("because").is_err());
        assert!(Reason::parse("recommendation:C&D two").is_err());
    }
}
