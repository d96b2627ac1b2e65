//! Training: courses linked to the plan's priorities and actions, sessions, attendance
//! counted by agency and role, and evaluation in three stages (before, straight after, and a
//! follow-up 6-12 weeks later with the manager) as scores per learning outcome, rolled up into
//! the course's impact: per stage the responses and mean score, and the change between them.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use super::impact::{Change, Impact, OutcomeImpact, StageImpact, impact};
use super::{MAX_LONG_TEXT, MAX_SHORT_TEXT, optional, required};
use crate::progress::InvalidValue;

/// The lowest and highest score an evaluation gives a learning outcome.
pub const SCORES: std::ops::RangeInclusive<u8> = 1..=10;

/// When an evaluation was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Before,
    After,
    FollowUp,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Self::Before, Self::After, Self::FollowUp];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Before => "before",
            Self::After => "after",
            Self::FollowUp => "follow_up",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Before => "Before",
            Self::After => "Straight after",
            Self::FollowUp => "Follow-up",
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Stage {
    type Err = InvalidValue;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().replace(['-', ' '], "_").as_str() {
            "before" | "pre" => Ok(Self::Before),
            "after" | "post" | "straight_after" => Ok(Self::After),
            "follow_up" | "followup" => Ok(Self::FollowUp),
            _ => Err(InvalidValue {
                problem: format!("\"{}\" is not an evaluation stage.", s.trim()),
                fix: "Give before, after or follow_up.".into(),
            }),
        }
    }
}

/// A course in the training plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Course {
    pub title: String,
    /// Its level as the board numbers them ("1", "2", "Multi-agency level 3").
    pub level: String,
    /// The plan's objectives it serves, by number ("3").
    #[serde(default)]
    pub priorities: Vec<String>,
    /// The plan's actions it serves, by number ("3.1").
    #[serde(default)]
    pub actions: Vec<String>,
}

impl Course {
    /// The course tidied and checked; a problem names the field.
    pub fn checked(self) -> Result<Self, (&'static str, InvalidValue)> {
        let list = |v: Vec<String>| -> Vec<String> {
            let mut out: Vec<String> = Vec::new();
            for s in v.iter().flat_map(|s| s.split(',')).map(str::trim) {
                if !s.is_empty() && !out.iter().any(|o| o == s) {
                    out.push(s.to_string());
                }
            }
            out
        };
        Ok(Self {
            title: required("title", &self.title, MAX_SHORT_TEXT).map_err(|e| ("title", e))?,
            level: required("level", &self.level, MAX_SHORT_TEXT).map_err(|e| ("level", e))?,
            priorities: list(self.priorities),
            actions: list(self.actions),
        })
    }
}

/// One session of a course.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub held_on: Date,
    pub trainer: String,
    pub places: u32,
}

impl Session {
    pub fn checked(self) -> Result<Self, (&'static str, InvalidValue)> {
        Ok(Self {
            trainer: required("trainer", &self.trainer, MAX_SHORT_TEXT)
                .map_err(|e| ("trainer", e))?,
            ..self
        })
    }
}

/// How many people of one role from one agency attended a session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub session: i64,
    pub agency: String,
    pub role: String,
    pub count: u32,
}

impl Attendance {
    pub fn checked(self) -> Result<Self, (&'static str, InvalidValue)> {
        Ok(Self {
            agency: required("agency", &self.agency, MAX_SHORT_TEXT).map_err(|e| ("agency", e))?,
            role: required("role", &self.role, MAX_SHORT_TEXT).map_err(|e| ("role", e))?,
            ..self
        })
    }
}

/// One score an evaluation gives one learning outcome, with the comment beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub session: i64,
    pub stage: Stage,
    /// Who answered, as a reference the board keeps (never a name is needed): the same
    /// reference at each stage lets before, after and follow-up be compared.
    pub respondent: String,
    pub outcome: String,
    pub score: u8,
    pub comment: Option<String>,
}

impl Score {
    pub fn checked(self) -> Result<Self, (&'static str, InvalidValue)> {
        if !SCORES.contains(&self.score) {
            return Err((
                "score",
                InvalidValue {
                    problem: format!("{} is not a score.", self.score),
                    fix: format!(
                        "Give a whole number from {} to {}.",
                        SCORES.start(),
                        SCORES.end()
                    ),
                },
            ));
        }
        Ok(Self {
            respondent: required("respondent", &self.respondent, MAX_SHORT_TEXT)
                .map_err(|e| ("respondent", e))?,
            outcome: required("outcome", &self.outcome, MAX_SHORT_TEXT)
                .map_err(|e| ("outcome", e))?,
            comment: optional("comment", self.comment.as_deref(), MAX_LONG_TEXT)
                .map_err(|e| ("comment", e))?,
            ..self
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(session: i64, stage: Stage, who: &str, outcome: &str, score: u8) -> Score {
        Score {
            session,
            stage,
            respondent: who.into(),
            outcome: outcome.into(),
            score,
            comment: None,
        }
    }

    #[test]
    fn a_score_out_of_range_or_a_blank_outcome_names_the_field() {
        assert_eq!(
            score(1, Stage::After, "r", "x", 11)
                .checked()
                .unwrap_err()
                .0,
            "score"
        );
        assert_eq!(
            score(1, Stage::After, "r", " ", 5).checked().unwrap_err().0,
            "outcome"
        );
        assert_eq!("Follow-up".parse::<Stage>().unwrap(), Stage::FollowUp);
    }
}
