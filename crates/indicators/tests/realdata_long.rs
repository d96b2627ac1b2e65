//! The long ("tidy") layout: Trafford Data Lab's real files, and the same layout in XLSX and ODS.

use crate::common::*;
use indicators::{
    Catalogue, ImportedValues, Period, ProblemKind, ValueStatus, import_long, import_spreadsheet,
    merge,
};

fn trafford(name: &str) -> ImportedValues {
    let path = format!("trafford_themes/{name}");
    import_long(name, &read(&path), &Catalogue::builtin()).unwrap_or_else(|e| panic!("{e}"))
}

fn number(values: &ImportedValues, indicator: &str, area: &str, period: Period) -> Option<f64> {
    values
        .values
        .iter()
        .find(|v| v.indicator == indicator && v.area_code == area && v.period == period)
        .and_then(|v| v.number)
}

#[test]
fn traffords_health_assessment_file_loads_every_row() {
    let values = trafford("cla_health_assessment.csv");
    assert_eq!(values.rows_read, 96);
    assert_eq!(values.values.len(), 96);
    assert_eq!(
        values.areas.len(),
        12,
        "Trafford, its ten neighbours and England"
    );
    assert_eq!(
        number(
            &values,
            "cla-health-assessment-pct",
            "E08000009",
            year(2025)
        ),
        Some(93.0)
    );
    assert_eq!(
        number(
            &values,
            "cla-health-assessment-pct",
            "E08000009",
            year(2024)
        ),
        Some(83.0)
    );
}

#[test]
fn traffords_offending_file_splits_its_two_measures_into_two_indicators() {
    let values = trafford("children_offending.csv");
    assert_eq!(values.rows_read, 242);
    assert_eq!(values.values.len(), 242);
    let count = number(
        &values,
        "youth-justice-cautioned-sentenced-count",
        "E08000009",
        year(2025),
    );
    let rate = number(
        &values,
        "youth-justice-cautioned-sentenced-rate",
        "E08000009",
        year(2025),
    );
    assert_eq!((count, rate), (Some(38.0), Some(14.0)));
    let ignored = values
        .warnings
        .iter()
        .any(|w| w.message.contains("compared_to_england"));
    assert!(
        ignored,
        "the extra columns are named as ignored: {:?}",
        values.warnings
    );
}

#[test]
fn buckinghamshires_new_code_on_old_years_is_kept_with_a_warning() {
    let values = trafford("children_offending.csv");
    assert_eq!(
        number(
            &values,
            "youth-justice-cautioned-sentenced-count",
            "E06000060",
            year(2015)
        ),
        Some(200.0)
    );
    let warning = values
        .warnings
        .iter()
        .find(|w| w.message.contains("E06000060"))
        .unwrap();
    assert!(
        warning.message.starts_with("12 values"),
        "2014-15 to 2019-20, two measures: {}",
        warning.message
    );
}

#[test]
fn the_same_long_file_twice_adds_nothing() {
    let first = trafford("children_offending.csv");
    let again = trafford("children_offending.csv");
    let result = merge(&first.values, &again);
    assert_eq!(
        (result.added.len(), result.revised.len(), result.unchanged),
        (0, 0, 242)
    );
}

#[test]
fn a_long_file_with_a_bad_row_imports_nothing_and_names_the_row() {
    let mut bytes = read("trafford_themes/cla_health_assessment.csv");
    bytes.extend_from_slice(b"E08000009,Trafford,2025/26,Children looked after who had their annual health assessment,Percentage,Persons,ninety\n");
    let errors =
        import_long("cla_health_assessment.csv", &bytes, &Catalogue::builtin()).unwrap_err();
    let error = errors.first().unwrap();
    assert_eq!(error.kind, ProblemKind::NonNumeric);
    assert_eq!(error.line, Some(98));
    assert_eq!(error.column.as_ref().unwrap().name, "value");
    assert!(
        error
            .to_string()
            .starts_with("cla_health_assessment.csv, line 98, column 7 (value):"),
        "{error}"
    );
}

