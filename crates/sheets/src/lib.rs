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

use std::io::{Cursor, Read, Seek};
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
    /// Its shared strings declare more unique strings than [`MAX_SHARED_STRINGS`].
    TooManyStrings(u64),
}

/// The ranges of cells a sheet declares besides its cells.
#[derive(Clone, Copy, Debug)]
pub enum Declared {
    /// `<dimension ref>`: the area it says it uses.
    UsedArea,
    /// `<mergeCell ref>`: a merged cell.
    Merge,
}

/// The most unique strings a workbook may declare: as many as the cells one sheet may span.
pub const MAX_SHARED_STRINGS: u64 = MAX_SHEET_CELLS;

/// How much of a shared-strings part is looked at for its declared count: the `<sst>` tag
/// holding it comes first in every workbook an office suite writes.
const STRINGS_HEAD: u64 = 64 * 1024;

/// Check the workbook's shared strings before calamine opens it. calamine reserves room for
/// as many strings as the part's `uniqueCount` declares, before reading any, so a workbook
/// declaring 10^17 of them asks for exabytes and aborts the process (found by fuzzing,
/// `fuzz/`, target `indicators_xlsx`). Bytes that are not a zip pass: calamine refuses them.
pub fn check_shared_strings(bytes: &[u8]) -> Result<(), SheetError> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let strings = part
            .name()
            .is_ok_and(|n| n.to_ascii_lowercase().ends_with("sharedstrings.xml"));
        if !strings {
            continue;
        }
        let mut head = Vec::new();
        let whole = part.size() <= STRINGS_HEAD;
        if part.take(STRINGS_HEAD).read_to_end(&mut head).is_err() {
            return Err(SheetError::Unreadable);
        }
        if let Some(n) = declared_counts(&head).max() {
            if n > MAX_SHARED_STRINGS {
                return Err(SheetError::TooManyStrings(n));
            }
        } else if !whole && !contains(&head, b"sst") {
            // The count calamine reads lies past what was looked at.
            return Err(SheetError::Unreadable);
        }
    }
    Ok(())
}

/// Every `uniqueCount` value in `xml` that reads as a number, wherever it stands: more than
/// calamine would take, never less.
fn declared_counts(xml: &[u8]) -> impl Iterator<Item = u64> + '_ {
    const NAME: &[u8] = b"uniqueCount";
    (0..xml.len().saturating_sub(NAME.len()))
        .filter(|&i| xml[i..].starts_with(NAME))
        .filter_map(move |i| {
            let rest = &xml[i + NAME.len()..];
            let rest = rest
                .trim_ascii_start()
                .strip_prefix(b"=")?
                .trim_ascii_start();
            let quote = *rest.first().filter(|q| matches!(q, b'"' | b'\''))?;
            let value = &rest[1..];
            let end = value.iter().position(|&b| b == quote)?;
            let text = std::str::from_utf8(&value[..end]).ok()?;
            // Past u64 the count does not parse for calamine either, and it reserves nothing.
            text.trim().parse::<u64>().ok()
        })
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
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

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn workbook(strings: &[u8]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        w.start_file("xl/sharedStrings.xml", options).unwrap();
        w.write_all(strings).unwrap();
        w.finish().unwrap().into_inner()
    }

    #[test]
    fn a_workbook_declaring_more_strings_than_a_sheet_holds_is_refused() {
        // The fuzzer's input, in short: calamine would reserve 2.4 * 10^18 bytes.
        let sst = br#"<?xml version="1.0"?><sst count="" uniqueCount="99999999999999999"></sst>"#;
        match check_shared_strings(&workbook(sst)) {
            Err(SheetError::TooManyStrings(n)) => assert_eq!(n, 99_999_999_999_999_999),
            _ => panic!("not refused"),
        }
        let malformed = br#"<sst co="" uniqueCount = '5000001' n"/9>"#;
        assert!(matches!(
            check_shared_strings(&workbook(malformed)),
            Err(SheetError::TooManyStrings(5_000_001))
        ));
    }

    #[test]
    fn an_ordinary_workbook_passes() {
        let sst = br#"<sst count="3" uniqueCount="2"><si><t>a</t></si><si><t>b</t></si></sst>"#;
        assert!(check_shared_strings(&workbook(sst)).is_ok());
        assert!(check_shared_strings(&workbook(b"<sst/>")).is_ok());
        assert!(check_shared_strings(b"not a zip").is_ok());
    }
}
