//! Charts and tables drawn from the real files: accessible, complete and byte-for-byte stable.
//!
//! The snapshots in `tests/snapshots/` are the expected output; after an intended change,
//! regenerate them with `UPDATE_SNAPSHOTS=1 cargo test -p indicators --test realdata_chart`
//! and review the diff.

use std::path::PathBuf;

use crate::common::*;
use indicators::{
    ChartData, ChartRequest, Period, Target, Targets, chart_data, data_table_html, line_chart,
    sparkline,
};

fn periods() -> Vec<Period> {
    (2013..=2025).map(year).collect()
}

fn kingston_cin_rate(targets: Option<&Targets>) -> ChartData {
    let loaded = loaded();
    let periods = periods();
    chart_data(&ChartRequest {
        index: &loaded.index,
        indicator: loaded.catalogue.get("cin-rate").unwrap(),
        area: &area(KINGSTON),
        area_name: "Kingston upon Thames",
        periods: &periods,
        neighbours: Some((&loaded.neighbours, &loaded.directory)),
        targets,
    })
}

fn targets() -> Targets {
    let mut targets = Targets::new();
    for y in 2023..=2025 {
        targets.set(Target {
            indicator: code("cin-rate"),
            period: year(y),
            value: 280.0,
            tolerance_percent: None,
        });
    }
    targets
}

fn snapshot(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_SNAPSHOTS=1 to create it",
            path.display()
        )
    });
    assert!(
        expected == actual,
        "{name} differs from its snapshot; run with UPDATE_SNAPSHOTS=1 and review the diff"
    );
}

#[test]
fn kingstons_children_in_need_chart_has_four_lines_of_13_years() {
    let data = kingston_cin_rate(Some(&targets()));
    let labels: Vec<&str> = data.series.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "Kingston upon Thames",
            "Statistical neighbours (mean)",
            "England",
            "Target"
        ]
    );
    assert!(data.series.iter().all(|s| s.points.len() == 13));
    let kingston_2025 = data.series[0].points[12].number().unwrap();
    assert_eq!(one_dp(kingston_2025), 269.9);
    let england_2025 = data.series[2].points[12].number().unwrap();
    assert_eq!(one_dp(england_2025), 330.3);
    assert_eq!(
        data.series[3].points[0].number(),
        None,
        "no target before 2023"
    );
}

#[test]
fn the_line_chart_is_an_accessible_image_with_a_title_and_a_description() {
    let svg = line_chart(&kingston_cin_rate(Some(&targets())));
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("role=\"img\" aria-labelledby=\"chart-cin-rate-e09000021-title chart-cin-rate-e09000021-desc\""));
    assert!(svg.contains("<title id=\"chart-cin-rate-e09000021-title\">Children in need per 10,000 children: Kingston upon Thames</title>"));
    assert!(
        svg.contains("Latest, 2024-25: Kingston upon Thames 269.9 per 10,000;"),
        "{svg}"
    );
    for label in ["2012-13", "2018-19", "2024-25"] {
        assert!(svg.contains(&format!(">{label}</text>")), "{label}");
    }
    // Series are told apart by dash pattern and marker, not colour alone.
    for dash in [
        "stroke-dasharray=\"8 4\"",
        "stroke-dasharray=\"2 3\"",
        "stroke-dasharray=\"12 4 3 4\"",
    ] {
        assert!(svg.contains(dash), "{dash}");
    }
    assert!(svg.contains("<circle") && svg.contains("<rect") && svg.contains("M0,-5.5 L5,3.5"));
    assert_eq!(
        svg,
        line_chart(&kingston_cin_rate(Some(&targets()))),
        "deterministic"
    );
    snapshot("kingston_cin_rate.svg", &svg);
}

#[test]
fn the_table_beside_the_chart_holds_the_same_figures() {
    let html = data_table_html(&kingston_cin_rate(Some(&targets())));
    assert_eq!(
        html.matches("<tr class=\"govuk-table__row\">").count(),
        14,
        "a header row and 13 years"
    );
    assert!(html.contains("<th scope=\"row\" class=\"govuk-table__header\">2024-25</th><td class=\"govuk-table__cell govuk-table__cell--numeric\">269.9 per 10,000</td>"), "{html}");
    assert!(html.contains(">no target set</td>"));
    snapshot("kingston_cin_rate_table.html", &html);
}

#[test]
fn bcps_chart_and_table_say_did_not_exist_before_2020() {
    let loaded = loaded();
    let periods = periods();
    let data = chart_data(&ChartRequest {
        index: &loaded.index,
        indicator: loaded.catalogue.get("cpp-subsequent-pct").unwrap(),
        area: &area(BCP),
        area_name: "Bournemouth, Christchurch and Poole",
        periods: &periods,
        neighbours: Some((&loaded.neighbours, &loaded.directory)),
        targets: None,
    });
    let html = data_table_html(&data);
    assert_eq!(html.matches(">did not exist</td>").count(), 7);
    let svg = line_chart(&data);
    assert!(svg.contains("Bournemouth, Christchurch and Poole"));
    // The area's line starts in 2019-20: one unbroken path, no fall to zero before it.
    let area_group = svg.split("bp-chart__series--area").nth(1).unwrap();
    let path = area_group
        .split("d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert_eq!(path.matches('M').count(), 1, "{path}");
    assert_eq!(
        path.matches('L').count(),
        5,
        "six points, 2019-20 to 2024-25"
    );
    snapshot("bcp_cpp_subsequent_pct.svg", &svg);
}

#[test]
fn hackneys_sparkline_breaks_at_the_missing_years_and_says_so() {
    let loaded = loaded();
    let values: Vec<Option<f64>> = periods()
        .into_iter()
        .map(|p| {
            loaded
                .index
                .get("cin-rate", HACKNEY, p)
                .and_then(|v| v.number)
        })
        .collect();
    let svg = sparkline(&values);
    assert!(svg.contains("2 periods without a value"), "{svg}");
    let path = svg.split("d=\"").nth(1).unwrap().split('"').next().unwrap();
    assert_eq!(path.matches('M').count(), 2);
    snapshot("hackney_cin_rate_sparkline.svg", &svg);
}
