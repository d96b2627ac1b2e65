//! `GET /unsubscribe/{token}`: asks "stop these e-mails?"; `POST` the same address stops them.
//! No sign-in: the token, signed with the server's secret, says whose reminders and which
//! kind. A token that does not verify is "not found", like any address that does not exist.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::reminders::link::Unsubscribe;

use crate::AppState;
use crate::error::AppError;
use crate::pages::render;

#[derive(Template)]
#[template(path = "unsubscribe.html")]
struct UnsubscribePage<'a> {
    heading: &'a str,
    what: &'static str,
    board: String,
    action: String,
    done: bool,
}

async fn verified(state: &AppState, token: &str) -> Result<(Unsubscribe, String), AppError> {
    let secret = super::link_secret(&state.store).await?;
    let u = Unsubscribe::verify(token, &secret).ok_or(AppError::NotFound)?;
    let board = state
        .store
        .partnership_name(u.partnership_id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((u, board))
}

/// The confirmation page.
pub async fn confirm(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let (u, board) = verified(&state, &token).await?;
    render(&UnsubscribePage {
        heading: "Stop these e-mails",
        what: u.kind.describe(),
        board,
        action: format!("/unsubscribe/{token}"),
        done: false,
    })
}

/// Stop them.
pub async fn stop(
    State(state): State<AppState>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let (u, board) = verified(&state, &token).await?;
    match state
        .store
        .unsubscribe(
            u.partnership_id,
            u.account_id,
            u.kind,
            jiff::Timestamp::now(),
        )
        .await
    {
        Ok(_) => {}
        Err(store::StoreError::NotFound { .. }) => return Err(AppError::NotFound),
        Err(e) => return Err(e.into()),
    }
    render(&UnsubscribePage {
        heading: "You have stopped these e-mails",
        what: u.kind.describe(),
        board,
        action: String::new(),
        done: true,
    })
}
