//! The board's own business in files. For now the member register, read from CSV or XLSX
//! ([`register`]); like every importer here, pure: bytes in, people or a [`crate::FormatError`]
//! naming the row and column out.

pub mod register;
