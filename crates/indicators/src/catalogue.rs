//! The indicator catalogue: what each measure is, how it is read, which way is better, where
//! it comes from and which of the plan's objectives it evidences.
//!
//! [`Catalogue::builtin`] ships, in Boardplan's own words, the measures in the DfE and ONS files
//! (children in need, referrals, section 47 enquiries, conferences, child protection plans,
//! children looked after, the social work workforce, the child population), two measures from
//! council data-lab long files, and the 2008 National Indicator Set's safeguarding indicators
//! NI 59 to NI 68 as historical measures. Each DfE measure names the exact column (and, for a
//! file that is long in a dimension, the row filter) it is read from, and each derived measure
//! says how it is calculated from others.

mod builder;
mod dfe;
mod long;
mod nis;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use crate::code::IndicatorCode;
pub use crate::period::PeriodType;

/// What a value is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// Per cent (0-100).
    Percent,
    /// A rate per 10,000 children (or of the population the definition names).
    #[serde(rename = "rate_per_10k")]
    RatePer10k,
    /// A number of children, plans, referrals…
    Count,
    /// Full-time equivalent posts or people.
    Fte,
    /// Days (working days where the definition says so).
    Days,
    /// One number divided by another, e.g. cases per social worker.
    Ratio,
}

impl Unit {
    /// Words to put after a number on a page: "%", " per 10,000", " FTE"…
    pub fn suffix(self) -> &'static str {
        match self {
            Unit::Percent => "%",
            Unit::RatePer10k => " per 10,000",
            Unit::Count | Unit::Ratio => "",
            Unit::Fte => " FTE",
            Unit::Days => " days",
        }
    }

    /// The unit in words, for axis titles and table headers.
    pub fn describe(self) -> &'static str {
        match self {
            Unit::Percent => "per cent",
            Unit::RatePer10k => "rate per 10,000",
            Unit::Count => "number",
            Unit::Fte => "full-time equivalent",
            Unit::Days => "days",
            Unit::Ratio => "ratio",
        }
    }
}

/// Which way is better.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Polarity {
    HigherIsBetter,
    LowerIsBetter,
    /// A good range: inside it is good, and both too low and too high are not (NI 65's 10-15%).
    Banded {
        low: f64,
        high: f64,
    },
    /// A measure of demand or context with no better direction (a rate of children in need is
    /// neither good nor bad in itself); trends are reported as up or down, never as better.
    Neutral,
}

impl Polarity {
    pub fn describe(self) -> String {
        match self {
            Polarity::HigherIsBetter => "higher is better".to_owned(),
            Polarity::LowerIsBetter => "lower is better".to_owned(),
            Polarity::Banded { low, high } => format!("between {low} and {high} is good"),
            Polarity::Neutral => "no better direction (context)".to_owned(),
        }
    }
}

/// National (published for every area) or the partnership's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    National,
    Local,
}

/// A DfE (or ONS, in DfE's layout) file that Boardplan knows the columns of. The importer
/// recognises a file by its [`Dataset::signature`] columns, so a renamed file still loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Dataset {
    /// Characteristics of children in need, table B1 (children in need).
    CinB1,
    /// Table C1: referrals and re-referrals.
    CinC1,
    /// Table C4: section 47 enquiries and initial child protection conferences.
    CinC4,
    /// Table D3: child protection plans that are a second or subsequent plan.
    CinD3,
    /// Table D5: child protection plans at 31 March by length of time.
    CinD5,
    /// Children looked after: numbers and rates per 10,000 (long in `population_type`).
    ClaRates,
    /// Children's social work workforce indicators.
    Workforce,
    /// ONS mid-year estimates of children aged 0-17, in DfE's layout.
    OnsPopulation,
}

impl Dataset {
    pub const ALL: [Dataset; 8] = [
        Dataset::CinB1,
        Dataset::CinC1,
        Dataset::CinC4,
        Dataset::CinD3,
        Dataset::CinD5,
        Dataset::ClaRates,
        Dataset::Workforce,
        Dataset::OnsPopulation,
    ];

