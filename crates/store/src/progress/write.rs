//! What every write to one action does around its own work: open the transaction, make other
//! writers to the partnership wait, refuse a time before the last recorded change, find the
//! action in the current version of its plan, and check the version the caller saw (optimistic
//! locking); then, after the work, bump the version and append the change log in the same
//! transaction, and commit.

use domain::PlanStatus;
use serde::{Deserialize, Serialize};
use sqlx::{Any, AnyConnection, Row, Transaction};

use crate::Store;
use crate::changelog::chain::ChangeBatch;
use crate::changelog::order::{LastChange, last_change, settle};
use crate::codec::{self, at_text};
use crate::dialect::Backend;
use crate::error::{Result, StoreError};

use super::read::Latest;

/// An action of a plan, by the plan's title and the action's id ("4.2#2"): the same action
/// across the plan's versions.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ActionKey {
    pub plan: String,
    pub action: String,
}

impl ActionKey {
    pub fn new(plan: impl Into<String>, action: impl Into<String>) -> Self {
        Self {
            plan: plan.into(),
            action: action.into(),
        }
    }

    /// How the change log names it: `Improvement Plan 2009-10 / 4.2#2`.
    pub(crate) fn log_key(&self) -> String {
        format!("{} / {}", self.plan, self.action)
    }
}

/// Who makes a change, and when. The caller says when (the command line passes now; the demo
/// and tests record history on past dates), but never earlier than the partnership's last
/// recorded change, nor in the future.
#[derive(Debug, Clone, Copy)]
pub struct Stamp<'a> {
    pub actor: &'a str,
    pub at: jiff::Timestamp,
}

impl<'a> Stamp<'a> {
    pub fn new(actor: &'a str, at: jiff::Timestamp) -> Self {
        Self { actor, at }
    }

    pub fn now(actor: &'a str) -> Self {
        Self::new(actor, jiff::Timestamp::now())
    }
}

/// A record written, and the version of its action after the write.
#[derive(Debug, Clone, PartialEq)]
pub struct Written<T> {
    pub record: T,
    pub version: i64,
}

/// The current version of a plan, as a write needs it.
pub(crate) struct CurrentPlan {
    pub id: i64,
    pub version: i64,
    pub title: String,
    pub status: PlanStatus,
}

impl CurrentPlan {
    /// How the change log names one of its action rows: `Improvement Plan 2009-10 v2 / 4.2#2`.
    pub fn action_log_key(&self, uid: &str) -> String {
        format!("{} v{} / {uid}", self.title, self.version)
    }
}

/// An open write to one partnership, its time checked and its writers queued.
pub(crate) struct Write {
    pub tx: Transaction<'static, Any>,
    pub pid: i64,
    pub at: String,
    pub log: ChangeBatch,
}

/// An open write to one action, its version checked.
pub(crate) struct ActionWrite {
    pub w: Write,
    pub key: ActionKey,
    pub plan: CurrentPlan,
    /// The action's row in the plan's current version.
    pub action_id: i64,
    /// Its tracked row (created by this write if it had none).
    pub tracked_id: i64,
    pub version: i64,
    /// The update that rates it before this write; `None` if it has none, or its tracked
    /// row is older than the pointer and lacks it.
    pub latest: Option<Latest>,
    /// True when this write created the tracked row: the action had no update before.
    pub created: bool,
}

impl Store {
    /// Open a write to partnership `slug` by `stamp`.
    pub(crate) async fn begin_partnership_write(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
    ) -> Result<Write> {
        let at = stamp_text(stamp)?;
        let mut tx = self.begin_write().await?;
        let (pid, last) = locked_with_last_change(&mut tx, self.backend, slug).await?;
        let at = settle(&at, last.as_ref().map(|l| l.at.clone()), slug)?;
        let mut log = ChangeBatch::new(pid, stamp.actor, &at);
        log.follows(last.map_or_else(String::new, |l| l.hash));
        Ok(Write { tx, pid, at, log })
    }

