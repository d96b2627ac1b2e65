//! What a return line holds beside its rating: evidence files and improvement actions.
//! `POST /p/{slug}/s11/{year}/return/evidence?agency=A` (multipart: the token first, then the
//! standard and the file, checked as progress evidence is), `POST
//! /p/{slug}/s11/{year}/return/actions?agency=A` (the standard, the plan action carrying it,
//! the agency's words) and `GET /p/{slug}/s11/{year}/evidence/{id}` (the file, as a download).
//!
//! Whoever may complete the return adds to it (its agency's lead officer while returns are
//! open, the panel until the cycle closes), checked before an upload is read; a file is served
//! only to whoever may see its return (`Section11View`), never to another agency's lead
//! officer before the cycle closes.

use std::collections::HashMap;

use axum::Form;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use store::{S11Action, Stamp, StoreError};

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::limits;
use crate::pages::upload::csrf_first;

use super::access::view_of;
use super::form::{AgencyQuery, whose};
use super::page::urlencoded;

/// The return's page, where the caller goes back to.
fn back(slug: &str, year: i32, agency: &str) -> Response {
    Redirect::to(&format!(
        "/p/{slug}/s11/{year}/return?agency={}#lines",
        urlencoded(agency)
    ))
    .into_response()
}

/// The agency whose return may be added to by the caller, or 403.
async fn completing(
    state: &AppState,
    access: &PartnershipAccess,
    year: i32,
    asked: Option<String>,
) -> Result<String, AppError> {
    let (view, agency, map) = whose(state, access, year, asked).await?;
    if !view.may_complete(&agency, map.cycle.stage) {
        return Err(AppError::Forbidden(
            "Only the agency's own lead officer (while returns are open) and the moderation \
             panel (until the cycle closes) add to a Section 11 return."
                .into(),
        ));
    }
    Ok(agency)
}

/// A refusal the sender can correct (400), in the store's words.
fn refused(e: StoreError) -> AppError {
    match e {
        StoreError::InvalidData { what } => AppError::BadRequest(what),
        StoreError::Conflict { what } => AppError::BadRequest(what),
        other => other.into(),
    }
}

/// `POST /p/{slug}/s11/{year}/return/evidence?agency=A`: add an evidence file to a line.
pub async fn add_file(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, year)): Path<(String, i32)>,
    Query(q): Query<AgencyQuery>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let agency = completing(&state, &access, year, q.agency).await?;
    csrf_first(&mut multipart, &access.user).await?;
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        AppError::BadRequest(format!(
            "The form could not be read ({e}). Check the file's size: a file can be {}.",
            limits::stated()
        ))
    };
    let (mut standard, mut file) = (String::new(), None);
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        match field.name().unwrap_or_default() {
            "standard" => standard = field.text().await.map_err(unreadable)?,
            "file" => {
                let name = field.file_name().unwrap_or_default().to_string();
                let bytes = field.bytes().await.map_err(unreadable)?;
                if !name.is_empty() || !bytes.is_empty() {
                    file = Some((name, bytes.to_vec()));
                }
            }
            _ => {}
        }
    }
    let Some((name, bytes)) = file else {
        return Err(AppError::BadRequest(
            "file: choose the file to add as evidence".into(),
        ));
    };
    let actor = access.user.account.display_name.clone();
    state
        .store
        .add_s11_evidence(
            &access.slug,
            Stamp::now(&actor),
            (year, &agency, &standard),
            &name,
            bytes,
        )
        .await
        .map_err(refused)?;
    Ok(back(&access.slug, year, &agency))
}

/// `POST /p/{slug}/s11/{year}/return/actions?agency=A`: link an improvement action on a line
/// to the plan action that carries it.
pub async fn add_action(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, year)): Path<(String, i32)>,
    Query(q): Query<AgencyQuery>,
    Form(f): Form<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let agency = completing(&state, &access, year, q.agency).await?;
    access
        .user
        .check_csrf(f.get("csrf").map_or("", String::as_str))?;
    let field = |name: &str| {
        f.get(name)
            .map(|v| v.trim().to_string())
            .unwrap_or_default()
    };
    let (standard, action) = (field("standard"), field("action"));
    if action.is_empty() {
        return Err(AppError::BadRequest(
            "action: give the number of the plan action that carries the improvement action, \
             e.g. 4.1"
                .into(),
        ));
    }
    let plan = access
        .view(&state, &Default::default())
        .await?
        .plan()
        .ok_or_else(|| AppError::BadRequest("The partnership has no plan yet.".into()))?
        .title
        .clone();
    let a = S11Action {
        text: Some(field("text")).filter(|t| !t.is_empty()),
        plan,
        action,
    };
    let actor = access.user.account.display_name.clone();
    state
        .store
        .add_s11_action(
            &access.slug,
            Stamp::now(&actor),
            (year, &agency, &standard),
            &a,
        )
        .await
        .map_err(refused)?;
    Ok(back(&access.slug, year, &agency))
}

/// `GET /p/{slug}/s11/{year}/evidence/{id}`: an evidence file, to whoever may see its return.
pub async fn file(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, year, id)): Path<(String, i32, String)>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let f = state
        .store
        .s11_evidence_file(&access.slug, year, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let view = view_of(
        &state,
        &access.slug,
        &access.membership,
        access.user.account.id,
    )
    .await?;
    if !view.may_see(&f.agency, f.stage) {
        return Err(AppError::Forbidden(
            "Only the agency's own lead officer and the moderation panel see a Section 11 \
             return's evidence before the cycle closes."
                .into(),
        ));
    }
    Ok(crate::progress::evidence::download(f.file, Some(f.name)))
}
