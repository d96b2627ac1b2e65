//! What the board knows about an agency beyond its name.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::progress::InvalidValue;

/// What an agency is to the board in law: one of the statutory partners, or a relevant agency
/// the partners have named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    StatutoryPartner,
    RelevantAgency,
}

impl AgencyKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AgencyKind::StatutoryPartner => "statutory_partner",
            AgencyKind::RelevantAgency => "relevant_agency",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AgencyKind::StatutoryPartner => "Statutory partner",
            AgencyKind::RelevantAgency => "Relevant agency",
        }
    }
}

impl FromStr for AgencyKind {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().replace([' ', '-'], "_").as_str() {
            "statutory_partner" | "statutory" => Ok(AgencyKind::StatutoryPartner),
            "relevant_agency" | "relevant" => Ok(AgencyKind::RelevantAgency),
            _ => Err(InvalidValue {
                problem: format!("\"{s}\" is not a kind of agency."),
                fix: "Use statutory (a statutory partner) or relevant (a relevant agency).".into(),
            }),
        }
    }
}

/// An agency as the board knows it: its name (as the plan's board has it), what it is, how
/// many representatives it should send, and its money.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyDetails {
    pub name: String,
    pub kind: Option<AgencyKind>,
    pub representatives_expected: Option<u32>,
    /// Its contribution per financial year, oldest first.
    #[serde(default)]
    pub contributions: Vec<Contribution>,
}

/// What an agency pays into the board's budget for the financial year starting 1 April of
/// `year` (2009 is 2009-10), in pence so that sums are exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    pub year: i32,
    pub pence: i64,
}

impl Contribution {
    /// The financial year as boards write it: `2009-10`.
    pub fn year_label(&self) -> String {
        format!("{}-{:02}", self.year, (self.year + 1).rem_euclid(100))
    }

    /// The amount as `£12,500.00`.
    pub fn pounds(&self) -> String {
        let whole = (self.pence / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(c);
        }
        format!("£{grouped}.{:02}", self.pence % 100)
    }
}

/// Read an amount in pounds (`12500`, `12,500.50`, `£12500`) as pence.
pub fn parse_pounds(text: &str) -> Result<i64, InvalidValue> {
    let bad = || InvalidValue {
        problem: format!("\"{text}\" is not an amount of money."),
        fix: "Give pounds, with pence after a point if any: 12500 or 12500.50.".into(),
    };
    let t: String = text
        .trim()
        .trim_start_matches('£')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    let (whole, pence) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || pence.len() > 2
        || !pence.chars().all(|c| c.is_ascii_digit())
    {
        return Err(bad());
    }
    let whole: i64 = whole.parse().map_err(|_| bad())?;
    let pence: i64 = format!("{pence:0<2}").parse().map_err(|_| bad())?;
    whole
        .checked_mul(100)
        .and_then(|w| w.checked_add(pence))
        .filter(|p| *p < 1_000_000_000_000)
        .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_read_in_pounds_and_kept_in_pence() {
        assert_eq!(parse_pounds("£12,500.5").ok(), Some(1_250_050));
        assert_eq!(parse_pounds("300").ok(), Some(30_000));
        assert!(parse_pounds("12.345").is_err());
        assert!(parse_pounds("-4").is_err());
        let c = Contribution {
            year: 2009,
            pence: 1_250_050,
        };
        assert_eq!(
            (c.year_label(), c.pounds()),
            ("2009-10".into(), "£12,500.50".into())
        );
    }
}
