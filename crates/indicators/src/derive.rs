//! Values calculated from others: rates per 10,000 children from counts and the ONS population,
//! percentages and ratios from numerators and denominators; and the check that, where a file
//! publishes both the parts and the result, they agree.
//!
//! **Population alignment.** DfE divides a count taken on 31 March by the ONS estimate for the
//! mid-year (30 June) *before* it: the rate for reporting year 2025 uses the mid-2024 estimate.
//! The ONS file labels that estimate `time_period` 2024, which is why DfE's dashboard adds 1 to
//! it before joining. Here the rule is [`Period::population_mid_year`]: the latest mid-year on or
//! before the period's end. The children looked after file, which prints the population it used
//! beside each rate, confirms it on real rows (see `tests/realdata_recompute.rs`).
//!
//! **Rounding.** A published figure is exact only to half its last decimal place, and so are
//! parts published with decimals (FTEs to 0.1). [`recompute_check`] therefore computes the range
//! the true value can lie in from the parts' precision and reports a published value only when
//! it is outside that range by more than its own rounding. Counts for England and regions are
//! rounded to the nearest 10 by DfE, which this does not model: their percentages may not
//! recompute, and are reported.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::area::AreaLevel;
use crate::catalogue::{Catalogue, Derivation, Indicator, IndicatorCode};
use crate::code::AreaCode;
use crate::index::ValueIndex;
use crate::period::Period;
use crate::value::{Observation, Value, ValueStatus};

/// Slack for floating-point arithmetic on top of the rounding allowance.
const EPSILON: f64 = 1e-9;

/// `count` per 10,000 of `population`; `None` when there is no population to divide by.
pub fn rate_per_10k(count: f64, population: f64) -> Option<f64> {
    (population > 0.0).then(|| count / population * 10_000.0)
}

/// `numerator` as a percentage of `denominator`; `None` when the denominator is zero.
pub fn percentage(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator != 0.0).then(|| numerator / denominator * 100.0)
}

/// Half of the last published decimal place: how far a value published to `decimals` places
/// can be from the true one.
pub fn rounding_allowance(decimals: u8) -> f64 {
    0.5 * 10f64.powi(-i32::from(decimals))
}

/// One input to a calculation: its value and how precise it is (± half its last place).
#[derive(Debug, Clone, Copy)]
struct Part {
    value: f64,
    error: f64,
}

/// Why a calculation gave no number: the worst status among its inputs.
fn worst_status(statuses: impl IntoIterator<Item = ValueStatus>) -> ValueStatus {
    // The order says which reason is the most useful to show when several inputs lack numbers.
    const ORDER: [ValueStatus; 7] = [
        ValueStatus::NotApplicable,
        ValueStatus::NotAvailable,
        ValueStatus::Suppressed,
        ValueStatus::LowReliability,
        ValueStatus::Low,
        ValueStatus::RoundsToZero,
        ValueStatus::Missing,
    ];
    let found: Vec<ValueStatus> = statuses.into_iter().collect();
    ORDER
        .into_iter()
        .find(|s| found.contains(s))
        .unwrap_or(ValueStatus::Missing)
}

/// The inputs of `derivation` for one area and period, or the status explaining their absence.
struct Inputs {
    numerator: Vec<Part>,
    denominator: Vec<Part>,
}

fn sum(parts: &[Part]) -> Part {
    parts.iter().fold(
        Part {
            value: 0.0,
            error: 0.0,
        },
        |acc, p| Part {
            value: acc.value + p.value,
            error: acc.error + p.error,
        },
    )
}

fn gather(
    index: &ValueIndex,
    catalogue: &Catalogue,
    derivation: &Derivation,
    area: &str,
    period: Period,
) -> Result<(Inputs, f64), ValueStatus> {
    let part = |code: &IndicatorCode, at: Period| -> Result<Part, ValueStatus> {
        let value = index
            .get(code.as_str(), area, at)
            .ok_or(ValueStatus::Missing)?;
        let number = value.number.ok_or(value.status)?;
        let decimals = catalogue.get(code.as_str()).map_or(0, |i| i.decimals);
        let error = if decimals == 0 {
            0.0
        } else {
            rounding_allowance(decimals)
        };
        Ok(Part {
            value: number,
            error,
        })
    };
    let parts = |codes: &[IndicatorCode], at: Period| -> Result<Vec<Part>, ValueStatus> {
        let results: Vec<Result<Part, ValueStatus>> = codes.iter().map(|c| part(c, at)).collect();
        if results.iter().all(Result::is_ok) {
            Ok(results.into_iter().filter_map(Result::ok).collect())
        } else {
            Err(worst_status(results.into_iter().filter_map(Result::err)))
        }
    };
    match derivation {
        Derivation::Percent {
            numerator,
            denominator,
        } => Ok((
            Inputs {
                numerator: parts(numerator, period)?,
                denominator: parts(denominator, period)?,
            },
            100.0,
        )),
        Derivation::Ratio {
            numerator,
            denominator,
        } => Ok((
            Inputs {
                numerator: parts(numerator, period)?,
                denominator: parts(denominator, period)?,
            },
            1.0,
        )),
        Derivation::RatePer10k { count, population } => Ok((
            Inputs {
                numerator: vec![part(count, period)?],
                denominator: vec![part(population, period.population_mid_year())?],
            },
            10_000.0,
        )),
    }
}

