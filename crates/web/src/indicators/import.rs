//! The indicator import page, for business managers and administrators: upload a file of
//! published values (DfE's CSV layout, long CSV, XLSX, ODS) or DfE's statistical neighbours
//! model, and see what it did — or every problem with it, each naming its line, with nothing
//! written. Lists the files imported before.
//!
//! [`import_file`] is the plain function behind the form, for the JSON API too.

use askama::Template;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;
use indicators::{FileContents, FileFormat, read_file};
use serde::Serialize;
use store::{IndicatorFormat, IndicatorImport, IndicatorImportOutcome, IndicatorSource};

use super::catalogue;
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::limits::{MAX_FILE_BYTES, MAX_UPLOAD_BYTES, stated};
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::pages::upload::csrf_first;
use crate::routes::{Routes, get};
use crate::view::AsAtQuery;

/// Uploads are held to the same limits as evidence files (the biggest DfE file is 0.4 MB).
pub fn routes() -> Routes {
    Routes::new().route(
        "/p/{slug}/indicators/import",
        get(form).post(upload).body_limit(MAX_UPLOAD_BYTES),
    )
}

/// What an import did, or why it did nothing.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum ImportResult {
    Stored {
        format: FileFormat,
        rows_read: usize,
        #[serde(flatten)]
        outcome: IndicatorImportOutcome,
    },
    /// Every problem found (up to a hundred), each naming its place; nothing was written.
    Refused { problems: Vec<String>, more: usize },
}

/// Read `bytes` (uploaded as `name`) in `format` or the layout it shows, and store it for the
/// partnership `slug` as `actor`. A file with any problem writes nothing.
pub async fn import_file(
    state: &AppState,
    slug: &str,
    actor: &str,
    name: &str,
    bytes: &[u8],
    format: Option<FileFormat>,
    published_on: Option<jiff::civil::Date>,
) -> Result<ImportResult, AppError> {
    let (format, contents) = match read_file(name, bytes, format, catalogue()) {
        Ok(read) => read,
        Err(errors) => {
            return Ok(ImportResult::Refused {
                problems: errors.errors.iter().map(ToString::to_string).collect(),
                more: errors.more,
            });
        }
    };
    let source = IndicatorSource {
        file_name: name.to_owned(),
        sha256: hex::encode(<sha2::Sha256 as sha2::Digest>::digest(bytes)),
        format: IndicatorFormat::from(format),
        published_on,
    };
    let now = jiff::Timestamp::now();
    let (outcome, rows_read) = match &contents {
        FileContents::Values(values) => (
            state
                .store
                .import_indicator_values(slug, actor, values, &source, now)
                .await?,
            values.rows_read,
        ),
        FileContents::Neighbours(model) => (
            state
                .store
                .import_neighbours(slug, actor, model, &source, now)
                .await?,
            model.len(),
        ),
    };
    Ok(ImportResult::Stored {
        format,
        rows_read,
        outcome,
    })
}

#[derive(Template)]
#[template(path = "indicators_import.html")]
struct ImportPage {
    nav: Nav,
    csrf: String,
    formats: Vec<(&'static str, &'static str, bool)>,
    published: String,
    errors: Vec<(&'static str, String)>,
    problems: Vec<String>,
    more: usize,
    done: Option<String>,
    imports: Vec<IndicatorImport>,
    list_href: String,
}

fn refuse_unless_manager(access: &PartnershipAccess) -> Result<(), AppError> {
    if access.membership.may_edit_plan() {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Only the business manager or an administrator can import indicator files.".into(),
        ))
    }
}

async fn page(
    state: &AppState,
    access: &PartnershipAccess,
    chosen: Option<FileFormat>,
) -> Result<ImportPage, AppError> {
    let l = access.view(state, &AsAtQuery::default()).await?;
    let mut formats = vec![("", "Tell from the file", chosen.is_none())];
    formats.extend(
        FileFormat::ALL
            .into_iter()
            .map(|f| (f.as_str(), f.describe(), chosen == Some(f))),
    );
    Ok(ImportPage {
        nav: Nav::new(&l, "indicators"),
        csrf: access.user.csrf.clone(),
        formats,
        published: String::new(),
        errors: Vec::new(),
        problems: Vec::new(),
        more: 0,
        done: None,
        imports: state.store.indicator_imports(&access.slug).await?,
        list_href: format!("/p/{}/indicators", access.slug),
    })
}