    /// Open a write to the action `key` (in the current version of its plan) that the caller
    /// saw at `expected_version` (0 for an action never changed since it was imported). An
    /// action of a closed plan is refused.
    pub(crate) async fn begin_action_write(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        key: &ActionKey,
        expected_version: i64,
    ) -> Result<ActionWrite> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        // The plan, the action's row and its tracked row in one read: every statement is a
        // round trip to the database, and a post is a few of them.
        let (plan, action_id, tracked_row) = target(&mut w.tx, w.pid, key).await?;
        let action_id = writable(&plan, action_id, key)?;
        let latest = tracked_row.as_ref().and_then(|t| t.latest.clone());
        let created = tracked_row.is_none();
        let (tracked_id, version) = match tracked_row {
            Some(t) => (t.id, seen(&t, key, expected_version)?),
            None => {
                never_changed(key, expected_version)?;
                (create_tracked(&mut w.tx, w.pid, key, &w.at, None).await?, 0)
            }
        };
        Ok(ActionWrite {
            w,
            key: key.clone(),
            plan,
            action_id,
            tracked_id,
            version,
            latest,
            created,
        })
    }
}

/// When `stamp` records a change (UTC text): it must name who makes it, and not be in the
/// future.
pub(crate) fn stamp_text(stamp: Stamp<'_>) -> Result<String> {
    if stamp.actor.trim().is_empty() {
        return Err(StoreError::invalid(
            "every change needs an actor: say who is making it",
        ));
    }
    let at = at_text(stamp.at);
    let latest = at_text(jiff::Timestamp::now() + jiff::SignedDuration::from_mins(5));
    if at > latest {
        return Err(StoreError::invalid(format!(
            "a change cannot be recorded in the future ({at})"
        )));
    }
    Ok(at)
}

/// The row of action `key` in `plan`, if progress may be recorded on it there: a closed
/// plan's actions were carried forward.
pub(crate) fn writable(plan: &CurrentPlan, action_id: Option<i64>, key: &ActionKey) -> Result<i64> {
    if plan.status == PlanStatus::Closed {
        return Err(StoreError::invalid(format!(
            "the plan \"{}\" is closed: its unfinished actions were carried forward, so \
             record progress on them in the plan that carries them",
            plan.title
        )));
    }
    action_id.ok_or_else(|| {
        StoreError::not_found(format!(
            "the action {} in the plan \"{}\"",
            key.action, plan.title
        ))
    })
}

/// `t`'s version, if it is the one the caller saw.
pub(crate) fn seen(t: &Tracked, key: &ActionKey, expected_version: i64) -> Result<i64> {
    if t.version != expected_version {
        return Err(StoreError::Conflict {
            what: t.conflict(key, expected_version),
        });
    }
    Ok(t.version)
}

/// Refuse a version other than 0 for an action that was never changed.
pub(crate) fn never_changed(key: &ActionKey, expected_version: i64) -> Result<()> {
    if expected_version != 0 {
        return Err(StoreError::Conflict {
            what: format!(
                "{} has never been changed, so it has no version {expected_version}; nothing \
                 was written: look at it again and retry",
                key.action
            ),
        });
    }
    Ok(())
}

/// The partnership `slug`'s id and its last change-log entry, read once its writers are
/// queued behind this one, so that the entry stays the last until this write commits. On
/// SQLite `BEGIN IMMEDIATE` already holds the database's one write lock, so both are one
/// statement; PostgreSQL locks the partnership's row first. Every statement is a round trip,
/// and every write starts here.
async fn locked_with_last_change(
    conn: &mut AnyConnection,
    backend: Backend,
    slug: &str,
) -> Result<(i64, Option<LastChange>)> {
    let missing = || StoreError::not_found(format!("the partnership \"{slug}\""));
    if backend == Backend::Postgres {
        let row = sqlx::query("SELECT id FROM partnerships WHERE slug = $1 FOR NO KEY UPDATE")
            .bind(slug)
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(missing)?;
        let pid: i64 = row.try_get("id")?;
        return Ok((pid, last_change(conn, pid).await?));
    }
    let row = sqlx::query(PARTNERSHIP_AND_LAST_CHANGE)
        .bind(slug)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(missing)?;
    let last = match row.try_get::<Option<String>, _>("at")? {
        Some(at) => Some(LastChange {
            at,
            hash: row.try_get("hash")?,
        }),
        None => None,
    };
    Ok((row.try_get("pid")?, last))
}

/// Partnership `$1`'s id and its newest change-log entry's time and hash (NULLs before its
/// first): a seek into each table.
pub(crate) const PARTNERSHIP_AND_LAST_CHANGE: &str =
    "SELECT p.id AS pid, c.at AS at, c.hash AS hash
     FROM partnerships p
     LEFT JOIN change_log c ON c.id = (SELECT l.id FROM change_log l
                                       WHERE l.partnership_id = p.id
                                       ORDER BY l.id DESC LIMIT 1)
     WHERE p.slug = $1";

