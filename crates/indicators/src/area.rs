//! Areas (England, regions, local authorities) and the reorganisations that changed which local
//! authorities exist, so that "this authority did not exist yet" is told apart from a gap in
//! the data.
//!
//! Reorganisations take effect on 1 April. A period belongs to an authority if the authority
//! existed on the period's last day ([`Period::end_date`]): BCP was created on 1 April 2019, so
//! it has DfE's reporting year 2020 (April 2019 to March 2020) but not 2019. The dates are the
//! legal ones and agree with where the codes first and last appear in the DfE files.

use std::collections::HashMap;

use jiff::civil::{Date, date};
use serde::{Deserialize, Serialize};

pub use crate::code::AreaCode;
use crate::period::Period;

/// England's GSS code.
pub const ENGLAND: &str = "E92000001";

/// What kind of area a code names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaLevel {
    England,
    /// A region (E12…) or Inner or Outer London (E13…).
    Region,
    LocalAuthority,
    /// Several authorities DfE reports together (`E06000061 / E06000062`, the two
    /// Northamptonshire authorities in the workforce file).
    JointAuthorities,
    /// Anything else: an agency or a partnership's own area.
    Other,
}

impl AreaLevel {
    /// The level a code's GSS prefix implies.
    pub fn of_code(code: &str) -> AreaLevel {
        if code.contains('/') {
            return AreaLevel::JointAuthorities;
        }
        match code.get(..3) {
            Some("E92") => AreaLevel::England,
            Some("E12" | "E13") => AreaLevel::Region,
            Some("E06" | "E08" | "E09" | "E10" | "E11") if code.len() == 9 => {
                AreaLevel::LocalAuthority
            }
            _ => AreaLevel::Other,
        }
    }
}

/// An area as a file names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Area {
    pub code: AreaCode,
    pub name: String,
    pub level: AreaLevel,
    /// DfE's three-digit local authority number (`314` for Kingston upon Thames), which the
    /// statistical neighbours file uses.
    pub la_number: Option<String>,
    pub region_code: Option<AreaCode>,
}

/// How one set of codes became another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Authorities abolished and new ones created: a new series begins.
    Reorganised,
    /// The same authority under a new code (a boundary correction): one continuous series.
    Recoded,
}

/// A change to the set of English local authorities with children's services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reorganisation {
    /// The day the new authorities came into being (the old ones ended the day before).
    pub on: Date,
    pub kind: ChangeKind,
    pub from: &'static [&'static str],
    pub to: &'static [&'static str],
    pub note: &'static str,
}

const REORGANISATIONS: &[Reorganisation] = &[
    Reorganisation {
        on: date(2019, 4, 1),
        kind: ChangeKind::Reorganised,
        from: &["E06000028", "E06000029", "E10000009"],
        to: &["E06000058", "E06000059"],
        note: "Bournemouth, Poole and Dorset County Council were replaced by Bournemouth, \
               Christchurch and Poole (E06000058) and the unitary Dorset (E06000059)",
    },
    Reorganisation {
        on: date(2019, 4, 1),
        kind: ChangeKind::Recoded,
        from: &["E06000048"],
        to: &["E06000057"],
        note: "Northumberland re-coded after a boundary change with Gateshead",
    },
    Reorganisation {
        on: date(2019, 4, 1),
        kind: ChangeKind::Recoded,
        from: &["E08000020"],
        to: &["E08000037"],
        note: "Gateshead re-coded after a boundary change with Northumberland",
    },
    Reorganisation {
        on: date(2020, 4, 1),
        kind: ChangeKind::Reorganised,
        from: &["E10000002"],
        to: &["E06000060"],
        note: "Buckinghamshire County Council and its districts became the unitary Buckinghamshire",
    },
    Reorganisation {
        on: date(2021, 4, 1),
        kind: ChangeKind::Reorganised,
        from: &["E10000021"],
        to: &["E06000061", "E06000062"],
        note: "Northamptonshire was replaced by North Northamptonshire and West Northamptonshire \
               (DfE's workforce file reports the two together as E06000061 / E06000062)",
    },
    Reorganisation {
        on: date(2023, 4, 1),
        kind: ChangeKind::Reorganised,
        from: &["E10000006"],
        to: &["E06000063", "E06000064"],
        note: "Cumbria was replaced by Cumberland and Westmorland and Furness",
    },
    Reorganisation {
        on: date(2023, 4, 1),
        kind: ChangeKind::Reorganised,
        from: &["E10000023"],
        to: &["E06000065"],
        note: "North Yorkshire County Council and its districts became the unitary North Yorkshire",
    },
    Reorganisation {
        on: date(2023, 4, 1),
        kind: ChangeKind::Reorganised,
        from: &["E10000027"],
        to: &["E06000066"],
        note: "Somerset County Council and its districts became the unitary Somerset",
    },
    Reorganisation {
        on: date(2025, 4, 1),
        kind: ChangeKind::Recoded,
        from: &["E08000016", "E08000019"],
        to: &["E08000038", "E08000039"],
        note: "Barnsley and Sheffield re-coded after a boundary change between them (the new \
               codes first appear in the workforce census at 30 September 2025)",
    },
];

