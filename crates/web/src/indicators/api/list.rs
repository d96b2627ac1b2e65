//! The partnership's performance indicators for one area, a page at a time: each with its
//! latest value, target, RAG, both directions of travel, the trend behind the sparkline and
//! how many periods are gaps, as the indicator list page shows them.

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use indicators::Summary;
use serde::Serialize;
use store::IndicatorOverview;
use utoipa::ToSchema;

use super::wire::{AreaOut, DirectionOut, LatestOut, PeriodOut, PolarityOut, TargetOut, UnitOut};
use super::{area_of, as_at_day, count, indicator_href};
use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::openapi::{BadParameter, NotFound, ServerError, TAG_INDICATORS, Unauthenticated};
use crate::api::problem::ApiError;
use crate::api::query::Params;
use crate::api::wire::{Rating, date, segment};
use crate::indicators::overview;

/// A period and the area's number for it, null when it has none.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TrendPoint {
    pub period: PeriodOut,
    pub value: Option<f64>,
}

/// An indicator as listed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorSummary {
    /// The catalogue's code, e.g. `cpp-subsequent-pct`.
    pub code: String,
    pub title: String,
    pub unit: UnitOut,
    /// Decimal places it is published to, and shown with.
    #[schema(minimum = 0)]
    pub decimals: u8,
    pub polarity: PolarityOut,
    /// The code the figures are for: the area's own, or the joint unit it is reported in.
    pub shown_for: String,
    /// Set when the area has no figures of its own and these are the joint unit's.
    pub reported_jointly_as: Option<String>,
    /// The latest period with a number; null when there is none.
    pub latest: Option<LatestOut>,
    /// The target for the latest period; null when none is set.
    pub target: Option<TargetOut>,
    /// Against the target at the latest period: null with no number, no target, or for a
    /// context measure. Blue beats the target by more than the tolerance, where the
    /// partnership's scheme uses blue.
    pub rag: Option<Rating>,
    /// Against the period before; null with no latest value.
    pub direction_vs_previous: Option<DirectionOut>,
    /// Against the same period a year earlier; null with no latest value.
    pub direction_vs_year_ago: Option<DirectionOut>,
    /// Every period of the indicator, oldest first, with the area's number (the sparkline).
    pub trend: Vec<TrendPoint>,
    /// Periods with no number although the authority existed: withheld, not available, or
    /// nothing published (years before an authority was created are not counted).
    pub gap_count: u32,
    /// Where the indicator is in full.
    pub href: String,
}

impl IndicatorSummary {
    fn new(s: &Summary, href: String) -> Self {
        IndicatorSummary {
            code: s.indicator.to_string(),
            title: s.title.clone(),
            unit: s.unit.into(),
            decimals: s.decimals,
            polarity: s.polarity.into(),
            shown_for: s.shown_for.to_string(),
            reported_jointly_as: s.reported_jointly_as.as_ref().map(ToString::to_string),
            latest: s.latest.map(|l| LatestOut {
                period: l.period.into(),
                value: l.number,
            }),
            target: s.target.as_ref().map(TargetOut::from),
            rag: s.judgement.and_then(|j| j.rag).map(Rating::from),
            direction_vs_previous: s.judgement.map(|j| j.direction_vs_previous.into()),
            direction_vs_year_ago: s.judgement.map(|j| j.direction_vs_year_ago.into()),
            trend: s
                .periods
                .iter()
                .zip(&s.numbers)
                .map(|(&p, &n)| TrendPoint {
                    period: p.into(),
                    value: n,
                })
                .collect(),
            gap_count: count(
                s.periods
                    .iter()
                    .zip(&s.numbers)
                    .filter(|(p, n)| n.is_none() && indicators::existed(s.shown_for.as_str(), **p))
                    .count(),
            ),
            href,
        }
    }
}

/// One page of the partnership's indicators for one area.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct IndicatorList {
    pub items: Vec<IndicatorSummary>,
    #[schema(minimum = 1)]
    pub page: u32,
    #[schema(minimum = 1, maximum = 200)]
    pub per_page: u32,
    /// How many indicators there are, on all pages.
    pub total: u64,
    /// The next page, with the same area and date; null on the last page.
    pub next: Option<String>,
    /// The date the figures are as at.
    #[schema(format = Date)]
    pub as_at: String,
    /// The area shown; null when there is none to show (`notice` says why).
    pub area: Option<AreaOut>,
    /// Why the list is empty, in words; null when there is an area to show.
    pub notice: Option<String>,
}

