//! Section 11: the cycle's page ([`page`]: heat map, returns outstanding, comparison with the
//! last cycle, or counts only), an agency's return form ([`form`]) with its lines' evidence
//! files and improvement actions ([`lines`]), and the heat map and returns in the API
//! ([`api`]). What each person sees is `domain`'s `Section11View`, found by [`access`]: a
//! lead officer sees their own agency's return until the cycle closes; the panel (business
//! manager, administrator, the board's chair) sees all; everyone else sees counts only.

pub mod access;
pub mod api;
pub mod form;
pub mod lines;
pub mod page;
pub mod returns_api;

use crate::limits::MAX_UPLOAD_BYTES;
use crate::routes::{Routes, get, post};

/// Section 11's pages.
pub fn routes() -> Routes {
    Routes::new()
        .route("/p/{slug}/s11", get(page::show))
        .route(
            "/p/{slug}/s11/{year}/return",
            get(form::show).post(form::save),
        )
        .route(
            "/p/{slug}/s11/{year}/return/evidence",
            post(lines::add_file).body_limit(MAX_UPLOAD_BYTES),
        )
        .route(
            "/p/{slug}/s11/{year}/return/actions",
            post(lines::add_action),
        )
        .route("/p/{slug}/s11/{year}/evidence/{id}", get(lines::file))
}
