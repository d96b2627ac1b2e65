//! How fresh a cached view is: every write appends to the partnership's change log, so the
//! id of its newest entry changes whenever anything the pages show could have changed. One
//! indexed seek, cheap enough to ask on every request from every app server.

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
