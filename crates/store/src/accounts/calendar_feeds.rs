//! Private calendar feed addresses: a member's partnership calendar, reached by a secret in
//! the URL because calendar programs cannot sign in. Like API tokens, only the secret's hash
//! reaches this module, and nothing here is plan history, so it stays out of the change log.

use jiff::Timestamp;
use sqlx::Row;

use crate::Store;
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

impl Store {
    /// Record a new feed of partnership `slug` for `account_id`, by its secret's hash.
    #[tracing::instrument(skip_all, fields(partnership = slug, account = account_id))]
    pub async fn create_calendar_feed(
        &self,
        account_id: i64,
        slug: &str,
        secret_hash: &str,
        at: Timestamp,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let pid = require_partnership(&mut tx, slug).await?;
        let row = sqlx::query(
            "INSERT INTO calendar_feeds (partnership_id, account_id, secret_hash, created_at)
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(pid)
        .bind(account_id)
        .bind(secret_hash)
        .bind(at_text(at))
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(row.try_get("id")?)
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

    /// Revoke feed `id`, if it is `account_id`'s for `slug` and still live. False when there
    /// was no such feed, so that nobody can revoke another person's.
    #[tracing::instrument(skip_all, fields(partnership = slug, account = account_id))]
    pub async fn revoke_calendar_feed(
        &self,
        account_id: i64,
        slug: &str,
        id: i64,
        at: Timestamp,
    ) -> Result<bool> {
        let mut tx = self.begin_write().await?;
        let pid = require_partnership(&mut tx, slug).await?;
        let done = sqlx::query(
            "UPDATE calendar_feeds SET revoked_at = $1
             WHERE id = $2 AND partnership_id = $3 AND account_id = $4 AND revoked_at IS NULL",
        )
        .bind(at_text(at))
        .bind(id)
        .bind(pid)
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
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
