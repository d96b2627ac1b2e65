//! The optional configuration file (`--config FILE` or `BOARDPLAN_CONFIG`), TOML, and how its
//! settings meet the command line's: a flag wins over the environment, the environment over
//! the file, the file over the built-in default. Clap already puts a flag over its
//! environment variable, and leaves a setting unset when neither is given; the file and the
//! defaults fill in what is still unset, here, before any command runs.
//!
//! An unknown key is an error naming the key and the file: a misspelt setting silently
//! ignored would leave, say, metrics open without the token the operator meant to set.
//! Every key is documented in `docs/operations.md`.

use std::path::Path;

use anyhow::{Context, Result, bail};
use clap::ValueEnum;
use serde::Deserialize;

use crate::cli::{Cli, Command};

/// Where the database is when nothing says.
pub const DEFAULT_DB: &str = "boardplan.db";
/// Where `serve` listens when nothing says.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";

/// How log lines are written to stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Lines for a person at a terminal.
    #[default]
    Text,
    /// One JSON object a line, for a log collector.
    Json,
}

/// The file, as written. Every field optional: the file says only what it changes.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    database_url: Option<String>,
    log_format: Option<LogFormat>,
    log: Option<String>,
    #[serde(default)]
    serve: ServeFile,
    #[serde(default)]
    metrics: MetricsFile,
    #[serde(default)]
    mail: crate::commands::mail::MailFile,
    #[serde(default)]
    identity: crate::commands::identity::config::IdentityFile,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ServeFile {
    addr: Option<String>,
    /// The address people reach Boardplan at: the links in messages (`[mail] base_url`)
    /// and identity providers' redirect URIs (`[identity] public_url`) start with it.
    public_url: Option<String>,
    secure_cookies: Option<bool>,
    trusted_proxies: Option<Vec<web::auth::throttle::ProxyRange>>,
    cache_mb: Option<u32>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MetricsFile {
    enabled: Option<bool>,
    token: Option<String>,
}

/// How to log, once every source has been read.
#[derive(Debug)]
pub struct Logging {
    pub format: LogFormat,
    /// A tracing filter, e.g. `warn` or `info,sqlx=warn`.
    pub filter: String,
}

/// Read the configuration file, if one is named, and fill in every setting of `cli` that
/// neither a flag nor the environment gave. Returns how to log.
pub fn resolve(cli: &mut Cli) -> Result<Logging> {
    let file = match &cli.global.config {
        Some(path) => read(path)?,
        None => File::default(),
    };
    let g = &mut cli.global;
    g.db =
        g.db.take()
            .or(file.database_url)
            .or(Some(DEFAULT_DB.into()));
    let format = g.log_format.or(file.log_format).unwrap_or_default();
    // Commands that write to stderr themselves ask which format the log is in.
    g.log_format = Some(format);
    let filter = match std::env::var("BOARDPLAN_LOG") {
        Ok(f) if !f.trim().is_empty() => f,
        _ => file.log.unwrap_or_else(|| default_filter(format).into()),
    };
    if let Command::Serve(args) = &mut cli.command {
        args.addr = args
            .addr
            .take()
            .or(file.serve.addr)
            .or(Some(DEFAULT_ADDR.into()));
        args.secure_cookies = args.secure_cookies.or(file.serve.secure_cookies);
        args.cache_mb = args.cache_mb.or(file.serve.cache_mb);
        if args.trusted_proxies.is_empty() {
            args.trusted_proxies = file.serve.trusted_proxies.unwrap_or_default();
        }
        args.metrics = args.metrics.or(file.metrics.enabled);
        // A secret has no flag: a command line is visible to every user of the machine.
        args.metrics_token = std::env::var("BOARDPLAN_METRICS_TOKEN")
            .ok()
            .filter(|t| !t.is_empty())
            .or(file.metrics.token);
        args.identity = crate::commands::identity::config::resolve(file.identity)?;
    }
    let mail = crate::commands::mail::MailSettings::resolve(file.mail);
    match &mut cli.command {
        Command::Serve(args) => args.mail = mail,
        Command::Remind(args) => args.mail = mail,
        _ => {}
    }
    Ok(Logging { format, filter })
}

/// Text logs show warnings only, as before there was a choice; JSON logs go to a collector,
/// which wants a line for each request too.
fn default_filter(format: LogFormat) -> &'static str {
    match format {
        LogFormat::Text => "warn",
        LogFormat::Json => "info",
    }
}

