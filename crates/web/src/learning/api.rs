//! Learning in the JSON API: `GET …/training/impact` (every course's impact, or `?course=ID`'s),
//! `GET …/case-reviews` and `GET …/case-reviews/{id}` (each review with its clocks and
//! recommendations). Every member of the partnership reads them. The wire types are also what
//! `boardplan training impact --json` and `boardplan review list --json` print, so the two
//! never differ; they live in `wire`.

use axum::Json;
use axum::extract::State;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::openapi::{BadParameter, NotFound, ServerError, TAG_LEARNING, Unauthenticated};
use crate::api::problem::ApiError;
use crate::api::query::Params;

pub use super::wire::{
    CaseRecommendationOut, CaseReviewClockOut, CaseReviewList, CaseReviewOut, CourseImpactOut,
    TrainingChangeOut, TrainingImpactList, TrainingOutcomeOut, TrainingStageOut,
};

/// The routes, with their documentation.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(training_impact))
        .routes(routes!(list_case_reviews))
        .routes(routes!(get_case_review))
}

/// Training's impact by course: per stage the responses and mean score, and the change
/// before → after → follow-up.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/training/impact",
    tag = TAG_LEARNING,
    operation_id = "training_impact",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("course" = Option<i64>, Query, description = "Only this course"),
    ),
    responses(
        (status = 200, description = "Each course's impact, by title", body = TrainingImpactList),
        BadParameter, Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn training_impact(
    State(state): State<AppState>,
    access: ApiAccess,
    params: Params,
) -> Result<Json<TrainingImpactList>, ApiError> {
    let course = params
        .given("course")
        .map(|c| {
            c.parse::<i64>().map_err(|_| {
                ApiError::parameter(
                    "course",
                    format!("course must be a course's number, such as 3; \"{c}\" is not one."),
                )
            })
        })
        .transpose()?;
    let impact = state.store.training_impact(&access.slug, course).await?;
    Ok(Json(TrainingImpactList {
        items: impact.iter().map(CourseImpactOut::from).collect(),
    }))
}

/// The case reviews register, oldest notification first.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/case-reviews",
    tag = TAG_LEARNING,
    operation_id = "list_case_reviews",
    params(("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name")),
    responses(
        (status = 200, description = "The reviews", body = CaseReviewList),
        Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn list_case_reviews(
    State(state): State<AppState>,
    access: ApiAccess,
) -> Result<Json<CaseReviewList>, ApiError> {
    let reviews = state.store.case_reviews(&access.slug).await?;
    let today = crate::view::today();
    Ok(Json(CaseReviewList {
        items: reviews
            .iter()
            .map(|r| CaseReviewOut::new(&access.slug, r, today))
            .collect(),
    }))
}

/// One case review.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/case-reviews/{id}",
    tag = TAG_LEARNING,
    operation_id = "get_case_review",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("id" = i64, Path, example = 1, description = "The review's id"),
    ),
    responses(
        (status = 200, description = "The review", body = CaseReviewOut),
        Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn get_case_review(
    State(state): State<AppState>,
    access: ApiAccess,
) -> Result<Json<CaseReviewOut>, ApiError> {
    let id: i64 = access
        .path("id")?
        .parse()
        .map_err(|_| ApiError::not_found())?;
    let r = state.store.case_review(&access.slug, id).await?;
    Ok(Json(CaseReviewOut::new(
        &access.slug,
        &r,
        crate::view::today(),
    )))
}
