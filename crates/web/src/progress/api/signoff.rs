//! Signing off an action's completion, and withdrawing a sign-off with a reason.
//!
//! The same rules as the pages' sign-off buttons: only the holder of a sign-off role for the
//! action (by the partnership's policy) may do either (else 403), and the store decides the
//! rest — the action must be rated complete with evidence (422), and not signed off already
//! (409). Like posting an update, both need `If-Match` with the action's `ETag` (428, 412).

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use domain::SignOff;
use serde::{Deserialize, Serialize};
use store::{ActionKey, Stamp, StoreError};
use utoipa::ToSchema;

use super::actions::find;
use super::updates::{matched_version, stale};
use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::openapi::{
    BadBody, Conflict, Forbidden, NotFound, PreconditionFailed, PreconditionRequired, ServerError,
    TAG_PROGRESS, Unauthenticated, Unprocessable, UnsupportedMediaType,
};
use crate::api::problem::{ApiError, Kind};
use crate::api::wire::documented_length;
use crate::view::AsAtQuery;

/// A withdrawal of a sign-off.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WithdrawalOut {
    pub by: String,
    #[schema(format = DateTime)]
    pub at: String,
    pub reason: String,
}

/// A sign-off of an action's completion.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SignOffOut {
    pub id: i64,
    /// The action's id.
    pub action: String,
    /// Who signed it off.
    pub by: String,
    /// The role id they signed under.
    pub role: String,
    #[schema(format = DateTime)]
    pub at: String,
    /// Set once the sign-off is withdrawn.
    pub withdrawn: Option<WithdrawalOut>,
}

impl From<&SignOff> for SignOffOut {
    fn from(s: &SignOff) -> Self {
        SignOffOut {
            id: s.id,
            action: s.action.clone(),
            by: s.by.clone(),
            role: s.role.clone(),
            at: s.at.to_string(),
            withdrawn: s.withdrawn.as_ref().map(|w| WithdrawalOut {
                by: w.by.clone(),
                at: w.at.to_string(),
                reason: w.reason.clone(),
            }),
        }
    }
}

/// Why a sign-off is withdrawn.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithdrawIn {
    /// Why, for the board and the change log.
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: String,
}

