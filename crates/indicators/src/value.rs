//! Values: one indicator, one area, one period, and either a number or the reason there is none.
//!
//! DfE's status tokens are kept as what they mean, never turned into zero or a blank. DfE uses
//! the Government Statistical Service's symbols in its open data files:
//!
//! | token | [`ValueStatus`] | meaning |
//! |---|---|---|
//! | `c` | `Suppressed` | confidential: withheld to protect individuals (a small number, e.g. 1 to 5, or one that would reveal one) |
//! | `x` | `NotAvailable` | not available: not collected or not returned (Hackney 2021 and 2022, after a cyber attack) |
//! | `u` | `LowReliability` | low reliability: the figure exists but is too unreliable to publish |
//! | `z` | `NotApplicable` | not applicable: there is nothing to count (a percentage of zero, an authority that did not exist that year) |
//! | `low` | `Low` | a positive value that rounds to 0 at the published precision (e.g. under 0.5 FTE) |
//! | `k` | `RoundsToZero` | DfE's older symbol for the same thing as `low`: not zero, but rounds to it |
//!
//! A blank cell, or `NA` in a long file, is `Missing`. A number Boardplan calculates from
//! published ones (a rate from a count and the population) is `Calculated`.

use std::fmt;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::code::{AreaCode, IndicatorCode};
use crate::period::Period;

/// Whether a value has a number, and if not, why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueStatus {
    /// A number, as published.
    Published,
    /// A number Boardplan calculated from published numbers.
    Calculated,
    /// `c`: withheld to protect confidentiality.
    Suppressed,
    /// `x`: not available (not collected or not returned).
    NotAvailable,
    /// `u`: low reliability, not published.
    LowReliability,
    /// `z`: not applicable.
    NotApplicable,
    /// `low`: positive but rounds to zero.
    Low,
    /// `k`: DfE's older "rounds to zero but is not zero".
    RoundsToZero,
    /// A blank cell, or `NA`.
    Missing,
}

impl ValueStatus {
    /// The status a cell's text stands for, if it is a status token rather than a number.
    /// Tokens are matched exactly as DfE writes them (lower case); `NA` and a blank are missing.
    pub fn from_token(text: &str) -> Option<ValueStatus> {
        match text.trim() {
            "c" => Some(ValueStatus::Suppressed),
            "x" => Some(ValueStatus::NotAvailable),
            "u" => Some(ValueStatus::LowReliability),
            "z" => Some(ValueStatus::NotApplicable),
            "low" => Some(ValueStatus::Low),
            "k" => Some(ValueStatus::RoundsToZero),
            "" | "NA" => Some(ValueStatus::Missing),
            _ => None,
        }
    }

    /// The token as published (`c`, `x`…); empty for a number or a missing cell.
    pub fn token(self) -> &'static str {
        match self {
            ValueStatus::Published | ValueStatus::Calculated | ValueStatus::Missing => "",
            ValueStatus::Suppressed => "c",
            ValueStatus::NotAvailable => "x",
            ValueStatus::LowReliability => "u",
            ValueStatus::NotApplicable => "z",
            ValueStatus::Low => "low",
            ValueStatus::RoundsToZero => "k",
        }
    }

    /// What it means, in words for a page or a table cell.
    pub fn meaning(self) -> &'static str {
        match self {
            ValueStatus::Published => "published",
            ValueStatus::Calculated => "calculated from published figures",
            ValueStatus::Suppressed => "suppressed to protect confidentiality",
            ValueStatus::NotAvailable => "not available",
            ValueStatus::LowReliability => "low reliability, not published",
            ValueStatus::NotApplicable => "not applicable",
            ValueStatus::Low | ValueStatus::RoundsToZero => "more than zero but rounds to zero",
            ValueStatus::Missing => "no value",
        }
    }

    /// True for the statuses that carry a number.
    pub fn has_number(self) -> bool {
        matches!(self, ValueStatus::Published | ValueStatus::Calculated)
    }
}

impl fmt::Display for ValueStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.meaning())
    }
}

