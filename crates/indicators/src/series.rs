//! One area's values of one indicator over time, and what each period holds: a number, a gap
//! (no value, or one withheld), or nothing because the authority did not exist then.
//!
//! A re-coded authority is one series: Northumberland's values under E06000048 and E06000057
//! read together. A reorganised one is not: BCP's series starts in 2020, and the years before
//! are [`Coverage::DidNotExist`], never gaps and never a fall to zero.
//!
//! Some authorities share children's services and DfE reports their workforce together
//! (Kingston upon Thames with Richmond upon Thames as `E09000021 / E09000027`). Their own
//! series is then empty, and each period the joint unit has is a gap whose reason says so;
//! [`Series::reported_jointly_as`] names the joint unit so a page can offer its figures.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::area;
use crate::code::{AreaCode, IndicatorCode};
use crate::index::ValueIndex;
use crate::period::Period;
use crate::value::{Observation, ValueStatus};

/// One area's values of one indicator, by period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Series {
    pub indicator: IndicatorCode,
    pub area_code: AreaCode,
    points: BTreeMap<Period, Observation>,
    /// The joint reporting unit that includes this area, when the area has no values of its own.
    pub reported_jointly_as: Option<AreaCode>,
    #[serde(skip)]
    joint_periods: BTreeSet<Period>,
}

/// What a period holds for an area.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Coverage {
    Value {
        number: f64,
    },
    Gap {
        reason: GapReason,
    },
    /// The authority had not been created yet, or had been abolished.
    DidNotExist,
}

/// Why a period that should have a value has no number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GapReason {
    /// Nothing was published or recorded for the period.
    NoValue,
    /// Published without a number; the status says why (`c`, `x`, `u`, `z`, `low`, `k`).
    Withheld(ValueStatus),
    /// Published only for a joint unit this area is part of.
    ReportedJointly,
}

impl GapReason {
    pub fn describe(self) -> &'static str {
        match self {
            GapReason::NoValue => "no value recorded",
            GapReason::Withheld(status) => status.meaning(),
            GapReason::ReportedJointly => "reported jointly with another authority",
        }
    }
}

/// A period flagged because it has no number.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Gap {
    pub period: Period,
    pub reason: GapReason,
}

/// The value `area` has at `period`, looking under every code the authority has had.
pub fn authority_value<'a>(
    index: &'a ValueIndex,
    indicator: &str,
    area: &str,
    period: Period,
) -> Option<&'a crate::value::Value> {
    area::same_authority(area)
        .into_iter()
        .find_map(|code| index.get(indicator, code, period))
}

/// The joint reporting unit (`E09000021 / E09000027`) that has values of `indicator` and
/// includes `area`.
pub fn joint_unit(index: &ValueIndex, indicator: &str, area: &str) -> Option<AreaCode> {
    let mut joint: Vec<&AreaCode> = index
        .areas(indicator)
        .filter(|code| {
            code.as_str().split('/').any(|part| part.trim() == area) && code.as_str().contains('/')
        })
        .collect();
    joint.sort();
    joint.first().map(|code| (*code).clone())
}

impl Series {
    /// The area's series from `index`, including values held under its earlier or later codes
    /// when it was only re-coded.
    pub fn from_index(index: &ValueIndex, indicator: &IndicatorCode, area_code: &AreaCode) -> Self {
        let mut points = BTreeMap::new();
        for code in area::same_authority(area_code.as_str()) {
            for value in index.series(indicator.as_str(), code) {
                points
                    .entry(value.period)
                    .or_insert_with(|| value.observation());
            }
        }
        let mut series = Self {
            indicator: indicator.clone(),
            area_code: area_code.clone(),
            points,
            reported_jointly_as: None,
            joint_periods: BTreeSet::new(),
        };
        if series.points.is_empty()
            && let Some(joint) = joint_unit(index, indicator.as_str(), area_code.as_str())
        {
            series.joint_periods = index
                .series(indicator.as_str(), joint.as_str())
                .map(|v| v.period)
                .collect();
            series.reported_jointly_as = Some(joint);
        }
        series
    }

    /// A series from observations already in hand.
    pub fn from_points(
        indicator: IndicatorCode,
        area_code: AreaCode,
        points: impl IntoIterator<Item = (Period, Observation)>,
    ) -> Self {
        Self {
            indicator,
            area_code,
            points: points.into_iter().collect(),
            reported_jointly_as: None,
            joint_periods: BTreeSet::new(),
        }
    }

    pub fn get(&self, period: Period) -> Option<&Observation> {
        self.points.get(&period)
    }

    /// The number for `period`, if there is one.
    pub fn number(&self, period: Period) -> Option<f64> {
        self.points.get(&period).and_then(|o| o.number)
    }

