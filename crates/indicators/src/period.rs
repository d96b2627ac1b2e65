//! The periods that indicator values belong to, parsed at the edge from the spellings publishers
//! use, so the rest of the crate never handles a period as a string.
//!
//! - **Year to 31 March**: DfE's "reporting year" for children in need, child protection and
//!   children looked after. DfE writes `2025` (or `202425`) for the twelve months 1 April 2024 to
//!   31 March 2025, and a count "at 31 March 2025" belongs to the same period. A UK financial year
//!   (`2024-25`) is the same span, so both are one kind here.
//! - **Year to 30 September**: the children's social work workforce census (`2025` = at 30
//!   September 2025, with starters and leavers in the twelve months before).
//! - **Mid-year**: an ONS population estimate as at 30 June.
//! - **Quarter** of a financial year (Q1 = April to June) and calendar **month**, for local measures.

use std::cmp::Ordering;
use std::fmt;

use jiff::civil::{Date, date};
use serde::{Deserialize, Serialize};

/// The earliest and latest years Boardplan accepts; anything outside is a typing mistake.
const YEARS: std::ops::RangeInclusive<i16> = 1900..=2200;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What a period is: the shape of the calendar an indicator is published on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodType {
    /// Twelve months to 31 March, or a count taken on that 31 March (DfE's reporting year).
    #[serde(rename = "year_to_31_march")]
    YearTo31March,
    /// A UK financial year, April to March: the same span as [`PeriodType::YearTo31March`],
    /// written `2024-25`.
    FinancialYear,
    /// At 30 September, with flows over the twelve months before (the workforce census).
    #[serde(rename = "year_to_30_september")]
    YearTo30September,
    /// An ONS mid-year estimate, as at 30 June.
    MidYear,
    /// A quarter of a financial year: Q1 is April to June.
    Quarter,
    /// A calendar month.
    Month,
}

