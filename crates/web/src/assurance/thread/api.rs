//! The golden thread in the JSON API: `GET …/actions/{id}/thread`, for every member of the
//! partnership: the review recommendations, audits and indicators linked to an action of the
//! current plan. [`ThreadOut`] is also what `boardplan qa-audit thread --json` prints.

use axum::Json;
use axum::extract::State;
use domain::assurance::thread::{LinkKind, Thread, ThreadStart};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::openapi::{NotFound, ServerError, TAG_ASSURANCE, Unauthenticated};
use crate::api::problem::ApiError;
use crate::api::wire::segment;
use crate::view::load_at;

/// The thread's route, with its documentation.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(action_thread))
}

/// One thing the thread reaches.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ThreadLinkOut {
    /// review_recommendation, audit or indicator (risks and Section 11 standards to come).
    pub kind: String,
    /// `C&D 2`, an audit's id, an indicator's code.
    pub key: String,
    pub title: String,
    /// How it is linked, in words.
    pub via: String,
    /// The API address of an audit; none for the other kinds.
    pub href: Option<String>,
}

/// Where a thread starts, and what it reaches.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ThreadOut {
    /// action or objective.
    pub from: String,
    pub plan: String,
    /// The action's or objective's number.
    pub number: String,
    pub title: String,
    pub links: Vec<ThreadLinkOut>,
}

impl ThreadOut {
    pub fn new(slug: &str, t: &Thread) -> Self {
        let (from, plan, number, title) = match &t.start {
            ThreadStart::Action { plan, action, text } => ("action", plan, action, text),
            ThreadStart::Objective {
                plan,
                number,
                title,
            } => ("objective", plan, number, title),
        };
        Self {
            from: from.into(),
            plan: plan.clone(),
            number: number.clone(),
            title: title.clone(),
            links: t
                .links
                .iter()
                .map(|l| ThreadLinkOut {
                    kind: match l.kind {
                        LinkKind::ReviewRecommendation => "review_recommendation",
                        LinkKind::Audit => "audit",
                        LinkKind::Indicator => "indicator",
                    }
                    .into(),
                    key: l.key.clone(),
                    title: l.title.clone(),
                    via: l.via.clone(),
                    href: (l.kind == LinkKind::Audit).then(|| {
                        format!("/api/v1/partnerships/{}/audits/{}", segment(slug), l.key)
                    }),
                })
                .collect(),
        }
    }
}

/// The golden thread from an action of the current plan: the review recommendations it (or
/// its objective) answers, the audits that recommend it or were chosen for those
/// recommendations, and the indicators those audits were chosen for.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/actions/{id}/thread",
    tag = TAG_ASSURANCE,
    operation_id = "get_action_thread",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("id" = String, Path, example = "1.1", description = "The action's id in its plan, e.g. 4.2 or 4.2#2 (encode # as %23)"),
    ),
    responses(
        (status = 200, description = "The thread", body = ThreadOut),
        Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn action_thread(
    State(state): State<AppState>,
    access: ApiAccess,
) -> Result<Json<ThreadOut>, ApiError> {
    let l = load_at(&state, &access.slug, crate::view::today(), false).await?;
    let plan = l.plan().ok_or_else(ApiError::not_found)?.title.clone();
    let t = state
        .store
        .action_thread(&access.slug, &plan, access.path("id")?)
        .await?;
    Ok(Json(ThreadOut::new(&access.slug, &t)))
}
