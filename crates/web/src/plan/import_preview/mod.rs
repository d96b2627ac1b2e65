//! Importing a plan in the board's own tables (DOCX, ODT, XLSX, ODS, CSV, PDF) from the
//! browser: the upload (the import page's `check`, which hands such a file here) is held on
//! the server (`store::HeldUpload`, by a random token, for this partnership and account
//! only), and a preview shows each column heading with the field it was read as and each
//! status value with its rating, in drop-downs, the rows as read, and every warning and
//! inference. "Preview again" reads the held file with the choices (`choices`: the same
//! overrides as `--map` and `--status-scale`); "Import" writes the plan and each rated row's
//! first progress update as `boardplan import` does (`store::FirstUpdates`), or records the
//! document as a later version of a stored plan (`--update-plan`). No JavaScript is needed:
//! both buttons submit the one form.
//!
//! For the board's officers only, as the import page; CSRF-checked; an upload that is not
//! this person's, here, is refused as no longer held.

mod choices;
mod view;

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use domain::{Date, Partnership, PlanMark};
use formats::document::DocumentKind;
use formats::plan_tables::{self, Format, Imported, Overrides};
use store::{
    FirstUpdates, HeldUpload, ImportGuard, ImportMode, ImportOutcome, LaterVersion, Source, Stamp,
    StoreError, TakenFrom,
};

use self::choices::{Choices, Fields};
use self::view::PreviewView;
use super::import_export::{conflict, officers_only, page};
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::auth::token;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::routes::Routes;
use crate::view::{AsAtQuery, today};

pub fn routes() -> Routes {
    use crate::routes::post;
    Routes::new().route("/p/{slug}/import/preview", post(again))
}

