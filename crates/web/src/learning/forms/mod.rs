//! The learning forms of the board's officers (business manager, administrator): adding a
//! course ([`course`]), adding a session to one ([`session`]), and setting a case review
//! recommendation's status ([`recommendation`]: not implemented only with its reasons).
//!
//! Each is a plain HTML form carrying the session's CSRF token; the role is checked before
//! the token and the token before anything is read. A form that cannot be saved comes back
//! as filled in, with what is wrong beside each field (400, nothing written). They call the
//! same store methods as the command line, which check everything again and write the
//! change log with the signed-in person as the actor.

pub mod course;
pub mod recommendation;
pub mod session;

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use store::StoreError;

use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;

/// Refuse anyone but the board's officers.
pub(crate) fn officers_only(access: &PartnershipAccess, what: &str) -> Result<(), AppError> {
    if access.membership.may_manage_governance() {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "Only the board's business manager or an administrator can change {what}."
        )))
    }
}

/// One field of a form.
pub struct Field {
    pub name: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    /// text, number, date, select or textarea.
    pub kind: &'static str,
    pub value: String,
    /// (value, label) of a select's choices.
    pub options: Vec<(&'static str, &'static str)>,
}

impl Field {
    pub fn new(name: &'static str, label: &'static str, kind: &'static str, value: &str) -> Self {
        Self {
            name,
            label,
            hint: "",
            kind,
            value: value.to_string(),
            options: Vec::new(),
        }
    }

    pub fn hint(mut self, hint: &'static str) -> Self {
        self.hint = hint;
        self
    }

    pub fn options(mut self, options: Vec<(&'static str, &'static str)>) -> Self {
        self.options = options;
        self
    }
}

#[derive(Template)]
#[template(path = "learning/form.html")]
pub struct FormPage {
    pub nav: Nav,
    pub caption: String,
    pub heading: String,
    /// What the form is about (a recommendation's text), shown above it.
    pub about: String,
    pub action: String,
    pub csrf: String,
    pub fields: Vec<Field>,
    pub errors: Vec<(&'static str, String)>,
    pub back: String,
    pub back_label: &'static str,
}

impl FormPage {
    /// The error for `field`, if any (for the field's own message).
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

/// The page, with 400 when it comes back with errors.
pub(crate) fn show(page: &FormPage) -> Result<Response, AppError> {
    let mut res = render(page)?;
    if !page.errors.is_empty() {
        *res.status_mut() = StatusCode::BAD_REQUEST;
    }
    Ok(res)
}

/// A store refusal as a field's error: the store names the field (`priorities: …`), else
/// `otherwise` takes it; a conflict goes to `otherwise` too. Anything else is the request's
/// failure.
pub(crate) fn refusal(
    e: StoreError,
    fields: &[&'static str],
    otherwise: &'static str,
) -> Result<(&'static str, String), AppError> {
    match e {
        StoreError::InvalidData { what } => Ok(what
            .split_once(": ")
            .and_then(|(f, m)| {
                fields
                    .iter()
                    .find(|k| **k == f)
                    .map(|k| (*k, m.to_string()))
            })
            .unwrap_or((otherwise, what))),
        StoreError::Conflict { what } => Ok((otherwise, what)),
        e => Err(e.into()),
    }
}

/// Not found for another partnership's record (or none), else the store's failure.
pub(crate) fn not_found(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound { .. } => AppError::NotFound,
        e => e.into(),
    }
}
