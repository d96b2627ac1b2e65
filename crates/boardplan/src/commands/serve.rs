//! `boardplan serve`: the web application on the chosen address, until Ctrl-C or SIGTERM.

use anyhow::{Context, Result};
use clap::Args;

use super::open;
use crate::cli::Global;

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Where to listen.
    #[arg(long, env = "BOARDPLAN_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Mark cookies Secure: on whenever people reach Boardplan over HTTPS (the default
    /// unless listening on this machine only).
    #[arg(long, env = "BOARDPLAN_SECURE_COOKIES")]
    pub secure_cookies: Option<bool>,
}

pub async fn run(g: &Global, args: &ServeArgs) -> Result<()> {
    let store = open(g).await?;
    let listener = tokio::net::TcpListener::bind(&args.addr)
        .await
        .with_context(|| {
            format!(
                "cannot listen on {}: is another program using it?",
                args.addr
            )
        })?;
    let local = listener.local_addr()?;
    let secure = args.secure_cookies.unwrap_or(!local.ip().is_loopback());
    let config = web::WebConfig {
        secure_cookies: secure,
        ..web::WebConfig::default()
    };
    let stop = web::stop_signal().context("cannot listen for Ctrl-C and SIGTERM")?;
    println!("Boardplan is running at http://{local}/ (press Ctrl-C to stop)");
    web::serve(listener, web::AppState::new(store.clone(), config), stop).await?;
    // Wait for every connection to be returned and closed, so that SQLite checkpoints its
    // write-ahead log and PostgreSQL sees the sessions end, before the process exits.
    store.close().await;
    eprintln!("Boardplan has stopped: requests in flight finished, database closed.");
    Ok(())
}
