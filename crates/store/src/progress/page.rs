//! One action in full, for its page: its updates, its story and its state, read in one
//! transaction from one lookup of the partnership and the action, rather than three reads
//! that each look both up again. On PostgreSQL that is half the round trips of the three.

use domain::Update;

use super::history::{HistoryEntry, lineage_from, story};
use super::read;
use super::state::{ActionState, state_of};
use super::write::{ActionKey, tracked};
use crate::error::Result;
use crate::plan::versions::END_OF_TIME;
use crate::{Store, scope};

/// What [`Store::action_in_full`] reads: what [`Store::updates`], [`Store::action_history`]
/// and [`Store::action_state`] read one by one, as at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionInFull {
    pub updates: Vec<Update>,
    pub history: Vec<HistoryEntry>,
    pub state: ActionState,
}

impl Store {
    /// Action `key` in the current version of its plan: every update ever recorded, oldest
    /// first, its story from the change log, and its state.
    #[tracing::instrument(skip_all, fields(partnership = slug, action = %key.action))]
    pub async fn action_in_full(&self, slug: &str, key: &ActionKey) -> Result<ActionInFull> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let t = tracked(&mut tx, pid, key).await?;
        let updates = match &t {
            Some(t) => read::all(&mut tx, pid, &key.plan, Some(t.id), END_OF_TIME).await?,
            None => Vec::new(),
        };
        let lineage = lineage_from(&mut tx, pid, t.as_ref().and_then(|t| t.origin_id)).await?;
        let origin = lineage.first().cloned();
        let keys = std::iter::once(key.clone()).chain(lineage).collect();
        let history = story(&mut tx, pid, keys).await?;
        let state = state_of(&mut tx, pid, key, t, origin, &updates).await?;
        tx.commit().await?;
        Ok(ActionInFull {
            updates,
            history,
            state,
        })
    }
}
