//! Plan trees kept in memory between reads, for the status of a large plan on every page.
//!
//! A plan version's rows never change once written (an import, a carry-forward or a close
//! writes a new version), and edits to its actions are revisions appended in time order. So a
//! plan as at a moment is named exactly by its version's id and the last revision of the
//! partnership valid then; a cached tree under that name is the tree the database holds, and
//! one small query per read checks it. Each app server keeps its own cache; none needs telling
//! when another writes.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use domain::Plan;
use sqlx::{AnyConnection, Row};

use crate::error::{Result, StoreError};

use super::read;
use super::versions::Versions;

/// How many plan trees a store keeps.
const CAPACITY: usize = 32;

/// (plan version id, last revision id valid then).
type Key = (i64, i64);

#[derive(Debug, Default)]
pub(crate) struct PlanCache {
    entries: Mutex<HashMap<Key, Arc<Plan>>>,
    /// Reads answered from memory and reads that went to the database, for the operator's
    /// metrics: a low share of hits on a busy server says the cache is too small.
    hits: AtomicU64,
    misses: AtomicU64,
}

impl PlanCache {
    /// Version `plan_id` of a plan of partnership `pid`, with the edits valid at `at`.
    pub async fn plan(
        &self,
        conn: &mut AnyConnection,
        pid: i64,
        plan_id: i64,
        at: &str,
    ) -> Result<Arc<Plan>> {
        let row = sqlx::query(
            "SELECT COALESCE(MAX(id), 0) AS last FROM action_revisions
             WHERE partnership_id = $1 AND valid_from <= $2",
        )
        .bind(pid)
        .bind(at)
        .fetch_one(&mut *conn)
        .await?;
        let key = (plan_id, row.try_get::<i64, _>("last")?);
        if let Some(hit) = self.get(key) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return Ok(hit);
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let versions = Versions {
            at: at.to_string(),
            plan_id: Some(plan_id),
            edits_upto: None,
        };
        let plan = read::plans(conn, pid, &versions)
            .await?
            .into_iter()
            .next()
            .map(|s| Arc::new(s.plan))
            .ok_or_else(|| StoreError::not_found("the plan"))?;
        self.put(key, Arc::clone(&plan));
        Ok(plan)
    }

    /// (hits, misses) since the store was opened.
    pub fn counts(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    fn get(&self, key: Key) -> Option<Arc<Plan>> {
        match self.entries.lock() {
            Ok(entries) => entries.get(&key).cloned(),
            Err(_) => {
                // Another reader panicked while holding the lock: read from the database.
                tracing::warn!("the plan cache's lock is poisoned; reading the plan afresh");
                None
            }
        }
    }

    fn put(&self, key: Key, plan: Arc<Plan>) {
        match self.entries.lock() {
            Ok(mut entries) => {
                if entries.len() >= CAPACITY {
                    entries.clear();
                }
                entries.insert(key, plan);
            }
            Err(_) => tracing::warn!("the plan cache's lock is poisoned; not keeping the plan"),
        }
    }
}