impl IndicatorList {
    /// One page of the overview for its area: the body `GET …/indicators` serves, and
    /// (everything on page 1) what `boardplan pi list --json` prints. `given` is the area as
    /// the caller named it, carried into the links; `day` the date the figures are as at
    /// (today when `as_at` is `None`).
    pub fn page_of(
        o: &IndicatorOverview,
        slug: &str,
        given: Option<&str>,
        day: domain::Date,
        as_at: Option<jiff::civil::Date>,
        page: u32,
        per_page: u32,
    ) -> Self {
        let total = o.rows.len() as u64;
        let skip = u64::from(page - 1) * u64::from(per_page);
        let items = o
            .rows
            .iter()
            .skip(usize::try_from(skip).unwrap_or(usize::MAX))
            .take(per_page as usize)
            .map(|s| IndicatorSummary::new(s, indicator_href(slug, s.indicator.as_str(), given)))
            .collect();
        let next = (skip + u64::from(per_page) < total).then(|| {
            let mut q = vec![];
            if as_at.is_some() {
                q.push(format!("as_at={day}"));
            }
            if let Some(a) = given {
                q.push(format!("area={}", crate::error::urlencode(a)));
            }
            q.push(format!("page={}", page + 1));
            q.push(format!("per_page={per_page}"));
            format!(
                "/api/v1/partnerships/{}/indicators?{}",
                segment(slug),
                q.join("&")
            )
        });
        IndicatorList {
            items,
            page,
            per_page,
            total,
            next,
            as_at: date(day),
            area: Some(AreaOut::new(&o.area_code, &o.area_name)),
            notice: None,
        }
    }
}

/// List the partnership's indicators for its area, a page at a time.
///
/// Indicators come in the order the partnership chose them (else the catalogue's), each
/// with its latest value, target, RAG and both directions of travel.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/indicators",
    tag = TAG_INDICATORS,
    operation_id = "list_indicators",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("as_at" = Option<String>, Query, format = Date,
            description = "Figures published, and targets set, by the end of this day (YYYY-MM-DD; a future day shows everything recorded so far); default today"),
        ("area" = Option<String>, Query, example = "E09000021",
            description = "The area: a code or name some imported file names (one none names has no figures: the notice says so); default the partnership's own"),
        ("page" = Option<u32>, Query, minimum = 1, maximum = 1000000, description = "Page number, from 1"),
        ("per_page" = Option<u32>, Query, minimum = 1, maximum = 200, description = "Indicators per page, 1 to 200; default 50"),
    ),
    responses(
        (status = 200, description = "One page of indicators", body = IndicatorList,
            headers(("Link" = String, description = "`<…>; rel=\"next\"` when there is a next page")),
            links(("GetFirstIndicator" = (
                operation_id = "get_indicator",
                description = "The first indicator of this page",
                parameters(
                    ("path.slug" = "$request.path.slug"),
                    ("path.code" = "$response.body#/items/0/code"),
                ),
            )))),
        BadParameter, Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn list(
    State(state): State<AppState>,
    access: ApiAccess,
    params: Params,
) -> Result<Response, ApiError> {
    let (day, as_at) = as_at_day(&params)?;
    let page = params.page()?;
    let per_page = params.per_page()?;
    let given = params.get("area");
    let area = match area_of(&state, &access.slug, &params).await? {
        Ok(area) => area,
        Err(notice) => {
            let empty = IndicatorList {
                items: Vec::new(),
                page,
                per_page,
                total: 0,
                next: None,
                as_at: date(day),
                area: None,
                notice: Some(notice),
            };
            return Ok(axum::Json(empty).into_response());
        }
    };
    let o = overview(&state, &access.slug, Some(area.as_str()), as_at).await?;
    let body = IndicatorList::page_of(&o, &access.slug, given, day, as_at, page, per_page);
    let link = body.next.clone();
    let mut res = axum::Json(body).into_response();
    if let Some(n) = link
        && let Ok(v) = HeaderValue::from_str(&format!("<{n}>; rel=\"next\""))
    {
        res.headers_mut().insert(header::LINK, v);
    }
    Ok(res)
}