/// The central value and the range the true value can lie in, given the parts' precision.
fn calculate(inputs: &Inputs, scale: f64) -> Option<(f64, f64, f64)> {
    let n = sum(&inputs.numerator);
    let d = sum(&inputs.denominator);
    if d.value <= 0.0 {
        return None;
    }
    let central = n.value / d.value * scale;
    let low = (n.value - n.error).max(0.0) / (d.value + d.error) * scale;
    let high_denominator = d.value - d.error;
    let high = if high_denominator > 0.0 {
        (n.value + n.error) / high_denominator * scale
    } else {
        f64::INFINITY
    };
    Some((central, low, high))
}

/// The value of a derived indicator for one area and period: a number, or the status that says
/// why there is none (an input suppressed, a zero denominator is "not applicable").
pub fn derive_one(
    index: &ValueIndex,
    catalogue: &Catalogue,
    indicator: &Indicator,
    area: &str,
    period: Period,
) -> Option<Observation> {
    let derivation = indicator.derivation.as_ref()?;
    Some(match gather(index, catalogue, derivation, area, period) {
        Ok((inputs, scale)) => match calculate(&inputs, scale) {
            Some((central, _, _)) => Observation::calculated(central),
            None => Observation::without_number(ValueStatus::NotApplicable),
        },
        Err(status) => Observation::without_number(status),
    })
}

/// Calculates every derived-only indicator (a rate DfE does not publish in these files, such as
/// children in need per 10,000) for every area and period where its first input has a value.
pub fn derive_values(index: &ValueIndex, catalogue: &Catalogue) -> Vec<Value> {
    let mut derived = Vec::new();
    for indicator in catalogue.iter().filter(|i| i.is_derived_only()) {
        let Some(derivation) = &indicator.derivation else {
            continue;
        };
        let Some(&first_input) = derivation.inputs().first() else {
            continue;
        };
        for value in index.of_indicator(first_input.as_str()) {
            if let Some(observation) = derive_one(
                index,
                catalogue,
                indicator,
                value.area_code.as_str(),
                value.period,
            ) {
                derived.push(Value::new(
                    indicator.code.clone(),
                    value.area_code.clone(),
                    value.period,
                    observation,
                ));
            }
        }
    }
    derived.sort_by(|a, b| {
        (&a.indicator, &a.area_code, a.period).cmp(&(&b.indicator, &b.area_code, b.period))
    });
    derived
}

/// A published value that its own published parts do not reproduce.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mismatch {
    pub indicator: IndicatorCode,
    pub area_code: AreaCode,
    pub level: AreaLevel,
    pub period: Period,
    pub published: f64,
    /// Calculated from the published parts.
    pub recomputed: f64,
    /// The range the published value may lie in, allowing for rounding of parts and result.
    pub allowed: (f64, f64),
}

/// The outcome of checking published values against their parts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RecomputeReport {
    /// How many published values could be checked (they and all their parts had numbers), by
    /// indicator.
    pub checked: BTreeMap<IndicatorCode, usize>,
    pub mismatches: Vec<Mismatch>,
}

impl RecomputeReport {
    pub fn checked_total(&self) -> usize {
        self.checked.values().sum()
    }

    /// Mismatches for local authorities only (England and regional counts are rounded to 10).
    pub fn local_authority_mismatches(&self) -> impl Iterator<Item = &Mismatch> {
        self.mismatches
            .iter()
            .filter(|m| m.level == AreaLevel::LocalAuthority)
    }
}

