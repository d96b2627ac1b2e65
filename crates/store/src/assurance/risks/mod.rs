//! The risk register: a risk's description and owner, the board's appetite, links to plan
//! actions and indicators, and its ratings as dated rows (`write`), read back as at any day
//! (`read`): the latest rating of each kind on or before it.
//!
//! Depends on the ground, `changelog` and `progress::write`.

mod read;
mod write;

use domain::Date;
use domain::assurance::risks::{Rating, RiskStatus};
use serde::Serialize;

/// A risk to add. Its first rating is its inherent one (before controls), dated `rated_on`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewRisk {
    pub title: String,
    pub cause: Option<String>,
    pub consequence: Option<String>,
    pub owner_role: String,
    pub controls: Option<String>,
    pub appetite: Option<u8>,
    pub review_on: Option<Date>,
    pub rating: Rating,
    pub rated_on: Date,
    /// Plan actions it is linked to: (plan title, action number), checked by the caller
    /// against the plan.
    pub actions: Vec<(String, String)>,
    /// Indicator codes.
    pub indicators: Vec<String>,
}

/// A dated rating of a risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DatedRating {
    pub kind: RatingKind,
    pub rating: Rating,
    pub rated_on: Date,
}

/// Inherent (before controls) or residual (with them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RatingKind {
    Inherent,
    Residual,
}

impl RatingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RatingKind::Inherent => "inherent",
            RatingKind::Residual => "residual",
        }
    }
}

/// A risk as it stood on a day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RiskRecord {
    pub id: i64,
    pub title: String,
    pub cause: Option<String>,
    pub consequence: Option<String>,
    pub owner_role: String,
    pub controls: Option<String>,
    pub appetite: Option<u8>,
    pub review_on: Option<Date>,
    pub status: RiskStatus,
    /// The latest inherent rating on or before the day.
    pub inherent: Rating,
    /// The latest residual rating on or before the day, if it has one yet.
    pub residual: Option<Rating>,
    /// Plan actions as "plan title / number", and indicator codes.
    pub actions: Vec<String>,
    pub indicators: Vec<String>,
    /// Every rating on or before the day, oldest first.
    pub history: Vec<DatedRating>,
}

impl RiskRecord {
    /// The rating that counts now: the residual one, else the inherent.
    pub fn current(&self) -> Rating {
        self.residual.unwrap_or(self.inherent)
    }

    pub fn above_appetite(&self) -> bool {
        self.current().above(self.appetite)
    }
}
