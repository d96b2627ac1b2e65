//! Sessions: a random token in an HttpOnly cookie, only its hash in the database, and the
//! extractors that every signed-in route uses to learn who is asking and what they may do,
//! and [`begin_session`], where every way of signing in ends.

use std::collections::HashMap;

use axum::extract::{FromRequestParts, Path};
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{AppendHeaders, IntoResponse, Redirect, Response};
use domain::Membership;
use jiff::{Timestamp, ToSpan};
use store::{Account, MembershipAndHead};

use super::token;
use crate::AppState;
use crate::cookies;
use crate::error::AppError;

/// The session cookie's name. With `Secure` cookies the `__Host-` prefix also pins it to
/// this host and path.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure {
        "__Host-bp_session"
    } else {
        "bp_session"
    }
}

/// A signed-in person. Extracting it from a request without a live session refuses the
/// request: HTML routes redirect to the sign-in page.
#[derive(Clone)]
pub struct CurrentUser {
    pub account: Account,
    pub csrf: String,
    pub session_hash: String,
}

impl CurrentUser {
    /// Refuse a form whose CSRF token is not this session's.
    pub fn check_csrf(&self, submitted: &str) -> Result<(), AppError> {
        if token::same(submitted, &self.csrf) {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "This form has expired or did not come from Boardplan. Go back, reload the page and try again."
                    .into(),
            ))
        }
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        if let Some(user) = parts.extensions.get::<CurrentUser>() {
            return Ok(user.clone());
        }
        // No partnership has an empty slug: the session alone.
        let (user, _) = signed_in(parts, state, "").await?;
        Ok(user)
    }
}

/// The request's signed-in user, with their membership of partnership `slug` and its
/// change-log head, read in one statement and kept on the request; a request without a live
/// session is sent to sign in.
async fn signed_in(
    parts: &mut Parts,
    state: &AppState,
    slug: &str,
) -> Result<(CurrentUser, Option<MembershipAndHead>), AppError> {
    let raw = cookies::get(&parts.headers, cookie_name(state.config.secure_cookies));
    let found = match &raw {
        Some(raw) => {
            let session_hash = token::hash(raw);
            let found = state
                .store
                .session_in(&session_hash, jiff::Timestamp::now(), slug)
                .await?;
            found.map(|(record, member)| (record, member, session_hash))
        }
        None => None,
    };
    let Some((record, member, session_hash)) = found else {
        return Err(AppError::SignIn {
            next: local_path(parts),
        });
    };
    let user = CurrentUser {
        account: record.account,
        csrf: record.csrf_token,
        session_hash,
    };
    parts.extensions.insert(user.clone());
    Ok((user, member))
}

/// A signed-in member of the partnership named in the path (`/p/{slug}/…`). Anyone else —
/// including members of other partnerships — is told it does not exist.
#[derive(Clone)]
pub struct PartnershipAccess {
    pub user: CurrentUser,
    pub slug: String,
    pub membership: Membership,
    /// The partnership's change-log head, when it was read with the session.
    pub head: Option<store::Head>,
}

impl PartnershipAccess {
    /// The partnership as at the query's date (see [`crate::view::load`]), from the head read
    /// with the session while it is still current.
    pub async fn view(
        &self,
        state: &AppState,
        q: &crate::view::AsAtQuery,
    ) -> Result<std::sync::Arc<crate::view::Loaded>, AppError> {
        crate::view::load_seen(state, &self.slug, self.head.as_ref(), q).await
    }
}

