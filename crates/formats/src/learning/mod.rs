//! Learning in files: training attendance and evaluation scores, read from CSV or XLSX
//! ([`training`]); like every importer here, pure: bytes in, rows or a
//! [`crate::FormatError`] naming the row and column out.

pub mod sheet;
pub mod training;