impl PeriodType {
    /// A short phrase for messages and pages.
    pub fn describe(self) -> &'static str {
        match self {
            PeriodType::YearTo31March => "year to 31 March",
            PeriodType::FinancialYear => "financial year (April to March)",
            PeriodType::YearTo30September => "year to 30 September",
            PeriodType::MidYear => "mid-year (30 June)",
            PeriodType::Quarter => "quarter of a financial year",
            PeriodType::Month => "calendar month",
        }
    }

    /// How to write a period of this type, for the "fix" half of an error message.
    pub fn example(self) -> &'static str {
        match self {
            PeriodType::YearTo31March => {
                "write the year the twelve months end in (2025, as DfE does) or the span (2024-25, 2024/25 or 202425)"
            }
            PeriodType::FinancialYear => "write the financial year as 2024-25, 2024/25 or 202425",
            PeriodType::YearTo30September => {
                "write the census year, e.g. 2025 for 30 September 2025"
            }
            PeriodType::MidYear => "write the year of the estimate, e.g. 2024 or mid-2024",
            PeriodType::Quarter => "write the quarter and financial year, e.g. Q1 2024-25",
            PeriodType::Month => "write the month as 2024-06 or June 2024",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Kind {
    YearTo31March,
    YearTo30September,
    MidYear,
    Quarter,
    Month,
}

/// One period. Valid by construction: a quarter is 1 to 4, a month 1 to 12, a year 1900 to 2200.
///
/// Periods order by the date they end on, so a series of mixed kinds still reads left to right.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "PeriodRepr", into = "PeriodRepr")]
pub struct Period {
    kind: Kind,
    /// The year the period ends in (for a quarter: the year its financial year ends in).
    year: i16,
    /// The quarter (1-4) or month (1-12); 0 for the yearly kinds.
    part: u8,
}

/// Why a period could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not a {} period: {}.", expected.describe(), expected.example())]
pub struct PeriodError {
    pub text: String,
    pub expected: PeriodType,
}

impl Period {
    /// The twelve months to 31 March `year` (DfE reporting year `year`).
    pub fn year_to_31_march(year: i16) -> Result<Period, PeriodError> {
        Self::checked(Kind::YearTo31March, year, 0, PeriodType::YearTo31March)
    }

    /// The workforce census year ending 30 September `year`.
    pub fn year_to_30_september(year: i16) -> Result<Period, PeriodError> {
        Self::checked(
            Kind::YearTo30September,
            year,
            0,
            PeriodType::YearTo30September,
        )
    }

    /// The ONS mid-year estimate for 30 June `year`.
    pub fn mid_year(year: i16) -> Result<Period, PeriodError> {
        Self::checked(Kind::MidYear, year, 0, PeriodType::MidYear)
    }

    /// Quarter `quarter` (1 = April to June) of the financial year ending 31 March `year_ending`.
    pub fn quarter(year_ending: i16, quarter: u8) -> Result<Period, PeriodError> {
        Self::checked(Kind::Quarter, year_ending, quarter, PeriodType::Quarter)
    }

    /// Calendar month `month` (1-12) of `year`.
    pub fn month(year: i16, month: u8) -> Result<Period, PeriodError> {
        Self::checked(Kind::Month, year, month, PeriodType::Month)
    }

    fn checked(
        kind: Kind,
        year: i16,
        part: u8,
        expected: PeriodType,
    ) -> Result<Period, PeriodError> {
        let part_ok = match kind {
            Kind::Quarter => (1..=4).contains(&part),
            Kind::Month => (1..=12).contains(&part),
            Kind::YearTo31March | Kind::YearTo30September | Kind::MidYear => part == 0,
        };
        if YEARS.contains(&year) && part_ok {
            Ok(Period { kind, year, part })
        } else {
            let text = match kind {
                Kind::Quarter | Kind::Month => format!("{year} part {part}"),
                _ => year.to_string(),
            };
            Err(PeriodError { text, expected })
        }
    }

    /// Reads a period written by a person or a publisher, as a period of `expected` type.
    ///
    /// Accepted: `2025` (the year a year-to-31-March ends in, DfE's convention), `202425`,
    /// `2024-25`, `2024/25`, `2024-2025` for years to 31 March and financial years; `2025` for
    /// the workforce year; `2024` or `mid-2024` for a mid-year; `Q1 2024-25` or `2024-25 Q1` for
    /// a quarter; `2024-06` or `June 2024` for a month.
    pub fn parse(text: &str, expected: PeriodType) -> Result<Period, PeriodError> {
        let trimmed = text.trim();
        let fail = || PeriodError {
            text: text.to_owned(),
            expected,
        };
        let found = match expected {
            PeriodType::YearTo31March => parse_year(trimmed)
                .or_else(|| parse_span_end(trimmed))
                .and_then(|y| Self::year_to_31_march(y).ok()),
            PeriodType::FinancialYear => {
                parse_span_end(trimmed).and_then(|y| Self::year_to_31_march(y).ok())
            }
            PeriodType::YearTo30September => {
                parse_year(trimmed).and_then(|y| Self::year_to_30_september(y).ok())
            }
            PeriodType::MidYear => {
                let year_text = strip_prefix_ignore_case(trimmed, "mid-").unwrap_or(trimmed);
                parse_year(year_text).and_then(|y| Self::mid_year(y).ok())
            }
            PeriodType::Quarter => parse_quarter(trimmed),
            PeriodType::Month => parse_month(trimmed),
        };
        found.ok_or_else(fail)
    }

    /// The type this period is (a financial year reports as [`PeriodType::YearTo31March`]).
    pub fn period_type(self) -> PeriodType {
        match self.kind {
            Kind::YearTo31March => PeriodType::YearTo31March,
            Kind::YearTo30September => PeriodType::YearTo30September,
            Kind::MidYear => PeriodType::MidYear,
            Kind::Quarter => PeriodType::Quarter,
            Kind::Month => PeriodType::Month,
        }
    }

    /// The year the period ends in (for a quarter, the year its financial year ends in).
    pub fn year(self) -> i16 {
        self.year
    }

    /// The quarter (1-4) or month (1-12); `None` for yearly periods.
    pub fn part(self) -> Option<u8> {
        (self.part != 0).then_some(self.part)
    }

    /// The last day of the period (or the date a snapshot is taken on). Existence of an
    /// authority and population alignment are both judged on this date.
    pub fn end_date(self) -> Date {
        // Fields are validated on construction, so every date below is a real one.
        match self.kind {
            Kind::YearTo31March => date(self.year, 3, 31),
            Kind::YearTo30September => date(self.year, 9, 30),
            Kind::MidYear => date(self.year, 6, 30),
            Kind::Quarter => {
                let (year, month) = quarter_end(self.year, self.part);
                date(year, month, 1).last_of_month()
            }
            Kind::Month => date(self.year, self.part as i8, 1).last_of_month(),
        }
    }

    /// The period immediately before this one (the previous year, quarter or month).
    pub fn previous(self) -> Option<Period> {
        let candidate = match self.kind {
            Kind::Quarter if self.part > 1 => Period {
                part: self.part - 1,
                ..self
            },
            Kind::Quarter => Period {
                year: self.year - 1,
                part: 4,
                ..self
            },
            Kind::Month if self.part > 1 => Period {
                part: self.part - 1,
                ..self
            },
            Kind::Month => Period {
                year: self.year - 1,
                part: 12,
                ..self
            },
            _ => Period {
                year: self.year - 1,
                ..self
            },
        };
        YEARS.contains(&candidate.year).then_some(candidate)
    }

    /// The same period a year earlier (for yearly periods this is [`Period::previous`]).
    pub fn year_ago(self) -> Option<Period> {
        let candidate = Period {
            year: self.year - 1,
            ..self
        };
        YEARS.contains(&candidate.year).then_some(candidate)
    }

    /// The most recent ONS mid-year (30 June) on or before the end of this period: the population
    /// DfE divides by. A count at 31 March 2025 goes with the mid-2024 estimate; a workforce
    /// figure at 30 September 2025 with mid-2025. See `derive` for the evidence on real rows.
    pub fn population_mid_year(self) -> Period {
        let end = self.end_date();
        let year = if (end.month(), end.day()) >= (6, 30) {
            end.year()
        } else {
            end.year() - 1
        };
        // `year` is within a year of a validated year, so still inside the accepted range
        // unless this period is at the very start of it; fall back to itself then.
        Period::mid_year(year).unwrap_or(self)
    }

    /// A short label for axes and table headings: `2024-25`, `2025`, `mid-2024`, `2024-25 Q1`,
    /// `Jun 2024`.
    pub fn label(self) -> String {
        match self.kind {
            Kind::YearTo31March => span_label(self.year),
            Kind::YearTo30September => self.year.to_string(),
            Kind::MidYear => format!("mid-{}", self.year),
            Kind::Quarter => format!("{} Q{}", span_label(self.year), self.part),
            Kind::Month => format!("{} {}", &month_name(self.part)[..3], self.year),
        }
    }

    /// The label in words: "year to 31 March 2025", "30 September 2025", "June 2024"…
    pub fn long_label(self) -> String {
        match self.kind {
            Kind::YearTo31March => format!("year to 31 March {}", self.year),
            Kind::YearTo30September => format!("year to 30 September {}", self.year),
            Kind::MidYear => format!("mid-year (30 June) {}", self.year),
            Kind::Quarter => {
                let (first_year, first_month) = quarter_start(self.year, self.part);
                let (last_year, last_month) = quarter_end(self.year, self.part);
                format!(
                    "{} {} to {} {}",
                    month_name(first_month as u8),
                    first_year,
                    month_name(last_month as u8),
                    last_year
                )
            }
            Kind::Month => format!("{} {}", month_name(self.part), self.year),
        }
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        self.end_date()
            .cmp(&other.end_date())
            .then(self.kind.cmp(&other.kind))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

impl fmt::Debug for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Period({})", self.long_label())
    }
}

/// The JSON shape of a period: `{"kind": "year_to_31_march", "year": 2025}`, with `quarter` or
/// `month` for those kinds.
#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum PeriodRepr {
    #[serde(rename = "year_to_31_march")]
    YearTo31March {
        year: i16,
    },
    #[serde(rename = "year_to_30_september")]
    YearTo30September {
        year: i16,
    },
    MidYear {
        year: i16,
    },
    Quarter {
        year: i16,
        quarter: u8,
    },
    Month {
        year: i16,
        month: u8,
    },
}

