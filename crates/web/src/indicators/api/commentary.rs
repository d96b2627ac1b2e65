//! Adding commentary on an indicator: the API's door to what the indicator page's commentary
//! form does, with the same rules (business managers and administrators only; a period the
//! indicator is published for; text that is not empty and under 10,000 characters) and the
//! same store write.
//!
//! Commentary is judged against figures, so the request must carry `If-Match` with the
//! indicator's `ETag` (from `GET …/indicators/{code}`, for the same `?area=`): without it 428,
//! and if a file, target or other commentary has changed the indicator since, 412 and nothing
//! is written. Commentary is never edited, so two racing writers both add theirs; the check is
//! that each saw the figures it speaks about.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use indicators::{Commentary, Period};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use utoipa::ToSchema;

use super::detail::{CommentaryOut, represent};
use super::indicator_href;
use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::conditional::{if_match, if_match_holds};
use crate::api::openapi::{
    BadBody, BadParameter, Forbidden, NotFound, PreconditionFailed, PreconditionRequired,
    ServerError, TAG_INDICATORS, Unauthenticated, Unprocessable, UnsupportedMediaType,
};
use crate::api::problem::{ApiError, Kind};
use crate::api::query::Params;
use crate::api::wire::{date, documented_length, json_body};
use crate::indicators::catalogue;
use crate::view::today;

/// New commentary on an indicator.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCommentaryIn {
    /// The period it is about, as the indicator is published: `2024-25`, `2025`, `Q1 2025-26`.
    #[schema(example = "2024-25", min_length = 1, max_length = 40)]
    pub period: String,
    /// What the figure means for children, in a sentence or more.
    #[schema(min_length = 1, max_length = 10000)]
    pub text: String,
}

/// Add commentary on an indicator for the area, about one period.
///
/// Business managers and administrators only. Send `If-Match` with the indicator's current
/// `ETag` (for the same `?area=`), so that commentary is never written about figures that have
/// changed since they were read.
#[utoipa::path(
    post,
    path = "/api/v1/partnerships/{slug}/indicators/{code}/commentary",
    tag = TAG_INDICATORS,
    operation_id = "create_indicator_commentary",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("code" = String, Path, example = "cpp-subsequent-pct", description = "The indicator's code, exactly as listed"),
        ("area" = Option<String>, Query, example = "E09000021",
            description = "The area it is about, as given when reading the indicator; default the partnership's own"),
        ("If-Match" = String, Header, description = "The indicator's ETag, from GET …/indicators/{code}"),
        ("X-CSRF-Token" = Option<String>, Header,
            description = "Only with a session cookie: the session's CSRF token"),
    ),
    request_body(content = NewCommentaryIn, content_type = "application/json"),
    responses(
        (status = 201, description = "The commentary was recorded", body = CommentaryOut,
            headers(("Location" = String, description = "The indicator, which now shows it"))),
        BadBody, BadParameter, Unauthenticated, Forbidden, NotFound, PreconditionFailed,
        UnsupportedMediaType, Unprocessable, PreconditionRequired, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn create(
    State(state): State<AppState>,
    access: ApiAccess,
    params: Params,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let indicator = catalogue()
        .get(access.path("code")?)
        .ok_or_else(ApiError::not_found)?;
    if !access.membership.may_edit_plan() {
        return Err(ApiError::new(
            Kind::Forbidden,
            "Only the business manager or an administrator can add commentary on indicators.",
        ));
    }
    if params.get("as_at").is_some() {
        return Err(ApiError::parameter(
            "as_at",
            "Commentary is written about today's figures, never into a past view: leave as_at \
             out.",
        ));
    }
    // The body is checked before If-Match: a request wrong in itself is a 400/422 whatever
    // tag it carries, so the caller fixes that before fetching a fresh ETag.
    let input: NewCommentaryIn = read_json(&headers, &body)?;
    let period = Period::parse(&input.period, indicator.period_type)
        .map_err(|e| ApiError::field("period", e.to_string()))?;
    documented_length("text", &input.text, 1, 10_000)?;
    let if_match = if_match(&headers).ok_or_else(|| {
        ApiError::new(
            Kind::PreconditionRequired,
            "Send If-Match with the indicator's ETag (from GET on the indicator), so that \
             commentary is not written about figures that changed since you read them.",
        )
        .about_header("If-Match")
    })?;
    let (_, current, area) = represent(&state, &access, &params).await?;
    if !if_match_holds(if_match, &current) {
        return Err(stale());
    }
    let author = &access.caller.account.display_name;
    let commentary = Commentary::new(
        indicator.code.clone(),
        Some(area),
        period,
        author,
        today(),
        &input.text,
    )
    .map_err(|e| ApiError::field("text", e.to_string()))?;
    state
        .store
        .add_indicator_commentary(
            &access.slug,
            access.caller.actor(),
            &commentary,
            jiff::Timestamp::now(),
        )
        .await?;
    let out = CommentaryOut {
        period: commentary.period.into(),
        area_code: commentary.area_code.as_ref().map(ToString::to_string),
        author: commentary.author.clone(),
        written_on: date(commentary.written_on),
        text: commentary.text.clone(),
    };
    let mut res = (StatusCode::CREATED, Json(&out)).into_response();
    let location = indicator_href(&access.slug, indicator.code.as_str(), params.get("area"));
    if let Ok(v) = HeaderValue::from_str(&location) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

fn stale() -> ApiError {
    ApiError::new(
        Kind::PreconditionFailed,
        "The indicator has changed since the ETag you sent (new figures, a target or other \
         commentary), or the ETag is not this indicator's for this area: GET it again, read \
         it, and send your commentary with the new ETag. Nothing was written.",
    )
    .about_header("If-Match")
}

/// The body as JSON of `T`: a problem naming the field that cannot be read, else the body.
fn read_json<T: DeserializeOwned>(headers: &HeaderMap, body: &[u8]) -> Result<T, ApiError> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .is_some_and(|v| v == "application/json" || v.ends_with("+json"));
    if !json {
        return Err(ApiError::new(
            Kind::UnsupportedMediaType,
            "Send the commentary as JSON, with Content-Type: application/json.",
        )
        .about_header("Content-Type"));
    }
    json_body(body, "commentary")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_headers() -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        h
    }

    #[test]
    fn commentary_must_be_json_with_known_fields() {
        let e = read_json::<NewCommentaryIn>(&HeaderMap::new(), b"{}").unwrap_err();
        assert_eq!(e.kind(), Kind::UnsupportedMediaType);
        let e = read_json::<NewCommentaryIn>(&json_headers(), b"{\"period\":").unwrap_err();
        assert_eq!(e.kind(), Kind::InvalidBody);
        let e = read_json::<NewCommentaryIn>(&json_headers(), br#"{"period":1,"text":"x"}"#)
            .unwrap_err();
        assert_eq!(e.problem().field.as_deref(), Some("period"));
        let e = read_json::<NewCommentaryIn>(
            &json_headers(),
            br#"{"period":"2024-25","text":"x","author":"me"}"#,
        )
        .unwrap_err();
        assert_eq!(e.problem().status, 422);
        let ok: NewCommentaryIn =
            read_json(&json_headers(), br#"{"period":"2024-25","text":"Fell."}"#).unwrap();
        assert_eq!(ok.period, "2024-25");
    }
}
