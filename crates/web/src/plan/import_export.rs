//! Importing a document from the browser (upload, see what Boardplan found, then confirm);
//! the routes of exporting it too (`export`). For the board's officers only: administrators
//! and business managers. A plan in the board's own tables (DOCX, ODT, XLSX, ODS, CSV, PDF)
//! goes from the upload to its own preview, with the mapping in drop-downs
//! (`import_preview`); this page confirms the other kinds.
//!
//! App servers keep nothing between requests, so the confirm form carries the document back
//! (hex-encoded) and it is read again from scratch before anything is written. Both forms are
//! `multipart/form-data` with the CSRF token first, so that the role and the token are
//! checked before the document is read (see `pages::upload`).
//!
//! A stale write is a conflict, never an overwrite: a sheet exported before the plan's latest
//! edits or imports is shown with the changes it would undo and imported only if the person
//! ticks "Replace anyway"; and the confirm form carries the state of the plan the check saw
//! (`seen_version`, `seen_edit`), so that a plan changed in between is refused with 409.

use askama::Template;
use axum::extract::multipart::Field;
use axum::extract::{Multipart, State};
use axum::response::Response;
use domain::PlanMark;
use formats::document::{self, DocumentKind};
use store::{ImportGuard, ImportMode, ImportOutcome, Source, StoreError, TakenFrom};

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::pages::upload::csrf_first;
use crate::routes::Routes;
use crate::view::AsAtQuery;

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

pub fn routes() -> Routes {
    use crate::routes::{get, post};
    Routes::new()
        .route(
            "/p/{slug}/import",
            get(show).post(check).body_limit(BODY_LIMIT),
        )
        .route(
            "/p/{slug}/import/confirm",
            post(confirm).body_limit(BODY_LIMIT),
        )
        .route("/p/{slug}/export/{format}", get(super::export::export))
}

/// What the check found, for the confirm page.
pub struct ReportView {
    pub file_name: String,
    pub document: String,
    pub counts: Vec<(&'static str, usize)>,
    pub warnings: Vec<String>,
    pub inferred: Vec<String>,
    pub gaps: Vec<String>,
    /// The state of the plan the check saw, carried to the confirm step.
    pub seen: Option<PlanMark>,
    /// For a sheet taken before the plan's latest changes: what importing it would undo.
    pub stale: Vec<String>,
}

#[derive(Template)]
#[template(path = "import.html")]
struct ImportPage {
    nav: Nav,
    csrf: String,
    errors: Vec<(&'static str, String)>,
    report: Option<ReportView>,
}

pub(super) fn officers_only(access: &PartnershipAccess) -> Result<(), AppError> {
    if access.membership.may_edit_plan() {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Only the board's business manager or an administrator can import or export the plan."
                .into(),
        ))
    }
}

