//! `GET /p/{slug}/documents/{id}`: one document, its status as at the page's date, the
//! meeting that approved it, and its versions with their downloads; for the board's officers,
//! the forms to add a version and to record the meeting that approved it. `GET …/versions/{number}`: a version's file, as a download.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use store::{DocumentRecord, StoreError};

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::{AsAtQuery, day};

use super::register::tag;

/// One version as the page lists it.
pub struct VersionRow {
    pub number: i64,
    pub name: String,
    pub href: String,
    pub kind: String,
    pub added: String,
    pub note: String,
}

#[derive(Template)]
#[template(path = "documents/document.html")]
pub struct DocumentPage {
    pub nav: Nav,
    pub title: String,
    pub kind: &'static str,
    pub owner: String,
    pub subgroup: String,
    pub status: &'static str,
    pub tag: &'static str,
    pub review_due: String,
    pub approved: String,
    pub superseded: String,
    pub versions: Vec<VersionRow>,
    /// For the board's officers: where a new version is sent, and the session's token.
    pub upload: Option<(String, String)>,
    /// For the board's officers: where the approving meeting is sent, and the sub-groups
    /// whose meeting it may have been.
    pub approve: Option<(String, Vec<String>)>,
    pub limits: String,
    pub errors: Vec<(&'static str, String)>,
    pub back: String,
}

pub(crate) fn not_found(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound { .. } => AppError::NotFound,
        e => e.into(),
    }
}

/// The page for `d`, as at `l`'s date, with `errors` from a refused upload.
pub(crate) fn build(
    l: &crate::view::Loaded,
    access: &PartnershipAccess,
    d: &DocumentRecord,
    errors: Vec<(&'static str, String)>,
) -> DocumentPage {
    let slug = &access.slug;
    let status = d.status(l.as_at);
    DocumentPage {
        nav: Nav::new(l, "documents"),
        title: d.title.clone(),
        kind: d.kind.label(),
        owner: d.owner_title.clone(),
        subgroup: d.subgroup.clone().unwrap_or_default(),
        status: status.label(),
        tag: tag(status),
        review_due: d.review_due.map(day).unwrap_or_default(),
        approved: d
            .approved
            .as_ref()
            .map(|a| {
                let by = a
                    .subgroup
                    .as_ref()
                    .map_or("the board".to_string(), |s| format!("the {s} sub-group"));
                let which = a
                    .version
                    .map(|v| format!(" (version {v})"))
                    .unwrap_or_default();
                format!("At the meeting of {by} on {}{which}", day(a.meeting_date))
            })
            .unwrap_or_default(),
        superseded: d.superseded_on.map(day).unwrap_or_default(),
        versions: d
            .versions
            .iter()
            .rev()
            .map(|v| VersionRow {
                number: v.number,
                name: v.name.clone(),
                href: format!("/p/{slug}/documents/{}/versions/{}", d.id, v.number),
                kind: format!(
                    "{}, {} KB",
                    short_type(&v.media_type),
                    (v.size + 1023) / 1024
                ),
                added: format!(
                    "{} by {}",
                    v.added_at
                        .parse::<jiff::Timestamp>()
                        .map(|t| day(t.to_zoned_datetime(jiff::tz::TimeZone::UTC).date()))
                        .unwrap_or_else(|_| v.added_at.clone()),
                    v.added_by
                ),
                note: v.note.clone().unwrap_or_default(),
            })
            .collect(),
        upload: access.membership.may_manage_governance().then(|| {
            (
                format!("/p/{slug}/documents/{}/versions", d.id),
                access.user.csrf.clone(),
            )
        }),
        approve: access.membership.may_manage_governance().then(|| {
            (
                format!("/p/{slug}/documents/{}/approve", d.id),
                l.partnership
                    .subgroups
                    .iter()
                    .map(|s| s.name.clone())
                    .collect(),
            )
        }),
        limits: crate::limits::stated(),
        errors,
        back: format!("/p/{slug}/documents"),
    }
}

/// "PDF", "Word", … from a media type.
fn short_type(media_type: &str) -> &'static str {
    match media_type {
        "application/pdf" => "PDF",
        t if t.contains("wordprocessingml") => "Word",
        t if t.contains("spreadsheetml") => "Excel",
        t if t.contains("opendocument.text") => "OpenDocument text",
        t if t.contains("opendocument.spreadsheet") => "OpenDocument spreadsheet",
        t if t.starts_with("image/") => "Image",
        t if t.starts_with("text/csv") => "CSV",
        _ => "Text",
    }
}

pub async fn page(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, String)>,
    Query(q): Query<AsAtQuery>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let l = access.view(&state, &q).await?;
    let d = state
        .store
        .document(&access.slug, id)
        .await
        .map_err(not_found)?;
    render(&build(&l, &access, &d, Vec::new()))
}

/// A version's file: for any member, always as an attachment, sandboxed (as evidence is).
pub async fn download(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id, number)): Path<(String, String, String)>,
) -> Result<Response, AppError> {
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let number: i64 = number.parse().map_err(|_| AppError::NotFound)?;
    let f = state
        .store
        .document_file(&access.slug, id, number)
        .await
        .map_err(not_found)?;
    Ok(crate::progress::evidence::download(f.file, Some(f.name)))
}
