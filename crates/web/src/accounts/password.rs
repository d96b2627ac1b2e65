//! Changing one's own password: the current one is asked for again, and every other session
//! is ended. Checking the current one is throttled as signing in is (the same counts), so a
//! borrowed or stolen session cannot be used to guess it.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::response::Response;
use serde::Deserialize;

use crate::AppState;
use crate::auth::throttle::{self, ClientAddress};
use crate::auth::{CurrentUser, password};
use crate::error::AppError;
use crate::pages::render;

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage {
    csrf: String,
    errors: Vec<(&'static str, String)>,
    done: bool,
    fields: [(&'static str, &'static str, &'static str, &'static str); 3],
}

impl PasswordPage {
    fn new(csrf: String) -> Self {
        Self {
            csrf,
            errors: vec![],
            done: false,
            fields: [
                ("current", "Current password", "current-password", ""),
                (
                    "new",
                    "New password",
                    "new-password",
                    "At least 12 characters. A few unrelated words make a strong password.",
                ),
                ("confirm", "Confirm new password", "new-password", ""),
            ],
        }
    }

    fn field_error(&self, id: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == id)
            .map(|(_, m)| m.as_str())
    }
}

#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
    #[serde(default)]
    confirm: String,
}

pub async fn show(user: CurrentUser) -> Result<Response, AppError> {
    render(&PasswordPage::new(user.csrf))
}

pub async fn submit(
    State(state): State<AppState>,
    user: CurrentUser,
    from: ClientAddress,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    user.check_csrf(&form.csrf)?;
    let mut page = PasswordPage::new(user.csrf.clone());
    let attempt = throttle::begin(&state, &user.account.email, &from).await?;
    let current_ok = state
        .passwords
        .verify(&form.current, &user.account.password_hash)
        .await?;
    if current_ok {
        attempt.succeeded(&state).await?;
    } else {
        attempt.failed();
        page.errors
            .push(("current", "Your current password is not right".into()));
    }
    if let Err(e) = password::check(&form.new) {
        page.errors.push(("new", e));
    } else if form.new != form.confirm {
        page.errors
            .push(("confirm", "The new passwords do not match".into()));
    }
    if page.errors.is_empty() {
        let hash = state.passwords.hash(&form.new).await?;
        state
            .store
            .set_password(
                &user.account.display_name,
                user.account.id,
                &hash,
                Some(&user.session_hash),
                jiff::Timestamp::now(),
            )
            .await?;
        page.done = true;
    }
    let status = if page.errors.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::BAD_REQUEST
    };
    let mut res = render(&page)?;
    *res.status_mut() = status;
    Ok(res)
}