fn xlsx(rows: &[[&str; 7]], numbers: &[(u32, f64)]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(r as u32, c as u16, *text).unwrap();
            }
        }
    }
    for &(row, number) in numbers {
        sheet.write_number(row, 6, number).unwrap();
    }
    workbook.save_to_buffer().unwrap()
}

#[test]
fn an_xlsx_workbook_in_the_long_layout_loads_like_the_csv() {
    let header = [
        "area_code",
        "area_name",
        "period",
        "indicator",
        "measure",
        "unit",
        "value",
    ];
    let bytes = xlsx(
        &[
            header,
            [
                "E09000021",
                "Kingston upon Thames",
                "2024-25",
                "rereferrals-pct",
                "Percentage",
                "Referrals",
                "",
            ],
            [
                "E09000021",
                "Kingston upon Thames",
                "2023-24",
                "rereferrals-pct",
                "Percentage",
                "Referrals",
                "c",
            ],
        ],
        &[(1, 15.0)],
    );
    let values = import_spreadsheet("plan.xlsx", &bytes, &Catalogue::builtin()).unwrap();
    assert_eq!(values.values.len(), 2);
    assert_eq!(values.values[0].number, Some(15.0));
    assert_eq!(values.values[1].status, ValueStatus::Suppressed);
}

#[test]
fn an_xlsx_error_names_the_sheet_and_the_spreadsheet_row() {
    let header = [
        "area_code",
        "area_name",
        "period",
        "indicator",
        "measure",
        "unit",
        "value",
    ];
    let bytes = xlsx(
        &[
            header,
            [
                "E09000021",
                "Kingston",
                "2024-25",
                "Wellbeing index",
                "",
                "",
                "3",
            ],
        ],
        &[],
    );
    let errors = import_spreadsheet("plan.xlsx", &bytes, &Catalogue::builtin()).unwrap_err();
    let error = errors.first().unwrap();
    assert_eq!(error.kind, ProblemKind::UnknownIndicator);
    assert_eq!(error.file, "plan.xlsx (sheet Sheet1)");
    assert_eq!(error.line, Some(2));
}

#[test]
fn an_xlsx_with_a_stray_cell_far_from_the_data_is_refused_not_a_crash() {
    // calamine's own range of this sheet would ask for a grid of 17 billion cells, and the
    // allocation failing aborts the process (a server taking the upload with it).
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, text) in ["area_code", "period", "indicator", "value"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *text).unwrap();
    }
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let bytes = workbook.save_to_buffer().unwrap();
    let errors = import_spreadsheet("plan.xlsx", &bytes, &Catalogue::builtin()).unwrap_err();
    let error = errors.first().unwrap();
    assert_eq!(error.kind, ProblemKind::Unreadable);
    assert_eq!(error.file, "plan.xlsx (sheet Sheet1)");
    assert!(
        error.problem.contains("1048576 rows by 16384 columns"),
        "{}",
        error.problem
    );
    assert!(
        error
            .fix
            .contains("Delete the rows and columns beyond the data")
    );
}

#[test]
fn an_ods_workbook_in_the_long_layout_loads() {
    let bytes = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/long_layout.ods"),
    )
    .unwrap();
    let values = import_spreadsheet("long_layout.ods", &bytes, &Catalogue::builtin()).unwrap();
    assert_eq!(values.values.len(), 3);
    assert_eq!(
        number(&values, "rereferrals-pct", KINGSTON, year(2025)),
        Some(15.0)
    );
    assert_eq!(
        number(&values, "rereferrals-pct", KINGSTON, year(2024)),
        Some(13.0)
    );
    let na = values
        .values
        .iter()
        .find(|v| v.indicator == "cla-health-assessment-pct")
        .unwrap();
    assert_eq!(na.status, ValueStatus::Missing);
    // The same figures DfE publishes in C1.
    assert_eq!(
        value("rereferrals-pct", KINGSTON, year(2024)).number,
        Some(13.0)
    );
}
