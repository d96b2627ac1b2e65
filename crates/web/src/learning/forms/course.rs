//! `GET /p/{slug}/training/new` and `POST /p/{slug}/training`: adding a course to the
//! training plan, linked to the plan's priorities and actions by number.

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use domain::learning::training::Course;
use serde::Deserialize;
use store::Stamp;

use super::{Field, FormPage, officers_only, refusal, show};
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::view::AsAtQuery;

const WHAT: &str = "the training plan";

/// The form as sent.
#[derive(Debug, Default, Deserialize)]
pub struct CourseFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    level: String,
    #[serde(default)]
    priorities: String,
    #[serde(default)]
    actions: String,
}

impl CourseFields {
    fn course(&self) -> Result<Course, Vec<(&'static str, String)>> {
        let list = |t: &str| vec![t.to_string()];
        Course {
            title: self.title.clone(),
            level: self.level.clone(),
            priorities: list(&self.priorities),
            actions: list(&self.actions),
        }
        .checked()
        .map_err(|(field, e)| vec![(field, format!("{} {}", e.problem, e.fix))])
    }
}

async fn page(
    state: &AppState,
    access: &PartnershipAccess,
    f: &CourseFields,
    errors: Vec<(&'static str, String)>,
) -> Result<Response, AppError> {
    let l = access.view(state, &AsAtQuery::default()).await?;
    show(&FormPage {
        nav: Nav::new(&l, "learning"),
        caption: "Training".into(),
        heading: "Add a course".into(),
        about: String::new(),
        action: format!("/p/{}/training", access.slug),
        csrf: access.user.csrf.clone(),
        fields: vec![
            Field::new("title", "Title", "text", &f.title),
            Field::new("level", "Level", "text", &f.level)
                .hint("As the board numbers its levels: 1, 2, 3 or Multi-agency level 3"),
            Field::new("priorities", "Priorities it serves", "text", &f.priorities)
                .hint("The plan's objectives by number, separated by commas: 3, 16"),
            Field::new("actions", "Actions it serves", "text", &f.actions)
                .hint("The plan's actions by number, separated by commas: 3.1, 3.2"),
        ],
        errors,
        back: format!("/p/{}/training", access.slug),
        back_label: "Back to training",
    })
}

/// `GET /p/{slug}/training/new`.
pub async fn new(
    State(state): State<AppState>,
    access: PartnershipAccess,
) -> Result<Response, AppError> {
    officers_only(&access, WHAT)?;
    page(&state, &access, &CourseFields::default(), Vec::new()).await
}

/// `POST /p/{slug}/training`: add the course, then show it.
pub async fn create(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Form(f): Form<CourseFields>,
) -> Result<Response, AppError> {
    officers_only(&access, WHAT)?;
    access.user.check_csrf(&f.csrf)?;
    let course = match f.course() {
        Ok(c) => c,
        Err(errors) => return page(&state, &access, &f, errors).await,
    };
    let actor = access.user.account.display_name.clone();
    match state
        .store
        .add_training_course(&access.slug, Stamp::now(&actor), &course)
        .await
    {
        Ok(c) => Ok(Redirect::to(&format!("/p/{}/training/{}", access.slug, c.id)).into_response()),
        Err(e) => {
            let errors = vec![refusal(
                e,
                &["title", "level", "priorities", "actions"],
                "title",
            )?];
            page(&state, &access, &f, errors).await
        }
    }
}
