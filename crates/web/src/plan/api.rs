//! The reviews the plan answers and the traceability matrix: each recommendation with the
//! objectives and actions that answer it, and the gaps (recommendations nothing answers),
//! which a board must see.

use axum::Json;
use axum::extract::State;
use domain::{Plan, ReviewKind};
use serde::Serialize;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::openapi::{
    BadParameter, NotFound, ServerError, TAG_PLAN, Unauthenticated, Unprocessable,
};
use crate::api::problem::ApiError;
use crate::api::query::Params;
use crate::api::wire::{action_href, date};

/// The reviews' route, with its documentation.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKindOut {
    ChallengeAndDevelopment,
    PeerReview,
    NationalReview,
    SeriousCaseReview,
    Inspection,
    Audit,
    Other,
}

impl From<ReviewKind> for ReviewKindOut {
    fn from(k: ReviewKind) -> Self {
        match k {
            ReviewKind::ChallengeAndDevelopment => ReviewKindOut::ChallengeAndDevelopment,
            ReviewKind::PeerReview => ReviewKindOut::PeerReview,
            ReviewKind::NationalReview => ReviewKindOut::NationalReview,
            ReviewKind::SeriousCaseReview => ReviewKindOut::SeriousCaseReview,
            ReviewKind::Inspection => ReviewKindOut::Inspection,
            ReviewKind::Audit => ReviewKindOut::Audit,
            ReviewKind::Other => ReviewKindOut::Other,
        }
    }
}

/// What answers a recommendation: an objective, an action, or a number the plan no longer has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TargetKind {
    Objective,
    Action,
    Missing,
}

/// An objective or action that answers a recommendation.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Answer {
    pub kind: TargetKind,
    /// The objective's number or the action's id.
    pub id: String,
    /// Its title or text; empty when missing.
    pub text: String,
    /// The action's API path; null for an objective or a missing target.
    pub href: Option<String>,
}

/// One recommendation of a review.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RecommendationOut {
    /// Its place in the review's list, from 1.
    pub number: u32,
    pub text: String,
    pub answered_by: Vec<Answer>,
    /// True when nothing in the plan answers it.
    pub gap: bool,
}

/// A review and its recommendations.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewOut {
    /// Its code in the plan's source key, e.g. `C&D`.
    pub code: String,
    pub title: String,
    pub kind: ReviewKindOut,
    #[schema(format = Date)]
    pub date: Option<String>,
    /// The date as the document gives it ("March 2009").
    pub date_label: Option<String>,
    pub recommendations: Vec<RecommendationOut>,
}

/// A recommendation nothing answers.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Gap {
    pub review: String,
    pub number: u32,
    pub text: String,
}

/// The reviews and their traceability to the plan.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReviewList {
    pub items: Vec<ReviewOut>,
    pub gaps: Vec<Gap>,
    #[schema(format = Date)]
    pub as_at: String,
}

/// The reviews the plan answers, each recommendation with what answers it, and the gaps.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/reviews",
    tag = TAG_PLAN,
    operation_id = "list_reviews",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("as_at" = Option<String>, Query, format = Date,
            description = "Trace against the plan as of this day, as known now (YYYY-MM-DD; a future day uses the plan as recorded now); default today"),
        ("as_recorded" = Option<String>, Query, format = Date,
            description = "Instead of as_at: only what had been recorded by the end of this day (YYYY-MM-DD), with the plan version current then: what the board saw that day, the same however much is recorded later"),
    ),
    responses(
        (status = 200, description = "The reviews and their gaps", body = ReviewList),
        BadParameter, Unprocessable, Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn list(
    State(state): State<AppState>,
    access: ApiAccess,
    params: Params,
) -> Result<Json<ReviewList>, ApiError> {
    let (as_at, historic) = params.moment()?;
    let l = access.view_at(&state, as_at, historic).await?;
    let plan = l.plan();
    let answer = |t: &str| target(plan, &l.slug, t);
    let items: Vec<ReviewOut> = l
        .partnership
        .reviews
        .iter()
        .map(|r| ReviewOut {
            code: r.code.clone(),
            title: r.title.clone(),
            kind: r.kind.into(),
            date: r.date.map(date),
            date_label: r.date_label.clone(),
            recommendations: r
                .recommendations
                .iter()
                .map(|rec| RecommendationOut {
                    number: rec.number,
                    text: rec.text.clone(),
                    answered_by: rec.answered_by.iter().map(|t| answer(t)).collect(),
                    gap: rec.answered_by.is_empty(),
                })
                .collect(),
        })
        .collect();
    let gaps = items
        .iter()
        .flat_map(|r| {
            r.recommendations.iter().filter(|x| x.gap).map(|x| Gap {
                review: r.code.clone(),
                number: x.number,
                text: x.text.clone(),
            })
        })
        .collect();
    Ok(Json(ReviewList {
        items,
        gaps,
        as_at: date(l.as_at),
    }))
}

/// An objective number or action id, as the plan has it.
fn target(plan: Option<&Plan>, slug: &str, t: &str) -> Answer {
    let objective = plan.and_then(|p| p.objectives.iter().find(|o| o.number == t));
    match (objective, plan.and_then(|p| p.action(t))) {
        (Some(o), _) => Answer {
            kind: TargetKind::Objective,
            id: o.number.clone(),
            text: o.title.clone(),
            href: None,
        },
        (None, Some((_, a))) => Answer {
            kind: TargetKind::Action,
            id: a.id.clone(),
            text: a.text.clone(),
            href: Some(action_href(slug, &a.id)),
        },
        (None, None) => Answer {
            kind: TargetKind::Missing,
            id: t.to_string(),
            text: String::new(),
            href: None,
        },
    }
}
