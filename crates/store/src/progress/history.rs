//! An action's whole story, read from the change log: the imports that recorded it, its
//! edits, updates, sign-offs and withdrawals, and, for an action carried forward, the story of
//! the action it came from, back to the first plan.

use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::{self as changelog, CHANGE_COLUMNS, Change};
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
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let mut keys = vec![key.clone()];
        keys.extend(lineage(&mut tx, pid, key).await?);
        let mut candidates: Vec<(String, usize)> = Vec::new();
        for (i, k) in keys.iter().enumerate() {
            candidates.push((k.log_key(), i));
            for v in plan_versions(&mut tx, pid, &k.plan).await? {
                candidates.push((format!("{} v{v} / {}", k.plan, k.action), i));
            }
        }
        let backend = dialect::backend_of(&tx)?;
        let mut list = String::new();
        for n in 0..candidates.len() {
            if n > 0 {
                list.push_str(", ");
            }
            dialect::push_placeholder(backend, &mut list, n + 2);
        }
        let sql = format!(
            "SELECT {CHANGE_COLUMNS} FROM change_log
             WHERE partnership_id = {} AND entity_key IN ({list}) ORDER BY id",
            placeholder(backend, 1)
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(pid);
        for (c, _) in &candidates {
            q = q.bind(c.as_str());
        }
        let rows = q.fetch_all(&mut *tx).await?;
        tx.commit().await?;
        rows.iter()
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
            .collect()
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

/// The actions `key` was carried forward from, nearest first.
pub(crate) async fn lineage(
    conn: &mut AnyConnection,
    pid: i64,
    key: &ActionKey,
) -> Result<Vec<ActionKey>> {
    let mut out = Vec::new();
    let mut next = tracked(conn, pid, key).await?.and_then(|t| t.origin_id);
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
