//! Loading the nine real DfE/ONS files, and reading values back exactly as published.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::*;
use indicators::{Catalogue, ValueStatus, import_dfe, merge};

#[test]
fn all_nine_files_load_and_report_how_many_values() {
    let loaded = loaded();
    let mut rows = 0;
    let mut values = 0;
    for ((name, expected_rows), import) in VALUE_FILES.iter().zip(&loaded.imports) {
        assert_eq!(import.rows_read, *expected_rows, "{name}");
        eprintln!(
            "{name}: {} rows, {} values",
            import.rows_read,
            import.values.len()
        );
        rows += import.rows_read;
        values += import.values.len();
    }
    eprintln!(
        "{NEIGHBOURS_FILE}: {} authorities; total {rows} rows, {values} values ({} with derived rates)",
        loaded.neighbours.len(),
        loaded.index.len()
    );
    assert_eq!(rows, 16_760);
    assert_eq!(loaded.neighbours.len(), 153);
    // 2,132 rows × 40 measures (B1 4, C1 10, C4 11, D3 3, D5 11, ONS 1), 2,505 looked-after
    // rows × 2 (count and rate of their population type), 1,463 workforce rows × 12.
    assert_eq!(values, 2132 * 40 + 2505 * 2 + 1463 * 12);
    assert_eq!(values, 107_846);
}

#[test]
fn each_file_lists_the_columns_it_did_not_import() {
    let b1 = &loaded().imports[0];
    let warning = &b1.warnings[0].message;
    assert!(
        warning.contains("Anypoint_episodes") && warning.contains("awaiting_assessment"),
        "{warning}"
    );
}

#[test]
fn a_file_with_a_byte_order_mark_reads_like_one_without() {
    let catalogue = Catalogue::builtin();
    let cla = read("cla_number_and_rate_per_10k_children.csv");
    assert!(cla.starts_with(b"\xEF\xBB\xBF"), "the real file has a BOM");
    let with = import_dfe("cla.csv", &cla, &catalogue).unwrap();
    let without = import_dfe("cla.csv", &cla[3..], &catalogue).unwrap();
    assert_eq!(with.values, without.values);
    let b1 = read("b1_children_in_need_2013_to_2025.csv");
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(&b1);
    assert_eq!(
        import_dfe("b1.csv", &with_bom, &catalogue).unwrap().values,
        import_dfe("b1.csv", &b1, &catalogue).unwrap().values
    );
}

#[test]
fn names_with_commas_in_quotes_are_read_whole() {
    let directory = &loaded().directory;
    assert_eq!(
        directory.get("E06000010").unwrap().name,
        "Kingston upon Hull, City of"
    );
    assert_eq!(
        directory.get("E06000019").unwrap().name,
        "Herefordshire, County of"
    );
    assert_eq!(
        directory.get(KINGSTON).unwrap().la_number.as_deref(),
        Some("314")
    );
}

#[test]
fn local_authorities_per_year_follow_the_reorganisations() {
    let b1 = &loaded().imports[0];
    let mut per_year: BTreeMap<i16, BTreeSet<&str>> = BTreeMap::new();
    for value in b1.values.iter().filter(|v| v.indicator == "cin-count") {
        if indicators::AreaLevel::of_code(value.area_code.as_str())
            == indicators::AreaLevel::LocalAuthority
        {
            per_year
                .entry(value.period.year())
                .or_default()
                .insert(value.area_code.as_str());
        }
    }
    let counts: Vec<(i16, usize)> = per_year
        .iter()
        .map(|(y, areas)| (*y, areas.len()))
        .collect();
    let expected: Vec<(i16, usize)> = (2013..=2025)
        .map(|y| {
            (
                y,
                match y {
                    2013..=2019 => 152,
                    2020 | 2021 => 151,
                    2022 | 2023 => 152,
                    _ => 153,
                },
            )
        })
        .collect();
    assert_eq!(counts, expected);
}

#[test]
fn kingston_values_read_back_exactly_as_published() {
    let cases: [(&str, indicators::Period, f64); 10] = [
        ("cin-count", year(2025), 1002.0),
        ("cpp-count", year(2024), 163.0),
        ("cpp-subsequent-pct", year(2025), 17.3),
        ("cpp-subsequent-pct", year(2024), 21.0),
        ("rereferrals-pct", year(2025), 15.0),
        ("referrals-count", year(2025), 1640.0),
        ("cla-rate", year(2025), 30.0),
        ("cla-rate", year(2024), 35.0),
        ("icpc-days-median", year(2025), 13.0),
        (
            "ons-population-0-17",
            indicators::Period::mid_year(2024).unwrap(),
            37121.0,
        ),
    ];
    for (indicator, period, expected) in cases {
        let value = value(indicator, KINGSTON, period);
        assert_eq!(value.number, Some(expected), "{indicator} {period}");
        assert_eq!(value.status, ValueStatus::Published, "{indicator} {period}");
    }
    assert_eq!(
        value("cpp-subsequent-pct", indicators::ENGLAND, year(2025)).number,
        Some(24.5)
    );
    assert_eq!(
        value("cpp-2y-plus-pct", KINGSTON, year(2024)).number,
        Some(8.6)
    );
    assert_eq!(
        value("cpp-2y-plus-pct", KINGSTON, year(2025)).status,
        ValueStatus::Suppressed
    );
}

