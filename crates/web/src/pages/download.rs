//! A file for the browser to save rather than show: its media type, its name, and never
//! cached (reports and calendars hold safeguarding data).

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// `bytes` as an attachment called `name` (ASCII: callers build names from slugs and dates).
pub fn attachment(bytes: Vec<u8>, media_type: &'static str, name: &str) -> Response {
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(media_type));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
            .unwrap_or(HeaderValue::from_static("attachment")),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}
