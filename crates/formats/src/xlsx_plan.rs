//! The plan as an Excel workbook, one row per action (the columns of [`crate::plan_rows`]).
//!
//! [`export`] writes one sheet named "Plan": a bold heading row frozen above the rows, an
//! autofilter, widths that fit the columns, wrapped text in the long columns, and the due date
//! as a real date cell shown `yyyy-mm-dd`. Every other cell, "Number" and "Action id"
//! included, is a text cell, and those two columns are formatted as text (`@`), so that Excel
//! keeps "10.10" as written, even in rows typed in later.
//!
//! [`import`] reads the sheet named "Plan" (else the first sheet) with calamine. A date cell is
//! read as its date; a number cell (a "4.2" someone typed into a cell Excel took for a number)
//! is read as the shortest text that gives that number back, so 4.2 reads "4.2" and 10.10,
//! already stored by Excel as 10.1, reads "10.1".
//!
//! [`export_marked`] adds a second sheet, "Boardplan", whose cell A1 holds the
//! [`SheetMark`] (which state of the plan the workbook was taken from); [`mark`] reads it.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use domain::Partnership;

use crate::plan_rows::{self, Column};
use crate::sheet_mark::{self, SheetMark};
use crate::{FormatError, Place};

/// The name of the sheet written and, when a workbook has it, read.
pub const SHEET_NAME: &str = "Plan";

/// The name of the sheet holding the mark.
pub const MARK_SHEET_NAME: &str = "Boardplan";

/// The plan at `plan_index` as the bytes of an .xlsx workbook.
pub fn export(p: &Partnership, plan_index: usize) -> Result<Vec<u8>, FormatError> {
    write(p, plan_index, None)
}

/// [`export`] with `mark` in a second sheet, so that the workbook says which state of the
/// plan it was taken from.
pub fn export_marked(
    p: &Partnership,
    plan_index: usize,
    mark: &SheetMark,
) -> Result<Vec<u8>, FormatError> {
    write(p, plan_index, Some(mark))
}

fn write(
    p: &Partnership,
    plan_index: usize,
    mark: Option<&SheetMark>,
) -> Result<Vec<u8>, FormatError> {
    let rows = plan_rows::to_rows(p, plan_index);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let document = |e: XlsxError| {
        FormatError::new(
            Place::Document,
            format!("the workbook could not be written: {e}."),
            "Export the plan as CSV instead, and report this to the Boardplan team.",
        )
    };
    sheet.set_name(SHEET_NAME).map_err(document)?;

    let heading = Format::new().set_bold().set_align(FormatAlign::Top);
    let plain = Format::new().set_align(FormatAlign::Top);
    let wrapped = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let text = Format::new()
        .set_num_format("@")
        .set_align(FormatAlign::Top);
    let date = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Top);

    for (col, column) in (0u16..).zip(Column::ALL) {
        let (width, format) = match column {
            Column::Objective => (10.0, &text),
            Column::ObjectiveTitle => (36.0, &wrapped),
            Column::ActionId => (10.0, &text),
            Column::Number => (9.0, &text),
            Column::Action => (60.0, &wrapped),
            Column::Sources => (12.0, &plain),
            Column::Timescale => (22.0, &wrapped),
            Column::Due => (12.0, &date),
            Column::Leads => (36.0, &wrapped),
            Column::References => (14.0, &plain),
            Column::DuplicateOf => (12.0, &text),
        };
        sheet.set_column_width(col, width).map_err(document)?;
        sheet.set_column_format(col, format).map_err(document)?;
        sheet
            .write_string_with_format(0, col, column.heading(), &heading)
            .map_err(document)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(document)?;

    for (r, row) in (1u32..).zip(&rows) {
        for (col, column) in (0u16..).zip(Column::ALL) {
            let value = row.cell(column);
            if value.is_empty() {
                continue;
            }
            let cell_error = |e: XlsxError| {
                FormatError::new(
                    Place::Row {
                        row: row.row,
                        column: Some(column.heading().to_string()),
                    },
                    format!("the cell cannot be written to a workbook: {e}."),
                    "Shorten the text (a spreadsheet cell holds at most 32,767 characters), or export as CSV.",
                )
            };
            let written = match (column, value.parse::<domain::Date>()) {
                (Column::Due, Ok(d)) => {
                    let day = excel_date(d).map_err(cell_error)?;
                    sheet.write_datetime_with_format(r, col, &day, &date)
                }
                _ => {
                    let format = match column {
                        Column::ObjectiveTitle
                        | Column::Action
                        | Column::Timescale
                        | Column::Leads => &wrapped,
                        Column::Sources | Column::References | Column::Due => &plain,
                        Column::Objective
                        | Column::ActionId
                        | Column::Number
                        | Column::DuplicateOf => &text,
                    };
                    sheet.write_string_with_format(r, col, value, format)
                }
            };
            written.map_err(cell_error)?;
        }
    }
    let last_row = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let last_col = u16::try_from(Column::ALL.len() - 1).unwrap_or(0);
    sheet
        .autofilter(0, 0, last_row, last_col)
        .map_err(document)?;
    if let Some(mark) = mark {
        let about = workbook.add_worksheet();
        about.set_name(MARK_SHEET_NAME).map_err(document)?;
        about.set_column_width(0, 100.0).map_err(document)?;
        about
            .write_string_with_format(0, 0, sheet_mark::line(mark), &wrapped)
            .map_err(document)?;
    }
    workbook.save_to_buffer().map_err(document)
}