impl ActionWrite {
    /// Bump the action's version, describe the change for a later conflict message, append
    /// the change log and commit. Returns the new version.
    pub async fn finish(mut self, what: &str, latest_update: Option<i64>) -> Result<i64> {
        let next = self.version + 1;
        // With a new latest update, its pointer and rating are set in the same statement.
        let sql = match latest_update {
            None => BUMP,
            Some(_) => BUMP_AND_POINT,
        };
        let mut bump = sqlx::query(sql)
            .bind(next)
            .bind(what)
            .bind(self.w.log.actor())
            .bind(self.w.at.as_str())
            .bind(self.tracked_id)
            .bind(self.version);
        if let Some(latest) = latest_update {
            bump = bump.bind(latest);
        }
        let done = bump.execute(&mut *self.w.tx).await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict {
                what: format!(
                    "{} was changed by someone else at the same moment; nothing was written, \
                     look at it again and retry",
                    self.key.action
                ),
            });
        }
        self.w.commit().await?;
        Ok(next)
    }
}

/// Bump tracked action `$5` from version `$6` to `$1`, describing the change.
const BUMP: &str = "UPDATE tracked_actions
     SET row_version = $1, last_change = $2, changed_by = $3, changed_at = $4
     WHERE id = $5 AND row_version = $6";

/// [`BUMP`], pointing the action at update `$7` with its rating copied beside the pointer.
const BUMP_AND_POINT: &str = "UPDATE tracked_actions
     SET row_version = $1, last_change = $2, changed_by = $3, changed_at = $4,
         latest_update_id = u.id, latest_rag = u.rag, latest_percent = u.percent,
         latest_as_of = u.as_of, latest_recorded_at = u.recorded_at
     FROM (SELECT id, rag, percent, as_of, recorded_at FROM progress_updates WHERE id = $7) u
     WHERE tracked_actions.id = $5 AND tracked_actions.row_version = $6";

/// The current version of plan `$2` of partnership `$1`, its action `$3`'s row, and that
/// action's tracked row, each missing as NULLs: one seek into each table.
pub(crate) const TARGET: &str = "SELECT p.id AS plan_id, p.version AS plan_version,
            p.title AS plan_title, p.status AS plan_status, a.id AS action_id,
            t.id AS id, t.row_version AS row_version, t.last_change AS last_change,
            t.changed_by AS changed_by, t.changed_at AS changed_at,
            t.latest_update_id AS latest_update_id, t.latest_as_of AS latest_as_of,
            t.latest_recorded_at AS latest_recorded_at, t.origin_id AS origin_id
     FROM plans p
     LEFT JOIN actions a ON a.plan_id = p.id AND a.uid = $3
     LEFT JOIN tracked_actions t
       ON t.partnership_id = p.partnership_id AND t.plan_title = p.title AND t.uid = $3
     WHERE p.partnership_id = $1 AND p.title = $2 AND p.superseded_at IS NULL";

/// What a write to action `key` stands on: the current version of its plan, the action's row
/// in it (if the plan has the action) and its tracked row (if it was ever written to).
async fn target(
    conn: &mut AnyConnection,
    pid: i64,
    key: &ActionKey,
) -> Result<(CurrentPlan, Option<i64>, Option<Tracked>)> {
    let row = sqlx::query(TARGET)
        .bind(pid)
        .bind(key.plan.as_str())
        .bind(key.action.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("the plan \"{}\"", key.plan)))?;
    Ok((plan_of(&row)?, row.try_get("action_id")?, tracked_in(&row)?))
}

/// The current plan from a row holding [`TARGET`]'s `plan_` columns.
pub(crate) fn plan_of(row: &sqlx::any::AnyRow) -> Result<CurrentPlan> {
    Ok(CurrentPlan {
        id: row.try_get("plan_id")?,
        version: row.try_get("plan_version")?,
        title: row.try_get("plan_title")?,
        status: codec::parse_plan_status(&row.try_get::<String, _>("plan_status")?)?,
    })
}

/// The tracked row in a row holding [`TARGET`]'s tracked columns, if it has one.
pub(crate) fn tracked_in(row: &sqlx::any::AnyRow) -> Result<Option<Tracked>> {
    match row.try_get::<Option<i64>, _>("id")? {
        Some(_) => Ok(Some(tracked_of(row)?)),
        None => Ok(None),
    }
}

