//! Conditional requests, the same for every resource with an `ETag`: a strong tag from the
//! representation's bytes, `If-None-Match` answered with 304, and the lists of tags that
//! `If-Match` and `If-None-Match` carry. Writes check `If-Match` against [`etag_of`] of the
//! resource as it is now, so a change made since the caller looked is never overwritten.

use axum::body::Body;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use super::problem::ApiError;

/// A strong entity tag: the first 128 bits of the representation's SHA-256, quoted.
pub fn etag_of(body: &[u8]) -> String {
    format!("\"{}\"", &hex::encode(Sha256::digest(body))[..32])
}

/// Whether a conditional header's list of entity tags holds `etag`, compared strongly (a weak
/// tag `W/"…"` never matches). `*` is not a match here: callers treat it themselves.
pub fn lists(header_value: &str, etag: &str) -> bool {
    header_value.split(',').map(str::trim).any(|t| t == etag)
}

/// The `If-Match` a write was sent with, trimmed; `None` when it is missing or blank (428).
pub fn if_match(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::IF_MATCH)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

/// Whether an `If-Match` value holds for the resource whose current tag is `etag`: `*` is any
/// current version (RFC 9110 §13.1.1), else the list must name `etag`.
pub fn if_match_holds(value: &str, etag: &str) -> bool {
    value == "*" || lists(value, etag)
}

/// A JSON representation with its ETag, or 304 when `If-None-Match` already holds that tag.
pub fn conditional_json(
    headers: &HeaderMap,
    body: impl Into<Body>,
    etag: &str,
) -> Result<Response, ApiError> {
    let tag = HeaderValue::from_str(etag).map_err(|_| ApiError::not_found())?;
    if let Some(inm) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        && (inm.trim() == "*" || lists(&weak_to_strong(inm), etag))
    {
        let mut res = StatusCode::NOT_MODIFIED.into_response();
        res.headers_mut().insert(header::ETAG, tag);
        return Ok(res);
    }
    let mut res = Response::new(body.into());
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    h.insert(header::ETAG, tag);
    Ok(res)
}

/// `If-None-Match` compares weakly (RFC 9110 §13.1.2): drop `W/` before comparing.
pub fn weak_to_strong(v: &str) -> String {
    v.split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_etag_is_quoted_hex_and_changes_with_the_body() {
        let a = etag_of(b"{\"version\":1}");
        let b = etag_of(b"{\"version\":2}");
        assert!(
            a.starts_with('"') && a.ends_with('"') && a.len() == 34,
            "{a}"
        );
        assert_ne!(a, b);
    }

    #[test]
    fn if_match_lists_compare_strongly() {
        let tag = "\"abc\"";
        assert!(lists("\"abc\"", tag));
        assert!(lists("\"x\", \"abc\"", tag));
        assert!(!lists("W/\"abc\"", tag));
        assert!(!lists("abc", tag));
        assert!(lists(&weak_to_strong("W/\"abc\""), tag));
    }

    #[test]
    fn if_match_star_is_any_current_version() {
        assert!(if_match_holds("*", "\"abc\""));
        assert!(if_match_holds("\"x\", \"abc\"", "\"abc\""));
        assert!(!if_match_holds("\"\"", "\"abc\""));
    }
}
