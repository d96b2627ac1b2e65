//! The bytes every action memo of this server keeps, together. Each view's memo is bounded by
//! its number of actions, but a server holding the views of 150 partnerships would keep that
//! many actions for each: at national scale, over 2 GB. The weights are estimates from the
//! text an entry holds (narratives, the change log's JSON) and a fixed cost per item, not an
//! allocator's count; they err high.

use std::collections::HashMap;
use std::mem::size_of;
use std::sync::atomic::{AtomicUsize, Ordering};

use domain::{Evidence, Update};
use store::{ActionState, StoryLine};

/// What every view's memo on this server may keep in all, unless the operator says
/// otherwise (`--cache-mb`, see [`set_cache`]): about 2,000 actions of 50 updates.
pub const MEMO_BYTES: usize = 128 << 20;

/// What the API bodies kept by every view may take in all: about 1,600 pages of 100 actions.
pub const BODY_BYTES: usize = 64 << 20;

/// The default of `--cache-mb`: both budgets together, in MiB.
pub const CACHE_MB: usize = (MEMO_BYTES + BODY_BYTES) >> 20;

/// Share `mb` MiB between the server's two budgets as the defaults share them (two thirds
/// for single actions, a third for API bodies). Called once, before serving.
pub fn set_cache(mb: usize) {
    let bytes = mb.saturating_mul(1 << 20);
    let memo = bytes / 3 * 2;
    Budget::shared().set_limit(memo);
    Budget::bodies().set_limit(bytes - memo);
}

/// Bytes taken from a limit, shared by every memo that draws on it.
pub struct Budget {
    used: AtomicUsize,
    limit: AtomicUsize,
}

impl Budget {
    pub const fn new(limit: usize) -> Self {
        Self {
            used: AtomicUsize::new(0),
            limit: AtomicUsize::new(limit),
        }
    }

    /// Change the limit: what is kept already stays until it is given back.
    pub fn set_limit(&self, limit: usize) {
        self.limit.store(limit, Ordering::Release);
    }

    /// The most it lets be taken.
    pub fn limit(&self) -> usize {
        self.limit.load(Ordering::Acquire)
    }

    /// The budget the memos of every view of this server share.
    pub fn shared() -> &'static Budget {
        static SHARED: Budget = Budget::new(MEMO_BYTES);
        &SHARED
    }

    /// The budget the API bodies every view keeps share (see `view::PageMemo`).
    pub fn bodies() -> &'static Budget {
        static BODIES: Budget = Budget::new(BODY_BYTES);
        &BODIES
    }

    /// Take `n` bytes; false, taking nothing, when they would pass the limit.
    pub fn take(&self, n: usize) -> bool {
        let limit = self.limit();
        self.used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                used.checked_add(n).filter(|total| *total <= limit)
            })
            .is_ok()
    }

    /// Give back `n` bytes taken before.
    pub fn release(&self, n: usize) {
        let _ = self
            .used
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |used| {
                Some(used.saturating_sub(n))
            });
    }

    /// The bytes taken now.
    pub fn used(&self) -> usize {
        self.used.load(Ordering::Acquire)
    }
}

/// Values by key, at most `most` of them, each weighed and taken from a [`Budget`] while
/// kept and given back when dropped: what a view's action memo and its API bodies hold.
pub struct Kept<V> {
    map: HashMap<String, (V, usize)>,
    bytes: usize,
    most: usize,
    budget: &'static Budget,
}

impl<V> Kept<V> {
    pub fn new(budget: &'static Budget, most: usize) -> Self {
        Self {
            map: HashMap::new(),
            bytes: 0,
            most,
            budget,
        }
    }

    pub fn get(&self, key: &str) -> Option<&V> {
        self.map.get(key).map(|(v, _)| v)
    }

    /// Keep `value`, weighing `weight`, under `key` (in place of what was there). Full, by
    /// count or by the budget, this map starts again; if the budget is still short, the
    /// value is not kept and false is returned.
    pub fn keep(&mut self, key: String, value: V, weight: usize) -> bool {
        if self.map.len() >= self.most && !self.map.contains_key(&key) {
            self.forget();
        }
        if self.take(&key, weight) {
            self.insert(key, value, weight);
            return true;
        }
        self.forget();
        if !self.budget.take(weight) {
            return false;
        }
        self.insert(key, value, weight);
        true
    }

