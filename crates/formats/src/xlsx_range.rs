//! A worksheet's cells as calamine's `Range`, refusing a used area too large to be a plan's.
//!
//! calamine's own `worksheet_range` makes a grid over the bounding box of the cells it finds,
//! so one cell far from the others (a stray mark at XFD1048576, or a damaged cell reference)
//! asks for billions of cells and aborts the process: found by fuzzing (`fuzz/`, target
//! `plan_xlsx`). Here the cells are read one by one and the box is measured first.

use std::io::{Read, Seek};

use calamine::{Cell, Data, DataRef, Range, Xlsx, XlsxError};

/// The most cells a sheet's used area may span: a plan's table is thousands.
pub(crate) const MAX_SHEET_CELLS: u64 = 4_000_000;

/// Why a sheet was not read.
pub(crate) enum SheetError {
    /// calamine could not read it (damaged, cut short…).
    Unreadable,
    /// Its cells span `rows` by `columns`, more than [`MAX_SHEET_CELLS`].
    TooLarge { rows: u64, columns: u64 },
}

impl SheetError {
    /// The problem, for a `FormatError`, naming the sheet.
    pub(crate) fn too_large(sheet: &str, rows: u64, columns: u64) -> String {
        format!(
            "the sheet \"{sheet}\" has cells across {rows} rows by {columns} columns, far more than a plan's table (a stray cell far below or to the right of it?)."
        )
    }

    /// The fix for [`SheetError::TooLarge`].
    pub(crate) const TOO_LARGE_FIX: &'static str = "Delete the rows and columns beyond the table (select them, Delete, then save), and import the saved copy.";
}

/// The non-empty cells of sheet `name`, as `worksheet_range` gives them.
///
/// calamine overflows on a cell reference of many letters ("AAAAAAAA1", found by fuzzing),
/// a panic where overflow checks are on: that is caught here and the sheet is unreadable.
pub(crate) fn range<RS: Read + Seek>(
    book: &mut Xlsx<RS>,
    name: &str,
) -> Result<Range<Data>, SheetError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| cells(book, name)))
        .unwrap_or(Err(SheetError::Unreadable))
}

fn cells<RS: Read + Seek>(book: &mut Xlsx<RS>, name: &str) -> Result<Range<Data>, SheetError> {
    let mut reader = match book.worksheet_cells_reader(name) {
        Ok(r) => r,
        // A chart sheet or the like: no cells, as calamine's range gives.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Range::default()),
        Err(_) => return Err(SheetError::Unreadable),
    };
    let mut cells: Vec<Cell<Data>> = Vec::new();
    let (mut top, mut bottom, mut left, mut right) = (u32::MAX, 0, u32::MAX, 0);
    while let Some(cell) = reader.next_cell().map_err(|_| SheetError::Unreadable)? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        (top, bottom, left, right) = (top.min(r), bottom.max(r), left.min(c), right.max(c));
        let rows = u64::from(bottom - top) + 1;
        let columns = u64::from(right - left) + 1;
        if rows * columns > MAX_SHEET_CELLS {
            return Err(SheetError::TooLarge { rows, columns });
        }
        cells.push(Cell::new((r, c), Data::from(cell.get_value().clone())));
    }
    Ok(Range::from_sparse(cells))
}
