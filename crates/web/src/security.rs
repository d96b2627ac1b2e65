//! Headers every response carries, and the refusal of cross-site form posts.
//!
//! Forms carry a CSRF token; as a second line, a state-changing request whose `Origin` (or
//! `Sec-Fetch-Site`) shows it came from another site is refused before any handler runs.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::AppError;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The policy for a report shown in the site: as [`CSP`], but the report's own style
/// attributes (the fill of each RAG cell, the strokes of its charts) may apply. Attributes
/// cannot run script, and the renderer escapes every text it writes.
pub const REPORT_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
                   style-src-attr 'unsafe-inline'; img-src 'self' data:; object-src 'none'; \
                   base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

pub async fn guard(req: Request, next: Next) -> Response {
    if changes_state(req.method()) && cross_site(req.headers()) {
        return AppError::Forbidden(
            "This request came from another website, so Boardplan refused it. Use Boardplan's own pages.".into(),
        )
        .into_response();
    }
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    // A handler may set a stricter policy (evidence downloads are sandboxed).
    h.entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(CSP));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    res
}

fn changes_state(m: &Method) -> bool {
    !matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// True when the browser says the request came from another site.
fn cross_site(h: &HeaderMap) -> bool {
    if h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
        return true;
    }
    let (Some(origin), Some(host)) = (
        h.get(header::ORIGIN).and_then(|v| v.to_str().ok()),
        h.get(header::HOST).and_then(|v| v.to_str().ok()),
    ) else {
        return false;
    };
    let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
    origin == "null" || !origin_host.eq_ignore_ascii_case(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn a_post_from_another_site_is_cross_site() {
        assert!(cross_site(&headers(&[
            ("origin", "https://evil.example"),
            ("host", "boardplan.example")
        ])));
        assert!(cross_site(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(cross_site(&headers(&[
            ("origin", "null"),
            ("host", "boardplan.example")
        ])));
    }

    #[test]
    fn a_post_from_the_same_site_or_a_script_is_not() {
        assert!(!cross_site(&headers(&[
            ("origin", "https://boardplan.example"),
            ("host", "boardplan.example")
        ])));
        assert!(!cross_site(&headers(&[("host", "boardplan.example")])));
        assert!(!cross_site(&headers(&[("sec-fetch-site", "same-origin")])));
    }
}
