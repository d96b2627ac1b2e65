//! What every JSON API route under `/api/v1` shares: the same data and the same permissions
//! as the HTML pages, over the same core (`view::load`, `domain` rules, the store), rendered
//! as JSON instead. The routes themselves live with their capability (`progress::api`,
//! `indicators::api`…).
//!
//! - [`auth`]: who is calling (a bearer token, or a session cookie with a CSRF header on
//!   writes) and whether they are a member of the partnership in the path (else 404).
//! - [`problem`]: every error as `application/problem+json`, mapped once.
//! - [`conditional`]: strong `ETag`s, 304 on `If-None-Match`, and `If-Match` lists.
//! - [`openapi`]: the OpenAPI 3.1 document, generated from the handlers, served publicly.
//! - [`query`] and [`wire`]: parameters in, shared wire types out.

pub mod auth;
pub mod conditional;
pub mod openapi;
pub mod problem;
pub mod query;
pub mod wire;

use axum::Extension;
use utoipa_axum::router::OpenApiRouter;

use crate::AppState;
use crate::routes::{Routes, any};

/// Every API route, each answering problems as JSON, with the document describing `routes`
/// (each capability's documented routes, in order) served beside them; merge it into the
/// app's router. The routes are written down from the document, which `utoipa_axum` builds
/// from the same registrations (`routes!`), so a route must be documented to be served.
pub fn router(routes: impl IntoIterator<Item = OpenApiRouter<AppState>>) -> Routes {
    let all = routes
        .into_iter()
        .fold(openapi::routes(), OpenApiRouter::merge);
    let (routes, document) = all.split_for_parts();
    Routes::documented(routes, &document)
        .route("/api/v1/{*rest}", any(problem::no_such_route))
        .layer(Extension(openapi::Served::new(&document)))
        .layer(axum::middleware::from_fn(problem::complete))
}
