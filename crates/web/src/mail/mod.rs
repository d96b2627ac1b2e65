//! Sending mail from the outbox (`store::Store::claim_mail`): to an SMTP server with TLS and
//! authentication, or — with no server configured, the default and the demo — as `.eml`
//! files in a folder ([`transport`]); and the worker that claims each waiting message, sends
//! it and records the attempt, retrying with back-off while the server is down ([`worker`]).
//! Not HTTP, but the web crate is where the server's background work runs (beside
//! `auth::purge`); the command line's `remind` uses the same worker.

pub mod transport;
pub mod worker;

use std::path::PathBuf;
use std::time::Duration;

/// How mail leaves this server.
#[derive(Debug, Clone)]
pub struct MailConfig {
    pub transport: Transport,
    /// The From address, e.g. `Boardplan <boardplan@council.example>`.
    pub from: String,
    /// The first wait before retrying a message the server could not take; each later
    /// retry waits twice as long, up to [`worker::MAX_BACKOFF`].
    pub retry_after: Duration,
    /// How long a worker holds a claimed message before another may take it over.
    pub lease: Duration,
}

impl MailConfig {
    /// Messages written as `.eml` files into `dir`.
    pub fn folder(dir: impl Into<PathBuf>) -> Self {
        Self {
            transport: Transport::Folder(dir.into()),
            from: "Boardplan <boardplan@localhost>".into(),
            retry_after: Duration::from_secs(60),
            lease: Duration::from_secs(300),
        }
    }
}

/// Where messages go.
#[derive(Debug, Clone)]
pub enum Transport {
    /// `.eml` files in this folder, one per message, named by its Message-ID.
    Folder(PathBuf),
    Smtp(Smtp),
}

/// An SMTP server.
#[derive(Clone)]
pub struct Smtp {
    pub host: String,
    /// Default: 465 for TLS, 587 for STARTTLS, 25 for none.
    pub port: Option<u16>,
    pub tls: TlsMode,
    pub username: Option<String>,
    /// From the environment (BOARDPLAN_SMTP_PASSWORD), never a flag or a log.
    pub password: Option<String>,
}

/// Never print the password.
impl std::fmt::Debug for Smtp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Smtp")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("tls", &self.tls)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "***"))
            .finish()
    }
}

/// How the connection to the SMTP server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TlsMode {
    /// TLS from the first byte (usually port 465).
    Tls,
    /// Plain, then upgraded with STARTTLS, which must succeed (usually port 587).
    Starttls,
    /// No encryption: only for a relay on this machine, or tests.
    None,
}
