//! OpenID Connect sign-ins under way: written when a person is sent to their provider, and
//! taken (read and deleted in one statement) when they come back, so that a `state` is good
//! for one answer only, whichever app server receives it. Only the state's hash is kept.
//! These rows belong to no partnership and record nothing in a change log: no one is signed
//! in yet, and the sign-in itself is logged as a password sign-in is.

use jiff::Timestamp;
use sqlx::Row;

use crate::Store;
use crate::codec;
use crate::error::{Result, StoreError};

/// A sign-in under way.
#[derive(Clone, PartialEq, Eq)]
pub struct PendingSignIn {
    /// SHA-256 of the `state` sent to the provider.
    pub state_hash: String,
    /// SHA-256 of the cookie given to the browser that started it.
    pub browser_hash: String,
    /// The provider's id in the server's configuration.
    pub provider: String,
    pub nonce: String,
    pub code_verifier: String,
    /// Where to go once signed in (a local path).
    pub next_path: String,
    pub expires_at: Timestamp,
}

/// The verifier and nonce are secrets until the provider answers: never printed.
impl std::fmt::Debug for PendingSignIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingSignIn")
            .field("provider", &self.provider)
            .field("expires_at", &self.expires_at)
            .finish_non_exhaustive()
    }
}

/// Take the sign-in with this state hash: by the unique index, deleted as it is read.
pub(crate) const TAKE: &str = "DELETE FROM oidc_sign_ins WHERE state_hash = $1
     RETURNING browser_hash, provider, nonce, code_verifier, next_path, expires_at";

impl Store {
    /// Record a sign-in under way, and forget those that expired by `now` (by their index),
    /// so that abandoned ones do not pile up.
    #[tracing::instrument(skip_all, fields(provider = %p.provider))]
    pub async fn begin_oidc_sign_in(&self, p: &PendingSignIn, now: Timestamp) -> Result<()> {
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM oidc_sign_ins WHERE expires_at <= $1")
            .bind(codec::at_text(now))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO oidc_sign_ins (state_hash, browser_hash, provider, nonce, code_verifier,
                 next_path, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&p.state_hash)
        .bind(&p.browser_hash)
        .bind(&p.provider)
        .bind(&p.nonce)
        .bind(&p.code_verifier)
        .bind(&p.next_path)
        .bind(codec::at_text(now))
        .bind(codec::at_text(p.expires_at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The sign-in under way with this state hash, removed so that it cannot be used again;
    /// `None` if there is none (never started, used already, or purged). One that expired by
    /// `now` is removed and not returned.
    #[tracing::instrument(skip_all)]
    pub async fn take_oidc_sign_in(
        &self,
        state_hash: &str,
        now: Timestamp,
    ) -> Result<Option<PendingSignIn>> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query(TAKE)
            .bind(state_hash)
            .fetch_optional(&mut *tx)
            .await?;
        tx.commit().await?;
        let Some(r) = row else { return Ok(None) };
        let expires: String = r.try_get("expires_at")?;
        if expires <= codec::at_text(now) {
            return Ok(None);
        }
        let expires_at = expires.parse().map_err(|_| {
            StoreError::invalid(format!("the database holds a bad time \"{expires}\""))
        })?;
        Ok(Some(PendingSignIn {
            state_hash: state_hash.to_string(),
            browser_hash: r.try_get("browser_hash")?,
            provider: r.try_get("provider")?,
            nonce: r.try_get("nonce")?,
            code_verifier: r.try_get("code_verifier")?,
            next_path: r.try_get("next_path")?,
            expires_at,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::TAKE;

    /// Every return from a provider takes one row by its state's hash, never a scan.
    #[tokio::test]
    async fn a_sign_in_under_way_is_taken_by_its_state() {
        use crate::query_plan::{Bind, plan};
        let p = plan(TAKE, &[Bind::Text("hash")]).await;
        p.assert_no_full_read("a sign-in under way", &[("oidc_sign_ins", "oidc_sign_ins")]);
        p.assert_seeks_by("a sign-in under way", "oidc_sign_ins", "state_hash", "=");
    }
}
