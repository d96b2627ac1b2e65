//! Where one action stands now, for someone about to change it: its version (to send back with
//! the change), its last change, its latest update, its sign-off and where it came from.

use domain::{SignOff, Update};
use serde::Serialize;
use sqlx::AnyConnection;

use crate::Store;
use crate::error::Result;

use super::history::lineage_from;
use super::locate::{locate, locate_query, located};
use super::one_action;
use super::write::{ActionKey, Tracked};

/// An action's current state.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActionState {
    pub key: ActionKey,
    /// How many changes the action has had since it was imported; a change must name it.
    pub version: i64,
    pub last_change: Option<LastChange>,
    /// The update that rates it now.
    pub latest: Option<Update>,
    /// Its sign-off, if one stands.
    pub sign_off: Option<SignOff>,
    /// The action it was carried forward from.
    pub origin: Option<ActionKey>,
}

/// The last change to an action, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LastChange {
    pub what: String,
    pub by: String,
    pub at: String,
}

impl Store {
    /// The state of action `key` in the current version of its plan.
    #[tracing::instrument(skip_all, fields(partnership = slug, action = %key.action))]
    pub async fn action_state(&self, slug: &str, key: &ActionKey) -> Result<ActionState> {
        self.read_in(async |conn| {
            let found = locate(conn, slug, key).await?;
            let t = found.tracked;
            let origin = lineage_from(conn, found.pid, t.as_ref().and_then(|t| t.origin_id))
                .await?
                .into_iter()
                .next();
            state_of(conn, found.pid, key, t, found.sign_off, origin, &[]).await
        })
        .await
    }

    /// The version of action `key` alone, as [`Store::action_state`] gives it: what an
    /// ETag and a write's check stand on, in one statement for a reader that needs no more.
    #[tracing::instrument(skip_all, fields(partnership = slug, action = %key.action))]
    pub async fn action_version(&self, slug: &str, key: &ActionKey) -> Result<i64> {
        // On a connection kept for such reads, not the pool's, which pings it as it comes
        // back.
        let row = self
            .fetch_alone_on(&self.reads, || locate_query(slug, key))
            .await?;
        Ok(located(row, slug, key)?.tracked.map_or(0, |t| t.version))
    }
}

/// The state of action `key`, found by [`locate`] (so in the current version of its plan),
/// whose tracked row is `t`, on which `sign_off` stands (found with it) and which was carried
/// forward from `origin`; its latest update is taken from `known` (updates already read) when
/// there.
pub(crate) async fn state_of(
    conn: &mut AnyConnection,
    pid: i64,
    key: &ActionKey,
    t: Option<Tracked>,
    sign_off: Option<SignOff>,
    origin: Option<ActionKey>,
    known: &[Update],
) -> Result<ActionState> {
    let Some(t) = t else {
        return Ok(ActionState {
            key: key.clone(),
            version: 0,
            last_change: None,
            latest: None,
            sign_off: None,
            origin,
        });
    };
    // Its latest update alone: not all of its updates, whose number grows.
    let latest = match t.latest_update_id {
        Some(id) => match known.iter().find(|u| u.id == id) {
            Some(u) => Some(u.clone()),
            None => Some(one_action::latest(&mut *conn, pid, key, id).await?),
        },
        None => None,
    };
    Ok(ActionState {
        key: key.clone(),
        version: t.version,
        last_change: (t.version > 0).then_some(LastChange {
            what: t.last_change,
            by: t.changed_by,
            at: t.changed_at,
        }),
        latest,
        sign_off,
        origin,
    })
}