impl Write {
    /// Append the change log and commit.
    pub async fn commit(mut self) -> Result<()> {
        let entries = self.log.append(&mut self.tx).await?;
        self.tx.commit().await?;
        tracing::debug!(entries, "change written");
        Ok(())
    }
}

/// The current version of the plan titled `title`.
pub(crate) async fn current_plan(
    conn: &mut AnyConnection,
    pid: i64,
    title: &str,
) -> Result<CurrentPlan> {
    let row = sqlx::query(
        "SELECT id, version, title, status FROM plans
         WHERE partnership_id = $1 AND title = $2 AND superseded_at IS NULL",
    )
    .bind(pid)
    .bind(title)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::not_found(format!("the plan \"{title}\"")))?;
    Ok(CurrentPlan {
        id: row.try_get("id")?,
        version: row.try_get("version")?,
        title: row.try_get("title")?,
        status: codec::parse_plan_status(&row.try_get::<String, _>("status")?)?,
    })
}

/// The id of the row of action `uid` in `plan`.
pub(crate) async fn action_row(
    conn: &mut AnyConnection,
    plan: &CurrentPlan,
    uid: &str,
) -> Result<i64> {
    let row = sqlx::query("SELECT id FROM actions WHERE plan_id = $1 AND uid = $2")
        .bind(plan.id)
        .bind(uid)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| {
            StoreError::not_found(format!("the action {uid} in the plan \"{}\"", plan.title))
        })?;
    Ok(row.try_get("id")?)
}

/// An action's tracked row: its version and its last change.
pub(crate) struct Tracked {
    pub id: i64,
    pub version: i64,
    pub last_change: String,
    pub changed_by: String,
    pub changed_at: String,
    pub latest_update_id: Option<i64>,
    /// The update that rates it, as it ranks (kept beside the pointer).
    pub latest: Option<Latest>,
    pub origin_id: Option<i64>,
}

impl Tracked {
    /// What to tell someone whose write met a later version than the one they saw.
    fn conflict(&self, key: &ActionKey, expected: i64) -> String {
        format!(
            "{} was changed by {} at {} ({}) after you looked at it: you saw version \
             {expected}, it is now version {}. Nothing was written: look at it again and retry",
            key.action, self.changed_by, self.changed_at, self.last_change, self.version
        )
    }
}

pub(crate) async fn tracked(
    conn: &mut AnyConnection,
    pid: i64,
    key: &ActionKey,
) -> Result<Option<Tracked>> {
    let row = sqlx::query(
        "SELECT id, row_version, last_change, changed_by, changed_at, latest_update_id,
                latest_as_of, latest_recorded_at, origin_id
         FROM tracked_actions WHERE partnership_id = $1 AND plan_title = $2 AND uid = $3",
    )
    .bind(pid)
    .bind(key.plan.as_str())
    .bind(key.action.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(tracked_of).transpose()
}

/// A tracked row from a row holding its columns by their own names.
pub(crate) fn tracked_of(r: &sqlx::any::AnyRow) -> Result<Tracked> {
    Ok(Tracked {
        id: r.try_get("id")?,
        version: r.try_get("row_version")?,
        last_change: r.try_get("last_change")?,
        changed_by: r.try_get("changed_by")?,
        changed_at: r.try_get("changed_at")?,
        latest_update_id: r.try_get("latest_update_id")?,
        latest: match (
            r.try_get::<Option<i64>, _>("latest_update_id")?,
            r.try_get::<Option<String>, _>("latest_as_of")?,
            r.try_get::<Option<String>, _>("latest_recorded_at")?,
        ) {
            (Some(id), Some(as_of), Some(at)) => Some(Latest { as_of, at, id }),
            _ => None,
        },
        origin_id: r.try_get("origin_id")?,
    })
}

/// Start tracking `key` at version 0; `origin` is the tracked action it was carried from.
pub(crate) async fn create_tracked(
    conn: &mut AnyConnection,
    pid: i64,
    key: &ActionKey,
    at: &str,
    origin: Option<i64>,
) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO tracked_actions (partnership_id, plan_title, uid, row_version, last_change,
                                      changed_by, changed_at, origin_id, created_at)
         VALUES ($1, $2, $3, 0, 'imported', '', $4, $5, $4) RETURNING id",
    )
    .bind(pid)
    .bind(key.plan.as_str())
    .bind(key.action.as_str())
    .bind(at)
    .bind(origin)
    .fetch_one(&mut *conn)
    .await?;
    Ok(row.try_get("id")?)
}
