//! `GET /p/{slug}/induction`: the induction checklist (4.2) and everyone on the member
//! register against it: the day each item was done, and the day each acknowledged their job
//! description. The board's officers record a completion (`POST …/induction`) and add items
//! to the checklist (`POST …/induction/items`).

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::Date;
use serde::Deserialize;
use store::{Stamp, StoreError};

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::{AsAtQuery, day, today};

use super::officers_only;

/// What the record form sends for "acknowledged their job description".
pub const JOB_DESCRIPTION: &str = "job-description";

/// One person's row: their name, each item's day (or empty), and the job description's.
pub struct Row {
    pub name: String,
    pub done: Vec<String>,
    pub count: String,
    pub job_description: String,
}

#[derive(Template)]
#[template(path = "documents/induction.html")]
pub struct InductionPage {
    pub nav: Nav,
    pub items: Vec<String>,
    pub rows: Vec<Row>,
    /// For the board's officers: the session's token, and the people to choose from.
    pub manage: Option<String>,
    pub people: Vec<String>,
    pub today: String,
    pub errors: Vec<(&'static str, String)>,
    pub job_description: &'static str,
}

#[derive(Debug, Default, Deserialize)]
pub struct RecordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    person: String,
    #[serde(default)]
    item: String,
    #[serde(default)]
    on: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct ItemForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    title: String,
}

async fn build(
    state: &AppState,
    access: &PartnershipAccess,
    errors: Vec<(&'static str, String)>,
) -> Result<Response, AppError> {
    let l = access.view(state, &AsAtQuery::default()).await?;
    let sheet = state.store.induction(&access.slug).await?;
    let n = sheet.items.len();
    let page = InductionPage {
        nav: Nav::new(&l, "members"),
        rows: sheet
            .people
            .iter()
            .map(|p| Row {
                name: p.name.clone(),
                done: p
                    .done
                    .iter()
                    .map(|d| d.map(day).unwrap_or_default())
                    .collect(),
                count: format!("{} of {n}", p.done_count()),
                job_description: p.job_description_acknowledged.map(day).unwrap_or_default(),
            })
            .collect(),
        people: sheet.people.iter().map(|p| p.name.clone()).collect(),
        items: sheet.items,
        manage: access
            .membership
            .may_manage_governance()
            .then(|| access.user.csrf.clone()),
        today: today().to_string(),
        job_description: JOB_DESCRIPTION,
        errors: errors.clone(),
    };
    let mut res = render(&page)?;
    if !errors.is_empty() {
        *res.status_mut() = StatusCode::BAD_REQUEST;
    }
    Ok(res)
}

pub async fn page(
    State(state): State<AppState>,
    access: PartnershipAccess,
) -> Result<Response, AppError> {
    build(&state, &access, Vec::new()).await
}

/// The store's refusal as the form's error; anything else fails the request.
fn refusal(field: &'static str, e: StoreError) -> Result<Vec<(&'static str, String)>, AppError> {
    match e {
        StoreError::InvalidData { what } | StoreError::Conflict { what } => {
            let message = what.split_once(": ").map_or(what.as_str(), |(_, m)| m);
            Ok(vec![(field, message.to_string())])
        }
        e => Err(e.into()),
    }
}

/// `POST /p/{slug}/induction`: a person completed an item (or acknowledged their job
/// description) on a day.
pub async fn record(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Form(f): Form<RecordForm>,
) -> Result<Response, AppError> {
    officers_only(&access, "induction records")?;
    access.user.check_csrf(&f.csrf)?;
    let Ok(on) = f.on.trim().parse::<Date>() else {
        return build(
            &state,
            &access,
            vec![("on", "The day must be a real date".into())],
        )
        .await;
    };
    if on > today() {
        return build(
            &state,
            &access,
            vec![("on", "The day cannot be in the future".into())],
        )
        .await;
    }
    let actor = access.user.account.display_name.clone();
    let stamp = Stamp::now(&actor);
    let done = if f.item == JOB_DESCRIPTION {
        state
            .store
            .acknowledge_job_description(&access.slug, stamp, &f.person, on)
            .await
    } else {
        state
            .store
            .record_induction(&access.slug, stamp, &f.person, &f.item, on)
            .await
    };
    match done {
        Ok(()) => Ok(Redirect::to(&format!("/p/{}/induction", access.slug)).into_response()),
        Err(e) => build(&state, &access, refusal("person", e)?).await,
    }
}

/// `POST /p/{slug}/induction/items`: add an item to the checklist.
pub async fn add_item(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Form(f): Form<ItemForm>,
) -> Result<Response, AppError> {
    officers_only(&access, "the induction checklist")?;
    access.user.check_csrf(&f.csrf)?;
    let actor = access.user.account.display_name.clone();
    match state
        .store
        .add_induction_item(&access.slug, Stamp::now(&actor), &f.title)
        .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/p/{}/induction", access.slug)).into_response()),
        Err(e) => build(&state, &access, refusal("title", e)?).await,
    }
}
