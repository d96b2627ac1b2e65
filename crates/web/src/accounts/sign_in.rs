//! Signing in and out. Sign-in is throttled by client address and email together
//! ([`crate::auth::throttle`]); an unknown email costs the same time as a wrong password.
//! The page also offers a button for each identity provider (`crate::identity`), and refuses
//! the password of a member whose partnership turned password sign-in off.

use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use domain::PasswordSignIn;
use serde::Deserialize;

use crate::AppState;
use crate::auth::session::{begin_session, cookie_name, safe_next};
use crate::auth::throttle::{self, ClientAddress};
use crate::auth::{CurrentUser, token};
use crate::cookies;
use crate::error::AppError;
use crate::pages::render;

/// The sign-in form's own CSRF cookie (double submit): there is no session yet to hold it.
const FORM_COOKIE: &str = "bp_signin";

#[derive(Template)]
#[template(path = "sign_in.html")]
struct SignInPage {
    csrf: String,
    next: String,
    email: String,
    errors: Vec<(&'static str, String)>,
    email_error: Option<String>,
    password_error: Option<String>,
    /// A button for each identity provider: (id, name).
    providers: Vec<(String, String)>,
}

impl SignInPage {
    /// Where to come back to, as a query value for the providers' buttons.
    fn next_param(&self) -> String {
        crate::error::urlencode(&self.next)
    }
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

pub async fn show(
    State(state): State<AppState>,
    Query(q): Query<NextQuery>,
) -> Result<Response, AppError> {
    let page = SignInPage {
        csrf: token::random(),
        next: safe_next(q.next.as_deref()),
        email: String::new(),
        errors: vec![],
        email_error: None,
        password_error: None,
        providers: providers(&state),
    };
    form_response(&state, page, axum::http::StatusCode::OK)
}

/// The identity providers this server offers, for their buttons.
fn providers(state: &AppState) -> Vec<(String, String)> {
    state
        .config
        .identity
        .providers
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect()
}

fn form_response(
    state: &AppState,
    page: SignInPage,
    status: axum::http::StatusCode,
) -> Result<Response, AppError> {
    let cookie = cookies::set(FORM_COOKIE, &page.csrf, 3600, state.config.secure_cookies);
    let mut res = render(&page)?;
    *res.status_mut() = status;
    res.headers_mut().append(
        header::SET_COOKIE,
        cookie
            .parse()
            .map_err(|_| AppError::Internal("cookie header".into()))?,
    );
    Ok(res)
}

pub async fn submit(
    State(state): State<AppState>,
    from: ClientAddress,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Result<Response, AppError> {
    let expected = cookies::get(&headers, FORM_COOKIE).unwrap_or_default();
    if expected.is_empty() || !token::same(&form.csrf, &expected) {
        return Err(AppError::Forbidden(
            "The sign-in form had expired. Go back, reload the page and sign in again.".into(),
        ));
    }
    let next = safe_next(Some(&form.next));
    let again = |email_error: Option<String>, password_error: Option<String>| {
        let mut errors = vec![];
        if let Some(e) = &email_error {
            errors.push(("email", e.clone()));
        }
        if let Some(e) = &password_error {
            errors.push(("password", e.clone()));
        }
        SignInPage {
            csrf: token::random(),
            next: next.clone(),
            email: form.email.trim().to_string(),
            errors,
            email_error,
            password_error,
            providers: providers(&state),
        }
    };
    let email = form.email.trim();
    if email.is_empty() || form.password.is_empty() {
        let page = again(
            email
                .is_empty()
                .then(|| "Enter your email address".to_string()),
            form.password
                .is_empty()
                .then(|| "Enter your password".to_string()),
        );
        return form_response(&state, page, axum::http::StatusCode::BAD_REQUEST);
    }

    let attempt = throttle::begin(&state, email, &from).await?;
    let account = state.store.account_by_email(email).await?;
    let ok = match &account {
        Some(a) if !a.disabled => {
            state
                .passwords
                .verify(&form.password, &a.password_hash)
                .await?
        }
        _ => {
            state.passwords.dummy_verify(&form.password).await?;
            false
        }
    };
    let Some(account) = account.filter(|_| ok) else {
        attempt.failed();
        tracing::info!("sign-in refused");
        let page = again(
            None,
            Some("The email address or password is not right".into()),
        );
        return form_response(&state, page, axum::http::StatusCode::UNAUTHORIZED);
    };
    // A partnership that signs its members in through their organisation refuses their
    // password, right or wrong alike once proved: told only to whoever knew it.
    if state.store.account_password_sign_in(account.id).await? == PasswordSignIn::Off {
        attempt.failed();
        tracing::info!(account = account.id, "password sign-in refused: turned off");
        let mut page = again(None, None);
        page.errors.push(("providers", PASSWORD_OFF.into()));
        return form_response(&state, page, axum::http::StatusCode::FORBIDDEN);
    }
    attempt.succeeded(&state).await?;
    begin_session(&state, &account, "password", &next, FORM_COOKIE).await
}

/// Why a right password is refused when the account's partnership turned passwords off.
const PASSWORD_OFF: &str = "Your board signs its members in through their organisation, not \
     with a password: use the button for your organisation below";

#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    pub csrf: String,
}

pub async fn sign_out(
    State(state): State<AppState>,
    user: CurrentUser,
    Form(form): Form<CsrfForm>,
) -> Result<Response, AppError> {
    user.check_csrf(&form.csrf)?;
    state.store.delete_session(&user.session_hash).await?;
    let secure = state.config.secure_cookies;
    Ok((
        [(
            header::SET_COOKIE,
            cookies::set(cookie_name(secure), "", 0, secure),
        )],
        Redirect::to("/sign-in"),
    )
        .into_response())
}