impl TryFrom<PeriodRepr> for Period {
    type Error = PeriodError;

    fn try_from(repr: PeriodRepr) -> Result<Self, Self::Error> {
        match repr {
            PeriodRepr::YearTo31March { year } => Period::year_to_31_march(year),
            PeriodRepr::YearTo30September { year } => Period::year_to_30_september(year),
            PeriodRepr::MidYear { year } => Period::mid_year(year),
            PeriodRepr::Quarter { year, quarter } => Period::quarter(year, quarter),
            PeriodRepr::Month { year, month } => Period::month(year, month),
        }
    }
}

impl From<Period> for PeriodRepr {
    fn from(period: Period) -> Self {
        let year = period.year;
        match period.kind {
            Kind::YearTo31March => PeriodRepr::YearTo31March { year },
            Kind::YearTo30September => PeriodRepr::YearTo30September { year },
            Kind::MidYear => PeriodRepr::MidYear { year },
            Kind::Quarter => PeriodRepr::Quarter {
                year,
                quarter: period.part,
            },
            Kind::Month => PeriodRepr::Month {
                year,
                month: period.part,
            },
        }
    }
}

fn span_label(end_year: i16) -> String {
    format!("{}-{:02}", end_year - 1, end_year.rem_euclid(100))
}

fn month_name(month: u8) -> &'static str {
    MONTHS
        .get(usize::from(month).wrapping_sub(1))
        .copied()
        .unwrap_or("?")
}

