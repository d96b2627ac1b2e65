//! The front end, compiled into the binary by build.rs: GOV.UK Frontend's CSS (with our font
//! stack) and script, our own start-up script and icon. Served with long cache lifetimes;
//! the version in each URL changes whenever the bytes do.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

pub const CSS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/boardplan.css"));
pub const GOVUK_JS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/govuk-frontend.min.js"));

/// Starts GOV.UK Frontend's components. Pages work without it; it only enhances.
const APP_JS: &str = "import { initAll } from '/assets/govuk-frontend.min.js';\ninitAll();\n";

/// Marks the page as scripted before it renders, as GOV.UK Frontend expects. A file, not an
/// inline script, so the content security policy can forbid inline scripts outright.
const BODY_JS: &str = "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');\n";

/// A plain mark of our own: the GOV.UK crest and logo are only for GOV.UK services.
const FAVICON: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0b0c0c"/><path d="M9 8h8a5 5 0 0 1 0 10h-4v6H9z" fill="#fff"/></svg>"##;

/// Changes whenever the compiled assets change, for cache-busting URLs.
pub const VERSION: &str = env!("BOARDPLAN_ASSETS_VERSION");

pub async fn serve(Path(name): Path<String>) -> Response {
    let (body, kind): (&[u8], &str) = match name.as_str() {
        "boardplan.css" => (CSS, "text/css; charset=utf-8"),
        "govuk-frontend.min.js" => (GOVUK_JS, "text/javascript; charset=utf-8"),
        "boardplan.js" => (APP_JS.as_bytes(), "text/javascript; charset=utf-8"),
        "boardplan-body.js" => (BODY_JS.as_bytes(), "text/javascript; charset=utf-8"),
        "favicon.svg" => (FAVICON.as_bytes(), "image/svg+xml"),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=31536000, immutable"),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
        ],
        body,
    )
        .into_response()
}
