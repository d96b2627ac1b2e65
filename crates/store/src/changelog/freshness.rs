//! How fresh a cached view is: every write appends to the partnership's change log, so the
//! id of its newest entry changes whenever anything the pages show could have changed. One
//! indexed seek, cheap enough to ask on every request from every app server; cheaper still
//! read in the statement that finds the caller (`accounts::caller`), as a [`Head`].

use sqlx::Row;

use crate::Store;
use crate::error::Result;

impl Store {
    /// The id of the partnership's newest change-log entry (0 when it has none), or `None`
    /// when there is no such partnership.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn log_head(&self, slug: &str) -> Result<Option<i64>> {
        let row = sqlx::query(
            "SELECT p.id AS pid, (SELECT c.id FROM change_log c WHERE c.partnership_id = p.id
                                  ORDER BY c.id DESC LIMIT 1) AS head
             FROM partnerships p WHERE p.slug = $1",
        )
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok(r.try_get::<Option<i64>, _>("head")?.unwrap_or(0)))
            .transpose()
    }
}

/// A partnership's change-log head read with a request's caller, and how many writes this
/// store had begun by then. Until this store begins another write, no write of this server
/// can have moved the head since; one of another server's that did was concurrent with the
/// request, which may then be answered from before it, as if it had come a moment earlier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Head {
    pub(crate) id: i64,
    pub(crate) writes: u64,
}

impl Store {
    /// How many write transactions this store has begun.
    pub(crate) fn writes_begun(&self) -> u64 {
        self.writes.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// `head`'s entry id while it is still current as far as this store knows: `None` once
    /// this store has begun a write since it was read (the request's own, say), when it must
    /// be read again with [`Store::log_head`].
    pub fn head_still(&self, head: &Head) -> Option<i64> {
        (self.writes_begun() == head.writes).then_some(head.id)
    }
}
