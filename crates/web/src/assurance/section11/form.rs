//! `GET|POST /p/{slug}/s11/{year}/return?agency=A`: an agency's return. Its lead officer
//! completes it while returns are open (and sees no other agency's before the cycle closes);
//! the panel may open and complete any, and moderates (agreed ratings, notes). Without
//! `agency`, a lead officer gets their own and the panel the board's first agency.

use std::collections::HashMap;

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::assurance::section11::Section11View;
use serde::Deserialize;
use store::{S11Rating, S11Return, Section11Map, Stamp, StoreError};

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::AsAtQuery;

use super::access::view_of;
use super::page::{rating_class, urlencoded};

#[derive(Debug, Default, Deserialize)]
pub struct AgencyQuery {
    #[serde(default)]
    pub agency: Option<String>,
}

/// A line of the return as the page shows it.
pub struct Line {
    pub number: String,
    pub title: String,
    /// The agency's own rating, and its tag's class.
    pub rating: String,
    pub class: &'static str,
    pub evidence: String,
    pub agreed: String,
    /// Evidence files: (name and size, download address).
    pub files: Vec<(String, String)>,
    /// Improvement actions: (what and which plan action carries it, that action's thread).
    pub actions: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "assurance_s11_return.html")]
pub struct ReturnPage {
    pub nav: Nav,
    pub year: i32,
    pub agency: String,
    pub agencies: Vec<String>,
    pub signatory: String,
    pub panel_notes: String,
    pub lines: Vec<Line>,
    pub words: Vec<String>,
    pub complete: bool,
    pub moderate: bool,
    pub csrf: String,
    pub action: String,
    /// Where files and improvement actions are added.
    pub add_file: String,
    pub add_action: String,
    pub limits: String,
}

/// Whose return is asked for, and whether the caller may see it (else 403).
pub(crate) async fn whose(
    state: &AppState,
    access: &PartnershipAccess,
    year: i32,
    asked: Option<String>,
) -> Result<(Section11View, String, Section11Map), AppError> {
    let view = view_of(
        state,
        &access.slug,
        &access.membership,
        access.user.account.id,
    )
    .await?;
    let map = state.store.s11_map(&access.slug, year).await?;
    let asked = asked
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty());
    let agency = match (&view, asked) {
        (_, Some(a)) => map
            .agencies
            .iter()
            .find(|x| x.eq_ignore_ascii_case(&a))
            .cloned()
            .ok_or(AppError::NotFound)?,
        (Section11View::Agency(own), None) => own.clone(),
        (_, None) => map.agencies.first().cloned().ok_or(AppError::NotFound)?,
    };
    if !view.may_see(&agency, map.cycle.stage) {
        return Err(AppError::Forbidden(
            "Only the agency's own lead officer and the moderation panel see a Section 11 \
             return before the cycle closes."
                .into(),
        ));
    }
    Ok((view, agency, map))
}

