//! The board's own business in files: the member register, read from CSV or XLSX
//! ([`register`]), and attendance, from CSV, XLSX or ODS ([`attendance`], over [`sheet`]);
//! like every importer here, pure: bytes in, rows or a [`crate::FormatError`] naming the row
//! and column out.

pub mod attendance;
pub mod register;
pub mod sheet;
