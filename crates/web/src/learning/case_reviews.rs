//! `GET /p/{slug}/case-reviews`: the case reviews register, each with its clocks and how its
//! recommendations stand; `GET /p/{slug}/case-reviews/{id}`: one review with its dates, clocks
//! and recommendations (not implemented ones with their reasons).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::learning::case_reviews::RecommendationStatus;
use domain::learning::clocks::clocks;
use store::{CaseReviewRecord, StoreError};

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::{AsAtQuery, day, today};

pub struct ReviewRow {
    pub href: String,
    pub kind: &'static str,
    pub case_name: String,
    pub notified: String,
    pub clocks: Vec<String>,
    pub recommendations: usize,
    pub implemented: usize,
    pub not_implemented: usize,
}

#[derive(Template)]
#[template(path = "case_reviews.html")]
pub struct ListPage {
    pub nav: Nav,
    pub rows: Vec<ReviewRow>,
}

pub struct RecommendationRow {
    pub id: i64,
    pub text: String,
    pub to_whom: String,
    pub status: &'static str,
    pub not_implemented: bool,
    pub reason: String,
    pub impact: String,
}

#[derive(Template)]
#[template(path = "case_review.html")]
pub struct OnePage {
    pub nav: Nav,
    /// Whether the caller may set a recommendation's status (the board's officers).
    pub may_edit: bool,
    pub kind: &'static str,
    pub case_name: String,
    pub notified: String,
    pub decided: String,
    pub published: String,
    pub clocks: Vec<(String, String)>,
    pub recommendations: Vec<RecommendationRow>,
}

fn count(r: &CaseReviewRecord, status: RecommendationStatus) -> usize {
    r.recommendations
        .iter()
        .filter(|x| x.status == status)
        .count()
}

pub async fn list(
    State(state): State<AppState>,
    access: PartnershipAccess,
) -> Result<Response, AppError> {
    let l = access.view(&state, &AsAtQuery::default()).await?;
    let reviews = state.store.case_reviews(&access.slug).await?;
    let today = today();
    let rows = reviews
        .iter()
        .map(|r| ReviewRow {
            href: format!("/p/{}/case-reviews/{}", access.slug, r.id),
            kind: r.kind.label(),
            case_name: r.case_name.clone(),
            notified: day(r.notified),
            clocks: clocks(r.kind, r.notified, r.decided, r.published, today)
                .iter()
                .map(|c| c.sentence())
                .collect(),
            recommendations: r.recommendations.len(),
            implemented: count(r, RecommendationStatus::Implemented),
            not_implemented: count(r, RecommendationStatus::NotImplemented),
        })
        .collect();
    render(&ListPage {
        nav: Nav::new(&l, "learning"),
        rows,
    })
}

pub async fn one(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let l = access.view(&state, &AsAtQuery::default()).await?;
    let r = match state.store.case_review(&access.slug, id).await {
        Ok(r) => r,
        Err(StoreError::NotFound { .. }) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let opt = |d: Option<domain::Date>| d.map(day).unwrap_or_else(|| "Not yet".into());
    render(&OnePage {
        nav: Nav::new(&l, "learning"),
        may_edit: access.membership.may_manage_governance(),
        kind: r.kind.label(),
        case_name: r.case_name.clone(),
        notified: day(r.notified),
        decided: opt(r.decided),
        published: opt(r.published),
        clocks: clocks(r.kind, r.notified, r.decided, r.published, today())
            .iter()
            .map(|c| (c.sentence(), c.rule.to_string()))
            .collect(),
        recommendations: r
            .recommendations
            .iter()
            .map(|x| RecommendationRow {
                id: x.id,
                text: x.text.clone(),
                to_whom: x.to_whom.clone().unwrap_or_default(),
                status: x.status.label(),
                not_implemented: x.status == RecommendationStatus::NotImplemented,
                reason: x.reason.clone().unwrap_or_default(),
                impact: x.impact.clone().unwrap_or_default(),
            })
            .collect(),
    })
}
