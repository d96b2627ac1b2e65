//! What a view has read about single actions: each action's updates and its version, kept
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

/// Enough for the actions a board works on at once; past that the memo starts again, so a
/// crawl over every action of a big plan cannot hold all their updates in memory.
const MEMO_ACTIONS: usize = 256;

#[derive(Default, Clone)]
struct Entry {
    updates: Option<Arc<Vec<Update>>>,
    version: Option<i64>,
}

/// Per action (by its id in the view's plan): what has been read of it.
#[derive(Default)]
pub struct ActionMemo {
    entries: Mutex<HashMap<String, Entry>>,
}

impl ActionMemo {
    /// Every update of action `uid`, reading them with `read` only the first time.
    pub async fn updates<E, F>(&self, uid: &str, read: F) -> Result<Arc<Vec<Update>>, E>
    where
        F: Future<Output = Result<Vec<Update>, E>>,
    {
        if let Some(hit) = self.with(uid, |e| e.updates.clone()) {
            return Ok(hit);
        }
        let updates = Arc::new(read.await?);
        self.put(uid, |e| e.updates = Some(Arc::clone(&updates)));
        Ok(updates)
    }

    /// Action `uid`'s version (what its ETag and a write's check stand on), reading it with
    /// `read` only the first time.
    pub async fn version<E, F>(&self, uid: &str, read: F) -> Result<i64, E>
    where
        F: Future<Output = Result<i64, E>>,
    {
        if let Some(hit) = self.with(uid, |e| e.version) {
            return Ok(hit);
        }
        let version = read.await?;
        self.put(uid, |e| e.version = Some(version));
        Ok(version)
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
        Self {
            entries: Mutex::new(entries),
        }
    }

    fn with<T>(&self, uid: &str, f: impl FnOnce(&Entry) -> Option<T>) -> Option<T> {
        self.entries.lock().ok()?.get(uid).and_then(f)
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

    async fn read_ok(n: i64) -> Result<i64, ()> {
        Ok(n)
    }

    #[tokio::test]
    async fn a_version_is_read_once_and_a_carried_memo_forgets_only_the_changed_actions() {
        let memo = ActionMemo::default();
        assert_eq!(memo.version("1.1", read_ok(3)).await, Ok(3));
        // Served from memory: the second read is not made.
        assert_eq!(memo.version("1.1", read_ok(9)).await, Ok(3));
        assert_eq!(memo.version("1.2", read_ok(5)).await, Ok(5));
        let next = memo.carry(&["1.1".to_string()]);
        assert_eq!(next.version("1.1", read_ok(4)).await, Ok(4));
        assert_eq!(next.version("1.2", read_ok(9)).await, Ok(5));
    }

    #[tokio::test]
    async fn a_failed_read_is_not_kept() {
        let memo = ActionMemo::default();
        assert_eq!(
            memo.version("1.1", async { Err::<i64, _>("down") }).await,
            Err("down")
        );
        assert_eq!(memo.version("1.1", read_ok(2)).await, Ok(2));
    }

    #[tokio::test]
    async fn the_memo_starts_again_when_full() {
        let memo = ActionMemo::default();
        for i in 0..MEMO_ACTIONS {
            memo.version(&format!("a{i}"), read_ok(1)).await.unwrap();
        }
        assert_eq!(memo.len(), MEMO_ACTIONS);
        memo.version("one more", read_ok(1)).await.unwrap();
        assert_eq!(memo.len(), 1);
    }
}
