//! The API's OpenAPI 3.1 document, generated from the handlers' `#[utoipa::path]` annotations
//! and the wire types' `ToSchema` derives, so that it cannot drift from the code. It is served,
//! without authentication, at `GET /api/v1/openapi.json`.
//!
//! The error responses each route may give are declared once here, as types, and named in each
//! route's `responses(...)`; all are `application/problem+json` bodies of [`Problem`].

use axum::Extension;
use axum::body::Bytes;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use utoipa::openapi::OpenApi as Document;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoResponses, Modify, OpenApi};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::problem::Problem;
use crate::AppState;

pub const TAG_PARTNERSHIPS: &str = "partnerships";
pub const TAG_PLAN: &str = "plan";
pub const TAG_PROGRESS: &str = "progress";
pub const TAG_INDICATORS: &str = "indicators";
pub const TAG_GOVERNANCE: &str = "governance";
pub const TAG_LEARNING: &str = "learning";
pub const TAG_ASSURANCE: &str = "assurance";
pub const TAG_META: &str = "meta";

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Boardplan API",
        version = "1",
        description = "The improvement plan of a multi-agency safeguarding board: its partnerships, \
            actions, reviews, progress updates and performance indicators, with the same data and \
            permissions as the web pages. Authenticate with `Authorization: Bearer TOKEN` \
            (`boardplan token create` makes a token, which acts as one account in one partnership). \
            Lists are paginated; errors are `application/problem+json` (RFC 9457); writes need \
            `If-Match` with the resource's `ETag`.",
        license(name = "MIT OR Apache-2.0", identifier = "MIT OR Apache-2.0"),
    ),
    modifiers(&SecuritySchemes),
    security(("bearer" = []), ("session" = [])),
    components(schemas(Problem, crate::view::StatusFilter)),
    tags(
        (name = TAG_PARTNERSHIPS, description = "The boards the caller belongs to"),
        (name = TAG_PLAN, description = "The plan's actions and the reviews it answers, as at any date"),
        (name = TAG_PROGRESS, description = "Progress updates on actions"),
        (name = TAG_INDICATORS, description = "Performance indicators: published figures against targets, neighbours and England, as at any date"),
        (name = TAG_GOVERNANCE, description = "The board's own business: its member register"),
        (name = TAG_LEARNING, description = "Learning and accountability: training impact and the case reviews register"),
        (name = TAG_ASSURANCE, description = "Assurance: the risk register, the Section 11 self-assessment, the audit programme with its summaries, and the golden thread"),
        (name = TAG_META, description = "This document"),
    )
)]
struct ApiDoc;

/// The two ways to authenticate.
struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, doc: &mut Document) {
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token from `boardplan token create EMAIL --name NAME \
                         --partnership SLUG`; it acts as that account in that partnership only.",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                "__Host-bp_session",
                "The web application's session cookie (`bp_session` when served without TLS), \
                 for same-site scripts. Requests that change something must also send the \
                 session's CSRF token in `X-CSRF-Token`.",
            ))),
        );
    }
}

/// The document's own route, under the API's description: every capability's documented
/// routes are merged into this before it is split into an axum router and the document.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi()).routes(routes!(document_json))
}

/// The document as served, written once when the router is built from the routes it
/// describes (so the document never needs to know which capabilities there are).
#[derive(Clone)]
pub struct Served(Bytes);

impl Served {
    pub fn new(document: &Document) -> Self {
        Served(
            serde_json::to_vec_pretty(document)
                .unwrap_or_default()
                .into(),
        )
    }
}

/// This document: the API described in OpenAPI 3.1.
#[utoipa::path(
    get,
    path = "/api/v1/openapi.json",
    tag = TAG_META,
    operation_id = "openapi",
    security(()),
    responses(
        (status = 200, description = "The OpenAPI document", content_type = "application/json",
            body = Object),
    )
)]
pub async fn document_json(Extension(Served(json)): Extension<Served>) -> Response {
    let mut res = json.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    res
}

/// `304 Not Modified`: the `If-None-Match` tag still holds.
#[derive(IntoResponses)]
#[response(
    status = 304,
    description = "Not modified: the ETag sent in If-None-Match is still current",
    headers(("ETag" = String, description = "The current entity tag"))
)]
pub struct NotModified;

/// A query parameter (named in `parameter`) cannot be used.
#[derive(IntoResponses)]
#[response(
    status = 400,
    description = "A query parameter cannot be used; `parameter` names it",
    content_type = "application/problem+json"
)]
pub struct BadParameter(pub Problem);

/// The body is not JSON.
#[derive(IntoResponses)]
#[response(
    status = 400,
    description = "The request body cannot be read as JSON",
    content_type = "application/problem+json"
)]
pub struct BadBody(pub Problem);

/// No credentials, or ones that are not valid.
#[derive(IntoResponses)]
#[response(
    status = 401,
    description = "No API token or session, or one that is revoked, expired or unknown",
    content_type = "application/problem+json",
    headers(("WWW-Authenticate" = String, description = "`Bearer`, with the error if a token was sent"))
)]
pub struct Unauthenticated(pub Problem);

/// The caller's role does not allow this.
#[derive(IntoResponses)]
#[response(
    status = 403,
    description = "The caller's role does not allow this (or a session write lacks its CSRF token)",
    content_type = "application/problem+json"
)]
pub struct Forbidden(pub Problem);

/// Not there, or not the caller's to see.
#[derive(IntoResponses)]
#[response(
    status = 404,
    description = "No such partnership, action, update or indicator, or one the caller may not see",
    content_type = "application/problem+json"
)]
pub struct NotFound(pub Problem);

/// The request cannot be done in the resource's present state.
#[derive(IntoResponses)]
#[response(
    status = 409,
    description = "The resource's present state does not allow this (e.g. already signed off)",
    content_type = "application/problem+json"
)]
pub struct Conflict(pub Problem);

/// The `If-Match` tag is not current.
#[derive(IntoResponses)]
#[response(
    status = 412,
    description = "The resource changed since the ETag in If-Match; nothing was written",
    content_type = "application/problem+json"
)]
pub struct PreconditionFailed(pub Problem);

/// The body is larger than the server reads.
#[derive(IntoResponses)]
#[response(
    status = 413,
    description = "The body is larger than the server reads (the evidence files' description states the limits); nothing was written",
    content_type = "application/problem+json"
)]
pub struct PayloadTooLarge(pub Problem);

/// The body is not JSON.
#[derive(IntoResponses)]
#[response(
    status = 415,
    description = "The body must be application/json",
    content_type = "application/problem+json"
)]
pub struct UnsupportedMediaType(pub Problem);

/// A value breaks a rule.
#[derive(IntoResponses)]
#[response(
    status = 422,
    description = "A value is not acceptable; `field` names it where it can",
    content_type = "application/problem+json"
)]
pub struct Unprocessable(pub Problem);

/// No `If-Match`.
#[derive(IntoResponses)]
#[response(
    status = 428,
    description = "If-Match with the resource's ETag is required",
    content_type = "application/problem+json"
)]
pub struct PreconditionRequired(pub Problem);

/// The server failed.
#[derive(IntoResponses)]
#[response(
    status = 500,
    description = "The service failed; nothing was written. Try again later",
    content_type = "application/problem+json"
)]
pub struct ServerError(pub Problem);