    /// [`Kept::keep`], but only if there is room: nothing kept is given up for it.
    pub fn keep_if_room(&mut self, key: String, value: V, weight: usize) -> bool {
        let kept =
            (self.map.len() < self.most || self.map.contains_key(&key)) && self.take(&key, weight);
        if kept {
            self.insert(key, value, weight);
        }
        kept
    }

    /// The entries as kept, with their weights.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V, usize)> {
        self.map.iter().map(|(k, (v, w))| (k, v, *w))
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn bytes(&self) -> usize {
        self.bytes
    }

    /// Take what `weight` needs beyond what `key` already weighs (or give back what it
    /// needs less); false, taking nothing, when the budget is short.
    fn take(&self, key: &str, weight: usize) -> bool {
        let old = self.map.get(key).map_or(0, |(_, w)| *w);
        if weight <= old {
            self.budget.release(old - weight);
            true
        } else {
            self.budget.take(weight - old)
        }
    }

    /// Insert, its weight taken already.
    fn insert(&mut self, key: String, value: V, weight: usize) {
        let old = self.map.insert(key, (value, weight)).map_or(0, |(_, w)| w);
        self.bytes = self.bytes + weight - old;
    }

    /// Drop every entry and give their bytes back.
    fn forget(&mut self) {
        self.budget.release(self.bytes);
        self.map.clear();
        self.bytes = 0;
    }
}

impl<V> Drop for Kept<V> {
    fn drop(&mut self) {
        self.budget.release(self.bytes);
    }
}

pub fn updates(all: &[Update]) -> usize {
    all.iter().map(update).sum::<usize>() + size_of::<Vec<Update>>()
}

fn update(u: &Update) -> usize {
    let evidence: usize = u
        .evidence
        .iter()
        .map(|e| {
            size_of::<Evidence>()
                + match e {
                    Evidence::File {
                        sha256,
                        name,
                        media_type,
                        ..
                    } => sha256.len() + name.len() + media_type.len(),
                    Evidence::Link { url, title } => {
                        url.len() + title.as_ref().map_or(0, String::len)
                    }
                }
        })
        .sum();
    size_of::<Update>() + u.action.len() + u.narrative.len() + u.author.len() + evidence
}

pub fn history(all: &[StoryLine]) -> usize {
    let line = |l: &StoryLine| size_of::<StoryLine>() + l.at.len() + l.actor.len() + l.entity.len();
    all.iter().map(line).sum::<usize>() + size_of::<Vec<StoryLine>>()
}

pub fn state(s: &ActionState) -> usize {
    let change = s
        .last_change
        .as_ref()
        .map_or(0, |c| c.what.len() + c.by.len() + c.at.len());
    let sign_off = s
        .sign_off
        .as_ref()
        .map_or(0, |o| o.action.len() + o.by.len() + o.role.len() + 128);
    size_of::<ActionState>()
        + s.key.plan.len()
        + s.key.action.len()
        + change
        + s.latest.as_ref().map_or(0, update)
        + sign_off
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_taken_only_while_they_fit_and_come_back_when_released() {
        let b = Budget::new(100);
        assert!(b.take(60));
        assert!(!b.take(41), "past the limit: nothing is taken");
        assert_eq!(b.used(), 60);
        assert!(b.take(40));
        b.release(70);
        assert_eq!(b.used(), 30);
        b.release(100);
        assert_eq!(b.used(), 0, "never below nothing");
        b.set_limit(10);
        assert!(!b.take(11));
        assert!(b.take(10));
    }

    #[test]
    fn the_cache_is_shared_two_thirds_to_single_actions_and_a_third_to_bodies() {
        assert_eq!(CACHE_MB, 192);
        set_cache(CACHE_MB);
        assert_eq!(Budget::shared().limit(), MEMO_BYTES);
        assert_eq!(Budget::bodies().limit(), BODY_BYTES);
    }
}