    /// Columns that together only this file has.
    pub fn signature(self) -> &'static [&'static str] {
        match self {
            Dataset::CinB1 => &["At31_episodes", "Anypoint_child"],
            Dataset::CinC1 => &["referral_count", "rereferral_percent"],
            Dataset::CinC4 => &["Section47", "ICPC"],
            Dataset::CinD3 => &["CPP_start", "CPP_subsequent_percent"],
            Dataset::CinD5 => &["CPP_At31", "2_years_or_more_percent"],
            Dataset::ClaRates => &["population_type", "children_count", "rate_per_10000"],
            Dataset::Workforce => &["inpost_fte", "turnover_rate_fte"],
            Dataset::OnsPopulation => &["age_group", "population_estimate"],
        }
    }

    /// The publication, as a person would cite it.
    pub fn title(self) -> &'static str {
        match self {
            Dataset::CinB1 => "DfE, Children in need, table B1 (children in need)",
            Dataset::CinC1 => "DfE, Children in need, table C1 (referrals and re-referrals)",
            Dataset::CinC4 => {
                "DfE, Children in need, table C4 (section 47 enquiries and initial child protection conferences)"
            }
            Dataset::CinD3 => {
                "DfE, Children in need, table D3 (second or subsequent child protection plans)"
            }
            Dataset::CinD5 => {
                "DfE, Children in need, table D5 (child protection plans at 31 March by length)"
            }
            Dataset::ClaRates => {
                "DfE, Children looked after in England (numbers and rates per 10,000)"
            }
            Dataset::Workforce => "DfE, Children's social work workforce",
            Dataset::OnsPopulation => {
                "ONS mid-year population estimates, children aged 0-17 (DfE layout)"
            }
        }
    }
}

/// Where in a DfE file a measure is read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DfeColumn {
    pub dataset: Dataset,
    /// The header of the column holding the value.
    pub column: String,
    /// For a file that is long in a dimension: only rows whose `column` holds `value`.
    pub filter: Option<RowFilter>,
}

/// Selects the rows of a long file that belong to one measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowFilter {
    pub column: String,
    pub value: String,
}

/// How a measure is calculated from others in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Derivation {
    /// Sum of `numerator` ÷ sum of `denominator` × 100.
    Percent {
        numerator: Vec<IndicatorCode>,
        denominator: Vec<IndicatorCode>,
    },
    /// Sum of `numerator` ÷ sum of `denominator`.
    Ratio {
        numerator: Vec<IndicatorCode>,
        denominator: Vec<IndicatorCode>,
    },
    /// `count` ÷ the `population` of the latest mid-year on or before the period's end × 10,000
    /// (DfE's convention: a 31 March 2025 count over the mid-2024 estimate).
    #[serde(rename = "rate_per_10k")]
    RatePer10k {
        count: IndicatorCode,
        population: IndicatorCode,
    },
}

impl Derivation {
    /// Every indicator this one is calculated from.
    pub fn inputs(&self) -> Vec<&IndicatorCode> {
        match self {
            Derivation::Percent {
                numerator,
                denominator,
            }
            | Derivation::Ratio {
                numerator,
                denominator,
            } => numerator.iter().chain(denominator).collect(),
            Derivation::RatePer10k { count, population } => vec![count, population],
        }
    }
}

/// A name by which a long-format file (`indicator`, `measure` columns) refers to an indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alias {
    pub indicator: String,
    /// The `measure` column's text, where a file has several measures of one indicator.
    pub measure: Option<String>,
}

/// One indicator's definition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    pub code: IndicatorCode,
    pub title: String,
    /// What it measures and how to read it, in plain words.
    pub definition: String,
    pub unit: Unit,
    /// Decimal places it is published to (and shown with). A published value is exact only to
    /// half of the last place, which `derive::recompute_check` allows for.
    pub decimals: u8,
    pub polarity: Polarity,
    pub period_type: PeriodType,
    /// The publication or owner it comes from.
    pub source: String,
    pub scope: Scope,
    /// The measure that took this one's place, where there is one (it may be defined on a
    /// different basis: the definitions say how).
    pub superseded_by: Option<IndicatorCode>,
    /// Objective and action numbers of the plan this measure evidences (e.g. "2.2", "13.2").
    pub evidences: Vec<String>,
    /// Where the value is read in a DfE file, if it is published there.
    pub dfe: Option<DfeColumn>,
    /// How the value is calculated from other indicators. With `dfe` also set, the published
    /// value can be checked against the calculation.
    pub derivation: Option<Derivation>,
    /// Names long-format files use for it.
    pub aliases: Vec<Alias>,
}

