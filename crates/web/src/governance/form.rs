//! Adding a person to the register and editing one: the board's officers only. A form that
//! cannot be saved comes back as filled in, with what is wrong beside each field (400,
//! nothing written); an edit carries the version it was opened at, so that a change someone
//! else saved meanwhile is never overwritten.

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::governance::{REGISTER_COLUMNS, expertise_tags};
use domain::{BoardRole, Date, Person};
use serde::Deserialize;
use store::{PersonRecord, Stamp, StoreError};

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::AsAtQuery;

/// The form as sent: every field text, read by the domain's rules.
#[derive(Debug, Default, Deserialize)]
pub struct MemberFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    agency: String,
    #[serde(default)]
    job_title: String,
    #[serde(default)]
    board_role: String,
    #[serde(default)]
    expertise: String,
    #[serde(default)]
    part: String,
    #[serde(default)]
    appointed: String,
    #[serde(default)]
    term_ends: String,
    #[serde(default)]
    deputy: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    account: String,
}

impl MemberFields {
    fn of(r: &PersonRecord) -> Self {
        let p = &r.person;
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let day = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
        Self {
            csrf: String::new(),
            version: r.version.to_string(),
            name: p.name.clone(),
            agency: text(&p.agency),
            job_title: text(&p.job_title),
            board_role: p.board_role.as_str().into(),
            expertise: p.expertise.join(", "),
            part: text(&p.part),
            appointed: day(p.appointed),
            term_ends: day(p.term_ends),
            deputy: text(&p.deputy),
            email: text(&p.email),
            account: text(&p.account),
        }
    }

    /// The person the form describes, or each field's problem.
    fn person(&self) -> Result<Person, Vec<(&'static str, String)>> {
        let mut errors = Vec::new();
        let role = self.board_role.parse::<BoardRole>().map_err(|_| {
            (
                "board_role",
                "Choose the part they take at the board".to_string(),
            )
        });
        let mut day = |field: &'static str, label: &str, t: &str| {
            let t = t.trim();
            if t.is_empty() {
                return None;
            }
            t.parse::<Date>()
                .map_err(|_| errors.push((field, format!("{label} must be a real date"))))
                .ok()
        };
        let appointed = day("appointed", "The appointment date", &self.appointed);
        let term_ends = day("term_ends", "The end of the term", &self.term_ends);
        let board_role = match role {
            Ok(r) => r,
            Err(e) => {
                errors.push(e);
                BoardRole::Member
            }
        };
        let opt = |t: &str| Some(t.to_string());
        let p = Person {
            name: self.name.clone(),
            agency: opt(&self.agency),
            job_title: opt(&self.job_title),
            board_role,
            expertise: expertise_tags(&self.expertise),
            part: opt(&self.part),
            appointed,
            term_ends,
            deputy: opt(&self.deputy),
            email: opt(&self.email),
            account: opt(&self.account),
        }
        .tidied();
        if let Err((field, e)) = p.check() {
            errors.push((field, format!("{} {}", e.problem, e.fix)));
        }
        if errors.is_empty() {
            Ok(p)
        } else {
            Err(errors)
        }
    }
}

#[derive(Template)]
#[template(path = "member_form.html")]
pub struct FormPage {
    pub nav: Nav,
    pub heading: String,
    pub action: String,
    pub csrf: String,
    pub f: MemberFields,
    pub errors: Vec<(&'static str, String)>,
    /// (value, label) of each board role.
    pub roles: Vec<(&'static str, &'static str)>,
    pub agencies: Vec<String>,
    /// Everyone else on the register, who may deputise.
    pub deputies: Vec<String>,
    pub back: String,
}

impl FormPage {
    /// (field, label, value, hint) of each text input.
    pub fn text_fields(&self) -> Vec<(&'static str, &'static str, String, &'static str)> {
        let f = &self.f;
        vec![
            ("name", "Name", f.name.clone(), ""),
            ("job_title", "Job title", f.job_title.clone(), ""),
            (
                "expertise",
                "Expertise",
                f.expertise.clone(),
                "Short tags separated by commas, for example: health, education",
            ),
            (
                "part",
                "The part they play",
                f.part.clone(),
                "For example: leads on private fostering",
            ),
            (
                "email",
                "E-mail",
                f.email.clone(),
                "Never shown on the public register",
            ),
            (
                "account",
                "Boardplan account",
                f.account.clone(),
                "The e-mail this person signs in to Boardplan with, if they do",
            ),
        ]
    }

    /// (field, label, value) of each date input.
    pub fn date_fields(&self) -> Vec<(&'static str, &'static str, String)> {
        vec![
            ("appointed", "Appointed on", self.f.appointed.clone()),
            ("term_ends", "Term ends on", self.f.term_ends.clone()),
        ]
    }

    /// The error for `field`, if any (for the field's own message).
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }
}

fn officers_only(access: &PartnershipAccess) -> Result<(), AppError> {
    if access.membership.may_manage_governance() {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Only the board's business manager or an administrator can change the member register."
                .into(),
        ))
    }
}

