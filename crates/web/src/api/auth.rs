//! Who is calling the API, and what they may see.
//!
//! Scripts send `Authorization: Bearer TOKEN`: a token made by `boardplan token create`, which
//! acts as one account in one partnership. Only its SHA-256 is stored, so it is looked up by
//! hash. Same-site scripts in a signed-in browser may instead rely on the session cookie; then
//! every request that changes something must also carry the session's CSRF token in the
//! `X-CSRF-Token` header, because a cookie is sent by the browser whoever wrote the request.
//!
//! [`ApiAccess`] is the API's [`crate::auth::PartnershipAccess`]: a member of the partnership
//! in the path, or a 404 that looks exactly like a partnership that does not exist.

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Path};
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, header};
use domain::Membership;
use store::{Account, Head};

use super::problem::{ApiError, Kind};
use crate::AppState;
use crate::auth::{session, token};
use crate::cookies;

/// The header a session-authenticated write must carry.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The longest bearer token looked up; anything longer is not one of ours.
const MAX_TOKEN_LEN: usize = 256;

/// How the caller proved who they are.
#[derive(Debug, Clone)]
pub enum Via {
    /// An API token, which acts in this one partnership only, with the account's membership
    /// there and the partnership's change-log head, read with the token (`None` once the
    /// account has left the partnership).
    Token {
        slug: String,
        member: Option<(Membership, Head)>,
    },
    /// A browser session, with the CSRF token its writes must echo.
    Session { csrf: String },
}

/// An authenticated caller.
#[derive(Debug, Clone)]
pub struct ApiCaller {
    pub account: Account,
    pub via: Via,
}

impl ApiCaller {
    /// Who the change log records for this caller's writes.
    pub fn actor(&self) -> &str {
        &self.account.email
    }
}

impl FromRequestParts<AppState> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(caller) = parts.extensions.get::<ApiCaller>() {
            return Ok(caller.clone());
        }
        let caller = identify(&parts.headers, state).await?;
        parts.extensions.insert(caller.clone());
        Ok(caller)
    }
}

async fn identify(headers: &HeaderMap, state: &AppState) -> Result<ApiCaller, ApiError> {
    if let Some(value) = headers.get(header::AUTHORIZATION) {
        let raw = value.to_str().ok().and_then(bearer).ok_or_else(|| {
            ApiError::unauthenticated(
                "The Authorization header must be \"Bearer TOKEN\", with a token from \
                 boardplan token create.",
                "Bearer error=\"invalid_request\"",
            )
            .about_header("Authorization")
        })?;
        let (account, slug, member) = state
            .store
            .api_token_member(&token::hash(raw), jiff::Timestamp::now())
            .await?
            .ok_or_else(|| {
                // One answer for unknown, revoked and expired tokens: which it was would help
                // only someone guessing.
                ApiError::unauthenticated(
                    "This API token is not valid: it may have expired or been revoked, or its \
                     account been disabled. Ask an administrator for a new one.",
                    "Bearer error=\"invalid_token\"",
                )
                .about_header("Authorization")
            })?;
        return Ok(ApiCaller {
            account,
            via: Via::Token { slug, member },
        });
    }
    let name = session::cookie_name(state.config.secure_cookies);
    if let Some(raw) = cookies::get(headers, name) {
        let record = state
            .store
            .session(&token::hash(&raw), jiff::Timestamp::now())
            .await?
            .ok_or_else(|| {
                ApiError::unauthenticated(
                    "Your session has ended: sign in again, or send an API token.",
                    "Bearer",
                )
            })?;
        return Ok(ApiCaller {
            account: record.account,
            via: Via::Session {
                csrf: record.csrf_token,
            },
        });
    }
    Err(ApiError::unauthenticated(
        "Send an API token as \"Authorization: Bearer TOKEN\" (boardplan token create makes \
         one).",
        "Bearer",
    ))
}

