//! The plan and what it answers: the plan page and "my actions" ([`page`]), the reviews and
//! their traceability ([`reviews`]), the board's agencies, sub-groups and lead roles
//! ([`board`]), and importing ([`import_export`]; a plan in the board's own tables with a preview of its
//! mapping, [`import_preview`]) and exporting ([`export`]) the plan. In the API
//! ([`api`]), the reviews. One action and its progress are in `progress`.

pub mod api;
pub mod board;
pub mod export;
pub mod import_export;
pub mod import_preview;
pub mod page;
pub mod reviews;

use crate::routes::{Routes, get};

/// The plan's pages: the plan, "my actions", reviews, the board, import and export.
pub fn routes() -> Routes {
    Routes::new()
        .route("/p/{slug}/plan", get(page::show))
        .route("/p/{slug}/my-actions", get(page::mine))
        .route("/p/{slug}/reviews", get(reviews::show))
        .route("/p/{slug}/board", get(board::show))
        .merge(import_export::routes())
        .merge(import_preview::routes())
}
