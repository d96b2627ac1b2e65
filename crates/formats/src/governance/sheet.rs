//! A sheet of the board's own business (the member register, attendance) as text rows, from
//! CSV, XLSX or ODS: each non-blank row with the row number a spreadsheet shows it on. CSV
//! and XLSX are read as the learning sheets are; ODS as the plan's own tables are (zip and
//! XML), its first sheet.

use crate::learning::sheet::{SheetFormat, rows as csv_or_xlsx};
use crate::plan_tables::{self, grid::Block};
use crate::{FormatError, Place};

/// Which kind of file a sheet is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetKind {
    Csv,
    Xlsx,
    Ods,
}

impl SheetKind {
    /// The kind a file's name says, if it is one these sheets are read from.
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

/// The non-blank rows of a file, each with its row number.
pub(crate) fn rows(
    bytes: &[u8],
    kind: SheetKind,
    fix: &str,
) -> Result<Vec<(usize, Vec<String>)>, FormatError> {
    match kind {
        SheetKind::Csv => csv_or_xlsx(bytes, SheetFormat::Csv, fix),
        SheetKind::Xlsx => csv_or_xlsx(bytes, SheetFormat::Xlsx, fix),
        SheetKind::Ods => {
            let blocks = plan_tables::blocks(plan_tables::Format::Ods, bytes)?;
            let Some(table) = blocks.into_iter().find_map(|b| match b {
                Block::Table(t) => Some(t),
                Block::Heading(_) => None,
            }) else {
                return Err(FormatError::new(
                    Place::Document,
                    "the spreadsheet has no sheets.",
                    fix.to_string(),
                ));
            };
            Ok(table
                .rows
                .into_iter()
                .enumerate()
                .map(|(i, cells)| (table.first_row + i, cells))
                .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
                .collect())
        }
    }
}