/// The token in `Bearer TOKEN`, if the value is that shape.
fn bearer(value: &str) -> Option<&str> {
    let (scheme, rest) = value.trim().split_once(' ')?;
    let t = rest.trim();
    let token68 = |c: char| c.is_ascii_alphanumeric() || "-._~+/=".contains(c);
    (scheme.eq_ignore_ascii_case("bearer")
        && !t.is_empty()
        && t.len() <= MAX_TOKEN_LEN
        && t.chars().all(token68))
    .then_some(t)
}

/// A caller who is a member of the partnership named in the path (`…/partnerships/{slug}/…`).
/// Anyone else is told it does not exist. A session caller's writes are refused without the
/// session's CSRF token.
#[derive(Debug, Clone)]
pub struct ApiAccess {
    pub caller: ApiCaller,
    pub slug: String,
    pub membership: Membership,
    /// The partnership's change-log head, when it was read with the caller's token.
    pub head: Option<Head>,
    /// Every parameter of the path, decoded.
    path: HashMap<String, String>,
}

impl ApiAccess {
    /// The partnership as at the query's date (see [`crate::view::load`]), from the head read
    /// with the token while it is still current.
    pub async fn view(
        &self,
        state: &AppState,
        q: &crate::view::AsAtQuery,
    ) -> Result<std::sync::Arc<crate::view::Loaded>, crate::error::AppError> {
        crate::view::load_seen(state, &self.slug, self.head.as_ref(), q).await
    }

    /// The partnership at `at`, read as the caller's parameters said (see
    /// [`crate::view::load_at`]), from the head read with the token while it is still current:
    /// a read makes one round trip before the view, not two.
    pub async fn view_at(
        &self,
        state: &AppState,
        at: impl Into<domain::Moment>,
        historic: bool,
    ) -> Result<std::sync::Arc<crate::view::Loaded>, crate::error::AppError> {
        crate::view::load_seen_at(state, &self.slug, self.head.as_ref(), at, historic).await
    }

    /// The path parameter `name` (e.g. an action's `id`); a 404 if the route has none.
    pub fn path(&self, name: &str) -> Result<&str, ApiError> {
        self.path
            .get(name)
            .map(String::as_str)
            .ok_or_else(ApiError::not_found)
    }
}

impl FromRequestParts<AppState> for ApiAccess {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let caller = ApiCaller::from_request_parts(parts, state).await?;
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::not_found())?;
        let slug = params
            .get("slug")
            .cloned()
            .ok_or_else(ApiError::not_found)?;
        let (membership, head) = match &caller.via {
            // A token acts only in its own partnership, as the member it was read with.
            Via::Token {
                slug: scope,
                member,
            } => member
                .clone()
                .filter(|_| *scope == slug)
                .map(|(m, head)| (m, Some(head)))
                .ok_or_else(ApiError::not_found)?,
            Via::Session { .. } => state
                .store
                .membership(caller.account.id, &slug)
                .await?
                .map(|m| (m, None))
                .ok_or_else(ApiError::not_found)?,
        };
        if let Via::Session { csrf } = &caller.via
            && !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS)
        {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if !token::same(sent, csrf) {
                return Err(ApiError::new(
                    Kind::Forbidden,
                    "A change made with a session cookie must carry the session's CSRF token \
                     in the X-CSRF-Token header; scripts should use an API token instead.",
                )
                .about_header("X-CSRF-Token"));
            }
        }
        Ok(Self {
            caller,
            slug,
            membership,
            head,
            path: params,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::bearer;

    #[test]
    fn a_bearer_token_is_read_whatever_the_scheme_case() {
        assert_eq!(bearer("Bearer abc123"), Some("abc123"));
        assert_eq!(bearer("bearer  abc123 "), Some("abc123"));
    }

    #[test]
    fn other_schemes_and_odd_tokens_are_not_bearer_tokens() {
        assert_eq!(bearer("Basic dXNlcjpwYXNz"), None);
        assert_eq!(bearer("Bearer"), None);
        assert_eq!(bearer("Bearer a b"), None);
        assert_eq!(bearer(&format!("Bearer {}", "a".repeat(300))), None);
    }
}