async fn form_page(
    state: &AppState,
    access: &PartnershipAccess,
    editing: Option<i64>,
    f: MemberFields,
    errors: Vec<(&'static str, String)>,
) -> Result<FormPage, AppError> {
    let l = access.view(state, &AsAtQuery::default()).await?;
    let people = state.store.people(&access.slug).await?;
    let agencies = state.store.agencies(&access.slug).await?;
    let (heading, action) = match editing {
        Some(id) => (
            format!(
                "Edit {}",
                people
                    .iter()
                    .find(|r| r.id == id)
                    .map_or("", |r| r.person.name.as_str())
            ),
            format!("/p/{}/members/{id}", access.slug),
        ),
        None => (
            "Add a person to the register".into(),
            format!("/p/{}/members", access.slug),
        ),
    };
    Ok(FormPage {
        nav: Nav::new(&l, "members"),
        heading,
        action,
        csrf: access.user.csrf.clone(),
        f,
        errors,
        roles: BoardRole::ALL
            .iter()
            .map(|r| (r.as_str(), r.label()))
            .collect(),
        agencies: agencies.into_iter().map(|a| a.name).collect(),
        deputies: people
            .into_iter()
            .filter(|r| Some(r.id) != editing)
            .map(|r| r.person.name)
            .collect(),
        back: format!("/p/{}/members", access.slug),
    })
}

/// `GET /p/{slug}/members/new`.
pub async fn new(
    State(state): State<AppState>,
    access: PartnershipAccess,
) -> Result<Response, AppError> {
    officers_only(&access)?;
    let f = MemberFields {
        board_role: BoardRole::Member.as_str().into(),
        ..MemberFields::default()
    };
    render(&form_page(&state, &access, None, f, Vec::new()).await?)
}

/// `GET /p/{slug}/members/{id}/edit`; another partnership's person is not found.
pub async fn edit(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    officers_only(&access)?;
    let r = state
        .store
        .person(&access.slug, id)
        .await
        .map_err(not_found)?;
    render(&form_page(&state, &access, Some(id), MemberFields::of(&r), Vec::new()).await?)
}

/// `POST /p/{slug}/members`: add a person.
pub async fn create(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Form(f): Form<MemberFields>,
) -> Result<Response, AppError> {
    officers_only(&access)?;
    access.user.check_csrf(&f.csrf)?;
    let p = match f.person() {
        Ok(p) => p,
        Err(errors) => return refuse(&state, &access, None, f, errors).await,
    };
    let actor = access.user.account.display_name.clone();
    match state
        .store
        .add_person(&access.slug, Stamp::now(&actor), &p)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/p/{}/members", access.slug)).into_response()),
        Err(e) => {
            let errors = vec![refusal(e)?];
            refuse(&state, &access, None, f, errors).await
        }
    }
}

/// `POST /p/{slug}/members/{id}`: edit a person, at the version the form was opened at.
pub async fn update(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<MemberFields>,
) -> Result<Response, AppError> {
    officers_only(&access)?;
    access.user.check_csrf(&f.csrf)?;
    state
        .store
        .person(&access.slug, id)
        .await
        .map_err(not_found)?;
    let version: i64 = f
        .version
        .parse()
        .map_err(|_| AppError::BadRequest("This form has no version: reload the page.".into()))?;
    let p = match f.person() {
        Ok(p) => p,
        Err(errors) => return refuse(&state, &access, Some(id), f, errors).await,
    };
    let actor = access.user.account.display_name.clone();
    match state
        .store
        .update_person(&access.slug, Stamp::now(&actor), id, version, &p)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/p/{}/members", access.slug)).into_response()),
        Err(e) => {
            let errors = vec![refusal(e)?];
            refuse(&state, &access, Some(id), f, errors).await
        }
    }
}

/// A store refusal as a field's error; anything else is the request's failure.
fn refusal(e: StoreError) -> Result<(&'static str, String), AppError> {
    match e {
        StoreError::InvalidData { what } => {
            let field = what
                .split_once(": ")
                .and_then(|(f, _)| REGISTER_COLUMNS.iter().find(|(k, _)| *k == f))
                .map_or("name", |(k, _)| *k);
            let message = what.split_once(": ").map_or(what.as_str(), |(_, m)| m);
            Ok((field, message.to_string()))
        }
        StoreError::Conflict { what } => Ok(("name", what)),
        e => Err(e.into()),
    }
}

fn not_found(e: StoreError) -> AppError {
    match e {
        StoreError::NotFound { .. } => AppError::NotFound,
        e => e.into(),
    }
}

async fn refuse(
    state: &AppState,
    access: &PartnershipAccess,
    editing: Option<i64>,
    f: MemberFields,
    errors: Vec<(&'static str, String)>,
) -> Result<Response, AppError> {
    let mut res = render(&form_page(state, access, editing, f, errors).await?)?;
    *res.status_mut() = StatusCode::BAD_REQUEST;
    Ok(res)
}
