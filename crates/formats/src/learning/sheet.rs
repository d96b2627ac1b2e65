//! A sheet as text cells under a heading row, from CSV or XLSX, with columns found by
//! heading: what the learning importers share.

use crate::{FormatError, Place};

/// Which kind of file a sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

impl SheetFormat {
    /// The format a file's name says, if it is one these sheets are read from.
    pub fn from_file_name(name: &str) -> Option<Self> {
        let lower = name.to_lowercase();
        if lower.ends_with(".csv") {
            Some(Self::Csv)
        } else if lower.ends_with(".xlsx") {
            Some(Self::Xlsx)
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
                let mut texts = Vec::with_capacity(cells.len());
                for cell in &cells {
                    texts.push(crate::xlsx_plan::cell_text(cell).map_err(|problem| {
                        FormatError::new(
                            Place::Row { row, column: None },
                            problem,
                            "Type the value into the cell instead of a formula.",
                        )
                    })?);
                }
                out.push((row, texts));
            }
            out
        }
    };
    Ok(records
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect())
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
