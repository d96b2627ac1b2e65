//! `GET /p/{slug}/documents`: the document register, by kind and title, each with its owner,
//! status as at the page's date, review date and latest version; `?due_before=` narrows it to
//! the reviews falling due before a day, soonest first.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use domain::Date;
use domain::documents::DocumentStatus;
use serde::Deserialize;
use store::{DocumentRecord, DocumentsQuery};

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::{AsAtQuery, day, load};

/// The page's query: the as-at date and the review filter.
#[derive(Debug, Default, Deserialize)]
pub struct RegisterQuery {
    #[serde(default)]
    pub as_at: Option<String>,
    #[serde(default)]
    pub due_before: Option<String>,
}

/// One row of the register as the page shows it.
pub struct Row {
    pub title: String,
    pub href: String,
    pub kind: &'static str,
    pub owner: String,
    pub subgroup: String,
    pub status: &'static str,
    pub tag: &'static str,
    pub review_due: String,
    pub latest: String,
}

#[derive(Template)]
#[template(path = "documents/register.html")]
pub struct RegisterPage {
    pub nav: Nav,
    pub rows: Vec<Row>,
    /// The filter as typed, and the day it was read as.
    pub due_before: String,
    pub filtered: Option<String>,
    /// The quick filter: reviews due within three months of the page's date.
    pub soon: String,
    pub add: Option<String>,
    pub induction: String,
}

/// The GOV.UK tag colour of a status.
pub fn tag(s: DocumentStatus) -> &'static str {
    match s {
        DocumentStatus::Draft => "govuk-tag--grey",
        DocumentStatus::Approved => "govuk-tag--green",
        DocumentStatus::DueForReview => "govuk-tag--red",
        DocumentStatus::Superseded => "govuk-tag--blue",
    }
}

pub fn row(slug: &str, d: &DocumentRecord, as_at: Date) -> Row {
    let status = d.status(as_at);
    Row {
        title: d.title.clone(),
        href: format!("/p/{slug}/documents/{}", d.id),
        kind: d.kind.label(),
        owner: d.owner_title.clone(),
        subgroup: d.subgroup.clone().unwrap_or_default(),
        status: status.label(),
        tag: tag(status),
        review_due: d.review_due.map(day).unwrap_or_default(),
        latest: d
            .latest()
            .map(|v| format!("Version {} ({})", v.number, v.name))
            .unwrap_or_else(|| "No file yet".into()),
    }
}

pub async fn page(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Query(q): Query<RegisterQuery>,
) -> Result<Response, AppError> {
    let l = load(
        &state,
        &access.slug,
        &AsAtQuery {
            as_at: q.as_at.clone(),
            ..AsAtQuery::default()
        },
    )
    .await?;
    let typed = q.due_before.clone().unwrap_or_default();
    let due_before = match typed.trim() {
        "" => None,
        t => Some(t.parse::<Date>().map_err(|_| {
            AppError::BadRequest(format!(
                "\"{t}\" is not a date: give the day reviews must fall due before as YYYY-MM-DD."
            ))
        })?),
    };
    let docs = state
        .store
        .documents(&access.slug, DocumentsQuery { due_before })
        .await?;
    let soon = l
        .as_at
        .checked_add(jiff::Span::new().months(3))
        .unwrap_or(l.as_at);
    render(&RegisterPage {
        rows: docs.iter().map(|d| row(&access.slug, d, l.as_at)).collect(),
        due_before: typed,
        filtered: due_before.map(day),
        soon: soon.to_string(),
        add: access
            .membership
            .may_manage_governance()
            .then(|| format!("/p/{}/documents/new", access.slug)),
        induction: format!("/p/{}/induction", access.slug),
        nav: Nav::new(&l, "documents"),
    })
}

/// The dashboard's "reviews falling due": documents not superseded whose review falls due
/// within three months of the view's date (or has passed), soonest first, and where the
/// register lists them all.
pub async fn falling_due(
    state: &AppState,
    l: &crate::view::Loaded,
) -> Result<(Vec<Row>, String), AppError> {
    let until = l
        .as_at
        .checked_add(jiff::Span::new().months(3))
        .unwrap_or(l.as_at);
    let docs = state
        .store
        .documents(
            &l.slug,
            DocumentsQuery {
                due_before: Some(until),
            },
        )
        .await?;
    Ok((
        docs.iter().map(|d| row(&l.slug, d, l.as_at)).collect(),
        format!(
            "/p/{}/documents?as_at={}&due_before={until}",
            l.slug, l.as_at
        ),
    ))
}