impl FromRequestParts<AppState> for PartnershipAccess {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let slug = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .ok()
            .and_then(|Path(mut params)| params.remove("slug"));
        // The session, the membership and the head in one read, unless an earlier extractor
        // read the session already; then only the membership is left to read.
        if parts.extensions.get::<CurrentUser>().is_none() {
            let (user, member) = signed_in(parts, state, slug.as_deref().unwrap_or("")).await?;
            let (membership, head) = member.ok_or(AppError::NotFound)?;
            return Ok(Self {
                user,
                slug: slug.ok_or(AppError::NotFound)?,
                membership,
                head: Some(head),
            });
        }
        let user = CurrentUser::from_request_parts(parts, state).await?;
        let slug = slug.ok_or(AppError::NotFound)?;
        let membership = state
            .store
            .membership(user.account.id, &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        Ok(Self {
            user,
            slug,
            membership,
            head: None,
        })
    }
}

/// Sign `account` in and send the browser to `next`: the one way a session starts, whether a
/// password or an identity provider proved who it is (`how`, named in the log line that
/// records the sign-in). `spent` is the cookie that carried the sign-in, now cleared.
pub async fn begin_session(
    state: &AppState,
    account: &Account,
    how: &str,
    next: &str,
    spent: &str,
) -> Result<Response, AppError> {
    let now = Timestamp::now();
    let session = token::random();
    let expires = now + (state.config.session_hours * 3600).seconds();
    state
        .store
        .create_session(
            account.id,
            &token::hash(&session),
            &token::random(),
            now,
            expires,
        )
        .await?;
    tracing::info!(account = account.id, how, "signed in");
    let secure = state.config.secure_cookies;
    let cookie = cookies::set(
        cookie_name(secure),
        &session,
        state.config.session_hours * 3600,
        secure,
    );
    let clear = cookies::set(spent, "", 0, secure);
    // Two Set-Cookie headers: a plain header array would keep only the last.
    Ok((
        AppendHeaders([(header::SET_COOKIE, cookie), (header::SET_COOKIE, clear)]),
        Redirect::to(next),
    )
        .into_response())
}

/// The path (and query) asked for, to come back to after signing in.
fn local_path(parts: &Parts) -> String {
    parts
        .uri
        .path_and_query()
        .map_or("/".to_string(), |p| p.as_str().to_string())
}

/// Only a path on this site may be a `next` target: never another site. Browsers drop tabs
/// and newlines from a URL and read `\\` as `/`, so `/<TAB>/evil.example` or `/\\evil.example`
/// would leave the site: a target must be printable ASCII with no backslash, start with one
/// `/`, and parse as a path with no scheme or host. It must still be so once percent-decoded,
/// in case something on the way decodes it again. Anything else goes to the home page.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if is_local_path(n) => n.to_string(),
        _ => "/".to_string(),
    }
}

fn is_local_path(n: &str) -> bool {
    let plain = n.starts_with('/')
        && !n.starts_with("//")
        && n.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    let parsed = n
        .parse::<axum::http::Uri>()
        .is_ok_and(|u| u.scheme().is_none() && u.authority().is_none());
    let decoded = percent_decode(n);
    plain
        && parsed
        && !decoded.starts_with(b"//")
        && !decoded.iter().any(|b| b.is_ascii_control() || *b == b'\\')
}

/// `%XX` sequences as the bytes they stand for; a `%` not followed by two hex digits stays.
fn percent_decode(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).copied().and_then(hex),
            b.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(hi), Some(lo)) => {
                out.push((hi * 16 + lo) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(
            safe_next(Some("/p/kingston/plan?x=1")),
            "/p/kingston/plan?x=1"
        );
        assert_eq!(safe_next(Some("/p/k?q=a%20b#top")), "/p/k?q=a%20b#top");
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn anything_a_browser_could_read_as_another_site_goes_home() {
        for hostile in [
            "//evil.example/",
            "https://evil.example/",
            "/\\evil.example",
            "/\\/evil.example",
            "\\\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            " //evil.example",
            "/%2F/evil.example",
            "/%5Cevil.example",
            "/%09/evil.example",
            "/%0A/evil.example",
            "/\u{2028}/evil.example",
            "evil.example",
            "",
        ] {
            assert_eq!(safe_next(Some(hostile)), "/", "{hostile:?}");
        }
    }
}
