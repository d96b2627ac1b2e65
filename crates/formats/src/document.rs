//! Any document a board imports, whatever its kind: the plan as text, a Boardplan JSON file,
//! a plan sheet (CSV, XLSX) edited from an export, or a plan in the board's own layout
//! (tables in DOCX, ODT, XLSX, ODS or CSV, read by [`crate::plan_tables`]). Both front doors (the command line and
//! the web import page) read documents through here, so they agree on what a file is.

use domain::{ImportReport, Partnership};

use crate::plan_tables::{self, Format};
use crate::{FormatError, Place};

/// The files read, as an unsupported one's error lists them.
pub const READ_FORMATS: &str = "a plan as text (.txt), a Boardplan file (.json), a plan in tables (.docx, .odt, .xlsx, .ods, .csv, .pdf) or a sheet exported from Boardplan (.csv, .xlsx)";

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
    /// A plan in the board's own layout: tables in a DOCX, ODT, XLSX, ODS or CSV file.
    Tables(Format),
}

impl DocumentKind {
    /// From the file's name, then its first bytes (an XLSX is a zip; JSON starts with `{`).
    /// A CSV or XLSX sheet is the export's own layout only when its headings are.
    pub fn detect(file_name: &str, bytes: &[u8]) -> Self {
        let ext = file_name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let sheet = |format: Format, export: Self| {
            if plan_tables::is_export_sheet(format, bytes) {
                export
            } else {
                Self::Tables(format)
            }
        };
        match ext.as_str() {
            "json" => Self::Json,
            "csv" => sheet(Format::Csv, Self::Csv),
            "xlsx" => sheet(Format::Xlsx, Self::Xlsx),
            "docx" => Self::Tables(Format::Docx),
            "odt" => Self::Tables(Format::Odt),
            "ods" => Self::Tables(Format::Ods),
            "pdf" => Self::Tables(Format::Pdf),
            _ if bytes.starts_with(b"%PDF-") => Self::Tables(Format::Pdf),
            _ if bytes.starts_with(b"PK\x03\x04") => match zipped_kind(bytes) {
                Some(format) => Self::Tables(format),
                None => sheet(Format::Xlsx, Self::Xlsx),
            },
            _ if bytes.trim_ascii_start().starts_with(b"{") => Self::Json,
            _ => Self::Text,
        }
    }

    /// As [`detect`](Self::detect), refusing a file whose extension names a kind not read
    /// here (a .pdf, a .doc), with the kinds that are.
    pub fn from_file(file_name: &str, bytes: &[u8]) -> Result<Self, FormatError> {
        let ext = file_name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let known = [
            "", "txt", "text", "tsv", "json", "csv", "xlsx", "docx", "odt", "ods", "pdf",
        ];
        if !known.contains(&ext.as_str()) {
            let fix = match ext.as_str() {
                "doc" => {
                    "Open it in Word and save it as \"Word Document (.docx)\", then import that file."
                }
                "xls" => {
                    "Open it in Excel and save it as \"Excel Workbook (.xlsx)\", then import that file."
                }
                _ => "Save the plan in one of those kinds and import that file.",
            };
            return Err(FormatError::new(
                Place::Document,
                format!("a .{ext} file is not read; Boardplan reads {READ_FORMATS}."),
                fix,
            ));
        }
        Ok(Self::detect(file_name, bytes))
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

/// A zip without a telling extension: a Word document or an OpenDocument text or
/// spreadsheet, from the names stored in it (`None` for anything else, e.g. an XLSX).
fn zipped_kind(bytes: &[u8]) -> Option<Format> {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    if has(b"word/document.xml") {
        Some(Format::Docx)
    } else if has(b"application/vnd.oasis.opendocument.text") {
        Some(Format::Odt)
    } else if has(b"application/vnd.oasis.opendocument.spreadsheet") {
        Some(Format::Ods)
    } else {
        None
    }
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
        DocumentKind::Tables(format) => {
            let imported = plan_tables::import(format, bytes, "")?;
            (imported.partnership, imported.report)
        }
    };
    report.count(&partnership);
    let mark = match kind {
        DocumentKind::Csv => crate::csv_plan::mark(bytes),
        DocumentKind::Xlsx => crate::xlsx_plan::mark(bytes),
        DocumentKind::Text | DocumentKind::Json | DocumentKind::Tables(_) => None,
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
        // A .csv is a CSV whatever it starts with; not in the export's layout, it is a board's.
        assert_eq!(
            DocumentKind::detect("plan.csv", b"{"),
            DocumentKind::Tables(Format::Csv)
        );
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
    fn a_board_layout_sheet_is_read_as_tables_and_the_exports_layout_as_a_sheet() {
        let board = b"Ref,Action,Lead,Timescale\n1.1,Audit,Chair,March 2013\n";
        assert_eq!(
            DocumentKind::detect("plan.csv", board),
            DocumentKind::Tables(Format::Csv)
        );
        let export = b"Objective,Objective title,Action id,Number,Action,Sources,Timescale,Due,Leads,References,Duplicate of\n";
        assert_eq!(DocumentKind::detect("plan.csv", export), DocumentKind::Csv);
        assert_eq!(
            DocumentKind::detect("plan.DOCX", b""),
            DocumentKind::Tables(Format::Docx)
        );
    }

    #[test]
    fn an_unsupported_extension_names_the_kinds_that_are_read() {
        assert_eq!(
            DocumentKind::from_file("plan.pdf", b"%PDF-1.7").unwrap(),
            DocumentKind::Tables(Format::Pdf)
        );
        assert_eq!(
            DocumentKind::detect("upload", b"%PDF-1.4\n"),
            DocumentKind::Tables(Format::Pdf),
            "a PDF is known by its first bytes"
        );
        let e = DocumentKind::from_file("plan.doc", b"").unwrap_err();
        assert!(
            e.problem.contains(".docx, .odt, .xlsx, .ods, .csv, .pdf"),
            "{e}"
        );
        assert!(e.fix.contains(".docx"), "{e}");
        assert_eq!(
            DocumentKind::from_file("kingston.txt", b"x").unwrap(),
            DocumentKind::Text
        );
    }

    #[test]
    fn a_sheet_without_a_stored_plan_says_to_import_the_plan_first() {
        let e = read(DocumentKind::Csv, b"Objective,Action\n", None).unwrap_err();
        assert!(e.fix.contains("Import the plan document"), "{e}");
    }
}
