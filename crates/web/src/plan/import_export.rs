//! Importing a document from the browser (upload, see what Boardplan found, then confirm),
//! and exporting the plan (XLSX, CSV, JSON). For the board's officers only: administrators
//! and business managers.
//!
//! App servers keep nothing between requests, so the confirm form carries the document back
//! (hex-encoded) and it is read again from scratch before anything is written. Both forms are
//! `multipart/form-data` with the CSRF token first, so that the role and the token are
//! checked before the document is read (see `pages::upload`).

use askama::Template;
use axum::Router;
use axum::extract::multipart::Field;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::response::Response;
use formats::document::{self, DocumentKind};
use store::{ImportMode, ImportOutcome, Source};

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::pages::upload::csrf_first;
use crate::view::{AsAtQuery, load};

/// Twice the largest document (hex doubles it), and a little for the form around it.
const BODY_LIMIT: usize = 2 * formats::MAX_DOCUMENT_BYTES + 64 * 1024;

/// What a form too large or broken to read is told.
fn unreadable() -> AppError {
    AppError::BadRequest(format!(
        "The upload could not be read. Plan documents can be at most {} MB.",
        crate::limits::mb(formats::MAX_DOCUMENT_BYTES)
    ))
}

/// A field's text, or the refusal of a form that cannot be read.
async fn text(field: Field<'_>) -> Result<String, AppError> {
    field.text().await.map_err(|_| unreadable())
}

pub fn routes() -> Router<AppState> {
    use axum::routing::{get, post};
    Router::new()
        .route(
            "/p/{slug}/import",
            get(show)
                .post(check)
                .layer(DefaultBodyLimit::max(BODY_LIMIT)),
        )
        .route(
            "/p/{slug}/import/confirm",
            post(confirm).layer(DefaultBodyLimit::max(BODY_LIMIT)),
        )
        .route("/p/{slug}/export/{format}", get(export))
}

/// What the check found, for the confirm page.
pub struct ReportView {
    pub file_name: String,
    pub document: String,
    pub counts: Vec<(&'static str, usize)>,
    pub warnings: Vec<String>,
    pub inferred: Vec<String>,
    pub gaps: Vec<String>,
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    nav: Nav,
    csrf: String,
    errors: Vec<(&'static str, String)>,
    report: Option<ReportView>,
}

fn officers_only(access: &PartnershipAccess) -> Result<(), AppError> {
    if access.membership.may_edit_plan() {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Only the board's business manager or an administrator can import or export the plan."
                .into(),
        ))
    }
}