/// The mark in the workbook's "Boardplan" sheet, if it has one. Never fails: a workbook it
/// cannot read has no mark, and [`import`] says what is wrong with it.
pub fn mark(bytes: &[u8]) -> Option<SheetMark> {
    crate::xlsx_range::check_shared_strings(bytes).ok()?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).ok()?;
    let name = workbook
        .sheet_names()
        .into_iter()
        .find(|n| n.eq_ignore_ascii_case(MARK_SHEET_NAME))?;
    let range = crate::xlsx_range::range(&mut workbook, &name).ok()?;
    let text = match range.get_value((0, 0))? {
        Data::String(s) => s.clone(),
        _ => return None,
    };
    sheet_mark::parse(&text)
}

fn excel_date(d: domain::Date) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(d.year()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    let month =
        u8::try_from(d.month()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    let day = u8::try_from(d.day()).map_err(|_| XlsxError::DateTimeRangeError(d.to_string()))?;
    ExcelDateTime::from_ymd(year, month, day)
}

/// A new partnership with the plan at `plan_index` rebuilt from the workbook's "Plan" sheet
/// (else its first sheet); see [`plan_rows::apply_rows`]. Row numbers in errors are the sheet's.
pub fn import(
    bytes: &[u8],
    p: &Partnership,
    plan_index: usize,
) -> Result<Partnership, FormatError> {
    let records = worksheet(
        bytes,
        SHEET_NAME,
        "Export the plan as .xlsx from Boardplan and edit that workbook.",
    )?;
    let rows = plan_rows::read_table(records, cell_text)?;
    plan_rows::apply_rows(p, plan_index, rows)
}

/// The rows of the sheet named `sheet` (any case; else the first sheet), each with its row
/// number as the spreadsheet shows it.
pub(crate) fn worksheet(
    bytes: &[u8],
    sheet: &str,
    no_sheets_fix: &str,
) -> Result<Vec<(usize, Vec<Data>)>, FormatError> {
    FormatError::check_size(bytes.len())?;
    let unreadable = || {
        FormatError::new(
            Place::Document,
            "this is not a readable .xlsx workbook (it is damaged, cut short, or another kind of file).",
            "Open it in Excel and save it again from Excel as .xlsx (Excel Workbook), then import that file.",
        )
    };
    crate::xlsx_range::check_shared_strings(bytes)
        .map_err(|e| crate::xlsx_range::refusal(e, sheet, unreadable))?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let names = workbook.sheet_names();
    let Some(name) = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case(sheet))
        .or_else(|| names.first())
        .cloned()
    else {
        return Err(FormatError::new(
            Place::Document,
            "the workbook has no sheets.",
            no_sheets_fix.to_string(),
        ));
    };
    let range = crate::xlsx_range::range(&mut workbook, &name)
        .map_err(|e| crate::xlsx_range::refusal(e, &name, unreadable))?;
    let (first_row, _) = range.start().unwrap_or((0, 0));
    let first_row = usize::try_from(first_row).unwrap_or(0);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| (first_row + i + 1, cells.to_vec()))
        .collect())
}

/// A cell as the text it shows: dates as `YYYY-MM-DD`, numbers as their shortest form.
pub(crate) fn cell_text(cell: &Data) -> Result<String, String> {
    match cell {
        Data::Empty => Ok(String::new()),
        Data::String(s) => Ok(s.clone()),
        Data::Int(i) => Ok(i.to_string()),
        Data::Float(f) => Ok(number_text(*f)),
        Data::Bool(b) => Ok(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (year, month, day, ..) = dt.to_ymd_hms_milli();
            Ok(format!("{year:04}-{month:02}-{day:02}"))
        }
        Data::DateTime(dt) => Ok(number_text(dt.as_f64())),
        Data::DateTimeIso(s) => Ok(s.split('T').next().unwrap_or(s).to_string()),
        Data::DurationIso(s) => Ok(s.clone()),
        Data::Error(e) => Err(format!("the cell holds the spreadsheet error {e}.")),
    }
}

/// The shortest text that reads back as `f`: 4.2 → "4.2", 3.0 → "3".
fn number_text(f: f64) -> String {
    // Rust prints the shortest representation that round-trips, and no exponent.
    f.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_cell_reads_as_the_text_it_shows() {
        assert_eq!(number_text(4.2), "4.2");
        assert_eq!(number_text(10.1), "10.1");
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(12.25), "12.25");
    }

    #[test]
    fn an_error_cell_is_refused() {
        let e = cell_text(&Data::Error(calamine::CellErrorType::Ref)).unwrap_err();
        assert!(e.contains("#REF!"), "{e}");
    }
}
