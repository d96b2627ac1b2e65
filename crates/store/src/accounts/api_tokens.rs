//! Listing and revoking API tokens, so that a leaked one can be found and stopped. Issuing
//! and looking one up by its hash live with accounts (`account.rs`). Nothing here reads or
//! returns a token's hash: a listing is safe to print.
//!
//! Issuing and revoking go into the token's partnership's change log, as membership changes
//! do, so an auditor sees who made or stopped which token and when.

use domain::Date;
use jiff::Timestamp;
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::Store;
use crate::changelog::chain::{ChangeBatch, ChangeOp};
use crate::codec::{at_text, date_text, opt_date};
use crate::error::{Result, StoreError};
use crate::scope::require_partnership;

/// An API token as an administrator sees it: whose, where, what for, and whether it still
/// works. Never the token or its hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: i64,
    pub email: String,
    /// The partnership's slug.
    pub partnership: String,
    pub name: String,
    /// UTC, e.g. `2026-11-26T09:30:00Z`.
    pub created_at: String,
    /// The last day it works (to the end of that day in the UK), if it expires.
    pub expires_on: Option<Date>,
    /// When it was revoked, if it has been.
    pub revoked_at: Option<String>,
}

/// What the change log keeps of a token: enough to recognise it, nothing to use it with.
#[derive(Clone, Copy, Serialize)]
pub(super) struct TokenLog<'a> {
    pub account: &'a str,
    pub name: &'a str,
    pub expires_on: Option<&'a str>,
    pub revoked_at: Option<&'a str>,
}

/// How a token's change-log entries name it.
pub(super) fn log_key(name: &str, email: &str, id: i64) -> String {
    format!("\"{name}\" for {email} (token {id})")
}

/// The listing's query with `$rest` after it, as one literal (sqlx takes only static SQL).
macro_rules! select {
    ($rest:literal) => {
        concat!(
            "SELECT t.id, a.email, p.slug, t.name, t.created_at, t.expires_on, t.revoked_at,
                    t.partnership_id
             FROM api_tokens t
             JOIN accounts a ON a.id = t.account_id
             JOIN partnerships p ON p.id = t.partnership_id ",
            $rest
        )
    };
}

fn token_from(row: &AnyRow) -> Result<ApiToken> {
    Ok(ApiToken {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        partnership: row.try_get("slug")?,
        name: row.try_get("name")?,
        created_at: row.try_get("created_at")?,
        expires_on: opt_date(row.try_get("expires_on")?)?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

impl Store {
    /// Every API token, revoked ones included, oldest first; only `slug`'s if given (an
    /// unknown partnership is [`StoreError::NotFound`]).
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn api_tokens(&self, slug: Option<&str>) -> Result<Vec<ApiToken>> {
        let mut conn = self.pool.acquire().await?;
        let rows = match slug {
            Some(slug) => {
                let pid = require_partnership(&mut conn, slug).await?;
                sqlx::query(select!("WHERE t.partnership_id = $1 ORDER BY t.id"))
                    .bind(pid)
                    .fetch_all(&mut *conn)
                    .await?
            }
            None => {
                sqlx::query(select!("ORDER BY t.id"))
                    .fetch_all(&mut *conn)
                    .await?
            }
        };
        rows.iter().map(token_from).collect()
    }

    /// Revoke token `id` at once: the API refuses it from the next request. Recorded in its
    /// partnership's change log as `actor`'s. An unknown id is [`StoreError::NotFound`]; one
    /// already revoked is a [`StoreError::Conflict`] and changes nothing.
    #[tracing::instrument(skip_all, fields(token = id))]
    pub async fn revoke_api_token(&self, actor: &str, id: i64, at: Timestamp) -> Result<ApiToken> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(select!("WHERE t.id = $1"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::not_found(format!("API token {id}")))?;
        let mut token = token_from(&row)?;
        let pid: i64 = row.try_get("partnership_id")?;
        if let Some(when) = &token.revoked_at {
            return Err(StoreError::Conflict {
                what: format!("API token {id} was already revoked at {when}"),
            });
        }
        let now = at_text(at);
        // `revoked_at IS NULL` again, so that of two revocations at once only one is logged.
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
        )
        .bind(&now)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict {
                what: format!("API token {id} was revoked by someone else just now"),
            });
        }
        let mut log = ChangeBatch::new(pid, actor, &now);
        let expires = token.expires_on.map(date_text);
        let before = TokenLog {
            account: &token.email,
            name: &token.name,
            expires_on: expires.as_deref(),
            revoked_at: None,
        };
        let after = TokenLog {
            revoked_at: Some(&now),
            ..before
        };
        log.record(
            "api_token",
            log_key(&token.name, &token.email, id),
            ChangeOp::Update,
            Some(&before),
            Some(&after),
        )?;
        log.append(&mut tx).await?;
        tx.commit().await?;
        token.revoked_at = Some(now);
        Ok(token)
    }
}
