//! Kept pages and API bodies sent gzipped to clients that accept it, as every browser does:
//! a board's dashboard is about 50 kB of HTML and under a tenth of that gzipped, which counts
//! on a council's network and on the server's own loopback alike. Only text a view keeps is
//! compressed, once, when first asked for: it is the same for every member who reads it and
//! holds nothing of the request (no form token, nothing the address echoes), so compressing
//! it cannot leak a secret through its size.

use std::io::{Read, Write};
use std::sync::OnceLock;

use axum::body::Bytes;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// Below this, gzip's own header and the work are not worth it.
const SMALLEST: usize = 1024;

/// Text a view keeps: plain with its gzip form made on first use, or (when made
/// [`Text::compact`]) its gzip form alone.
#[derive(Debug)]
pub struct Text {
    form: Form,
}

#[derive(Debug)]
enum Form {
    Plain {
        plain: Bytes,
        gzip: OnceLock<Option<Bytes>>,
    },
    /// Kept gzipped only; a client that does not take gzip gets it inflated.
    Gzip(Bytes),
}

impl Text {
    pub fn new(plain: impl Into<Bytes>) -> Self {
        Self {
            form: Form::Plain {
                plain: plain.into(),
                gzip: OnceLock::new(),
            },
        }
    }

    /// Text kept in its gzip form alone when that gains (else as [`Text::new`]): for API
    /// bodies, which a national server keeps thousands of, so that about eight times as
    /// many fit in the memory the server allows them. Inflating one for a client that does
    /// not take gzip costs a fraction of rendering it again.
    pub fn compact(plain: impl Into<Bytes>) -> Self {
        let plain = plain.into();
        match gzip_at(&plain, flate2::Compression::fast()) {
            Some(z) => Self {
                form: Form::Gzip(z),
            },
            None => Self {
                form: Form::Plain {
                    plain,
                    gzip: OnceLock::from(None),
                },
            },
        }
    }

    /// The text itself, inflated when it is kept gzipped. What was deflated here inflates:
    /// an error would be a bug, and is never answered with part of the text.
    pub fn plain(&self) -> std::io::Result<Bytes> {
        match &self.form {
            Form::Plain { plain, .. } => Ok(plain.clone()),
            Form::Gzip(z) => {
                let mut out = Vec::with_capacity(z.len() * 8);
                flate2::read::GzDecoder::new(&z[..]).read_to_end(&mut out)?;
                Ok(Bytes::from(out))
            }
        }
    }

    /// The gzip form, made on first use; `None` for text too short to gain, or text that
    /// does not shrink to a quarter (markup and JSON shrink far more), so that what a
    /// memo keeps never passes what [`Text::weight`] counted for it.
    pub fn gzip(&self) -> Option<&Bytes> {
        match &self.form {
            Form::Plain { plain, gzip: z } => z
                .get_or_init(|| gzip_at(plain, flate2::Compression::default()))
                .as_ref(),
            Form::Gzip(z) => Some(z),
        }
    }

    /// The bytes this text may come to hold: itself and up to a quarter more for its gzip,
    /// or its gzip form alone.
    pub fn weight(&self) -> usize {
        match &self.form {
            Form::Plain { plain, .. } => plain.len() + plain.len() / 4,
            Form::Gzip(z) => z.len(),
        }
    }

    /// The response: gzipped when the client accepts it and it gains, else plain. Either
    /// way it says the answer depends on `Accept-Encoding`.
    pub fn respond(&self, accepts: AcceptsGzip, content_type: &'static str) -> Response {
        let zipped = if accepts.0 { self.gzip() } else { None };
        let mut res = match zipped {
            Some(z) => ([(header::CONTENT_ENCODING, "gzip")], z.clone()).into_response(),
            None => match self.plain() {
                Ok(plain) => plain.into_response(),
                Err(e) => {
                    tracing::error!(error = %e, "a kept body did not inflate");
                    return StatusCode::INTERNAL_SERVER_ERROR.into_response();
                }
            },
        };
        let headers = res.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        res
    }
}

/// `plain` gzipped at `level`, if it shrinks to a quarter or less.
fn gzip_at(plain: &[u8], level: flate2::Compression) -> Option<Bytes> {
    if plain.len() < SMALLEST {
        return None;
    }
    let mut enc = flate2::write::GzEncoder::new(Vec::with_capacity(plain.len() / 4), level);
    enc.write_all(plain).ok()?;
    let out = enc.finish().ok()?;
    (out.len() <= plain.len() / 4).then(|| Bytes::from(out))
}

/// Whether the request's `Accept-Encoding` takes gzip: named (or as `x-gzip`, or by `*`)
/// with a weight above zero, and not refused by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AcceptsGzip(pub bool);

