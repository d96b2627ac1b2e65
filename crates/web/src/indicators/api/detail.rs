//! One indicator in full, for an area and as at a date: every period with its value or the
//! reason it has none, targets, comparators with statistical neighbours and England,
//! commentary, revisions. It reads the same view as the indicator page
//! ([`crate::indicators::indicator`]), so the API and the HTML never disagree.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use indicators::{AreaCode, Indicator, Period};
use serde::Serialize;
use store::{IndicatorPage, Store, StoreError};
use utoipa::ToSchema;

use super::parts::{Parts, parts};
use super::wire::{
    AreaOut, CoverageOut, DirectionOut, InputOut, NeighbourOut, PeriodOut, PolarityOut, TargetOut,
    UnitOut, ValueStatusOut, coverage_parts, gap_words, inputs,
};
use super::{area_of, as_at_day, count, indicator_href};
use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::conditional::{conditional_json, etag_of};
use crate::api::openapi::{
    BadParameter, NotFound, NotModified, ServerError, TAG_INDICATORS, Unauthenticated,
};
use crate::api::problem::{ApiError, Kind};
use crate::api::query::Params;
use crate::api::wire::{Rating, date};
use crate::indicators::{catalogue, indicator};

/// One period of an indicator for the area.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PointOut {
    pub period: PeriodOut,
    /// The number, as published (or as Boardplan calculated it); null for a gap.
    pub value: Option<f64>,
    /// How it was published; null when nothing was published for the period.
    pub status: Option<ValueStatusOut>,
    /// DfE's own symbol (`c`, `x`, `u`, `z`, `low`, `k`), or empty.
    pub token: String,
    pub coverage: CoverageOut,
    /// Why a gap has no number, in words; null unless a gap.
    pub gap_reason: Option<String>,
    /// The partnership's target for the period; null when none is set.
    pub target: Option<f64>,
    /// For a calculated measure, the stored figure it is calculated from above the line: the
    /// numerator of a percentage or ratio, the count of a rate per 10,000. Null when that is
    /// not stored for the period, or the measure is not calculated.
    pub numerator: Option<f64>,
    /// Below the line: the denominator, or for a rate per 10,000 the population of the
    /// latest mid-year on or before the period's end.
    pub denominator: Option<f64>,
}

/// The judgement at the latest period with a number.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct JudgementOut {
    pub period: PeriodOut,
    pub value: f64,
    pub target: Option<TargetOut>,
    /// Null with no target, or for a context measure.
    pub rag: Option<Rating>,
    pub direction_vs_previous: DirectionOut,
    pub direction_vs_year_ago: DirectionOut,
}

/// How the area compares at the latest period with a number.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ComparatorsOut {
    pub period: PeriodOut,
    pub area_value: Option<f64>,
    /// The mean of the neighbours with a number for the period.
    pub neighbours_mean: Option<f64>,
    pub neighbours_with_values: u32,
    /// How many neighbours DfE's model gives the area (10, unless it is not in the model).
    pub neighbours_total: u32,
    pub england: Option<f64>,
    /// 1 is the best (the highest, for a context measure) among the area and its neighbours
    /// with a value; null when the area has no value.
    #[schema(minimum = 1)]
    pub rank: Option<u32>,
    pub rank_out_of: Option<u32>,
    /// Closest first.
    pub neighbours: Vec<NeighbourOut>,
}

/// A period with no number although the authority existed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GapOut {
    pub period: PeriodOut,
    /// Why, in words: "not available", "withheld to protect confidentiality"…
    pub reason: String,
}

/// Commentary on the indicator in a period. Never edited.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CommentaryOut {
    pub period: PeriodOut,
    /// The area it is about; null for the partnership as a whole.
    pub area_code: Option<String>,
    /// Who wrote it, as they are named in Boardplan.
    pub author: String,
    #[schema(format = Date)]
    pub written_on: String,
    pub text: String,
}

/// A published value a later file changed: both values and both files.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct RevisionOut {
    pub period: PeriodOut,
    pub area_code: String,
    pub old_value: Option<f64>,
    pub old_status: ValueStatusOut,
    pub old_file: String,
    #[schema(format = Date)]
    pub old_published_on: String,
    pub new_value: Option<f64>,
    pub new_status: ValueStatusOut,
    pub new_file: String,
    #[schema(format = Date)]
    pub new_published_on: String,
}

