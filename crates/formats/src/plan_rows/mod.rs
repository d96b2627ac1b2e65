//! The plan as a table, one row per action: the model the CSV and XLSX forms share.
//!
//! [`to_rows`] writes each action's *effective* sources, timescale and leads (its own, else its
//! objective's) so that a sheet reads as a business manager expects. [`apply_rows`] reads the
//! rows back into a new partnership and undoes that flattening: a value equal to its
//! objective's is inherited again, a value that differs becomes the action's own. The round trip
//! `to_rows → apply_rows → to_rows` is exact, and so is the partnership whenever no action
//! carried, as its own, a value equal to its objective's. See `docs/interchange.md`.
//!
//! The parts: `columns` (the sheet's columns and one row of cells), `write` ([`to_rows`]),
//! `table` (a sheet's cells into rows under its heading row, for CSV and XLSX alike), and
//! `apply` ([`apply_rows`]), which reads cells with `cells`, matches lead titles to roles with
//! `roles`, and points a validation problem back at its row and column with `problems`.

mod apply;
mod cells;
mod columns;
mod problems;
mod roles;
mod table;
mod write;

pub use apply::apply_rows;
pub use columns::{Column, PlanRow};
pub(crate) use table::read_table;
pub use write::to_rows;
