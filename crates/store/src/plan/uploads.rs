//! A plan document uploaded on the web import page, held between its preview and its import
//! so that it is uploaded once (the preview can be read again with other choices). Held by
//! the SHA-256 of a random token the page carries, and given back only to the partnership and
//! the account that uploaded it; taken away when imported, purged an hour after it was held,
//! and replaced by the same account's next upload in the partnership, so each person holds
//! at most one. Like a sign-in under way, it records nothing in the change log: it changes
//! nothing of the board's, and the import that follows names the file and its hash.

use jiff::{SignedDuration, Timestamp};
use sqlx::Row;

use crate::codec::at_text;
use crate::error::{Result, StoreError};
use crate::{Store, scope};

/// How long an upload is held for its preview.
pub const HELD_FOR: SignedDuration = SignedDuration::from_hours(1);

/// An upload held for its preview.
#[derive(Clone, PartialEq, Eq)]
pub struct HeldUpload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// The bytes are a board's plan: never printed.
impl std::fmt::Debug for HeldUpload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HeldUpload")
            .field("size", &self.bytes.len())
            .finish_non_exhaustive()
    }
}

pub(crate) const PURGE: &str = "DELETE FROM import_uploads WHERE expires_at <= $1";
pub(crate) const REPLACE: &str =
    "DELETE FROM import_uploads WHERE account_id = $1 AND partnership_id = $2";
pub(crate) const FIND: &str = "SELECT file_name, bytes FROM import_uploads
     WHERE token_hash = $1 AND partnership_id = $2 AND account_id = $3 AND expires_at > $4";
pub(crate) const TAKE: &str =
    "DELETE FROM import_uploads WHERE token_hash = $1 AND partnership_id = $2 AND account_id = $3";

impl Store {
    /// Hold `upload` for `account` in partnership `slug` under `token_hash` until an hour from
    /// `now`, replacing the account's earlier upload there and purging any expired.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn hold_upload(
        &self,
        slug: &str,
        account: i64,
        token_hash: &str,
        upload: &HeldUpload,
        now: Timestamp,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        sqlx::query(PURGE)
            .bind(at_text(now))
            .execute(&mut *tx)
            .await?;
        sqlx::query(REPLACE)
            .bind(account)
            .bind(pid)
            .execute(&mut *tx)
            .await?;
        let expires = now
            .checked_add(HELD_FOR)
            .map_err(|_| StoreError::invalid("the time is out of range"))?;
        sqlx::query(
            "INSERT INTO import_uploads (token_hash, partnership_id, account_id, file_name, bytes,
                 created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(token_hash)
        .bind(pid)
        .bind(account)
        .bind(upload.file_name.as_str())
        .bind(upload.bytes.as_slice())
        .bind(at_text(now))
        .bind(at_text(expires))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The upload held under `token_hash` for `account` in partnership `slug`, if it is still
    /// held at `now`; `None` for another partnership's or account's, an imported one, or one
    /// that expired.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn held_upload(
        &self,
        slug: &str,
        account: i64,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<HeldUpload>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let row = sqlx::query(FIND)
            .bind(token_hash)
            .bind(pid)
            .bind(account)
            .bind(at_text(now))
            .fetch_optional(&mut *tx)
            .await?;
        tx.commit().await?;
        row.map(|r| {
            Ok(HeldUpload {
                file_name: r.try_get("file_name")?,
                bytes: r.try_get("bytes")?,
            })
        })
        .transpose()
    }

    /// Stop holding the upload (once imported): it cannot be imported twice.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn drop_upload(&self, slug: &str, account: i64, token_hash: &str) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        sqlx::query(TAKE)
            .bind(token_hash)
            .bind(pid)
            .bind(account)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::{FIND, PURGE, REPLACE, TAKE};
    use crate::query_plan::{Bind, plan};

    /// Each preview finds its upload by an index; purging and replacing seek theirs, never
    /// reading every upload held.
    #[tokio::test]
    async fn held_uploads_are_found_by_their_indexes() {
        let table = [("import_uploads", "import_uploads")];
        let p = plan(
            FIND,
            &[Bind::Text("h"), Bind::Int(1), Bind::Int(1), Bind::Text("t")],
        )
        .await;
        // By the token's unique index or the account's (which holds at most one row): either
        // seeks.
        p.assert_no_full_read("a held upload", &table);
        let p = plan(TAKE, &[Bind::Text("h"), Bind::Int(1), Bind::Int(1)]).await;
        p.assert_no_full_read("an upload imported", &table);
        let p = plan(PURGE, &[Bind::Text("t")]).await;
        p.assert_no_full_read("expired uploads", &table);
        let p = plan(REPLACE, &[Bind::Int(1), Bind::Int(1)]).await;
        p.assert_no_full_read("an account's earlier upload", &table);
    }
}