/// Sign off an action's completion.
///
/// Send `If-Match` with the action's current `ETag`; no body is needed. Only someone holding a
/// sign-off role for the action may (the board chair, or the chair of the lead's sub-group, as
/// the partnership has set); the action must be rated blue (complete) by its latest update and
/// have evidence.
#[utoipa::path(
    post,
    path = "/api/v1/partnerships/{slug}/actions/{id}/sign-off",
    tag = TAG_PROGRESS,
    operation_id = "sign_off_action",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("id" = String, Path, example = "1.1", description = "The action's id in its plan (encode # as %23)"),
        ("If-Match" = String, Header, description = "The action's ETag, from GET …/actions/{id}"),
        ("X-CSRF-Token" = Option<String>, Header,
            description = "Only with a session cookie: the session's CSRF token"),
    ),
    responses(
        (status = 200, description = "The action is signed off", body = SignOffOut),
        Unauthenticated, Forbidden, NotFound, Conflict, PreconditionFailed, Unprocessable,
        PreconditionRequired, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn sign_off(
    State(state): State<AppState>,
    access: ApiAccess,
    headers: HeaderMap,
) -> Result<Json<SignOffOut>, ApiError> {
    let (key, version, ()) = prepare(&state, &access, &headers, || Ok(())).await?;
    let current = state.store.action_state(&access.slug, &key).await?;
    // Said before the store is asked, so that its own conflict (a change since the ETag was
    // checked) stays a 412 like an update's.
    if let Some(s) = current.sign_off {
        return Err(ApiError::new(
            Kind::Conflict,
            format!(
                "{} is already signed off, by {} at {}; withdraw that sign-off first to sign \
                 it off again.",
                key.action, s.by, s.at
            ),
        ));
    }
    let written = state
        .store
        .sign_off(
            &access.slug,
            Stamp::now(access.caller.actor()),
            &key,
            version,
            &access.membership,
        )
        .await
        .map_err(store_error)?;
    crate::view::refresh_soon(&state, &access.slug);
    Ok(Json(SignOffOut::from(&written.record)))
}

/// Withdraw an action's sign-off, with a reason.
///
/// Send `If-Match` with the action's current `ETag`. Only someone holding a sign-off role for
/// the action may.
#[utoipa::path(
    post,
    path = "/api/v1/partnerships/{slug}/actions/{id}/sign-off/withdraw",
    tag = TAG_PROGRESS,
    operation_id = "withdraw_sign_off",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("id" = String, Path, example = "1.1", description = "The action's id in its plan (encode # as %23)"),
        ("If-Match" = String, Header, description = "The action's ETag, from GET …/actions/{id}"),
        ("X-CSRF-Token" = Option<String>, Header,
            description = "Only with a session cookie: the session's CSRF token"),
    ),
    request_body(content = WithdrawIn, content_type = "application/json"),
    responses(
        (status = 200, description = "The sign-off is withdrawn", body = SignOffOut),
        BadBody, Unauthenticated, Forbidden, NotFound, PreconditionFailed,
        UnsupportedMediaType, Unprocessable, PreconditionRequired, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn withdraw(
    State(state): State<AppState>,
    access: ApiAccess,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<SignOffOut>, ApiError> {
    let (key, version, input) =
        prepare(&state, &access, &headers, || read_reason(&headers, &body)).await?;
    let written = state
        .store
        .withdraw_sign_off(
            &access.slug,
            Stamp::now(access.caller.actor()),
            &key,
            version,
            &access.membership,
            &input.reason,
        )
        .await
        .map_err(store_error)?;
    crate::view::refresh_soon(&state, &access.slug);
    Ok(Json(SignOffOut::from(&written.record)))
}

/// The action's key and the version `If-Match` names, if the caller may sign it off (the
/// same check as the pages' sign-off buttons), with the body as `read_body` reads it: after
/// the permission, before If-Match, so that a request wrong in itself is a 400/422 whatever
/// tag it carries.
async fn prepare<T>(
    state: &AppState,
    access: &ApiAccess,
    headers: &HeaderMap,
    read_body: impl FnOnce() -> Result<T, ApiError>,
) -> Result<(ActionKey, i64, T), ApiError> {
    let id = access.path("id")?.to_string();
    let l = access.view(state, &AsAtQuery::default()).await?;
    let (o, a) = find(&l, &id)?;
    let settings = state.store.settings(&access.slug).await?;
    if access
        .membership
        .sign_off_role(&l.partnership, o.leads_for(a), &settings.sign_off)
        .is_none()
    {
        return Err(ApiError::new(
            Kind::Forbidden,
            format!(
                "You may not sign off action {} or withdraw its sign-off: only the board's \
                 chair, or the chair of the sub-group its lead belongs to, may.",
                a.id
            ),
        ));
    }
    let body = read_body()?;
    let version = matched_version(state, access, &l, &id, headers).await?;
    let plan = l.plan().ok_or_else(ApiError::not_found)?;
    Ok((
        ActionKey::new(plan.title.clone(), a.id.clone()),
        version,
        body,
    ))
}

/// The store's refusals: its conflict is a change since the ETag was checked (412); the rest
/// (not complete, no evidence, no reason, nothing to withdraw) say what to do.
fn store_error(e: StoreError) -> ApiError {
    match e {
        StoreError::Conflict { .. } => stale(),
        e @ (StoreError::NotFound { .. }
        | StoreError::InvalidData { .. }
        | StoreError::SchemaTooNew { .. }
        | StoreError::Database(_)) => ApiError::from(e),
    }
}

/// The body as a withdrawal: JSON with a reason.
fn read_reason(headers: &HeaderMap, body: &[u8]) -> Result<WithdrawIn, ApiError> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .is_some_and(|v| v == "application/json" || v.ends_with("+json"));
    if !json {
        return Err(ApiError::new(
            Kind::UnsupportedMediaType,
            "Send the reason as JSON, with Content-Type: application/json.",
        )
        .about_header("Content-Type"));
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    let input: WithdrawIn = serde_path_to_error::deserialize(de).map_err(|e| {
        let inner = e.into_inner();
        if inner.is_data() {
            ApiError::field(
                "reason",
                format!("Say why the sign-off is withdrawn ({inner})."),
            )
        } else {
            ApiError::new(
                Kind::InvalidBody,
                format!("The body is not a JSON object with a reason ({inner})."),
            )
        }
    })?;
    documented_length("reason", &input.reason, 1, 2000)?;
    if input.reason.trim().is_empty() {
        // The store refuses it too; said here so that the problem names the field.
        return Err(ApiError::field(
            "reason",
            "Say why the sign-off is withdrawn: the reason cannot be blank.",
        ));
    }
    Ok(input)
}
