//! Adding a document (with its first file, if one is chosen) and adding a version to one: the
//! board's officers only. Uploads are `multipart/form-data` with the CSRF token first, and the
//! role and token are checked before the file is read (`pages::upload`). A form that cannot
//! be saved comes back as filled in, with what is wrong beside each field (400, nothing
//! written); a refused file is named with the reason.

use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::Date;
use domain::documents::{DocumentKind, NewDocument};
use store::{NewFile, Stamp, StoreError};

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::limits;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::pages::upload::csrf_first;
use crate::view::AsAtQuery;

use super::document::{build, not_found};
use super::officers_only;

/// The form as sent: every field text, and the file if one was chosen.
#[derive(Debug, Default)]
pub struct Fields {
    pub kind: String,
    pub title: String,
    pub owner: String,
    pub subgroup: String,
    pub review_due: String,
    pub note: String,
    pub file: Option<NewFile>,
}

#[derive(Template)]
#[template(path = "documents/form.html")]
pub struct FormPage {
    pub nav: Nav,
    pub action: String,
    pub csrf: String,
    pub f: Fields,
    pub errors: Vec<(&'static str, String)>,
    pub kinds: Vec<(&'static str, &'static str)>,
    /// (id, title) of each lead role.
    pub roles: Vec<(String, String)>,
    pub subgroups: Vec<String>,
    pub limits: String,
    pub back: String,
}

impl FormPage {
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

/// Read the form's fields after its token; a file field with no file chosen is left out.
async fn read(mut multipart: Multipart) -> Result<Fields, AppError> {
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        AppError::BadRequest(format!(
            "The form could not be read ({e}). If you chose a file, check its size: a file can \
             be {}.",
            limits::stated()
        ))
    };
    let mut f = Fields::default();
    while let Some(field) = multipart.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "file" {
            let file_name = field.file_name().unwrap_or_default().to_string();
            let bytes = field.bytes().await.map_err(unreadable)?;
            if !file_name.is_empty() || !bytes.is_empty() {
                f.file = Some(NewFile {
                    name: file_name,
                    bytes: bytes.to_vec(),
                    note: None,
                });
            }
            continue;
        }
        let value = field.text().await.map_err(unreadable)?;
        match name.as_str() {
            "kind" => f.kind = value,
            "title" => f.title = value,
            "owner" => f.owner = value,
            "subgroup" => f.subgroup = value,
            "review_due" => f.review_due = value,
            "note" => f.note = value,
            _ => {}
        }
    }
    let note = Some(f.note.clone()).filter(|n| !n.trim().is_empty());
    if let Some(file) = &mut f.file {
        file.note = note;
    }
    Ok(f)
}

impl Fields {
    /// The document the form describes, or each field's problem.
    fn document(&self) -> Result<NewDocument, Vec<(&'static str, String)>> {
        let mut errors = Vec::new();
        let kind = self.kind.parse::<DocumentKind>().unwrap_or_else(|_| {
            errors.push(("kind", "Choose what kind of document it is".to_string()));
            DocumentKind::Other
        });
        let review_due = match self.review_due.trim() {
            "" => None,
            t => t
                .parse::<Date>()
                .map_err(|_| {
                    errors.push(("review_due", "The review date must be a real date".into()))
                })
                .ok(),
        };
        let d = NewDocument {
            kind,
            title: self.title.clone(),
            owner: self.owner.clone(),
            subgroup: Some(self.subgroup.clone()),
            review_due,
        }
        .tidied();
        if let Err((field, e)) = d.check() {
            errors.push((field, format!("{} {}", e.problem, e.fix)));
        }
        if errors.is_empty() {
            Ok(d)
        } else {
            Err(errors)
        }
    }
}

