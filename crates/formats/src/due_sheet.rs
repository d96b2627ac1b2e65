//! The sheet of new due dates a carry-forward may take (`boardplan plan carry-forward
//! --due-file`): CSV or XLSX, a heading row with a "number" and a "due" column, then one row
//! per carried action. Pure: bytes in, rows (each with the row a spreadsheet shows it on) or a
//! [`FormatError`] naming the row and column out. What the dates mean is read by the caller,
//! against the new plan's period.

use crate::learning::sheet::{Columns, SheetFormat, rows};
use crate::{FormatError, Place};

/// One action's new timescale, as written, and the row it is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueRow {
    pub row: usize,
    /// The action's number or id ("4.1", "4.2#2").
    pub number: String,
    /// Its timescale as written ("2011-03-31", "March 2011", "Quarterly").
    pub due: String,
}

const FIX: &str = "Give the sheet a heading row with a \"number\" column and a \"due\" column, \
                   then one row per action (e.g. 3.1,2011-03-31).";

const HEADINGS: &[(&str, &str, &[&str])] = &[
    ("number", "number", &["action", "ref", "no", "no.", "id"]),
    (
        "due",
        "due",
        &["due date", "timescale", "new date", "by when", "date"],
    ),
];

/// The rows of a due-date sheet, in order. A sheet with no rows under its headings, or a row
/// missing its number or date, is refused.
pub fn read(bytes: &[u8], format: SheetFormat) -> Result<Vec<DueRow>, FormatError> {
    let mut all = rows(bytes, format, FIX)?.into_iter();
    let Some((heading_row, headings)) = all.next() else {
        return Err(FormatError::new(
            Place::Document,
            "the sheet is empty.",
            FIX,
        ));
    };
    let columns = Columns::find(heading_row, &headings, HEADINGS, &["number", "due"], FIX)?;
    let out = all
        .map(|(row, cells)| {
            Ok(DueRow {
                row,
                number: columns.needed(row, &cells, "number")?,
                due: columns.needed(row, &cells, "due")?,
            })
        })
        .collect::<Result<Vec<_>, FormatError>>()?;
    if out.is_empty() {
        return Err(FormatError::new(
            Place::Row {
                row: heading_row,
                column: None,
            },
            "the sheet has headings but no rows under them.",
            FIX,
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_csv_of_numbers_and_dates_reads_row_by_row() {
        let got = read(
            b"Number,Due date\n1.2,2011-03-31\n4.2#2,March 2011\n",
            SheetFormat::Csv,
        )
        .unwrap();
        assert_eq!(
            got,
            [
                DueRow {
                    row: 2,
                    number: "1.2".into(),
                    due: "2011-03-31".into()
                },
                DueRow {
                    row: 3,
                    number: "4.2#2".into(),
                    due: "March 2011".into()
                },
            ]
        );
    }

    #[test]
    fn a_row_without_its_date_is_refused_naming_the_row_and_column() {
        let e = read(b"number,due\n1.2,\n", SheetFormat::Csv).unwrap_err();
        assert_eq!(
            e.place,
            Place::Row {
                row: 2,
                column: Some("due".into())
            }
        );
        let e = read(b"number,when\n1.2,2011\n", SheetFormat::Csv).unwrap_err();
        assert!(e.to_string().contains("no \"due\" column"), "{e}");
        let e = read(b"number,due\n", SheetFormat::Csv).unwrap_err();
        assert!(e.to_string().contains("no rows"), "{e}");
    }
}
