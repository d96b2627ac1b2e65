//! Loading a history of progress in one transaction: many updates, each recorded at its own
//! past time, in order. For a board moving its tracker spreadsheet into Boardplan, for the
//! demo's generated plans and for the benchmarks. Each update is checked as
//! [`Store::record_update`] checks it and gets its own change-log entry at its own time;
//! versions are not compared (nobody else can have seen these updates), but each action's
//! version counts them.
//!
//! Plain updates (no evidence, correcting nothing) go in as multi-row `INSERT`s, so a
//! hundred thousand cost a few hundred statements; the others one by one, in their place.

use std::collections::HashMap;

use domain::Update;
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::changelog::chain::ChangeBatch;
use crate::codec::{self, at_text};
use crate::error::{Result, StoreError};
use crate::sql::{Value, insert_rows};

use super::read;
use super::update::{self, Fields, NewUpdate, Target};
use super::write::{
    ActionKey, Stamp, Write, action_row, create_tracked, current_plan, set_latest, tracked,
};

/// An update of a history to load, and when it was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedUpdate {
    pub at: jiff::Timestamp,
    pub action: ActionKey,
    pub update: NewUpdate,
}

/// A plain update waiting for its multi-row insert.
struct Pending {
    tracked_id: i64,
    key: ActionKey,
    at: String,
    fields: Fields,
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
        let Some(first) = history.first() else {
            return Ok(0);
        };
        if history.windows(2).any(|w| w[1].at < w[0].at) {
            return Err(StoreError::invalid(
                "a history of updates must be in the order it was recorded",
            ));
        }
        let mut w = self
            .begin_partnership_write(slug, Stamp::new(actor, first.at))
            .await?;
        let n = load(&mut w, actor, history).await?;
        w.commit().await?;
        Ok(n)
    }
}

/// Record `history` (in the order of `at`) on the open write `w`, as
/// [`Store::record_update_history`] does, for a caller that writes more in the same
/// transaction. Returns how many updates were recorded.
pub(crate) async fn load(w: &mut Write, actor: &str, history: Vec<DatedUpdate>) -> Result<usize> {
    let Some(last) = history.last() else {
        return Ok(0);
    };
    let last_at = at_text(last.at);
    // Per action: its tracked id and how many updates it gets.
    let mut touched: HashMap<ActionKey, (i64, i64)> = HashMap::new();
    let mut pending = Vec::new();
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
        if evidence.is_empty() && fields.corrects.is_none() {
            pending.push(Pending {
                tracked_id,
                key: item.action,
                at,
                fields,
            });
            continue;
        }
        // Its id and change-log entry come after those of the updates before it.
        insert_plain(&mut w.tx, &mut w.log, w.pid, std::mem::take(&mut pending)).await?;
        let target = Target {
            pid: w.pid,
            tracked_id,
            key: &item.action,
            at: &at,
        };
        update::insert(&mut w.tx, &mut w.log, &target, &fields, evidence).await?;
    }
    insert_plain(&mut w.tx, &mut w.log, w.pid, pending).await?;
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
    Ok(n)
}

const UPDATE_COLUMNS: [&str; 8] = [
    "partnership_id",
    "tracked_action_id",
    "rag",
    "percent",
    "narrative",
    "as_of",
    "author",
    "recorded_at",
];

/// Insert `pending` in as few statements as the parameter limit allows, and note each one's
/// change-log entry in the order given.
async fn insert_plain(
    conn: &mut AnyConnection,
    log: &mut ChangeBatch,
    pid: i64,
    pending: Vec<Pending>,
) -> Result<()> {
    if pending.is_empty() {
        return Ok(());
    }
    let author = log.actor().to_string();
    let rows = pending
        .iter()
        .map(|p| {
            vec![
                Value::from(pid),
                Value::from(p.tracked_id),
                Value::from(p.fields.rag.as_str()),
                Value::int(p.fields.percent.map(|v| i64::from(v.get()))),
                Value::from(p.fields.narrative.as_str()),
                Value::from(codec::date_text(p.fields.as_of)),
                Value::from(author.as_str()),
                Value::from(p.at.as_str()),
            ]
        })
        .collect();
    let returned = insert_rows(
        conn,
        "progress_updates",
        &UPDATE_COLUMNS,
        rows,
        Some("id, tracked_action_id, recorded_at"),
    )
    .await?;
    // Both databases number the rows of one INSERT in the order of its VALUES, and later
    // statements after earlier ones; the check below refuses the load if that ever fails.
    let mut ids = returned
        .iter()
        .map(|r| {
            Ok((
                r.try_get::<i64, _>("id")?,
                r.try_get::<i64, _>("tracked_action_id")?,
                r.try_get::<String, _>("recorded_at")?,
            ))
        })
        .collect::<Result<Vec<_>>>()?;
    ids.sort_unstable_by_key(|(id, _, _)| *id);
    if ids.len() != pending.len() {
        return Err(StoreError::invalid(
            "the database did not return every update loaded; nothing was written",
        ));
    }
    for ((id, tracked, at), p) in ids.into_iter().zip(pending) {
        if tracked != p.tracked_id || at != p.at {
            return Err(StoreError::invalid(
                "the database numbered the loaded updates out of order; nothing was written",
            ));
        }
        let recorded = Update {
            id,
            action: p.key.action.clone(),
            rag: p.fields.rag,
            percent: p.fields.percent,
            narrative: p.fields.narrative,
            as_of: p.fields.as_of,
            author: author.clone(),
            recorded_at: read::parse_at(&p.at)?,
            evidence: Vec::new(),
            corrects: None,
        };
        log.created_at(&p.at, "update", p.key.log_key(), &recorded)?;
    }
    Ok(())
}
