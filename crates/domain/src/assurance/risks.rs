//! The risk register's rules: ratings on 1-5 scales, scores, the board's appetite, statuses
//! and the 5x5 heat map.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::progress::InvalidValue;

/// A rating of a risk: likelihood and impact, each 1 (rare, negligible) to 5 (almost
/// certain, catastrophic). Built only through [`Rating::new`], so always in range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Rating {
    likelihood: u8,
    impact: u8,
}

fn on_scale(n: i64, what: &str) -> Result<u8, InvalidValue> {
    u8::try_from(n)
        .ok()
        .filter(|n| (1..=5).contains(n))
        .ok_or_else(|| InvalidValue {
            problem: format!("{n} is not a {what} on the register's scale."),
            fix: format!("Give the {what} as a whole number from 1 (lowest) to 5 (highest)."),
        })
}

impl Rating {
    pub fn new(likelihood: i64, impact: i64) -> Result<Self, InvalidValue> {
        Ok(Self {
            likelihood: on_scale(likelihood, "likelihood")?,
            impact: on_scale(impact, "impact")?,
        })
    }

    pub fn likelihood(self) -> u8 {
        self.likelihood
    }

    pub fn impact(self) -> u8 {
        self.impact
    }

    /// Likelihood times impact: 1 to 25.
    pub fn score(self) -> u8 {
        self.likelihood * self.impact
    }

    /// Whether the score is above the board's appetite (a risk without one never is).
    pub fn above(self, appetite: Option<u8>) -> bool {
        appetite.is_some_and(|a| self.score() > a)
    }

    /// The band boards colour a score by.
    pub fn band(self) -> Band {
        Band::of(self.score())
    }
}

/// The band of a score: low (1-4), medium (5-9), high (10-14), very high (15-25).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    Low,
    Medium,
    High,
    VeryHigh,
}

impl Band {
    pub fn of(score: u8) -> Self {
        match score {
            0..=4 => Band::Low,
            5..=9 => Band::Medium,
            10..=14 => Band::High,
            _ => Band::VeryHigh,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Band::Low => "low",
            Band::Medium => "medium",
            Band::High => "high",
            Band::VeryHigh => "very_high",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Band::Low => "Low",
            Band::Medium => "Medium",
            Band::High => "High",
            Band::VeryHigh => "Very high",
        }
    }
}

/// A board's appetite for a risk: the highest score it accepts, 1 to 25.
pub fn appetite(n: i64) -> Result<u8, InvalidValue> {
    u8::try_from(n)
        .ok()
        .filter(|n| (1..=25).contains(n))
        .ok_or_else(|| InvalidValue {
            problem: format!("{n} is not an appetite the register can hold."),
            fix: "Give the highest score the board accepts, from 1 to 25 (likelihood x impact)."
                .into(),
        })
}

/// Where a risk stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    Open,
    Escalated,
    Closed,
}

impl RiskStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RiskStatus::Open => "open",
            RiskStatus::Escalated => "escalated",
            RiskStatus::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RiskStatus::Open => "Open",
            RiskStatus::Escalated => "Escalated",
            RiskStatus::Closed => "Closed",
        }
    }
}

impl fmt::Display for RiskStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for RiskStatus {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "open" => Ok(RiskStatus::Open),
            "escalated" => Ok(RiskStatus::Escalated),
            "closed" => Ok(RiskStatus::Closed),
            _ => Err(InvalidValue {
                problem: format!("\"{s}\" is not a risk's status."),
                fix: "Use open, escalated or closed.".into(),
            }),
        }
    }
}

/// How many risks sit at each likelihood (rows, 5 at the top as boards draw it) and impact
/// (columns, 1 on the left): `cells[5 - likelihood][impact - 1]`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct HeatMap {
    pub cells: [[u32; 5]; 5],
}

impl HeatMap {
    pub fn of(ratings: impl IntoIterator<Item = Rating>) -> Self {
        let mut map = Self::default();
        for r in ratings {
            map.cells[usize::from(5 - r.likelihood)][usize::from(r.impact - 1)] += 1;
        }
        map
    }

    /// The count at likelihood `l` and impact `i` (each 1 to 5).
    pub fn at(&self, likelihood: u8, impact: u8) -> u32 {
        self.cells[usize::from(5 - likelihood)][usize::from(impact - 1)]
    }

    pub fn total(&self) -> u32 {
        self.cells.iter().flatten().sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rating_off_the_scale_is_refused_with_the_fix() {
        assert!(Rating::new(0, 3).is_err());
        let e = Rating::new(3, 6).unwrap_err();
        assert!(e.fix.contains("1 (lowest) to 5"), "{}", e.fix);
        assert!(appetite(26).is_err() && appetite(0).is_err());
    }

    #[test]
    fn a_score_above_the_appetite_is_flagged_and_banded() {
        let r = Rating::new(4, 4).unwrap();
        assert_eq!(r.score(), 16);
        assert!(r.above(Some(12)));
        assert!(!r.above(Some(16)));
        assert!(!r.above(None));
        assert_eq!(r.band(), Band::VeryHigh);
        assert_eq!(Rating::new(2, 2).unwrap().band(), Band::Low);
    }

    #[test]
    fn the_heat_map_counts_each_cell_with_likelihood_five_on_top() {
        let m = HeatMap::of([
            Rating::new(5, 1).unwrap(),
            Rating::new(5, 1).unwrap(),
            Rating::new(1, 5).unwrap(),
        ]);
        assert_eq!(m.cells[0][0], 2);
        assert_eq!(m.cells[4][4], 1);
        assert_eq!(m.at(5, 1), 2);
        assert_eq!(m.total(), 3);
    }
}