pub async fn form(
    State(state): State<AppState>,
    access: PartnershipAccess,
) -> Result<Response, AppError> {
    refuse_unless_manager(&access)?;
    render(&page(&state, &access, None).await?)
}

/// The form's fields.
#[derive(Default)]
struct Fields {
    format: String,
    published: String,
    file: Option<(String, Vec<u8>)>,
}

/// The fields after the CSRF token, which [`csrf_first`] has read.
async fn fields(mut multipart: Multipart) -> Result<Fields, AppError> {
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        AppError::BadRequest(format!(
            "The form could not be read ({e}). Files can be {}: check the file's size and try again.",
            stated()
        ))
    };
    let mut f = Fields::default();
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let bytes = field.bytes().await.map_err(unreadable)?;
            if bytes.len() > MAX_FILE_BYTES {
                return Err(AppError::BadRequest(format!(
                    "{file_name} is larger than files can be ({}). Nothing was imported.",
                    stated()
                )));
            }
            if !file_name.is_empty() {
                f.file = Some((file_name, bytes.to_vec()));
            }
            continue;
        }
        let value = field.text().await.map_err(unreadable)?;
        match name.as_str() {
            "format" => f.format = value,
            "published" => f.published = value.trim().to_owned(),
            _ => {}
        }
    }
    Ok(f)
}

/// The session (the extractor), the role and the CSRF token are checked before the file is
/// read: see `pages::upload`.
pub async fn upload(
    State(state): State<AppState>,
    access: PartnershipAccess,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    refuse_unless_manager(&access)?;
    csrf_first(&mut multipart, &access.user).await?;
    let f = fields(multipart).await?;
    let format = FileFormat::parse(&f.format);
    let mut p = page(&state, &access, format).await?;
    p.published = f.published.clone();
    let published = if f.published.is_empty() {
        None
    } else {
        match f.published.parse::<jiff::civil::Date>() {
            Ok(day) => Some(day),
            Err(_) => {
                p.errors.push((
                    "published",
                    "Give the publication date as a real date, for example 2025-11-06".into(),
                ));
                None
            }
        }
    };
    let Some((name, bytes)) = f.file.filter(|(_, b)| !b.is_empty()) else {
        p.errors.push(("file", "Choose a file to import".into()));
        return refused(p);
    };
    if !p.errors.is_empty() {
        return refused(p);
    }
    let actor = access.user.account.display_name.clone();
    match import_file(
        &state,
        &access.slug,
        &actor,
        &name,
        &bytes,
        format,
        published,
    )
    .await?
    {
        ImportResult::Refused { problems, more } => {
            p.errors.push((
                "file",
                format!("{name} was not imported: nothing in it was saved. Fix the problems below and upload it again."),
            ));
            p.problems = problems;
            p.more = more;
            refused(p)
        }
        ImportResult::Stored {
            format,
            rows_read,
            outcome,
        } => {
            p.done = Some(describe(&name, format, rows_read, &outcome));
            p.imports = state.store.indicator_imports(&access.slug).await?;
            render(&p)
        }
    }
}

fn refused(page: ImportPage) -> Result<Response, AppError> {
    let mut res = render(&page)?;
    *res.status_mut() = StatusCode::BAD_REQUEST;
    Ok(res)
}

/// One sentence on what an import did.
pub fn describe(
    name: &str,
    format: FileFormat,
    rows_read: usize,
    outcome: &IndicatorImportOutcome,
) -> String {
    match outcome {
        IndicatorImportOutcome::Imported { .. } if format == FileFormat::Neighbours => {
            format!("Imported {name}: the statistical neighbours of {rows_read} authorities.")
        }
        IndicatorImportOutcome::Imported {
            added,
            revised,
            unchanged,
            ..
        } => format!(
            "Imported {name} ({rows_read} rows): {added} values added, {revised} revised (the \
             earlier values are kept), {unchanged} unchanged."
        ),
        IndicatorImportOutcome::AlreadyImported {
            file_name,
            imported_at,
        } => format!(
            "{name} had already been imported (as {file_name}, at {imported_at}). Nothing was added."
        ),
    }
}
