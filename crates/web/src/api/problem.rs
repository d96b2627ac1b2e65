//! Every way an API request can fail, as `application/problem+json` (RFC 9457): a `type` a
//! script can branch on, a `title`, the `status`, a `detail` a person can act on, and the
//! `instance` (the path asked for). Errors from the pages' [`AppError`] and from the store's
//! [`StoreError`] are mapped here once, exhaustively; database text is logged, never sent.
//!
//! A handler returns an [`ApiError`]; its response carries the problem as an extension, and
//! [`complete`] (a middleware on every API route) writes the body with the request's path as
//! `instance`. The same middleware turns axum's bare "method not allowed" into a problem, and
//! marks every API response as private and uncacheable.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use store::StoreError;
use utoipa::ToSchema;

use crate::error::AppError;

/// The media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem report (RFC 9457).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[schema(example = json!({
    "type": "urn:boardplan:problem:invalid-parameter",
    "title": "A parameter is not valid",
    "status": 400,
    "detail": "per_page must be a whole number from 1 to 200; \"500\" is not.",
    "instance": "/api/v1/partnerships/kingston-lscb/actions",
    "parameter": "per_page"
}))]
pub struct Problem {
    /// What kind of problem this is, as a URN: scripts branch on it, not on `detail`.
    #[serde(rename = "type")]
    pub kind: String,
    /// A short summary of the kind of problem.
    pub title: String,
    /// The HTTP status code.
    #[schema(minimum = 400, maximum = 599)]
    pub status: u16,
    /// What went wrong this time, and what to do about it.
    pub detail: String,
    /// The path of the request.
    pub instance: String,
    /// The query parameter or header that was not acceptable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parameter: Option<String>,
    /// The field of the request body that was not acceptable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// The kinds of problem, each with one status, one `type` and one title.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    InvalidParameter,
    InvalidBody,
    Unauthenticated,
    Forbidden,
    NotFound,
    MethodNotAllowed,
    Conflict,
    PreconditionFailed,
    PayloadTooLarge,
    UnsupportedMediaType,
    Unprocessable,
    PreconditionRequired,
    TooManyRequests,
    ServerError,
}

impl Kind {
    fn parts(self) -> (StatusCode, &'static str, &'static str) {
        match self {
            Kind::InvalidParameter => (
                StatusCode::BAD_REQUEST,
                "invalid-parameter",
                "A parameter is not valid",
            ),
            Kind::InvalidBody => (
                StatusCode::BAD_REQUEST,
                "invalid-body",
                "The request body cannot be read",
            ),
            Kind::Unauthenticated => (
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "Authentication is needed",
            ),
            Kind::Forbidden => (StatusCode::FORBIDDEN, "forbidden", "You may not do this"),
            Kind::NotFound => (StatusCode::NOT_FOUND, "not-found", "Not found"),
            Kind::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "This method is not allowed here",
            ),
            Kind::Conflict => (
                StatusCode::CONFLICT,
                "conflict",
                "This clashes with what is stored",
            ),
            Kind::PreconditionFailed => (
                StatusCode::PRECONDITION_FAILED,
                "stale-version",
                "Someone else changed this first",
            ),
            Kind::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "The request is too large",
            ),
            Kind::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "Send JSON",
            ),
            Kind::Unprocessable => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid-value",
                "A value is not acceptable",
            ),
            Kind::PreconditionRequired => (
                StatusCode::PRECONDITION_REQUIRED,
                "precondition-required",
                "Say which version you saw",
            ),
            Kind::TooManyRequests => (
                StatusCode::TOO_MANY_REQUESTS,
                "too-many-requests",
                "Too many requests",
            ),
            Kind::ServerError => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "server-error",
                "Sorry, there is a problem with the service",
            ),
        }
    }

    pub fn status(self) -> StatusCode {
        self.parts().0
    }

    /// The `type` member: `urn:boardplan:problem:{name}`.
    pub fn uri(self) -> String {
        format!("urn:boardplan:problem:{}", self.parts().1)
    }
}

/// A failed API request: what kind, what to tell the caller, and (for server errors) the
/// cause to log.
#[derive(Debug)]
pub struct ApiError {
    kind: Kind,
    detail: String,
    parameter: Option<String>,
    field: Option<String>,
    /// `WWW-Authenticate` for a 401.
    challenge: Option<&'static str>,
    /// The whole chain, for the log only.
    cause: Option<String>,
}

