//! A plain update posted on SQLite in two round trips to the connection's worker thread,
//! where the general write takes seven (begin, the partnership, the action, the insert, the
//! version, the log, commit). Each round trip wakes two threads, and on this kind of machine
//! a wake-up costs about what SQLite takes to run the statement, so a post spent most of its
//! time handing work between threads. sqlx runs every statement of one query string in one
//! command, binding `$N` by number across them; so the first trip begins the write and reads
//! everything the write stands on, and the second writes the update, the action's version
//! and the log entry and commits.
//!
//! The transaction is opened and closed by these statements rather than by sqlx, on the
//! store's one writing connection (`Store::writer`), so the connection never goes back with
//! it still open: a failure rolls it back, and a request dropped half-way (or a rollback
//! that fails) closes the connection, which rolls it back in SQLite.
//!
//! Only the common case comes here: an update with no evidence files and no correction, on
//! an action that already has a rating. Anything else returns [`Posted::Elsewhere`] before
//! writing, and the general path records it.

use std::sync::atomic::Ordering;

use domain::Update;
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::ChangeBatch;
use crate::changelog::order::settle;
use crate::dialect::quick::Lent;
use crate::error::{Result, StoreError};
use crate::progress::read::{self, Latest};
use crate::progress::write::{
    self, ActionKey, Stamp, Written, never_changed, plan_of, seen, tracked_in, writable,
};
use crate::{Store, codec};

use super::{Fields, describe};

/// What became of a post offered to this path.
pub(super) enum Posted {
    Done(Written<Update>),
    /// Not this path's case: nothing was written, and the general path takes it.
    Elsewhere(Fields),
}

/// The partnership `$1` and its newest log entry, the current version of its plan `$2`, the
/// action `$3`'s row in it and its tracked row, and the id the next update will take.
macro_rules! read_sql {
    () => {
        "SELECT pa.id AS pid, c.at AS last_at, c.hash AS last_hash,
       p.id AS plan_id, p.version AS plan_version, p.title AS plan_title,
       p.status AS plan_status, a.id AS action_id,
       t.id AS id, t.row_version AS row_version, t.last_change AS last_change,
       t.changed_by AS changed_by, t.changed_at AS changed_at,
       t.latest_update_id AS latest_update_id, t.latest_as_of AS latest_as_of,
       t.latest_recorded_at AS latest_recorded_at, t.origin_id AS origin_id,
       (SELECT COALESCE(MAX(u.id), 0) + 1 FROM progress_updates u) AS next_update
FROM partnerships pa
LEFT JOIN change_log c ON c.id = (SELECT l.id FROM change_log l
                                  WHERE l.partnership_id = pa.id
                                  ORDER BY l.id DESC LIMIT 1)
LEFT JOIN plans p ON p.partnership_id = pa.id AND p.title = $2 AND p.superseded_at IS NULL
LEFT JOIN actions a ON a.plan_id = p.id AND a.uid = $3
LEFT JOIN tracked_actions t
  ON t.partnership_id = p.partnership_id AND t.plan_title = p.title AND t.uid = $3
WHERE pa.slug = $1"
    };
}

/// What the first trip reads, alone: for its query plan.
#[cfg(test)]
const READ: &str = read_sql!();

/// Begin the write, then read what it stands on. The write lock is held from `BEGIN
/// IMMEDIATE`, so nothing can take the update's id or change the action before the commit.
const BEGIN_AND_READ: &str = concat!("BEGIN IMMEDIATE;\n", read_sql!());

/// Insert update `$1`, point its action (`$3`) at the latest update `$12` at version `$10`,
/// append the log entry (`$13` to `$22`) and commit. The action's version needs no check
/// here: it was read under the write lock this transaction holds.
const WRITE_AND_COMMIT: &str = "INSERT INTO progress_updates
    (id, partnership_id, tracked_action_id, rag, percent, narrative, as_of, author, recorded_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);
UPDATE tracked_actions
    SET row_version = $10, last_change = $11, changed_by = $8, changed_at = $9,
        latest_update_id = u.id, latest_rag = u.rag, latest_percent = u.percent,
        latest_as_of = u.as_of, latest_recorded_at = u.recorded_at
    FROM (SELECT id, rag, percent, as_of, recorded_at FROM progress_updates WHERE id = $12) u
    WHERE tracked_actions.id = $3;
INSERT INTO change_log (partnership_id, at, actor, entity, entity_key, op, before, after,
                        prev_hash, hash)
    VALUES ($13, $14, $15, $16, $17, $18, $19, $20, $21, $22);
COMMIT";