/// One indicator in full, for one area.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorDetail {
    pub code: String,
    pub title: String,
    /// What it measures and how to read it.
    pub definition: String,
    /// The publication or owner it comes from.
    pub source: String,
    pub unit: UnitOut,
    #[schema(minimum = 0)]
    pub decimals: u8,
    pub polarity: PolarityOut,
    /// Objective and action numbers of the plan it evidences.
    pub evidences: Vec<String>,
    /// The measure that took its place, where one did.
    pub superseded_by: Option<String>,
    /// For a calculated measure, what it is calculated from (each readable here too).
    pub calculated_from: Vec<InputOut>,
    pub area: AreaOut,
    /// The code the figures are for: the area's own, or the joint unit it is reported in.
    pub shown_for: String,
    pub reported_jointly_as: Option<String>,
    #[schema(format = Date)]
    pub as_at: String,
    /// Every period any compared area has, oldest first.
    pub values: Vec<PointOut>,
    /// Null when no period has a number.
    pub judgement: Option<JudgementOut>,
    /// Null when no period has a number, or no neighbours model was imported.
    pub comparators: Option<ComparatorsOut>,
    pub gaps: Vec<GapOut>,
    /// Periods before the authority was created or after it was abolished.
    pub did_not_exist: Vec<PeriodOut>,
    /// Newest period first.
    pub commentary: Vec<CommentaryOut>,
    /// Oldest first.
    pub revisions: Vec<RevisionOut>,
}

impl IndicatorDetail {
    fn new(
        page: &IndicatorPage,
        i: &Indicator,
        parts: &HashMap<Period, Parts>,
        day: domain::Date,
        slug: &str,
    ) -> Self {
        let d = &page.detail;
        let s = &d.summary;
        let target = s.target.as_ref().map(TargetOut::from);
        IndicatorDetail {
            code: s.indicator.to_string(),
            title: s.title.clone(),
            definition: d.definition.clone(),
            source: d.source.clone(),
            unit: s.unit.into(),
            decimals: s.decimals,
            polarity: s.polarity.into(),
            evidences: i.evidences.clone(),
            superseded_by: i.superseded_by.as_ref().map(ToString::to_string),
            calculated_from: inputs(i, |c| indicator_href(slug, c, None)),
            area: AreaOut::new(&s.area_code, &s.area_name),
            shown_for: s.shown_for.to_string(),
            reported_jointly_as: s.reported_jointly_as.as_ref().map(ToString::to_string),
            as_at: date(day),
            values: d
                .points
                .iter()
                .map(|p| {
                    let (value, coverage, gap_reason) = coverage_parts(p.coverage);
                    let (numerator, denominator) =
                        parts.get(&p.period).copied().unwrap_or((None, None));
                    PointOut {
                        numerator,
                        denominator,
                        period: p.period.into(),
                        value,
                        status: p.status.map(ValueStatusOut::from),
                        token: p.status.map_or("", |st| st.token()).to_owned(),
                        coverage,
                        gap_reason,
                        target: p.target,
                    }
                })
                .collect(),
            judgement: s.latest.zip(s.judgement).map(|(l, j)| JudgementOut {
                period: l.period.into(),
                value: l.number,
                target,
                rag: j.rag.map(Rating::from),
                direction_vs_previous: j.direction_vs_previous.into(),
                direction_vs_year_ago: j.direction_vs_year_ago.into(),
            }),
            comparators: s
                .latest
                .zip(d.comparators.as_ref())
                .map(|(l, c)| ComparatorsOut {
                    period: l.period.into(),
                    area_value: c.area_value,
                    neighbours_mean: c.neighbours_mean,
                    neighbours_with_values: count(c.neighbours_with_values),
                    neighbours_total: count(c.neighbours_total),
                    england: c.england,
                    rank: c.rank.map(|r| count(r.position)),
                    rank_out_of: c.rank.map(|r| count(r.out_of)),
                    neighbours: c.neighbours.iter().map(NeighbourOut::from).collect(),
                }),
            gaps: d
                .gaps
                .iter()
                .map(|g| GapOut {
                    period: g.period.into(),
                    reason: gap_words(g.reason),
                })
                .collect(),
            did_not_exist: d.did_not_exist.iter().map(|&p| p.into()).collect(),
            commentary: page
                .commentary
                .iter()
                .map(|c| CommentaryOut {
                    period: c.period.into(),
                    area_code: c.area_code.as_ref().map(ToString::to_string),
                    author: c.author.clone(),
                    written_on: date(c.written_on),
                    text: c.text.clone(),
                })
                .collect(),
            revisions: page
                .revisions
                .iter()
                .map(|r| RevisionOut {
                    period: r.period.into(),
                    area_code: r.area_code.to_string(),
                    old_value: r.old.number,
                    old_status: r.old.status.into(),
                    old_file: r.old_file.clone(),
                    old_published_on: date(r.old_published_on),
                    new_value: r.new.number,
                    new_status: r.new.status.into(),
                    new_file: r.new_file.clone(),
                    new_published_on: date(r.new_published_on),
                })
                .collect(),
        }
    }
}

