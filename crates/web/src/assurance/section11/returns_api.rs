//! An agency's Section 11 return in the JSON API: `GET …/s11/{year}/returns/{agency}` (each
//! standard's rating, evidence narrative and files, improvement actions and the panel's
//! agreed rating) and `GET …/s11/{year}/evidence/{id}` (an evidence file, as a download).
//! Both only to whoever may see that return (`Section11View`: its agency's lead officer, the
//! panel; everyone once the cycle closes), else 403. [`S11EvidenceFileOut`] and
//! [`S11ImprovementActionOut`] are also what `boardplan s11 evidence list --json` and
//! `s11 action list --json` print.

use axum::Json;
use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};
use store::S11Return;
use utoipa::ToSchema;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;
use crate::api::auth::ApiAccess;
use crate::api::openapi::{Forbidden, NotFound, ServerError, TAG_ASSURANCE, Unauthenticated};
use crate::api::problem::ApiError;
use crate::api::wire::segment;
use crate::error::AppError;

use super::access::view_of;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(one_return))
        .routes(routes!(evidence_file))
}

/// An evidence file on a return line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct S11EvidenceFileOut {
    /// The standard's number.
    pub standard: String,
    pub id: i64,
    pub name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    /// Where the API serves it.
    pub href: String,
}

/// An agency's improvement action on a standard, carried by a plan action (whose source is
/// the Section 11 cycle).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct S11ImprovementActionOut {
    pub standard: String,
    /// The agency's words, if it gave them.
    pub text: Option<String>,
    pub plan: String,
    /// The plan action's number.
    pub action: String,
    /// The plan action's golden thread in the API.
    pub href: String,
}

/// One standard of a return.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct S11ReturnLineOut {
    pub standard: String,
    pub title: String,
    pub rating: Option<String>,
    pub evidence: Option<String>,
    pub agreed: Option<String>,
    pub files: Vec<S11EvidenceFileOut>,
    pub actions: Vec<S11ImprovementActionOut>,
}

/// An agency's return for a cycle.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct S11ReturnOut {
    pub year: i32,
    pub agency: String,
    pub signatory: Option<String>,
    pub panel_notes: Option<String>,
    pub lines: Vec<S11ReturnLineOut>,
}

impl S11ReturnOut {
    pub fn new(slug: &str, r: &S11Return) -> Self {
        let base = format!("/api/v1/partnerships/{}", segment(slug));
        Self {
            year: r.year,
            agency: r.agency.clone(),
            signatory: r.signatory.clone(),
            panel_notes: r.panel_notes.clone(),
            lines: r
                .lines
                .iter()
                .map(|l| S11ReturnLineOut {
                    standard: l.standard.clone(),
                    title: l.title.clone(),
                    rating: l.rating.clone(),
                    evidence: l.evidence.clone(),
                    agreed: l.agreed.clone(),
                    files: l
                        .files
                        .iter()
                        .map(|f| S11EvidenceFileOut {
                            standard: l.standard.clone(),
                            id: f.id,
                            name: f.name.clone(),
                            media_type: f.media_type.clone(),
                            size: f.size,
                            sha256: f.sha256.clone(),
                            href: format!("{base}/s11/{}/evidence/{}", r.year, f.id),
                        })
                        .collect(),
                    actions: l
                        .actions
                        .iter()
                        .map(|a| S11ImprovementActionOut {
                            standard: l.standard.clone(),
                            text: a.text.clone(),
                            plan: a.plan.clone(),
                            action: a.action.clone(),
                            href: format!("{base}/actions/{}/thread", segment(&a.action)),
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

fn forbidden() -> ApiError {
    AppError::Forbidden(
        "Only the agency's own lead officer and the moderation panel see a Section 11 return \
         before the cycle closes."
            .into(),
    )
    .into()
}

/// An agency's Section 11 return: each standard's rating, evidence (narrative and files),
/// improvement actions and the panel's agreed rating.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/s11/{year}/returns/{agency}",
    tag = TAG_ASSURANCE,
    operation_id = "get_s11_return",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("year" = i32, Path, example = 2010, description = "The cycle's year"),
        ("agency" = String, Path, example = "Metropolitan Police", description = "The agency's name, as the heat map gives it"),
    ),
    responses(
        (status = 200, description = "The return", body = S11ReturnOut),
        Unauthenticated, Forbidden, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn one_return(
    State(state): State<AppState>,
    access: ApiAccess,
) -> Result<Json<S11ReturnOut>, ApiError> {
    let year: i32 = access
        .path("year")?
        .parse()
        .map_err(|_| ApiError::not_found())?;
    let asked = access.path("agency")?.trim().to_string();
    let map = state.store.s11_map(&access.slug, year).await?;
    let agency = map
        .agencies
        .iter()
        .find(|a| a.eq_ignore_ascii_case(&asked))
        .ok_or_else(ApiError::not_found)?;
    let view = view_of(
        &state,
        &access.slug,
        &access.membership,
        access.caller.account.id,
    )
    .await?;
    if !view.may_see(agency, map.cycle.stage) {
        return Err(forbidden());
    }
    let r = state.store.s11_return(&access.slug, year, agency).await?;
    Ok(Json(S11ReturnOut::new(&access.slug, &r)))
}

/// Download an evidence file of a Section 11 return.
///
/// Always an attachment, with a sandboxing `Content-Security-Policy`, as progress evidence is.
#[utoipa::path(
    get,
    path = "/api/v1/partnerships/{slug}/s11/{year}/evidence/{id}",
    tag = TAG_ASSURANCE,
    operation_id = "get_s11_evidence",
    params(
        ("slug" = String, Path, example = "kingston-lscb", description = "The partnership's short name"),
        ("year" = i32, Path, example = 2010, description = "The cycle's year"),
        ("id" = i64, Path, example = 1, description = "The file's id, from the return"),
    ),
    responses(
        (status = 200, description = "The file, as an attachment",
            headers(("Content-Disposition" = String, description = "attachment, with the filename")),
            content(
                ("application/pdf"),
                ("image/png"),
                ("image/jpeg"),
                ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                ("application/vnd.oasis.opendocument.text"),
                ("application/vnd.oasis.opendocument.spreadsheet"),
                ("text/csv"),
                ("text/plain"),
            )),
        Unauthenticated, Forbidden, NotFound, ServerError,
    )
)]
#[tracing::instrument(skip_all, fields(partnership = %access.slug))]
pub async fn evidence_file(
    State(state): State<AppState>,
    access: ApiAccess,
) -> Result<Response, ApiError> {
    let year: i32 = access
        .path("year")?
        .parse()
        .map_err(|_| ApiError::not_found())?;
    let id: i64 = access
        .path("id")?
        .parse()
        .map_err(|_| ApiError::not_found())?;
    let f = state
        .store
        .s11_evidence_file(&access.slug, year, id)
        .await?
        .ok_or_else(ApiError::not_found)?;
    let view = view_of(
        &state,
        &access.slug,
        &access.membership,
        access.caller.account.id,
    )
    .await?;
    if !view.may_see(&f.agency, f.stage) {
        return Err(forbidden());
    }
    Ok(crate::progress::evidence::download(f.file, Some(f.name)))
}