/// Record `f` on `key` in two round trips, or hand it back for the general path.
pub(super) async fn post(
    store: &Store,
    slug: &str,
    stamp: Stamp<'_>,
    key: &ActionKey,
    expected_version: i64,
    f: Fields,
) -> Result<Posted> {
    let Some(writer) = &store.writer else {
        return Ok(Posted::Elsewhere(f));
    };
    let at = write::stamp_text(stamp)?;
    // Counted before the write begins, as every write is (see `Store::head_still`).
    store.writes.fetch_add(1, Ordering::SeqCst);
    // Dropped half-way, the connection closes and SQLite rolls the transaction back.
    let mut lent = writer.lend().await?;
    let result = write_in(
        lent.conn(),
        slug,
        stamp.actor,
        &at,
        key,
        expected_version,
        f,
    )
    .await;
    match result {
        Ok(Posted::Done(written)) => {
            lent.give_back();
            store.posts_in_two_trips.fetch_add(1, Ordering::Relaxed);
            Ok(Posted::Done(written))
        }
        Ok(elsewhere) => {
            roll_back(lent).await;
            Ok(elsewhere)
        }
        Err(e) => {
            roll_back(lent).await;
            Err(e)
        }
    }
}

/// End the transaction, writing nothing, and give the connection back; if the rollback
/// fails, the connection is closed instead, which ends it too.
async fn roll_back(mut lent: Lent<'_>) {
    match sqlx::raw_sql("ROLLBACK").execute(lent.conn()).await {
        Ok(_) => lent.give_back(),
        Err(e) => tracing::warn!(error = %e, "a write's rollback failed: closing its connection"),
    }
}

async fn write_in(
    conn: &mut AnyConnection,
    slug: &str,
    actor: &str,
    at: &str,
    key: &ActionKey,
    expected_version: i64,
    f: Fields,
) -> Result<Posted> {
    let rows = sqlx::query(BEGIN_AND_READ)
        .bind(slug)
        .bind(key.plan.as_str())
        .bind(key.action.as_str())
        .fetch_all(&mut *conn)
        .await?;
    let Some(row) = rows.first() else {
        return Err(StoreError::not_found(format!("the partnership \"{slug}\"")));
    };
    if row.try_get::<Option<i64>, _>("plan_id")?.is_none() {
        return Err(StoreError::not_found(format!("the plan \"{}\"", key.plan)));
    }
    let plan = plan_of(row)?;
    writable(&plan, row.try_get("action_id")?, key)?;
    let Some(tracked) = tracked_in(row)? else {
        never_changed(key, expected_version)?;
        return Ok(Posted::Elsewhere(f));
    };
    let version = seen(&tracked, key, expected_version)?;
    let Some(had) = tracked.latest.clone() else {
        return Ok(Posted::Elsewhere(f));
    };
    let pid: i64 = row.try_get("pid")?;
    let at = settle(at, row.try_get("last_at")?, slug)?;
    let id: i64 = row.try_get("next_update")?;
    let mine = Latest {
        as_of: codec::date_text(f.as_of),
        at: at.clone(),
        id,
    };
    // A plain update rates the action unless the one that did speaks for a later day.
    let latest = mine.max(had).id;
    let recorded = Update {
        id,
        action: key.action.clone(),
        rag: f.rag,
        percent: f.percent,
        narrative: f.narrative,
        as_of: f.as_of,
        author: actor.to_string(),
        recorded_at: read::parse_at(&at)?,
        evidence: Vec::new(),
        corrects: None,
    };
    let mut log = ChangeBatch::new(pid, actor, &at);
    let prev_hash = row
        .try_get::<Option<String>, _>("last_hash")?
        .unwrap_or_default();
    log.created_at(&at, "update", key.log_key(), &recorded)?;
    let mut q = sqlx::query(WRITE_AND_COMMIT)
        .bind(id)
        .bind(pid)
        .bind(tracked.id)
        .bind(recorded.rag.as_str())
        .bind(recorded.percent.map(|p| i64::from(p.get())))
        .bind(recorded.narrative.as_str())
        .bind(codec::date_text(recorded.as_of))
        .bind(actor)
        .bind(at.as_str())
        .bind(version + 1)
        .bind(describe(id, &recorded))
        .bind(latest);
    for row in log.rows_after(prev_hash)? {
        for v in row {
            q = v.bind(q);
        }
    }
    q.execute(&mut *conn).await?;
    tracing::info!(update = id, "progress update recorded");
    Ok(Posted::Done(Written {
        record: recorded,
        version: version + 1,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query_plan::{Bind, plan};

    #[tokio::test]
    async fn the_first_trip_seeks_each_table_by_its_keys() {
        let binds = [
            Bind::Text("kingston"),
            Bind::Text("Plan"),
            Bind::Text("4.2#2"),
        ];
        let p = plan(READ, &binds).await;
        let what = "a post's first trip";
        p.assert_no_full_read(
            what,
            &[
                ("pa", "partnerships"),
                ("l", "change_log"),
                ("c", "change_log"),
                ("p", "plans"),
                ("a", "actions"),
                ("t", "tracked_actions"),
                ("u", "progress_updates"),
            ],
        );
        p.assert_seeks_by(what, "pa", "slug", "=");
        p.assert_seeks_by(what, "a", "uid", "=");
        p.assert_seeks_by(what, "t", "uid", "=");
    }
}
