//! `POST /p/{slug}/documents/{id}/approve`: record the meeting (the board's, or a
//! sub-group's) that approved a document at its latest version, and, if given, its next review
//! date. The board's officers only, checked before the CSRF token and the fields; the store
//! refuses a meeting not recorded or a review date not after it, naming it, and writes
//! nothing.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Date;
use serde::Deserialize;
use store::Stamp;

use super::document::not_found;
use super::officers_only;
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;

#[derive(Debug, Default, Deserialize)]
pub struct ApproveFields {
    #[serde(default)]
    csrf: String,
    /// The approving meeting's date.
    #[serde(default)]
    meeting: String,
    /// Blank for the board's meeting.
    #[serde(default)]
    subgroup: String,
    #[serde(default)]
    review_due: String,
}

fn day(label: &str, t: &str) -> Result<Option<Date>, AppError> {
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<Date>()
        .map(Some)
        .map_err(|_| AppError::BadRequest(format!("{label} must be a real date, as YYYY-MM-DD.")))
}

pub async fn approve(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, String)>,
    Form(f): Form<ApproveFields>,
) -> Result<Response, AppError> {
    officers_only(&access, "the document register")?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    state
        .store
        .document(&access.slug, id)
        .await
        .map_err(not_found)?;
    access.user.check_csrf(&f.csrf)?;
    let meeting = day("The meeting's date", &f.meeting)?.ok_or_else(|| {
        AppError::BadRequest("Give the date of the meeting that approved it.".into())
    })?;
    let review_due = day("The next review", &f.review_due)?;
    let subgroup = Some(f.subgroup.trim()).filter(|s| !s.is_empty());
    let actor = access.user.account.display_name.clone();
    state
        .store
        .approve_document(
            &access.slug,
            Stamp::now(&actor),
            id,
            meeting,
            subgroup,
            review_due,
        )
        .await?;
    Ok(Redirect::to(&format!("/p/{}/documents/{id}", access.slug)).into_response())
}
