//! Failed attempts to prove a password (signing in, changing it), kept for throttling by the
//! web layer. Each is counted against the email tried and the client address it came from,
//! so that someone guessing from one place neither locks the owner out everywhere nor gets
//! to try many accounts. An unknown email counts like a known one, so throttling does not
//! reveal which addresses have accounts. These are not board changes: no change log.

use jiff::Timestamp;
use sqlx::Row;

use crate::Store;
use crate::accounts::account::normalise_email;
use crate::codec;
use crate::error::Result;

/// How many failures count against one attempt, within the window asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginFailureCounts {
    /// For this email from this client address.
    pub account_here: i64,
    /// For any email from this client address.
    pub address: i64,
}

// Each statement below is served by an index from migration 0010 (a test checks the plans).
pub(crate) const INSERT: &str =
    "INSERT INTO login_failures (email, address, at) VALUES ($1, $2, $3) RETURNING id";
pub(crate) const COUNT_ACCOUNT_HERE: &str = "SELECT COUNT(*) AS n FROM login_failures
     WHERE email = $1 AND address = $2 AND at > $3";
pub(crate) const COUNT_ADDRESS: &str =
    "SELECT COUNT(*) AS n FROM login_failures WHERE address = $1 AND at > $2";
pub(crate) const DELETE_ONE: &str = "DELETE FROM login_failures WHERE id = $1";
pub(crate) const CLEAR: &str = "DELETE FROM login_failures WHERE email = $1 AND address = $2";
pub(crate) const PURGE: &str = "DELETE FROM login_failures WHERE at <= $1";

impl Store {
    /// Note an attempt on `email`'s password from `address` *before* checking it, so that
    /// attempts made at the same moment count each other. It stands as a failure unless
    /// withdrawn ([`Store::forget_login_attempt`]) or cleared by a success
    /// ([`Store::clear_login_failures`]). Returns its id.
    #[tracing::instrument(skip_all)]
    pub async fn record_login_attempt(
        &self,
        email: &str,
        address: &str,
        at: Timestamp,
    ) -> Result<i64> {
        let row = sqlx::query(INSERT)
            .bind(normalise_email(email))
            .bind(address)
            .bind(codec::at_text(at))
            .fetch_one(&self.pool)
            .await?;
        Ok(row.try_get("id")?)
    }

    /// Failures after `since` for `email` from `address`, and for any email from `address`.
    #[tracing::instrument(skip_all)]
    pub async fn login_failures_since(
        &self,
        email: &str,
        address: &str,
        since: Timestamp,
    ) -> Result<LoginFailureCounts> {
        let since = codec::at_text(since);
        let account_here = sqlx::query(COUNT_ACCOUNT_HERE)
            .bind(normalise_email(email))
            .bind(address)
            .bind(&since)
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        let address = sqlx::query(COUNT_ADDRESS)
            .bind(address)
            .bind(&since)
            .fetch_one(&self.pool)
            .await?
            .try_get("n")?;
        Ok(LoginFailureCounts {
            account_here,
            address,
        })
    }

    /// Withdraw an attempt that was refused without its password being checked.
    #[tracing::instrument(skip_all)]
    pub async fn forget_login_attempt(&self, id: i64) -> Result<()> {
        sqlx::query(DELETE_ONE).bind(id).execute(&self.pool).await?;
        Ok(())
    }

    /// Forget `email`'s failures from `address` once its password was proven there. Those
    /// from other addresses stay: the owner signing in must not reset a guesser's count.
    #[tracing::instrument(skip_all)]
    pub async fn clear_login_failures(&self, email: &str, address: &str) -> Result<()> {
        sqlx::query(CLEAR)
            .bind(normalise_email(email))
            .bind(address)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Delete failures made at or before `before`, which no longer count against anyone
    /// (sprayed email addresses would otherwise pile up for ever); how many went.
    #[tracing::instrument(skip_all)]
    pub async fn purge_login_failures(&self, before: Timestamp) -> Result<u64> {
        let done = sqlx::query(PURGE)
            .bind(codec::at_text(before))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each throttling query (and the session purge) reads through an index, not a scan of
    /// a table an attacker can fill.
    #[tokio::test]
    async fn the_throttles_queries_use_an_index() {
        use crate::query_plan::{Bind, plan};
        let at = Bind::Text("2026-01-01T00:00:00Z");
        let text = || Bind::Text("x");
        let queries: [(&str, Vec<Bind>, &str); 6] = [
            (
                COUNT_ACCOUNT_HERE,
                vec![text(), text(), at],
                "login_failures",
            ),
            (
                COUNT_ADDRESS,
                vec![text(), Bind::Text("2026-01-01T00:00:00Z")],
                "login_failures",
            ),
            (DELETE_ONE, vec![Bind::Int(1)], "login_failures"),
            (CLEAR, vec![text(), text()], "login_failures"),
            (
                PURGE,
                vec![Bind::Text("2026-01-01T00:00:00Z")],
                "login_failures",
            ),
            (
                crate::accounts::account::PURGE_EXPIRED_SESSIONS,
                vec![Bind::Text("2026-01-01T00:00:00Z")],
                "sessions",
            ),
        ];
        for (sql, binds, table) in queries {
            plan(sql, &binds)
                .await
                .assert_no_full_read(sql, &[(table, table)]);
        }
    }
}
