//! Wire types of the indicator resources: periods, units, polarity, statuses, directions,
//! areas, targets, neighbours and inputs as the API writes them. Each is built from the
//! `indicators` crate's value by an exhaustive conversion, so a new variant there is a compile
//! error here, not an undocumented value on the wire. Only what the indicator pages show is
//! carried: no file hashes, no importer's account.
//!
//! `boardplan pi list|show --json` prints the API's own bodies ([`super::list::IndicatorList`],
//! [`super::detail::IndicatorDetail`]), so an indicator reads the same on the command line as
//! in the API.

use indicators::catalogue::Derivation;
use indicators::judge::{Direction, Target};
use indicators::neighbours::NeighbourValue;
use indicators::series::GapReason;
use indicators::{AreaCode, Coverage, Indicator, Period, PeriodType, Polarity, Unit, ValueStatus};
use serde::Serialize;
use utoipa::ToSchema;

use crate::api::wire::date;

/// What kind of period a value is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// Twelve months to 31 March (DfE's reporting year, and the financial year).
    #[serde(rename = "year_to_31_march")]
    YearTo31March,
    /// At 30 September, with flows over the year before (the workforce census).
    #[serde(rename = "year_to_30_september")]
    YearTo30September,
    /// An ONS mid-year estimate, at 30 June.
    MidYear,
    /// A quarter of a financial year (Q1 is April to June).
    Quarter,
    Month,
}

/// A period, in machine form and as a person reads it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PeriodOut {
    pub kind: PeriodKind,
    /// The year the period ends in (for a quarter, the year its financial year ends in).
    pub year: i16,
    /// The quarter, 1 to 4, for a quarter; else null.
    #[schema(minimum = 1, maximum = 4)]
    pub quarter: Option<u8>,
    /// The month, 1 to 12, for a month; else null.
    #[schema(minimum = 1, maximum = 12)]
    pub month: Option<u8>,
    /// As published: `2024-25`, `2025`, `mid-2024`, `2024-25 Q1`, `Jun 2024`.
    pub label: String,
    /// The last day of the period.
    #[schema(format = Date)]
    pub ends_on: String,
}

impl From<Period> for PeriodOut {
    fn from(p: Period) -> Self {
        let kind = match p.period_type() {
            // A financial year spans the same twelve months as DfE's year to 31 March.
            PeriodType::YearTo31March | PeriodType::FinancialYear => PeriodKind::YearTo31March,
            PeriodType::YearTo30September => PeriodKind::YearTo30September,
            PeriodType::MidYear => PeriodKind::MidYear,
            PeriodType::Quarter => PeriodKind::Quarter,
            PeriodType::Month => PeriodKind::Month,
        };
        PeriodOut {
            kind,
            year: p.year(),
            quarter: p.part().filter(|_| kind == PeriodKind::Quarter),
            month: p.part().filter(|_| kind == PeriodKind::Month),
            label: p.label(),
            ends_on: date(p.end_date()),
        }
    }
}

/// What the numbers count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitOut {
    /// Per cent, 0 to 100.
    Percent,
    /// Per 10,000 children (or the population the definition names).
    #[serde(rename = "rate_per_10k")]
    RatePer10k,
    Count,
    /// Full-time equivalent.
    Fte,
    Days,
    /// One number divided by another (cases per social worker).
    Ratio,
}

