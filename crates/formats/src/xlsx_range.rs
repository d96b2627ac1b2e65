//! The plan readers' words for a sheet [`sheets`] refused: what is wrong with it and how to
//! mend it, as a [`FormatError`].

pub(crate) use sheets::{Declared, SheetError, check_shared_strings, merges, range};

use crate::{FormatError, Place};

/// The error to give for `e`, naming the sheet; `unreadable` is the reader's own for a
/// workbook calamine cannot read.
pub(crate) fn refusal(
    e: SheetError,
    sheet: &str,
    unreadable: impl FnOnce() -> FormatError,
) -> FormatError {
    match e {
        SheetError::Unreadable => unreadable(),
        SheetError::TooLarge { rows, columns } => FormatError::new(
            Place::Document,
            format!(
                "the sheet \"{sheet}\" has cells across {rows} rows by {columns} columns, far more than a plan's table (a stray cell far below or to the right of it?)."
            ),
            "Delete the rows and columns beyond the table (select them, Delete, then save), and import the saved copy.",
        ),
        SheetError::TooManyStrings(n) => FormatError::new(
            Place::Document,
            format!(
                "the workbook is damaged: it says it holds {n} different pieces of text, far more than any sheet could."
            ),
            "Open the workbook in Excel or LibreOffice Calc and save it again, then import the saved copy.",
        ),
        SheetError::BadRange(declared) => {
            let what = match declared {
                Declared::UsedArea => "the range of cells it says it uses (its <dimension>)",
                Declared::Merge => "the range of one of its merged cells (a <mergeCell>)",
            };
            FormatError::new(
                Place::Document,
                format!(
                    "the sheet \"{sheet}\" is damaged: {what} ends before it starts, or past a sheet's last row or column."
                ),
                "Open the workbook in Excel or LibreOffice Calc and save it again (which writes its ranges anew), then import the saved copy.",
            )
        }
    }
}
