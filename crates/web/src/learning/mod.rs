//! Learning and accountability (issue #14): the training plan and its impact ([`training`]),
//! the case reviews register with its statutory clocks and recommendations
//! ([`case_reviews`]), engagement activities and their count per quarter ([`engagement`]),
//! and their API routes ([`api`], with their wire types in [`wire`]).
//!
//! Every member of the partnership reads these pages; they are written from the command line
//! (`boardplan training|review|engagement`), and the board's officers add courses and
//! sessions and set a recommendation's status in the pages too ([`forms`]). The training
//! page's needs and roll-ups by priority, agency and year are built in [`rollups`]. Case names are pseudonyms, and appear only here,
//! behind `PartnershipAccess`: never on the public pages.

pub mod api;
pub mod case_reviews;
pub mod engagement;
pub mod forms;
pub mod rollups;
pub mod training;
pub mod wire;

use crate::routes::{Routes, get, post};

/// The pages.
pub fn routes() -> Routes {
    Routes::new()
        .route(
            "/p/{slug}/training",
            get(training::list).post(forms::course::create),
        )
        .route("/p/{slug}/training/new", get(forms::course::new))
        .route("/p/{slug}/training/{id}", get(training::one))
        .route(
            "/p/{slug}/training/{id}/sessions",
            post(forms::session::create),
        )
        .route(
            "/p/{slug}/training/{id}/sessions/new",
            get(forms::session::new),
        )
        .route("/p/{slug}/case-reviews", get(case_reviews::list))
        .route("/p/{slug}/case-reviews/{id}", get(case_reviews::one))
        .route(
            "/p/{slug}/recommendations/{id}",
            get(forms::recommendation::edit).post(forms::recommendation::save),
        )
        .route("/p/{slug}/engagement", get(engagement::page))
}

/// A mean score as the pages show it ("6.25", or a dash).
pub(crate) fn score(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{v:.2}"))
}

/// A change in mean score with its sign ("+1.50", or a dash).
pub(crate) fn change(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{v:+.2}"))
}
