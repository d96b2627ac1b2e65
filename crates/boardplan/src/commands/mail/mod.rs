//! The `[mail]` settings of the configuration file, shared by `serve` (its reminder
//! schedule) and `remind`: the SMTP server, or with none — the default and the demo — a folder
//! of `.eml` files beside the database; the From address; the server's address for links in
//! messages; how often the schedule runs. The SMTP password comes from the environment only
//! (BOARDPLAN_SMTP_PASSWORD): a file or a flag is too easily read.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::Deserialize;
use web::mail::{MailConfig, Smtp, TlsMode, Transport};

/// `[mail]` as written in the file; every key optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailFile {
    pub smtp_host: Option<String>,
    pub smtp_port: Option<u16>,
    pub smtp_tls: Option<TlsMode>,
    pub smtp_username: Option<String>,
    pub from: Option<String>,
    pub outbox_dir: Option<PathBuf>,
    pub base_url: Option<String>,
    pub remind_every_minutes: Option<u64>,
    pub retry_after_seconds: Option<u64>,
}

/// The mail settings once the file and environment are read.
#[derive(Clone, Default)]
pub struct MailSettings {
    pub file: MailFile,
    pub smtp_password: Option<String>,
}

/// Never print the password.
impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("file", &self.file)
            .field("smtp_password", &self.smtp_password.as_ref().map(|_| "***"))
            .finish()
    }
}

/// How often `serve` runs a round of reminders when nothing says.
pub const DEFAULT_EVERY_MINUTES: u64 = 60;

impl MailSettings {
    /// Read from the file's `[mail]` and the environment.
    pub fn resolve(file: MailFile) -> Self {
        Self {
            file,
            smtp_password: std::env::var("BOARDPLAN_SMTP_PASSWORD")
                .ok()
                .filter(|p| !p.is_empty()),
        }
    }

    /// How mail leaves: `outbox` (the `--outbox` flag) wins, then an SMTP server, then the
    /// folder `outbox_dir` (default: `outbox` beside the database).
    pub fn config(&self, db_url: &str, outbox: Option<&Path>) -> MailConfig {
        let f = &self.file;
        let folder = || {
            outbox
                .map(Path::to_path_buf)
                .or_else(|| f.outbox_dir.clone())
                .unwrap_or_else(|| data_dir(db_url).join("outbox"))
        };
        let transport = match (&f.smtp_host, outbox) {
            (Some(host), None) => Transport::Smtp(Smtp {
                host: host.clone(),
                port: f.smtp_port,
                tls: f.smtp_tls.unwrap_or(TlsMode::Starttls),
                username: f.smtp_username.clone(),
                password: self.smtp_password.clone(),
            }),
            _ => Transport::Folder(folder()),
        };
        let mut config = MailConfig::folder(PathBuf::new());
        config.transport = transport;
        if let Some(from) = &f.from {
            config.from = from.clone();
        }
        if let Some(s) = f.retry_after_seconds {
            config.retry_after = Duration::from_secs(s.max(1));
        }
        config
    }

    /// The address in messages' links: `base_url`, else `fallback` (where `serve` listens).
    pub fn base_url(&self, fallback: &str) -> String {
        self.file
            .base_url
            .clone()
            .unwrap_or_else(|| fallback.to_string())
    }

    /// How often `serve` runs reminders; `None` when turned off (0).
    pub fn every(&self) -> Option<Duration> {
        match self
            .file
            .remind_every_minutes
            .unwrap_or(DEFAULT_EVERY_MINUTES)
        {
            0 => None,
            m => Some(Duration::from_secs(m * 60)),
        }
    }
}

/// The folder a SQLite database is in, else this one: where the `.eml` outbox goes.
pub fn data_dir(db_url: &str) -> PathBuf {
    if db_url.starts_with("postgres://") || db_url.starts_with("postgresql://") {
        return PathBuf::from(".");
    }
    let path = db_url.strip_prefix("sqlite:").unwrap_or(db_url);
    let path = path.strip_prefix("//").unwrap_or(path);
    let path = path.split('?').next().unwrap_or(path);
    match Path::new(path).parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_no_server_mail_goes_to_a_folder_beside_the_database() {
        let s = MailSettings::default();
        match s.config("/var/lib/boardplan/plan.db", None).transport {
            Transport::Folder(dir) => assert_eq!(dir, PathBuf::from("/var/lib/boardplan/outbox")),
            Transport::Smtp(_) => panic!("no server was configured"),
        }
        assert_eq!(data_dir("boardplan.db"), PathBuf::from("."));
        assert_eq!(data_dir("postgres://db/x"), PathBuf::from("."));
    }

    #[test]
    fn the_outbox_flag_wins_over_a_configured_server() {
        let s = MailSettings {
            file: MailFile {
                smtp_host: Some("smtp.council.example".into()),
                smtp_username: Some("boardplan".into()),
                ..MailFile::default()
            },
            smtp_password: Some("hunter2-long-secret".into()),
        };
        let c = s.config("x.db", None);
        assert!(matches!(c.transport, Transport::Smtp(_)));
        assert!(!format!("{c:?}").contains("hunter2"));
        let c = s.config("x.db", Some(Path::new("/tmp/out")));
        assert!(matches!(c.transport, Transport::Folder(_)));
    }
}
