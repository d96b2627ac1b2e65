//! Private calendar feed addresses: a member's partnership calendar, reached by a secret in
//! the URL because calendar programs cannot sign in. Like API tokens, only the secret's hash
//! reaches this module. Making and revoking an address go into the partnership's change log
//! (whose, by whom, when), since an address is a way in; the secret and its hash never do.

use jiff::Timestamp;
use serde::Serialize;
use sqlx::Row;

use super::account::email_of;
use crate::Store;
use crate::changelog::chain::{ChangeBatch, ChangeOp};
use crate::codec::at_text;
use crate::error::Result;
use crate::scope::require_partnership;

/// A live feed address as its owner sees it listed (the secret itself is never kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarFeed {
    pub id: i64,
    /// When it was made, RFC 3339 UTC.
    pub created_at: String,
}

/// Whose calendar a feed serves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedOwner {
    pub account_id: i64,
    pub partnership: String,
}

/// What the change log keeps of an address: whose it is, never its secret or hash.
#[derive(Clone, Copy, Serialize)]
struct FeedLog<'a> {
    account: &'a str,
    revoked_at: Option<&'a str>,
}

/// How an address's change-log entries name it.
fn log_key(email: &str, id: i64) -> String {
    format!("for {email} (address {id})")
}

impl Store {
    /// Record a new feed of partnership `slug` for `account_id`, by its secret's hash, made by
    /// `actor`.
    #[tracing::instrument(skip_all, fields(partnership = slug, account = account_id))]
    pub async fn create_calendar_feed(
        &self,
        actor: &str,
        account_id: i64,
        slug: &str,
        secret_hash: &str,
        at: Timestamp,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let pid = require_partnership(&mut tx, slug).await?;
        let now = at_text(at);
        let row = sqlx::query(
            "INSERT INTO calendar_feeds (partnership_id, account_id, secret_hash, created_at)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(pid)
        .bind(account_id)
        .bind(secret_hash)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        let email = email_of(&mut tx, account_id).await?;
        let mut log = ChangeBatch::new(pid, actor, &now);
        log.created(
            "calendar_feed",
            log_key(&email, id),
            &FeedLog {
                account: &email,
                revoked_at: None,
            },
        )?;
        log.append(&mut tx).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The unrevoked feeds `account_id` has made for `slug`, oldest first.
    #[tracing::instrument(skip_all, fields(partnership = slug, account = account_id))]
    pub async fn calendar_feeds(&self, account_id: i64, slug: &str) -> Result<Vec<CalendarFeed>> {
        let rows = sqlx::query(
            "SELECT f.id, f.created_at FROM calendar_feeds f
             JOIN partnerships p ON p.id = f.partnership_id
             WHERE p.slug = $1 AND f.account_id = $2 AND f.revoked_at IS NULL
             ORDER BY f.id",
        )
        .bind(slug)
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(CalendarFeed {
                    id: r.try_get("id")?,
                    created_at: r.try_get("created_at")?,
                })
            })
            .collect()
    }

    /// Revoke feed `id`, if it is `account_id`'s for `slug` and still live, as `actor`. False
    /// when there was no such feed, so that nobody can revoke another person's.
    #[tracing::instrument(skip_all, fields(partnership = slug, account = account_id))]
    pub async fn revoke_calendar_feed(
        &self,
        actor: &str,
        account_id: i64,
        slug: &str,
        id: i64,
        at: Timestamp,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let pid = require_partnership(&mut tx, slug).await?;
        let now = at_text(at);
        let done = sqlx::query(
            "UPDATE calendar_feeds SET revoked_at = $1
             WHERE id = $2 AND partnership_id = $3 AND account_id = $4 AND revoked_at IS NULL",
        )
        .bind(&now)
        .bind(id)
        .bind(pid)
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(false);
        }
        let email = email_of(&mut tx, account_id).await?;
        let mut log = ChangeBatch::new(pid, actor, &now);
        let before = FeedLog {
            account: &email,
            revoked_at: None,
        };
        let after = FeedLog {
            revoked_at: Some(&now),
            ..before
        };
        log.record(
            "calendar_feed",
            log_key(&email, id),
            ChangeOp::Update,
            Some(&before),
            Some(&after),
        )?;
        log.append(&mut tx).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Whose calendar the feed with this secret hash serves: only while it is unrevoked, its
    /// account enabled and still a member of the partnership.
    #[tracing::instrument(skip_all)]
    pub async fn calendar_feed(&self, secret_hash: &str) -> Result<Option<FeedOwner>> {
        let row = sqlx::query(
            "SELECT f.account_id, p.slug FROM calendar_feeds f
             JOIN partnerships p ON p.id = f.partnership_id
             JOIN accounts a ON a.id = f.account_id
             JOIN memberships m ON m.partnership_id = f.partnership_id AND m.account_id = f.account_id
             WHERE f.secret_hash = $1 AND f.revoked_at IS NULL AND a.disabled_at IS NULL",
        )
        .bind(secret_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(FeedOwner {
                account_id: r.try_get("account_id")?,
                partnership: r.try_get("slug")?,
            })
        })
        .transpose()
    }
}
