//! `boardplan restore FILE --db URL`: a backup into an empty database, SQLite or PostgreSQL,
//! with its ids, hashes and evidence files; a database that holds anything is refused.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use store::Store;

use super::{print, require_verified};
use crate::cli::Global;
use crate::commands::redact;

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup file, made by `boardplan backup`. It is only read.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

pub async fn run(g: &Global, args: &RestoreArgs) -> Result<()> {
    let started = Instant::now();
    let copied = Store::restore(&args.file, crate::commands::db_url(g))
        .await
        .with_context(|| {
            format!(
                "could not restore {} into {}",
                args.file.display(),
                redact(crate::commands::db_url(g))
            )
        })?;
    println!(
        "Restored {} into {}: {} rows in {} tables, in {:.1} s.",
        args.file.display(),
        redact(crate::commands::db_url(g)),
        copied.rows(),
        copied.tables.len(),
        started.elapsed().as_secs_f64()
    );
    print(&copied);
    require_verified(&copied, "The backup was restored")
}
