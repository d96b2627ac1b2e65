//! An action's whole story, read from the change log: the imports that recorded it, its
//! edits, updates, sign-offs and withdrawals, and, for an action carried forward, the story of
//! the action it came from, back to the first plan.

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::{self as changelog, CHANGE_COLUMNS, Change, ChangeOp};
use crate::error::Result;
use crate::scope;
use crate::{Store, dialect};

use super::write::{ActionKey, tracked};

/// One entry of an action's story, and which plan's action it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryEntry {
    pub action: ActionKey,
    pub change: Change,
}

/// The `columns` of the change-log entries of partnership `$1` about any of `keys` entity
/// keys (`$2`…), in no order. Sorted in the database, SQLite would walk the partnership's
/// whole log in id order to avoid the sort, rather than seek each key: 64 ms for an action of
/// a plan of 2,000.
fn history_sql(backend: dialect::Backend, columns: &str, keys: usize) -> String {
    let mut list = String::new();
    for n in 0..keys {
        if n > 0 {
            list.push_str(", ");
        }
        dialect::push_placeholder(backend, &mut list, n + 2);
    }
    format!(
        "SELECT {columns} FROM change_log
         WHERE partnership_id = {} AND entity_key IN ({list})",
        placeholder(backend, 1)
    )
}

/// What a [`StoryLine`] is read from.
const LINE_COLUMNS: &str = "id, at, actor, entity, op";

/// One line of an action's story as its page tells it: when, what, which way and by whom,
/// without the entry's contents and hashes, which are most of its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryLine {
    pub id: i64,
    /// UTC, e.g. `2026-11-26T09:30:00Z`.
    pub at: String,
    pub actor: String,
    pub entity: String,
    pub op: ChangeOp,
}

impl From<&Change> for StoryLine {
    fn from(c: &Change) -> Self {
        Self {
            id: c.id,
            at: c.at.clone(),
            actor: c.actor.clone(),
            entity: c.entity.clone(),
            op: c.op,
        }
    }
}

/// Beyond this many versions of a plan, its versions are asked for rather than counted, to
/// keep the story's list of keys short.
const MANY_VERSIONS: i64 = 64;

/// Where a carried-forward action came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Origin {
    pub action: ActionKey,
    /// Where that one came from, if it was carried forward too.
    pub from: Option<Box<Origin>>,
}

impl Store {
    /// The change-log entries about action `key` (and the actions it was carried forward
    /// from), oldest first. An action never imported or written to has none.
    #[tracing::instrument(skip_all, fields(partnership = slug, action = %key.action))]
    pub async fn action_history(&self, slug: &str, key: &ActionKey) -> Result<Vec<HistoryEntry>> {
        let mut tx = self.begin_read().await?;
        let (pid, keys) = story_keys(&mut tx, slug, key).await?;
        let story = story(&mut tx, pid, keys).await?;
        tx.commit().await?;
        Ok(story)
    }

    /// The lines of action `key`'s story (and of the actions it was carried forward from),
    /// oldest first: [`Store::action_history`] without the entries' contents.
    #[tracing::instrument(skip_all, fields(partnership = slug, action = %key.action))]
    pub async fn action_story(&self, slug: &str, key: &ActionKey) -> Result<Vec<StoryLine>> {
        let mut tx = self.begin_read().await?;
        let (pid, keys) = story_keys(&mut tx, slug, key).await?;
        let lines = story_lines(&mut tx, pid, &keys, None).await?;
        tx.commit().await?;
        Ok(lines)
    }

    /// Where the action `key` was carried forward from, if it was.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn origin(&self, slug: &str, key: &ActionKey) -> Result<Option<Origin>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let chain = lineage(&mut tx, pid, key).await?;
        tx.commit().await?;
        Ok(chain.into_iter().rev().fold(None, |from, action| {
            Some(Origin {
                action,
                from: from.map(Box::new),
            })
        }))
    }
}

/// Partnership `slug`'s id, and the keys whose entries tell action `key`'s story: it, then
/// the actions it was carried forward from, nearest first.
async fn story_keys(
    conn: &mut AnyConnection,
    slug: &str,
    key: &ActionKey,
) -> Result<(i64, Vec<ActionKey>)> {
    let pid = scope::require_partnership(&mut *conn, slug).await?;
    let mut keys = vec![key.clone()];
    keys.extend(lineage(&mut *conn, pid, key).await?);
    Ok((pid, keys))
}

