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
    Ok(page_response(body))
}

/// The page `name` if this view has rendered it today: for a page that reads more than the
/// view (attendance, the registers) to skip those reads too. Each of them moves the change
/// log when written, which replaces the view and its pages.
pub fn rendered_from_view(l: &Loaded, name: &'static str) -> Option<Response> {
    l.pages.get(name).map(page_response)
}

fn page_response(body: Bytes) -> Response {
    ([(header::CACHE_CONTROL, "no-store")], Html(body)).into_response()
}

/// A template's HTML, for [`render_from_view`].
pub fn html(page: &impl Template) -> Result<String, AppError> {
    page.render()
        .map_err(|e| AppError::Internal(format!("template: {e}")))
}
