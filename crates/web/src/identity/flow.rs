//! The authorisation code flow with PKCE (OpenID Connect Core 3.1, RFC 7636): [`start`] sends
//! the browser to the provider with a fresh `state`, `nonce` and code challenge, kept (hashed
//! state) in the database and tied to this browser by a cookie; [`callback`] takes them back
//! exactly once, exchanges the code, checks the ID token, and signs in the account with that
//! verified e-mail address, as a password would.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use base64::Engine;
use jiff::{Timestamp, ToSpan};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use store::PendingSignIn;

use super::exchange::{Answer, exchange};
use super::failure::Failure;
use super::id_token;
use crate::AppState;
use crate::auth::session::{begin_session, safe_next};
use crate::auth::token;
use crate::cookies;
use crate::error::AppError;

/// How long a person has at their provider before the sign-in must start again.
const MINUTES: i64 = 10;

/// The cookie tying a sign-in under way to the browser that started it.
fn browser_cookie(secure: bool) -> &'static str {
    if secure { "__Host-bp_oidc" } else { "bp_oidc" }
}

#[derive(Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

/// `GET /sign-in/oidc/{provider}`: off to the provider.
pub async fn start(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<StartQuery>,
) -> Result<Response, AppError> {
    let p = state.identity.provider(&id).ok_or(AppError::NotFound)?;
    let meta = match state.identity.metadata(&p).await {
        Ok(m) => m,
        Err(e) => return Ok(Failure::from(e).page(&p.config.name)),
    };
    let (st, nonce, verifier, browser) = (
        token::random(),
        token::random(),
        token::random(),
        token::random(),
    );
    let now = Timestamp::now();
    let pending = PendingSignIn {
        state_hash: token::hash(&st),
        browser_hash: token::hash(&browser),
        provider: id.clone(),
        nonce: nonce.clone(),
        code_verifier: verifier.clone(),
        next_path: safe_next(q.next.as_deref()),
        expires_at: now + (MINUTES * 60).seconds(),
    };
    state.store.begin_oidc_sign_in(&pending, now).await?;
    let challenge =
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(verifier));
    let mut url = reqwest::Url::parse(&meta.authorization_endpoint).map_err(|_| {
        AppError::Internal(format!("{id}: the authorization endpoint is not a URL"))
    })?;
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", &p.config.client_id)
        .append_pair("redirect_uri", &p.redirect_uri)
        .append_pair("scope", "openid email profile")
        .append_pair("state", &st)
        .append_pair("nonce", &nonce)
        .append_pair("code_challenge", &challenge)
        .append_pair("code_challenge_method", "S256");
    let secure = state.config.secure_cookies;
    let cookie = cookies::set(browser_cookie(secure), &browser, MINUTES * 60, secure);
    Ok(([(header::SET_COOKIE, cookie)], Redirect::to(url.as_str())).into_response())
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
    /// The provider's issuer, where it says (RFC 9207): an answer from another provider
    /// passed off as this one's is refused.
    iss: Option<String>,
}

/// `GET /sign-in/oidc/{provider}/callback`: back from the provider.
pub async fn callback(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(q): Query<CallbackQuery>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let p = state.identity.provider(&id).ok_or(AppError::NotFound)?;
    match finish(&state, &id, q, &headers).await? {
        Ok(res) => Ok(res),
        Err(failure) => Ok(failure.page(&p.config.name)),
    }
}

/// Everything after the provider answered. The outer error is the server's own trouble (the
/// database); the inner one, why this sign-in is refused.
async fn finish(
    state: &AppState,
    id: &str,
    q: CallbackQuery,
    headers: &HeaderMap,
) -> Result<Result<Response, Failure>, AppError> {
    let p = state.identity.provider(id).ok_or(AppError::NotFound)?;
    let now = Timestamp::now();
    let pending = match q.state.as_deref() {
        Some(s) => state.store.take_oidc_sign_in(&token::hash(s), now).await?,
        None => None,
    };
    let Some(pending) = pending.filter(|s| s.provider == id) else {
        return Ok(Err(Failure::Stale));
    };
    let secure = state.config.secure_cookies;
    let browser = cookies::get(headers, browser_cookie(secure)).unwrap_or_default();
    if !token::same(&token::hash(&browser), &pending.browser_hash) {
        return Ok(Err(Failure::OtherBrowser));
    }
    if q.iss.as_ref().is_some_and(|iss| *iss != p.config.issuer) {
        return Ok(Err(Failure::Untrusted(id_token::Untrusted::WrongIssuer)));
    }
    if let Some(e) = q.error {
        return Ok(Err(Failure::ProviderSaidNo(e)));
    }
    let Some(code) = q.code else {
        return Ok(Err(Failure::ProviderSaidNo("no code".into())));
    };
    let proven = async {
        let meta = state.identity.metadata(&p).await?;
        let id_token =
            match exchange(&state.identity, &p, &meta, &code, &pending.code_verifier).await? {
                Answer::IdToken(t) => t,
                Answer::Refused(e) => return Err(Failure::ProviderSaidNo(e)),
            };
        id_token::check(&state.identity, &p, &meta, &id_token, &pending.nonce)
            .await?
            .map_err(Failure::Untrusted)
    }
    .await;
    let proven = match proven {
        Ok(p) => p,
        Err(f) => return Ok(Err(f)),
    };
    let email =
        match domain::identity::verified_email(proven.email.as_deref(), proven.email_verified) {
            Ok(e) => e,
            Err(r) => return Ok(Err(Failure::Refused(r))),
        };
    let account = state.store.account_by_email(&email).await?;
    let Some(account) = account else {
        return Ok(Err(Failure::Refused(domain::SignInRefusal::UnknownEmail)));
    };
    if account.disabled {
        return Ok(Err(Failure::Refused(domain::SignInRefusal::Disabled)));
    }
    // The provider proves who; only a board gives an account a place in Boardplan.
    if state.store.memberships(account.id).await?.is_empty() {
        return Ok(Err(Failure::Refused(domain::SignInRefusal::UnknownEmail)));
    }
    let how = format!("oidc:{id}");
    let res = begin_session(
        state,
        &account,
        &how,
        &pending.next_path,
        browser_cookie(secure),
    )
    .await?;
    Ok(Ok(res))
}
