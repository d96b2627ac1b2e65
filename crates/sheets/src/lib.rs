//! A worksheet's cells as calamine's `Range`, refusing a used area too large to be a plan's,
//! and its merged cells; a sheet whose cell ranges are damaged is refused, never a crash.
//!
//! calamine's own `worksheet_range` makes a grid over the bounding box of the cells it finds,
//! so one cell far from the others (a stray mark at XFD1048576, or a damaged cell reference)
//! asks for billions of cells and aborts the process: found by fuzzing (`fuzz/`, target
//! `plan_xlsx`; the indicators import too). Here the cells are read one by one and the box is measured first.
//!
//! calamine (0.38) also subtracts with overflow reading a range that ends before it starts,
//! in a sheet's `<dimension ref>` or a `<mergeCell ref>`, and multiplies with overflow on a
//! reference of many letters or digits: a panic where overflow checks are on (debug builds,
//! the fuzz build), a wrapped number in release. So each read is caught here, and the ranges
//! calamine returns are checked, so that every build refuses such a sheet alike. The check
//! is of what calamine read, not of the XML read a second time here: finding a sheet's part
//! means following the package's relationships as calamine does, and two readings of that
//! could disagree; and the merges come after the cells, so a look at the part's start
//! would miss them.

use std::io::{Read, Seek};
use std::panic::{AssertUnwindSafe, catch_unwind};

use calamine::{Cell, Data, DataRef, Dimensions, Range, Xlsx, XlsxError};

/// The most cells a sheet's used area may span: a plan's table, or a year of indicators for
/// every area, is thousands.
pub const MAX_SHEET_CELLS: u64 = 4_000_000;

/// A sheet's last row and column (0-based), the format's limits (XFD1048576).
const LAST_ROW: u32 = 1_048_575;
const LAST_COLUMN: u32 = 16_383;

/// Why a sheet was not read.
pub enum SheetError {
    /// calamine could not read it (damaged, cut short…).
    Unreadable,
    /// Its cells span `rows` by `columns`, more than [`MAX_SHEET_CELLS`].
    TooLarge { rows: u64, columns: u64 },
    /// A range of cells it declares ends before it starts, or past a sheet's last cell.
    BadRange(Declared),
}

/// The ranges of cells a sheet declares besides its cells.
#[derive(Clone, Copy, Debug)]
pub enum Declared {
    /// `<dimension ref>`: the area it says it uses.
    UsedArea,
    /// `<mergeCell ref>`: a merged cell.
    Merge,
}

/// The non-empty cells of sheet `name`, as `worksheet_range` gives them.
///
/// calamine overflows on a cell reference of many letters ("AAAAAAAA1", found by fuzzing),
/// a panic where overflow checks are on and a wrapped number past the sheet's last cell in
/// release: either way the sheet is unreadable.
pub fn range<RS: Read + Seek>(book: &mut Xlsx<RS>, name: &str) -> Result<Range<Data>, SheetError> {
    catch_unwind(AssertUnwindSafe(|| cells(book, name))).unwrap_or(Err(SheetError::Unreadable))
}

/// The merged cells of sheet `name`, each within the sheet and not backwards. Merges calamine
/// cannot read are left out, as the cells are still the sheet's.
pub fn merges<RS: Read + Seek>(
    book: &mut Xlsx<RS>,
    name: &str,
) -> Result<Vec<Dimensions>, SheetError> {
    match catch_unwind(AssertUnwindSafe(|| book.merge_cells_by_sheet_name(name))) {
        Ok(Ok(merges)) if merges.iter().all(|m| within(*m)) => Ok(merges),
        Ok(Err(_)) => Ok(Vec::new()),
        Ok(Ok(_)) | Err(_) => Err(SheetError::BadRange(Declared::Merge)),
    }
}

/// A range that starts before it ends, inside a sheet.
fn within(d: Dimensions) -> bool {
    d.start.0 <= d.end.0 && d.start.1 <= d.end.1 && d.end.0 <= LAST_ROW && d.end.1 <= LAST_COLUMN
}

fn cells<RS: Read + Seek>(book: &mut Xlsx<RS>, name: &str) -> Result<Range<Data>, SheetError> {
    // Opening the sheet reads its XML up to the cells, where only the `<dimension>` holds
    // a range: a panic there is that range's.
    let open = move || {
        let book = book; // moved in: the reader borrows the workbook
        book.worksheet_cells_reader(name)
    };
    let mut reader = match catch_unwind(AssertUnwindSafe(open)) {
        Ok(Ok(r)) => r,
        // A chart sheet or the like: no cells, as calamine's range gives.
        Ok(Err(XlsxError::NotAWorksheet(_))) => return Ok(Range::default()),
        Ok(Err(_)) => return Err(SheetError::Unreadable),
        Err(_) => return Err(SheetError::BadRange(Declared::UsedArea)),
    };
    if !within(reader.dimensions()) {
        return Err(SheetError::BadRange(Declared::UsedArea));
    }
    let mut cells: Vec<Cell<Data>> = Vec::new();
    let (mut top, mut bottom, mut left, mut right) = (u32::MAX, 0, u32::MAX, 0);
    while let Some(cell) = reader.next_cell().map_err(|_| SheetError::Unreadable)? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        if r > LAST_ROW || c > LAST_COLUMN {
            // A reference calamine's arithmetic wrapped (release builds), as damaged as the
            // same reference is where it panics.
            return Err(SheetError::Unreadable);
        }
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
