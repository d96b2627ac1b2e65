//! The HTML pages, one module per area. Handlers read, check permission, and render; the
//! rules themselves live in `domain` and the data in `store`.

pub mod account;
pub mod action;
pub mod board;
pub mod calendar_feed;
pub mod dashboard;
pub mod download;
pub mod home;
pub mod import_export;
pub mod indicators;
pub mod indicators_import;
pub mod nav;
pub mod plan;
pub mod progress;
pub mod public;
pub mod report_request;
pub mod reports;
pub mod reviews;
pub mod sign_in;

use askama::Template;
use axum::body::Bytes;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

use crate::error::AppError;
use crate::view::Loaded;

/// Render a page. Signed-in pages hold safeguarding data: never cached by browsers or proxies.
pub fn render(page: &impl Template) -> Result<Response, AppError> {
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(html(page)?)).into_response())
}

/// Render a page drawn from the view alone, once per view: every member sees the same page,
/// so a busy board's dashboard is rendered once per change rather than once per request.
pub fn render_from_view(
    l: &Loaded,
    name: &'static str,
    page: impl FnOnce() -> Result<String, AppError>,
) -> Result<Response, AppError> {
    let body: Bytes = l.pages.get_or_render(name, page)?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(body)).into_response())
}

/// A template's HTML, for [`render_from_view`].
pub fn html(page: &impl Template) -> Result<String, AppError> {
    page.render()
        .map_err(|e| AppError::Internal(format!("template: {e}")))
}
