//! Section 11 in the JSON API: `GET …/s11/{year}/heatmap`, the cycle's heat map cut to what
//! the caller may see (the panel all agencies; a lead officer their own until the cycle
//! closes; everyone else no cells), with the counts per standard for all. [`HeatCellOut`] is
//! also what `boardplan s11 heatmap --json` prints.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use store::Section11Map;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::openapi::{NotFound, ServerError, TAG_ASSURANCE, Unauthenticated};
use crate::api::problem::ApiError;

use super::access::view_of;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(heatmap))
}

/// One agency's rating of one standard: the panel's agreed rating once moderated, else the
/// agency's own; null when not rated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct HeatCellOut {
    pub agency: String,
    pub standard: String,
    pub rating: Option<String>,
}

impl HeatCellOut {
    /// Every cell of `map`, agency by agency.
    pub fn all(map: &Section11Map) -> Vec<Self> {
        map.cells
            .iter()
            .map(|c| Self {
                agency: c.agency.clone(),
                standard: c.standard.clone(),
                rating: c.rating.clone(),
            })
            .collect()
    }
}

/// A standard of the cycle.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StandardOut {
    pub number: String,
    pub title: String,
}

/// How many agencies gave `rating` to a standard.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CountOut {
    pub rating: String,
    pub count: usize,
}

/// A standard's counts.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct StandardSummaryOut {
    pub standard: String,
    pub counts: Vec<CountOut>,
}

/// A cycle's heat map as the caller may see it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HeatmapOut {
    pub year: i32,
    /// returns, moderation or closed.
    pub stage: String,
    /// The rating words, best first.
    pub scale: Vec<String>,
    pub standards: Vec<StandardOut>,
    pub cells: Vec<HeatCellOut>,
    pub summary: Vec<StandardSummaryOut>,
}

/// A Section 11 cycle's heat map of agencies x standards.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/s11/{year}/heatmap",
    tag = TAG_ASSURANCE,
    operation_id = "get_s11_heatmap",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("year" = i32, Path, example = 2010, description = "The cycle's year"),
    ),
    responses(
        (status = 200, description = "The heat map, cut to what the caller may see", body = HeatmapOut),
        Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn heatmap(
    State(state): State<AppState>,
    access: ApiAccess,
) -> Result<Json<HeatmapOut>, ApiError> {
    let year: i32 = access
        .path("year")?
        .parse()
        .map_err(|_| ApiError::not_found())?;
    let map = state.store.s11_map(&access.slug, year).await?;
    let view = view_of(
        &state,
        &access.slug,
        &access.membership,
        access.caller.account.id,
    )
    .await?;
    let summary = map
        .summary()
        .into_iter()
        .map(|(s, counts)| StandardSummaryOut {
            standard: s.number,
            counts: counts
                .into_iter()
                .map(|(rating, count)| CountOut { rating, count })
                .collect(),
        })
        .collect();
    let seen = map.seen_by(&view);
    let c = &map.cycle;
    Ok(Json(HeatmapOut {
        year: c.year,
        stage: c.stage.as_str().into(),
        scale: c.scale.words().to_vec(),
        standards: c
            .standards
            .iter()
            .map(|s| StandardOut {
                number: s.number.clone(),
                title: s.title.clone(),
            })
            .collect(),
        cells: HeatCellOut::all(&seen),
        summary,
    }))
}
