//! Progress updates on an action: list them, read one, and post a new one.
//!
//! Posting is guarded twice against lost updates. The request must carry `If-Match` with the
//! action's `ETag` (from `GET …/actions/{id}`): without it the answer is 428, and with a tag
//! that is no longer the action's current one it is 412. The store then checks the action's
//! version again inside the write's transaction, so a change that lands between the two checks
//! is refused as well (also 412), and nothing is written.
//!
//! Values are read by the same rules as the pages' update form: the domain parses the rating,
//! percentage and date, and the store checks the narrative and links.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::{Evidence, Percent, Update};
use serde::{Deserialize, Serialize};
use store::{ActionKey, NewEvidence, NewUpdate, Stamp, StoreError};
use utoipa::ToSchema;

use super::actions::{find, represent};
use super::evidence::{NewUpdateWithEvidence, read_multipart, too_large};
use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::conditional::{if_match, if_match_holds};
use crate::api::openapi::{
    BadBody, BadParameter, Forbidden, NotFound, PayloadTooLarge, PreconditionFailed,
    PreconditionRequired, ServerError, TAG_PROGRESS, Unauthenticated, Unprocessable,
    UnsupportedMediaType,
};
use crate::api::problem::{ApiError, Kind};
use crate::api::query::Params;
use crate::api::wire::{Rating, action_href, date, documented_length, json_body};
use crate::limits::MAX_UPLOAD_BYTES;
use crate::view::{AsAtQuery, today};

/// Evidence behind an update: a file kept by Boardplan, or a link.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EvidenceOut {
    File {
        sha256: String,
        name: String,
        media_type: String,
        size: u64,
        /// Where to download it (`GET`).
        href: String,
    },
    Link {
        url: String,
        title: Option<String>,
    },
}

impl EvidenceOut {
    fn new(slug: &str, e: &Evidence) -> Self {
        match e {
            Evidence::File {
                sha256,
                name,
                media_type,
                size,
            } => EvidenceOut::File {
                sha256: sha256.clone(),
                name: name.clone(),
                media_type: media_type.clone(),
                size: *size,
                href: format!(
                    "/api/v1/partnerships/{slug}/evidence/{sha256}?name={}",
                    crate::error::urlencode(name)
                ),
            },
            Evidence::Link { url, title } => EvidenceOut::Link {
                url: url.clone(),
                title: title.clone(),
            },
        }
    }
}

/// A progress update. Never edited: a correction is a later update naming this one.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UpdateOut {
    pub id: i64,
    /// The action's id.
    pub action: String,
    pub rag: Rating,
    #[schema(minimum = 0, maximum = 100)]
    pub percent: Option<u8>,
    pub narrative: String,
    /// The date the update speaks for.
    #[schema(format = Date)]
    pub as_of: String,
    /// Who recorded it.
    pub author: String,
    /// When it was recorded.
    #[schema(format = DateTime)]
    pub recorded_at: String,
    pub evidence: Vec<EvidenceOut>,
    /// The update this one corrects.
    pub corrects: Option<i64>,
    pub href: String,
}

impl UpdateOut {
    fn new(slug: &str, u: &Update) -> Self {
        UpdateOut {
            id: u.id,
            action: u.action.clone(),
            rag: u.rag.into(),
            percent: u.percent.map(Percent::get),
            narrative: u.narrative.clone(),
            as_of: date(u.as_of),
            author: u.author.clone(),
            recorded_at: u.recorded_at.to_string(),
            evidence: u
                .evidence
                .iter()
                .map(|e| EvidenceOut::new(slug, e))
                .collect(),
            corrects: u.corrects,
            href: format!("{}/updates/{}", action_href(slug, &u.action), u.id),
        }
    }
}

/// An action's updates.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UpdateList {
    /// Oldest first, corrected ones included.
    pub items: Vec<UpdateOut>,
}

/// A link given as evidence.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkIn {
    /// An http or https address.
    #[schema(max_length = 2000)]
    pub url: String,
    pub title: Option<String>,
}

/// A new progress update.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUpdateIn {
    pub rag: Rating,
    /// Percent complete, 0 to 100.
    #[schema(minimum = 0, maximum = 100)]
    pub percent: Option<u8>,
    /// What has happened, in a sentence or more.
    #[schema(min_length = 1, max_length = 10000)]
    pub narrative: String,
    /// The date the update speaks for: not in the future; default today.
    #[schema(format = Date)]
    pub as_of: Option<String>,
    /// Links to evidence (documents, minutes, reports).
    #[serde(default)]
    #[schema(max_items = 20)]
    pub links: Vec<LinkIn>,
}

