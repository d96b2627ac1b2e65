//! Queueing, claiming and finishing messages, and reading the outbox and its attempts log.
//! The log holds when, which worker and what happened — never a message's body.

use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::codec::at_text;
use crate::error::Result;

/// A message to queue.
#[derive(Debug, Clone)]
pub struct NewMail {
    /// The Message-ID header, without angle brackets: unique, so a message is queued once.
    pub message_id: String,
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// A message a worker has claimed and must now send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claimed {
    pub id: i64,
    pub message_id: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// Attempts so far, this one included.
    pub attempts: i64,
}

/// What became of a send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MailOutcome {
    Sent,
    /// The server could not take it now: try again at `at`.
    Retry {
        at: Timestamp,
        detail: String,
    },
    /// The server refused it for good.
    Failed {
        detail: String,
    },
}

/// A message as the outbox lists it (without its body).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OutboxEntry {
    pub id: i64,
    pub message_id: String,
    pub to: String,
    pub subject: String,
    pub state: String,
    pub attempts: i64,
    pub sent_at: Option<String>,
}

/// One attempt to send a message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MailAttempt {
    pub at: String,
    pub worker: String,
    pub outcome: String,
    pub detail: String,
}

/// Queue `mail` for partnership `pid` in the caller's transaction; its id.
pub(crate) async fn queue(
    conn: &mut AnyConnection,
    pid: i64,
    mail: &NewMail,
    at: &str,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO mail_outbox (partnership_id, message_id, to_address, subject, body,
             queued_at, state, attempts, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'queued', 0, $6) RETURNING id",
    )
    .bind(pid)
    .bind(&mail.message_id)
    .bind(&mail.to)
    .bind(&mail.subject)
    .bind(&mail.body)
    .bind(at)
    .fetch_one(&mut *conn)
    .await?;
    Ok(row.try_get("id")?)
}

const CLAIMED_COLUMNS: &str = "id, message_id, to_address, subject, body, attempts";

/// Claim the oldest message matching `ready` (one of the two statements below) by one atomic
/// update: if another worker claimed it first, the update's own condition fails and nothing
/// comes back.
pub(crate) const CLAIM_EXPIRED: &str = "UPDATE mail_outbox
     SET claimed_by = $1, claimed_until = $2, attempts = attempts + 1
     WHERE id = (SELECT id FROM mail_outbox WHERE state = 'sending' AND claimed_until <= $3
                 ORDER BY claimed_until, id LIMIT 1)
       AND state = 'sending' AND claimed_until <= $3
     RETURNING ";
pub(crate) const CLAIM_QUEUED: &str = "UPDATE mail_outbox
     SET state = 'sending', claimed_by = $1, claimed_until = $2, attempts = attempts + 1
     WHERE id = (SELECT id FROM mail_outbox WHERE state = 'queued' AND next_attempt_at <= $3
                 ORDER BY next_attempt_at, id LIMIT 1)
       AND state = 'queued' AND next_attempt_at <= $3
     RETURNING ";

fn claimed(row: &AnyRow) -> Result<Claimed> {
    Ok(Claimed {
        id: row.try_get("id")?,
        message_id: row.try_get("message_id")?,
        to: row.try_get("to_address")?,
        subject: row.try_get("subject")?,
        body: row.try_get("body")?,
        attempts: row.try_get("attempts")?,
    })
}

impl Store {
    /// Claim one message due to be sent for `lease`: first one whose earlier claim ran out
    /// (its worker died), else the longest waiting. `None` when nothing is due.
    #[tracing::instrument(skip_all, fields(worker))]
    pub async fn claim_mail(
        &self,
        worker: &str,
        now: Timestamp,
        lease: SignedDuration,
    ) -> Result<Option<Claimed>> {
        let (now_text, until) = (at_text(now), at_text(now + lease));
        for sql in [CLAIM_EXPIRED, CLAIM_QUEUED] {
            let mut tx = self.begin_write().await?;
            let row = sqlx::query(sqlx::AssertSqlSafe(format!("{sql}{CLAIMED_COLUMNS}")))
                .bind(worker)
                .bind(&until)
                .bind(&now_text)
                .fetch_optional(&mut *tx)
                .await?;
            tx.commit().await?;
            if let Some(row) = row {
                return Ok(Some(claimed(&row)?));
            }
        }
        Ok(None)
    }

