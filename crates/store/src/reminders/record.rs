//! Recording reminders as they go out: each message queued in the outbox, and each (account,
//! kind, action, period) it covers written down, in one transaction with the change log. A
//! message any of whose keys was recorded meanwhile (by another server) is skipped, and the
//! unique key stops a second record even so: a reminder is sent once.

use domain::reminders::ReminderKind;
use serde::Serialize;
use sqlx::Row;

use crate::Store;
use crate::dialect;
use crate::error::Result;
use crate::mail::NewMail;
use crate::mail::outbox::queue;
use crate::progress::write::Stamp;

/// A reminder composed and ready to queue.
#[derive(Debug, Clone)]
pub struct QueuedReminder {
    pub account_id: i64,
    pub kind: ReminderKind,
    /// (action id or "" for the whole plan, period) for each thing it reminds of.
    pub keys: Vec<(String, String)>,
    /// The action numbers it names, for the change log.
    pub actions: Vec<String>,
    pub mail: NewMail,
}

/// What the change log keeps of a reminder sent: to whom, what kind, which actions. Never the
/// body.
#[derive(Serialize)]
struct SentLog<'a> {
    to: &'a str,
    kind: &'a str,
    actions: &'a [String],
    message_id: &'a str,
}

impl Store {
    /// Queue `reminders` of partnership `slug` and record them as sent, by `stamp`. How many
    /// were queued; `None` when another app server is queueing reminders right now (on
    /// PostgreSQL, which lets one at a time) and this one should leave them to it.
    #[tracing::instrument(skip_all, fields(partnership = slug, n = reminders.len()))]
    pub async fn queue_reminders(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        reminders: &[QueuedReminder],
    ) -> Result<Option<usize>> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        if let Some(lock) = dialect::reminder_lock(self.backend) {
            let got: bool = sqlx::query(lock)
                .fetch_one(&mut *w.tx)
                .await?
                .try_get("locked")?;
            if !got {
                return Ok(None);
            }
        }
        let mut queued = 0;
        for r in reminders {
            let mut fresh = true;
            for (action, period) in &r.keys {
                let seen = sqlx::query(
                    "SELECT id FROM reminders_sent WHERE partnership_id = $1 AND account_id = $2
                     AND kind = $3 AND action_key = $4 AND period = $5",
                )
                .bind(w.pid)
                .bind(r.account_id)
                .bind(r.kind.as_str())
                .bind(action)
                .bind(period)
                .fetch_optional(&mut *w.tx)
                .await?;
                fresh &= seen.is_none();
            }
            if !fresh || r.keys.is_empty() {
                continue;
            }
            let outbox_id = queue(&mut w.tx, w.pid, &r.mail, &w.at).await?;
            for (action, period) in &r.keys {
                sqlx::query(
                    "INSERT INTO reminders_sent (partnership_id, account_id, kind, action_key,
                         period, outbox_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(w.pid)
                .bind(r.account_id)
                .bind(r.kind.as_str())
                .bind(action)
                .bind(period)
                .bind(outbox_id)
                .bind(w.at.as_str())
                .execute(&mut *w.tx)
                .await?;
            }
            w.log.created(
                "reminder",
                format!("{} to {}", r.kind.as_str(), r.mail.to),
                &SentLog {
                    to: &r.mail.to,
                    kind: r.kind.as_str(),
                    actions: &r.actions,
                    message_id: &r.mail.message_id,
                },
            )?;
            queued += 1;
        }
        w.log.append(&mut w.tx).await?;
        w.tx.commit().await?;
        Ok(Some(queued))
    }
}

#[cfg(test)]
mod tests {
    use crate::query_plan::{Bind, plan};

    /// Whether a reminder was sent is one seek by its key.
    #[tokio::test]
    async fn whether_a_reminder_was_sent_is_one_seek() {
        let p = plan(
            "SELECT id FROM reminders_sent WHERE partnership_id = $1 AND account_id = $2
             AND kind = $3 AND action_key = $4 AND period = $5",
            &[
                Bind::Int(1),
                Bind::Int(1),
                Bind::Text("overdue"),
                Bind::Text("1.1"),
                Bind::Text("2009-09-30"),
            ],
        )
        .await;
        p.assert_no_full_read("a reminder sent", &[("reminders_sent", "reminders_sent")]);
        p.assert_seeks_by("a reminder sent", "reminders_sent", "period", "=");
    }
}
