//! A meeting's minutes: a draft, rewritten until a later meeting of the same body approves
//! them, after which they are kept as they are.

use sqlx::Row;

use crate::Store;
use crate::changelog::chain::ChangeOp;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;

use super::find;
use super::write::text;

/// The longest minutes kept.
const MAX_MINUTES: usize = 100_000;

impl Store {
    /// Write meeting `id`'s draft minutes. Approved minutes are not rewritten.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn set_minutes(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        minutes: &str,
    ) -> Result<()> {
        let minutes = text("minutes", minutes, MAX_MINUTES)?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let head = find::head(&mut w.tx, w.pid, id).await?;
        let r = sqlx::query("SELECT minutes, minutes_approved_by FROM meetings WHERE partnership_id = $1 AND id = $2")
            .bind(w.pid)
            .bind(id)
            .fetch_one(&mut *w.tx)
            .await?;
        if r.try_get::<Option<i64>, _>("minutes_approved_by")?
            .is_some()
        {
            return Err(StoreError::Conflict {
                what: format!(
                    "the minutes of {} are approved; they are not rewritten",
                    head.key
                ),
            });
        }
        let old: Option<String> = r.try_get("minutes")?;
        if old.as_deref() == Some(minutes.as_str()) {
            return Ok(());
        }
        sqlx::query("UPDATE meetings SET minutes = $3 WHERE partnership_id = $1 AND id = $2")
            .bind(w.pid)
            .bind(id)
            .bind(minutes.as_str())
            .execute(&mut *w.tx)
            .await?;
        w.log.record(
            "minutes",
            head.key,
            ChangeOp::Update,
            old.as_ref(),
            Some(&minutes),
        )?;
        w.commit().await
    }

    /// Record that meeting `at` (later, of the same body) approved meeting `id`'s minutes.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn approve_minutes(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        at: i64,
    ) -> Result<()> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let head = find::head(&mut w.tx, w.pid, id).await?;
        let approver = find::head(&mut w.tx, w.pid, at).await?;
        if approver.subgroup_id != head.subgroup_id || approver.date <= head.date {
            return Err(StoreError::invalid(format!(
                "minutes are approved at a later meeting of the same body: {} cannot approve \
                 those of {}",
                approver.key, head.key
            )));
        }
        let r = sqlx::query("SELECT minutes, minutes_approved_by FROM meetings WHERE partnership_id = $1 AND id = $2")
            .bind(w.pid)
            .bind(id)
            .fetch_one(&mut *w.tx)
            .await?;
        if r.try_get::<Option<String>, _>("minutes")?.is_none() {
            return Err(StoreError::invalid(format!(
                "the meeting {} has no minutes to approve yet",
                head.key
            )));
        }
        if r.try_get::<Option<i64>, _>("minutes_approved_by")?
            .is_some()
        {
            return Err(StoreError::Conflict {
                what: format!("the minutes of {} are already approved", head.key),
            });
        }
        sqlx::query(
            "UPDATE meetings SET minutes_approved_by = $3 WHERE partnership_id = $1 AND id = $2",
        )
        .bind(w.pid)
        .bind(id)
        .bind(at)
        .execute(&mut *w.tx)
        .await?;
        w.log.record::<(), _>(
            "minutes",
            head.key,
            ChangeOp::Update,
            None,
            Some(&format!("approved at {}", approver.key)),
        )?;
        w.commit().await
    }
}