/// Recalculates every published value whose indicator has a derivation, and reports the ones
/// outside what rounding allows.
pub fn recompute_check(index: &ValueIndex, catalogue: &Catalogue) -> RecomputeReport {
    let mut report = RecomputeReport::default();
    for indicator in catalogue.iter().filter(|i| i.dfe.is_some()) {
        let Some(derivation) = &indicator.derivation else {
            continue;
        };
        let own_rounding = rounding_allowance(indicator.decimals) + EPSILON;
        let mut checked = 0;
        for value in index.of_indicator(indicator.code.as_str()) {
            let (Some(published), ValueStatus::Published) = (value.number, value.status) else {
                continue;
            };
            let Ok((inputs, scale)) = gather(
                index,
                catalogue,
                derivation,
                value.area_code.as_str(),
                value.period,
            ) else {
                continue;
            };
            let Some((recomputed, low, high)) = calculate(&inputs, scale) else {
                continue;
            };
            checked += 1;
            let allowed = (low - own_rounding, high + own_rounding);
            if published < allowed.0 || published > allowed.1 {
                report.mismatches.push(Mismatch {
                    indicator: indicator.code.clone(),
                    area_code: value.area_code.clone(),
                    level: AreaLevel::of_code(value.area_code.as_str()),
                    period: value.period,
                    published,
                    recomputed,
                    allowed,
                });
            }
        }
        if checked > 0 {
            report.checked.insert(indicator.code.clone(), checked);
        }
    }
    report.mismatches.sort_by(|a, b| {
        (&a.indicator, a.period, &a.area_code).cmp(&(&b.indicator, b.period, &b.area_code))
    });
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(indicator: &str, area: &str, period: Period, number: f64) -> Value {
        Value::new(
            IndicatorCode::new(indicator).unwrap(),
            AreaCode::new(area).unwrap(),
            period,
            Observation::published(number),
        )
    }

    fn year(y: i16) -> Period {
        Period::year_to_31_march(y).unwrap()
    }

    #[test]
    fn rates_and_percentages_refuse_to_divide_by_zero() {
        assert_eq!(
            rate_per_10k(1002.0, 37121.0).map(|r| (r * 10.0).round() / 10.0),
            Some(269.9)
        );
        assert_eq!(rate_per_10k(1.0, 0.0), None);
        assert_eq!(
            percentage(24.0, 139.0).map(|p| (p * 10.0).round() / 10.0),
            Some(17.3)
        );
        assert_eq!(percentage(0.0, 0.0), None);
    }

    #[test]
    fn a_rate_divides_a_31_march_count_by_the_previous_mid_year_population() {
        let catalogue = Catalogue::builtin();
        let index = ValueIndex::from_values([
            value("cin-count", "E09000021", year(2025), 1002.0),
            value(
                "ons-population-0-17",
                "E09000021",
                Period::mid_year(2024).unwrap(),
                37121.0,
            ),
            value(
                "ons-population-0-17",
                "E09000021",
                Period::mid_year(2025).unwrap(),
                1.0,
            ),
        ]);
        let derived = derive_values(&index, &catalogue);
        let rate = derived.iter().find(|v| v.indicator == "cin-rate").unwrap();
        assert_eq!(rate.status, ValueStatus::Calculated);
        assert!(
            (rate.number.unwrap() - 269.928).abs() < 0.001,
            "{:?}",
            rate.number
        );
    }

    #[test]
    fn a_suppressed_input_makes_a_suppressed_result_not_a_zero() {
        let catalogue = Catalogue::builtin();
        let mut index = ValueIndex::from_values([value(
            "ons-population-0-17",
            "A",
            Period::mid_year(2024).unwrap(),
            100.0,
        )]);
        index.insert(Value::new(
            IndicatorCode::new("cin-count").unwrap(),
            AreaCode::new("A").unwrap(),
            year(2025),
            Observation::without_number(ValueStatus::Suppressed),
        ));
        let derived = derive_values(&index, &catalogue);
        assert_eq!(derived[0].status, ValueStatus::Suppressed);
        assert_eq!(derived[0].number, None);
    }

    #[test]
    fn a_percentage_published_to_one_decimal_place_is_allowed_its_rounding() {
        let catalogue = Catalogue::builtin();
        let index = ValueIndex::from_values([
            value("cpp-starts", "A", year(2025), 139.0),
            value("cpp-subsequent-count", "A", year(2025), 24.0),
            value("cpp-subsequent-pct", "A", year(2025), 17.3),
            value("cpp-starts", "B", year(2025), 4540.0),
            value("cpp-subsequent-count", "B", year(2025), 1240.0),
            value("cpp-subsequent-pct", "B", year(2025), 27.2),
        ]);
        let report = recompute_check(&index, &catalogue);
        assert_eq!(report.checked_total(), 2);
        assert_eq!(report.mismatches.len(), 1);
        let mismatch = &report.mismatches[0];
        assert_eq!(mismatch.area_code, "B");
        assert!((mismatch.recomputed - 27.3128).abs() < 0.001);
    }

    #[test]
    fn parts_published_to_a_decimal_place_widen_the_allowance() {
        // Redcar and Cleveland, 2025: 23.4 leavers over 124.3 in post is 18.83%, published 18.9,
        // because the FTEs themselves are rounded.
        let catalogue = Catalogue::builtin();
        let census = Period::year_to_30_september(2025).unwrap();
        let index = ValueIndex::from_values([
            value("sw-leavers-fte", "A", census, 23.4),
            value("sw-fte", "A", census, 124.3),
            value("sw-turnover-pct", "A", census, 18.9),
        ]);
        let report = recompute_check(&index, &catalogue);
        assert_eq!(report.checked_total(), 1);
        assert!(report.mismatches.is_empty(), "{:?}", report.mismatches);
    }
}
