//! The partnerships the caller belongs to, and one partnership's board: its name, area,
//! meetings, lead roles and reviews (the values the action filters take), and counts of its
//! plan's actions by rating and status as at a date.

use axum::Json;
use axum::extract::State;
use domain::{Completion, MeetingKind, Rag};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::{ApiAccess, ApiCaller, Via};
use crate::api::openapi::{
    BadParameter, NotFound, ServerError, TAG_PARTNERSHIPS, Unauthenticated, Unprocessable,
};
use crate::api::problem::ApiError;
use crate::api::query::Params;
use crate::api::wire::{AccessRoleOut, LeadOut, date, segment};

/// The partnerships' routes, with their documentation.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get))
}

/// A partnership the caller belongs to.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PartnershipItem {
    /// Its short name, used in every path under it.
    pub slug: String,
    pub name: String,
    /// The caller's role there.
    pub role: AccessRoleOut,
    /// Ids of the lead roles the caller holds there.
    pub holds: Vec<String>,
    pub href: String,
}

/// The partnerships the caller may see.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PartnershipList {
    pub items: Vec<PartnershipItem>,
}

/// The partnerships the caller belongs to: with an API token, the one it acts in.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships",
    tag = TAG_PARTNERSHIPS,
    operation_id = "list_partnerships",
    responses(
        (status = 200, description = "The caller's partnerships", body = PartnershipList),
        Unauthenticated, ServerError,
    )
)]
#[tracing::instrument(skip_all)]
pub async fn list(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<PartnershipList>, ApiError> {
    let memberships = match &caller.via {
        Via::Token { member, .. } => member.iter().map(|(m, _)| m.clone()).collect(),
        Via::Session { .. } => state.store.memberships(caller.account.id).await?,
    };
    let names = state.store.partnerships().await?;
    let items = memberships
        .into_iter()
        .filter_map(|m| {
            let name = names.iter().find(|p| p.slug == m.partnership)?.name.clone();
            Some(PartnershipItem {
                href: format!("/api/v1/partnerships/{}", segment(&m.partnership)),
                slug: m.partnership,
                name,
                role: m.role.into(),
                holds: m.holds,
            })
        })
        .collect();
    Ok(Json(PartnershipList { items }))
}

/// A board meeting or a sub-group's.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MeetingOut {
    #[schema(format = Date)]
    pub date: String,
    pub kind: MeetingKindOut,
    /// For a sub-group meeting, the sub-group's name.
    pub subgroup: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKindOut {
    Board,
    Subgroup,
}

impl From<MeetingKind> for MeetingKindOut {
    fn from(k: MeetingKind) -> Self {
        match k {
            MeetingKind::Board => MeetingKindOut::Board,
            MeetingKind::Subgroup => MeetingKindOut::Subgroup,
        }
    }
}

/// A review, as `?source=` names it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewRef {
    pub code: String,
    pub title: String,
}

/// How many of the plan's actions are at each rating.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct RagCounts {
    pub red: u64,
    pub amber: u64,
    pub green: u64,
    pub blue: u64,
    pub grey: u64,
    /// Never updated.
    pub not_rated: u64,
}

/// The size of the board and the state of its plan.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Counts {
    pub agencies: u64,
    pub subgroups: u64,
    pub roles: u64,
    pub reviews: u64,
    pub recommendations: u64,
    /// Recommendations that nothing in the plan answers.
    pub gaps: u64,
    pub objectives: u64,
    pub actions: u64,
    pub rag: RagCounts,
    pub overdue: u64,
    pub due_soon: u64,
    pub stale: u64,
    pub at_risk: u64,
    pub awaiting_sign_off: u64,
    pub signed_off: u64,
}

/// One partnership.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PartnershipDetail {
    pub slug: String,
    pub name: String,
    /// The local authority area the board covers.
    pub area: Option<String>,
    /// How often the board meets, as its plan says.
    pub meetings_per_year: Option<u32>,
    /// The caller's role here.
    pub role: AccessRoleOut,
    #[schema(format = Date)]
    pub as_at: String,
    /// The title of the plan as it stood then; null when there was none.
    pub plan: Option<String>,
    /// Meetings recorded by then.
    pub meetings: Vec<MeetingOut>,
    #[schema(format = Date)]
    pub last_board_meeting: Option<String>,
    #[schema(format = Date)]
    pub next_board_meeting: Option<String>,
    /// Lead roles: the values `?lead=` takes.
    pub roles: Vec<LeadOut>,
    /// Reviews: the values `?source=` takes.
    pub reviews: Vec<ReviewRef>,
    pub counts: Counts,
    pub actions_href: String,
    pub reviews_href: String,
}

