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
//! proxy, for everyone, unless the operator names the proxy ([`WebConfig::trusted_proxies`],
//! addresses or CIDR ranges): then, for a connection from it, the address is the last one in
//! `X-Forwarded-For` that is not itself a trusted proxy. Any client can write that header, so it is read only from a
//! named proxy, and only the entries the proxies appended are believed.
//!
//! [`WebConfig::trusted_proxies`]: crate::WebConfig::trusted_proxies

use std::convert::Infallible;
use std::fmt;
use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use ipnet::{IpNet, Ipv4Net};
use jiff::{Timestamp, ToSpan};

use crate::AppState;
use crate::error::AppError;

/// A trusted proxy as configured: one address (`127.0.0.1`) or a CIDR range of them
/// (`10.0.0.0/8`, `fd00::/8`), for proxies whose addresses a platform hands out from a pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(try_from = "String")]
pub struct ProxyRange(IpNet);

impl ProxyRange {
    /// IPv4 seen through IPv6 (a dual-stack socket, `::ffff:10.0.0.1`) counts as IPv4.
    pub fn contains(&self, ip: IpAddr) -> bool {
        self.0.contains(&ip.to_canonical())
    }
}

impl FromStr for ProxyRange {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let net = match text.parse::<IpNet>() {
            Ok(net) => net,
            Err(_) if !text.contains('/') => match text.parse::<IpAddr>() {
                Ok(ip) => IpNet::from(ip),
                Err(_) => return Err(not_a_range(text)),
            },
            Err(_) => return Err(not_a_range(text)),
        };
        // Host bits are dropped (10.1.2.3/8 is 10.0.0.0/8), and an IPv4 range written as
        // IPv6 (::ffff:10.0.0.0/104) is kept as IPv4, so that `contains` compares like with like.
        let net = match net {
            IpNet::V6(v6) if v6.prefix_len() >= 96 => match v6.addr().to_ipv4_mapped() {
                Some(v4) => Ipv4Net::new(v4, v6.prefix_len() - 96)
                    .map(IpNet::V4)
                    .map_err(|_| not_a_range(text))?,
                None => net,
            },
            _ => net,
        };
        Ok(Self(net.trunc()))
    }
}

fn not_a_range(text: &str) -> String {
    format!(
        "'{text}' is neither an IP address nor a CIDR range: write e.g. 127.0.0.1, 10.0.0.0/8 \
         or fd00::/8"
    )
}

impl TryFrom<String> for ProxyRange {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        text.parse()
    }
}

impl fmt::Display for ProxyRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

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
fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[ProxyRange]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|range| range.contains(*ip));
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
        let trusted = ["127.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap()];
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
    fn any_address_inside_a_trusted_range_is_a_proxy() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let mut h = HeaderMap::new();
        h.append(
            "x-forwarded-for",
            axum::http::HeaderValue::from_static("198.51.100.1, 203.0.113.7, 10.200.0.9"),
        );
        let trusted = ["10.0.0.0/8".parse().unwrap(), "fd00::/8".parse().unwrap()];
        let client = |peer: &str| client_ip(ip(peer), &h, &trusted).to_string();
        // From inside the range, past another proxy inside it, to the client it appended.
        assert_eq!(client("10.1.2.3"), "203.0.113.7");
        assert_eq!(client("::ffff:10.1.2.3"), "203.0.113.7");
        assert_eq!(client("fd12:3456::1"), "203.0.113.7");
        // Just outside either range: the peer is the client, and the header is ignored.
        assert_eq!(client("11.0.0.1"), "11.0.0.1");
        assert_eq!(client("fe00::1"), "fe00::1");

        // IPv6 clients behind an IPv6 range, walked past a proxy inside it.
        let mut h6 = HeaderMap::new();
        h6.append(
            "x-forwarded-for",
            axum::http::HeaderValue::from_static("2001:db8::7, fd00:1::2"),
        );
        assert_eq!(
            client_ip(ip("fd00::1"), &h6, &trusted).to_string(),
            "2001:db8::7"
        );
        // An address outside the range in the header is the client, however far right.
        let mut h = HeaderMap::new();
        h.append(
            "x-forwarded-for",
            axum::http::HeaderValue::from_static("203.0.113.7, 11.0.0.1"),
        );
        assert_eq!(
            client_ip(ip("10.0.0.1"), &h, &trusted).to_string(),
            "11.0.0.1"
        );
    }

    #[test]
    fn a_trusted_proxy_is_an_address_or_a_range_and_anything_else_is_named_in_the_error() {
        let range = |s: &str| s.parse::<ProxyRange>().map(|r| r.to_string());
        assert_eq!(range("127.0.0.1").unwrap(), "127.0.0.1/32");
        assert_eq!(range("::1").unwrap(), "::1/128");
        assert_eq!(range(" 10.0.0.0/8 ").unwrap(), "10.0.0.0/8");
        assert_eq!(range("fd00::/8").unwrap(), "fd00::/8");
        // Host bits dropped; an IPv4 range written as IPv6 kept as IPv4.
        assert_eq!(range("10.1.2.3/8").unwrap(), "10.0.0.0/8");
        assert_eq!(range("::ffff:10.0.0.0/104").unwrap(), "10.0.0.0/8");
        assert_eq!(range("::ffff:127.0.0.1").unwrap(), "127.0.0.1/32");
        for bad in [
            "nginx",
            "10.0.0.0/33",
            "10.0.0.0/",
            "fd00::/129",
            "10.0.0.1:80",
            "",
        ] {
            let e = range(bad).unwrap_err();
            assert!(e.contains(&format!("'{bad}'")) && e.contains("CIDR"), "{e}");
        }
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
