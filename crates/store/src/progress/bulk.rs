//! Loading a history of progress in one transaction: many updates, each recorded at its own
//! past time, in order. For a board moving its tracker spreadsheet into Boardplan, and for
//! the benchmarks' year of updates. Each update is checked as [`Store::record_update`] checks
//! it and gets its own change-log entry at its own time; versions are not compared (nobody
//! else can have seen these updates), but each action's version counts them.

use std::collections::HashMap;

use crate::Store;
use crate::codec::at_text;
use crate::error::{Result, StoreError};

use super::read;
use super::update::{self, NewUpdate, Target};
use super::write::{
    ActionKey, Stamp, action_row, create_tracked, current_plan, set_latest, tracked,
};

/// An update of a history to load, and when it was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedUpdate {
    pub at: jiff::Timestamp,
    pub action: ActionKey,
    pub update: NewUpdate,
}

impl Store {
    /// Record `history` (in the order of `at`, none before the partnership's last change) by
    /// `actor`, all or nothing. Returns how many updates were recorded.
    #[tracing::instrument(skip_all, fields(partnership = slug, updates = history.len()))]
    pub async fn record_update_history(
        &self,
        slug: &str,
        actor: &str,
        history: Vec<DatedUpdate>,
    ) -> Result<usize> {
        let (Some(first), Some(last)) = (history.first(), history.last()) else {
            return Ok(0);
        };
        if history.windows(2).any(|w| w[1].at < w[0].at) {
            return Err(StoreError::invalid(
                "a history of updates must be in the order it was recorded",
            ));
        }
        let last_at = at_text(last.at);
        let mut w = self
            .begin_partnership_write(slug, Stamp::new(actor, first.at))
            .await?;
        // Per action: its tracked id and how many updates it gets.
        let mut touched: HashMap<ActionKey, (i64, i64)> = HashMap::new();
        let n = history.len();
        for item in history {
            let (fields, evidence) = update::checked(item.update, item.at)?;
            // Never before the time the load settled on (see `changelog::order::settle`).
            let at = at_text(item.at).max(w.at.clone());
            let tracked_id = match touched.get_mut(&item.action) {
                Some((id, count)) => {
                    *count += 1;
                    *id
                }
                None => {
                    let plan = current_plan(&mut w.tx, w.pid, &item.action.plan).await?;
                    action_row(&mut w.tx, &plan, &item.action.action).await?;
                    let id = match tracked(&mut w.tx, w.pid, &item.action).await? {
                        Some(t) => t.id,
                        None => create_tracked(&mut w.tx, w.pid, &item.action, &at, None).await?,
                    };
                    touched.insert(item.action.clone(), (id, 1));
                    id
                }
            };
            let target = Target {
                pid: w.pid,
                tracked_id,
                key: &item.action,
                at: &at,
            };
            update::insert(&mut w.tx, &mut w.log, &target, &fields, evidence).await?;
        }
        for (id, added) in touched.values() {
            let latest = read::latest_of(&mut w.tx, w.pid, *id).await?;
            sqlx::query(
                "UPDATE tracked_actions
                 SET row_version = row_version + $1, last_change = $2, changed_by = $3,
                     changed_at = $4
                 WHERE id = $5",
            )
            .bind(*added)
            .bind(format!("a history of {added} updates loaded"))
            .bind(actor)
            .bind(last_at.as_str())
            .bind(*id)
            .execute(&mut *w.tx)
            .await?;
            if let Some(latest) = latest {
                set_latest(&mut w.tx, *id, latest).await?;
            }
        }
        w.commit().await?;
        Ok(n)
    }
}
