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

use std::future::Future;
use std::sync::{Arc, Mutex};

use domain::Update;
use store::{ActionInFull, ActionState, Settings, StoryLine};

pub mod budget;
use budget::{Budget, Kept};

/// Enough for the actions a board works on at once; past that the memo starts again, so a
/// crawl over every action of a big plan cannot hold all their updates in memory.
const MEMO_ACTIONS: usize = 256;

#[derive(Default, Clone)]
struct Entry {
    updates: Option<Arc<Vec<Update>>>,
    state: Option<Arc<ActionState>>,
    /// Its version read alone, when its state was not needed.
    version: Option<i64>,
    history: Option<Arc<Vec<StoryLine>>>,
}

impl Entry {
    fn weigh(&self) -> usize {
        self.updates.as_deref().map_or(0, |u| budget::updates(u))
            + self.history.as_deref().map_or(0, |h| budget::history(h))
            + self.state.as_deref().map_or(0, budget::state)
    }
}

/// One action's updates, history and state, as kept.
pub struct InFull {
    pub updates: Arc<Vec<Update>>,
    pub history: Arc<Vec<StoryLine>>,
    pub state: Arc<ActionState>,
}

/// Per action (by its id in the view's plan): what has been read of it, within the bytes
/// its budget (shared by every view's memo on this server) allows.
pub struct ActionMemo {
    entries: Mutex<Kept<Entry>>,
    /// Changed only by a write that is not progress, which replaces the view.
    settings: Mutex<Option<Arc<Settings>>>,
    budget: &'static Budget,
}

impl Default for ActionMemo {
    fn default() -> Self {
        Self::within(Budget::shared())
    }
}

impl ActionMemo {
    /// An empty memo drawing on `budget`.
    pub fn within(budget: &'static Budget) -> Self {
        Self {
            entries: Mutex::new(Kept::new(budget, MEMO_ACTIONS)),
            settings: Mutex::new(None),
            budget,
        }
    }

    /// Every update of action `uid`, reading them with `read` only the first time.
    pub async fn updates<E, F>(&self, uid: &str, read: F) -> Result<Arc<Vec<Update>>, E>
    where
        F: Future<Output = Result<Vec<Update>, E>>,
    {
        self.once(uid, |e| &mut e.updates, read).await
    }

    /// Action `uid`'s version (what its ETag stands on): from its state if that is kept,
    /// else read with `read` only the first time.
    pub async fn version<E, F>(&self, uid: &str, read: F) -> Result<i64, E>
    where
        F: Future<Output = Result<i64, E>>,
    {
        let kept = self.entries.lock().ok().and_then(|e| {
            let entry = e.get(uid)?;
            entry.state.as_ref().map(|s| s.version).or(entry.version)
        });
        if let Some(version) = kept {
            return Ok(version);
        }
        let version = read.await?;
        self.put(uid, |e| e.version = Some(version));
        Ok(version)
    }

    /// Keep `version` as action `uid`'s, read with the view this memo belongs to.
    pub fn keep_version(&self, uid: &str, version: i64) {
        self.put(uid, |e| e.version = Some(version));
    }

    /// Action `uid`'s story from the change log, reading it with `read` only the first time.
    pub async fn history<E, F>(&self, uid: &str, read: F) -> Result<Arc<Vec<StoryLine>>, E>
    where
        F: Future<Output = Result<Vec<StoryLine>, E>>,
    {
        self.once(uid, |e| &mut e.history, read).await
    }