const TRY_LATER: &str = "Try again later. Nothing you had saved has been lost.";

impl ApiError {
    pub fn new(kind: Kind, detail: impl Into<String>) -> Self {
        Self {
            kind,
            detail: detail.into(),
            parameter: None,
            field: None,
            challenge: None,
            cause: None,
        }
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn detail(&self) -> &str {
        &self.detail
    }

    /// Nothing here, or nothing this caller may know exists: the same answer either way.
    pub fn not_found() -> Self {
        Self::new(
            Kind::NotFound,
            "There is nothing at this address, or you do not have access to it.",
        )
    }

    /// A query parameter or header that cannot be used, named.
    pub fn parameter(name: &str, detail: impl Into<String>) -> Self {
        let mut e = Self::new(Kind::InvalidParameter, detail);
        e.parameter = Some(name.to_string());
        e
    }

    /// A query parameter that is well formed but does not fit with the others (a period that
    /// ends before it starts), named: 422, since the request itself was valid.
    pub fn parameter_conflict(name: &str, detail: impl Into<String>) -> Self {
        let mut e = Self::new(Kind::Unprocessable, detail);
        e.parameter = Some(name.to_string());
        e
    }

    /// A field of the request body that cannot be used, named.
    pub fn field(name: &str, detail: impl Into<String>) -> Self {
        let mut e = Self::new(Kind::Unprocessable, detail);
        e.field = Some(name.to_string());
        e
    }

    /// No credentials, or credentials that are not (or no longer) valid.
    pub fn unauthenticated(detail: impl Into<String>, challenge: &'static str) -> Self {
        let mut e = Self::new(Kind::Unauthenticated, detail);
        e.challenge = Some(challenge);
        e
    }

    /// Name the header a problem is about.
    pub fn about_header(mut self, name: &str) -> Self {
        self.parameter = Some(name.to_string());
        self
    }

    fn server(cause: String) -> Self {
        let mut e = Self::new(Kind::ServerError, TRY_LATER);
        e.cause = Some(cause);
        e
    }

    /// The problem report, without its `instance` (which [`complete`] fills in).
    pub fn problem(&self) -> Problem {
        Problem {
            kind: self.kind.uri(),
            title: self.kind.parts().2.to_string(),
            status: self.kind.status().as_u16(),
            detail: self.detail.clone(),
            instance: String::new(),
            parameter: self.parameter.clone(),
            field: self.field.clone(),
        }
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound { .. } => ApiError::new(Kind::NotFound, e.to_string()),
            StoreError::Conflict { what } => ApiError::new(Kind::Conflict, what),
            StoreError::InvalidData { what } => ApiError::new(Kind::Unprocessable, what),
            StoreError::SchemaTooNew { .. } | StoreError::Database(_) => {
                ApiError::server(format!("{e:?}"))
            }
        }
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> Self {
        match e {
            AppError::SignIn { .. } => ApiError::unauthenticated(
                "Send an API token as \"Authorization: Bearer TOKEN\" (boardplan token create \
                 makes one), or sign in.",
                "Bearer",
            ),
            AppError::Forbidden(m) => ApiError::new(Kind::Forbidden, m),
            AppError::NotFound => ApiError::not_found(),
            AppError::BadRequest(m) => ApiError::new(Kind::InvalidParameter, m),
            AppError::Conflict(m) => ApiError::new(Kind::Conflict, m),
            AppError::TooManyRequests(m) => ApiError::new(Kind::TooManyRequests, m),
            // Only the reports page is ever busy, and the API makes no reports: the nearest
            // problem the API documents is to come back later.
            e @ AppError::Busy { .. } => ApiError::new(Kind::TooManyRequests, e.to_string()),
            AppError::Store(s) => s.into(),
            AppError::Internal(m) => ApiError::server(m),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.kind.uri(), self.detail)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let Some(cause) = &self.cause {
            // The whole chain, for whoever runs the server; the caller gets TRY_LATER.
            tracing::error!(error = %cause, "API request failed");
        }
        let problem = self.problem();
        let mut res = render(&problem);
        if let Some(c) = self.challenge
            && let Ok(v) = HeaderValue::from_str(c)
        {
            res.headers_mut().insert(header::WWW_AUTHENTICATE, v);
        }
        res.extensions_mut().insert(problem);
        res
    }
}

/// A problem as a response: its status and its JSON body.
fn render(p: &Problem) -> Response {
    let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(p).unwrap_or_default();
    let mut res = (status, body).into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    res
}

/// On every API response: write the `instance` into a problem, turn axum's empty 405 into a
/// problem, and forbid caching of what is private to the caller.
pub async fn complete(req: Request, next: Next) -> Response {
    let instance = req.uri().path().to_string();
    let res = next.run(req).await;
    let (mut parts, body) = res.into_parts();
    let problem = match parts.extensions.remove::<Problem>() {
        Some(p) => Some(p),
        None if parts.status == StatusCode::METHOD_NOT_ALLOWED => Some(
            ApiError::new(
                Kind::MethodNotAllowed,
                format!(
                    "{instance} does not take this method; the Allow header lists those it takes."
                ),
            )
            .problem(),
        ),
        None => None,
    };
    let mut res = match problem {
        Some(mut p) => {
            p.instance = instance;
            parts.headers.remove(header::CONTENT_LENGTH);
            parts
                .headers
                .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
            Response::from_parts(
                parts,
                Body::from(serde_json::to_vec(&p).unwrap_or_default()),
            )
        }
        None => Response::from_parts(parts, body),
    };
    let h = res.headers_mut();
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    // Added to what the handler varies on already (a gzipped list: `accept-encoding`).
    let vary = match h.get(header::VARY).and_then(|v| v.to_str().ok()) {
        Some(own) => format!("{own}, Authorization, Cookie"),
        None => "Authorization, Cookie".to_string(),
    };
    if let Ok(v) = HeaderValue::from_str(&vary) {
        h.insert(header::VARY, v);
    }
    res
}

/// Any other path under `/api/v1`.
pub async fn no_such_route() -> ApiError {
    ApiError::new(
        Kind::NotFound,
        "There is no such API route; GET /api/v1/openapi.json lists them all.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_text_never_reaches_the_caller() {
        let e = ApiError::from(StoreError::from(sqlx_error()));
        let p = e.problem();
        assert_eq!(p.status, 500);
        assert_eq!(p.detail, TRY_LATER);
        assert!(!serde_json::to_string(&p).unwrap().contains("secret"));
    }

    fn sqlx_error() -> sqlx::Error {
        sqlx::Error::Protocol("secret table detail".into())
    }

    #[test]
    fn each_store_error_has_its_own_status() {
        let status = |e: StoreError| ApiError::from(e).problem().status;
        assert_eq!(status(StoreError::NotFound { what: "x".into() }), 404);
        assert_eq!(status(StoreError::Conflict { what: "x".into() }), 409);
        assert_eq!(status(StoreError::InvalidData { what: "x".into() }), 422);
        assert_eq!(
            status(StoreError::SchemaTooNew {
                found: 9,
                supported: 1
            }),
            500
        );
    }

    #[test]
    fn a_bad_parameter_is_named_in_the_problem() {
        let p = ApiError::parameter("per_page", "too big").problem();
        assert_eq!(p.status, 400);
        assert_eq!(p.kind, "urn:boardplan:problem:invalid-parameter");
        assert_eq!(p.parameter.as_deref(), Some("per_page"));
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["type"], "urn:boardplan:problem:invalid-parameter");
        assert!(json.get("field").is_none());
    }

    #[test]
    fn a_page_error_keeps_its_meaning_in_the_api() {
        let status = |e: AppError| ApiError::from(e).problem().status;
        assert_eq!(status(AppError::SignIn { next: "/".into() }), 401);
        assert_eq!(status(AppError::Forbidden("no".into())), 403);
        assert_eq!(status(AppError::NotFound), 404);
        assert_eq!(status(AppError::BadRequest("bad".into())), 400);
        assert_eq!(status(AppError::Conflict("late".into())), 409);
        assert_eq!(status(AppError::TooManyRequests("slow".into())), 429);
        assert_eq!(status(AppError::Internal("boom".into())), 500);
    }
}