/// The reorganisations Boardplan knows, oldest first.
pub fn reorganisations() -> &'static [Reorganisation] {
    REORGANISATIONS
}

/// The day `code` came into being, if it was created by a reorganisation Boardplan knows.
/// A re-coded authority is as old as the authority, so it has none.
pub fn created_on(code: &str) -> Option<Date> {
    REORGANISATIONS
        .iter()
        .find(|r| r.kind == ChangeKind::Reorganised && r.to.contains(&code))
        .map(|r| r.on)
}

/// The day `code` ceased to exist (the first day it no longer did), if it was abolished.
pub fn abolished_on(code: &str) -> Option<Date> {
    REORGANISATIONS
        .iter()
        .find(|r| r.kind == ChangeKind::Reorganised && r.from.contains(&code))
        .map(|r| r.on)
}

/// Whether the authority `code` names existed at the end of `period`. Areas no reorganisation
/// mentions (England, regions, most authorities) always existed. An authority that was only
/// re-coded existed throughout, under whichever code.
pub fn existed(code: &str, period: Period) -> bool {
    let day = period.end_date();
    created_on(code).is_none_or(|created| created <= day)
        && abolished_on(code).is_none_or(|gone| day < gone)
}

/// Every code the same authority has had, `code` first: Northumberland's E06000057 and
/// E06000048 are one series.
pub fn same_authority(code: &str) -> Vec<&str> {
    let mut codes = vec![code];
    let mut i = 0;
    while let Some(&current) = codes.get(i) {
        for recode in REORGANISATIONS
            .iter()
            .filter(|r| r.kind == ChangeKind::Recoded)
        {
            let pairs = recode.from.iter().zip(recode.to.iter());
            for (&old, &new) in pairs {
                for linked in [old, new] {
                    if (old == current || new == current) && !codes.contains(&linked) {
                        codes.push(linked);
                    }
                }
            }
        }
        i += 1;
    }
    codes
}

/// The areas met in imported files, looked up by code or by DfE's local authority number.
#[derive(Debug, Clone, Default)]
pub struct AreaDirectory {
    areas: HashMap<AreaCode, Area>,
    by_number: HashMap<String, Vec<AreaCode>>,
}