impl AcceptsGzip {
    pub fn from_headers(headers: &HeaderMap) -> Self {
        let mut named = None;
        let mut any = false;
        for value in headers.get_all(header::ACCEPT_ENCODING) {
            let Ok(value) = value.to_str() else { continue };
            for item in value.split(',') {
                let mut parts = item.split(';');
                let coding = parts.next().unwrap_or("").trim().to_ascii_lowercase();
                let wanted = parts.all(|p| {
                    let p = p.trim();
                    let Some(q) = p.strip_prefix("q=").or_else(|| p.strip_prefix("Q=")) else {
                        return true;
                    };
                    q.trim().parse::<f32>().is_ok_and(|q| q > 0.0)
                });
                match coding.as_str() {
                    "gzip" | "x-gzip" => named = Some(named.unwrap_or(false) || wanted),
                    "*" => any = wanted,
                    _ => {}
                }
            }
        }
        Self(named.unwrap_or(any))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for AcceptsGzip {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self::from_headers(&parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepts(value: &str) -> bool {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            HeaderValue::from_str(value).unwrap(),
        );
        AcceptsGzip::from_headers(&h).0
    }

    #[test]
    fn gzip_is_taken_when_named_or_by_star_with_a_weight_above_zero() {
        assert!(accepts("gzip, deflate, br, zstd"));
        assert!(accepts("br;q=1.0, GZIP;q=0.5"));
        assert!(accepts("x-gzip"));
        assert!(accepts("*"));
        assert!(!accepts("gzip;q=0"));
        assert!(!accepts("gzip; q=0.000, *"));
        assert!(!accepts("*;q=0"));
        assert!(!accepts("br, deflate"));
        assert!(!accepts("identity"));
        assert!(!AcceptsGzip::from_headers(&HeaderMap::new()).0);
    }

    #[test]
    fn kept_text_gzips_to_the_same_bytes_and_short_text_stays_plain() {
        let page = "<tr class=\"govuk-table__row\"><td>Overdue</td></tr>\n".repeat(400);
        let text = Text::new(page.clone());
        let zipped = text.gzip().expect("markup this long gains");
        assert!(zipped.len() * 4 <= page.len());
        assert!(text.weight() >= page.len() + zipped.len());
        let mut back = String::new();
        flate2::read::GzDecoder::new(&zipped[..])
            .read_to_string(&mut back)
            .unwrap();
        assert_eq!(back, page);

        assert!(Text::new("{\"ok\":true}").gzip().is_none());
    }

    #[test]
    fn compact_text_keeps_only_its_gzip_and_inflates_it_for_a_plain_client() {
        let body = "{\"id\":\"4.2#2\",\"status\":\"on track\"},".repeat(300);
        let text = Text::compact(body.clone());
        let zipped = text.gzip().expect("JSON this long gains").clone();
        assert_eq!(text.weight(), zipped.len(), "only the gzip is kept");
        assert!(text.weight() * 4 <= body.len());
        assert_eq!(text.plain().unwrap(), body.as_bytes());
        // Short text is kept plain, as it would have been sent.
        let short = Text::compact("{\"ok\":true}");
        assert!(short.gzip().is_none());
        assert_eq!(short.plain().unwrap(), "{\"ok\":true}".as_bytes());
        assert_eq!(short.weight(), 11 + 11 / 4);
    }

    #[tokio::test]
    async fn compact_text_answers_a_plain_client_with_the_text_itself() {
        let body = "{\"items\":[]}".repeat(200);
        let text = Text::compact(body.clone());
        let plain = text.respond(AcceptsGzip(false), "application/json");
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        let got = axum::body::to_bytes(plain.into_body(), usize::MAX)
            .await
            .unwrap();
        assert_eq!(got, body.as_bytes());
        let zipped = text.respond(AcceptsGzip(true), "application/json");
        assert_eq!(zipped.headers()[header::CONTENT_ENCODING], "gzip");
    }

    #[test]
    fn the_answer_is_gzipped_only_for_a_client_that_takes_it_and_varies_by_it() {
        let text = Text::new("{\"items\":[]}".repeat(200));
        let zipped = text.respond(AcceptsGzip(true), "application/json");
        assert_eq!(zipped.headers()[header::CONTENT_ENCODING], "gzip");
        assert_eq!(zipped.headers()[header::VARY], "accept-encoding");
        assert_eq!(zipped.headers()[header::CONTENT_TYPE], "application/json");
        let plain = text.respond(AcceptsGzip(false), "application/json");
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
        assert_eq!(plain.headers()[header::VARY], "accept-encoding");
    }
}
