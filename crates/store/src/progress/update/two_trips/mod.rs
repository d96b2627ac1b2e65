//! A plain update posted in two round trips to the database, where the general write takes
//! seven or eight (begin, the partnership, the action, the insert, the version, the log,
//! commit; PostgreSQL locks the partnership in a statement of its own). A round trip costs
//! about what the statement does: on SQLite it wakes the connection's worker thread and the
//! caller's, on PostgreSQL it crosses loopback. So the first trip reads everything the write
//! stands on, including the id the update will take, and the second writes the update, the
//! action's version and the log entry and commits.
//!
//! How each back end makes the write safe differs (`sqlite`, `postgres`); what is read, what
//! is checked and what is written is shared here, so that both record exactly what the
//! general path records, chained and hashed the same way.
//!
//! Only the common case comes here: an update with no evidence files and no correction, on
//! an action that already has a rating. Anything else returns [`Posted::Elsewhere`] before
//! writing, and the general path records it.

use std::sync::atomic::Ordering;

use domain::Update;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, Row};

use crate::changelog::chain::ChangeBatch;
use crate::changelog::order::settle;
use crate::dialect::Backend;
use crate::error::{Result, StoreError};
use crate::progress::read::{self, Latest};
use crate::progress::write::{
    self, ActionKey, Stamp, Written, never_changed, plan_of, seen, tracked_in, writable,
};
use crate::sql::Value;
use crate::{Store, codec};

use super::{Fields, describe};

/// What the first trip reads: the partnership `$1` and its newest log entry, the current
/// version of its plan `$2`, the action `$3`'s row in it and its tracked row, and (as
/// `next_update`) `$next`, the id the update will take.
macro_rules! read_sql {
    ($next:literal) => {
        concat!(
            "SELECT pa.id AS pid, c.at AS last_at, c.hash AS last_hash,
       p.id AS plan_id, p.version AS plan_version, p.title AS plan_title,
       p.status AS plan_status, a.id AS action_id,
       t.id AS id, t.row_version AS row_version, t.last_change AS last_change,
       t.changed_by AS changed_by, t.changed_at AS changed_at,
       t.latest_update_id AS latest_update_id, t.latest_as_of AS latest_as_of,
       t.latest_recorded_at AS latest_recorded_at, t.origin_id AS origin_id,
       ",
            $next,
            " AS next_update
FROM partnerships pa
LEFT JOIN change_log c ON c.id = (SELECT l.id FROM change_log l
                                  WHERE l.partnership_id = pa.id
                                  ORDER BY l.id DESC LIMIT 1)
LEFT JOIN plans p ON p.partnership_id = pa.id AND p.title = $2 AND p.superseded_at IS NULL
LEFT JOIN actions a ON a.plan_id = p.id AND a.uid = $3
LEFT JOIN tracked_actions t
  ON t.partnership_id = p.partnership_id AND t.plan_title = p.title AND t.uid = $3
WHERE pa.slug = $1"
        )
    };
}

mod postgres;
mod sqlite;

/// What became of a post offered to this path.
pub(super) enum Posted {
    Done(Written<Update>),
    /// Not this path's case: nothing was written, and the general path takes it.
    Elsewhere(Fields),
}

/// Record `f` on `key` in two round trips, or hand it back for the general path.
pub(super) async fn post(
    store: &Store,
    slug: &str,
    stamp: Stamp<'_>,
    key: &ActionKey,
    expected_version: i64,
    f: Fields,
) -> Result<Posted> {
    let at = write::stamp_text(stamp)?;
    let post = Post {
        slug,
        actor: stamp.actor,
        at: &at,
        key,
        expected_version,
    };
    // Counted before the write begins, as every write is (see `Store::head_still`).
    store.writes.fetch_add(1, Ordering::SeqCst);
    let posted = match (store.backend, &store.writer) {
        (Backend::Sqlite, Some(writer)) => sqlite::post(writer, &post, f).await?,
        (Backend::Postgres, Some(posts)) => postgres::post(posts, &post, f).await?,
        (_, None) => Posted::Elsewhere(f),
    };
    if let Posted::Done(written) = &posted {
        store.posts_in_two_trips.fetch_add(1, Ordering::Relaxed);
        tracing::info!(update = written.record.id, "progress update recorded");
    }
    Ok(posted)
}

/// Who posts what, where, having seen which version.
struct Post<'a> {
    slug: &'a str,
    actor: &'a str,
    /// When (UTC text), not yet checked against the log's last entry.
    at: &'a str,
    key: &'a ActionKey,
    expected_version: i64,
}

/// A post the first trip found ready to write.
struct Ready {
    pid: i64,
    tracked_id: i64,
    /// When (UTC text), checked against the log's last entry.
    at: String,
    /// The version the caller saw, which the write bumps.
    version: i64,
    /// The update that rates the action after this post: this one, or the one that did.
    latest: i64,
    recorded: Update,
    /// The log entry's columns (from the partnership's id on).
    log: Vec<Value>,
}

