//! Meetings and attendance in the JSON API: `GET …/meetings` (those the caller may see),
//! `GET …/meetings/{id}` (one, whole: agenda, attendance, quorum, decisions, action log,
//! minutes) and `GET …/attendance?from=&to=` (by agency and person; the year to today
//! unless given).

use axum::Json;
use axum::extract::State;
use domain::Date;
use domain::meetings::access::may_see;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use super::standing;
use super::wire::{AttendanceSummary, MeetingDetail, MeetingList, MeetingOut};
use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::openapi::{
    BadParameter, NotFound, ServerError, TAG_GOVERNANCE, Unauthenticated, Unprocessable,
};
use crate::api::problem::ApiError;
use crate::api::query::Params;
use crate::view::today;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get))
        .routes(routes!(attendance))
        .routes(routes!(super::promote_api::promote))
}

/// The board's and sub-groups' meetings, by date.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/meetings",
    tag = TAG_GOVERNANCE,
    operation_id = "list_meetings",
    params(("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name")),
    responses(
        (status = 200, description = "The meetings the caller may see", body = MeetingList),
        Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn list(
    State(state): State<AppState>,
    access: ApiAccess,
) -> Result<Json<MeetingList>, ApiError> {
    let account = access.caller.account.id;
    let meetings = state.store.meeting_list(&access.slug).await?;
    Ok(Json(MeetingList {
        items: meetings
            .iter()
            .filter(|m| may_see(&access.membership, standing(m, account)))
            .map(|m| MeetingOut::new(&access.slug, m))
            .collect(),
    }))
}

/// One meeting: agenda, attendance, quorum, decisions, action log and minutes.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/meetings/{id}",
    tag = TAG_GOVERNANCE,
    operation_id = "get_meeting",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("id" = i64, Path, example = 1, description = "The meeting's id"),
    ),
    responses(
        (status = 200, description = "The meeting", body = MeetingDetail),
        Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn get(
    State(state): State<AppState>,
    access: ApiAccess,
) -> Result<Json<MeetingDetail>, ApiError> {
    let id: i64 = access
        .path("id")?
        .parse()
        .map_err(|_| ApiError::not_found())?;
    let m = state.store.meeting(&access.slug, id).await?;
    if !may_see(
        &access.membership,
        standing(&m.summary, access.caller.account.id),
    ) {
        return Err(ApiError::not_found());
    }
    Ok(Json(MeetingDetail::new(&access.slug, &m)))
}

/// Attendance over a period, by agency and by person: of the meetings each should have
/// attended, the share it attended or was represented at.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/attendance",
    tag = TAG_GOVERNANCE,
    operation_id = "get_attendance",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("from" = Option<String>, Query, format = Date, description = "The first day (default: a year before `to`)"),
        ("to" = Option<String>, Query, format = Date, description = "The last day (default: today)"),
    ),
    responses(
        (status = 200, description = "Attendance by agency and person", body = AttendanceSummary),
        BadParameter, Unprocessable, Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn attendance(
    State(state): State<AppState>,
    access: ApiAccess,
    params: Params,
) -> Result<Json<AttendanceSummary>, ApiError> {
    let day = |name: &str| -> Result<Option<Date>, ApiError> {
        params
            .given(name)
            .map(|t| {
                t.parse::<Date>().map_err(|_| {
                    ApiError::parameter(name, format!("\"{t}\" is not a date: give YYYY-MM-DD."))
                })
            })
            .transpose()
    };
    let to = day("to")?.unwrap_or_else(today);
    let from = day("from")?.unwrap_or(domain::meetings::year_to(to).0);
    if to < from {
        return Err(ApiError::parameter_conflict(
            "from",
            "The period starts after it ends: give `from` before `to`.",
        ));
    }
    let r = state.store.attendance(&access.slug, from, to).await?;
    Ok(Json(AttendanceSummary::new(&r)))
}
