//! A partnership's reminder settings: how many days' notice of a due date and of a board
//! meeting, and the digest's day. Absent means [`ReminderSettings::default`].

use domain::reminders::ReminderSettings;
use jiff::civil::Weekday;
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;

pub(crate) async fn read(conn: &mut AnyConnection, pid: i64) -> Result<ReminderSettings> {
    let row = sqlx::query(
        "SELECT due_within_days, meeting_notice_days, digest_weekday
         FROM reminder_settings WHERE partnership_id = $1",
    )
    .bind(pid)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Ok(ReminderSettings::default());
    };
    let day: i64 = row.try_get("digest_weekday")?;
    let digest_weekday = Weekday::from_monday_one_offset(i8::try_from(day).unwrap_or(1))
        .map_err(|_| StoreError::invalid(format!("the database holds a weekday {day}")))?;
    Ok(ReminderSettings {
        due_within_days: i32::try_from(row.try_get::<i64, _>("due_within_days")?).unwrap_or(14),
        meeting_notice_days: i32::try_from(row.try_get::<i64, _>("meeting_notice_days")?)
            .unwrap_or(7),
        digest_weekday,
    })
}

impl Store {
    /// The partnership's reminder settings.
    pub async fn reminder_settings(&self, slug: &str) -> Result<ReminderSettings> {
        let mut tx = self.begin_read().await?;
        let pid = crate::scope::require_partnership(&mut tx, slug).await?;
        let s = read(&mut tx, pid).await?;
        tx.commit().await?;
        Ok(s)
    }

    /// Change the partnership's reminder settings, recorded in its change log.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn set_reminder_settings(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        new: ReminderSettings,
    ) -> Result<()> {
        for (days, what) in [
            (new.due_within_days, "the notice of a due date"),
            (new.meeting_notice_days, "the notice of a board meeting"),
        ] {
            if !(1..=366).contains(&days) {
                return Err(StoreError::invalid(format!(
                    "{what} must be 1 to 366 days, not {days}"
                )));
            }
        }
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let old = read(&mut w.tx, w.pid).await?;
        sqlx::query("DELETE FROM reminder_settings WHERE partnership_id = $1")
            .bind(w.pid)
            .execute(&mut *w.tx)
            .await?;
        sqlx::query(
            "INSERT INTO reminder_settings (partnership_id, due_within_days, meeting_notice_days,
                 digest_weekday, updated_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(w.pid)
        .bind(i64::from(new.due_within_days))
        .bind(i64::from(new.meeting_notice_days))
        .bind(i64::from(new.digest_weekday.to_monday_one_offset()))
        .bind(w.at.as_str())
        .execute(&mut *w.tx)
        .await?;
        w.log.record(
            "reminder_settings",
            "reminders",
            crate::ChangeOp::Update,
            Some(&old),
            Some(&new),
        )?;
        w.log.append(&mut w.tx).await?;
        w.tx.commit().await?;
        Ok(())
    }
}