impl IndicatorDetail {
    /// The indicator in full from its page as the store reads it, with the numerators and
    /// denominators of a calculated measure: the body `GET …/indicators/{code}` serves and
    /// `boardplan pi show --json` prints. `day` is the date the figures are as at (today
    /// when `as_at` is `None`).
    pub async fn build(
        store: &Store,
        slug: &str,
        i: &Indicator,
        page: &IndicatorPage,
        day: domain::Date,
        as_at: Option<jiff::civil::Date>,
    ) -> Result<Self, StoreError> {
        let s = &page.detail.summary;
        let parts = parts(store, slug, i, &s.shown_for, &s.periods, as_at).await?;
        Ok(IndicatorDetail::new(page, i, &parts, day, slug))
    }
}

/// Build the representation of the indicator in the path as at the query's date, its strong
/// `ETag`, and the area it is for.
pub async fn represent(
    state: &AppState,
    access: &ApiAccess,
    params: &Params,
) -> Result<(Vec<u8>, String, AreaCode), ApiError> {
    let (day, as_at) = as_at_day(params)?;
    let code = access.path("code")?;
    // Exact codes only: one address per indicator.
    let i = catalogue().get(code).ok_or_else(ApiError::not_found)?;
    let area = area_of(state, &access.slug, params)
        .await?
        .map_err(|notice| ApiError::new(Kind::NotFound, notice))?;
    let page = indicator(
        state,
        &access.slug,
        i.code.as_str(),
        Some(area.as_str()),
        as_at,
    )
    .await?;
    let detail = IndicatorDetail::build(&state.store, &access.slug, i, &page, day, as_at).await?;
    let body = serde_json::to_vec(&detail)
        .map_err(|e| ApiError::from(crate::error::AppError::Internal(format!("json: {e}"))))?;
    let etag = etag_of(&body);
    Ok((body, etag, area))
}

/// One indicator in full for the area: every period, its targets, the judgement, the
/// comparators, gaps, commentary and revisions.
///
/// The `ETag` is strong and changes whenever the representation does (a new file, target or
/// commentary).
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/indicators/{code}",
    tag = TAG_INDICATORS,
    operation_id = "get_indicator",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("code" = String, Path, example = "cpp-subsequent-pct", description = "The indicator's code, exactly as listed"),
        ("as_at" = Option<String>, Query, format = Date,
            description = "Figures published, and targets and commentary recorded, by the end of this day (YYYY-MM-DD; a future day shows everything recorded so far); default today"),
        ("area" = Option<String>, Query, example = "E09000021",
            description = "The area: a code or name some imported file names (one none names is a 404 saying so); default the partnership's own"),
        ("If-None-Match" = Option<String>, Header, description = "An ETag from an earlier response: 304 if it still holds"),
    ),
    responses(
        (status = 200, description = "The indicator", body = IndicatorDetail,
            headers(("ETag" = String, description = "Strong entity tag of this representation")),
            links(("AddCommentary" = (
                operation_id = "create_indicator_commentary",
                description = "Add commentary on this indicator, sending its ETag as If-Match",
                parameters(
                    ("path.slug" = "$request.path.slug"),
                    ("path.code" = "$request.path.code"),
                    ("header.If-Match" = "$response.header.ETag"),
                ),
            )))),
        NotModified, BadParameter, Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn get(
    State(state): State<AppState>,
    access: ApiAccess,
    params: Params,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let (body, etag, _) = represent(&state, &access, &params).await?;
    conditional_json(&headers, body, &etag)
}
