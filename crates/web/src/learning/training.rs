//! `GET /p/{slug}/training[?year=2009-10]`: the courses with their sessions, attendance and
//! impact at a glance, the training needs beside the courses that meet them, impact by
//! priority, attendance by agency and the year's evaluation (`rollups`);
//! `GET /p/{slug}/training/{id}`: one course, its sessions and its impact by stage and
//! by learning outcome.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use store::{CourseImpact, StoreError};

use super::rollups::{self, AgencyRow, NeedRow, PriorityRow, YearView};
use super::{change, score};
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::{AsAtQuery, day, today};

/// A course as the list shows it.
pub struct CourseRow {
    pub href: String,
    pub title: String,
    pub level: String,
    pub sessions: usize,
    pub places: u64,
    pub attended: u64,
    pub before: String,
    pub after: String,
    pub follow_up: String,
    pub change: String,
}

#[derive(Template)]
#[template(path = "training.html")]
pub struct TrainingPage {
    pub nav: Nav,
    pub rows: Vec<CourseRow>,
    pub needs: Vec<NeedRow>,
    pub priorities: Vec<PriorityRow>,
    pub agencies: Vec<AgencyRow>,
    pub year: YearView,
    /// Whether the caller may add courses and sessions (the board's officers).
    pub may_edit: bool,
}

/// `?year=2009-10`: the financial year the evaluation is for.
#[derive(Debug, Default, serde::Deserialize)]
pub struct YearQuery {
    pub year: Option<String>,
}

/// One stage as a course's page shows it.
pub struct StageRow {
    pub label: &'static str,
    pub responses: usize,
    pub mean: String,
}

pub struct SessionRow {
    pub id: i64,
    pub held_on: String,
    pub trainer: String,
    pub places: u32,
    pub attended: u64,
}

pub struct OutcomeRow {
    pub outcome: String,
    pub before: String,
    pub after: String,
    pub follow_up: String,
}

#[derive(Template)]
#[template(path = "training_course.html")]
pub struct CoursePage {
    pub nav: Nav,
    pub id: i64,
    /// Whether the caller may add sessions (the board's officers).
    pub may_edit: bool,
    pub title: String,
    pub level: String,
    pub links: String,
    pub sessions: Vec<SessionRow>,
    pub stages: Vec<StageRow>,
    pub before_to_after: String,
    pub after_to_follow_up: String,
    pub before_to_follow_up: String,
    pub outcomes: Vec<OutcomeRow>,
}

fn row(slug: &str, c: &CourseImpact) -> CourseRow {
    let m = |i: usize| score(c.impact.stages.get(i).and_then(|s| s.mean_score));
    CourseRow {
        href: format!("/p/{slug}/training/{}", c.course.id),
        title: c.course.course.title.clone(),
        level: c.course.course.level.clone(),
        sessions: c.course.sessions.len(),
        places: c.places,
        attended: c.attended,
        before: m(0),
        after: m(1),
        follow_up: m(2),
        change: change(c.impact.change.before_to_follow_up),
    }
}

pub async fn list(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Query(q): Query<YearQuery>,
) -> Result<Response, AppError> {
    let l = access.view(&state, &AsAtQuery::default()).await?;
    let slug = &access.slug;
    let impact = state.store.training_impact(slug, None).await?;
    let year = q
        .year
        .filter(|y| !y.trim().is_empty())
        .unwrap_or_else(|| rollups::default_year(&impact, today()));
    let evaluation = state.store.training_evaluation(slug, &year).await?;
    let needs = state.store.training_needs(slug).await?;
    let priorities = state.store.training_impact_by_priority(slug).await?;
    let agencies = state.store.training_attendance_by_agency(slug).await?;
    render(&TrainingPage {
        nav: Nav::new(&l, "learning"),
        rows: impact.iter().map(|c| row(slug, c)).collect(),
        needs: rollups::needs(slug, &needs),
        priorities: rollups::priorities(&priorities),
        agencies: rollups::agencies(&agencies),
        year: rollups::year(&evaluation),
        may_edit: access.membership.may_manage_governance(),
    })
}

pub async fn one(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let l = access.view(&state, &AsAtQuery::default()).await?;
    let c = match state.store.training_impact(&access.slug, Some(id)).await {
        Ok(mut found) => found.pop().ok_or(AppError::NotFound)?,
        Err(StoreError::NotFound { .. }) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    };
    let course = &c.course.course;
    let mut links = Vec::new();
    if !course.priorities.is_empty() {
        links.push(format!("objectives {}", course.priorities.join(", ")));
    }
    if !course.actions.is_empty() {
        links.push(format!("actions {}", course.actions.join(", ")));
    }
    let i = &c.impact;
    render(&CoursePage {
        nav: Nav::new(&l, "learning"),
        id: c.course.id,
        may_edit: access.membership.may_manage_governance(),
        title: course.title.clone(),
        level: course.level.clone(),
        links: links.join("; "),
        sessions: c
            .course
            .sessions
            .iter()
            .map(|s| SessionRow {
                id: s.id,
                held_on: day(s.session.held_on),
                trainer: s.session.trainer.clone(),
                places: s.session.places,
                attended: s.attended,
            })
            .collect(),
        stages: i
            .stages
            .iter()
            .map(|s| StageRow {
                label: s.stage.label(),
                responses: s.responses,
                mean: score(s.mean_score),
            })
            .collect(),
        before_to_after: change(i.change.before_to_after),
        after_to_follow_up: change(i.change.after_to_follow_up),
        before_to_follow_up: change(i.change.before_to_follow_up),
        outcomes: i
            .outcomes
            .iter()
            .map(|o| OutcomeRow {
                outcome: o.outcome.clone(),
                before: score(o.before),
                after: score(o.after),
                follow_up: score(o.follow_up),
            })
            .collect(),
    })
}
