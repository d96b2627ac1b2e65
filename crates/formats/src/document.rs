//! Any document a board imports, whatever its kind: the plan as text, a Boardplan JSON file,
//! or a plan sheet (CSV, XLSX) edited from an export. Both front doors (the command line and
//! the web import page) read documents through here, so they agree on what a file is.

use domain::{ImportReport, Partnership};

use crate::{FormatError, Place};

/// What kind of document a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// A plan document as text (tab-separated table rows), like the sample plan.
    Text,
    /// A Boardplan partnership document.
    Json,
    /// A plan sheet, one row per action.
    Csv,
    /// A plan workbook, one row per action.
    Xlsx,
}

impl DocumentKind {
    /// From the file's name, then its first bytes (an XLSX is a zip; JSON starts with `{`).
    pub fn detect(file_name: &str, bytes: &[u8]) -> Self {
        let ext = file_name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "json" => Self::Json,
            "csv" => Self::Csv,
            "xlsx" => Self::Xlsx,
            _ if bytes.starts_with(b"PK\x03\x04") => Self::Xlsx,
            _ if bytes.trim_ascii_start().starts_with(b"{") => Self::Json,
            _ => Self::Text,
        }
    }

    /// A sheet edits a plan that is already stored; the other kinds stand alone.
    pub fn edits_a_stored_plan(self) -> bool {
        matches!(self, Self::Csv | Self::Xlsx)
    }
}

/// A document read: the partnership it describes and what the reading found.
#[derive(Debug, Clone)]
pub struct Document {
    pub kind: DocumentKind,
    pub partnership: Partnership,
    pub report: ImportReport,
    /// For a sheet: the state of the plan it was exported from, if it says (see
    /// [`crate::sheet_mark`]); `None` for an unmarked sheet and for other kinds.
    pub mark: Option<crate::SheetMark>,
}

/// Read `bytes` as a `kind` document. A sheet needs the stored partnership and the index of
/// the plan it edits (`current`); the result is that partnership with the plan rebuilt.
pub fn read(
    kind: DocumentKind,
    bytes: &[u8],
    current: Option<(&Partnership, usize)>,
) -> Result<Document, FormatError> {
    FormatError::check_size(bytes.len())?;
    let (partnership, mut report) = match kind {
        DocumentKind::Text => {
            let imported = crate::plan_text::import_bytes(bytes)?;
            (imported.partnership, imported.report)
        }
        DocumentKind::Json => {
            let text = std::str::from_utf8(bytes).map_err(|_| {
                FormatError::new(
                    Place::Document,
                    "this is not a text (UTF-8) JSON file.",
                    "Export it again from Boardplan, or check you chose the right file.",
                )
            })?;
            (crate::json::import(text)?, ImportReport::default())
        }
        DocumentKind::Csv | DocumentKind::Xlsx => {
            let Some((p, index)) = current else {
                return Err(FormatError::new(
                    Place::Document,
                    "a plan sheet edits a plan that is already in Boardplan, and there is none yet.",
                    "Import the plan document (or a Boardplan JSON file) first, then the sheet.",
                ));
            };
            let edited = if kind == DocumentKind::Csv {
                crate::csv_plan::import(bytes, p, index)?
            } else {
                crate::xlsx_plan::import(bytes, p, index)?
            };
            (edited, ImportReport::default())
        }
    };
    report.count(&partnership);
    let mark = match kind {
        DocumentKind::Csv => crate::csv_plan::mark(bytes),
        DocumentKind::Xlsx => crate::xlsx_plan::mark(bytes),
        DocumentKind::Text | DocumentKind::Json => None,
    };
    Ok(Document {
        kind,
        partnership,
        report,
        mark,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_comes_from_the_name_then_the_content() {
        assert_eq!(DocumentKind::detect("plan.XLSX", b""), DocumentKind::Xlsx);
        assert_eq!(DocumentKind::detect("plan.csv", b"{"), DocumentKind::Csv);
        assert_eq!(
            DocumentKind::detect("download", b"PK\x03\x04rest"),
            DocumentKind::Xlsx
        );
        assert_eq!(
            DocumentKind::detect("export", b"  {\"format\": 1}"),
            DocumentKind::Json
        );
        assert_eq!(
            DocumentKind::detect("plan.txt", b"Objectives\tSource"),
            DocumentKind::Text
        );
    }

    #[test]
    fn a_sheet_without_a_stored_plan_says_to_import_the_plan_first() {
        let e = read(DocumentKind::Csv, b"Objective,Action\n", None).unwrap_err();
        assert!(e.fix.contains("Import the plan document"), "{e}");
    }
}
