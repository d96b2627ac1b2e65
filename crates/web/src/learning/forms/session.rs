//! `GET /p/{slug}/training/{id}/sessions/new` and `POST /p/{slug}/training/{id}/sessions`:
//! adding a session (date, trainer, places) to one of the partnership's courses; another
//! partnership's course is not found.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Date;
use domain::learning::training::Session;
use serde::Deserialize;
use store::{CourseRecord, Stamp};

use super::{Field, FormPage, not_found, officers_only, refusal, show};
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::view::AsAtQuery;

const WHAT: &str = "the training plan";

/// The form as sent.
#[derive(Debug, Default, Deserialize)]
pub struct SessionFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    trainer: String,
    #[serde(default)]
    places: String,
}

impl SessionFields {
    fn session(&self) -> Result<Session, Vec<(&'static str, String)>> {
        let mut errors = Vec::new();
        let held_on = self
            .date
            .trim()
            .parse::<Date>()
            .map_err(|_| {
                errors.push((
                    "date",
                    "The date must be a real date, such as 2009-10-14.".to_string(),
                ))
            })
            .ok();
        let places = self
            .places
            .trim()
            .parse::<u32>()
            .map_err(|_| {
                errors.push((
                    "places",
                    "Give how many places the session has, as a whole number such as 20."
                        .to_string(),
                ))
            })
            .ok();
        let checked = Session {
            held_on: held_on.unwrap_or(Date::MIN),
            trainer: self.trainer.clone(),
            places: places.unwrap_or(0),
        }
        .checked();
        match checked {
            Err((field, e)) => errors.push((field, format!("{} {}", e.problem, e.fix))),
            Ok(s) if errors.is_empty() => return Ok(s),
            Ok(_) => {}
        }
        Err(errors)
    }
}

async fn page(
    state: &AppState,
    access: &PartnershipAccess,
    course: &CourseRecord,
    f: &SessionFields,
    errors: Vec<(&'static str, String)>,
) -> Result<Response, AppError> {
    let l = access.view(state, &AsAtQuery::default()).await?;
    show(&FormPage {
        nav: Nav::new(&l, "learning"),
        caption: course.course.title.clone(),
        heading: "Add a session".into(),
        about: String::new(),
        action: format!("/p/{}/training/{}/sessions", access.slug, course.id),
        csrf: access.user.csrf.clone(),
        fields: vec![
            Field::new("date", "Date", "date", &f.date),
            Field::new("trainer", "Trainer", "text", &f.trainer),
            Field::new("places", "Places", "number", &f.places),
        ],
        errors,
        back: format!("/p/{}/training/{}", access.slug, course.id),
        back_label: "Back to the course",
    })
}

/// `GET /p/{slug}/training/{id}/sessions/new`.
pub async fn new(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    officers_only(&access, WHAT)?;
    let course = state
        .store
        .training_course(&access.slug, id)
        .await
        .map_err(not_found)?;
    page(
        &state,
        &access,
        &course,
        &SessionFields::default(),
        Vec::new(),
    )
    .await
}

/// `POST /p/{slug}/training/{id}/sessions`: add the session, then show the course.
pub async fn create(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<SessionFields>,
) -> Result<Response, AppError> {
    officers_only(&access, WHAT)?;
    access.user.check_csrf(&f.csrf)?;
    let course = state
        .store
        .training_course(&access.slug, id)
        .await
        .map_err(not_found)?;
    let session = match f.session() {
        Ok(s) => s,
        Err(errors) => return page(&state, &access, &course, &f, errors).await,
    };
    let actor = access.user.account.display_name.clone();
    match state
        .store
        .add_training_session(&access.slug, Stamp::now(&actor), id, &session)
        .await
    {
        Ok(_) => {
            Ok(Redirect::to(&format!("/p/{}/training/{id}#sessions", access.slug)).into_response())
        }
        Err(e) => {
            let errors = vec![refusal(e, &["date", "trainer", "places"], "trainer")?];
            page(&state, &access, &course, &f, errors).await
        }
    }
}
