//! The audit programme in the JSON API: `GET …/audits`, `GET …/audits/{id}` and
//! `GET …/audits/{id}/summary`, for every member of the partnership. Case references are in
//! none of them (the API gives summaries; case detail is on the audit's page for those who
//! may see it). [`AuditOut`] and [`SummaryOut`] are also what `boardplan qa-audit list
//! --json` and `qa-audit summary --json` print, so the two never differ.

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use store::{AuditRecord, AuditSummary};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::openapi::{NotFound, ServerError, TAG_ASSURANCE, Unauthenticated};
use crate::api::problem::ApiError;
use crate::api::wire::{date, segment};

/// The programme's routes, with their documentation.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get))
        .routes(routes!(summary))
}

/// A recommendation of an audit, and the plan action that answers it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AuditRecommendationOut {
    pub text: String,
    pub plan: Option<String>,
    pub action: Option<String>,
}

/// One audit of the programme.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AuditOut {
    pub id: i64,
    /// The year of the programme (the financial year starting then).
    pub year: i32,
    pub theme: String,
    /// multi_agency_case_file, single_agency, themed, practitioner_survey or dip_sample.
    pub kind: String,
    pub lead: Option<String>,
    #[schema(format = Date)]
    pub starts_on: Option<String>,
    #[schema(format = Date)]
    pub ends_on: Option<String>,
    /// planned, in_progress, complete or cancelled.
    pub status: String,
    /// Why it was chosen: `indicator:CODE`, `recommendation:REVIEW NUMBER` or `note:WORDS`.
    pub reasons: Vec<String>,
    /// The practice areas each case is graded on.
    pub areas: Vec<String>,
    /// The grades, best first.
    pub scale: Vec<String>,
    #[schema(format = Date)]
    pub reaudit_on: Option<String>,
    /// How many cases it sampled.
    pub cases: u32,
    pub recommendations: Vec<AuditRecommendationOut>,
    pub href: String,
}

impl AuditOut {
    pub fn new(slug: &str, r: &AuditRecord) -> Self {
        let a = &r.audit;
        Self {
            id: r.id,
            year: a.year,
            theme: a.theme.clone(),
            kind: a.kind.as_str().into(),
            lead: a.lead.clone(),
            starts_on: a.starts_on.map(date),
            ends_on: a.ends_on.map(date),
            status: a.status.as_str().into(),
            reasons: a.reasons.iter().map(|r| r.text()).collect(),
            areas: a.areas.clone(),
            scale: a.scale.clone(),
            reaudit_on: a.reaudit_on.map(date),
            cases: r.cases,
            recommendations: r
                .recommendations
                .iter()
                .map(|x| AuditRecommendationOut {
                    text: x.text.clone(),
                    plan: x.plan.clone(),
                    action: x.action.clone(),
                })
                .collect(),
            href: format!("/api/v1/partnerships/{}/audits/{}", segment(slug), r.id),
        }
    }
}

/// The audit programme, by year.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AuditList {
    pub items: Vec<AuditOut>,
}

/// Grades counted for one practice area or agency.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TallyOut {
    pub name: String,
    /// One count per grade of the scale, best first.
    pub counts: Vec<u32>,
    pub graded: u32,
    /// The share graded in the better half of the scale, in percent.
    pub good_or_better_percent: Option<f64>,
}

/// One practice area's share good or better in the last audit of the theme and in this one.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AreaChangeOut {
    pub area: String,
    pub before: Option<f64>,
    pub now: Option<f64>,
    /// In percentage points.
    pub points: Option<f64>,
}

/// An audit's grades by practice area and by agency, and the change since the last audit of
/// the same theme.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SummaryOut {
    pub audit: AuditOut,
    pub scale: Vec<String>,
    /// How many of the best grades count as good or better.
    pub good_grades: usize,
    pub cases: u32,
    pub by_area: Vec<TallyOut>,
    pub by_agency: Vec<TallyOut>,
    /// The id of the last earlier audit of the same theme, if any.
    pub previous_audit: Option<i64>,
    pub change: Vec<AreaChangeOut>,
}

impl SummaryOut {
    pub fn new(slug: &str, s: &AuditSummary) -> Self {
        let tally = |t: &domain::assurance::audits::Tally| TallyOut {
            name: t.name.clone(),
            counts: t.counts.clone(),
            graded: t.graded,
            good_or_better_percent: t.good_or_better_percent,
        };
        Self {
            audit: AuditOut::new(slug, &s.audit),
            scale: s.summary.scale.clone(),
            good_grades: s.summary.good_grades,
            cases: s.summary.cases,
            by_area: s.summary.by_area.iter().map(tally).collect(),
            by_agency: s.summary.by_agency.iter().map(tally).collect(),
            previous_audit: s.previous.map(|(id, _)| id),
            change: s
                .change
                .iter()
                .map(|c| AreaChangeOut {
                    area: c.area.clone(),
                    before: c.before,
                    now: c.now,
                    points: c.points,
                })
                .collect(),
        }
    }
}

fn audit_id(access: &ApiAccess) -> Result<i64, ApiError> {
    access
        .path("id")?
        .parse()
        .map_err(|_| ApiError::not_found())
}

/// The audit programme: every audit, by year, with why it was chosen and its recommendations.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/audits",
    tag = TAG_ASSURANCE,
    operation_id = "list_audits",
    params(("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name")),
    responses(
        (status = 200, description = "The programme, by year", body = AuditList),
        Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn list(
    State(state): State<AppState>,
    access: ApiAccess,
) -> Result<Json<AuditList>, ApiError> {
    let all = state.store.audits(&access.slug).await?;
    Ok(Json(AuditList {
        items: all.iter().map(|r| AuditOut::new(&access.slug, r)).collect(),
    }))
}

/// One audit.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/audits/{id}",
    tag = TAG_ASSURANCE,
    operation_id = "get_audit",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("id" = i64, Path, example = 1, description = "The audit's id"),
    ),
    responses(
        (status = 200, description = "The audit", body = AuditOut),
        Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn get(
    State(state): State<AppState>,
    access: ApiAccess,
) -> Result<Json<AuditOut>, ApiError> {
    let r = state.store.audit(&access.slug, audit_id(&access)?).await?;
    Ok(Json(AuditOut::new(&access.slug, &r)))
}

/// An audit's summary: grades by practice area and by agency, and the change since the last
/// audit of the same theme. No case references.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/audits/{id}/summary",
    tag = TAG_ASSURANCE,
    operation_id = "get_audit_summary",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("id" = i64, Path, example = 1, description = "The audit's id"),
    ),
    responses(
        (status = 200, description = "The summary", body = SummaryOut),
        Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn summary(
    State(state): State<AppState>,
    access: ApiAccess,
) -> Result<Json<SummaryOut>, ApiError> {
    let s = state
        .store
        .audit_summary(&access.slug, audit_id(&access)?)
        .await?;
    Ok(Json(SummaryOut::new(&access.slug, &s)))
}
