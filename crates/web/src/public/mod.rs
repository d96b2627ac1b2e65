//! Public pages, no sign-in: the list of boards' public summaries, and each summary — the
//! plan's objectives and actions with their progress, and nothing internal: no narrative, no
//! evidence, no names in the plan (not even lead roles). The one list of names is the public
//! member register (name, agency, board role, expertise; never contact details), which a
//! board publishes as a statutory duty along with the summary.
//!
//! Only a partnership that has chosen to publish ([`publishing`]) has public pages: every
//! page under `/public/{slug}` extracts [`Published`], and any other partnership's look
//! exactly like a partnership that does not exist.

pub mod publishing;
pub mod register;

use std::collections::HashMap;

use askama::Template;
use axum::extract::{FromRequestParts, Path, State};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use store::StoreError;

use crate::AppState;
use crate::error::AppError;
use crate::routes::{Routes, get, post};
use crate::view::{AsAtQuery, load, rag_tag};

/// The public pages' routes, and the form that publishes them.
pub fn routes() -> Routes {
    Routes::new()
        .route("/public", get(list))
        .route("/public/{slug}", get(summary))
        .route("/public/{slug}/register", get(register::download))
        .route("/p/{slug}/publishing", post(publishing::change))
}

/// A partnership that publishes its public summary, named in the path (`/public/{slug}/…`).
/// Any other — unpublished, or not there at all — is "not found", the same for both.
pub struct Published {
    pub slug: String,
}

impl FromRequestParts<AppState> for Published {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::NotFound)?;
        let slug = params.get("slug").cloned().ok_or(AppError::NotFound)?;
        match state.store.published(&slug).await {
            Ok(true) => Ok(Self { slug }),
            Ok(false) | Err(StoreError::NotFound { .. }) => Err(AppError::NotFound),
            Err(e) => Err(e.into()),
        }
    }
}

#[derive(Template)]
#[template(path = "public_list.html")]
struct ListPage {
    summaries: Vec<(String, String)>,
}

type PublicRow = (String, String, &'static str, &'static str);

#[derive(Template)]
#[template(path = "public_summary.html")]
struct SummaryPage {
    name: String,
    plan_title: String,
    total: usize,
    complete: usize,
    on_track: usize,
    objectives: Vec<(String, String, Vec<PublicRow>)>,
    /// The public member register: (name, agency, role, expertise), built from
    /// [`domain::PublicPerson`] only, so contact details cannot reach the page.
    members: Vec<(String, String, &'static str, String)>,
    /// The public register as a PDF (`register`).
    register: String,
}

/// Public pages may be cached briefly by proxies: they hold nothing private.
fn public(page: &impl Template) -> Result<Response, AppError> {
    let body = page
        .render()
        .map_err(|e| AppError::Internal(format!("template: {e}")))?;
    Ok(([(header::CACHE_CONTROL, "public, max-age=300")], Html(body)).into_response())
}

pub async fn list(State(state): State<AppState>) -> Result<Response, AppError> {
    let summaries = state
        .store
        .published_partnerships()
        .await?
        .into_iter()
        .filter(|p| !p.plans.is_empty())
        .map(|p| (p.slug, p.name))
        .collect();
    public(&ListPage { summaries })
}

pub async fn summary(
    State(state): State<AppState>,
    Published { slug }: Published,
) -> Result<Response, AppError> {
    let l = load(&state, &slug, &AsAtQuery::default()).await?;
    let plan = l.plan().ok_or(AppError::NotFound)?;
    let mut total = 0;
    let mut complete = 0;
    let mut on_track = 0;
    let objectives = plan
        .objectives
        .iter()
        .map(|o| {
            let rows = o
                .actions
                .iter()
                .map(|a| {
                    let st = l.status(&a.id);
                    total += 1;
                    if st.is_some_and(|s| s.is_complete()) {
                        complete += 1;
                    } else if st.and_then(|s| s.rag) == Some(domain::Rag::Green) {
                        on_track += 1;
                    }
                    let due = o
                        .timescale_for(a)
                        .map_or(String::new(), |t| t.label.clone());
                    let (class, label) = rag_tag(st.and_then(|s| s.rag));
                    (a.text.clone(), due, class, label)
                })
                .collect();
            (o.number.clone(), o.title.clone(), rows)
        })
        .collect();
    let members = state
        .store
        .people(&slug)
        .await?
        .iter()
        .map(|r| {
            let p = r.person.public();
            (
                p.name,
                p.agency.unwrap_or_default(),
                p.board_role.label(),
                p.expertise.join(", "),
            )
        })
        .collect();
    public(&SummaryPage {
        members,
        register: format!("/public/{slug}/register"),
        name: l.partnership.name.clone(),
        plan_title: plan.title.clone(),
        total,
        complete,
        on_track,
        objectives,
    })
}
