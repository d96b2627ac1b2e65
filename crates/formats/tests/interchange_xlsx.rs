//! The plan as an XLSX workbook: an exact round trip (compared through the rows and the CSV,
//! as the workbook's bytes carry a timestamp), sheets edited in Excel read back as shown, and
//! damaged files refused with a clear error.

use std::io::Cursor;

use crate::interchange_common::rich;
use calamine::{Data, Reader, Xlsx};
use formats::plan_rows::{self, Column};
use formats::{FormatError, Place, csv_plan, xlsx_plan};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn exported() -> Vec<u8> {
    xlsx_plan::export(&rich(), 0).expect("the plan exports")
}

fn refused(bytes: &[u8]) -> FormatError {
    xlsx_plan::import(bytes, &rich(), 0).expect_err("the workbook should be refused")
}

/// A workbook typed by hand: a "Notes" sheet first, then "Plan" with the columns in another
/// order, an extra "Progress" column, every cell that looks like a number written as a number
/// (as Excel stores what a person types), the due dates as date cells, and a blank row after
/// the first action. `edit` may change a row's cells before they are written.
fn typed_by_hand(edit: impl Fn(&mut plan_rows::PlanRow)) -> Vec<u8> {
    let order = [
        Column::Number,
        Column::Action,
        Column::Objective,
        Column::ObjectiveTitle,
        Column::ActionId,
        Column::Leads,
        Column::Sources,
        Column::Timescale,
        Column::Due,
        Column::References,
        Column::DuplicateOf,
    ];
    let mut workbook = Workbook::new();
    workbook
        .add_worksheet()
        .set_name("Notes")
        .and_then(|s| s.write_string(0, 0, "Updated for the September board"))
        .expect("notes sheet");
    let sheet = workbook
        .add_worksheet()
        .set_name("Plan")
        .expect("plan sheet");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    for (col, column) in (0u16..).zip(order) {
        sheet
            .write_string(0, col, column.heading())
            .expect("heading");
    }
    sheet.write_string(0, 11, "Progress").expect("heading");
    let mut sheet_row = 1u32;
    for (i, mut row) in plan_rows::to_rows(&rich(), 0).into_iter().enumerate() {
        edit(&mut row);
        for (col, column) in (0u16..).zip(order) {
            let value = row.cell(column);
            let written = match (column, value.parse::<domain::Date>(), value.parse::<f64>()) {
                (_, _, _) if value.is_empty() => continue,
                (Column::Due, Ok(d), _) => {
                    let day =
                        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)
                            .expect("a date");
                    sheet.write_datetime_with_format(sheet_row, col, &day, &date)
                }
                (_, _, Ok(n)) => sheet.write_number(sheet_row, col, n),
                _ => sheet.write_string(sheet_row, col, value),
            };
            written.expect("cell");
        }
        sheet
            .write_string(sheet_row, 11, "Green")
            .expect("progress");
        sheet_row += if i == 0 { 2 } else { 1 };
    }
    workbook.save_to_buffer().expect("workbook")
}

#[test]
fn a_rich_plan_survives_export_import_export_exactly() {
    let p = rich();
    let first = exported();
    let back = xlsx_plan::import(&first, &p, 0).expect("the export imports");
    assert_eq!(back, p);
    let second = xlsx_plan::export(&back, 0).expect("exports again");
    let again = xlsx_plan::import(&second, &p, 0).expect("imports again");
    assert_eq!(plan_rows::to_rows(&again, 0), plan_rows::to_rows(&p, 0));
    assert_eq!(csv_plan::export(&again, 0), csv_plan::export(&p, 0));
}

#[test]
fn an_objective_with_no_actions_survives_the_round_trip() {
    let p = rich();
    let bytes = xlsx_plan::export(&p, 1).expect("exports");
    assert_eq!(xlsx_plan::import(&bytes, &p, 1), Ok(p));
}