impl AreaDirectory {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds areas; the first name seen for a code is kept.
    pub fn extend<'a>(&mut self, areas: impl IntoIterator<Item = &'a Area>) {
        for area in areas {
            if self.areas.contains_key(&area.code) {
                continue;
            }
            if let Some(number) = &area.la_number {
                self.by_number
                    .entry(number.clone())
                    .or_default()
                    .push(area.code.clone());
            }
            self.areas.insert(area.code.clone(), area.clone());
        }
    }

    pub fn get(&self, code: &str) -> Option<&Area> {
        self.areas.get(code)
    }

    pub fn len(&self) -> usize {
        self.areas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }

    /// The area's name, or its code when no file has named it.
    pub fn name<'a>(&'a self, code: &'a str) -> &'a str {
        self.areas.get(code).map_or(code, |a| a.name.as_str())
    }

    /// The authority with DfE number `number` at `period`. A number can name two authorities
    /// over time (825: Buckinghamshire County Council, then the unitary council), so the one
    /// that existed at `period` is chosen, else the newest.
    pub fn by_la_number(&self, number: &str, period: Period) -> Option<&Area> {
        let codes = self.by_number.get(number)?;
        codes
            .iter()
            .find(|code| {
                existed(code.as_str(), period)
                    && AreaLevel::of_code(code.as_str()) == AreaLevel::LocalAuthority
            })
            .or_else(|| codes.iter().max_by_key(|code| created_on(code.as_str())))
            .and_then(|code| self.areas.get(code))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(y: i16) -> Period {
        Period::year_to_31_march(y).unwrap()
    }

    #[test]
    fn bcp_exists_from_reporting_year_2020_and_not_before() {
        assert!(!existed("E06000058", year(2019)));
        assert!(existed("E06000058", year(2020)));
        assert!(existed("E06000058", Period::mid_year(2019).unwrap()));
    }

    #[test]
    fn an_abolished_county_exists_until_its_last_31_march() {
        assert!(existed("E10000009", year(2019)));
        assert!(!existed("E10000009", year(2020)));
        assert!(existed("E10000006", year(2023)));
        assert!(!existed("E10000006", year(2024)));
    }

    #[test]
    fn the_unitary_successors_of_2023_start_in_reporting_year_2024() {
        for code in ["E06000063", "E06000064", "E06000065", "E06000066"] {
            assert!(!existed(code, year(2023)), "{code}");
            assert!(existed(code, year(2024)), "{code}");
        }
        assert!(existed(
            "E06000063",
            Period::year_to_30_september(2023).unwrap()
        ));
    }

    #[test]
    fn an_authority_no_reorganisation_touches_always_existed() {
        assert!(existed("E09000021", year(2009)));
        assert!(existed(ENGLAND, year(2009)));
    }

    #[test]
    fn a_recoded_authority_is_one_series_under_both_codes() {
        assert_eq!(same_authority("E06000057"), vec!["E06000057", "E06000048"]);
        assert_eq!(same_authority("E08000016"), vec!["E08000016", "E08000038"]);
        assert_eq!(same_authority("E09000021"), vec!["E09000021"]);
        assert!(existed("E06000057", year(2015)));
    }

    #[test]
    fn levels_are_read_from_the_code() {
        assert_eq!(AreaLevel::of_code(ENGLAND), AreaLevel::England);
        assert_eq!(AreaLevel::of_code("E13000002"), AreaLevel::Region);
        assert_eq!(AreaLevel::of_code("E09000021"), AreaLevel::LocalAuthority);
        assert_eq!(
            AreaLevel::of_code("E06000061 / E06000062"),
            AreaLevel::JointAuthorities
        );
        assert_eq!(AreaLevel::of_code("police"), AreaLevel::Other);
    }

    #[test]
    fn an_la_number_resolves_to_the_authority_of_the_period() {
        let area = |code: &str| Area {
            code: AreaCode::new(code).unwrap(),
            name: code.to_owned(),
            level: AreaLevel::LocalAuthority,
            la_number: Some("825".to_owned()),
            region_code: None,
        };
        let mut directory = AreaDirectory::new();
        directory.extend(&[area("E10000002"), area("E06000060")]);
        assert_eq!(
            directory.by_la_number("825", year(2019)).unwrap().code,
            "E10000002"
        );
        assert_eq!(
            directory.by_la_number("825", year(2025)).unwrap().code,
            "E06000060"
        );
    }
}
