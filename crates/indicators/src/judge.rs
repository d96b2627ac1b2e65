//! Judging a value: a RAG rating against the target under the partnership's scheme, and two
//! directions of travel (against the previous period and against the same period a year
//! earlier) that respect the indicator's polarity.
//!
//! The RAG rule, with `gap` the distance by which the value beats the target (positive is
//! better, whichever way the indicator points) and `tolerance` the scheme's percentage of the
//! target: at or better than target is green (blue instead, when the scheme uses blue and the
//! target is beaten by more than the tolerance); short of target by no more than the tolerance
//! is amber; further short is red. For a banded indicator the band is the target: inside is
//! green, outside by no more than the tolerance (of the nearer bound) amber, else red.

use std::collections::HashMap;

use domain::Rag;
use serde::{Deserialize, Serialize};

use crate::catalogue::Polarity;
use crate::code::IndicatorCode;
use crate::period::Period;
use crate::series::Series;

/// Differences smaller than this are "no change": values are published to at most a few
/// decimal places, so anything smaller is floating-point noise.
const NO_CHANGE: f64 = 1e-9;

/// How a partnership turns a value and a target into a colour.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct RagScheme {
    /// How far short of the target (as a percentage of it) is still amber rather than red.
    pub tolerance_percent: f64,
    /// Show blue where the target is beaten by more than the tolerance.
    pub blue_for_exceeding: bool,
}

impl Default for RagScheme {
    /// 5% tolerance, no blue: a common council scheme.
    fn default() -> Self {
        Self {
            tolerance_percent: 5.0,
            blue_for_exceeding: false,
        }
    }
}

/// A partnership's target for one indicator and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub indicator: IndicatorCode,
    pub period: Period,
    pub value: f64,
    /// This target's own tolerance, where it differs from the scheme's.
    pub tolerance_percent: Option<f64>,
}

/// Targets by indicator and period.
#[derive(Debug, Clone, Default)]
pub struct Targets {
    by: HashMap<(IndicatorCode, Period), Target>,
}

impl Targets {
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets (or replaces) a target.
    pub fn set(&mut self, target: Target) {
        self.by
            .insert((target.indicator.clone(), target.period), target);
    }

    pub fn get(&self, indicator: &IndicatorCode, period: Period) -> Option<&Target> {
        self.by.get(&(indicator.clone(), period))
    }
}

/// Which way a value moved, read through the indicator's polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Improving,
    Worsening,
    NoChange,
    /// Up, for a measure with no better direction.
    Increased,
    /// Down, for a measure with no better direction.
    Decreased,
    /// One of the two values is missing, withheld, or from before the authority existed.
    NotComparable,
}

impl Direction {
    /// Words for a page, beside the arrow (an arrow alone must not carry the meaning).
    pub fn describe(self) -> &'static str {
        match self {
            Direction::Improving => "improving",
            Direction::Worsening => "worsening",
            Direction::NoChange => "no change",
            Direction::Increased => "up",
            Direction::Decreased => "down",
            Direction::NotComparable => "not comparable",
        }
    }
}

/// The judgement on one value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Judgement {
    /// `None` when there is no number or no target.
    pub rag: Option<Rag>,
    pub direction_vs_previous: Direction,
    pub direction_vs_year_ago: Direction,
}

/// Judges `period` of `series`.
pub fn judge(
    series: &Series,
    period: Period,
    target: Option<&Target>,
    polarity: Polarity,
    scheme: &RagScheme,
) -> Judgement {
    let current = series.number(period);
    let earlier = |p: Option<Period>| p.and_then(|p| series.number(p));
    Judgement {
        rag: current.and_then(|value| rag(value, target, polarity, scheme)),
        direction_vs_previous: direction(current, earlier(period.previous()), polarity),
        direction_vs_year_ago: direction(current, earlier(period.year_ago()), polarity),
    }
}

