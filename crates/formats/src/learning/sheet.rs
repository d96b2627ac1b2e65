//! A sheet as text cells under a heading row, from CSV, XLSX or ODS, with columns found by
//! heading: what the learning importers share. Workbooks are read with calamine (its ODS
//! reader gives a merged cell's text to its first cell only, which is right for these
//! one-value-per-cell sheets; the plan's tables need `plan_tables::odt` instead).

use std::io::Cursor;

use calamine::{Data, Ods, Reader};

use crate::{FormatError, Place};

/// Which kind of file a sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Csv,
    Xlsx,
    Ods,
}

impl SheetFormat {
    /// The format a file's name says, if it is one these sheets are read from.
    pub fn from_file_name(name: &str) -> Option<Self> {
        let lower = name.to_lowercase();
        if lower.ends_with(".csv") {
            Some(Self::Csv)
        } else if lower.ends_with(".xlsx") {
            Some(Self::Xlsx)
        } else if lower.ends_with(".ods") {
            Some(Self::Ods)
        } else {
            None
        }
    }
}

/// The non-blank rows of a file, each with the row a spreadsheet shows it on.
pub(crate) fn rows(
    bytes: &[u8],
    format: SheetFormat,
    fix: &str,
) -> Result<Vec<(usize, Vec<String>)>, FormatError> {
    let records = match format {
        SheetFormat::Csv => crate::csv_plan::records(bytes, fix)?,
        SheetFormat::Xlsx => {
            let mut out = Vec::new();
            for (row, cells) in crate::xlsx_plan::worksheet(bytes, "", fix)? {
                out.push((row, texts(row, &cells)?));
            }
            out
        }
        SheetFormat::Ods => ods(bytes, fix)?,
    };
    Ok(records
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect())
}

/// A row's cells as the text they show; a formula's error is refused.
fn texts(row: usize, cells: &[Data]) -> Result<Vec<String>, FormatError> {
    cells
        .iter()
        .map(|cell| {
            crate::xlsx_plan::cell_text(cell).map_err(|problem| {
                FormatError::new(
                    Place::Row { row, column: None },
                    problem,
                    "Type the value into the cell instead of a formula.",
                )
            })
        })
        .collect()
}

/// The rows of an ODS file's first sheet, numbered as the spreadsheet shows them.
fn ods(bytes: &[u8], fix: &str) -> Result<Vec<(usize, Vec<String>)>, FormatError> {
    FormatError::check_size(bytes.len())?;
    let unreadable = || {
        FormatError::new(
            Place::Document,
            "this is not a readable .ods spreadsheet (it is damaged, cut short, protected by a \
             password, or another kind of file).",
            "Open it in LibreOffice Calc and save it again as .ods (ODF Spreadsheet), without a \
             password, then import that file.",
        )
    };
    let mut book: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(|_| unreadable())?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(FormatError::new(
            Place::Document,
            "the spreadsheet has no sheets.",
            fix.to_string(),
        ));
    };
    let range = book.worksheet_range(&name).map_err(|_| unreadable())?;
    let first_row = range
        .start()
        .map_or(0, |(row, _)| usize::try_from(row).unwrap_or(0));
    range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let row = first_row + i + 1;
            Ok((row, texts(row, cells)?))
        })
        .collect()
}

/// Columns by heading: `(field, heading, other spellings)`; `required` lists the fields a
/// file must have.
pub(crate) struct Columns {
    headings: &'static [(&'static str, &'static str, &'static [&'static str])],
    at: Vec<Option<usize>>,
}

impl Columns {
    /// Find each field's column in the heading row.
    pub fn find(
        heading_row: usize,
        cells: &[String],
        headings: &'static [(&'static str, &'static str, &'static [&'static str])],
        required: &[&str],
        fix: &str,
    ) -> Result<Self, FormatError> {
        let norm = |s: &str| s.trim().to_lowercase().replace(['-', '_'], " ");
        let mut at = vec![None; headings.len()];
        for (i, cell) in cells.iter().enumerate() {
            let c = norm(cell);
            if let Some(f) = headings
                .iter()
                .position(|(_, h, other)| norm(h) == c || other.iter().any(|o| norm(o) == c))
            {
                if at[f].is_some() {
                    return Err(FormatError::new(
                        Place::Row {
                            row: heading_row,
                            column: Some(cell.trim().to_string()),
                        },
                        format!("there are two \"{}\" columns.", headings[f].1),
                        "Keep one and delete the other.",
                    ));
                }
                at[f] = Some(i);
            }
        }
        for (f, (field, heading, _)) in headings.iter().enumerate() {
            if required.contains(field) && at[f].is_none() {
                return Err(FormatError::new(
                    Place::Row {
                        row: heading_row,
                        column: None,
                    },
                    format!("the heading row has no \"{heading}\" column."),
                    fix.to_string(),
                ));
            }
        }
        Ok(Self { headings, at })
    }

    /// The heading of `field`.
    pub fn heading(&self, field: &str) -> &'static str {
        self.headings
            .iter()
            .find(|(f, ..)| *f == field)
            .map_or("", |(_, h, _)| h)
    }

    /// The place of `field` on `row`.
    pub fn place(&self, row: usize, field: &str) -> Place {
        Place::Row {
            row,
            column: Some(self.heading(field).to_string()),
        }
    }

    /// The trimmed text of `field` on a row; none if blank or absent.
    pub fn cell(&self, cells: &[String], field: &str) -> Option<String> {
        let f = self.headings.iter().position(|(name, ..)| *name == field)?;
        self.at[f]
            .and_then(|i| cells.get(i))
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
    }

    /// The text of a field the row must have.
    pub fn needed(&self, row: usize, cells: &[String], field: &str) -> Result<String, FormatError> {
        self.cell(cells, field).ok_or_else(|| {
            FormatError::new(
                self.place(row, field),
                format!("the {} is empty.", self.heading(field).to_lowercase()),
                "Fill it in, or delete the row.",
            )
        })
    }

    /// A whole number a field must hold.
    pub fn number(&self, row: usize, cells: &[String], field: &str) -> Result<i64, FormatError> {
        let t = self.needed(row, cells, field)?;
        t.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
            FormatError::new(
                self.place(row, field),
                format!("\"{t}\" is not a whole number."),
                "Give a number such as 12.",
            )
        })
    }
}