    /// Action `uid`'s updates, history and state, reading all three together with `read`
    /// (one transaction, one lookup of the action) unless all three are kept: an action's
    /// page read cold costs one read, not three.
    pub async fn in_full<E, F>(&self, uid: &str, read: F) -> Result<InFull, E>
    where
        F: Future<Output = Result<ActionInFull, E>>,
    {
        let kept = self.entries.lock().ok().and_then(|e| {
            let entry = e.get(uid)?;
            Some(InFull {
                updates: entry.updates.clone()?,
                history: entry.history.clone()?,
                state: entry.state.clone()?,
            })
        });
        if let Some(kept) = kept {
            return Ok(kept);
        }
        let read = read.await?;
        let full = InFull {
            updates: Arc::new(read.updates),
            history: Arc::new(read.history),
            state: Arc::new(read.state),
        };
        self.put(uid, |e| {
            e.updates = Some(Arc::clone(&full.updates));
            e.history = Some(Arc::clone(&full.history));
            e.state = Some(Arc::clone(&full.state));
        });
        Ok(full)
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
            .and_then(|e| e.get(uid).cloned())
            .and_then(|mut entry| field(&mut entry).take());
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

    /// A memo for the view that replaces this one, keeping every action but `changed` (as
    /// many of them as the budget allows: the entries are shared, but counted again).
    pub fn carry(&self, changed: &[String]) -> Self {
        let next = Self::within(self.budget);
        if let (Ok(from), Ok(mut to)) = (self.entries.lock(), next.entries.lock()) {
            for (uid, entry, weight) in from.iter().filter(|(uid, ..)| !changed.contains(uid)) {
                to.keep_if_room(uid.clone(), entry.clone(), weight);
            }
        }
        if let (Ok(from), Ok(mut to)) = (self.settings.lock(), next.settings.lock()) {
            to.clone_from(&from);
        }
        next
    }

    /// Change action `uid`'s entry with `f`, keeping it if it fits (see [`Kept::keep`]).
    fn put(&self, uid: &str, f: impl FnOnce(&mut Entry)) {
        if let Ok(mut kept) = self.entries.lock() {
            let mut entry = kept.get(uid).cloned().unwrap_or_default();
            f(&mut entry);
            let weight = entry.weigh();
            kept.keep(uid.to_string(), entry, weight);
        }
    }

    #[cfg(test)]
    fn bytes(&self) -> usize {
        self.entries.lock().map(|e| e.bytes()).unwrap_or(0)
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
    fn entries(n: usize) -> Vec<StoryLine> {
        let line = StoryLine {
            id: 1,
            at: "2026-01-01T00:00:00Z".into(),
            actor: "test".into(),
            entity: "update".into(),
            op: store::ChangeOp::Create,
        };
        vec![line; n]
    }

    async fn read_ok(n: usize) -> Result<Vec<StoryLine>, ()> {
        Ok(entries(n))
    }

    async fn len(memo: &ActionMemo, uid: &str, n: usize) -> usize {
        memo.history(uid, read_ok(n)).await.unwrap().len()
    }

    fn in_full(n: usize) -> ActionInFull {
        let key = store::ActionKey::new("Plan", "1.1");
        ActionInFull {
            updates: Vec::new(),
            history: entries(n),
            state: ActionState {
                key,
                version: n as i64,
                last_change: None,
                latest: None,
                sign_off: None,
                origin: None,
            },
        }
    }

    #[tokio::test]
    async fn an_action_in_full_is_read_once_and_then_served_slot_by_slot() {
        let memo = ActionMemo::default();
        let first = memo.in_full("1.1", async { Ok::<_, ()>(in_full(2)) }).await;
        assert_eq!(first.unwrap().state.version, 2);
        // All three kept: the second read is not made.
        let again = memo.in_full("1.1", async { Ok::<_, ()>(in_full(7)) }).await;
        assert_eq!(again.unwrap().history.len(), 2);
        // Each slot alone is served from what the full read kept.
        assert_eq!(len(&memo, "1.1", 9).await, 2);
        let version = memo.version("1.1", async { Err::<i64, _>(()) }).await;
        assert_eq!(version.unwrap(), 2, "the version from the kept state");
        // A version read alone is kept, and gives way to a state read later.
        assert_eq!(memo.version("1.4", async { Ok::<_, ()>(3) }).await, Ok(3));
        assert_eq!(memo.version("1.4", async { Err(()) }).await, Ok(3));
        let full = memo.in_full("1.4", async { Ok::<_, ()>(in_full(6)) }).await;
        assert_eq!(full.unwrap().state.version, 6);
        assert_eq!(memo.version("1.4", async { Err(()) }).await, Ok(6));
        // A version handed over with a refreshed view is served without a read.
        memo.keep_version("1.5", 9);
        assert_eq!(memo.version("1.5", async { Err(()) }).await, Ok(9));
        // A slot read alone does not make the full read: the other two are missing.
        assert_eq!(len(&memo, "1.2", 4).await, 4);
        let full = memo.in_full("1.2", async { Ok::<_, ()>(in_full(5)) }).await;
        assert_eq!(full.unwrap().history.len(), 5);
        let failed = memo
            .in_full("1.3", async { Err::<ActionInFull, _>("down") })
            .await;
        assert!(failed.is_err());
        assert_eq!(len(&memo, "1.3", 1).await, 1);
    }

    #[tokio::test]
    async fn the_memos_of_a_server_keep_no_more_than_their_budget_and_give_it_back_when_dropped() {
        let one = budget::history(&entries(10));
        // Room for two actions' histories of ten entries, not three.
        let budget: &'static Budget = Box::leak(Box::new(Budget::new(one * 2 + one / 2)));
        let first = ActionMemo::within(budget);
        assert_eq!(first.history("1.1", read_ok(10)).await.unwrap().len(), 10);
        assert_eq!(first.history("1.2", read_ok(10)).await.unwrap().len(), 10);
        assert_eq!(budget.used(), first.bytes());
        assert_eq!(first.bytes(), 2 * one);
        // Another view's memo finds the budget spent: it serves its read, keeping nothing.
        let second = ActionMemo::within(budget);
        assert_eq!(len(&second, "2.1", 10).await, 10);
        assert_eq!((second.len(), second.bytes()), (0, 0));
        assert_eq!(
            len(&second, "2.1", 9).await,
            9,
            "read again: it was not kept"
        );
        // Full, a memo gives back its own entries to keep a new one.
        assert_eq!(len(&first, "1.3", 10).await, 10);
        assert_eq!((first.len(), budget.used()), (1, one));
        // A carried memo counts what it carries; dropping either gives its share back.
        let carried = first.carry(&[]);
        assert_eq!((carried.len(), budget.used()), (1, 2 * one));
        drop(first);
        assert_eq!(budget.used(), one);
        drop(carried);
        assert_eq!(budget.used(), 0);
        assert_eq!(len(&second, "2.1", 10).await, 10);
        assert_eq!(second.bytes(), one, "kept, now that there is room");
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
        let failed = memo.history("1.1", async { Err::<Vec<StoryLine>, _>("down") });
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
