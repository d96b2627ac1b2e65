//! The whole partnership for the interchange document (version 2): its plan tree and its own
//! business (the member register, agencies' details, sub-groups as run, meetings' records,
//! the document register with its files, induction), read in one transaction, and written
//! by an import in one transaction with the plan tree, through the change log.
//!
//! Depends on the ground, `changelog`, `plan` (the tree's read and the import it joins),
//! `governance` (people), `meetings` (sub-groups) and `documents` (the register) for their
//! reads and checks, and `progress::evidence` for the files. Inside: `read` (each table once
//! per partnership) and `write` (into the import's transaction).

pub(crate) mod read;
pub(crate) mod write;

use domain::Partnership;
use domain::business::Business;

use crate::error::Result;
use crate::plan::partnership_read;
use crate::{Store, scope};

pub use read::Files;

/// A partnership whole: its plan tree, its business and the files the business names.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WholePartnership {
    pub partnership: Partnership,
    pub business: Business,
    pub files: Files,
}

impl Store {
    /// Partnership `slug` whole, as it stands, read in one transaction; `None` if there is no
    /// such partnership.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn whole_partnership(&self, slug: &str) -> Result<Option<WholePartnership>> {
        let mut tx = self.begin_read().await?;
        let Some(partnership) = partnership_read::load(&mut tx, slug).await? else {
            tx.commit().await?;
            return Ok(None);
        };
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let (business, files) = read::business(&mut tx, pid).await?;
        tx.commit().await?;
        Ok(Some(WholePartnership {
            partnership,
            business,
            files,
        }))
    }
}
