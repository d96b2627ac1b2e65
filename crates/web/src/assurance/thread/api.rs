//! The golden thread in the JSON API: `GET …/actions/{id}/thread`, for every member of the
//! partnership: the review recommendations, audits, indicators, risks and Section 11
//! standards linked to an action of the current plan (an agency's improvement action named
//! only to whoever may see its return). [`ThreadOut`] is also what `boardplan qa-audit
//! thread --json` prints.

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
use crate::assurance::section11::access::view_of;

/// The thread's route, with its documentation.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(action_thread))
}

/// One thing the thread reaches.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ThreadLinkOut {
    /// review_recommendation, audit, indicator, risk, section11_standard or action.
    pub kind: String,
    /// `C&D 2`, an audit's id, an indicator's code, a risk's id, a Section 11 standard as
    /// `2010/3` (cycle/number), an action's number.
    pub key: String,
    pub title: String,
    /// How it is linked, in words.
    pub via: String,
    /// The API address of an audit, a Section 11 cycle's heat map or an action's own thread;
    /// none for the other kinds.
    pub href: Option<String>,
}

/// Where a thread starts, and what it reaches.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ThreadOut {
    /// action, objective, risk or section11_standard.
    pub from: String,
    pub plan: String,
    /// The action's or objective's number, the risk's id, or the standard as `2010/3`.
    pub number: String,
    pub title: String,
    pub links: Vec<ThreadLinkOut>,
}

impl ThreadOut {
    pub fn new(slug: &str, t: &Thread) -> Self {
        let (from, plan, number, title) = match &t.start {
            ThreadStart::Action { plan, action, text } => ("action", plan, action.clone(), text),
            ThreadStart::Objective {
                plan,
                number,
                title,
            } => ("objective", plan, number.clone(), title),
            ThreadStart::Risk { plan, id, title } => ("risk", plan, id.to_string(), title),
            ThreadStart::Section11Standard {
                plan,
                year,
                number,
                title,
            } => (
                "section11_standard",
                plan,
                format!("{year}/{number}"),
                title,
            ),
        };
        let base = format!("/api/v1/partnerships/{}", segment(slug));
        Self {
            from: from.into(),
            plan: plan.clone(),
            number,
            title: title.clone(),
            links: t
                .links
                .iter()
                .map(|l| ThreadLinkOut {
                    kind: l.kind.as_str().into(),
                    key: l.key.clone(),
                    title: l.title.clone(),
                    via: l.via.clone(),
                    href: match l.kind {
                        LinkKind::Audit => Some(format!("{base}/audits/{}", l.key)),
                        LinkKind::Section11Standard => l
                            .key
                            .split_once('/')
                            .map(|(year, _)| format!("{base}/s11/{year}/heatmap")),
                        LinkKind::Action => {
                            Some(format!("{base}/actions/{}/thread", segment(&l.key)))
                        }
                        LinkKind::ReviewRecommendation | LinkKind::Indicator | LinkKind::Risk => {
                            None
                        }
                    },
                })
                .collect(),
        }
    }
}

/// The golden thread from an action of the current plan: the review recommendations it (or
/// its objective) answers, the audits that recommend it or were chosen for those
/// recommendations, the indicators those audits were chosen for, the risks linked to it (and
/// their indicators), and the Section 11 standards whose agencies' improvement actions it
/// carries (the agency named only to whoever may see its return).
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
    let l = access.view_at(&state, crate::view::today(), false).await?;
    let plan = l.plan().ok_or_else(ApiError::not_found)?.title.clone();
    let view = view_of(
        &state,
        &access.slug,
        &access.membership,
        access.caller.account.id,
    )
    .await?;
    let t = state
        .store
        .action_thread(&access.slug, &plan, access.path("id")?, &view)
        .await?;
    Ok(Json(ThreadOut::new(&access.slug, &t)))
}
