//! The operator's kit for data: `backup` (a consistent copy while the server serves),
//! `restore` (a backup into an empty database) and `migrate --to` (a whole database into an
//! empty one, usually SQLite to PostgreSQL). The store does the copying and checks the result
//! (`store::Copied`); these say what was done and fail if a change log does not verify.

pub(crate) mod backup;
pub(crate) mod migrate;
pub(crate) mod restore;

use anyhow::{Result, bail};
use store::Copied;

/// The rows of each table, a line each by name, then each partnership's change log.
fn print(copied: &Copied) {
    let width = copied
        .tables
        .iter()
        .map(|t| t.table.len())
        .max()
        .unwrap_or(0);
    let mut by_name: Vec<_> = copied.tables.iter().collect();
    by_name.sort_by(|a, b| a.table.cmp(&b.table));
    for t in by_name {
        println!("  {:width$}  {:>9}", t.table, t.rows);
    }
    for log in &copied.change_logs {
        if log.first_bad.is_none() {
            println!(
                "The change log of {} is intact: {} entries, every hash matches.",
                log.partnership, log.entries
            );
        }
    }
}

/// Fail, after the copy is made, when a change log does not verify in it: a faithful copy of a
/// log already altered, which someone must look into.
fn require_verified(copied: &Copied, what: &str) -> Result<()> {
    if let Some(bad) = copied.change_logs.iter().find(|c| c.first_bad.is_some()) {
        bail!(
            "{what}, but the change log of {} does not verify in it: entry {} does not match its \
             hash. The copy is faithful, so the log was already altered where it came from: run \
             `boardplan audit verify --partnership {}` there and find out who changed it",
            bad.partnership,
            bad.first_bad.unwrap_or_default(),
            bad.partnership
        );
    }
    Ok(())
}
