//! How indicator values are spelled in the database: a period as a short text key that names
//! its kind (`y31m/2025`, `y30s/2025`, `mid/2024`, `q/2025/1`, `m/2024/06`), a status as
//! `published`, `calculated`, `missing` or DfE's own token (`c`, `x`, `u`, `z`, `low`, `k`), and
//! an area level as snake_case text. Numbers are stored as doubles and need no spelling.

use indicators::{AreaLevel, Period, PeriodType, ValueStatus};
use jiff::civil::Date;

use crate::error::{Result, StoreError};

/// The text key of a period.
pub(crate) fn period_key(period: Period) -> String {
    let year = period.year();
    match (period.period_type(), period.part()) {
        (PeriodType::Quarter, Some(q)) => format!("q/{year}/{q}"),
        (PeriodType::Month, Some(m)) => format!("m/{year}/{m:02}"),
        (PeriodType::YearTo30September, _) => format!("y30s/{year}"),
        (PeriodType::MidYear, _) => format!("mid/{year}"),
        _ => format!("y31m/{year}"),
    }
}

/// The period a text key names.
pub(crate) fn parse_period(key: &str) -> Result<Period> {
    let bad = || StoreError::invalid(format!("the database holds \"{key}\" as a period"));
    let mut parts = key.split('/');
    let kind = parts.next().ok_or_else(bad)?;
    let year: i16 = parts.next().and_then(|y| y.parse().ok()).ok_or_else(bad)?;
    let part: Option<u8> = parts
        .next()
        .map(|p| p.parse())
        .transpose()
        .map_err(|_| bad())?;
    if parts.next().is_some() {
        return Err(bad());
    }
    let period = match (kind, part) {
        ("y31m", None) => Period::year_to_31_march(year),
        ("y30s", None) => Period::year_to_30_september(year),
        ("mid", None) => Period::mid_year(year),
        ("q", Some(q)) => Period::quarter(year, q),
        ("m", Some(m)) => Period::month(year, m),
        _ => return Err(bad()),
    };
    period.map_err(|_| bad())
}

/// A value's status as stored: DfE's token where it has one.
pub(crate) fn status_text(status: ValueStatus) -> &'static str {
    match status {
        ValueStatus::Published => "published",
        ValueStatus::Calculated => "calculated",
        ValueStatus::Missing => "missing",
        other => other.token(),
    }
}

pub(crate) fn parse_status(text: &str) -> Result<ValueStatus> {
    match text {
        "published" => Ok(ValueStatus::Published),
        "calculated" => Ok(ValueStatus::Calculated),
        "missing" => Ok(ValueStatus::Missing),
        token => match ValueStatus::from_token(token) {
            Some(status) if !token.is_empty() && token != "NA" => Ok(status),
            _ => Err(StoreError::invalid(format!(
                "the database holds an unknown value status \"{text}\""
            ))),
        },
    }
}

pub(crate) fn level_text(level: AreaLevel) -> &'static str {
    match level {
        AreaLevel::England => "england",
        AreaLevel::Region => "region",
        AreaLevel::LocalAuthority => "local_authority",
        AreaLevel::JointAuthorities => "joint_authorities",
        AreaLevel::Other => "other",
    }
}

/// The level stored, or (for a row written by a later Boardplan with a level this one does not
/// know) the level the code implies.
pub(crate) fn parse_level(text: &str, code: &str) -> AreaLevel {
    match text {
        "england" => AreaLevel::England,
        "region" => AreaLevel::Region,
        "local_authority" => AreaLevel::LocalAuthority,
        "joint_authorities" => AreaLevel::JointAuthorities,
        "other" => AreaLevel::Other,
        _ => AreaLevel::of_code(code),
    }
}

/// An ISO date column.
pub(crate) fn parse_date(text: &str) -> Result<Date> {
    text.parse()
        .map_err(|_| StoreError::invalid(format!("the database holds \"{text}\" as a date")))
}

/// The day in the UK of a timestamp: what "imported on" means.
pub(crate) use crate::codec::uk_day;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_period_round_trips_through_its_key() {
        for period in [
            Period::year_to_31_march(2025).unwrap(),
            Period::year_to_30_september(2025).unwrap(),
            Period::mid_year(2024).unwrap(),
            Period::quarter(2025, 1).unwrap(),
            Period::month(2024, 6).unwrap(),
        ] {
            let key = period_key(period);
            assert_eq!(parse_period(&key).unwrap(), period, "{key}");
        }
        assert_eq!(
            period_key(Period::month(2024, 6).unwrap()),
            "m/2024/06",
            "months are zero-padded"
        );
    }

    #[test]
    fn a_malformed_period_key_is_refused() {
        for key in [
            "",
            "y31m",
            "y31m/20x5",
            "q/2025",
            "q/2025/5",
            "y31m/2025/1",
            "w/2025",
        ] {
            assert!(parse_period(key).is_err(), "{key}");
        }
    }

    #[test]
    fn every_status_round_trips_and_dfe_tokens_are_stored_as_published() {
        for status in [
            ValueStatus::Published,
            ValueStatus::Calculated,
            ValueStatus::Suppressed,
            ValueStatus::NotAvailable,
            ValueStatus::LowReliability,
            ValueStatus::NotApplicable,
            ValueStatus::Low,
            ValueStatus::RoundsToZero,
            ValueStatus::Missing,
        ] {
            assert_eq!(parse_status(status_text(status)).unwrap(), status);
        }
        assert_eq!(status_text(ValueStatus::Suppressed), "c");
        assert!(parse_status("").is_err());
        assert!(parse_status("NA").is_err());
    }
}
