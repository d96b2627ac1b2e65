//! Real DfE and ONS figures put into a test partnership through the store, as
//! `boardplan pi import` would, for the indicator API tests.

use std::path::PathBuf;

use indicators::{Catalogue, FileContents, IndicatorCode, Period, Target, read_file};
use store::{IndicatorFormat, IndicatorSource};

use crate::common::TestApp;

pub const D3: &str = "d3_cpps_subsequent_plan_2013_to_2025.csv";
pub const B1: &str = "b1_children_in_need_2013_to_2025.csv";
pub const ONS: &str = "ons_mid-year_population_estimates_2012_to_2024.csv";
pub const CSWW: &str = "csww_indicators_2017_to_2025.csv";
pub const SN: &str = "sn_model_2025_wide.csv";

fn real(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/realdata")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Import the files `names` into partnership `slug`, published on `published` (else today).
pub async fn import(app: &TestApp, slug: &str, names: &[&str], published: Option<&str>) {
    let catalogue = Catalogue::builtin();
    for name in names {
        let bytes = real(name);
        let (format, contents) = read_file(name, &bytes, None, &catalogue).unwrap();
        let source = IndicatorSource {
            file_name: (*name).into(),
            sha256: format!("{name}-{published:?}"),
            format: IndicatorFormat::from(format),
            published_on: published.map(|d| d.parse().unwrap()),
        };
        let now = jiff::Timestamp::now();
        match contents {
            FileContents::Values(values) => app
                .store
                .import_indicator_values(slug, "test", &values, &source, now)
                .await
                .unwrap(),
            FileContents::Neighbours(model) => app
                .store
                .import_neighbours(slug, "test", &model, &source, now)
                .await
                .unwrap(),
        };
    }
}

/// Set partnership `slug`'s target for `code` in the year to 31 March `year`.
pub async fn target(app: &TestApp, slug: &str, code: &str, year: i16, value: f64) {
    let target = Target {
        indicator: IndicatorCode::new(code).unwrap(),
        period: Period::year_to_31_march(year).unwrap(),
        value,
        tolerance_percent: None,
    };
    app.store
        .set_indicator_target(slug, "test", &target, jiff::Timestamp::now())
        .await
        .unwrap();
}