pub(super) async fn page(
    state: &AppState,
    access: &PartnershipAccess,
    errors: Vec<(&'static str, String)>,
    report: Option<ReportView>,
) -> Result<Response, AppError> {
    let l = access.view(state, &AsAtQuery::default()).await?;
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

/// A document read as this partnership's, and the state of its plan it was read against.
struct Read {
    doc: document::Document,
    /// The plan's state before the document was read (`None`: no plan yet). Read first, so
    /// that a write in between makes it look older than what was read, never newer.
    seen: Option<PlanMark>,
}

/// Read a document as this partnership's: a sheet edits its current plan, and any other
/// document is imported under this partnership's name.
async fn read(
    state: &AppState,
    slug: &str,
    name: &str,
    bytes: &[u8],
) -> Result<Result<Read, String>, AppError> {
    let title = state
        .store
        .load_partnership(slug)
        .await?
        .ok_or(AppError::NotFound)?
        .plans
        .last()
        .map(|p| p.title.clone());
    let seen = match title {
        Some(t) => state.store.plan_mark(slug, &t, None).await?,
        None => None,
    };
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
    Ok(result
        .map(|doc| Read { doc, seen })
        .map_err(|e| format!("{name}, {e}")))
}

/// What state of the plan a document was taken from.
fn taken_from(doc: &document::Document) -> TakenFrom {
    match (&doc.mark, doc.kind.edits_a_stored_plan()) {
        (_, false) => TakenFrom::Document,
        (None, true) => TakenFrom::Unmarked,
        (Some(m), true) => TakenFrom::Marked(m.clone()),
    }
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
    // A plan in the board's own tables is previewed with its mapping, and held for it.
    if let DocumentKind::Tables(format) = DocumentKind::detect(&name, &bytes) {
        return super::import_preview::start(&state, &access, name, bytes, format).await;
    }
    let Read { doc, seen } = match read(&state, &access.slug, &name, &bytes).await? {
        Ok(d) => d,
        Err(message) => return page(&state, &access, vec![("document", message)], None).await,
    };
    let stale = match &seen {
        Some(seen) => {
            state
                .store
                .plan_staleness(&access.slug, &seen.title, &taken_from(&doc))
                .await
        }
        None => Ok(None),
    };
    let stale = match stale {
        Ok(s) => s.map(|s| s.lines()).unwrap_or_default(),
        Err(StoreError::InvalidData { what }) => {
            return page(
                &state,
                &access,
                vec![("document", format!("{name}, {what}"))],
                None,
            )
            .await;
        }
        Err(e) => return Err(e.into()),
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
        seen,
        stale,
    };
    page(&state, &access, vec![], Some(report)).await
}

/// The confirm form's fields after its CSRF token.
#[derive(Default)]
struct ConfirmForm {
    file_name: String,
    document: String,
    replace: bool,
    replace_anyway: bool,
    seen_version: Option<i64>,
    seen_edit: Option<i64>,
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
            "replace_anyway" => form.replace_anyway = true,
            "seen_version" => form.seen_version = text(field).await?.trim().parse().ok(),
            "seen_edit" => form.seen_edit = text(field).await?.trim().parse().ok(),
            _ => {}
        }
    }
    let bytes = hex::decode(form.document.trim()).map_err(|_| {
        AppError::BadRequest(
            "The confirmation did not carry the document. Upload the file again.".into(),
        )
    })?;
    let Read { doc, seen } = match read(&state, &access.slug, &form.file_name, &bytes).await? {
        Ok(d) => d,
        Err(message) => return page(&state, &access, vec![("document", message)], None).await,
    };
    // The plan must still stand as the check saw it; a form without that state is from a
    // check this server did not make, and is checked again.
    let guard = match (seen, form.seen_version, form.seen_edit) {
        (None, _, _) => None,
        (Some(now), Some(version), Some(edit)) => Some(ImportGuard {
            title: now.title.clone(),
            taken_from: taken_from(&doc),
            seen: Some(PlanMark {
                title: now.title,
                version,
                edit,
            }),
            replace_anyway: form.replace_anyway,
        }),
        (Some(_), _, _) => {
            return Err(AppError::BadRequest(
                "The confirmation did not say which state of the plan was checked. Upload the file again."
                    .into(),
            ));
        }
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
    let written = match &guard {
        Some(guard) => {
            state
                .store
                .import_guarded(&actor, &doc.partnership, &source, mode, guard)
                .await
        }
        None => {
            state
                .store
                .import_partnership(&actor, &doc.partnership, &source, mode)
                .await
        }
    };
    let outcome = match written {
        Ok(outcome) => outcome,
        Err(StoreError::Conflict { what }) => return conflict(&state, &access, &what).await,
        Err(e) => return Err(e.into()),
    };
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

/// The import page again with the conflict's lines in its error summary, answered 409.
pub(super) async fn conflict(
    state: &AppState,
    access: &PartnershipAccess,
    what: &str,
) -> Result<Response, AppError> {
    let errors = what.lines().map(|l| ("document", l.to_string())).collect();
    let mut res = page(state, access, errors, None).await?;
    *res.status_mut() = axum::http::StatusCode::CONFLICT;
    Ok(res)
}
