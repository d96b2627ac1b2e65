//! `GET /p/{slug}/engagement`: the count per quarter (the engagement indicator of 6.2) and
//! every activity, with whom, how, what they said and what changed.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use domain::learning::engagement::{Activity, PeriodCount, counts};

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::{AsAtQuery, day};

pub struct ActivityRow {
    pub held_on: String,
    pub with_whom: String,
    pub how_many: u32,
    pub how: String,
    pub said: String,
    pub changed: String,
    pub priorities: String,
}

#[derive(Template)]
#[template(path = "engagement.html")]
pub struct EngagementPage {
    pub nav: Nav,
    pub counts: Vec<PeriodCount>,
    pub rows: Vec<ActivityRow>,
}

pub async fn page(
    State(state): State<AppState>,
    access: PartnershipAccess,
) -> Result<Response, AppError> {
    let l = access.view(&state, &AsAtQuery::default()).await?;
    let records = state.store.engagement_activities(&access.slug).await?;
    let activities: Vec<Activity> = records.iter().map(|r| r.activity.clone()).collect();
    render(&EngagementPage {
        nav: Nav::new(&l, "learning"),
        counts: counts(&activities),
        rows: activities
            .iter()
            .map(|a| ActivityRow {
                held_on: day(a.held_on),
                with_whom: a.with_whom.clone(),
                how_many: a.how_many,
                how: a.how.clone(),
                said: a.said.clone().unwrap_or_default(),
                changed: a.changed.clone().unwrap_or_default(),
                priorities: a.priorities.join(", "),
            })
            .collect(),
    })
}
