//! `boardplan migrate --to URL`: move the whole database named by `--db` (usually a SQLite
//! file) into an empty one (usually PostgreSQL), everything included, and check it there:
//! the rows of every table against the source, and every change log verified.

use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;

use super::{print, require_verified};
use crate::cli::Global;
use crate::commands::{open, redact};

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The empty database to move everything into: postgres://USER:PASSWORD@HOST/NAME (made
    /// with `createdb NAME`), or a new SQLite file.
    #[arg(long, value_name = "URL")]
    pub to: String,
}

pub async fn run(g: &Global, args: &MigrateArgs) -> Result<()> {
    let store = open(g).await?;
    let started = Instant::now();
    let copied = store.copy_into(&args.to).await.with_context(|| {
        format!(
            "could not move {} into {}",
            redact(crate::commands::db_url(g)),
            redact(&args.to)
        )
    })?;
    store.close().await;
    println!(
        "Copied {} into {}: {} rows in {} tables, each table's rows counted there, in {:.1} s.",
        redact(crate::commands::db_url(g)),
        redact(&args.to),
        copied.rows(),
        copied.tables.len(),
        started.elapsed().as_secs_f64()
    );
    print(&copied);
    require_verified(&copied, "Everything was copied")?;
    println!(
        "To use it, point Boardplan at it (--db or BOARDPLAN_DATABASE_URL) and restart the \
         server; {} is left as it was.",
        redact(crate::commands::db_url(g))
    );
    Ok(())
}