impl Indicator {
    /// True if Boardplan calculates this measure rather than reading it.
    pub fn is_derived_only(&self) -> bool {
        self.dfe.is_none() && self.derivation.is_some()
    }
}

/// Why a set of definitions is not a usable catalogue.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    #[error("indicator code `{0}` is defined twice; give each indicator its own code")]
    DuplicateCode(IndicatorCode),
    #[error(
        "`{indicator}` refers to `{missing}`, which is not in the catalogue; define it or fix the reference"
    )]
    UnknownReference {
        indicator: IndicatorCode,
        missing: IndicatorCode,
    },
}

/// A checked set of indicator definitions, looked up by code or by a long file's names.
#[derive(Debug, Clone)]
pub struct Catalogue {
    indicators: Vec<Indicator>,
    by_code: HashMap<IndicatorCode, usize>,
}

impl Catalogue {
    /// Checks that codes are unique and that every derivation and `superseded_by` names an
    /// indicator in the set.
    pub fn new(indicators: Vec<Indicator>) -> Result<Self, CatalogueError> {
        let mut by_code = HashMap::with_capacity(indicators.len());
        for (i, indicator) in indicators.iter().enumerate() {
            if by_code.insert(indicator.code.clone(), i).is_some() {
                return Err(CatalogueError::DuplicateCode(indicator.code.clone()));
            }
        }
        for indicator in &indicators {
            let references = indicator
                .derivation
                .iter()
                .flat_map(Derivation::inputs)
                .chain(&indicator.superseded_by);
            for reference in references {
                if !by_code.contains_key(reference) {
                    return Err(CatalogueError::UnknownReference {
                        indicator: indicator.code.clone(),
                        missing: reference.clone(),
                    });
                }
            }
        }
        Ok(Self {
            indicators,
            by_code,
        })
    }

    /// The catalogue Boardplan ships: DfE and ONS measures, two long-file measures, and the
    /// 2008 National Indicator Set's NI 59 to NI 68.
    pub fn builtin() -> Self {
        let mut indicators = dfe::indicators();
        indicators.extend(long::indicators());
        indicators.extend(nis::indicators());
        // The definitions are constants of this crate, checked by a unit test: a failure here is
        // a programming error, never bad input.
        Self::new(indicators).expect("the built-in catalogue is consistent")
    }

    /// Adds a partnership's own indicator.
    pub fn with(self, indicator: Indicator) -> Result<Self, CatalogueError> {
        let mut indicators = self.indicators;
        indicators.push(indicator);
        Self::new(indicators)
    }

    pub fn len(&self) -> usize {
        self.indicators.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indicators.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Indicator> {
        self.indicators.iter()
    }

    /// The indicator with exactly this code.
    pub fn get(&self, code: &str) -> Option<&Indicator> {
        self.by_code.get(code).map(|&i| &self.indicators[i])
    }

    /// The indicator a person means by `text`: its code in any case and spacing ("ni 65",
    /// "NI65", "CIN-RATE"), or its title.
    pub fn find(&self, text: &str) -> Option<&Indicator> {
        if let Some(found) = self.get(text.trim()) {
            return Some(found);
        }
        let wanted = squash(text);
        self.indicators
            .iter()
            .find(|i| squash(i.code.as_str()) == wanted || squash(&i.title) == wanted)
    }

    /// The indicator a long-format row names with its `indicator` and `measure` cells: an alias
    /// with that measure, an alias without one, or a code or title as [`Catalogue::find`] reads it.
    pub fn find_long(&self, indicator: &str, measure: &str) -> Option<&Indicator> {
        let name = squash(indicator);
        let measure = squash(measure);
        let alias_matches = |alias: &Alias, with_measure: bool| {
            squash(&alias.indicator) == name
                && match (&alias.measure, with_measure) {
                    (Some(m), true) => squash(m) == measure,
                    (None, false) => true,
                    _ => false,
                }
        };
        [true, false]
            .into_iter()
            .find_map(|with_measure| {
                self.indicators
                    .iter()
                    .find(|i| i.aliases.iter().any(|a| alias_matches(a, with_measure)))
            })
            .or_else(|| self.find(indicator))
    }

    /// The indicators read from `dataset`.
    pub fn for_dataset(&self, dataset: Dataset) -> impl Iterator<Item = &Indicator> {
        self.indicators
            .iter()
            .filter(move |i| i.dfe.as_ref().is_some_and(|d| d.dataset == dataset))
    }
}

impl<'a> IntoIterator for &'a Catalogue {
    type Item = &'a Indicator;
    type IntoIter = std::slice::Iter<'a, Indicator>;

