//! One action in full, for its page: its updates, its story and its state, read in one
//! transaction from one lookup of the partnership, the action and its sign-off, rather than
//! three reads that each look them up again: five round trips where the three reads made 22.

use domain::Update;

use super::history::{StoryLine, lineage_from, story_lines};
use super::locate::locate;
use super::read;
use super::state::{ActionState, state_of};
use super::write::ActionKey;
use crate::Store;
use crate::error::Result;
use crate::plan::versions::END_OF_TIME;

/// What [`Store::action_in_full`] reads: what [`Store::updates`], [`Store::action_story`]
/// and [`Store::action_state`] read one by one, as at one moment.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionInFull {
    pub updates: Vec<Update>,
    /// Its story, line by line.
    pub history: Vec<StoryLine>,
    pub state: ActionState,
}

impl Store {
    /// Action `key` in the current version of its plan: every update ever recorded, oldest
    /// first, its story from the change log, and its state.
    #[tracing::instrument(skip_all, fields(partnership = slug, action = %key.action))]
    pub async fn action_in_full(&self, slug: &str, key: &ActionKey) -> Result<ActionInFull> {
        self.read_in(async |conn| {
            let found = locate(conn, slug, key).await?;
            let (pid, t, sign_off) = (found.pid, found.tracked, found.sign_off);
            let updates = match &t {
                Some(t) => read::all(conn, pid, &key.plan, Some(t.id), END_OF_TIME).await?,
                None => Vec::new(),
            };
            let lineage = lineage_from(conn, pid, t.as_ref().and_then(|t| t.origin_id)).await?;
            let origin = lineage.first().cloned();
            let keys: Vec<ActionKey> = std::iter::once(key.clone()).chain(lineage).collect();
            let history = story_lines(conn, pid, &keys, Some(found.last_version)).await?;
            let state = state_of(conn, pid, key, t, sign_off, origin, &updates).await?;
            Ok(ActionInFull {
                updates,
                history,
                state,
            })
        })
        .await
    }
}