impl From<Unit> for UnitOut {
    fn from(u: Unit) -> Self {
        match u {
            Unit::Percent => UnitOut::Percent,
            Unit::RatePer10k => UnitOut::RatePer10k,
            Unit::Count => UnitOut::Count,
            Unit::Fte => UnitOut::Fte,
            Unit::Days => UnitOut::Days,
            Unit::Ratio => UnitOut::Ratio,
        }
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PolarityKind {
    HigherIsBetter,
    LowerIsBetter,
    /// Inside a range is good; both below and above it are not.
    Banded,
    /// A measure of demand or context: up or down, never better or worse.
    Neutral,
}

/// Which way is better, with the good range of a banded measure.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PolarityOut {
    pub kind: PolarityKind,
    /// The bottom of the good range; null unless banded.
    pub low: Option<f64>,
    /// The top of the good range; null unless banded.
    pub high: Option<f64>,
    /// In words: "lower is better", "between 10 and 15 is good".
    pub words: String,
}

impl From<Polarity> for PolarityOut {
    fn from(p: Polarity) -> Self {
        let (kind, low, high) = match p {
            Polarity::HigherIsBetter => (PolarityKind::HigherIsBetter, None, None),
            Polarity::LowerIsBetter => (PolarityKind::LowerIsBetter, None, None),
            Polarity::Banded { low, high } => (PolarityKind::Banded, Some(low), Some(high)),
            Polarity::Neutral => (PolarityKind::Neutral, None, None),
        };
        PolarityOut {
            kind,
            low,
            high,
            words: p.describe(),
        }
    }
}

/// A direction of travel, judged by the indicator's polarity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DirectionOut {
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

impl From<Direction> for DirectionOut {
    fn from(d: Direction) -> Self {
        match d {
            Direction::Improving => DirectionOut::Improving,
            Direction::Worsening => DirectionOut::Worsening,
            Direction::NoChange => DirectionOut::NoChange,
            Direction::Increased => DirectionOut::Increased,
            Direction::Decreased => DirectionOut::Decreased,
            Direction::NotComparable => DirectionOut::NotComparable,
        }
    }
}

/// How a value was published. DfE's tokens are kept as what they mean, never as zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ValueStatusOut {
    Published,
    /// Calculated by Boardplan from published numbers (a rate from a count and population).
    Calculated,
    /// `c`: withheld to protect confidentiality.
    Suppressed,
    /// `x`: not available.
    NotAvailable,
    /// `u`: low reliability.
    LowReliability,
    /// `z`: not applicable.
    NotApplicable,
    /// `low`: positive but rounds to zero.
    Low,
    /// `k`: rounds to zero but is not zero.
    RoundsToZero,
    /// A blank cell or `NA`.
    Missing,
}

impl From<ValueStatus> for ValueStatusOut {
    fn from(s: ValueStatus) -> Self {
        match s {
            ValueStatus::Published => ValueStatusOut::Published,
            ValueStatus::Calculated => ValueStatusOut::Calculated,
            ValueStatus::Suppressed => ValueStatusOut::Suppressed,
            ValueStatus::NotAvailable => ValueStatusOut::NotAvailable,
            ValueStatus::LowReliability => ValueStatusOut::LowReliability,
            ValueStatus::NotApplicable => ValueStatusOut::NotApplicable,
            ValueStatus::Low => ValueStatusOut::Low,
            ValueStatus::RoundsToZero => ValueStatusOut::RoundsToZero,
            ValueStatus::Missing => ValueStatusOut::Missing,
        }
    }
}

/// Whether a period has a number for the area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CoverageOut {
    Value,
    /// The authority existed but there is no number; `gap_reason` says why.
    Gap,
    /// Before the authority was created or after it was abolished: never a gap or a fall.
    DidNotExist,
}

/// Why a gap has no number, in words.
pub fn gap_words(reason: GapReason) -> String {
    reason.describe().to_owned()
}

/// What one coverage means on the wire: the number, the kind, and a gap's reason.
pub fn coverage_parts(c: Coverage) -> (Option<f64>, CoverageOut, Option<String>) {
    match c {
        Coverage::Value { number } => (Some(number), CoverageOut::Value, None),
        Coverage::Gap { reason } => (None, CoverageOut::Gap, Some(gap_words(reason))),
        Coverage::DidNotExist => (None, CoverageOut::DidNotExist, None),
    }
}

/// An area: a local authority, region, England, or a joint unit (`E09000021 / E09000027`).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AreaOut {
    pub code: String,
    pub name: String,
}

impl AreaOut {
    pub fn new(code: &AreaCode, name: &str) -> Self {
        AreaOut {
            code: code.to_string(),
            name: name.to_owned(),
        }
    }
}