/// A number or the reason there is none: the part of a value that a revision changes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    pub number: Option<f64>,
    pub status: ValueStatus,
}

impl Observation {
    pub fn published(number: f64) -> Self {
        Self {
            number: Some(number),
            status: ValueStatus::Published,
        }
    }

    pub fn calculated(number: f64) -> Self {
        Self {
            number: Some(number),
            status: ValueStatus::Calculated,
        }
    }

    /// A value without a number; `status` says why. A number-carrying status given here becomes
    /// `Missing`, so that an observation never claims a number it does not have.
    pub fn without_number(status: ValueStatus) -> Self {
        let status = if status.has_number() {
            ValueStatus::Missing
        } else {
            status
        };
        Self {
            number: None,
            status,
        }
    }

    /// Reads a published cell: a status token or a finite number. `None` means the text is
    /// neither, which the importers report as an error.
    pub fn from_cell(text: &str) -> Option<Self> {
        if let Some(status) = ValueStatus::from_token(text) {
            return Some(Self::without_number(status));
        }
        let number: f64 = text.trim().parse().ok()?;
        number.is_finite().then(|| Self::published(number))
    }

    /// Same number (to the bit) and same status: what "unchanged" means on re-import.
    pub fn same_as(&self, other: &Observation) -> bool {
        self.status == other.status
            && self.number.map(f64::to_bits) == other.number.map(f64::to_bits)
    }
}

/// One indicator's value for one area and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Value {
    pub indicator: IndicatorCode,
    pub area_code: AreaCode,
    pub period: Period,
    /// The number, when `status` carries one.
    pub number: Option<f64>,
    pub status: ValueStatus,
}

impl Value {
    pub fn new(
        indicator: IndicatorCode,
        area_code: AreaCode,
        period: Period,
        observation: Observation,
    ) -> Self {
        Self {
            indicator,
            area_code,
            period,
            number: observation.number,
            status: observation.status,
        }
    }

    pub fn observation(&self) -> Observation {
        Observation {
            number: self.number,
            status: self.status,
        }
    }
}

/// A published value that a later file changed. Both are kept: a board paper that quoted the
/// old figure stays explicable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision {
    pub indicator: IndicatorCode,
    pub area_code: AreaCode,
    pub period: Period,
    pub old: Observation,
    pub new: Observation,
    /// The file the new value came from.
    pub file: String,
    /// When that file was published, if the person importing it said.
    pub published_on: Option<Date>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dfe_token_keeps_its_meaning_and_has_no_number() {
        for (token, status) in [
            ("c", ValueStatus::Suppressed),
            ("x", ValueStatus::NotAvailable),
            ("u", ValueStatus::LowReliability),
            ("z", ValueStatus::NotApplicable),
            ("low", ValueStatus::Low),
            ("k", ValueStatus::RoundsToZero),
        ] {
            let observation = Observation::from_cell(token).unwrap();
            assert_eq!(observation.status, status);
            assert_eq!(
                observation.number, None,
                "{token} must never become a number"
            );
            assert_eq!(status.token(), token);
        }
    }

    #[test]
    fn a_blank_cell_and_na_are_missing_not_zero() {
        assert_eq!(
            Observation::from_cell("").unwrap().status,
            ValueStatus::Missing
        );
        assert_eq!(
            Observation::from_cell("NA").unwrap().status,
            ValueStatus::Missing
        );
        assert_eq!(Observation::from_cell("NA").unwrap().number, None);
    }

    #[test]
    fn numbers_read_exactly_and_words_are_not_numbers() {
        assert_eq!(Observation::from_cell("24.5").unwrap().number, Some(24.5));
        assert_eq!(Observation::from_cell("0").unwrap().number, Some(0.0));
        assert!(Observation::from_cell("n/a").is_none());
        assert!(Observation::from_cell("inf").is_none());
        assert!(Observation::from_cell("C").is_none());
    }

    #[test]
    fn an_observation_without_a_number_never_claims_to_be_published() {
        let observation = Observation::without_number(ValueStatus::Published);
        assert_eq!(observation.status, ValueStatus::Missing);
    }
}
