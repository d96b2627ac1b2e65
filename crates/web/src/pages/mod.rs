//! What every HTML page shares: rendering a template ([`render`]), the navigation and as-at
//! picker ([`nav`]), files to save ([`download`]) and upload forms checked before they are
//! read ([`upload`]). The pages themselves live with their
//! capability (`plan`, `progress`, `indicators`…); handlers read, check permission, and
//! render, while the rules live in `domain` and the data in `store`.

pub mod download;
pub mod nav;
pub mod upload;

use askama::Template;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};

use crate::compression::{AcceptsGzip, Text};
use crate::error::AppError;
use crate::view::Loaded;

/// Render a page. Signed-in pages hold safeguarding data: never cached by browsers or proxies.
pub fn render(page: &impl Template) -> Result<Response, AppError> {
    Ok(([(header::CACHE_CONTROL, "no-store")], Html(html(page)?)).into_response())
}

/// Render a page drawn from the view, once per view and day: every member sees the same
/// page, so a busy board's dashboard is rendered once per change rather than once per
/// request. `page` does any reads beyond the view (attendance, the registers) and renders; it
/// runs only when this view has not rendered the page today, and once however many ask for
/// it at once.
pub async fn render_from_view(
    l: &Loaded,
    name: &'static str,
    accepts: AcceptsGzip,
    page: impl std::future::Future<Output = Result<String, AppError>>,
) -> Result<Response, AppError> {
    let body = l.pages.get_or_render(name, page).await?;
    Ok(page_response(&body, accepts))
}

/// A kept page, gzipped for a client that takes it (see [`crate::compression`]).
fn page_response(body: &Text, accepts: AcceptsGzip) -> Response {
    let mut res = body.respond(accepts, "text/html; charset=utf-8");
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// A template's HTML, for [`render_from_view`].
pub fn html(page: &impl Template) -> Result<String, AppError> {
    page.render()
        .map_err(|e| AppError::Internal(format!("template: {e}")))
}
