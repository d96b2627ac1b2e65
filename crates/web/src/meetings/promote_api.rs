//! Promoting a meeting action into the plan through the API:
//! `POST …/meetings/{id}/actions/{action}/promote`. The same rule as the meeting page's form
//! (`forms::promote`): only those who run the meeting and may edit the plan, only an open
//! action of that meeting's log, never twice.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use domain::meetings::access::{may_run, may_see};
use serde::{Deserialize, Serialize};
use store::{Promotion, Stamp};
use utoipa::ToSchema;

use super::standing;
use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::openapi::{
    BadBody, Conflict, Forbidden, NotFound, ServerError, TAG_GOVERNANCE, Unauthenticated,
    Unprocessable,
};
use crate::api::problem::{ApiError, Kind};
use crate::api::wire::{json_body, segment};

/// Where a meeting action goes in the plan.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PromotionIn {
    /// The plan's title; left out, the latest plan that is not closed.
    #[serde(default)]
    pub plan: Option<String>,
    /// The objective's number, as the plan writes it ("4").
    pub objective: String,
    /// The lead role: its id or its title.
    pub lead: String,
    /// The date it is due by: not before the meeting that raised it.
    #[schema(format = Date)]
    pub due: String,
}

/// The plan action a meeting action became.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PromotedOut {
    /// The plan's title.
    pub plan: String,
    /// The new action's id ("4.3").
    pub action: String,
    /// The plan's version that holds it.
    pub version: i64,
    /// The new action in the API.
    pub href: String,
}

/// Promote an open action of a meeting's action log into the plan, as the next action of the
/// objective given (business managers and administrators; a sub-group's chair only if they
/// may also edit the plan). The plan gets a new version; the action log records where the
/// action went.
#[utoipa::path(
    post,
    path = "/api/v1/partnerships/{slug}/meetings/{id}/actions/{action}/promote",
    tag = TAG_GOVERNANCE,
    operation_id = "promote_meeting_action",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("id" = i64, Path, example = 1, description = "The meeting's id"),
        ("action" = i64, Path, example = 1, description = "The id of the action on the meeting's log"),
        ("X-CSRF-Token" = Option<String>, Header,
            description = "Only with a session cookie: the session's CSRF token"),
    ),
    request_body(content = PromotionIn, content_type = "application/json"),
    responses(
        (status = 201, description = "The action is in the plan", body = PromotedOut,
            headers(("Location" = String, description = "The new plan action"))),
        BadBody, Unauthenticated, Forbidden, NotFound, Conflict, Unprocessable, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn promote(
    State(state): State<AppState>,
    access: ApiAccess,
    body: Bytes,
) -> Result<Response, ApiError> {
    let number = |name: &str| -> Result<i64, ApiError> {
        access
            .path(name)?
            .parse()
            .map_err(|_| ApiError::not_found())
    };
    let (id, action) = (number("id")?, number("action")?);
    let m = state.store.meeting(&access.slug, id).await?;
    let s = standing(&m.summary, access.caller.account.id);
    if !may_see(&access.membership, s) {
        return Err(ApiError::not_found());
    }
    if !may_run(&access.membership, s) || !access.membership.may_edit_plan() {
        return Err(ApiError::new(
            Kind::Forbidden,
            "Only the board's business manager or an administrator can add an action to the plan.",
        ));
    }
    // Only an action on this meeting's log: another meeting's id in the path is not found.
    if !m.action_log.iter().any(|a| a.id == action) {
        return Err(ApiError::not_found());
    }
    let input: PromotionIn = json_body(&body, "where the action goes")?;
    let due = input.due.parse::<domain::Date>().map_err(|_| {
        ApiError::field(
            "due",
            format!("\"{}\" is not a date: give YYYY-MM-DD.", input.due),
        )
    })?;
    let blank = |field: &str, v: &str| {
        if v.trim().is_empty() {
            Err(ApiError::field(field, format!("Give the {field}.")))
        } else {
            Ok(())
        }
    };
    blank("objective", &input.objective)?;
    blank("lead", &input.lead)?;
    let to = Promotion {
        plan: input.plan.filter(|p| !p.trim().is_empty()),
        objective: input.objective,
        lead: input.lead,
        due,
    };
    let done = state
        .store
        .promote_meeting_action(&access.slug, Stamp::now(access.caller.actor()), action, &to)
        .await?;
    let out = PromotedOut {
        href: format!(
            "/api/v1/partnerships/{}/actions/{}",
            segment(&access.slug),
            segment(&done.action)
        ),
        plan: done.plan,
        action: done.action,
        version: done.version,
    };
    let mut res = (StatusCode::CREATED, Json(&out)).into_response();
    if let Ok(v) = HeaderValue::from_str(&out.href) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    Ok(res)
}
