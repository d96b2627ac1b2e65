//! What every JSON API route under `/api/v1` shares: the same data and the same permissions
//! as the HTML pages, over the same core (`view::load`, `domain` rules, the store), rendered
//! as JSON instead. The routes themselves live with their capability (`progress::api`,
//! `indicators::api`…).
//!
//! - [`auth`]: who is calling (a bearer token, or a session cookie with a CSRF header on
//!   writes) and whether they are a member of the partnership in the path (else 404).
//! - [`problem`]: every error as `application/problem+json`, mapped once.
//! - [`openapi`]: the OpenAPI 3.1 document, generated from the handlers, served publicly.
//! - [`query`] and [`wire`]: parameters in, shared wire types out.

pub mod auth;
pub mod openapi;
pub mod problem;
pub mod query;
pub mod wire;

use axum::Router;
use axum::routing::any;

use crate::AppState;

/// Every API route, each answering problems as JSON; merge it into the app's router.
pub fn router() -> Router<AppState> {
    let (routes, _) = openapi::routes().split_for_parts();
    routes
        .route("/api/v1/{*rest}", any(problem::no_such_route))
        .layer(axum::middleware::from_fn(problem::complete))
}
