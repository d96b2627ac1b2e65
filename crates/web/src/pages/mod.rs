//! What every HTML page shares: rendering a template ([`render`]), the navigation and as-at
//! picker ([`nav`]), files to save ([`download`]) and upload forms checked before they are
//! read ([`upload`]). The pages themselves live with their
//! capability (`plan`, `progress`, `indicators`…); handlers read, check permission, and
//! render, while the rules live in `domain` and the data in `store`.

pub mod download;
pub mod nav;
pub mod upload;

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

/// The page `name` as this view has already drawn it today, for a handler that reads more than
/// the view to draw it: what else it reads is only needed when the page is not kept. (Anything
/// but progress written since makes a new view with no pages, so what it read stays true.)
pub fn kept_from_view(l: &Loaded, name: &'static str) -> Option<Response> {
    let body = l.pages.get(name)?;
    Some(([(header::CACHE_CONTROL, "no-store")], Html(body)).into_response())
}

/// A template's HTML, for [`render_from_view`].
pub fn html(page: &impl Template) -> Result<String, AppError> {
    page.render()
        .map_err(|e| AppError::Internal(format!("template: {e}")))
}
