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
//! proxy, for everyone, unless the operator names the proxy ([`WebConfig::trusted_proxies`]):
//! then, for a connection from it, the address is the last one in `X-Forwarded-For` that is
//! not itself a trusted proxy. Any client can write that header, so it is read only from a
//! named proxy, and only the entries the proxies appended are believed.
//!
//! [`WebConfig::trusted_proxies`]: crate::WebConfig::trusted_proxies

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
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

/// The connection's peer, or the client a trusted proxy forwarded for; one shared "unknown"
/// when the router is served without connection information (in-process tests), which
/// throttles such callers together rather than not at all.
impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let Some(peer) = parts.extensions.get::<ConnectInfo<SocketAddr>>() else {
            return Ok(Self("unknown".into()));
        };
        let trusted = &state.config.trusted_proxies;
        Ok(Self::of(client_ip(peer.0.ip(), &parts.headers, trusted)))
    }
}

/// Walk `X-Forwarded-For` from its right end (the entry the nearest proxy wrote) past the
/// trusted proxies; the first other address is the client. A connection not from a trusted
/// proxy, or a header that cannot be read, leaves the peer as it is.
fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.contains(&ip.to_canonical());
    if !is_trusted(&peer) {
        return peer;
    }
    let mut entries = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        let Ok(text) = value.to_str() else {
            return peer;
        };
        entries.extend(text.split(',').map(str::trim));
    }
    for entry in entries.iter().rev() {
        match entry.parse::<IpAddr>() {
            Ok(ip) if is_trusted(&ip) => continue,
            Ok(ip) => return ip,
            // A port or garbage where an address should be: believe nothing further left.
            Err(_) => return peer,
        }
    }
    peer
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
    fn forwarded_for_is_read_only_from_a_trusted_proxy_and_from_its_right_end() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let forwarded = |values: &[&'static str]| {
            let mut h = HeaderMap::new();
            for v in values {
                h.append("x-forwarded-for", axum::http::HeaderValue::from_static(v));
            }
            h
        };
        let proxy = ip("127.0.0.1");
        let trusted = [proxy, ip("10.0.0.2")];
        let client = |peer: &str, values: &[&'static str]| {
            client_ip(ip(peer), &forwarded(values), &trusted).to_string()
        };
        assert_eq!(client("127.0.0.1", &["203.0.113.7"]), "203.0.113.7");
        // What the client wrote itself sits to the left of what the proxy appended.
        assert_eq!(
            client("127.0.0.1", &["1.2.3.4, 203.0.113.7"]),
            "203.0.113.7"
        );
        // Two trusted proxies in a row are walked past; so are several header lines.
        assert_eq!(
            client("127.0.0.1", &["203.0.113.7, 10.0.0.2"]),
            "203.0.113.7"
        );
        assert_eq!(
            client("127.0.0.1", &["1.2.3.4", "203.0.113.7"]),
            "203.0.113.7"
        );
        // Not from a trusted proxy: the header is anyone's to write, and is ignored.
        assert_eq!(client("192.0.2.9", &["203.0.113.7"]), "192.0.2.9");
        // Nothing readable: the proxy itself.
        assert_eq!(client("127.0.0.1", &[]), "127.0.0.1");
        assert_eq!(client("127.0.0.1", &["unknown"]), "127.0.0.1");
        assert_eq!(client("127.0.0.1", &["10.0.0.2"]), "127.0.0.1");
        // An IPv4 peer seen as IPv6 (a dual-stack socket) is still the trusted proxy.
        assert_eq!(client("::ffff:127.0.0.1", &["203.0.113.7"]), "203.0.113.7");
        // Nobody trusted: as before, the peer.
        let none = client_ip(ip("127.0.0.1"), &forwarded(&["203.0.113.7"]), &[]);
        assert_eq!(none, proxy);
    }

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
