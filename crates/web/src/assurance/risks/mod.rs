//! The risk register: its page ([`page`], the register as at a day with its 5x5 heat map) and
//! its API routes ([`api`], whose list rows are also what `boardplan risk list --json` prints).
//! Every member of the partnership reads it; it is kept from the command line.

pub mod api;
pub mod page;

use crate::routes::{Routes, get};

/// The register's pages.
pub fn routes() -> Routes {
    Routes::new().route("/p/{slug}/risks", get(page::show))
}
