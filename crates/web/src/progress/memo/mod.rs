//! What a view has read about single actions: each action's updates, state (its version,
//! latest update and sign-off) and history, and the partnership's sign-off settings, kept
//! inside the [`Loaded`](crate::view::Loaded) view they were read under, so that asking again
//! about the same action costs a lookup while nothing has been written. A write moves the
//! change-log head and the view is replaced; the replacement keeps the entries of the actions
//! the write did not touch (see `view::refresh`), so a post on one action costs the next reader
//! of another nothing.
//!
//! An entry is read after its view's head was, so it is never older than the view; it can
//! only be fresher, which a reader may always be shown.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use domain::Update;
use store::{ActionState, HistoryEntry, Settings};

/// Enough for the actions a board works on at once; past that the memo starts again, so a
/// crawl over every action of a big plan cannot hold all their updates in memory.
const MEMO_ACTIONS: usize = 256;

#[derive(Default, Clone)]
struct Entry {
    updates: Option<Arc<Vec<Update>>>,
    state: Option<Arc<ActionState>>,
    history: Option<Arc<Vec<HistoryEntry>>>,
}

/// Per action (by its id in the view's plan): what has been read of it.
#[derive(Default)]
pub struct ActionMemo {
    entries: Mutex<HashMap<String, Entry>>,
    /// Changed only by a write that is not progress, which replaces the view.
    settings: Mutex<Option<Arc<Settings>>>,
}

impl ActionMemo {
    /// Every update of action `uid`, reading them with `read` only the first time.
    pub async fn updates<E, F>(&self, uid: &str, read: F) -> Result<Arc<Vec<Update>>, E>
    where
        F: Future<Output = Result<Vec<Update>, E>>,
    {
        self.once(uid, |e| &mut e.updates, read).await
    }

    /// Action `uid`'s state (its version, what its ETag and a write's check stand on), reading
    /// it with `read` only the first time.
    pub async fn state<E, F>(&self, uid: &str, read: F) -> Result<Arc<ActionState>, E>
    where
        F: Future<Output = Result<ActionState, E>>,
    {
        self.once(uid, |e| &mut e.state, read).await
    }

    /// Action `uid`'s history from the change log, reading it with `read` only the first time.
    pub async fn history<E, F>(&self, uid: &str, read: F) -> Result<Arc<Vec<HistoryEntry>>, E>
    where
        F: Future<Output = Result<Vec<HistoryEntry>, E>>,
    {
        self.once(uid, |e| &mut e.history, read).await
    }

    /// The slot `field` of action `uid`'s entry, filled by `read` the first time it is asked.
    async fn once<T, E, F>(
        &self,
        uid: &str,
        field: fn(&mut Entry) -> &mut Option<Arc<T>>,
        read: F,
    ) -> Result<Arc<T>, E>
    where
        F: Future<Output = Result<T, E>>,
    {
        let hit = self
            .entries
            .lock()
            .ok()
            .and_then(|mut e| e.get_mut(uid).and_then(|entry| field(entry).clone()));
        if let Some(hit) = hit {
            return Ok(hit);
        }
        let value = Arc::new(read.await?);
        self.put(uid, |e| *field(e) = Some(Arc::clone(&value)));
        Ok(value)
    }

    /// The partnership's status and sign-off settings, reading them only the first time.
    pub async fn settings<E, F>(&self, read: F) -> Result<Arc<Settings>, E>
    where
        F: Future<Output = Result<Settings, E>>,
    {
        if let Some(hit) = self.settings.lock().ok().and_then(|s| s.clone()) {
            return Ok(hit);
        }
        let settings = Arc::new(read.await?);
        if let Ok(mut slot) = self.settings.lock() {
            *slot = Some(Arc::clone(&settings));
        }
        Ok(settings)
    }

    /// A memo for the view that replaces this one, keeping every action but `changed`.
    pub fn carry(&self, changed: &[String]) -> Self {
        let entries = self
            .entries
            .lock()
            .map(|e| {
                e.iter()
                    .filter(|(uid, _)| !changed.contains(uid))
                    .map(|(uid, entry)| (uid.clone(), entry.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let settings = self.settings.lock().map(|s| s.clone()).unwrap_or_default();
        Self {
            entries: Mutex::new(entries),
            settings: Mutex::new(settings),
        }
    }

    fn put(&self, uid: &str, f: impl FnOnce(&mut Entry)) {
        if let Ok(mut entries) = self.entries.lock() {
            if entries.len() >= MEMO_ACTIONS && !entries.contains_key(uid) {
                entries.clear();
            }
            f(entries.entry(uid.to_string()).or_default());
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.lock().map(|e| e.len()).unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A history of `n` entries, told apart by their length.
    async fn read_ok(n: usize) -> Result<Vec<HistoryEntry>, ()> {
        let entry = HistoryEntry {
            action: store::ActionKey::new("Plan", "1.1"),
            change: store::Change {
                id: 1,
                at: "2026-01-01T00:00:00Z".into(),
                actor: "test".into(),
                entity: "update".into(),
                entity_key: "Plan / 1.1".into(),
                op: store::ChangeOp::Create,
                before: None,
                after: None,
                prev_hash: String::new(),
                hash: String::new(),
            },
        };
        Ok(vec![entry; n])
    }

    async fn len(memo: &ActionMemo, uid: &str, n: usize) -> usize {
        memo.history(uid, read_ok(n)).await.unwrap().len()
    }

    #[tokio::test]
    async fn a_history_is_read_once_and_a_carried_memo_forgets_only_the_changed_actions() {
        let memo = ActionMemo::default();
        assert_eq!(len(&memo, "1.1", 3).await, 3);
        // Served from memory: the second read is not made.
        assert_eq!(len(&memo, "1.1", 9).await, 3);
        assert_eq!(len(&memo, "1.2", 5).await, 5);
        let next = memo.carry(&["1.1".to_string()]);
        assert_eq!(len(&next, "1.1", 4).await, 4);
        assert_eq!(len(&next, "1.2", 9).await, 5);
    }

    #[tokio::test]
    async fn a_failed_read_is_not_kept() {
        let memo = ActionMemo::default();
        let failed = memo.history("1.1", async { Err::<Vec<HistoryEntry>, _>("down") });
        assert_eq!(failed.await.err(), Some("down"));
        assert_eq!(len(&memo, "1.1", 2).await, 2);
    }

    #[tokio::test]
    async fn the_memo_starts_again_when_full() {
        let memo = ActionMemo::default();
        for i in 0..MEMO_ACTIONS {
            len(&memo, &format!("a{i}"), 1).await;
        }
        assert_eq!(memo.len(), MEMO_ACTIONS);
        len(&memo, "one more", 1).await;
        assert_eq!(memo.len(), 1);
    }
}
