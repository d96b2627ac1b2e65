//! The golden thread's page, from an objective or an action of the current plan ([`page`]),
//! and its API route ([`api`]). Every member of the partnership reads it: it names audits,
//! review recommendations and indicators, never cases.

pub mod api;
pub mod page;

use crate::routes::{Routes, get};

/// The thread's pages.
pub fn routes() -> Routes {
    Routes::new()
        .route("/p/{slug}/thread/actions/{id}", get(page::action))
        .route("/p/{slug}/thread/objectives/{number}", get(page::objective))
}
