//! `boardplan audit verify`: recompute the change log's hash chain.

use anyhow::{Result, bail};

use super::{open, partnership};
use crate::cli::Global;

pub async fn verify(g: &Global) -> Result<()> {
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let v = store.verify_change_log(&slug).await?;
    match v.first_bad {
        None => {
            println!(
                "The change log of {} is intact: {} entries, every hash matches.",
                p.name, v.entries
            );
            Ok(())
        }
        Some(id) => bail!(
            "the change log of {} has been altered: entry {id} does not match its hash. \
             Restore the database from a backup taken before that entry, and find out who changed it.",
            p.name
        ),
    }
}
