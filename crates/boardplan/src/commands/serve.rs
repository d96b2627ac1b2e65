//! `boardplan serve`: the web application on the chosen address, until Ctrl-C or SIGTERM.
//! Its settings may also come from the configuration file (`crate::config`), which has
//! filled in what the flags and environment left unset before this runs.

use anyhow::{Context, Result, bail};
use clap::Args;
use clap::builder::TypedValueParser;
use clap::error::ErrorKind;
use clap::parser::ValueSource;
use web::auth::throttle::ProxyRange;

use super::open;
use crate::cli::Global;
use crate::config::{DEFAULT_ADDR, LogFormat};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where to listen [default: 127.0.0.1:8080, or `addr` under [serve] in the
    /// configuration file].
    #[arg(long, env = "BOARDPLAN_ADDR")]
    pub addr: Option<String>,
    /// Mark cookies Secure: on whenever people reach Boardplan over HTTPS (the default
    /// unless listening on this machine only).
    #[arg(long, env = "BOARDPLAN_SECURE_COOKIES")]
    pub secure_cookies: Option<bool>,
    /// Serve Prometheus metrics at /metrics, to requests bearing the token in
    /// BOARDPLAN_METRICS_TOKEN (or `token` under [metrics] in the configuration file)
    /// [default: false].
    #[arg(long, env = "BOARDPLAN_METRICS")]
    pub metrics: Option<bool>,
    /// From the environment or the configuration file only: see `metrics`.
    #[arg(skip)]
    pub metrics_token: Option<String>,
    /// A reverse proxy whose X-Forwarded-For header names the client, for sign-in
    /// throttling: an address, or a CIDR range such as 10.0.0.0/8; repeat for several (the
    /// environment takes them comma-separated). Name only proxies you run: the header is
    /// believed only from them [default: none].
    #[arg(
        long = "trusted-proxy",
        env = "BOARDPLAN_TRUSTED_PROXIES",
        value_delimiter = ',',
        value_name = "IP[/BITS]",
        value_parser = ProxyRangeParser
    )]
    pub trusted_proxies: Vec<ProxyRange>,
    /// The day the start page opens a board at instead of today; pages keep it on their
    /// links until someone picks another date. The demo opens at 2010-03-31, the end of its
    /// plan's year [default: today].
    #[arg(long, env = "BOARDPLAN_OPENING_DATE", value_name = "YYYY-MM-DD")]
    pub opening_date: Option<jiff::civil::Date>,
    /// The memory, in MiB, this server may keep for what views read and render beyond the
    /// views themselves: single actions' updates and stories, and the API's pages of
    /// actions. More keeps more of a national-scale load in memory; less keeps the server
    /// small [default: 192, or `cache_mb` under [serve] in the configuration file].
    #[arg(long, env = "BOARDPLAN_CACHE_MB", value_name = "MIB", value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub cache_mb: Option<u32>,
    /// From the configuration file and environment only (`[mail]`): the reminder schedule.
    #[arg(skip)]
    pub mail: crate::commands::mail::MailSettings,
    /// From the configuration file only (`[identity]`): the identity providers.
    #[arg(skip)]
    pub identity: web::identity::IdentityConfig,
}

/// Reads a trusted proxy, saying in an error whether the bad value was given with the flag
/// or in the environment, since clap's own message names the flag either way.
#[derive(Clone)]
struct ProxyRangeParser;

impl TypedValueParser for ProxyRangeParser {
    type Value = ProxyRange;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<ProxyRange, clap::Error> {
        self.parse_ref_(cmd, arg, value, ValueSource::CommandLine)
    }

    fn parse_ref_(
        &self,
        cmd: &clap::Command,
        _arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
        source: ValueSource,
    ) -> Result<ProxyRange, clap::Error> {
        let from = if source == ValueSource::EnvVariable {
            "in BOARDPLAN_TRUSTED_PROXIES"
        } else {
            "given with --trusted-proxy"
        };
        let text = value.to_string_lossy();
        text.parse().map_err(|e| {
            cmd.clone()
                .error(ErrorKind::ValueValidation, format!("{e} ({from})"))
        })
    }
}

pub async fn run(g: &Global, args: &ServeArgs) -> Result<()> {
    let metrics_token = metrics_token(args)?;
    let store = open(g).await?;
    let addr = args.addr.as_deref().unwrap_or(DEFAULT_ADDR);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot listen on {addr}: is another program using it?"))?;
    let local = listener.local_addr()?;
    let secure = args.secure_cookies.unwrap_or(!local.ip().is_loopback());
    let config = web::WebConfig {
        secure_cookies: secure,
        metrics_token,
        trusted_proxies: args.trusted_proxies.clone(),
        opening_date: args.opening_date,
        identity: args.identity.clone(),
        ..web::WebConfig::default()
    };
    let cache = args
        .cache_mb
        .map_or(web::progress::memo::budget::CACHE_MB, |mb| mb as usize);
    web::progress::memo::budget::set_cache(cache);
    let stop = web::stop_signal().context("cannot listen for Ctrl-C and SIGTERM")?;
    // Printed before the address line: whoever waits for that line (a script, the tests) may
    // stop reading there, and a write to a closed pipe would end the server.
    if let Some(d) = args.opening_date {
        println!("Boards open as at {d}; choose another date on any page.");
    }
    println!("Boardplan is running at http://{local}/ (press Ctrl-C to stop)");
    let reminders =
        super::reminders::schedule::start(&store, &args.mail, super::db_url(g), &local.to_string());
    web::serve(listener, web::AppState::new(store.clone(), config), stop).await?;
    reminders.stop().await;
    // Wait for every connection to be returned and closed, so that SQLite checkpoints its
    // write-ahead log and PostgreSQL sees the sessions end, before the process exits.
    store.close().await;
    let stopped = "Boardplan has stopped: requests in flight finished, database closed.";
    if g.log_format == Some(LogFormat::Json) {
        // A collector reading JSON lines gets no line of plain text among them.
        tracing::info!("{stopped}");
    } else {
        eprintln!("{stopped}");
    }
    Ok(())
}

/// Metrics are served only when asked for, and then never without a token: checked before
/// anything opens, so a wrong setting stops the start rather than exposing the metrics.
fn metrics_token(args: &ServeArgs) -> Result<Option<web::operations::MetricsToken>> {
    if !args.metrics.unwrap_or(false) {
        return Ok(None);
    }
    let Some(token) = &args.metrics_token else {
        bail!(
            "metrics are on but no token is set: set BOARDPLAN_METRICS_TOKEN, or `token` under \
             [metrics] in the configuration file, to a long random string (for example the \
             output of `openssl rand -hex 32`)"
        );
    };
    web::operations::MetricsToken::new(token)
        .map(Some)
        .map_err(anyhow::Error::msg)
}