/// What the first trip's `row` says of `post`: ready to write, a refusal, or the general
/// path's case (a first update, or no id taken for it). Writes nothing.
fn ready(row: Option<&AnyRow>, post: &Post<'_>, f: &Fields) -> Result<Option<Ready>> {
    let key = post.key;
    let Some(row) = row else {
        return Err(StoreError::not_found(format!(
            "the partnership \"{}\"",
            post.slug
        )));
    };
    if row.try_get::<Option<i64>, _>("plan_id")?.is_none() {
        return Err(StoreError::not_found(format!("the plan \"{}\"", key.plan)));
    }
    let plan = plan_of(row)?;
    writable(&plan, row.try_get("action_id")?, key)?;
    let Some(tracked) = tracked_in(row)? else {
        never_changed(key, post.expected_version)?;
        return Ok(None);
    };
    let version = seen(&tracked, key, post.expected_version)?;
    let (Some(had), Some(id)) = (
        tracked.latest.clone(),
        row.try_get::<Option<i64>, _>("next_update")?,
    ) else {
        return Ok(None);
    };
    let pid: i64 = row.try_get("pid")?;
    let at = settle(post.at, row.try_get("last_at")?, post.slug)?;
    let mine = Latest {
        as_of: codec::date_text(f.as_of),
        at: at.clone(),
        id,
    };
    let recorded = Update {
        id,
        action: key.action.clone(),
        rag: f.rag,
        percent: f.percent,
        narrative: f.narrative.clone(),
        as_of: f.as_of,
        author: post.actor.to_string(),
        recorded_at: read::parse_at(&at)?,
        evidence: Vec::new(),
        corrects: None,
    };
    let mut log = ChangeBatch::new(pid, post.actor, &at);
    log.created_at(&at, "update", key.log_key(), &recorded)?;
    let prev_hash = row
        .try_get::<Option<String>, _>("last_hash")?
        .unwrap_or_default();
    Ok(Some(Ready {
        pid,
        at,
        tracked_id: tracked.id,
        version,
        // A plain update rates the action unless the one that did speaks for a later day.
        latest: mine.max(had).id,
        recorded,
        log: log.rows_after(prev_hash)?.into_iter().flatten().collect(),
    }))
}

impl Ready {
    /// The second trip's statement `sql` with `$1` to `$22` bound: the update (`$1` to
    /// `$9`), the action's new version and last change and its latest update (`$10` to
    /// `$12`), and the log entry (`$13` to `$22`).
    fn bound<'q>(&'q self, sql: &'static str) -> Query<'q, Any, AnyArguments> {
        let u = &self.recorded;
        let mut q = sqlx::query(sql)
            .bind(u.id)
            .bind(self.pid)
            .bind(self.tracked_id)
            .bind(u.rag.as_str())
            .bind(u.percent.map(|p| i64::from(p.get())))
            .bind(u.narrative.as_str())
            .bind(codec::date_text(u.as_of))
            .bind(u.author.as_str())
            .bind(self.at.as_str())
            .bind(self.version + 1)
            .bind(describe(u.id, u))
            .bind(self.latest);
        for v in &self.log {
            q = v.clone().bind(q);
        }
        q
    }

    fn written(self) -> Written<Update> {
        Written {
            version: self.version + 1,
            record: self.recorded,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::query_plan::{Bind, Plan, plan, test_backend};

    use super::*;

    /// The tables the first trip reads, none of which it may read whole.
    const READ_TABLES: [(&str, &str); 7] = [
        ("pa", "partnerships"),
        ("l", "change_log"),
        ("c", "change_log"),
        ("p", "plans"),
        ("a", "actions"),
        ("t", "tracked_actions"),
        ("u", "progress_updates"),
    ];

    #[tokio::test]
    async fn the_first_trip_seeks_each_table_by_its_keys() {
        let mut binds = vec![
            Bind::Text("kingston"),
            Bind::Text("Plan"),
            Bind::Text("4.2#2"),
        ];
        let sql = match test_backend() {
            Backend::Sqlite => sqlite::READ,
            Backend::Postgres => {
                binds.push(Bind::Int(3));
                postgres::READ
            }
        };
        let p: Plan = plan(sql, &binds).await;
        let what = "a post's first trip";
        p.assert_no_full_read(what, &READ_TABLES);
        p.assert_seeks_by(what, "pa", "slug", "=");
        p.assert_seeks_by(what, "a", "uid", "=");
        p.assert_seeks_by(what, "t", "uid", "=");
    }

    #[tokio::test]
    async fn the_second_trip_finds_each_row_by_its_id() {
        // Values typed as their columns: the update (`$1` to `$9`), the action's version
        // (`$10` to `$12`), the log entry (`$13` to `$22`) and the version seen (`$23`).
        let (i, t) = (Bind::Int, Bind::Text);
        let mut binds = vec![i(1), i(2), i(3), t("amber"), i(50), t("On track.")];
        binds.extend([t("2009-06-01"), t("Lead"), t("2009-06-02T00:00:00Z")]);
        binds.extend([i(2), t("progress update 1: amber"), i(1)]);
        binds.extend([i(2), t("2009-06-02T00:00:00Z"), t("Lead"), t("update")]);
        binds.extend([
            t("Plan / 1.1"),
            t("create"),
            t("{}"),
            t("{}"),
            t(""),
            t("ab"),
        ]);
        binds.push(i(1));
        let sql = match test_backend() {
            Backend::Sqlite => {
                binds.truncate(12);
                sqlite::BUMP
            }
            Backend::Postgres => postgres::WRITE,
        };
        let p = plan(sql, &binds).await;
        let what = "a post's second trip";
        p.assert_no_full_read(
            what,
            &[
                ("tracked_actions", "tracked_actions"),
                ("u", "progress_updates"),
                ("partnerships", "partnerships"),
            ],
        );
        p.assert_seeks_by(what, "tracked_actions", "id", "=");
    }
}
