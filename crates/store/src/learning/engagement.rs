//! Engagement activities: adding one, and reading them back (newest first) for the pages, the
//! command line and the count per quarter behind the engagement indicator of 6.2.

use domain::learning::engagement::Activity;
use serde::Serialize;
use sqlx::Row;

use crate::codec;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;
use crate::{Store, scope};

/// An activity as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActivityRecord {
    pub id: i64,
    #[serde(flatten)]
    pub activity: Activity,
}

impl Store {
    /// Partnership `slug`'s engagement activities, newest first.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn engagement_activities(&self, slug: &str) -> Result<Vec<ActivityRecord>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let rows = sqlx::query(
            "SELECT id, held_on, with_whom, how_many, how, said, changed, priorities
             FROM engagement_activities WHERE partnership_id = $1
             ORDER BY held_on DESC, id DESC",
        )
        .bind(pid)
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut out = Vec::with_capacity(rows.len());
        for r in &rows {
            out.push(ActivityRecord {
                id: r.try_get("id")?,
                activity: Activity {
                    held_on: codec::parse_date(&r.try_get::<String, _>("held_on")?)?,
                    with_whom: r.try_get("with_whom")?,
                    how_many: codec::to_u32(r.try_get("how_many")?, "how many")?,
                    how: r.try_get("how")?,
                    said: r.try_get("said")?,
                    changed: r.try_get("changed")?,
                    priorities: codec::parse_text_list(&r.try_get::<String, _>("priorities")?)?,
                },
            });
        }
        Ok(out)
    }

    /// Add activity `a`; its priorities must be objectives of the current plan.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_engagement_activity(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        a: &Activity,
    ) -> Result<ActivityRecord> {
        let a = a
            .clone()
            .checked()
            .map_err(|(f, e)| StoreError::invalid(format!("{f}: {} {}", e.problem, e.fix)))?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        super::links::check(&mut w.tx, w.pid, &a.priorities, &[]).await?;
        let row = sqlx::query(
            "INSERT INTO engagement_activities (partnership_id, held_on, with_whom, how_many,
                 how, said, changed, priorities, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(w.pid)
        .bind(codec::date_text(a.held_on))
        .bind(a.with_whom.as_str())
        .bind(i64::from(a.how_many))
        .bind(a.how.as_str())
        .bind(a.said.clone())
        .bind(a.changed.clone())
        .bind(codec::text_list(&a.priorities)?)
        .bind(w.at.as_str())
        .fetch_one(&mut *w.tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        w.log.created("engagement_activity", id.to_string(), &a)?;
        w.commit().await?;
        Ok(ActivityRecord { id, activity: a })
    }
}