/// (year, month) of the first month of quarter `q` of the financial year ending in `fy_end`.
fn quarter_start(fy_end: i16, q: u8) -> (i16, i8) {
    match q {
        1 => (fy_end - 1, 4),
        2 => (fy_end - 1, 7),
        3 => (fy_end - 1, 10),
        _ => (fy_end, 1),
    }
}

/// (year, month) of the last month of quarter `q` of the financial year ending in `fy_end`.
fn quarter_end(fy_end: i16, q: u8) -> (i16, i8) {
    let (year, month) = quarter_start(fy_end, q);
    (year, month + 2)
}

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// `2025` → 2025.
fn parse_year(text: &str) -> Option<i16> {
    if text.len() == 4 && all_digits(text) {
        text.parse().ok()
    } else {
        None
    }
}

/// A two-year span → the year it ends in: `202425`, `2024-25`, `2024/25`, `2024-2025`,
/// `2024/2025`, `2024–25` (en dash). The second year must follow the first.
fn parse_span_end(text: &str) -> Option<i16> {
    let (start, end) = if text.len() == 6 && all_digits(text) {
        text.split_at(4)
    } else {
        let split = text.find(['-', '/', '–'])?;
        let (start, rest) = text.split_at(split);
        let sep_len = rest.chars().next().map_or(1, char::len_utf8);
        (start.trim(), rest[sep_len..].trim())
    };
    let start: i16 = parse_year(start)?;
    let end_year = start.checked_add(1)?;
    let matches = match end.len() {
        2 if all_digits(end) => end.parse::<i16>().ok()? == end_year.rem_euclid(100),
        4 if all_digits(end) => end.parse::<i16>().ok()? == end_year,
        _ => false,
    };
    matches.then_some(end_year)
}

/// `Q1 2024-25`, `2024-25 Q1`, `2024/25 q3`.
fn parse_quarter(text: &str) -> Option<Period> {
    let mut quarter = None;
    let mut year = None;
    for word in text.split_whitespace() {
        let word = word.trim_matches(',');
        if let Some(number) = strip_prefix_ignore_case(word, "q") {
            quarter = number.parse::<u8>().ok();
        } else {
            year = parse_span_end(word);
        }
    }
    Period::quarter(year?, quarter?).ok()
}

