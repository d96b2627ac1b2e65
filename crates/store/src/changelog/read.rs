//! Reading a partnership's change log: its entries (all, or those after an id and of a kind),
//! a check of its hash chain (and of an anchor written down earlier), and its newest entry to
//! write down as an anchor.

use sqlx::Row;

use crate::Store;
use crate::error::Result;
use crate::scope;

use super::chain::{self, Anchor, AnchorCheck, Change, Verification};

/// Entries after an id: a range of the `change_log_by_partnership (partnership_id, id)` index.
const AFTER: &str = "SELECT id, at, actor, entity, entity_key, op, before, after, prev_hash, hash
     FROM change_log WHERE partnership_id = $1 AND id > $2 ORDER BY id";

/// Entries of one kind after an id: a range of `change_log_by_kind (partnership_id, entity,
/// id)`, so that a rare kind is found without reading every entry.
const OF_KIND_AFTER: &str =
    "SELECT id, at, actor, entity, entity_key, op, before, after, prev_hash, hash
     FROM change_log WHERE partnership_id = $1 AND entity = $2 AND id > $3 ORDER BY id";

impl Store {
    /// The partnership's change log, oldest entry first.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn change_log(&self, slug: &str) -> Result<Vec<Change>> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        chain::entries(&mut conn, pid).await
    }

    /// The partnership's log entries after entry `after` (0: from the first), oldest first;
    /// only those of `kind` (an entry's `entity`, e.g. `api_token`) if given. For an
    /// administrator's "who did what": each filter is an indexed range, never a scan of the
    /// whole log.
    #[tracing::instrument(skip_all, fields(partnership = slug, after, kind))]
    pub async fn change_log_after(
        &self,
        slug: &str,
        after: i64,
        kind: Option<&str>,
    ) -> Result<Vec<Change>> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        let rows = match kind {
            None => {
                sqlx::query(AFTER)
                    .bind(pid)
                    .bind(after)
                    .fetch_all(&mut *conn)
                    .await?
            }
            Some(kind) => {
                sqlx::query(OF_KIND_AFTER)
                    .bind(pid)
                    .bind(kind)
                    .bind(after)
                    .fetch_all(&mut *conn)
                    .await?
            }
        };
        rows.iter().map(chain::change).collect()
    }

    /// The kinds of entry the partnership's log holds, by name: to say what `kind` may be.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn change_log_kinds(&self, slug: &str) -> Result<Vec<String>> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        let rows = sqlx::query(
            "SELECT DISTINCT entity FROM change_log WHERE partnership_id = $1 ORDER BY entity",
        )
        .bind(pid)
        .fetch_all(&mut *conn)
        .await?;
        Ok(rows
            .iter()
            .map(|r| r.try_get("entity"))
            .collect::<std::result::Result<_, _>>()?)
    }

    /// Recompute the partnership's hash chain and name the first entry that does not match.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn verify_change_log(&self, slug: &str) -> Result<Verification> {
        self.verify_change_log_against(slug, None).await
    }

    /// As [`Store::verify_change_log`], and also look for an entry written down earlier
    /// ([`Store::change_log_head`]): a log cut back or rewritten before it no longer has it.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn verify_change_log_against(
        &self,
        slug: &str,
        anchor: Option<&Anchor>,
    ) -> Result<Verification> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        let entries = chain::entries(&mut conn, pid).await?;
        let mut v = chain::verify(pid, &entries)?;
        if let Some(id) = v.first_bad {
            tracing::warn!(change = id, "change log does not verify");
        }
        if let Some(anchor) = anchor {
            let check = chain::check_anchor(&entries, anchor);
            if check != AnchorCheck::Matches {
                tracing::warn!(change = anchor.id, "change log does not hold its anchor");
            }
            v.anchor = Some(check);
        }
        Ok(v)
    }

    /// The partnership's newest change-log entry, to write down as an [`Anchor`]; `None` while
    /// its log is empty.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn change_log_head(&self, slug: &str) -> Result<Option<Anchor>> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        chain::head(&mut conn, pid).await
    }

    /// The partnership's newest change-log entry recorded by `at`: the anchor a paper read
    /// as recorded then prints.
    pub async fn change_log_head_at(
        &self,
        slug: &str,
        at: jiff::Timestamp,
    ) -> Result<Option<Anchor>> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        chain::head_at(&mut conn, pid, &crate::codec::at_text(at)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite's plan for `sql`, one step a line.
    async fn plan(store: &Store, sql: &str, binds: &[&str]) -> String {
        let explain = format!("EXPLAIN QUERY PLAN {sql}");
        let mut q = sqlx::query(sqlx::AssertSqlSafe(explain));
        for b in binds {
            q = q.bind(b.to_string());
        }
        let rows = q.fetch_all(&store.pool).await.unwrap();
        rows.iter()
            .map(|r| r.try_get::<String, _>("detail").unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[tokio::test]
    async fn listing_after_an_id_or_of_a_kind_seeks_an_index_and_sorts_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::connect(&dir.path().join("plan.db").display().to_string())
            .await
            .unwrap();
        let after = plan(&store, AFTER, &["1", "0"]).await;
        assert!(
            after.contains("SEARCH change_log USING INDEX change_log_by_partnership (partnership_id=? AND id>?)"),
            "{after}"
        );
        let of_kind = plan(&store, OF_KIND_AFTER, &["1", "api_token", "0"]).await;
        assert!(
            of_kind.contains(
                "SEARCH change_log USING INDEX change_log_by_kind (partnership_id=? AND entity=? AND id>?)"
            ),
            "{of_kind}"
        );
        for p in [after, of_kind] {
            assert!(!p.contains("TEMP B-TREE") && !p.contains("SCAN"), "{p}");
        }
    }

    /// The same on the tests' back end, PostgreSQL included (`crate::query_plan`).
    #[tokio::test]
    async fn listing_after_an_id_or_of_a_kind_seeks_on_the_tests_back_end() {
        use crate::query_plan::{Bind, plan};
        let after = plan(AFTER, &[Bind::Int(1), Bind::Int(0)]).await;
        after.assert_no_full_read("entries after an id", &[("change_log", "change_log")]);
        after.assert_seeks_by("entries after an id", "change_log", "id", ">");
        let binds = [Bind::Int(1), Bind::Text("api_token"), Bind::Int(0)];
        let of_kind = plan(OF_KIND_AFTER, &binds).await;
        of_kind.assert_no_full_read("entries of a kind", &[("change_log", "change_log")]);
        of_kind.assert_seeks_by("entries of a kind", "change_log", "entity", "=");
        let head_at = plan(
            chain::HEAD_AT,
            &[Bind::Int(1), Bind::Text("2009-09-16T23:59:59Z")],
        )
        .await;
        head_at.assert_no_full_read("the head at a moment", &[("change_log", "change_log")]);
        // SQLite writes `at<?` for `<=`; PostgreSQL `at <= `.
        let le = match head_at.backend {
            crate::dialect::Backend::Sqlite => "<",
            crate::dialect::Backend::Postgres => "<=",
        };
        head_at.assert_seeks_by("the head at a moment", "change_log", "at", le);
    }
}
