//! The HTML pages, one module per area. Handlers read, check permission, and render; the
//! rules themselves live in `domain` and the data in `store`.

pub mod account;
pub mod action;
pub mod board;
pub mod dashboard;
pub mod home;
pub mod import_export;
pub mod indicators;
pub mod indicators_import;
pub mod nav;
pub mod plan;
pub mod progress;
pub mod public;
pub mod reviews;
pub mod sign_in;

use askama::Template;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

use crate::error::AppError;

/// Render a page. Signed-in pages hold safeguarding data: never cached by browsers or proxies.
pub fn render(page: &impl Template) -> Result<Response, AppError> {
    let body = page
        .render()
        .map_err(|e| AppError::Internal(format!("template: {e}")))?;
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(body)).into_response())
}
