//! Benchmarks for issue 5: loading all nine real DfE/ONS files (target: under 2 s in release),
//! the same plus indexing and deriving the rates, rendering one line chart of 13 years ×
//! (area, neighbours' mean, England, target), and the pure part of an indicator page (chart
//! data with comparators, chart and table) over all 153 areas × 13 years in memory.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use indicators::{
    AreaCode, AreaDirectory, Catalogue, ChartData, ChartPoint, ChartRequest, ChartSeries, Period,
    SeriesRole, StatNeighbours, Unit, ValueIndex, chart_data, data_table_html, derive_values,
    import_dfe, line_chart,
};

const VALUE_FILES: [&str; 8] = [
    "b1_children_in_need_2013_to_2025.csv",
    "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
    "d3_cpps_subsequent_plan_2013_to_2025.csv",
    "d5_cpps_at31march_by_duration_2013_to_2025.csv",
    "cla_number_and_rate_per_10k_children.csv",
    "csww_indicators_2017_to_2025.csv",
    "ons_mid-year_population_estimates_2012_to_2024.csv",
];

fn realdata() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/realdata")
}

fn read(name: &str) -> Vec<u8> {
    std::fs::read(realdata().join(name)).unwrap_or_else(|e| panic!("reading {name}: {e}"))
}

fn load_all(c: &mut Criterion) {
    let files: Vec<(&str, Vec<u8>)> = VALUE_FILES.iter().map(|name| (*name, read(name))).collect();
    let neighbours = read("sn_model_2025_wide.csv");
    let catalogue = Catalogue::builtin();
    c.bench_function("load all nine real files", |b| {
        b.iter(|| {
            let mut values = 0;
            for (name, bytes) in &files {
                values += import_dfe(name, bytes, &catalogue)
                    .map(|v| v.values.len())
                    .unwrap_or(0);
            }
            let model = StatNeighbours::from_csv("sn_model_2025_wide.csv", &neighbours)
                .map(|n| n.len())
                .unwrap_or(0);
            black_box((values, model))
        });
    });
}

fn render_chart(c: &mut Criterion) {
    let periods: Vec<Period> = (2013..=2025)
        .filter_map(|y| Period::year_to_31_march(y).ok())
        .collect();
    let line = |label: &str, role, base: f64| ChartSeries {
        label: label.to_owned(),
        role,
        points: (0..periods.len())
            .map(|i| ChartPoint::Value(base + (i as f64 * 1.7).sin() * 12.0))
            .collect(),
    };
    let data = ChartData {
        id: "chart-cin-rate-e09000021".to_owned(),
        title: "Children in need per 10,000 children: Kingston upon Thames".to_owned(),
        unit: Unit::RatePer10k,
        decimals: 1,
        periods: periods.clone(),
        series: vec![
            line("Kingston upon Thames", SeriesRole::Area, 280.0),
            line(
                "Statistical neighbours (mean)",
                SeriesRole::NeighboursMean,
                300.0,
            ),
            line("England", SeriesRole::England, 330.0),
            line("Target", SeriesRole::Target, 270.0),
        ],
    };
    c.bench_function("render one line chart (13 years x 4 series)", |b| {
        b.iter(|| black_box(line_chart(black_box(&data))))
    });
}

fn load_index_and_derive(c: &mut Criterion) {
    let files: Vec<(&str, Vec<u8>)> = VALUE_FILES.iter().map(|name| (*name, read(name))).collect();
    let catalogue = Catalogue::builtin();
    c.bench_function("load all files, index and derive rates", |b| {
        b.iter(|| {
            let mut index = ValueIndex::new();
            for (name, bytes) in &files {
                if let Ok(imported) = import_dfe(name, bytes, &catalogue) {
                    index.extend(imported.values);
                }
            }
            let derived = derive_values(&index, &catalogue);
            index.extend(derived);
            black_box(index.len())
        });
    });
}

fn indicator_page(c: &mut Criterion) {
    let catalogue = Catalogue::builtin();
    let mut index = ValueIndex::new();
    let mut directory = AreaDirectory::new();
    for name in VALUE_FILES {
        let Ok(imported) = import_dfe(name, &read(name), &catalogue) else {
            continue;
        };
        directory.extend(&imported.areas);
        index.extend(imported.values);
    }
    let derived = derive_values(&index, &catalogue);
    index.extend(derived);
    let Ok(neighbours) =
        StatNeighbours::from_csv("sn_model_2025_wide.csv", &read("sn_model_2025_wide.csv"))
    else {
        return;
    };
    let (Some(indicator), Ok(kingston)) = (catalogue.get("cin-rate"), AreaCode::new("E09000021"))
    else {
        return;
    };
    let periods: Vec<Period> = (2013..=2025)
        .filter_map(|y| Period::year_to_31_march(y).ok())
        .collect();
    c.bench_function(
        "indicator page core: chart data, chart and table (153 areas x 13 years)",
        |b| {
            b.iter(|| {
                let data = chart_data(&ChartRequest {
                    index: &index,
                    indicator,
                    area: &kingston,
                    area_name: "Kingston upon Thames",
                    periods: &periods,
                    neighbours: Some((&neighbours, &directory)),
                    targets: None,
                });
                black_box((line_chart(&data), data_table_html(&data)))
            });
        },
    );
}

criterion_group!(
    benches,
    load_all,
    load_index_and_derive,
    render_chart,
    indicator_page
);
criterion_main!(benches);