/// The RAG rating of `value` against `target` (see the module's rule). A banded indicator
/// needs no target; any other without one has no rating, and neither has a neutral one.
pub fn rag(
    value: f64,
    target: Option<&Target>,
    polarity: Polarity,
    scheme: &RagScheme,
) -> Option<Rag> {
    let tolerance_percent = target
        .and_then(|t| t.tolerance_percent)
        .unwrap_or(scheme.tolerance_percent)
        .max(0.0);
    let allowance = |reference: f64| reference.abs() * tolerance_percent / 100.0;
    match polarity {
        Polarity::Banded { low, high } => {
            let (shortfall, bound) = if value < low {
                (low - value, low)
            } else if value > high {
                (value - high, high)
            } else {
                return Some(Rag::Green);
            };
            Some(if shortfall <= allowance(bound) {
                Rag::Amber
            } else {
                Rag::Red
            })
        }
        Polarity::HigherIsBetter | Polarity::LowerIsBetter => {
            let target = target?.value;
            let gap = if polarity == Polarity::HigherIsBetter {
                value - target
            } else {
                target - value
            };
            let tolerance = allowance(target);
            Some(if gap >= -NO_CHANGE {
                if scheme.blue_for_exceeding && gap > tolerance {
                    Rag::Blue
                } else {
                    Rag::Green
                }
            } else if -gap <= tolerance + NO_CHANGE {
                Rag::Amber
            } else {
                Rag::Red
            })
        }
        Polarity::Neutral => None,
    }
}

