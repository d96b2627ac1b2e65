//! Boardplan's web application: server-rendered HTML pages that work without JavaScript,
//! following GOV.UK Design System patterns, and (in `api`) the JSON API over the same core.
//! This is the only crate that knows HTTP.

pub mod assets;

use axum::Router;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;

/// Every route Boardplan serves.
pub fn router() -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/assets/{name}", get(assets::serve))
}

/// For load balancers and scripts: answers without touching the database.
async fn healthz() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], "ok\n")
}
