//! Sending one message: through `lettre` to an SMTP server, or into a folder as an `.eml`
//! file. A file is named by the message's Message-ID and written whole before it appears
//! (written aside, then renamed), so sending the same message twice leaves one file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Mailbox, Message};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncTransport, Tokio1Executor};
use store::Claimed;

use super::{MailConfig, TlsMode, Transport};

/// Why a message was not sent. `permanent`: the server refused it for good (a bad address),
/// so retrying cannot help; otherwise (server down, busy, timed out) try again later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SendError {
    pub permanent: bool,
    pub detail: String,
}

enum Kind {
    Folder(PathBuf),
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
}

/// Sends messages the configured way.
pub struct Sender {
    from: Mailbox,
    kind: Kind,
}

impl Sender {
    /// A sender for `config`; an error names the setting that is wrong.
    pub fn new(config: &MailConfig) -> Result<Self, String> {
        let from: Mailbox = config.from.parse().map_err(|e| {
            format!(
                "the mail `from` address \"{}\" cannot be used ({e}); write it like \
                 Boardplan <boardplan@council.example>",
                config.from
            )
        })?;
        let kind = match &config.transport {
            Transport::Folder(dir) => Kind::Folder(dir.clone()),
            Transport::Smtp(s) => {
                let fail = |e: lettre::transport::smtp::Error| {
                    format!("the SMTP server {} cannot be used: {e}", s.host)
                };
                let mut b = match s.tls {
                    TlsMode::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&s.host),
                    TlsMode::Starttls => {
                        AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&s.host)
                    }
                    TlsMode::None => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
                        &s.host,
                    )),
                }
                .map_err(fail)?
                .timeout(Some(Duration::from_secs(30)));
                if let Some(port) = s.port {
                    b = b.port(port);
                }
                if let Some(user) = &s.username {
                    let password = s.password.clone().ok_or_else(|| {
                        format!(
                            "an SMTP user name ({user}) is set but no password: set \
                             BOARDPLAN_SMTP_PASSWORD"
                        )
                    })?;
                    b = b.credentials(Credentials::new(user.clone(), password));
                }
                Kind::Smtp(b.build())
            }
        };
        Ok(Self { from, kind })
    }

    /// The message as it goes out: plain text, with its own Message-ID.
    fn message(&self, m: &Claimed) -> Result<Message, SendError> {
        let permanent = |detail: String| SendError {
            permanent: true,
            detail,
        };
        let to: Mailbox =
            m.to.parse()
                .map_err(|e| permanent(format!("the address cannot be used: {e}")))?;
        Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(m.subject.clone())
            .message_id(Some(format!("<{}>", m.message_id)))
            .header(ContentType::TEXT_PLAIN)
            .body(m.body.clone())
            .map_err(|e| permanent(format!("the message cannot be built: {e}")))
    }

    /// Send one message.
    pub async fn send(&self, m: &Claimed) -> Result<(), SendError> {
        let message = self.message(m)?;
        match &self.kind {
            Kind::Folder(dir) => write_eml(dir, &m.message_id, &message.formatted())
                .await
                .map_err(|e| SendError {
                    permanent: false,
                    detail: format!("cannot write to {}: {e}", dir.display()),
                }),
            Kind::Smtp(t) => t.send(message).await.map(|_| ()).map_err(|e| SendError {
                permanent: e.is_permanent(),
                detail: e.to_string(),
            }),
        }
    }
}

/// A file name from a Message-ID: its letters, digits, dots and dashes.
fn file_name(message_id: &str) -> String {
    let safe: String = message_id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{safe}.eml")
}

async fn write_eml(dir: &Path, message_id: &str, bytes: &[u8]) -> std::io::Result<()> {
    let (dir, name, bytes) = (dir.to_path_buf(), file_name(message_id), bytes.to_vec());
    tokio::task::spawn_blocking(move || {
        std::fs::create_dir_all(&dir)?;
        let aside = dir.join(format!(".{name}.part"));
        std::fs::write(&aside, bytes)?;
        std::fs::rename(&aside, dir.join(name))
    })
    .await
    .map_err(std::io::Error::other)?
}
