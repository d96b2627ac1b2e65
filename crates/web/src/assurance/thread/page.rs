//! `GET /p/{slug}/thread/actions/{id}` and `GET /p/{slug}/thread/objectives/{number}`: what
//! assures an action or a priority of the current plan, grouped by kind, each linked to its
//! own page; and the way back, `GET /p/{slug}/thread/risks/{id}` and
//! `GET /p/{slug}/thread/s11/{year}/{number}`: the plan actions a risk or a Section 11
//! standard is linked to. An agency's improvement action is named only to whoever may see
//! its return (`Section11View`).

use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::assurance::section11::Section11View;
use domain::assurance::thread::{LinkKind, Thread, ThreadStart};
use store::StoreError;

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::{AppError, urlencode};
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::{AsAtQuery, Loaded};

use crate::assurance::section11::access::view_of;

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
    /// Whether the thread runs back from a risk or a standard to the plan.
    pub back: bool,
    pub groups: Vec<Group>,
}

/// Where a link of `kind` with `key` is shown.
pub fn href(slug: &str, kind: LinkKind, key: &str) -> String {
    match kind {
        LinkKind::ReviewRecommendation => format!("/p/{slug}/reviews"),
        LinkKind::Audit => format!("/p/{slug}/audits/{}", urlencode(key)),
        LinkKind::Indicator => format!("/p/{slug}/indicators/{}", urlencode(key)),
        LinkKind::Risk => format!("/p/{slug}/thread/risks/{}", urlencode(key)),
        LinkKind::Section11Standard => match key.split_once('/') {
            Some((year, number)) => {
                format!(
                    "/p/{slug}/thread/s11/{}/{}",
                    urlencode(year),
                    urlencode(number)
                )
            }
            None => format!("/p/{slug}/s11"),
        },
        LinkKind::Action => format!("/p/{slug}/thread/actions/{}", urlencode(key)),
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
        ThreadStart::Risk { id, title, .. } => (
            format!("Golden thread: risk {id}"),
            (title.clone(), format!("/p/{slug}/risks")),
        ),
        ThreadStart::Section11Standard {
            year,
            number,
            title,
            ..
        } => (
            format!("Golden thread: Section 11 {year}, standard {number}"),
            (title.clone(), format!("/p/{slug}/s11?cycle={year}")),
        ),
    };
    let back = matches!(
        t.start,
        ThreadStart::Risk { .. } | ThreadStart::Section11Standard { .. }
    );
    // A thread from the plan lists what assures it; one back lists the plan's actions (and
    // a risk's indicators).
    let kinds: &[LinkKind] = if back {
        &[LinkKind::Action, LinkKind::Indicator]
    } else {
        &LinkKind::ALL[..5]
    };
    let groups = kinds
        .iter()
        .map(|&kind| Group {
            label: kind.label(),
            links: t
                .of(kind)
                .map(|l| {
                    let title = match kind {
                        LinkKind::ReviewRecommendation | LinkKind::Action => {
                            format!("{}: {}", l.key, l.title)
                        }
                        _ => l.title.clone(),
                    };
                    (title, l.via.clone(), href(slug, kind, &l.key))
                })
                .collect(),
        })
        .filter(|g| !(back && g.label == LinkKind::Indicator.label() && g.links.is_empty()))
        .collect();
    render(&ThreadPage {
        nav,
        heading,
        from,
        back,
        groups,
    })
}

fn not_found(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound { .. } => AppError::NotFound,
        e => e.into(),
    }
}

/// The plan as it stands, the current plan's title and the caller's Section 11 view.
async fn context(
    state: &AppState,
    access: &PartnershipAccess,
) -> Result<(Arc<Loaded>, String, Section11View), AppError> {
    let l = access.view(state, &AsAtQuery::default()).await?;
    let plan = l.plan().ok_or(AppError::NotFound)?.title.clone();
    let view = view_of(
        state,
        &access.slug,
        &access.membership,
        access.user.account.id,
    )
    .await?;
    Ok((l, plan, view))
}

pub async fn action(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (l, plan, view) = context(&state, &access).await?;
    let t = state
        .store
        .action_thread(&access.slug, &plan, &id, &view)
        .await
        .map_err(not_found)?;
    show(Nav::new(&l, "plan"), &access.slug, &t)
}

pub async fn objective(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, number)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (l, plan, view) = context(&state, &access).await?;
    let t = state
        .store
        .objective_thread(&access.slug, &plan, &number, &view)
        .await
        .map_err(not_found)?;
    show(Nav::new(&l, "plan"), &access.slug, &t)
}

pub async fn risk(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let (l, plan, _) = context(&state, &access).await?;
    let t = state
        .store
        .risk_thread(&access.slug, &plan, id)
        .await
        .map_err(not_found)?;
    show(Nav::new(&l, "risks"), &access.slug, &t)
}

pub async fn standard(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, year, number)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let year: i32 = year.parse().map_err(|_| AppError::NotFound)?;
    let (l, plan, view) = context(&state, &access).await?;
    let t = state
        .store
        .standard_thread(&access.slug, &plan, (year, number.as_str()), &view)
        .await
        .map_err(not_found)?;
    show(Nav::new(&l, "s11"), &access.slug, &t)
}
