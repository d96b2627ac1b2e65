//! The document register in the JSON API: `GET …/documents` (every member of the partnership
//! reads it; `?due_before=` for the reviews falling due, `?as_at=` for the day statuses are
//! worked out on) and `GET …/documents/{id}` with its versions. [`DocumentOut`] is also what
//! `boardplan doc list --json` prints, so the two never differ.

use axum::Json;
use axum::extract::State;
use domain::Date;
use serde::{Deserialize, Serialize};
use store::{DocumentRecord, DocumentsQuery};
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::openapi::{BadParameter, NotFound, ServerError, TAG_GOVERNANCE, Unauthenticated};
use crate::api::problem::ApiError;
use crate::api::query::Params;
use crate::api::wire::{date, segment};

/// The register's routes, with their documentation.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(list))
        .routes(routes!(get))
}

/// The meeting that approved a document.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApprovalOut {
    #[schema(format = Date)]
    pub meeting_date: String,
    /// The sub-group whose meeting it was; absent for the board's.
    pub subgroup: Option<String>,
    /// The version it approved.
    pub version: Option<i64>,
}

/// One version of a document and its file.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct VersionOut {
    pub number: i64,
    /// The file's name as uploaded.
    pub name: String,
    /// The file's type, read from its bytes.
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub note: Option<String>,
    pub added_by: String,
    pub added_at: String,
}

/// A document of the board's register.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DocumentOut {
    pub id: i64,
    /// terms_of_reference, protocol, procedure, strategy, plan, learning_briefing or other.
    pub kind: String,
    pub title: String,
    /// The lead role that owns it: its id and title.
    pub owner: String,
    pub owner_title: String,
    pub subgroup: Option<String>,
    #[schema(format = Date)]
    pub review_due: Option<String>,
    /// draft, approved, due_for_review or superseded, as at the day asked.
    pub status: String,
    pub approved: Option<ApprovalOut>,
    #[schema(format = Date)]
    pub superseded_on: Option<String>,
    /// Oldest first.
    pub versions: Vec<VersionOut>,
    /// Counts the writes to the document.
    pub version: i64,
    pub href: String,
}

impl DocumentOut {
    pub fn new(slug: &str, d: &DocumentRecord, as_at: Date) -> Self {
        Self {
            id: d.id,
            kind: d.kind.as_str().into(),
            title: d.title.clone(),
            owner: d.owner.clone(),
            owner_title: d.owner_title.clone(),
            subgroup: d.subgroup.clone(),
            review_due: d.review_due.map(date),
            status: d.status(as_at).as_str().into(),
            approved: d.approved.as_ref().map(|a| ApprovalOut {
                meeting_date: date(a.meeting_date),
                subgroup: a.subgroup.clone(),
                version: a.version,
            }),
            superseded_on: d.superseded_on.map(date),
            versions: d
                .versions
                .iter()
                .map(|v| VersionOut {
                    number: v.number,
                    name: v.name.clone(),
                    media_type: v.media_type.clone(),
                    size: v.size,
                    sha256: v.sha256.clone(),
                    note: v.note.clone(),
                    added_by: v.added_by.clone(),
                    added_at: v.added_at.clone(),
                })
                .collect(),
            version: d.version,
            href: format!("/api/v1/partnerships/{}/documents/{}", segment(slug), d.id),
        }
    }
}

/// The register, or the reviews falling due.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DocumentList {
    /// The day statuses are worked out on.
    #[schema(format = Date)]
    pub as_at: String,
    pub items: Vec<DocumentOut>,
}

/// `?due_before=YYYY-MM-DD`, refused by name when it is not a date.
pub fn due_before(params: &Params) -> Result<Option<Date>, ApiError> {
    params
        .given("due_before")
        .map(|s| {
            s.parse::<Date>().map_err(|_| {
                ApiError::parameter(
                    "due_before",
                    format!("due_before must be a date written YYYY-MM-DD; \"{s}\" is not one."),
                )
            })
        })
        .transpose()
}

/// The document register: by kind and title, or (with `due_before`) the documents not
/// superseded whose review falls due before that day, soonest first.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/documents",
    tag = TAG_GOVERNANCE,
    operation_id = "list_documents",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("due_before" = Option<String>, Query, format = Date, description = "Only reviews falling due before this day"),
        ("as_at" = Option<String>, Query, format = Date, description = "The day statuses are worked out on (default today)"),
    ),
    responses(
        (status = 200, description = "The register", body = DocumentList),
        BadParameter, Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn list(
    State(state): State<AppState>,
    access: ApiAccess,
    params: Params,
) -> Result<Json<DocumentList>, ApiError> {
    let (as_at, _) = params.as_at()?;
    let q = DocumentsQuery {
        due_before: due_before(&params)?,
    };
    let docs = state.store.documents(&access.slug, q).await?;
    Ok(Json(DocumentList {
        as_at: date(as_at),
        items: docs
            .iter()
            .map(|d| DocumentOut::new(&access.slug, d, as_at))
            .collect(),
    }))
}

/// One document with its versions.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/documents/{id}",
    tag = TAG_GOVERNANCE,
    operation_id = "get_document",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("id" = i64, Path, example = 1, description = "The document's id"),
        ("as_at" = Option<String>, Query, format = Date, description = "The day its status is worked out on (default today)"),
    ),
    responses(
        (status = 200, description = "The document", body = DocumentOut),
        BadParameter, Unauthenticated, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn get(
    State(state): State<AppState>,
    access: ApiAccess,
    params: Params,
) -> Result<Json<DocumentOut>, ApiError> {
    let (as_at, _) = params.as_at()?;
    let id: i64 = access
        .path("id")?
        .parse()
        .map_err(|_| ApiError::not_found())?;
    let d = state.store.document(&access.slug, id).await?;
    Ok(Json(DocumentOut::new(&access.slug, &d, as_at)))
}