/// The change-log entries about `keys` (an action, then the actions it was carried forward
/// from, nearest first), oldest first; each entry names which of them it is about.
pub(crate) async fn story(
    conn: &mut AnyConnection,
    pid: i64,
    keys: Vec<ActionKey>,
) -> Result<Vec<HistoryEntry>> {
    let candidates = candidates(&mut *conn, pid, &keys, None).await?;
    let rows = entries(&mut *conn, pid, CHANGE_COLUMNS, &candidates).await?;
    let mut story = rows
        .iter()
        .map(|r| {
            let c = changelog::change(r)?;
            let i = candidates
                .iter()
                .find(|(k, _)| *k == c.entity_key)
                .map_or(0, |(_, i)| *i);
            Ok(HistoryEntry {
                action: keys[i].clone(),
                change: c,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    story.sort_by_key(|e| e.change.id);
    Ok(story)
}

/// The lines of the story of `keys`, as [`story`] but without the entries' contents.
/// `first_versions`, when known, is the highest version of the first key's plan: its versions
/// are 1 to that, and need not be asked for.
pub(crate) async fn story_lines(
    conn: &mut AnyConnection,
    pid: i64,
    keys: &[ActionKey],
    first_versions: Option<i64>,
) -> Result<Vec<StoryLine>> {
    let candidates = candidates(&mut *conn, pid, keys, first_versions).await?;
    let rows = entries(&mut *conn, pid, LINE_COLUMNS, &candidates).await?;
    let mut lines = rows
        .iter()
        .map(|r| {
            Ok(StoryLine {
                id: r.try_get("id")?,
                at: r.try_get("at")?,
                actor: r.try_get("actor")?,
                entity: r.try_get("entity")?,
                op: ChangeOp::parse(&r.try_get::<String, _>("op")?)?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    lines.sort_by_key(|l| l.id);
    Ok(lines)
}

/// The entity keys the log may file `keys` under (the plan's own, and each version's), each
/// with the index of the key it stands for.
async fn candidates(
    conn: &mut AnyConnection,
    pid: i64,
    keys: &[ActionKey],
    first_versions: Option<i64>,
) -> Result<Vec<(String, usize)>> {
    let mut candidates = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        candidates.push((k.log_key(), i));
        let versions = match first_versions.filter(|n| i == 0 && *n <= MANY_VERSIONS) {
            Some(n) => (1..=n).collect(),
            None => plan_versions(&mut *conn, pid, &k.plan).await?,
        };
        for v in versions {
            candidates.push((format!("{} v{v} / {}", k.plan, k.action), i));
        }
    }
    Ok(candidates)
}

/// The `columns` of the entries filed under any of `candidates`.
async fn entries(
    conn: &mut AnyConnection,
    pid: i64,
    columns: &str,
    candidates: &[(String, usize)],
) -> Result<Vec<sqlx::any::AnyRow>> {
    let sql = history_sql(dialect::backend_of(conn)?, columns, candidates.len());
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(pid);
    for (c, _) in candidates {
        q = q.bind(c.as_str());
    }
    Ok(q.fetch_all(&mut *conn).await?)
}

/// The actions `key` was carried forward from, nearest first.
pub(crate) async fn lineage(
    conn: &mut AnyConnection,
    pid: i64,
    key: &ActionKey,
) -> Result<Vec<ActionKey>> {
    let origin = tracked(conn, pid, key).await?.and_then(|t| t.origin_id);
    lineage_from(conn, pid, origin).await
}

/// The action with tracked id `origin` and the actions it was carried forward from, nearest
/// first: the lineage of an action whose tracked row names `origin`.
pub(crate) async fn lineage_from(
    conn: &mut AnyConnection,
    pid: i64,
    origin: Option<i64>,
) -> Result<Vec<ActionKey>> {
    let mut out = Vec::new();
    let mut next = origin;
    while let Some(id) = next {
        let row = sqlx::query(
            "SELECT plan_title, uid, origin_id FROM tracked_actions
             WHERE partnership_id = $1 AND id = $2",
        )
        .bind(pid)
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
        out.push(ActionKey::new(
            row.try_get::<String, _>("plan_title")?,
            row.try_get::<String, _>("uid")?,
        ));
        next = row.try_get("origin_id")?;
        if out.len() > 100 {
            break;
        }
    }
    Ok(out)
}

fn placeholder(backend: dialect::Backend, n: usize) -> String {
    let mut p = String::new();
    dialect::push_placeholder(backend, &mut p, n);
    p
}

async fn plan_versions(conn: &mut AnyConnection, pid: i64, title: &str) -> Result<Vec<i64>> {
    let rows = sqlx::query("SELECT version FROM plans WHERE partnership_id = $1 AND title = $2")
        .bind(pid)
        .bind(title)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| Ok(r.try_get::<i64, _>("version")?))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query_plan::{Bind, plan, test_backend};

    #[tokio::test]
    async fn an_actions_story_seeks_its_own_entries_in_the_log() {
        let binds = [
            Bind::Int(1),
            Bind::Text("Plan / 4.2#2"),
            Bind::Text("Plan v1 / 4.2#2"),
        ];
        let p = plan(&history_sql(test_backend(), LINE_COLUMNS, 2), &binds).await;
        p.assert_no_full_read("an action's story", &[("change_log", "change_log")]);
        // SQLite plans by the indexes alone, and walked the partnership's log in id order
        // when the query was sorted. PostgreSQL weighs costs: in the tests' empty table every
        // index costs the same, and with a real log's statistics it seeks the keys.
        if p.backend == dialect::Backend::Sqlite {
            p.assert_seeks_by("an action's story", "change_log", "entity_key", "=");
        }
        // Its lines come from the index alone: the entries are scattered through the log.
        p.assert_index_only("an action's story", "change_log_by_key");
    }
}
