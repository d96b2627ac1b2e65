//! PostgreSQL: sqlx sends one statement per round trip there, so a post is two statements,
//! each in a transaction of its own. The first reads, taking the update's id from the
//! table's sequence. The second writes the three rows at once and commits with them:
//!
//! - it bumps the action's version only if it is still the one the first trip read; a
//!   writer who came in between makes it bump nothing, so nothing is written, and the post
//!   is read again (the conflict then names who changed the action);
//! - it appends the log entry after the one the first trip read; were that no longer the
//!   newest, the log's one-successor rule (`UNIQUE (partnership_id, prev_hash)`) refuses
//!   the statement whole, and the post is read and tried again;
//! - it takes the partnership's lock before any row is written, as every write does, so that
//!   a general write holding it finishes first and its log entry keeps its place.

use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::dialect::quick::Quick;
use crate::error::Result;
use crate::progress::update::Fields;

use super::{Post, Posted, ready};

/// What the first trip reads. The id is taken only for a post this path will write (a
/// tracked action with a rating, at the version the caller saw, `$4`), so that refusals
/// and first updates leave no gap in the ids.
pub(super) const READ: &str = read_sql!(
    "CASE WHEN t.row_version = $4 AND t.latest_update_id IS NOT NULL AND a.id IS NOT NULL
            AND p.status <> 'closed'
       THEN nextval(pg_get_serial_sequence('progress_updates', 'id')) END"
);

/// Lock partnership `$2`, bump action `$3` from version `$23` to `$10` (pointing it at the
/// update `$12` when that is this one, `$1`), insert the update and append the log entry
/// (`$13` to `$22`); `written` is 0 when the version had moved and nothing was written.
/// Each row is written only from the one before it, so that the lock comes first.
pub(super) const WRITE: &str = "WITH locked AS MATERIALIZED (
    SELECT id FROM partnerships WHERE id = $2 FOR NO KEY UPDATE
), bumped AS (
    UPDATE tracked_actions
    SET row_version = $10, last_change = $11, changed_by = $8, changed_at = $9,
        latest_update_id = CASE WHEN $12 = $1 THEN $1 ELSE latest_update_id END,
        latest_rag = CASE WHEN $12 = $1 THEN $4 ELSE latest_rag END,
        latest_percent = CASE WHEN $12 = $1 THEN $5 ELSE latest_percent END,
        latest_as_of = CASE WHEN $12 = $1 THEN $7 ELSE latest_as_of END,
        latest_recorded_at = CASE WHEN $12 = $1 THEN $9 ELSE latest_recorded_at END
    WHERE id = $3 AND row_version = $23 AND EXISTS (SELECT 1 FROM locked)
    RETURNING id
), inserted AS (
    INSERT INTO progress_updates
        (id, partnership_id, tracked_action_id, rag, percent, narrative, as_of, author,
         recorded_at)
    OVERRIDING SYSTEM VALUE
    SELECT $1, $2, bumped.id, $4, $5, $6, $7, $8, $9 FROM bumped
    RETURNING id
), logged AS (
    INSERT INTO change_log (partnership_id, at, actor, entity, entity_key, op, before, after,
                            prev_hash, hash)
    SELECT $13, $14, $15, $16, $17, $18, $19, $20, $21, $22 FROM inserted
    RETURNING id
)
SELECT COUNT(*) AS written FROM logged";

/// How many times a post is read and tried again after another writer came between its
/// trips, before the general path, which waits its turn, takes it.
const ATTEMPTS: usize = 3;

/// Post on a connection of `posts` (`Store::writer`), each statement committing on its own,
/// so none is left open when the connection goes back: not the pool's, which pings a
/// connection as it is returned, a third round trip for the server. The connection is kept
/// after a refusal (an action changed, a wrong version) and closed after a failure of the
/// database, which may have broken it.
pub(super) async fn post(posts: &Quick, post: &Post<'_>, f: Fields) -> Result<Posted> {
    let (mut lent, kept) = posts.lend_kept().await?;
    let mut row = read(lent.conn(), post).await;
    if kept && row.is_err() {
        // The server may have cut the connection while it waited; nothing was written.
        tracing::info!("a kept connection failed; trying a new one");
        lent = lent.replaced().await?;
        row = read(lent.conn(), post).await;
    }
    let out = match row {
        Ok(row) => attempts(lent.conn(), post, f, row).await,
        Err(e) => Err(e),
    };
    lent.end(&out);
    out
}

/// The first trip: what the write stands on, and the update's id if this path writes it.
async fn read(conn: &mut AnyConnection, post: &Post<'_>) -> Result<Option<AnyRow>> {
    Ok(sqlx::query(READ)
        .bind(post.slug)
        .bind(post.key.plan.as_str())
        .bind(post.key.action.as_str())
        .bind(post.expected_version)
        .fetch_optional(conn)
        .await?)
}

/// The write on what the first trip read (`row`), read again and tried again while
/// another writer comes between the trips.
async fn attempts(
    conn: &mut AnyConnection,
    post: &Post<'_>,
    f: Fields,
    mut row: Option<AnyRow>,
) -> Result<Posted> {
    for attempt in 1..=ATTEMPTS {
        if attempt > 1 {
            row = read(conn, post).await?;
        }
        let Some(ready) = ready(row.as_ref(), post, &f)? else {
            return Ok(Posted::Elsewhere(f));
        };
        let done = ready
            .bound(WRITE)
            .bind(ready.version)
            .fetch_one(&mut *conn)
            .await;
        match done {
            Ok(row) if sqlx::Row::try_get::<i64, _>(&row, "written")? == 1 => {
                return Ok(Posted::Done(ready.written()));
            }
            // Someone changed the action between the trips: read it again, which names them
            // in the conflict.
            Ok(_) => continue,
            // The log moved on between the trips: nothing was written.
            Err(sqlx::Error::Database(db)) if db.is_unique_violation() => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Ok(Posted::Elsewhere(f))
}
