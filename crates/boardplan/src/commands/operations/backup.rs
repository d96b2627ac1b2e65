//! `boardplan backup --out FILE`: a consistent backup of the whole database, taken while the
//! server goes on serving, as one SQLite file that restores onto either back end.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Args;

use super::{print, require_verified};
use crate::cli::Global;
use crate::commands::{open, redact};

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file to write (a new SQLite file, readable by its owner only).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Replace FILE if it already exists (it is replaced only once the new backup is whole).
    #[arg(long)]
    pub overwrite: bool,
}

pub async fn run(g: &Global, args: &BackupArgs) -> Result<()> {
    if args.out.exists() && !args.overwrite {
        bail!(
            "{} already exists; nothing was written. Choose a new name, or add --overwrite to \
             replace it",
            args.out.display()
        );
    }
    let store = open(g).await?;
    let started = Instant::now();
    let copied = store
        .backup(&args.out, args.overwrite)
        .await
        .with_context(|| format!("could not back up {}", redact(crate::commands::db_url(g))))?;
    store.close().await;
    let bytes = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    println!(
        "Backed up {} to {}: {} rows in {} tables, {:.1} MB, in {:.1} s.",
        redact(crate::commands::db_url(g)),
        args.out.display(),
        copied.rows(),
        copied.tables.len(),
        bytes as f64 / 1_000_000.0,
        started.elapsed().as_secs_f64()
    );
    print(&copied);
    require_verified(&copied, "The backup was written")
}