#[test]
fn kingston_rates_per_10000_are_calculated_the_way_dfe_calculates_them() {
    // B1 and D5 publish counts only; the rates divide by the previous mid-year population.
    let cin = value("cin-rate", KINGSTON, year(2025));
    assert_eq!(cin.status, ValueStatus::Calculated);
    assert_eq!(
        one_dp(cin.number.unwrap()),
        269.9,
        "1,002 / 37,121 (mid-2024) × 10,000"
    );
    let cpp = value("cpp-rate", KINGSTON, year(2024));
    assert_eq!(
        one_dp(cpp.number.unwrap()),
        44.3,
        "163 / 36,769 (mid-2023) × 10,000"
    );
    let england = value("cin-rate", indicators::ENGLAND, year(2025));
    assert_eq!(
        one_dp(england.number.unwrap()),
        330.3,
        "402,400 / 12,183,016 × 10,000"
    );
}

#[test]
fn hackneys_2021_and_2022_x_values_are_not_available_never_zero() {
    let loaded = loaded();
    let mut checked = 0;
    for period in [year(2021), year(2022)] {
        for value in loaded
            .index
            .iter()
            .filter(|v| v.area_code == HACKNEY && v.period == period)
        {
            let from_cin_census = ["cin-", "referrals", "rereferrals", "s47", "icpc", "cpp"]
                .iter()
                .any(|prefix| value.indicator.as_str().starts_with(prefix));
            if from_cin_census {
                assert_eq!(
                    value.status,
                    ValueStatus::NotAvailable,
                    "{} {period}",
                    value.indicator
                );
                assert_eq!(value.number, None);
                checked += 1;
            }
        }
    }
    // 2 years × (B1 4 + C1 10 + C4 11 + D3 3 + D5 11 read, + 7 rates calculated from them).
    assert_eq!(checked, 2 * (4 + 10 + 11 + 3 + 11 + 7));
    assert_eq!(
        value("cin-count", HACKNEY, year(2020)).number,
        Some(3094.0),
        "the year before is published"
    );
    assert_eq!(
        value("cin-count", HACKNEY, year(2023)).number,
        Some(2550.0),
        "and the year after"
    );
}

#[test]
fn dfe_status_tokens_survive_the_import_as_statuses() {
    let mut statuses: BTreeMap<ValueStatus, usize> = BTreeMap::new();
    for import in &loaded().imports {
        for value in &import.values {
            *statuses.entry(value.status).or_default() += 1;
            assert_eq!(
                value.number.is_some(),
                value.status == ValueStatus::Published
            );
        }
    }
    eprintln!("{statuses:?}");
    for status in [
        ValueStatus::Suppressed,
        ValueStatus::NotAvailable,
        ValueStatus::LowReliability,
        ValueStatus::NotApplicable,
        ValueStatus::Low,
    ] {
        assert!(
            statuses.get(&status).copied().unwrap_or(0) > 0,
            "{status:?}"
        );
    }
    assert_eq!(
        statuses.get(&ValueStatus::Low),
        Some(&9),
        "agency FTE, agency rate and absence rate: 3 each"
    );
}

#[test]
fn importing_the_same_file_twice_adds_nothing() {
    let catalogue = Catalogue::builtin();
    for (name, _) in VALUE_FILES {
        let bytes = read(name);
        let first = import_dfe(name, &bytes, &catalogue).unwrap();
        let again = import_dfe(name, &bytes, &catalogue).unwrap();
        let result = merge(&first.values, &again);
        assert_eq!((result.added.len(), result.revised.len()), (0, 0), "{name}");
        assert_eq!(result.unchanged, first.values.len());
    }
}

#[test]
fn the_workforce_file_gives_one_figure_for_authorities_sharing_a_service() {
    let loaded = loaded();
    let census = indicators::Period::year_to_30_september(2025).unwrap();
    assert_eq!(
        value("sw-fte", "E09000021 / E09000027", census).number,
        Some(137.4)
    );
    assert!(loaded.index.get("sw-fte", KINGSTON, census).is_none());
    assert_eq!(
        loaded.directory.get("E06000061 / E06000062").unwrap().level,
        indicators::AreaLevel::JointAuthorities
    );
}