fn read(path: &Path) -> Result<File> {
    let text = std::fs::read_to_string(path).with_context(|| {
        format!(
            "cannot read the configuration file {}: check the path given with --config or \
             BOARDPLAN_CONFIG",
            path.display()
        )
    })?;
    parse(&text).map_err(|e| {
        anyhow::anyhow!(
            "in the configuration file {}: {e}\nThe keys are listed in docs/operations.md.",
            path.display()
        )
    })
}

fn parse(text: &str) -> Result<File> {
    let mut file: File = toml::from_str(text)?;
    one_public_url(&mut file)?;
    if file
        .database_url
        .as_deref()
        .is_some_and(|d| d.trim().is_empty())
    {
        bail!(
            "database_url is empty: give a SQLite file path or a postgres:// URL, or leave it out"
        );
    }
    Ok(file)
}

/// `[serve] public_url` is the one setting for the server's public address; the two older
/// keys that each said it for one purpose, `[mail] base_url` and `[identity] public_url`,
/// are still read. Given with it, an older key must name the same address (a slash at the
/// end aside): two different addresses for one server is a mistake to stop at.
fn one_public_url(file: &mut File) -> Result<()> {
    let Some(url) = file.serve.public_url.clone() else {
        return Ok(());
    };
    if url.trim().is_empty() {
        bail!(
            "public_url under [serve] is empty: give the address people reach Boardplan at, such as https://boardplan.example.org, or leave it out"
        );
    }
    let same = |a: &str, b: &str| a.trim().trim_end_matches('/') == b.trim().trim_end_matches('/');
    for (old, key) in [
        (&mut file.mail.base_url, "base_url under [mail]"),
        (&mut file.identity.public_url, "public_url under [identity]"),
    ] {
        match old {
            Some(given) if !same(given, &url) => bail!(
                "public_url under [serve] is {url}, but {key} is {given}: they name the same \
                 address; keep public_url under [serve] and remove {key}"
            ),
            _ => *old = Some(url.clone()),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_key_is_read() {
        let file = parse(
            r#"
            database_url = "/var/lib/boardplan/boardplan.db"
            log_format = "json"
            log = "info"
            [serve]
            addr = "0.0.0.0:8080"
            public_url = "https://boardplan.council.example/"
            secure_cookies = true
            trusted_proxies = ["127.0.0.1", "::1", "10.0.0.0/8", "fd00::/8"]
            cache_mb = 512
            [metrics]
            enabled = true
            token = "0123456789abcdef0123"
            [mail]
            smtp_host = "smtp.council.example"
            smtp_port = 587
            smtp_tls = "starttls"
            smtp_username = "boardplan"
            from = "Boardplan <boardplan@council.example>"
            outbox_dir = "/var/lib/boardplan/outbox"
            base_url = "https://boardplan.council.example"
            remind_every_minutes = 30
            retry_after_seconds = 120
            [identity]
            public_url = "https://boardplan.council.example"
            [[identity.providers]]
            id = "entra"
            name = "Kingston Council"
            issuer = "https://login.example/tenant/v2.0"
            client_id = "abc"
            client_secret_file = "/etc/boardplan/entra-secret"
            verified_claim = "xms_edov"
            "#,
        )
        .unwrap();
        assert_eq!(file.log_format, Some(LogFormat::Json));
        assert_eq!(file.serve.addr.as_deref(), Some("0.0.0.0:8080"));
        assert_eq!(file.metrics.enabled, Some(true));
        assert_eq!(file.serve.trusted_proxies.map(|p| p.len()), Some(4));
        assert_eq!(file.serve.cache_mb, Some(512));
        assert_eq!(file.mail.remind_every_minutes, Some(30));
        assert_eq!(file.mail.smtp_tls, Some(web::mail::TlsMode::Starttls));
        let e = parse("[serve]\ntrusted_proxies = [\"nginx\"]\n")
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("'nginx'") && e.contains("line 2"), "{e}");
        let docs = include_str!("../../../docs/operations.md");
        for key in [
            "database_url",
            "log_format",
            "`log`",
            "[serve]",
            "addr",
            "secure_cookies",
            "trusted_proxies",
            "cache_mb",
            "[metrics]",
            "enabled",
            "token",
            "[mail]",
            "smtp_host",
            "smtp_port",
            "smtp_tls",
            "smtp_username",
            "BOARDPLAN_SMTP_PASSWORD",
            "`from`",
            "outbox_dir",
            "base_url",
            "remind_every_minutes",
            "retry_after_seconds",
            "[identity]",
            "public_url",
            "[[identity.providers]]",
        ] {
            assert!(
                docs.contains(key),
                "docs/operations.md does not explain {key}"
            );
        }
    }

    #[test]
    fn one_public_url_serves_the_links_in_messages_and_sign_in_and_the_old_keys_still_work() {
        let file = parse("[serve]\npublic_url = \"https://bp.example.org\"\n").unwrap();
        assert_eq!(
            file.mail.base_url.as_deref(),
            Some("https://bp.example.org")
        );
        assert_eq!(
            file.identity.public_url.as_deref(),
            Some("https://bp.example.org")
        );
        // The older keys alone, as files written before it have them.
        let file = parse(
            "[mail]\nbase_url = \"https://mail.example.org\"\n\
             [identity]\npublic_url = \"https://id.example.org\"\n",
        )
        .unwrap();
        assert_eq!(
            file.mail.base_url.as_deref(),
            Some("https://mail.example.org")
        );
        assert_eq!(
            file.identity.public_url.as_deref(),
            Some("https://id.example.org")
        );
        assert_eq!(file.serve.public_url, None);
        // Beside it, an older key naming another address is refused, naming both keys.
        let e = parse(
            "[serve]\npublic_url = \"https://bp.example.org\"\n\
             [mail]\nbase_url = \"http://127.0.0.1:8080\"\n",
        )
        .err()
        .unwrap()
        .to_string();
        assert!(
            e.contains("public_url under [serve]") && e.contains("base_url under [mail]"),
            "{e}"
        );
        let e = parse("[serve]\npublic_url = \" \"\n")
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("public_url under [serve] is empty"), "{e}");
    }

    #[test]
    fn a_bad_trusted_proxy_range_in_the_file_is_named_with_its_line() {
        let e = parse("[serve]\n\ntrusted_proxies = [\n  \"10.0.0.0/8\",\n  \"10.0.0.0/33\",\n]\n")
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("'10.0.0.0/33'") && e.contains("CIDR"), "{e}");
        // The line where the list starts: the value itself is named in the message.
        assert!(e.contains("line 3"), "{e}");
    }

    #[test]
    fn trusted_proxies_are_addresses_or_ranges_given_one_flag_each() {
        use clap::Parser;
        let cli = Cli::try_parse_from([
            "boardplan",
            "serve",
            "--trusted-proxy",
            "127.0.0.1",
            "--trusted-proxy",
            "::1",
            "--trusted-proxy",
            "10.0.0.0/8",
        ])
        .unwrap();
        let Command::Serve(args) = cli.command else {
            panic!("not serve");
        };
        assert_eq!(args.trusted_proxies.len(), 3);
        let e = Cli::try_parse_from(["boardplan", "serve", "--trusted-proxy", "nginx"])
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("nginx") && e.contains("--trusted-proxy"), "{e}");
    }

    #[test]
    fn the_cache_is_given_in_whole_mib_and_never_none() {
        use clap::Parser;
        let serve = |mb: &str| Cli::try_parse_from(["boardplan", "serve", "--cache-mb", mb]);
        let Command::Serve(args) = serve("512").unwrap().command else {
            panic!("not serve");
        };
        assert_eq!(args.cache_mb, Some(512));
        for bad in ["0", "lots", "1.5"] {
            let e = serve(bad).err().unwrap().to_string();
            assert!(e.contains("--cache-mb") && e.contains(bad), "{e}");
        }
        let e = parse("[serve]\ncache_mb = \"big\"\n")
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("cache_mb") && e.contains("line 2"), "{e}");
    }

    #[test]
    fn an_unknown_key_is_named_with_its_place() {
        let e = parse("[serve]\nadress = \"0.0.0.0:80\"\n")
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("adress"), "{e}");
        assert!(e.contains("line 2"), "{e}");
        let e = parse("databse_url = \"x.db\"\n").err().unwrap().to_string();
        assert!(e.contains("databse_url"), "{e}");
        let e = parse("log_format = \"xml\"\n").err().unwrap().to_string();
        assert!(e.contains("xml") && e.contains("json"), "{e}");
    }
}