async fn form_page(
    state: &AppState,
    access: &PartnershipAccess,
    f: Fields,
    errors: Vec<(&'static str, String)>,
) -> Result<FormPage, AppError> {
    let l = access.view(state, &AsAtQuery::default()).await?;
    Ok(FormPage {
        action: format!("/p/{}/documents", access.slug),
        csrf: access.user.csrf.clone(),
        f,
        errors,
        kinds: DocumentKind::ALL
            .iter()
            .map(|k| (k.as_str(), k.label()))
            .collect(),
        roles: l
            .partnership
            .roles
            .iter()
            .map(|r| (r.id.clone(), r.title.clone()))
            .collect(),
        subgroups: l
            .partnership
            .subgroups
            .iter()
            .map(|s| s.name.clone())
            .collect(),
        limits: limits::stated(),
        back: format!("/p/{}/documents", access.slug),
        nav: Nav::new(&l, "documents"),
    })
}

/// A store refusal as a field's error (the store names the field: `owner: …`); anything else
/// is the request's failure.
fn refusal(e: StoreError) -> Result<(&'static str, String), AppError> {
    const FIELDS: [&str; 7] = [
        "kind",
        "title",
        "owner",
        "subgroup",
        "review_due",
        "file",
        "meeting",
    ];
    match e {
        StoreError::InvalidData { what } => {
            let (field, message) = what
                .split_once(": ")
                .and_then(|(f, m)| FIELDS.iter().find(|k| **k == f).map(|k| (*k, m)))
                .unwrap_or(("title", what.as_str()));
            Ok((field, message.to_string()))
        }
        StoreError::Conflict { what } => Ok(("title", what)),
        e => Err(e.into()),
    }
}

/// `GET /p/{slug}/documents/new`.
pub async fn new(
    State(state): State<AppState>,
    access: PartnershipAccess,
) -> Result<Response, AppError> {
    officers_only(&access, "the document register")?;
    render(&form_page(&state, &access, Fields::default(), Vec::new()).await?)
}

async fn refuse(
    state: &AppState,
    access: &PartnershipAccess,
    f: Fields,
    errors: Vec<(&'static str, String)>,
) -> Result<Response, AppError> {
    let mut res = render(&form_page(state, access, f, errors).await?)?;
    *res.status_mut() = StatusCode::BAD_REQUEST;
    Ok(res)
}

/// `POST /p/{slug}/documents`: add a document, with its first file if one was chosen.
pub async fn create(
    State(state): State<AppState>,
    access: PartnershipAccess,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    officers_only(&access, "the document register")?;
    csrf_first(&mut multipart, &access.user).await?;
    let f = read(multipart).await?;
    let d = match f.document() {
        Ok(d) => d,
        Err(errors) => return refuse(&state, &access, f, errors).await,
    };
    let actor = access.user.account.display_name.clone();
    match state
        .store
        .add_document(&access.slug, Stamp::now(&actor), &d, f.file.as_ref())
        .await
    {
        Ok(d) => {
            Ok(Redirect::to(&format!("/p/{}/documents/{}", access.slug, d.id)).into_response())
        }
        Err(e) => {
            let errors = vec![refusal(e)?];
            refuse(&state, &access, f, errors).await
        }
    }
}

/// `POST /p/{slug}/documents/{id}/versions`: add a version with its file.
pub async fn add_version(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, String)>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    officers_only(&access, "the document register")?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    let d = state
        .store
        .document(&access.slug, id)
        .await
        .map_err(not_found)?;
    csrf_first(&mut multipart, &access.user).await?;
    let f = read(multipart).await?;
    let refused = |errors| async {
        let l = access.view(&state, &AsAtQuery::default()).await?;
        let mut res = render(&build(&l, &access, &d, errors))?;
        *res.status_mut() = StatusCode::BAD_REQUEST;
        Ok::<_, AppError>(res)
    };
    let Some(file) = f.file else {
        return refused(vec![("file", "Choose the file of the new version".into())]).await;
    };
    let actor = access.user.account.display_name.clone();
    match state
        .store
        .add_document_version(&access.slug, Stamp::now(&actor), id, &file)
        .await
    {
        Ok(_) => Ok(
            Redirect::to(&format!("/p/{}/documents/{id}#versions", access.slug)).into_response(),
        ),
        Err(e) => refused(vec![refusal(e)?]).await,
    }
}