async fn page(
    state: &AppState,
    access: &PartnershipAccess,
    errors: Vec<(&'static str, String)>,
    report: Option<ReportView>,
) -> Result<Response, AppError> {
    let l = load(state, &access.slug, &AsAtQuery::default()).await?;
    let bad = !errors.is_empty();
    let mut res = render(&ImportPage {
        nav: Nav::new(&l, "import"),
        csrf: access.user.csrf.clone(),
        errors,
        report,
    })?;
    if bad {
        *res.status_mut() = axum::http::StatusCode::BAD_REQUEST;
    }
    Ok(res)
}

pub async fn show(
    State(state): State<AppState>,
    access: PartnershipAccess,
) -> Result<Response, AppError> {
    officers_only(&access)?;
    page(&state, &access, vec![], None).await
}

/// Read a document as this partnership's: a sheet edits its current plan, and any other
/// document is imported under this partnership's name.
async fn read(
    state: &AppState,
    slug: &str,
    name: &str,
    bytes: &[u8],
) -> Result<Result<document::Document, String>, AppError> {
    let current = state
        .store
        .load_partnership(slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let kind = DocumentKind::detect(name, bytes);
    let index = current.plans.len().checked_sub(1);
    let result = match (kind.edits_a_stored_plan(), index) {
        (true, Some(i)) => document::read(kind, bytes, Some((&current, i))),
        (true, None) => document::read(kind, bytes, None),
        (false, _) => document::read(kind, bytes, None).map(|mut d| {
            d.partnership.name = current.name.clone();
            d
        }),
    };
    Ok(result.map_err(|e| format!("{name}, {e}")))
}

pub async fn check(
    State(state): State<AppState>,
    access: PartnershipAccess,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    officers_only(&access)?;
    csrf_first(&mut multipart, &access.user).await?;
    let (mut name, mut bytes) = (String::new(), Vec::new());
    while let Some(field) = multipart.next_field().await.map_err(|_| unreadable())? {
        if field.name() == Some("document") {
            name = field.file_name().unwrap_or_default().to_string();
            bytes = field.bytes().await.map_err(|_| unreadable())?.to_vec();
        }
    }
    if name.is_empty() || bytes.is_empty() {
        return page(
            &state,
            &access,
            vec![("document", "Select the file to import".into())],
            None,
        )
        .await;
    }
    let doc = match read(&state, &access.slug, &name, &bytes).await? {
        Ok(d) => d,
        Err(message) => return page(&state, &access, vec![("document", message)], None).await,
    };
    let c = &doc.report.counts;
    let report = ReportView {
        file_name: name,
        document: hex::encode(&bytes),
        counts: vec![
            ("Agencies", c.agencies),
            ("Sub-groups", c.subgroups),
            ("Proposed sub-groups", c.proposed_subgroups),
            ("Reviews", c.reviews),
            ("Recommendations", c.recommendations),
            ("Objectives", c.objectives),
            ("Actions", c.actions),
            ("Lead roles", c.roles),
            ("Cross-references", c.cross_references),
            ("Links from recommendations to the plan", c.trace_links),
        ],
        warnings: doc
            .report
            .warnings
            .iter()
            .map(|w| format!("Line {}: {}", w.line, w.message))
            .collect(),
        inferred: doc
            .report
            .inferred
            .iter()
            .map(|i| format!("Line {}: {}", i.line, i.what))
            .collect(),
        gaps: doc
            .report
            .gaps
            .iter()
            .map(|g| format!("{} {}: {}", g.review, g.recommendation, g.text))
            .collect(),
    };
    page(&state, &access, vec![], Some(report)).await
}

/// The confirm form's fields after its CSRF token.
#[derive(Default)]
struct ConfirmForm {
    file_name: String,
    document: String,
    replace: bool,
}

pub async fn confirm(
    State(state): State<AppState>,
    access: PartnershipAccess,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    officers_only(&access)?;
    csrf_first(&mut multipart, &access.user).await?;
    let mut form = ConfirmForm::default();
    while let Some(field) = multipart.next_field().await.map_err(|_| unreadable())? {
        match field.name().unwrap_or_default() {
            "file_name" => form.file_name = text(field).await?,
            "document" => form.document = text(field).await?,
            "replace" => form.replace = true,
            _ => {}
        }
    }
    let bytes = hex::decode(form.document.trim()).map_err(|_| {
        AppError::BadRequest(
            "The confirmation did not carry the document. Upload the file again.".into(),
        )
    })?;
    let doc = match read(&state, &access.slug, &form.file_name, &bytes).await? {
        Ok(d) => d,
        Err(message) => return page(&state, &access, vec![("document", message)], None).await,
    };
    let mode = if doc.kind.edits_a_stored_plan() || form.replace {
        ImportMode::Replace
    } else {
        ImportMode::New
    };
    let source = Source {
        name: form.file_name.clone(),
        sha256: formats::sha256_hex(&bytes),
    };
    let actor = access.user.account.display_name.clone();
    let outcome = state
        .store
        .import_partnership(&actor, &doc.partnership, &source, mode)
        .await?;
    let message = match outcome {
        ImportOutcome::AlreadyPresent {
            plan_title,
            version,
            ..
        } => {
            format!("{plan_title} is already here (version {version}); nothing was changed.")
        }
        ImportOutcome::Created { plan_versions, .. }
        | ImportOutcome::Replaced { plan_versions, .. } => plan_versions
            .iter()
            .map(|(t, v)| format!("{t} version {v} recorded."))
            .collect::<Vec<_>>()
            .join(" "),
    };
    let plan = format!("/p/{}/plan", access.slug);
    render(&crate::error::MessagePage {
        heading: "Import complete",
        message: &message,
        link: Some(&plan),
        link_text: "See the plan",
    })
}

pub async fn export(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, format)): Path<(String, String)>,
    Query(q): Query<AsAtQuery>,
) -> Result<Response, AppError> {
    officers_only(&access)?;
    let l = load(&state, &access.slug, &q).await?;
    let mut p = domain::Partnership::clone(&l.partnership);
    // Export the plan as it stood on the chosen date.
    if let Some(plan) = l.plan() {
        p.plans = vec![plan.clone()];
    }
    let stem = format!("{}-{}", access.slug, l.as_at);
    let (bytes, kind, ext) = match format.as_str() {
        "json" => (
            formats::json::export(&p).into_bytes(),
            "application/json",
            "json",
        ),
        "csv" if !p.plans.is_empty() => (
            formats::csv_plan::export(&p, 0).into_bytes(),
            "text/csv; charset=utf-8",
            "csv",
        ),
        "xlsx" if !p.plans.is_empty() => (
            formats::xlsx_plan::export(&p, 0).map_err(|e| AppError::Internal(e.to_string()))?,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        _ => return Err(AppError::NotFound),
    };
    Ok(crate::pages::download::attachment(
        bytes,
        kind,
        &format!("{stem}.{ext}"),
    ))
}
