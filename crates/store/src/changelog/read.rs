//! Reading a partnership's change log: its entries, a check of its hash chain (and of an
//! anchor written down earlier), and its newest entry to write down as an anchor.

use crate::Store;
use crate::error::Result;
use crate::scope;

use super::chain::{self, Anchor, AnchorCheck, Change, Verification};

impl Store {
    /// The partnership's change log, oldest entry first.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn change_log(&self, slug: &str) -> Result<Vec<Change>> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        chain::entries(&mut conn, pid).await
    }

    /// Recompute the partnership's hash chain and name the first entry that does not match.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn verify_change_log(&self, slug: &str) -> Result<Verification> {
        self.verify_change_log_against(slug, None).await
    }

    /// As [`Store::verify_change_log`], and also look for an entry written down earlier
    /// ([`Store::change_log_head`]): a log cut back or rewritten before it no longer has it.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn verify_change_log_against(
        &self,
        slug: &str,
        anchor: Option<&Anchor>,
    ) -> Result<Verification> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        let entries = chain::entries(&mut conn, pid).await?;
        let mut v = chain::verify(pid, &entries)?;
        if let Some(id) = v.first_bad {
            tracing::warn!(change = id, "change log does not verify");
        }
        if let Some(anchor) = anchor {
            let check = chain::check_anchor(&entries, anchor);
            if check != AnchorCheck::Matches {
                tracing::warn!(change = anchor.id, "change log does not hold its anchor");
            }
            v.anchor = Some(check);
        }
        Ok(v)
    }

    /// The partnership's newest change-log entry, to write down as an [`Anchor`]; `None` while
    /// its log is empty.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn change_log_head(&self, slug: &str) -> Result<Option<Anchor>> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        chain::head(&mut conn, pid).await
    }
}
