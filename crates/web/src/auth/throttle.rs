//! Throttling attempts to prove a password (signing in, changing one's password), by client
//! address and account together.
//!
//! Counting failures per account alone let anyone lock anyone out: five wrong passwords from
//! anywhere, and the owner's right one was refused too. So failures are counted per (email,
//! client address): a guesser is slowed where they are, while the owner signing in from
//! another address gets in. Failures are also counted per address across every email, so
//! one address spraying passwords at many accounts is slowed as well. Counts live in the
//! database, so several app servers share them.
//!
//! The address is the connection's peer as the server sees it. Behind a proxy that is the
//! proxy, for everyone; `X-Forwarded-For` is not read, since any client can write it.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use jiff::{Timestamp, ToSpan};

use crate::AppState;
use crate::error::AppError;

/// Where a request came from, as a throttling key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientAddress(String);

impl ClientAddress {
    /// IPv4 addresses as they are; IPv6 by their /64, since one client usually holds a whole
    /// /64 and could otherwise try from a fresh address every time.
    pub fn of(ip: IpAddr) -> Self {
        match ip.to_canonical() {
            IpAddr::V4(v4) => Self(v4.to_string()),
            IpAddr::V6(v6) => {
                let s = v6.segments();
                Self(format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3]))
            }
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The connection's peer; one shared "unknown" when the router is served without connection
/// information (in-process tests), which throttles such callers together rather than not at all.
impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or_else(|| Self("unknown".into()), |c| Self::of(c.0.ip())))
    }
}

/// An attempt let through to the password check. It is already recorded, so attempts made
/// at the same moment count each other; it stands as a failure unless it [succeeds](Self::succeeded).
#[must_use = "say whether the password was right"]
pub struct Attempt {
    email: String,
    address: ClientAddress,
}

impl Attempt {
    /// The password was right: forget this email's failures from this address (only: the
    /// owner signing in elsewhere must not reset a guesser's count).
    pub async fn succeeded(self, state: &AppState) -> Result<(), AppError> {
        state
            .store
            .clear_login_failures(&self.email, self.address.as_str())
            .await?;
        Ok(())
    }

    /// The password was wrong: the attempt stays counted.
    pub fn failed(self) {}
}

/// Let an attempt on `email`'s password from `from` go ahead, or refuse it with 429 when
/// either count within the window is over its limit.
pub async fn begin(
    state: &AppState,
    email: &str,
    from: &ClientAddress,
) -> Result<Attempt, AppError> {
    let config = &state.config;
    let now = Timestamp::now();
    let since = now - (config.failure_window_minutes * 60).seconds();
    let id = state
        .store
        .record_login_attempt(email, from.as_str(), now)
        .await?;
    let counts = state
        .store
        .login_failures_since(email, from.as_str(), since)
        .await?;
    // The counts include this attempt.
    let refusal = if counts.account_here > config.max_failures {
        Some(format!(
            "There have been too many wrong passwords for {email}."
        ))
    } else if counts.address > config.max_failures_per_address {
        Some("There have been too many wrong passwords from your network.".to_string())
    } else {
        None
    };
    if let Some(why) = refusal {
        state.store.forget_login_attempt(id).await?;
        tracing::info!("password check refused: too many failures");
        return Err(AppError::TooManyRequests(format!(
            "{why} Wait {} minutes, then try again.",
            config.failure_window_minutes
        )));
    }
    Ok(Attempt {
        email: email.to_string(),
        address: from.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_is_kept_whole_and_ipv6_is_grouped_by_its_64() {
        let key = |s: &str| ClientAddress::of(s.parse().unwrap()).0;
        assert_eq!(key("192.0.2.7"), "192.0.2.7");
        assert_eq!(key("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
    }
}