/// The direction from `earlier` to `current`. For a banded indicator, moving into the band (or
/// closer to it) is improving and moving away worsening; moving within the band is no change.
pub fn direction(current: Option<f64>, earlier: Option<f64>, polarity: Polarity) -> Direction {
    let (Some(current), Some(earlier)) = (current, earlier) else {
        return Direction::NotComparable;
    };
    let better = match polarity {
        Polarity::HigherIsBetter => current - earlier,
        Polarity::LowerIsBetter => earlier - current,
        Polarity::Banded { low, high } => {
            let outside = |v: f64| (low - v).max(v - high).max(0.0);
            outside(earlier) - outside(current)
        }
        Polarity::Neutral => {
            let change = current - earlier;
            return if change.abs() <= NO_CHANGE {
                Direction::NoChange
            } else if change > 0.0 {
                Direction::Increased
            } else {
                Direction::Decreased
            };
        }
    };
    if better.abs() <= NO_CHANGE {
        Direction::NoChange
    } else if better > 0.0 {
        Direction::Improving
    } else {
        Direction::Worsening
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code::AreaCode;
    use crate::value::Observation;

    const BAND: Polarity = Polarity::Banded {
        low: 10.0,
        high: 15.0,
    };

    fn target(value: f64) -> Target {
        Target {
            indicator: IndicatorCode::new("x").unwrap(),
            period: Period::year_to_31_march(2025).unwrap(),
            value,
            tolerance_percent: None,
        }
    }

    fn scheme(tolerance_percent: f64, blue_for_exceeding: bool) -> RagScheme {
        RagScheme {
            tolerance_percent,
            blue_for_exceeding,
        }
    }

    #[test]
    fn lower_is_better_turns_red_amber_green_at_the_tolerance() {
        let s = scheme(10.0, false);
        let t = target(20.0);
        assert_eq!(
            rag(19.0, Some(&t), Polarity::LowerIsBetter, &s),
            Some(Rag::Green)
        );
        assert_eq!(
            rag(20.0, Some(&t), Polarity::LowerIsBetter, &s),
            Some(Rag::Green)
        );
        assert_eq!(
            rag(22.0, Some(&t), Polarity::LowerIsBetter, &s),
            Some(Rag::Amber)
        );
        assert_eq!(
            rag(22.1, Some(&t), Polarity::LowerIsBetter, &s),
            Some(Rag::Red)
        );
    }

    #[test]
    fn blue_shows_only_where_the_scheme_uses_it_and_the_target_is_beaten_by_more_than_the_tolerance()
     {
        let t = target(80.0);
        assert_eq!(
            rag(
                90.0,
                Some(&t),
                Polarity::HigherIsBetter,
                &scheme(10.0, true)
            ),
            Some(Rag::Blue)
        );
        assert_eq!(
            rag(
                85.0,
                Some(&t),
                Polarity::HigherIsBetter,
                &scheme(10.0, true)
            ),
            Some(Rag::Green)
        );
        assert_eq!(
            rag(
                90.0,
                Some(&t),
                Polarity::HigherIsBetter,
                &scheme(10.0, false)
            ),
            Some(Rag::Green)
        );
    }

    #[test]
    fn a_target_can_carry_its_own_tolerance() {
        let mut t = target(20.0);
        t.tolerance_percent = Some(0.0);
        assert_eq!(
            rag(
                20.5,
                Some(&t),
                Polarity::LowerIsBetter,
                &scheme(10.0, false)
            ),
            Some(Rag::Red)
        );
    }

    #[test]
    fn a_banded_indicator_is_green_inside_the_band_and_needs_no_target() {
        let s = scheme(10.0, true);
        assert_eq!(rag(12.0, None, BAND, &s), Some(Rag::Green));
        assert_eq!(rag(9.5, None, BAND, &s), Some(Rag::Amber));
        assert_eq!(rag(16.0, None, BAND, &s), Some(Rag::Amber));
        assert_eq!(rag(5.0, None, BAND, &s), Some(Rag::Red));
        assert_eq!(
            rag(0.0, None, BAND, &s),
            Some(Rag::Red),
            "zero is not good for a banded measure"
        );
    }

    #[test]
    fn no_target_or_no_better_direction_means_no_rating() {
        assert_eq!(
            rag(10.0, None, Polarity::HigherIsBetter, &RagScheme::default()),
            None
        );
        assert_eq!(
            rag(
                10.0,
                Some(&target(5.0)),
                Polarity::Neutral,
                &RagScheme::default()
            ),
            None
        );
    }

    #[test]
    fn directions_respect_polarity() {
        assert_eq!(
            direction(Some(20.0), Some(25.0), Polarity::LowerIsBetter),
            Direction::Improving
        );
        assert_eq!(
            direction(Some(20.0), Some(25.0), Polarity::HigherIsBetter),
            Direction::Worsening
        );
        assert_eq!(
            direction(Some(20.0), Some(20.0), Polarity::HigherIsBetter),
            Direction::NoChange
        );
        assert_eq!(
            direction(Some(20.0), Some(25.0), Polarity::Neutral),
            Direction::Decreased
        );
        assert_eq!(
            direction(None, Some(25.0), Polarity::Neutral),
            Direction::NotComparable
        );
    }

    #[test]
    fn moving_into_the_band_is_improving_from_either_side() {
        assert_eq!(
            direction(Some(12.0), Some(25.0), BAND),
            Direction::Improving
        );
        assert_eq!(direction(Some(12.0), Some(4.0), BAND), Direction::Improving);
        assert_eq!(direction(Some(4.0), Some(12.0), BAND), Direction::Worsening);
        assert_eq!(direction(Some(14.0), Some(11.0), BAND), Direction::NoChange);
        assert_eq!(
            direction(Some(18.0), Some(20.0), BAND),
            Direction::Improving
        );
    }

    #[test]
    fn a_judgement_gives_both_directions_from_the_series() {
        let year = |y| Period::year_to_31_march(y).unwrap();
        let series = Series::from_points(
            IndicatorCode::new("cpp-subsequent-pct").unwrap(),
            AreaCode::new("E09000021").unwrap(),
            [
                (year(2024), Observation::published(21.0)),
                (year(2025), Observation::published(17.3)),
            ],
        );
        let judgement = judge(
            &series,
            year(2025),
            Some(&target(18.0)),
            Polarity::LowerIsBetter,
            &RagScheme::default(),
        );
        assert_eq!(judgement.rag, Some(Rag::Green));
        assert_eq!(judgement.direction_vs_previous, Direction::Improving);
        assert_eq!(judgement.direction_vs_year_ago, Direction::Improving);
        let earliest = judge(
            &series,
            year(2024),
            None,
            Polarity::LowerIsBetter,
            &RagScheme::default(),
        );
        assert_eq!(earliest.direction_vs_previous, Direction::NotComparable);
        assert_eq!(earliest.rag, None);
    }
}