fn page(
    nav: Nav,
    access: &PartnershipAccess,
    r: &S11Return,
    words: Vec<String>,
    agencies: Vec<String>,
    complete: bool,
    moderate: bool,
) -> ReturnPage {
    ReturnPage {
        nav,
        year: r.year,
        agency: r.agency.clone(),
        agencies: if moderate { agencies } else { vec![] },
        signatory: r.signatory.clone().unwrap_or_default(),
        panel_notes: r.panel_notes.clone().unwrap_or_default(),
        lines: r
            .lines
            .iter()
            .map(|l| {
                let w = l.rating.clone().unwrap_or_default();
                let class = rating_class(&w);
                Line {
                    number: l.standard.clone(),
                    title: l.title.clone(),
                    rating: w,
                    class,
                    evidence: l.evidence.clone().unwrap_or_default(),
                    agreed: l.agreed.clone().unwrap_or_default(),
                    files: l
                        .files
                        .iter()
                        .map(|f| {
                            (
                                format!("{} ({} KB)", f.name, (f.size + 1023) / 1024),
                                format!("/p/{}/s11/{}/evidence/{}", access.slug, r.year, f.id),
                            )
                        })
                        .collect(),
                    actions: l
                        .actions
                        .iter()
                        .map(|a| {
                            let what = match &a.text {
                                Some(t) => format!("{t}: carried by action {}", a.action),
                                None => format!("Carried by action {}", a.action),
                            };
                            (
                                what,
                                format!(
                                    "/p/{}/thread/actions/{}",
                                    access.slug,
                                    crate::error::urlencode(&a.action)
                                ),
                            )
                        })
                        .collect(),
                }
            })
            .collect(),
        words,
        complete,
        moderate,
        csrf: access.user.csrf.clone(),
        action: format!(
            "/p/{}/s11/{}/return?agency={}",
            access.slug,
            r.year,
            urlencoded(&r.agency)
        ),
        add_file: format!(
            "/p/{}/s11/{}/return/evidence?agency={}",
            access.slug,
            r.year,
            urlencoded(&r.agency)
        ),
        add_action: format!(
            "/p/{}/s11/{}/return/actions?agency={}",
            access.slug,
            r.year,
            urlencoded(&r.agency)
        ),
        limits: crate::limits::stated(),
    }
}

pub async fn show(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, year)): Path<(String, i32)>,
    Query(q): Query<AgencyQuery>,
) -> Result<Response, AppError> {
    let (view, agency, map) = whose(&state, &access, year, q.agency).await?;
    let stage = map.cycle.stage;
    let l = access.view(&state, &AsAtQuery::default()).await?;
    let r = state.store.s11_return(&access.slug, year, &agency).await?;
    render(&page(
        Nav::new(&l, "s11"),
        &access,
        &r,
        map.cycle.scale.words().to_vec(),
        map.agencies,
        view.may_complete(&agency, stage),
        view.may_moderate() && stage != domain::assurance::section11::Stage::Closed,
    ))
}

pub async fn save(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, year)): Path<(String, i32)>,
    Query(q): Query<AgencyQuery>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let (view, agency, map) = whose(&state, &access, year, q.agency).await?;
    let stage = map.cycle.stage;
    let moderate = view.may_moderate() && stage != domain::assurance::section11::Stage::Closed;
    if !view.may_complete(&agency, stage) && !moderate {
        return Err(AppError::Forbidden(
            "This return cannot be changed by you at this stage of the cycle.".into(),
        ));
    }
    access
        .user
        .check_csrf(f.get("csrf").map_or("", String::as_str))?;
    let actor = access.user.account.display_name.clone();
    let r = state.store.s11_return(&access.slug, year, &agency).await?;
    let field = |name: String| {
        f.get(&name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    let signatory = field("signatory".into());
    for line in &r.lines {
        if view.may_complete(&agency, stage)
            && let Some(rating) = field(format!("rating_{}", line.standard))
        {
            let given = S11Rating {
                agency: agency.clone(),
                standard: line.standard.clone(),
                rating,
                evidence: field(format!("evidence_{}", line.standard)),
                signatory: signatory.clone(),
            };
            state
                .store
                .rate_s11(&access.slug, Stamp::now(&actor), year, &given)
                .await
                .map_err(refused)?;
        }
        if moderate && let Some(agreed) = field(format!("agreed_{}", line.standard)) {
            let notes = field("panel_notes".into());
            state
                .store
                .moderate_s11(
                    &access.slug,
                    Stamp::now(&actor),
                    year,
                    &agency,
                    &line.standard,
                    &agreed,
                    notes.as_deref(),
                )
                .await
                .map_err(refused)?;
        }
    }
    Ok(Redirect::to(&format!("/p/{}/s11?cycle={year}", access.slug)).into_response())
}

/// A rating the store refuses is the sender's to correct (400), named as the store says.
fn refused(e: StoreError) -> AppError {
    match e {
        StoreError::InvalidData { what } => AppError::BadRequest(what),
        other => other.into(),
    }
}
