//! `GET /p/{slug}/thread/actions/{id}` and `GET /p/{slug}/thread/objectives/{number}`: what
//! assures an action or a priority of the current plan, grouped by kind, each linked to its
//! own page (and an audit's page links back to the actions it recommends).

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::assurance::thread::{LinkKind, Thread, ThreadStart};
use store::StoreError;

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::{AppError, urlencode};
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::{AsAtQuery, load};

/// The links of one kind: (title, via, href).
pub struct Group {
    pub label: &'static str,
    pub links: Vec<(String, String, String)>,
}

#[derive(Template)]
#[template(path = "thread.html")]
pub struct ThreadPage {
    pub nav: Nav,
    pub heading: String,
    pub from: (String, String),
    pub groups: Vec<Group>,
}

/// Where a link of `kind` with `key` is shown.
pub fn href(slug: &str, kind: LinkKind, key: &str) -> String {
    match kind {
        LinkKind::ReviewRecommendation => format!("/p/{slug}/reviews"),
        LinkKind::Audit => format!("/p/{slug}/audits/{}", urlencode(key)),
        LinkKind::Indicator => format!("/p/{slug}/indicators/{}", urlencode(key)),
    }
}

fn show(nav: Nav, slug: &str, t: &Thread) -> Result<Response, AppError> {
    let (heading, from) = match &t.start {
        ThreadStart::Action { action, text, .. } => (
            format!("Golden thread: action {action}"),
            (
                text.clone(),
                format!("/p/{slug}/actions/{}", urlencode(action)),
            ),
        ),
        ThreadStart::Objective { number, title, .. } => (
            format!("Golden thread: priority {number}"),
            (
                title.clone(),
                format!("/p/{slug}/plan#objective-{}", urlencode(number)),
            ),
        ),
    };
    let groups = [
        LinkKind::ReviewRecommendation,
        LinkKind::Audit,
        LinkKind::Indicator,
    ]
    .into_iter()
    .map(|kind| Group {
        label: kind.label(),
        links: t
            .of(kind)
            .map(|l| {
                let title = match kind {
                    LinkKind::ReviewRecommendation => format!("{}: {}", l.key, l.title),
                    _ => l.title.clone(),
                };
                (title, l.via.clone(), href(slug, kind, &l.key))
            })
            .collect(),
    })
    .collect();
    render(&ThreadPage {
        nav,
        heading,
        from,
        groups,
    })
}

fn not_found(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound { .. } => AppError::NotFound,
        e => e.into(),
    }
}

pub async fn action(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let l = load(&state, &access.slug, &AsAtQuery::default()).await?;
    let plan = l.plan().ok_or(AppError::NotFound)?.title.clone();
    let t = state
        .store
        .action_thread(&access.slug, &plan, &id)
        .await
        .map_err(not_found)?;
    show(Nav::new(&l, "plan"), &access.slug, &t)
}

pub async fn objective(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, number)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let l = load(&state, &access.slug, &AsAtQuery::default()).await?;
    let plan = l.plan().ok_or(AppError::NotFound)?.title.clone();
    let t = state
        .store
        .objective_thread(&access.slug, &plan, &number)
        .await
        .map_err(not_found)?;
    show(Nav::new(&l, "plan"), &access.slug, &t)
}
