//! The golden thread's page, from an objective or an action of the current plan and back from
//! a risk or a Section 11 standard ([`page`]), and its API route ([`api`]). Every member of
//! the partnership reads it: it names audits, review recommendations, indicators, risks and
//! standards, never cases; an agency's improvement action only to whoever may see its return.

pub mod api;
pub mod page;

use crate::routes::{Routes, get};

/// The thread's pages.
pub fn routes() -> Routes {
    Routes::new()
        .route("/p/{slug}/thread/actions/{id}", get(page::action))
        .route("/p/{slug}/thread/objectives/{number}", get(page::objective))
        .route("/p/{slug}/thread/risks/{id}", get(page::risk))
        .route("/p/{slug}/thread/s11/{year}/{number}", get(page::standard))
}
