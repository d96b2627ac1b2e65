//! The start page: the boards this person belongs to (straight to the board when only one).

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};

use crate::AppState;
use crate::auth::CurrentUser;
use crate::error::AppError;
use crate::pages::render;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    memberships: Vec<(String, String, &'static str)>,
    csrf: String,
}

pub async fn show(State(state): State<AppState>, user: CurrentUser) -> Result<Response, AppError> {
    let ms = state.store.memberships(user.account.id).await?;
    if let [only] = ms.as_slice() {
        return Ok(Redirect::to(&format!("/p/{}", only.partnership)).into_response());
    }
    let names = state.store.partnerships().await?;
    let memberships = ms
        .iter()
        .map(|m| {
            let name = names
                .iter()
                .find(|p| p.slug == m.partnership)
                .map_or(m.partnership.clone(), |p| p.name.clone());
            (m.partnership.clone(), name, m.role.label())
        })
        .collect();
    render(&HomePage {
        memberships,
        csrf: user.csrf,
    })
}