/// `2024-06`, `2024/06`, `June 2024`, `Jun 2024`.
fn parse_month(text: &str) -> Option<Period> {
    if let Some((year, month)) = text.split_once(['-', '/'])
        && let (Some(year), true) = (
            parse_year(year),
            (1..=2).contains(&month.len()) && all_digits(month),
        )
    {
        return Period::month(year, month.parse().ok()?).ok();
    }
    let (name, year) = text.split_once(char::is_whitespace)?;
    let year = parse_year(year.trim())?;
    let name = name.to_ascii_lowercase();
    let index = MONTHS.iter().position(|month| {
        let month = month.to_ascii_lowercase();
        name.len() >= 3 && month.starts_with(&name)
    })?;
    Period::month(year, u8::try_from(index + 1).ok()?).ok()
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ytm(year: i16) -> Period {
        Period::year_to_31_march(year).unwrap()
    }

    #[test]
    fn dfe_reporting_year_2025_is_the_year_to_31_march_2025() {
        let period = Period::parse("2025", PeriodType::YearTo31March).unwrap();
        assert_eq!(period, ytm(2025));
        assert_eq!(period.end_date(), date(2025, 3, 31));
        assert_eq!(period.label(), "2024-25");
        assert_eq!(period.long_label(), "year to 31 March 2025");
    }

    #[test]
    fn every_spelling_of_a_financial_year_reads_the_same() {
        for text in [
            "202425",
            "2024-25",
            "2024/25",
            "2024-2025",
            "2024/2025",
            " 2024–25 ",
        ] {
            assert_eq!(
                Period::parse(text, PeriodType::FinancialYear).unwrap(),
                ytm(2025),
                "{text}"
            );
        }
    }

    #[test]
    fn a_span_whose_years_do_not_follow_is_refused() {
        let error = Period::parse("2024-26", PeriodType::YearTo31March).unwrap_err();
        assert_eq!(error.text, "2024-26");
        assert!(error.to_string().contains("2024-25"), "{error}");
        assert!(Period::parse("202426", PeriodType::FinancialYear).is_err());
    }

    #[test]
    fn a_bare_year_is_not_taken_for_a_financial_year() {
        assert!(Period::parse("2025", PeriodType::FinancialYear).is_err());
    }

    #[test]
    fn quarters_and_months_read_in_either_order() {
        let q1 = Period::quarter(2025, 1).unwrap();
        assert_eq!(
            Period::parse("Q1 2024-25", PeriodType::Quarter).unwrap(),
            q1
        );
        assert_eq!(
            Period::parse("2024/25 q1", PeriodType::Quarter).unwrap(),
            q1
        );
        assert_eq!(q1.end_date(), date(2024, 6, 30));
        assert_eq!(q1.long_label(), "April 2024 to June 2024");
        let june = Period::month(2024, 6).unwrap();
        assert_eq!(Period::parse("2024-06", PeriodType::Month).unwrap(), june);
        assert_eq!(Period::parse("June 2024", PeriodType::Month).unwrap(), june);
        assert_eq!(Period::parse("jun 2024", PeriodType::Month).unwrap(), june);
        assert!(Period::parse("Q5 2024-25", PeriodType::Quarter).is_err());
        assert!(Period::parse("2024-13", PeriodType::Month).is_err());
    }

    #[test]
    fn previous_and_year_ago_differ_only_for_parts_of_a_year() {
        assert_eq!(ytm(2025).previous(), Some(ytm(2024)));
        assert_eq!(ytm(2025).year_ago(), Some(ytm(2024)));
        let q1 = Period::quarter(2025, 1).unwrap();
        assert_eq!(q1.previous(), Some(Period::quarter(2024, 4).unwrap()));
        assert_eq!(q1.year_ago(), Some(Period::quarter(2024, 1).unwrap()));
        let jan = Period::month(2025, 1).unwrap();
        assert_eq!(jan.previous(), Some(Period::month(2024, 12).unwrap()));
    }

    #[test]
    fn a_31_march_count_goes_with_the_previous_mid_year_population() {
        assert_eq!(
            ytm(2025).population_mid_year(),
            Period::mid_year(2024).unwrap()
        );
        let september = Period::year_to_30_september(2025).unwrap();
        assert_eq!(
            september.population_mid_year(),
            Period::mid_year(2025).unwrap()
        );
        let mid = Period::mid_year(2024).unwrap();
        assert_eq!(mid.population_mid_year(), mid);
    }

    #[test]
    fn periods_order_by_the_date_they_end() {
        let mut periods = vec![ytm(2025), Period::mid_year(2024).unwrap(), ytm(2013)];
        periods.sort();
        assert_eq!(
            periods,
            vec![ytm(2013), Period::mid_year(2024).unwrap(), ytm(2025)]
        );
    }

    #[test]
    fn a_period_round_trips_through_json() {
        for period in [
            ytm(2025),
            Period::quarter(2025, 3).unwrap(),
            Period::month(2024, 6).unwrap(),
        ] {
            let json = serde_json::to_string(&period).unwrap();
            let back: Period = serde_json::from_str(&json).unwrap();
            assert_eq!(back, period, "{json}");
        }
        assert_eq!(
            serde_json::to_string(&ytm(2025)).unwrap(),
            r#"{"kind":"year_to_31_march","year":2025}"#
        );
        assert!(
            serde_json::from_str::<Period>(r#"{"kind":"quarter","year":2025,"quarter":7}"#)
                .is_err()
        );
    }
}