/// The updates of one action, oldest first.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/actions/{id}/updates",
    tag = TAG_PROGRESS,
    operation_id = "list_updates",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("id" = String, Path, example = "1.1", description = "The action's id in its plan (encode # as %23)"),
        ("as_at" = Option<String>, Query, format = Date,
            description = "Only updates dated by this day (the day each speaks for), as known now (YYYY-MM-DD); default today"),
        ("as_recorded" = Option<String>, Query, format = Date,
            description = "Instead of as_at: only what had been recorded by the end of this day (YYYY-MM-DD), with the plan version current then: what the board saw that day, the same however much is recorded later"),
    ),
    responses(
        (status = 200, description = "The action's updates", body = UpdateList,
            links(
                ("GetFirstUpdate" = (
                    operation_id = "get_update",
                    description = "The first update",
                    parameters(
                        ("path.slug" = "$request.path.slug"),
                        ("path.id" = "$request.path.id"),
                        ("path.update" = "$response.body#/items/0/id"),
                    ),
                )),
                ("GetFirstEvidence" = (
                    operation_id = "get_evidence",
                    description = "The first update's first evidence file",
                    parameters(
                        ("path.slug" = "$request.path.slug"),
                        ("path.sha256" = "$response.body#/items/0/evidence/0/sha256"),
                    ),
                )),
            )),
        BadParameter, Unprocessable, Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn list(
    State(state): State<AppState>,
    access: ApiAccess,
    params: Params,
) -> Result<Json<UpdateList>, ApiError> {
    let (at, historic) = params.moment()?;
    let updates = updates_of(&state, &access, at, historic).await?;
    // As recorded: what had been written by the end of the day; as of it: what speaks for it.
    let known = |u: &&Update| match (historic, at.as_recorded) {
        (false, _) => true,
        (true, true) => u.recorded_at <= store::end_of(at.day),
        (true, false) => u.as_of <= at.day,
    };
    Ok(Json(UpdateList {
        items: updates
            .iter()
            .filter(known)
            .map(|u| UpdateOut::new(&access.slug, u))
            .collect(),
    }))
}

/// One update.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/actions/{id}/updates/{update}",
    tag = TAG_PROGRESS,
    operation_id = "get_update",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("id" = String, Path, example = "1.1", description = "The action's id in its plan (encode # as %23)"),
        ("update" = i64, Path, example = 1, description = "The update's id"),
    ),
    responses(
        (status = 200, description = "The update", body = UpdateOut,
            links(("GetEvidence" = (
                operation_id = "get_evidence",
                description = "Its first evidence file",
                parameters(
                    ("path.slug" = "$request.path.slug"),
                    ("path.sha256" = "$response.body#/evidence/0/sha256"),
                ),
            )))),
        Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn get(
    State(state): State<AppState>,
    access: ApiAccess,
) -> Result<Json<UpdateOut>, ApiError> {
    let wanted: i64 = access
        .path("update")?
        .parse()
        .map_err(|_| ApiError::not_found())?;
    let updates = updates_of(&state, &access, today().into(), false).await?;
    let u = updates
        .iter()
        .find(|u| u.id == wanted)
        .ok_or_else(ApiError::not_found)?;
    Ok(Json(UpdateOut::new(&access.slug, u)))
}

/// Every update of the action in the path, in the plan as at the query's date.
async fn updates_of(
    state: &AppState,
    access: &ApiAccess,
    at: domain::Moment,
    historic: bool,
) -> Result<Arc<Vec<Update>>, ApiError> {
    let l = access.view_at(state, at, historic).await?;
    let (_, a) = find(&l, access.path("id")?)?;
    let plan = l.plan().ok_or_else(ApiError::not_found)?;
    let key = ActionKey::new(plan.title.clone(), a.id.clone());
    Ok(l.actions
        .updates(&a.id, state.store.updates(&access.slug, &key))
        .await?)
}

/// Post a progress update on an action.
///
/// Send `If-Match` with the action's current `ETag`. A lead officer may update only the
/// actions a lead role they hold leads; readers and board members may not update.
#[utoipa::path(
    post,
    path = "/api/v1/partnerships/{slug}/actions/{id}/updates",
    tag = TAG_PROGRESS,
    operation_id = "create_update",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("id" = String, Path, example = "1.1", description = "The action's id in its plan (encode # as %23)"),
        ("If-Match" = String, Header, description = "The action's ETag, from GET …/actions/{id}"),
        ("X-CSRF-Token" = Option<String>, Header,
            description = "Only with a session cookie: the session's CSRF token"),
    ),
    request_body(content(
        (NewUpdateIn = "application/json"),
        (NewUpdateWithEvidence = "multipart/form-data"),
    )),
    responses(
        (status = 201, description = "The update was recorded", body = UpdateOut,
            headers(("Location" = String, description = "Where the new update is")),
            links(("GetUpdate" = (
                operation_id = "get_update",
                description = "Read the update back",
                parameters(
                    ("path.slug" = "$request.path.slug"),
                    ("path.id" = "$request.path.id"),
                    ("path.update" = "$response.body#/id"),
                ),
            )))),
        BadBody, Unauthenticated, Forbidden, NotFound, PreconditionFailed, PayloadTooLarge,
        UnsupportedMediaType, Unprocessable, PreconditionRequired, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn create(
    State(state): State<AppState>,
    access: ApiAccess,
    headers: HeaderMap,
    req: Request,
) -> Result<Response, ApiError> {
    let id = access.path("id")?.to_string();
    let l = access.view(&state, &AsAtQuery::default()).await?;
    let (o, a) = find(&l, &id)?;
    if !access.membership.may_update(o.leads_for(a)) {
        return Err(ApiError::new(
            Kind::Forbidden,
            format!(
                "You may not update action {}: only a business manager, an administrator or \
                 the holder of one of its lead roles may.",
                a.id
            ),
        ));
    }
    // The body is read first: a request that is wrong in itself is a 400/422 whatever
    // If-Match says, so the caller fixes that before fetching a fresh ETag.
    let input = read_request(&headers, req).await?;
    let version = matched_version(&state, &access, &l, &id, &headers).await?;
    let plan = l.plan().ok_or_else(ApiError::not_found)?;
    let key = ActionKey::new(plan.title.clone(), a.id.clone());
    let written = state
        .store
        .record_update(
            &access.slug,
            Stamp::now(access.caller.actor()),
            &key,
            version,
            input,
        )
        .await
        .map_err(|e| match e {
            StoreError::Conflict { .. } => stale(),
            e @ (StoreError::NotFound { .. }
            | StoreError::InvalidData { .. }
            | StoreError::SchemaTooNew { .. }
            | StoreError::Database(_)) => ApiError::from(e),
        })?;
    crate::view::refresh_soon(&state, &access.slug);
    let out = UpdateOut::new(&access.slug, &written.record);
    let mut res = (StatusCode::CREATED, Json(&out)).into_response();
    if let Ok(v) = HeaderValue::from_str(&out.href) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}

/// The action's version, if `If-Match` names its current ETag (or is `*`): 428 without one,
/// 412 with a stale one. Every write on an action starts here, so that none is lost.
pub(super) async fn matched_version(
    state: &AppState,
    access: &ApiAccess,
    l: &crate::view::Loaded,
    id: &str,
    headers: &HeaderMap,
) -> Result<i64, ApiError> {
    let if_match = if_match(headers).ok_or_else(|| {
        ApiError::new(
            Kind::PreconditionRequired,
            "Send If-Match with the action's ETag (from GET on the action), so that an \
             update made since you looked is not overwritten.",
        )
        .about_header("If-Match")
    })?;
    let (_, current, version) = represent(state, access, l, id).await?;
    match version {
        Some(v) if if_match_holds(if_match, &current) => Ok(v),
        Some(_) | None => Err(stale()),
    }
}

pub(super) fn stale() -> ApiError {
    ApiError::new(
        Kind::PreconditionFailed,
        "The action has changed since the ETag you sent (or the ETag is not this action's): \
         GET it again, check the latest update, and send your update with the new ETag. \
         Nothing was written.",
    )
    .about_header("If-Match")
}

/// The date an update speaks for when the body gives none: today in London, except in the
/// hour after midnight in summer time, when the store (which dates in UTC) is still on the
/// day before and would refuse it.
fn default_as_of() -> domain::Date {
    let utc = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    today().min(utc)
}

/// The request's body as a new update: JSON, or multipart with evidence files.
async fn read_request(headers: &HeaderMap, req: Request) -> Result<NewUpdate, ApiError> {
    if media_type(headers).as_deref() == Some("multipart/form-data") {
        return read_multipart(req).await;
    }
    // Read up to the evidence limit, not axum's default, so that an oversized body gets a
    // problem saying what to do rather than a bare 413.
    let body = axum::body::to_bytes(req.into_body(), MAX_UPLOAD_BYTES)
        .await
        .map_err(|_| too_large())?;
    read_body(headers, &body)
}

/// The media type of the body, lowercase, without parameters.
fn media_type(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
}

/// The body as a new update: JSON, each field read by the domain's rules.
fn read_body(headers: &HeaderMap, body: &[u8]) -> Result<NewUpdate, ApiError> {
    let json = media_type(headers).is_some_and(|v| v == "application/json" || v.ends_with("+json"));
    if !json {
        return Err(ApiError::new(
            Kind::UnsupportedMediaType,
            "Send the update as JSON, with Content-Type: application/json (or as \
             multipart/form-data, with evidence files).",
        )
        .about_header("Content-Type"));
    }
    parse_update(body)
}

/// An update in JSON (the whole body, or the `update` part of a multipart one).
pub(super) fn parse_update(body: &[u8]) -> Result<NewUpdate, ApiError> {
    let input: NewUpdateIn = json_body(body, "an update")?;
    documented_length("narrative", &input.narrative, 1, 10_000)?;
    for (i, l) in input.links.iter().enumerate() {
        documented_length(&format!("links[{i}].url"), &l.url, 0, 2000)?;
    }
    if input.links.len() > store::MAX_EVIDENCE_ITEMS {
        return Err(ApiError::field(
            "links",
            format!(
                "An update can carry at most {} links.",
                store::MAX_EVIDENCE_ITEMS
            ),
        ));
    }
    let percent = input
        .percent
        .map(|p| Percent::new(i64::from(p)))
        .transpose()
        .map_err(|e| ApiError::field("percent", e.to_string()))?;
    let as_of = match input.as_of.as_deref().map(str::trim) {
        None | Some("") => default_as_of(),
        Some(s) => domain::progress::parse_date(s, today())
            .map_err(|e| ApiError::field("as_of", e.to_string()))?,
    };
    Ok(NewUpdate {
        rag: input.rag.into(),
        percent,
        narrative: input.narrative,
        as_of,
        evidence: input
            .links
            .into_iter()
            .map(|l| NewEvidence::Link {
                url: l.url,
                title: l.title.filter(|t| !t.trim().is_empty()),
            })
            .collect(),
        corrects: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_headers() -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json; charset=utf-8"),
        );
        h
    }

    #[test]
    fn a_body_that_is_not_json_is_refused_as_unsupported() {
        let e = read_body(&HeaderMap::new(), b"{}").unwrap_err();
        assert_eq!(e.kind(), Kind::UnsupportedMediaType);
    }

    #[test]
    fn a_wrong_value_is_refused_naming_its_field() {
        let e = read_body(&json_headers(), br#"{"rag":"purple","narrative":"x"}"#).unwrap_err();
        assert_eq!(e.problem().field.as_deref(), Some("rag"));
        let e = read_body(
            &json_headers(),
            br#"{"rag":"red","narrative":"x","percent":140}"#,
        )
        .unwrap_err();
        assert_eq!(e.problem().field.as_deref(), Some("percent"));
        let e = read_body(
            &json_headers(),
            br#"{"rag":"red","narrative":"x","as_of":"2999-01-01"}"#,
        )
        .unwrap_err();
        assert_eq!(e.problem().field.as_deref(), Some("as_of"));
        let e = read_body(&json_headers(), br#"{"rag":"red","narative":"x"}"#).unwrap_err();
        assert_eq!(e.problem().status, 422);
    }

    #[test]
    fn broken_json_is_a_bad_request() {
        let e = read_body(&json_headers(), b"{\"rag\":").unwrap_err();
        assert_eq!(e.kind(), Kind::InvalidBody);
    }

    #[test]
    fn a_good_body_becomes_a_new_update_dated_today_by_default() {
        let u = read_body(
            &json_headers(),
            br#"{"rag":"amber","percent":40,"narrative":"Half the training delivered.","links":[{"url":"https://example.org/minutes.pdf","title":"Minutes"}]}"#,
        )
        .unwrap();
        assert_eq!(u.rag, domain::Rag::Amber);
        assert_eq!(u.percent.map(Percent::get), Some(40));
        assert_eq!(u.as_of, default_as_of());
        assert!(u.as_of == today() || today().yesterday().ok() == Some(u.as_of));
        assert_eq!(u.evidence.len(), 1);
    }
}