/// One partnership: its board, its meetings and counts of its plan as at a date.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}",
    tag = TAG_PARTNERSHIPS,
    operation_id = "get_partnership",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("as_at" = Option<String>, Query, format = Date,
            description = "Count as of this day, as known now: each update by the day it speaks for (YYYY-MM-DD); a future day judges the plan as recorded now on that day (what will be overdue then); default today"),
        ("as_recorded" = Option<String>, Query, format = Date,
            description = "Instead of as_at: only what had been recorded by the end of this day (YYYY-MM-DD), with the plan version current then: what the board saw that day, the same however much is recorded later"),
    ),
    responses(
        (status = 200, description = "The partnership", body = PartnershipDetail),
        BadParameter, Unprocessable, Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn get(
    State(state): State<AppState>,
    access: ApiAccess,
    params: Params,
) -> Result<Json<PartnershipDetail>, ApiError> {
    let (as_at, historic) = params.moment()?;
    let l = access.view_at(&state, as_at, historic).await?;
    let p = &l.partnership;
    let n = |x: usize| x as u64;
    let mut counts = Counts {
        agencies: n(p.agencies.len()),
        subgroups: n(p.subgroups.len()),
        roles: n(p.roles.len()),
        reviews: n(p.reviews.len()),
        recommendations: n(p.reviews.iter().map(|r| r.recommendations.len()).sum()),
        gaps: n(p
            .reviews
            .iter()
            .flat_map(|r| &r.recommendations)
            .filter(|rec| rec.answered_by.is_empty())
            .count()),
        ..Counts::default()
    };
    if let Some(plan) = l.plan() {
        counts.objectives = n(plan.objectives.len());
        for (_, a) in plan.actions() {
            counts.actions += 1;
            let st = l.status(&a.id);
            let rag = &mut counts.rag;
            match st.and_then(|s| s.rag) {
                Some(Rag::Red) => rag.red += 1,
                Some(Rag::Amber) => rag.amber += 1,
                Some(Rag::Green) => rag.green += 1,
                Some(Rag::Blue) => rag.blue += 1,
                Some(Rag::Grey) => rag.grey += 1,
                None => rag.not_rated += 1,
            }
            if let Some(s) = st {
                counts.overdue += u64::from(s.overdue);
                counts.due_soon += u64::from(s.due_soon);
                counts.stale += u64::from(s.stale);
                counts.at_risk += u64::from(s.at_risk);
                match s.completion {
                    Completion::AwaitingSignOff => counts.awaiting_sign_off += 1,
                    Completion::SignedOff => counts.signed_off += 1,
                    Completion::NotComplete => {}
                }
            }
        }
    }
    let boards = || {
        p.meetings
            .iter()
            .filter(|m| m.kind == MeetingKind::Board)
            .map(|m| m.date)
    };
    let base = format!("/api/v1/partnerships/{}", segment(&l.slug));
    Ok(Json(PartnershipDetail {
        slug: l.slug.clone(),
        name: p.name.clone(),
        area: p.area.clone(),
        meetings_per_year: p.meetings_per_year,
        role: access.membership.role.into(),
        as_at: date(l.as_at),
        plan: l.plan().map(|pl| pl.title.clone()),
        meetings: p
            .meetings
            .iter()
            .map(|m| MeetingOut {
                date: date(m.date),
                kind: m.kind.into(),
                subgroup: m.subgroup.clone(),
            })
            .collect(),
        last_board_meeting: boards().filter(|d| *d <= l.as_at).max().map(date),
        next_board_meeting: boards().filter(|d| *d > l.as_at).min().map(date),
        roles: p.roles.iter().map(|r| LeadOut::of(p, &r.id)).collect(),
        reviews: p
            .reviews
            .iter()
            .map(|r| ReviewRef {
                code: r.code.clone(),
                title: r.title.clone(),
            })
            .collect(),
        counts,
        actions_href: format!("{base}/actions"),
        reviews_href: format!("{base}/reviews"),
    }))
}
