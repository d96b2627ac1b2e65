//! SQLite: sqlx runs every statement of one query string in one command on the connection's
//! worker thread, binding `$N` by number across them. The first trip is `BEGIN IMMEDIATE`
//! and the read, so the database's one write lock is held before anything is read; the
//! second writes and commits.
//!
//! The transaction is opened and closed by these statements rather than by sqlx, on the
//! store's one writing connection (`Store::writer`), so the connection never goes back with
//! it still open: a failure rolls it back, and a request dropped half-way (or a rollback
//! that fails) closes the connection, which rolls it back in SQLite.

use sqlx::AnyConnection;

use crate::dialect::quick::{Lent, Quick};
use crate::error::Result;
use crate::progress::update::Fields;

use super::{Post, Posted, ready};

/// What the first trip reads: the next update's id is one past the highest, as no other
/// writer can take it while this one holds the write lock.
macro_rules! read {
    () => {
        read_sql!("(SELECT COALESCE(MAX(u.id), 0) + 1 FROM progress_updates u)")
    };
}

/// What the first trip reads, alone: for its query plan.
#[cfg(test)]
pub(super) const READ: &str = read!();

/// Begin the write, then read what it stands on.
const BEGIN_AND_READ: &str = concat!("BEGIN IMMEDIATE;\n", read!());

/// Point action `$3` at the latest update `$12` at version `$10`. The action's version needs
/// no check here: it was read under the write lock this transaction holds.
macro_rules! bump {
    () => {
        "UPDATE tracked_actions
    SET row_version = $10, last_change = $11, changed_by = $8, changed_at = $9,
        latest_update_id = u.id, latest_rag = u.rag, latest_percent = u.percent,
        latest_as_of = u.as_of, latest_recorded_at = u.recorded_at
    FROM (SELECT id, rag, percent, as_of, recorded_at FROM progress_updates WHERE id = $12) u
    WHERE tracked_actions.id = $3"
    };
}

/// The second trip's one statement that looks rows up, alone: for its query plan.
#[cfg(test)]
pub(super) const BUMP: &str = bump!();

/// Insert update `$1`, point its action at the latest update, append the log entry (`$13`
/// to `$22`) and commit.
const WRITE_AND_COMMIT: &str = concat!(
    "INSERT INTO progress_updates
    (id, partnership_id, tracked_action_id, rag, percent, narrative, as_of, author, recorded_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9);\n",
    bump!(),
    ";
INSERT INTO change_log (partnership_id, at, actor, entity, entity_key, op, before, after,
                        prev_hash, hash)
    VALUES ($13, $14, $15, $16, $17, $18, $19, $20, $21, $22);
COMMIT"
);

/// Post on `writer`'s connection, holding SQLite's write lock from the first trip.
pub(super) async fn post(writer: &Quick, post: &Post<'_>, f: Fields) -> Result<Posted> {
    // Dropped half-way, the connection closes and SQLite rolls the transaction back.
    let mut lent = writer.lend().await?;
    match write_in(lent.conn(), post, f).await {
        Ok(Posted::Done(written)) => {
            lent.give_back();
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

async fn write_in(conn: &mut AnyConnection, post: &Post<'_>, f: Fields) -> Result<Posted> {
    let rows = sqlx::query(BEGIN_AND_READ)
        .bind(post.slug)
        .bind(post.key.plan.as_str())
        .bind(post.key.action.as_str())
        .fetch_all(&mut *conn)
        .await?;
    let Some(ready) = ready(rows.first(), post, &f)? else {
        return Ok(Posted::Elsewhere(f));
    };
    ready.bound(WRITE_AND_COMMIT).execute(&mut *conn).await?;
    Ok(Posted::Done(ready.written()))
}
