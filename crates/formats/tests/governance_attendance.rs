//! Attendance from a file (issue #12, item 7): the same rows read alike from CSV, XLSX and
//! ODS, and a bad cell named by its row and column in each.

use domain::meetings::Attendance;
use formats::governance::attendance::import;
use formats::governance::sheet::SheetKind;
use rust_xlsxwriter::Workbook;

use crate::plan_tables_fixtures::{ods, row};

const ROWS: [[&str; 5]; 4] = [
    ["Date", "Sub-group", "Name", "Attendance", "Deputy"],
    ["2009-06-17", "", "Ann Lee", "present", ""],
    ["17/06/2009", "", "Bob Ray", "deputy", "Sam Cole"],
    ["2009-07-08", "Training", "Ann Lee", "apologies", ""],
];

fn csv(rows: &[[&str; 5]]) -> Vec<u8> {
    rows.iter()
        .map(|r| r.join(","))
        .collect::<Vec<_>>()
        .join("\n")
        .into_bytes()
}

fn xlsx(rows: &[[&str; 5]]) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (r, cells) in rows.iter().enumerate() {
        for (col, text) in cells.iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(r as u32, col as u16, *text).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn ods_file(rows: &[[&str; 5]]) -> Vec<u8> {
    ods(&[("Attendance", rows.iter().map(|r| row(r)).collect())])
}

#[test]
fn attendance_reads_alike_from_csv_xlsx_and_ods() {
    for (kind, bytes) in [
        (SheetKind::Csv, csv(&ROWS)),
        (SheetKind::Xlsx, xlsx(&ROWS)),
        (SheetKind::Ods, ods_file(&ROWS)),
    ] {
        let lines = import(&bytes, kind).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_eq!(lines.len(), 3, "{kind:?}");
        assert_eq!(lines[1].row, 3, "{kind:?}");
        assert_eq!(lines[1].date, jiff::civil::date(2009, 6, 17), "{kind:?}");
        assert_eq!(lines[1].status, Attendance::Deputy, "{kind:?}");
        assert_eq!(lines[1].deputy.as_deref(), Some("Sam Cole"), "{kind:?}");
        assert_eq!(lines[2].subgroup.as_deref(), Some("Training"), "{kind:?}");
        assert_eq!(lines[0].subgroup, None, "{kind:?}");
    }
    assert_eq!(
        SheetKind::from_file_name("Attendance 2009-10.ODS"),
        Some(SheetKind::Ods)
    );
    assert_eq!(SheetKind::from_file_name("attendance.xls"), None);
}

#[test]
fn a_bad_row_is_named_by_row_and_column_in_every_format() {
    let mut bad = ROWS;
    bad[2] = ["2009-06-17", "", "Bob Ray", "came late", ""];
    for (kind, bytes) in [
        (SheetKind::Csv, csv(&bad)),
        (SheetKind::Xlsx, xlsx(&bad)),
        (SheetKind::Ods, ods_file(&bad)),
    ] {
        let e = import(&bytes, kind).unwrap_err();
        assert_eq!(
            e.place.to_string(),
            "row 3, column \"Attendance\"",
            "{kind:?}"
        );
        assert!(
            e.to_string()
                .contains("present, apologies, absent or deputy"),
            "{e}"
        );
    }
}
