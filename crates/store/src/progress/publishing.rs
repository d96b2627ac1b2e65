//! Whether a partnership publishes its public summary (the plan's actions and their ratings,
//! for anyone, at `/public`). Off until someone decides otherwise: a board's plan becomes
//! public by a choice the change log records, never by being imported.

use sqlx::Row;

use crate::changelog::chain::ChangeOp;
use crate::error::Result;
use crate::plan::summary::PartnershipSummary;
use crate::{Store, scope};

use super::write::Stamp;

impl Store {
    /// Whether partnership `slug` publishes its public summary.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn published(&self, slug: &str) -> Result<bool> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        let row = sqlx::query("SELECT published FROM partnerships WHERE id = $1")
            .bind(pid)
            .fetch_one(&mut *conn)
            .await?;
        Ok(row.try_get::<i64, _>("published")? == 1)
    }

    /// Publish partnership `slug`'s public summary, or stop publishing it; the state now. A
    /// change is logged with its actor; asking for the state it is already in writes nothing.
    #[tracing::instrument(skip_all, fields(partnership = slug, published = on))]
    pub async fn set_published(&self, slug: &str, stamp: Stamp<'_>, on: bool) -> Result<bool> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let row = sqlx::query("SELECT published FROM partnerships WHERE id = $1")
            .bind(w.pid)
            .fetch_one(&mut *w.tx)
            .await?;
        let was = row.try_get::<i64, _>("published")? == 1;
        if was == on {
            return Ok(was);
        }
        sqlx::query("UPDATE partnerships SET published = $1 WHERE id = $2")
            .bind(i64::from(on))
            .bind(w.pid)
            .execute(&mut *w.tx)
            .await?;
        w.log.record(
            "settings",
            "publishing",
            ChangeOp::Update,
            Some(&was),
            Some(&on),
        )?;
        w.commit().await?;
        Ok(on)
    }

    /// The partnerships that publish their public summary, by name, with their current plans.
    #[tracing::instrument(skip_all)]
    pub async fn published_partnerships(&self) -> Result<Vec<PartnershipSummary>> {
        let rows = {
            let mut conn = self.pool.acquire().await?;
            sqlx::query("SELECT slug FROM partnerships WHERE published = 1")
                .fetch_all(&mut *conn)
                .await?
        };
        let slugs = rows
            .iter()
            .map(|r| r.try_get::<String, _>("slug"))
            .collect::<std::result::Result<std::collections::HashSet<_>, _>>()?;
        let mut all = self.partnerships().await?;
        all.retain(|p| slugs.contains(&p.slug));
        Ok(all)
    }
}