#[test]
fn the_sheet_is_named_plan_with_text_numbers_and_real_date_cells() {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(exported())).expect("readable");
    assert_eq!(workbook.sheet_names(), ["Plan"]);
    let range = workbook.worksheet_range("Plan").expect("the sheet");
    let headings: Vec<String> = range
        .rows()
        .next()
        .expect("headings")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(headings, Column::ALL.map(Column::heading));
    let first = range.rows().nth(1).expect("the first action");
    assert_eq!(first[Column::Number as usize], Data::String("1.1".into()));
    assert_eq!(first[Column::ActionId as usize], Data::String("1.1".into()));
    assert_eq!(first[Column::Objective as usize], Data::String("1".into()));
    match &first[Column::Due as usize] {
        Data::DateTime(dt) => {
            let (year, month, day, ..) = dt.to_ymd_hms_milli();
            assert_eq!((year, month, day), (2009, 9, 30));
        }
        other => panic!("the due date should be a date cell, not {other:?}"),
    }
}

#[test]
fn a_sheet_typed_in_excel_with_numbers_and_dates_reads_back_as_the_plan() {
    let bytes = typed_by_hand(|_| {});
    assert_eq!(xlsx_plan::import(&bytes, &rich(), 0), Ok(rich()));
}

#[test]
fn a_number_excel_stored_as_a_float_reads_as_the_text_it_shows() {
    let bytes = typed_by_hand(|row| {
        if row.action_id == "4.4" {
            row.action_id = String::new();
            row.number = "10.10".into();
        }
    });
    let back = xlsx_plan::import(&bytes, &rich(), 0).expect("imports");
    let last = back.plans[0].objectives[2]
        .actions
        .last()
        .expect("an action")
        .clone();
    // Excel keeps 10.10 typed into a number cell as 10.1: the reason the export writes text.
    assert_eq!((last.id.as_str(), last.number.as_str()), ("10.1", "10.1"));
}

#[test]
fn errors_name_the_row_as_the_sheet_numbers_it() {
    let bytes = typed_by_hand(|row| {
        if row.action_id == "2.1" {
            row.due = "31/02/2010".into();
        }
    });
    let e = refused(&bytes);
    // 2.1 is the third action; a blank row follows the first, so it sits on sheet row 5.
    assert_eq!(
        e.place,
        Place::Row {
            row: 5,
            column: Some("Due".into())
        }
    );
    assert_eq!(e.fix, "Write dates as 2010-02-28.");
}

#[test]
fn a_missing_required_column_is_refused_at_the_heading_row() {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (col, column) in (0u16..).zip(Column::ALL.iter().filter(|c| **c != Column::Leads)) {
        sheet
            .write_string(0, col, column.heading())
            .expect("heading");
    }
    sheet.write_string(1, 0, "1").expect("cell");
    let e = refused(&workbook.save_to_buffer().expect("workbook"));
    assert_eq!(
        e.place,
        Place::Row {
            row: 1,
            column: Some("Leads".into())
        }
    );
}

#[test]
fn a_truncated_workbook_is_refused_as_not_readable() {
    let bytes = exported();
    let e = refused(&bytes[..bytes.len() / 2]);
    assert_eq!(e.place, Place::Document);
    assert!(
        e.problem.contains("not a readable .xlsx workbook"),
        "{}",
        e.problem
    );
    assert!(
        e.fix.contains("save it again from Excel as .xlsx"),
        "{}",
        e.fix
    );
}

#[test]
fn a_file_that_is_not_a_workbook_is_refused_as_not_readable() {
    let csv = csv_plan::export(&rich(), 0);
    let e = refused(csv.as_bytes());
    assert!(
        e.to_string()
            .contains("this is not a readable .xlsx workbook"),
        "{e}"
    );
    assert!(
        refused(b"")
            .problem
            .contains("not a readable .xlsx workbook")
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(32))]

    #[test]
    fn any_action_text_survives_the_xlsx_round_trip(text in "[ -~\n\r\t’–é\u{1}]{0,60}") {
        let mut p = rich();
        p.plans[0].objectives[2].actions[1].text = text;
        let bytes = xlsx_plan::export(&p, 0).expect("exports");
        let back = xlsx_plan::import(&bytes, &p, 0).expect("the export imports");
        proptest::prop_assert_eq!(back, p);
    }
}