    fn into_iter(self) -> Self::IntoIter {
        self.indicators.iter()
    }
}

/// Lower case with spaces, hyphens and underscores removed: how names are compared.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_catalogue_is_consistent() {
        let indicators: Vec<Indicator> = dfe::indicators()
            .into_iter()
            .chain(long::indicators())
            .chain(nis::indicators())
            .collect();
        let count = indicators.len();
        let catalogue = Catalogue::new(indicators).expect("built-in definitions are consistent");
        assert_eq!(catalogue.len(), count);
        assert!(count > 70, "{count}");
    }

    #[test]
    fn every_builtin_indicator_has_a_definition_in_words_and_evidences_the_plan() {
        for indicator in &Catalogue::builtin() {
            assert!(indicator.definition.len() > 40, "{}", indicator.code);
            assert!(indicator.title.len() > 5, "{}", indicator.code);
            assert!(!indicator.evidences.is_empty(), "{}", indicator.code);
        }
    }

    #[test]
    fn ni_65_is_banded_and_superseded_by_the_dfe_repeat_plan_measure() {
        let catalogue = Catalogue::builtin();
        let ni65 = catalogue.find("NI 65").unwrap();
        assert_eq!(
            ni65.polarity,
            Polarity::Banded {
                low: 10.0,
                high: 15.0
            }
        );
        assert_eq!(ni65.superseded_by.as_ref().unwrap(), "cpp-subsequent-pct");
        assert!(catalogue.get("cpp-subsequent-pct").is_some());
    }

    #[test]
    fn every_ni_from_59_to_68_is_in_the_catalogue() {
        let catalogue = Catalogue::builtin();
        for n in 59..=68 {
            let ni = catalogue.get(&format!("NI{n}")).unwrap();
            assert_eq!(ni.scope, Scope::National);
            assert!(ni.title.starts_with(&format!("NI {n}")), "{}", ni.title);
        }
    }

    #[test]
    fn codes_are_found_whatever_their_case_and_spacing() {
        let catalogue = Catalogue::builtin();
        assert_eq!(catalogue.find("ni 65").unwrap().code, "NI65");
        assert_eq!(catalogue.find("CIN-RATE").unwrap().code, "cin-rate");
        assert!(catalogue.find("no such thing").is_none());
    }

    #[test]
    fn a_long_file_measure_picks_the_indicator_for_that_measure() {
        let catalogue = Catalogue::builtin();
        let count = catalogue
            .find_long("Children cautioned or sentenced", "Count")
            .unwrap();
        let rate = catalogue
            .find_long("Children cautioned or sentenced", "Per 10,000 aged 10-17")
            .unwrap();
        assert_ne!(count.code, rate.code);
        assert_eq!(rate.unit, Unit::RatePer10k);
    }

    #[test]
    fn a_derivation_naming_an_unknown_indicator_is_refused() {
        let mut indicators = dfe::indicators();
        indicators.retain(|i| i.code != "ons-population-0-17");
        let error = Catalogue::new(indicators).unwrap_err();
        assert!(
            matches!(error, CatalogueError::UnknownReference { .. }),
            "{error}"
        );
    }

    #[test]
    fn every_dfe_dataset_has_indicators_read_from_it() {
        let catalogue = Catalogue::builtin();
        for dataset in Dataset::ALL {
            assert!(catalogue.for_dataset(dataset).count() > 0, "{dataset:?}");
        }
    }
}
