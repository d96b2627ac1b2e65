//! Loads the real DfE/ONS files from `tests/fixtures/realdata` once per test binary.
#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use indicators::{
    AreaCode, AreaDirectory, Catalogue, ImportedValues, IndicatorCode, Period, StatNeighbours,
    Value, ValueIndex, derive_values, import_dfe,
};

/// The eight files of values, with how many data rows each has.
pub const VALUE_FILES: [(&str, usize); 8] = [
    ("b1_children_in_need_2013_to_2025.csv", 2132),
    (
        "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
        2132,
    ),
    (
        "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
        2132,
    ),
    ("d3_cpps_subsequent_plan_2013_to_2025.csv", 2132),
    ("d5_cpps_at31march_by_duration_2013_to_2025.csv", 2132),
    ("cla_number_and_rate_per_10k_children.csv", 2505),
    ("csww_indicators_2017_to_2025.csv", 1463),
    ("ons_mid-year_population_estimates_2012_to_2024.csv", 2132),
];

pub const NEIGHBOURS_FILE: &str = "sn_model_2025_wide.csv";

pub const KINGSTON: &str = "E09000021";
pub const HACKNEY: &str = "E09000012";
pub const BCP: &str = "E06000058";

pub fn realdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/realdata")
}

pub fn read(name: &str) -> Vec<u8> {
    std::fs::read(realdata().join(name)).unwrap_or_else(|e| panic!("reading {name}: {e}"))
}

pub struct Loaded {
    pub catalogue: Catalogue,
    pub imports: Vec<ImportedValues>,
    /// Every imported value plus the derived ones (rates per 10,000).
    pub index: ValueIndex,
    pub neighbours: StatNeighbours,
    pub directory: AreaDirectory,
}

pub fn loaded() -> &'static Loaded {
    static LOADED: OnceLock<Loaded> = OnceLock::new();
    LOADED.get_or_init(|| {
        let catalogue = Catalogue::builtin();
        let imports: Vec<ImportedValues> = VALUE_FILES
            .iter()
            .map(|(name, _)| {
                import_dfe(name, &read(name), &catalogue).unwrap_or_else(|e| panic!("{name}: {e}"))
            })
            .collect();
        let mut index =
            ValueIndex::from_values(imports.iter().flat_map(|i| i.values.iter().cloned()));
        let derived = derive_values(&index, &catalogue);
        index.extend(derived);
        let neighbours = StatNeighbours::from_csv(NEIGHBOURS_FILE, &read(NEIGHBOURS_FILE))
            .expect("neighbours load");
        let mut directory = AreaDirectory::new();
        for import in &imports {
            directory.extend(&import.areas);
        }
        Loaded {
            catalogue,
            imports,
            index,
            neighbours,
            directory,
        }
    })
}

pub fn year(y: i16) -> Period {
    Period::year_to_31_march(y).expect("valid year")
}

pub fn code(text: &str) -> IndicatorCode {
    IndicatorCode::new(text).expect("valid code")
}

pub fn area(text: &str) -> AreaCode {
    AreaCode::new(text).expect("valid area")
}

pub fn value(indicator: &str, area: &str, period: Period) -> &'static Value {
    loaded()
        .index
        .get(indicator, area, period)
        .unwrap_or_else(|| panic!("no {indicator} for {area} in {period}"))
}

/// To one decimal place, as DfE publishes rates.
pub fn one_dp(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}