/// A target for a period.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TargetOut {
    pub value: f64,
    /// This target's own tolerance, in percent of it; null for the partnership's scheme's.
    pub tolerance_percent: Option<f64>,
}

impl From<&Target> for TargetOut {
    fn from(t: &Target) -> Self {
        TargetOut {
            value: t.value,
            tolerance_percent: t.tolerance_percent,
        }
    }
}

/// One statistical neighbour's value.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NeighbourOut {
    /// DfE's local authority number.
    pub la_number: String,
    /// Its area code, where an imported file names it.
    pub area_code: Option<String>,
    pub value: Option<f64>,
}

impl From<&NeighbourValue> for NeighbourOut {
    fn from(n: &NeighbourValue) -> Self {
        NeighbourOut {
            la_number: n.la_number.clone(),
            area_code: n.area_code.as_ref().map(ToString::to_string),
            value: n.value,
        }
    }
}

/// The latest period with a number, and the number.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LatestOut {
    pub period: PeriodOut,
    pub value: f64,
}

/// The role an indicator plays in another's calculation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InputRole {
    Numerator,
    Denominator,
    /// A count divided by a population, times 10,000.
    Count,
    /// The ONS mid-year estimate on or before the period's end (DfE's alignment).
    Population,
}

/// An indicator this one is calculated from, with its own address in the API.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InputOut {
    pub code: String,
    pub role: InputRole,
    pub href: String,
}

/// The inputs of a derived indicator, each as `href` of it names.
pub fn inputs(i: &Indicator, href: impl Fn(&str) -> String) -> Vec<InputOut> {
    let one = |code: &indicators::IndicatorCode, role| InputOut {
        code: code.to_string(),
        role,
        href: href(code.as_str()),
    };
    match &i.derivation {
        None => Vec::new(),
        Some(
            Derivation::Percent {
                numerator,
                denominator,
            }
            | Derivation::Ratio {
                numerator,
                denominator,
            },
        ) => numerator
            .iter()
            .map(|c| one(c, InputRole::Numerator))
            .chain(denominator.iter().map(|c| one(c, InputRole::Denominator)))
            .collect(),
        Some(Derivation::RatePer10k { count, population }) => vec![
            one(count, InputRole::Count),
            one(population, InputRole::Population),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quarter_carries_its_quarter_and_not_a_month() {
        let p = PeriodOut::from(Period::quarter(2026, 1).unwrap());
        assert_eq!(p.kind, PeriodKind::Quarter);
        assert_eq!((p.quarter, p.month), (Some(1), None));
        assert_eq!(p.label, "2025-26 Q1");
        assert_eq!(p.ends_on, "2025-06-30");
    }

    #[test]
    fn a_year_to_31_march_is_labelled_as_published_and_ends_that_day() {
        let p = PeriodOut::from(Period::year_to_31_march(2025).unwrap());
        assert_eq!(p.kind, PeriodKind::YearTo31March);
        assert_eq!((p.year, p.quarter, p.month), (2025, None, None));
        assert_eq!(
            (p.label.as_str(), p.ends_on.as_str()),
            ("2024-25", "2025-03-31")
        );
    }

    #[test]
    fn a_banded_polarity_gives_its_range() {
        let p = PolarityOut::from(Polarity::Banded {
            low: 10.0,
            high: 15.0,
        });
        assert_eq!(p.kind, PolarityKind::Banded);
        assert_eq!((p.low, p.high), (Some(10.0), Some(15.0)));
    }

    #[test]
    fn a_rate_names_its_count_and_population() {
        let catalogue = indicators::Catalogue::builtin();
        let rate = catalogue.get("cin-rate").unwrap();
        let found = inputs(rate, |c| format!("/x/{c}"));
        let roles: Vec<(&str, InputRole)> =
            found.iter().map(|i| (i.code.as_str(), i.role)).collect();
        assert_eq!(
            roles,
            [
                ("cin-count", InputRole::Count),
                ("ons-population-0-17", InputRole::Population)
            ]
        );
        assert_eq!(found[0].href, "/x/cin-count");
    }
}
