//! Importers and exporters: the plan document as boards write it (as text, or as tables in
//! DOCX, ODT, XLSX, ODS and CSV in the board's own layout), the JSON interchange document,
//! the plan as CSV and XLSX (one row per action), and the board's member register
//! (`governance/`, CSV and XLSX in).
//!
//! Every importer is pure: bytes in, a [`domain::Partnership`] (or part of one) and a report
//! out, or a [`FormatError`] naming the place and the fix. Nothing here touches a database,
//! so a failed import can never leave anything half-written.

pub mod csv_plan;
pub mod document;
pub mod due_sheet;
pub mod error;
pub mod governance;
pub mod json;
pub mod learning;
pub mod plan_rows;
pub mod plan_tables;
pub mod plan_text;
pub mod sheet_mark;
pub mod xlsx_plan;
mod xlsx_range;

pub use error::{FormatError, Place};
pub use sheet_mark::SheetMark;

/// The largest document any importer accepts. A board's plan is tens of kilobytes; anything
/// this size is a wrong file, and refusing it early keeps memory bounded.
pub const MAX_DOCUMENT_BYTES: usize = 10 * 1024 * 1024;

/// The SHA-256 of a document, as lowercase hex: how the store recognises a document it has
/// already imported.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(bytes))
}
