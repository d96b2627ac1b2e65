//! An action and its progress: the action page ([`action`]), posting an update with its
//! evidence, sign-off and its withdrawal, and downloading evidence ([`updates`]). In the API
//! ([`api`]), the plan's actions, their updates, sign-off and evidence.

pub mod action;
pub mod api;
pub mod updates;

use axum::Router;
use axum::routing::get;

use crate::AppState;

/// The action page, and the forms and downloads it leads to.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/p/{slug}/actions/{id}", get(action::show))
        .merge(updates::routes())
}