#[derive(Template)]
#[template(path = "import_preview.html")]
struct PreviewPage {
    nav: Nav,
    csrf: String,
    errors: Vec<(&'static str, String)>,
    p: PreviewView,
}

/// A board's own tables uploaded on the import page: read them as they are, hold the file
/// for the preview, and show it. A file that cannot be read is refused with nothing held.
pub async fn start(
    state: &AppState,
    access: &PartnershipAccess,
    name: String,
    bytes: Vec<u8>,
    format: Format,
) -> Result<Response, AppError> {
    let imported = match plan_tables::import_with(format, &bytes, &name, &Overrides::default()) {
        Ok(i) => i,
        Err(e) => {
            let message = format!("{name}, {e} Nothing was saved.");
            return page(state, access, vec![("document", message)], None).await;
        }
    };
    let stored = stored(state, &access.slug).await?;
    let mut choices = Choices {
        as_of: default_as_of(format, &bytes).to_string(),
        ..Choices::default()
    };
    let matched_by = store::later_version_of(&stored, &imported.partnership).map(|(plan, by)| {
        choices.later = Some(plan.title.clone());
        by
    });
    let token = token::random();
    let upload = HeldUpload {
        file_name: name,
        bytes,
    };
    state
        .store
        .hold_upload(
            &access.slug,
            access.user.account.id,
            &token::hash(&token),
            &upload,
            jiff::Timestamp::now(),
        )
        .await?;
    let p = preview(state, access, &stored, &upload, imported, choices, token).await?;
    show(state, access, vec![], PreviewView { matched_by, ..p }).await
}

/// The date the status speaks for unless chosen: the day the document says it was saved,
/// when not after today, else today (as `--as-of` defaults).
fn default_as_of(format: Format, bytes: &[u8]) -> Date {
    let today = today();
    plan_tables::document_date(format, bytes)
        .filter(|d| *d <= today)
        .unwrap_or(today)
}

async fn stored(state: &AppState, slug: &str) -> Result<Partnership, AppError> {
    state
        .store
        .load_partnership(slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// The preview of `imported` with `choices`, held under `token`.
async fn preview(
    state: &AppState,
    access: &PartnershipAccess,
    stored: &Partnership,
    upload: &HeldUpload,
    imported: Imported,
    choices: Choices,
    token: String,
) -> Result<PreviewView, AppError> {
    let file_name = upload.file_name.as_str();
    let (warnings, inferred, counts) = view::findings(&imported);
    let seen = match stored.plans.last() {
        Some(plan) => {
            state
                .store
                .plan_mark(&access.slug, &plan.title, None)
                .await?
        }
        None => None,
    };
    let as_of = choices.as_of_date(today()).unwrap_or_else(|_| today());
    let first = FirstUpdates::from_preview(&imported.preview, file_name, as_of);
    let changes = match &choices.later {
        Some(plan) if stored.plans.iter().any(|p| &p.title == plan) => {
            let progress = first.progress();
            let document = in_partnership(imported.partnership.clone(), stored);
            let source = source(file_name, &upload.bytes);
            let lv = LaterVersion {
                plan,
                document: &document,
                source: &source,
                progress: &progress,
                as_of,
            };
            match state.store.compare_later_version(&access.slug, &lv).await {
                Ok(c) => Some(view::changes(&c, &first)),
                Err(StoreError::InvalidData { what }) => Some(view::ChangesView {
                    plan: plan.clone(),
                    summary: format!("It cannot be recorded on \"{plan}\": {what}"),
                    sections: vec![],
                }),
                Err(e) => return Err(e.into()),
            }
        }
        _ => None,
    };
    let p = &imported.preview;
    Ok(PreviewView {
        token,
        file_name: file_name.to_string(),
        title: p.title.clone(),
        board: p.board.clone(),
        period: format!("{} to {}", p.period.start, p.period.end),
        columns: view::columns(p),
        fields: choices::field_options(),
        statuses: view::statuses(p),
        ratings: choices::rating_options(),
        rows: view::rows(p),
        warnings,
        inferred,
        counts,
        first: first.describe(false),
        fingerprint: choices.fingerprint(),
        choices,
        plans: stored.plans.iter().map(|p| p.title.clone()).collect(),
        matched_by: None,
        changes,
        seen_version: seen.as_ref().map(|s| s.version),
        seen_edit: seen.as_ref().map(|s| s.edit),
        notice: None,
    })
}

/// The document imported under this partnership's name, as the import page imports any
/// document that is not a sheet.
fn in_partnership(mut doc: Partnership, stored: &Partnership) -> Partnership {
    doc.name = stored.name.clone();
    doc
}

fn source(file_name: &str, bytes: &[u8]) -> Source {
    Source {
        name: file_name.to_string(),
        sha256: formats::sha256_hex(bytes),
    }
}

async fn show(
    state: &AppState,
    access: &PartnershipAccess,
    errors: Vec<(&'static str, String)>,
    p: PreviewView,
) -> Result<Response, AppError> {
    let l = access.view(state, &AsAtQuery::default()).await?;
    let bad = !errors.is_empty();
    let mut res = render(&PreviewPage {
        nav: Nav::new(&l, "import"),
        csrf: access.user.csrf.clone(),
        errors,
        p,
    })?;
    if bad {
        *res.status_mut() = StatusCode::BAD_REQUEST;
    }
    Ok(res)
}

/// "Preview again" and "Import": read the held file with the form's choices, then show it,
/// or import it when the choices are the ones the person saw.
pub async fn again(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    officers_only(&access)?;
    access
        .user
        .check_csrf(f.get("csrf").map_or("", String::as_str))?;
    let token = f.get("token").map_or("", |t| t.trim()).to_string();
    let held = state
        .store
        .held_upload(
            &access.slug,
            access.user.account.id,
            &token::hash(&token),
            jiff::Timestamp::now(),
        )
        .await?;
    // Answered as any refused form is (400, on the import page), whoever asks: a 404 page
    // may not carry the partnership's name, and this one shows the upload form again.
    let Some(upload) = held else {
        return page(
            &state,
            &access,
            vec![(
                "document",
                "That upload is no longer held: it was imported, an hour has passed, or you \
                 uploaded another file since. Upload the file again."
                    .into(),
            )],
            None,
        )
        .await;
    };
    let DocumentKind::Tables(format) = DocumentKind::detect(&upload.file_name, &upload.bytes)
    else {
        return Err(AppError::BadRequest(
            "That upload is not a plan in tables. Upload the file again.".into(),
        ));
    };
    let (choices, mut errors) = choices::read(&f);
    if let Err(e) = choices.as_of_date(today()) {
        errors.push(e);
    }
    // The file is read once (a long PDF's reading is most of a preview's time); the choices
    // apply to what was read.
    let read = plan_tables::blocks(format, &upload.bytes).and_then(|blocks| {
        match plan_tables::from_blocks_with(&blocks, &upload.file_name, &choices.overrides) {
            Ok(i) => Ok(i),
            Err(e) => {
                errors.push(format!("{}, {e} Nothing was saved.", upload.file_name));
                // The file as it reads without the choices, so that they can be changed.
                plan_tables::from_blocks(&blocks, &upload.file_name)
            }
        }
    });
    let imported = match read {
        Ok(i) => i,
        Err(e) => {
            let message = format!("{}, {e} Nothing was saved.", upload.file_name);
            return page(&state, &access, vec![("document", message)], None).await;
        }
    };
    let stored = stored(&state, &access.slug).await?;
    let wants_import = f.get("do").map(String::as_str) == Some("import");
    let saw = f.get("choices").map_or("", |c| c.trim());
    if wants_import && errors.is_empty() && saw == choices.fingerprint() {
        return import(
            &state, &access, &f, &stored, &upload, imported, &choices, &token,
        )
        .await;
    }
    let mut p = preview(&state, &access, &stored, &upload, imported, choices, token).await?;
    if wants_import && errors.is_empty() {
        p.notice = Some(
            "You changed a choice since the preview you saw, so nothing was imported: check \
             the preview below and press Import again."
                .into(),
        );
    }
    let errors = errors.into_iter().map(|e| ("choices", e)).collect();
    show(&state, &access, errors, p).await
}

/// Write what the preview showed: a new plan (or a new version) with its first updates, or
/// the changes of a later version on the stored plan. The upload is then let go.
#[allow(clippy::too_many_arguments)]
async fn import(
    state: &AppState,
    access: &PartnershipAccess,
    f: &Fields,
    stored: &Partnership,
    upload: &HeldUpload,
    imported: Imported,
    choices: &Choices,
    token: &str,
) -> Result<Response, AppError> {
    let as_of = choices.as_of_date(today()).map_err(AppError::BadRequest)?;
    let name = &upload.file_name;
    let mut first = FirstUpdates::from_preview(&imported.preview, name, as_of);
    let source = source(name, &upload.bytes);
    let doc = in_partnership(imported.partnership, stored);
    let actor = access.user.account.display_name.clone();
    let message = match &choices.later {
        Some(plan) => {
            let progress = first.progress();
            let lv = LaterVersion {
                plan,
                document: &doc,
                source: &source,
                progress: &progress,
                as_of,
            };
            let written = state
                .store
                .record_later_version(&access.slug, Stamp::now(&actor), &lv)
                .await;
            match written {
                Ok(c) if c.is_empty() => {
                    format!("{name} changes nothing in \"{plan}\"; nothing was written.")
                }
                Ok(c) => format!(
                    "{name} was recorded on \"{plan}\" as its later version: {} progress \
                     update(s), {} re-timing(s), {} re-wording(s) and {} new action(s).",
                    c.updates.len(),
                    c.retimed.len(),
                    c.reworded.len(),
                    c.added.len()
                ),
                Err(StoreError::InvalidData { what }) => {
                    return Err(AppError::BadRequest(format!(
                        "{name}: {what} Nothing was written."
                    )));
                }
                Err(StoreError::Conflict { what }) => return conflict(state, access, &what).await,
                Err(e) => return Err(e.into()),
            }
        }
        None => {
            let outcome = match new_plan(state, access, f, stored, &doc, &source, choices).await? {
                Ok(o) => o,
                Err(what) => return conflict(state, access, &what).await,
            };
            match outcome {
                ImportOutcome::AlreadyPresent {
                    plan_title,
                    version,
                    ..
                } => format!(
                    "{plan_title} is already here (version {version}); nothing was changed."
                ),
                ImportOutcome::Created {
                    plan_versions,
                    partnership,
                    ..
                }
                | ImportOutcome::Replaced {
                    plan_versions,
                    partnership,
                    ..
                } => {
                    let mut m = plan_versions
                        .iter()
                        .map(|(t, v)| format!("{t} version {v} recorded."))
                        .collect::<Vec<_>>()
                        .join(" ");
                    // The plan is stored; its first updates follow in their own transaction,
                    // as on the command line, so a failure says so rather than undoing it.
                    if let Some(plan) = doc.plans.first() {
                        state
                            .store
                            .record_first_updates(&partnership, &plan.title, &actor, &mut first)
                            .await
                            .map_err(|e| {
                                AppError::BadRequest(format!(
                                    "{name}: the plan was imported, but its first progress \
                                     updates were not recorded: {e}"
                                ))
                            })?;
                        m.push(' ');
                        m.push_str(&first.describe(true));
                    }
                    m
                }
            }
        }
    };
    state
        .store
        .drop_upload(&access.slug, access.user.account.id, &token::hash(token))
        .await?;
    let plan = format!("/p/{}/plan", access.slug);
    render(&crate::error::MessagePage {
        heading: "Import complete",
        message: &message,
        link: Some(&plan),
        link_text: "See the plan",
    })
}

/// Import the document as a plan, refused as a conflict (`Err`, its lines) when the stored
/// plan changed since the preview.
async fn new_plan(
    state: &AppState,
    access: &PartnershipAccess,
    f: &Fields,
    stored: &Partnership,
    doc: &Partnership,
    source: &Source,
    choices: &Choices,
) -> Result<Result<ImportOutcome, String>, AppError> {
    let number = |k: &str| f.get(k).and_then(|v| v.trim().parse::<i64>().ok());
    let mode = if choices.replace {
        ImportMode::Replace
    } else {
        ImportMode::New
    };
    let actor = access.user.account.display_name.clone();
    let written = match stored.plans.last() {
        None => {
            state
                .store
                .import_partnership(&actor, doc, source, mode)
                .await
        }
        Some(plan) => {
            let (Some(version), Some(edit)) = (number("seen_version"), number("seen_edit")) else {
                return Err(AppError::BadRequest(
                    "The form did not say which state of the plan the preview saw. Upload the \
                     file again."
                        .into(),
                ));
            };
            let guard = ImportGuard {
                title: plan.title.clone(),
                taken_from: TakenFrom::Document,
                seen: Some(PlanMark {
                    title: plan.title.clone(),
                    version,
                    edit,
                }),
                replace_anyway: false,
            };
            state
                .store
                .import_guarded(&actor, doc, source, mode, &guard)
                .await
        }
    };
    match written {
        Ok(o) => Ok(Ok(o)),
        Err(StoreError::Conflict { what }) => Ok(Err(what)),
        Err(e) => Err(e.into()),
    }
}