    /// Every period with a value or a status, oldest first.
    pub fn periods(&self) -> impl Iterator<Item = Period> + '_ {
        self.points.keys().copied()
    }

    /// The latest period that has a number.
    pub fn latest(&self) -> Option<(Period, f64)> {
        self.points
            .iter()
            .rev()
            .find_map(|(period, o)| o.number.map(|n| (*period, n)))
    }

    /// What `period` holds for this area. A number is always shown; without one, existence is
    /// judged before anything else, so the `z` DfE prints for an authority that did not exist
    /// that year is [`Coverage::DidNotExist`]. (DfE sometimes gives a successor's code to its
    /// predecessor's figures, as the children looked after file does for North Yorkshire and
    /// Somerset before 2023; those numbers are real and are kept.)
    pub fn coverage_at(&self, period: Period) -> Coverage {
        let point = self.points.get(&period);
        if let Some(number) = point.and_then(|o| o.number) {
            return Coverage::Value { number };
        }
        if !area::existed(self.area_code.as_str(), period) {
            return Coverage::DidNotExist;
        }
        match point {
            Some(observation) => Coverage::Gap {
                reason: GapReason::Withheld(observation.status),
            },
            None if self.joint_periods.contains(&period) => Coverage::Gap {
                reason: GapReason::ReportedJointly,
            },
            None => Coverage::Gap {
                reason: GapReason::NoValue,
            },
        }
    }

    /// [`Series::coverage_at`] for each of `periods`.
    pub fn coverage(&self, periods: &[Period]) -> Vec<(Period, Coverage)> {
        periods.iter().map(|&p| (p, self.coverage_at(p))).collect()
    }

    /// The periods among `periods` that have no number although the authority existed.
    pub fn gaps(&self, periods: &[Period]) -> Vec<Gap> {
        self.coverage(periods)
            .into_iter()
            .filter_map(|(period, coverage)| match coverage {
                Coverage::Gap { reason } => Some(Gap { period, reason }),
                Coverage::Value { .. } | Coverage::DidNotExist => None,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Value;

    fn year(y: i16) -> Period {
        Period::year_to_31_march(y).unwrap()
    }

    fn index(values: &[(&str, i16, Observation)]) -> ValueIndex {
        ValueIndex::from_values(values.iter().map(|(area, y, o)| {
            Value::new(
                IndicatorCode::new("cpp-rate").unwrap(),
                AreaCode::new(area).unwrap(),
                year(*y),
                *o,
            )
        }))
    }

    #[test]
    fn years_before_an_authority_existed_are_not_gaps() {
        let index = index(&[("E06000058", 2020, Observation::published(40.0))]);
        let series = Series::from_index(
            &index,
            &IndicatorCode::new("cpp-rate").unwrap(),
            &AreaCode::new("E06000058").unwrap(),
        );
        let periods: Vec<Period> = (2018..=2021).map(year).collect();
        let coverage = series.coverage(&periods);
        assert_eq!(coverage[0].1, Coverage::DidNotExist);
        assert_eq!(coverage[1].1, Coverage::DidNotExist);
        assert_eq!(coverage[2].1, Coverage::Value { number: 40.0 });
        assert_eq!(
            series.gaps(&periods),
            vec![Gap {
                period: year(2021),
                reason: GapReason::NoValue
            }]
        );
    }

    #[test]
    fn a_withheld_value_is_a_gap_that_says_why() {
        let index = index(&[(
            "E09000012",
            2021,
            Observation::without_number(ValueStatus::NotAvailable),
        )]);
        let series = Series::from_index(
            &index,
            &IndicatorCode::new("cpp-rate").unwrap(),
            &AreaCode::new("E09000012").unwrap(),
        );
        let gaps = series.gaps(&[year(2021)]);
        assert_eq!(
            gaps[0].reason,
            GapReason::Withheld(ValueStatus::NotAvailable)
        );
        assert_eq!(gaps[0].reason.describe(), "not available");
    }

    #[test]
    fn an_area_reported_only_jointly_has_gaps_that_say_so() {
        let index = index(&[("E09000021 / E09000027", 2025, Observation::published(137.4))]);
        let series = Series::from_index(
            &index,
            &IndicatorCode::new("cpp-rate").unwrap(),
            &AreaCode::new("E09000021").unwrap(),
        );
        assert_eq!(
            series.reported_jointly_as.as_ref().unwrap(),
            "E09000021 / E09000027"
        );
        assert_eq!(
            series.gaps(&[year(2025)])[0].reason,
            GapReason::ReportedJointly
        );
        assert_eq!(series.gaps(&[year(2024)])[0].reason, GapReason::NoValue);
    }

    #[test]
    fn a_recoded_authority_reads_as_one_series() {
        let index = index(&[
            ("E06000048", 2019, Observation::published(30.0)),
            ("E06000057", 2020, Observation::published(31.0)),
        ]);
        let series = Series::from_index(
            &index,
            &IndicatorCode::new("cpp-rate").unwrap(),
            &AreaCode::new("E06000057").unwrap(),
        );
        assert_eq!(series.number(year(2019)), Some(30.0));
        assert_eq!(series.latest(), Some((year(2020), 31.0)));
    }
}
