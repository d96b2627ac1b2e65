//! A sheet's cells into rows: find the heading row, match its columns, read the rows under it.
//! CSV and XLSX each turn their cells into text and share the rest.

use super::{Column, PlanRow};
use crate::{FormatError, Place};

/// Read a table of cells into rows: the heading row is the first row with a known heading
/// in it; columns are matched by heading, ignoring case; other columns are ignored; blank
/// rows are skipped. `text` turns a cell into its text, or says why it cannot.
pub(crate) fn read_table<T>(
    records: impl IntoIterator<Item = (usize, Vec<T>)>,
    text: impl Fn(&T) -> Result<String, String>,
) -> Result<Vec<PlanRow>, FormatError> {
    let cell_error = |row: usize, column: Option<&str>, problem: String| {
        FormatError::new(
            Place::Row {
                row,
                column: column.map(str::to_string),
            },
            problem,
            "Type the value into the cell again as plain text, or clear the cell.",
        )
    };
    let mut records = records.into_iter();
    let (heading_row, columns) = loop {
        let Some((row, cells)) = records.next() else {
            return Err(FormatError::new(
                Place::Document,
                format!(
                    "no row has the plan's column headings ({}).",
                    Column::ALL.map(Column::heading).join(", ")
                ),
                "Export a fresh sheet from Boardplan and edit that one.",
            ));
        };
        let mut columns = Vec::with_capacity(cells.len());
        for cell in &cells {
            let heading = text(cell).map_err(|e| cell_error(row, None, e))?;
            columns.push(Column::from_heading(&heading));
        }
        if columns.iter().any(Option::is_some) {
            break (row, columns);
        }
    };
    for (i, column) in columns.iter().enumerate() {
        if let Some(c) = column
            && columns[..i].contains(&Some(*c))
        {
            return Err(FormatError::new(
                Place::Row {
                    row: heading_row,
                    column: Some(c.heading().to_string()),
                },
                format!("the heading row has two \"{}\" columns.", c.heading()),
                "Delete or rename one of them.",
            ));
        }
    }
    if let Some(missing) = Column::ALL
        .into_iter()
        .find(|c| c.is_required() && !columns.contains(&Some(*c)))
    {
        return Err(FormatError::new(
            Place::Row {
                row: heading_row,
                column: Some(missing.heading().to_string()),
            },
            format!("the heading row has no \"{}\" column.", missing.heading()),
            "Add it back, or export a fresh sheet from Boardplan.",
        ));
    }

    let mut rows = Vec::new();
    for (row, cells) in records {
        let mut plan_row = PlanRow {
            row,
            ..PlanRow::default()
        };
        for (cell, column) in cells.iter().zip(&columns) {
            if let Some(column) = column {
                let value = text(cell).map_err(|e| cell_error(row, Some(column.heading()), e))?;
                plan_row.set(*column, value);
            }
        }
        if !plan_row.is_blank() {
            rows.push(plan_row);
        }
    }
    Ok(rows)
}
