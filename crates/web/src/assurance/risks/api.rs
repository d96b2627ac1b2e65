//! The risk register in the JSON API: `GET …/risks` (the register as at a day) and
//! `GET …/risks/{id}` (one risk with its ratings' history). Every member reads them.
//! [`RiskRow`] is also what `boardplan risk list --json` prints, so the two never differ.

use axum::Json;
use axum::extract::State;
use domain::assurance::risks::Rating;
use serde::{Deserialize, Serialize};
use store::{DatedRating, RiskRecord};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::openapi::{BadParameter, NotFound, ServerError, TAG_ASSURANCE, Unauthenticated};
use crate::api::problem::ApiError;
use crate::api::query::Params;
use crate::api::wire::{date, segment};

/// The register's routes, with their documentation.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get))
}

/// A risk in the register's list: its current rating (the latest residual one, else the
/// inherent) as at the day asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct RiskRow {
    pub id: i64,
    pub title: String,
    pub likelihood: u8,
    pub impact: u8,
    /// Likelihood x impact, 1 to 25.
    pub score: u8,
    /// Whether the score is above the board's appetite for the risk.
    pub above_appetite: bool,
}

impl RiskRow {
    pub fn new(r: &RiskRecord) -> Self {
        let c = r.current();
        Self {
            id: r.id,
            title: r.title.clone(),
            likelihood: c.likelihood(),
            impact: c.impact(),
            score: c.score(),
            above_appetite: r.above_appetite(),
        }
    }
}

/// The register as at a day.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RiskList {
    #[schema(format = Date)]
    pub as_at: String,
    pub items: Vec<RiskRow>,
}

/// A rating: likelihood and impact (1 to 5) and their product.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RatingOut {
    pub likelihood: u8,
    pub impact: u8,
    pub score: u8,
}

impl From<Rating> for RatingOut {
    fn from(r: Rating) -> Self {
        Self {
            likelihood: r.likelihood(),
            impact: r.impact(),
            score: r.score(),
        }
    }
}

/// A rating as recorded: its kind (inherent or residual) and the day it speaks for.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DatedRatingOut {
    pub kind: String,
    #[schema(format = Date)]
    pub rated_on: String,
    pub likelihood: u8,
    pub impact: u8,
    pub score: u8,
}

impl From<&DatedRating> for DatedRatingOut {
    fn from(d: &DatedRating) -> Self {
        Self {
            kind: d.kind.as_str().into(),
            rated_on: date(d.rated_on),
            likelihood: d.rating.likelihood(),
            impact: d.rating.impact(),
            score: d.rating.score(),
        }
    }
}

/// One risk as at a day.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RiskOut {
    pub id: i64,
    pub title: String,
    pub cause: Option<String>,
    pub consequence: Option<String>,
    pub owner_role: String,
    pub controls: Option<String>,
    /// The highest score the board accepts.
    pub appetite: Option<u8>,
    #[schema(format = Date)]
    pub review_on: Option<String>,
    /// open, escalated or closed.
    pub status: String,
    pub inherent: RatingOut,
    pub residual: Option<RatingOut>,
    pub score: u8,
    pub above_appetite: bool,
    /// Plan actions as "plan title / number".
    pub actions: Vec<String>,
    pub indicators: Vec<String>,
    /// Every rating on or before the day, oldest first.
    pub history: Vec<DatedRatingOut>,
    pub href: String,
}

impl RiskOut {
    pub fn new(slug: &str, r: &RiskRecord) -> Self {
        Self {
            id: r.id,
            title: r.title.clone(),
            cause: r.cause.clone(),
            consequence: r.consequence.clone(),
            owner_role: r.owner_role.clone(),
            controls: r.controls.clone(),
            appetite: r.appetite,
            review_on: r.review_on.map(date),
            status: r.status.as_str().into(),
            inherent: r.inherent.into(),
            residual: r.residual.map(RatingOut::from),
            score: r.current().score(),
            above_appetite: r.above_appetite(),
            actions: r.actions.clone(),
            indicators: r.indicators.clone(),
            history: r.history.iter().map(DatedRatingOut::from).collect(),
            href: format!("/api/v1/partnerships/{}/risks/{}", segment(slug), r.id),
        }
    }
}

/// The risk register as at a day (today unless `as_at` is given).
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/risks",
    tag = TAG_ASSURANCE,
    operation_id = "list_risks",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("as_at" = Option<String>, Query, format = Date, description = "The day; today if left out"),
    ),
    responses(
        (status = 200, description = "The register, by id", body = RiskList),
        BadParameter, Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn list(
    State(state): State<AppState>,
    access: ApiAccess,
    params: Params,
) -> Result<Json<RiskList>, ApiError> {
    let (as_at, _) = params.as_at()?;
    let risks = state.store.risks(&access.slug, as_at).await?;
    Ok(Json(RiskList {
        as_at: date(as_at),
        items: risks.iter().map(RiskRow::new).collect(),
    }))
}

/// One risk as at a day, with its ratings until then.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/risks/{id}",
    tag = TAG_ASSURANCE,
    operation_id = "get_risk",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("id" = i64, Path, example = 1, description = "The risk's id"),
        ("as_at" = Option<String>, Query, format = Date, description = "The day; today if left out"),
    ),
    responses(
        (status = 200, description = "The risk", body = RiskOut),
        BadParameter, Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn get(
    State(state): State<AppState>,
    access: ApiAccess,
    params: Params,
) -> Result<Json<RiskOut>, ApiError> {
    let id: i64 = access
        .path("id")?
        .trim_start_matches(['R', 'r'])
        .parse()
        .map_err(|_| ApiError::not_found())?;
    let (as_at, _) = params.as_at()?;
    let r = state.store.risk(&access.slug, id, as_at).await?;
    Ok(Json(RiskOut::new(&access.slug, &r)))
}
