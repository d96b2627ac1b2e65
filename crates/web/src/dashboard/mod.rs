//! Where a member starts: the boards they belong to ([`home`]), and a board's dashboard
//! ([`page`]): RAG counts, what needs attention, the last and next meeting. In the API
//! ([`api`]), the partnerships the caller belongs to and one partnership's counts.

pub mod api;
pub mod home;
pub mod page;

use crate::routes::{Routes, get};

/// The home page and each partnership's dashboard.
pub fn routes() -> Routes {
    Routes::new()
        .route("/", get(home::show))
        .route("/p/{slug}", get(page::show))
}
