//! Posting a progress update from the action page: the form (multipart, with an evidence
//! file or link), checked field by field, then recorded. Each write names the action version
//! the person saw, so a second person's change is never silently overwritten.

use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::{Percent, Rag};
use store::{ActionKey, NewEvidence, NewUpdate, Stamp, StoreError};

use super::action::{RAG_CHOICES, page};
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::{AppError, urlencode};
use crate::limits;
use crate::pages::upload::csrf_first;
use crate::view::{AsAtQuery, Loaded, today};

/// The update form's values and errors.
pub struct UpdateForm {
    pub action: String,
    pub csrf: String,
    pub version: i64,
    pub rags: [(&'static str, &'static str, &'static str); 5],
    pub rag: String,
    pub percent: String,
    pub as_of: String,
    pub today: String,
    pub narrative: String,
    pub link: String,
    /// What an evidence file may be, as the API and the docs say it.
    pub evidence_hint: String,
    pub errors: Vec<(&'static str, String)>,
}

impl UpdateForm {
    pub fn blank(l: &Loaded, id: &str, csrf: &str, version: i64) -> Self {
        Self {
            action: format!("/p/{}/actions/{}/updates", l.slug, urlencode(id)),
            csrf: csrf.to_string(),
            version,
            rags: RAG_CHOICES,
            rag: String::new(),
            percent: String::new(),
            as_of: today().to_string(),
            today: today().to_string(),
            narrative: String::new(),
            link: String::new(),
            evidence_hint: format!(
                "PDF, Word, Excel, OpenDocument, PNG, JPEG, text or CSV: {}.",
                limits::stated()
            ),
            errors: vec![],
        }
    }

    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

/// The action's key in the current plan, refusing what the person may not see.
pub(super) async fn key_of(
    state: &AppState,
    access: &PartnershipAccess,
    id: &str,
) -> Result<(ActionKey, Vec<String>), AppError> {
    let l = access.view(state, &AsAtQuery::default()).await?;
    let plan = l.plan().ok_or(AppError::NotFound)?;
    let (o, a) = l.action(id).ok_or(AppError::NotFound)?;
    Ok((
        ActionKey::new(plan.title.clone(), a.id.clone()),
        o.leads_for(a).to_vec(),
    ))
}

pub(super) fn conflict_or(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict { what } => AppError::Conflict(format!(
            "{what}. Nothing you entered has been saved: go back to the action, reload it to see the change, then post your update again."
        )),
        other => AppError::Store(other),
    }
}

/// The session (the extractor), the role and the CSRF token are checked before the evidence
/// is read: see `pages::upload`.
pub async fn post_update(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, String)>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let (key, leads) = key_of(&state, &access, &id).await?;
    if !access.membership.may_update(&leads) {
        return Err(AppError::Forbidden(
            "Only the action's lead, the business manager or an administrator can post updates on this action.".into(),
        ));
    }
    csrf_first(&mut multipart, &access.user).await?;
    let mut f = Fields::default();
    while let Some(field) = multipart.next_field().await.map_err(|e| {
        AppError::BadRequest(format!(
            "The form could not be read ({e}). If you attached a file, check its size: evidence \
             can be {}.",
            limits::stated()
        ))
    })? {
        let name = field.name().unwrap_or_default().to_string();
        if name == "evidence" {
            let file_name = field.file_name().unwrap_or_default().to_string();
            let bytes = field.bytes().await.map_err(|_| {
                AppError::BadRequest(format!(
                    "The evidence file could not be read. Evidence can be {}.",
                    limits::stated()
                ))
            })?;
            if !file_name.is_empty() && !bytes.is_empty() {
                f.files.push(NewEvidence::File {
                    name: file_name,
                    bytes: bytes.to_vec(),
                });
            }
            continue;
        }
        let value = field
            .text()
            .await
            .map_err(|_| AppError::BadRequest("The form could not be read.".into()))?;
        f.set(&name, value);
    }
    let l = access.view(&state, &AsAtQuery::default()).await?;
    let mut form = UpdateForm::blank(&l, &id, &access.user.csrf, f.version);
    form.rag = f.rag.clone();
    form.percent = f.percent.clone();
    form.as_of = f.as_of.clone();
    form.narrative = f.narrative.clone();
    form.link = f.link.clone();
    let update = match f.check(today()) {
        Ok(u) => u,
        Err(errors) => {
            form.errors = errors;
            return page(
                &state,
                &access,
                &id,
                &AsAtQuery::default(),
                Some(form),
                None,
            )
            .await;
        }
    };
    let actor = access.user.account.display_name.clone();
    match state
        .store
        .record_update(&access.slug, Stamp::now(&actor), &key, f.version, update)
        .await
    {
        Ok(_) => {
            crate::view::refresh_soon(&state, &access.slug);
            Ok(Redirect::to(&format!(
                "/p/{}/actions/{}?done=update#updates",
                access.slug,
                urlencode(&id)
            ))
            .into_response())
        }
        Err(StoreError::InvalidData { what }) => {
            let field = if what.contains("evidence") || what.contains("file") {
                "evidence"
            } else {
                "narrative"
            };
            form.errors = vec![(field, capitalise(&what))];
            page(
                &state,
                &access,
                &id,
                &AsAtQuery::default(),
                Some(form),
                None,
            )
            .await
        }
        Err(e) => Err(conflict_or(e)),
    }
}

#[derive(Default)]
struct Fields {
    version: i64,
    rag: String,
    percent: String,
    as_of: String,
    narrative: String,
    link: String,
    files: Vec<NewEvidence>,
}

impl Fields {
    fn set(&mut self, name: &str, value: String) {
        match name {
            "version" => self.version = value.trim().parse().unwrap_or(-1),
            "rag" => self.rag = value,
            "percent" => self.percent = value.trim().to_string(),
            "as_of" => self.as_of = value.trim().to_string(),
            "narrative" => self.narrative = value,
            "link" => self.link = value.trim().to_string(),
            _ => {}
        }
    }

    /// The update, or every problem with the form, each tied to its field.
    fn check(&self, today: domain::Date) -> Result<NewUpdate, Vec<(&'static str, String)>> {
        let mut errors = Vec::new();
        let rag = match self.rag.parse::<Rag>() {
            Ok(r) => Some(r),
            Err(_) => {
                errors.push(("rag", "Select how the action is going".to_string()));
                None
            }
        };
        let percent = if self.percent.is_empty() {
            None
        } else {
            match self.percent.parse::<Percent>() {
                Ok(p) => Some(p),
                Err(_) => {
                    errors.push((
                        "percent",
                        "Percent complete must be a whole number from 0 to 100".to_string(),
                    ));
                    None
                }
            }
        };
        let as_of = match domain::progress::parse_date(&self.as_of, today) {
            Ok(d) => Some(d),
            Err(_) if self.as_of.is_empty() => {
                errors.push(("as_of", "Enter the date this update speaks for".to_string()));
                None
            }
            Err(_) => {
                errors.push((
                    "as_of",
                    format!("The date must be a real date, no later than today ({today})"),
                ));
                None
            }
        };
        if self.narrative.trim().is_empty() {
            errors.push((
                "narrative",
                "Say what has happened and what is next".to_string(),
            ));
        }
        let mut evidence = self.files.clone();
        if !self.link.is_empty() {
            if self.link.starts_with("https://") || self.link.starts_with("http://") {
                evidence.push(NewEvidence::Link {
                    url: self.link.clone(),
                    title: None,
                });
            } else {
                errors.push((
                    "link",
                    "The evidence link must be a web address starting https://".to_string(),
                ));
            }
        }
        match (rag, as_of, errors.is_empty()) {
            (Some(rag), Some(as_of), true) => Ok(NewUpdate {
                rag,
                percent,
                narrative: self.narrative.trim().to_string(),
                as_of,
                evidence,
                corrects: None,
            }),
            _ => Err(errors),
        }
    }
}

pub(super) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}
