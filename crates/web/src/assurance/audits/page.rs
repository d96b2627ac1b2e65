//! `GET /p/{slug}/audits/{id}`: one audit — its facts, why it was chosen, its
//! recommendations (each linked to the action that answers it and that action's golden
//! thread), its summary by practice area and by agency with charts, the change since the last
//! audit of the same theme, and, for members other than readers, its cases; for the board's
//! officers, the form that adds a case.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::assurance::audits::{Reason, Tally};
use serde::Deserialize;
use store::{AuditSummary, StoreError};

use super::cases::CaseForm;
use super::chart::grades_chart;
use super::programme::dates;
use super::sees_cases;
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::{AppError, urlencode};
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::AsAtQuery;

/// A row of a summary table.
pub struct TallyRow {
    pub name: String,
    pub counts: Vec<u32>,
    pub graded: u32,
    pub good: String,
}

/// A recommendation and, when an action answers it, (action, its page, its thread).
pub struct RecView {
    pub text: String,
    pub action: Option<(String, String, String)>,
}

/// A case as its row shows it: grades in the order of the audit's areas.
pub struct CaseRow {
    pub reference: String,
    pub agencies: String,
    pub grades: Vec<String>,
    pub strengths: String,
    pub findings: String,
}

#[derive(Template)]
#[template(path = "audit.html")]
pub struct AuditPage {
    pub nav: Nav,
    pub heading: String,
    pub facts: Vec<(&'static str, String)>,
    pub reasons: Vec<(String, Option<String>)>,
    pub recommendations: Vec<RecView>,
    pub scale: Vec<String>,
    pub good_label: String,
    pub cases_count: u32,
    pub by_area: Vec<TallyRow>,
    pub by_agency: Vec<TallyRow>,
    pub area_chart: String,
    pub agency_chart: String,
    pub previous: Option<(String, String)>,
    pub change: Vec<(String, String, String, String)>,
    pub areas: Vec<String>,
    /// None for readers, who see the summary only.
    pub cases: Option<Vec<CaseRow>>,
    pub form: Option<CaseForm>,
    pub errors: Vec<(&'static str, String)>,
    pub success: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    done: Option<String>,
}

fn percent(p: Option<f64>) -> String {
    p.map(|p| format!("{p:.1}%")).unwrap_or_else(|| "–".into())
}

fn rows(tallies: &[Tally]) -> Vec<TallyRow> {
    tallies
        .iter()
        .map(|t| TallyRow {
            name: t.name.clone(),
            counts: t.counts.clone(),
            graded: t.graded,
            good: percent(t.good_or_better_percent),
        })
        .collect()
}

pub async fn show(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
    Query(q): Query<PageQuery>,
) -> Result<Response, AppError> {
    page(
        &state,
        &access,
        id,
        None,
        Vec::new(),
        q.done.as_deref() == Some("case"),
    )
    .await
}

fn not_found(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound { .. } => AppError::NotFound,
        e => e.into(),
    }
}

/// The audit page; `form` when re-showing a refused case with its `errors` (then 400).
pub async fn page(
    state: &AppState,
    access: &PartnershipAccess,
    id: i64,
    form: Option<CaseForm>,
    errors: Vec<(&'static str, String)>,
    success: bool,
) -> Result<Response, AppError> {
    let l = access.view(state, &AsAtQuery::default()).await?;
    let s: AuditSummary = state
        .store
        .audit_summary(&access.slug, id)
        .await
        .map_err(not_found)?;
    let a = &s.audit.audit;
    let slug = &access.slug;
    let cases = if sees_cases(&access.membership) {
        let all = state.store.audit_cases(slug, id).await?;
        Some(
            all.into_iter()
                .map(|c| CaseRow {
                    reference: c.case.reference,
                    agencies: c.case.agencies.join(", "),
                    grades: a
                        .areas
                        .iter()
                        .map(|area| {
                            c.case
                                .grades
                                .iter()
                                .find(|(x, _)| x == area)
                                .map(|(_, g)| g.clone())
                                .unwrap_or_default()
                        })
                        .collect(),
                    strengths: c.case.strengths.unwrap_or_default(),
                    findings: c.case.findings.unwrap_or_default(),
                })
                .collect(),
        )
    } else {
        None
    };
    let form = if access.membership.may_manage_governance() && a.kind.has_cases() {
        let agencies = state.store.agencies(slug).await?;
        Some(form.unwrap_or_default().for_audit(
            slug,
            id,
            &access.user.csrf,
            a,
            agencies.into_iter().map(|x| x.name).collect(),
        ))
    } else {
        None
    };
    let reasons = a
        .reasons
        .iter()
        .map(|r| match r {
            Reason::Indicator { code } => (
                format!("Indicator {code}"),
                Some(format!("/p/{slug}/indicators/{}", urlencode(code))),
            ),
            Reason::Recommendation { review, number } => (
                format!("{review} recommendation {number}"),
                Some(format!("/p/{slug}/reviews")),
            ),
            Reason::Note { text } => (text.clone(), None),
        })
        .collect();
    let recommendations = s
        .audit
        .recommendations
        .iter()
        .map(|r| RecView {
            text: r.text.clone(),
            action: r.action.as_ref().map(|x| {
                (
                    x.clone(),
                    format!("/p/{slug}/actions/{}", urlencode(x)),
                    format!("/p/{slug}/thread/actions/{}", urlencode(x)),
                )
            }),
        })
        .collect();
    let good_label = s.summary.scale[..s.summary.good_grades].join(" or ");
    let refused = !errors.is_empty();
    let page = AuditPage {
        nav: Nav::new(&l, "audits"),
        heading: format!("{} ({})", a.theme, a.year),
        facts: vec![
            ("Kind", a.kind.label().to_string()),
            ("Status", a.status.label().to_string()),
            ("Lead", a.lead.clone().unwrap_or_default()),
            ("Dates", dates(a.starts_on, a.ends_on)),
            (
                "Re-audit",
                a.reaudit_on
                    .map(|d| d.strftime("%-d %b %Y").to_string())
                    .unwrap_or_default(),
            ),
        ],
        reasons,
        recommendations,
        scale: s.summary.scale.clone(),
        good_label,
        cases_count: s.summary.cases,
        area_chart: grades_chart(
            "by-area",
            "Grades by practice area",
            &s.summary.scale,
            &s.summary.by_area,
        ),
        agency_chart: grades_chart(
            "by-agency",
            "Grades by agency",
            &s.summary.scale,
            &s.summary.by_agency,
        ),
        by_area: rows(&s.summary.by_area),
        by_agency: rows(&s.summary.by_agency),
        previous: s.previous.map(|(pid, year)| {
            (
                format!("/p/{slug}/audits/{pid}"),
                format!("the {year} audit"),
            )
        }),
        change: s
            .change
            .iter()
            .map(|c| {
                let points = c
                    .points
                    .map(|p| format!("{p:+.1} points"))
                    .unwrap_or_else(|| "–".into());
                (c.area.clone(), percent(c.before), percent(c.now), points)
            })
            .collect(),
        areas: a.areas.clone(),
        cases,
        form,
        errors,
        success,
    };
    let mut res = render(&page)?;
    if refused {
        *res.status_mut() = StatusCode::BAD_REQUEST;
    }
    Ok(res)
}

impl AuditPage {
    /// The error for `field`, if any (for the field's own message).
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}