    /// Record what became of a claimed message, with the attempt. False (and nothing
    /// written) when `worker` no longer holds the claim: its lease ran out and another took it.
    #[tracing::instrument(skip_all, fields(id))]
    pub async fn finish_mail(
        &self,
        id: i64,
        worker: &str,
        now: Timestamp,
        outcome: &MailOutcome,
    ) -> Result<bool> {
        let now = at_text(now);
        let (state, next, sent_at, word, detail) = match outcome {
            MailOutcome::Sent => ("sent", now.clone(), Some(now.clone()), "sent", ""),
            MailOutcome::Retry { at, detail } => ("queued", at_text(*at), None, "retry", &**detail),
            MailOutcome::Failed { detail } => ("failed", now.clone(), None, "failed", &**detail),
        };
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE mail_outbox SET state = $1, next_attempt_at = $2, sent_at = $3,
                 claimed_by = NULL, claimed_until = NULL
             WHERE id = $4 AND state = 'sending' AND claimed_by = $5",
        )
        .bind(state)
        .bind(&next)
        .bind(sent_at)
        .bind(id)
        .bind(worker)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO mail_attempts (outbox_id, at, worker, outcome, detail)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(&now)
        .bind(worker)
        .bind(word)
        .bind(detail.chars().take(500).collect::<String>())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Every message in the outbox, oldest first, without bodies.
    pub async fn outbox(&self) -> Result<Vec<OutboxEntry>> {
        let mut conn = self.pool.acquire().await?;
        let rows = sqlx::query(
            "SELECT id, message_id, to_address, subject, state, attempts, sent_at
             FROM mail_outbox ORDER BY id",
        )
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(OutboxEntry {
                    id: r.try_get("id")?,
                    message_id: r.try_get("message_id")?,
                    to: r.try_get("to_address")?,
                    subject: r.try_get("subject")?,
                    state: r.try_get("state")?,
                    attempts: r.try_get("attempts")?,
                    sent_at: r.try_get("sent_at")?,
                })
            })
            .collect()
    }

    /// The attempts to send outbox message `id`, oldest first.
    pub async fn mail_attempts(&self, id: i64) -> Result<Vec<MailAttempt>> {
        let mut conn = self.pool.acquire().await?;
        let rows = sqlx::query(
            "SELECT at, worker, outcome, detail FROM mail_attempts WHERE outbox_id = $1
             ORDER BY id",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(MailAttempt {
                    at: r.try_get("at")?,
                    worker: r.try_get("worker")?,
                    outcome: r.try_get("outcome")?,
                    detail: r.try_get("detail")?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query_plan::{Bind, plan};

    /// A worker finds the next message by seeking the waiting or claimed ones, never by
    /// reading the whole outbox (which keeps every message sent).
    #[tokio::test]
    async fn claiming_and_listing_attempts_seek_by_index() {
        for sql in [CLAIM_EXPIRED, CLAIM_QUEUED] {
            let inner = sql
                .split_once("(SELECT")
                .and_then(|(_, rest)| rest.split_once(")"))
                .map(|(inner, _)| format!("SELECT{inner}"))
                .unwrap();
            let inner = inner.replace("$3", "$1");
            let p = plan(&inner, &[Bind::Text("2026-01-01T00:00:00Z")]).await;
            p.assert_no_full_read("the next message", &[("mail_outbox", "mail_outbox")]);
            p.assert_seeks_by("the next message", "mail_outbox", "state", "=");
        }
        let p = plan(
            "SELECT at FROM mail_attempts WHERE outbox_id = $1 ORDER BY id",
            &[Bind::Int(1)],
        )
        .await;
        p.assert_seeks_by("a message's attempts", "mail_attempts", "outbox_id", "=");
    }
}
