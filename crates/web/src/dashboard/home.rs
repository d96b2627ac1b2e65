//! The start page: the boards this person belongs to (straight to the board when only one),
//! opened at the server's opening date when it has one (the demo's).

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
    /// `?as_at=` for each board's link, empty for today.
    as_at: String,
    csrf: String,
}

pub async fn show(State(state): State<AppState>, user: CurrentUser) -> Result<Response, AppError> {
    let ms = state.store.memberships(user.account.id).await?;
    let as_at = state
        .config
        .opening_date
        .map_or(String::new(), |d| format!("?as_at={d}"));
    if let [only] = ms.as_slice() {
        return Ok(Redirect::to(&format!("/p/{}{as_at}", only.partnership)).into_response());
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
        as_at,
        csrf: user.csrf,
    })
}
