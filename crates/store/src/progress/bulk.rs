//! Loading a history of progress in one transaction: many updates, each recorded at its own
//! past time, in order. For a board moving its tracker spreadsheet into Boardplan, for the
//! demo's generated plans and for the benchmarks. Each update is checked as
//! [`Store::record_update`] checks it and gets its own change-log entry at its own time;
//! versions are not compared (nobody else can have seen these updates), but each action's
//! version counts them.
//!
//! Plain updates (no evidence, correcting nothing) go in as multi-row `INSERT`s, so a
//! hundred thousand cost a few hundred statements; the others one by one, in their place.

use std::collections::{HashMap, HashSet};

use domain::Update;
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::changelog::chain::ChangeBatch;
use crate::codec::{self, at_text};
use crate::dialect;
use crate::error::{Result, StoreError};
use crate::sql::{Value, insert_rows};

use super::evidence;
use super::read::{self, Latest};
use super::update::{self, Fields, NewUpdate, Target};
use super::write::{ActionKey, CurrentPlan, Stamp, Write, current_plan};

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
///
/// A few statements per plan and per few thousand updates, never several per action: the
/// plans, their actions and tracked rows are read once per plan, new tracked rows go in as
/// one multi-row insert, and every action's version and latest rating are set by one
/// `UPDATE … FROM (VALUES …)` at the end. (A plan of 2,000 actions imported with its first
/// updates took 14,000 statements before.)
pub(crate) async fn load(w: &mut Write, actor: &str, history: Vec<DatedUpdate>) -> Result<usize> {
    let Some(last) = history.last() else {
        return Ok(0);
    };
    let last_at = at_text(last.at);
    let n = history.len();
    // First every update is checked and its action found, writing nothing; an error stops
    // there, after the updates before it are written below (so that the error a caller sees
    // is the first in the history's order, as when each was written in turn).
    let mut found = Found {
        all_plain: true,
        ..Found::default()
    };
    let mut checked = Vec::with_capacity(n);
    let mut failed = None;
    for item in history {
        match check(w, &mut found, item).await {
            Ok(c) => checked.push(c),
            Err(e) => {
                failed = Some(e);
                break;
            }
        }
    }
    let ids = found.create(&mut w.tx, w.pid).await?;
    // Per action: its tracked id, how many updates it gets, and the latest of them when that
    // is known without asking (an action tracked from this load, every update plain).
    let mut touched: HashMap<i64, Touched> = HashMap::new();
    let mut order = Vec::new();
    let mut pending = Vec::new();
    for (key, slot, at, fields, evidence) in checked {
        let (tracked_id, fresh) = match slot {
            Slot::Stored(id) => (id, false),
            Slot::New(i) => (ids[i], true),
        };
        let t = touched.entry(tracked_id).or_insert_with(|| {
            order.push(tracked_id);
            Touched {
                added: 0,
                fresh,
                latest: None,
            }
        });
        t.added += 1;
        if evidence.is_empty() && fields.corrects.is_none() {
            pending.push(Pending {
                tracked_id,
                key,
                at,
                fields,
            });
            continue;
        }
        found.all_plain = false;
        // Its id and change-log entry come after those of the updates before it.
        insert_plain(
            &mut w.tx,
            &mut w.log,
            w.pid,
            std::mem::take(&mut pending),
            &mut touched,
        )
        .await?;
        let target = Target {
            pid: w.pid,
            tracked_id,
            key: &key,
            at: &at,
        };
        update::insert(&mut w.tx, &mut w.log, &target, &fields, evidence).await?;
    }
    insert_plain(&mut w.tx, &mut w.log, w.pid, pending, &mut touched).await?;
    if let Some(e) = failed {
        return Err(e);
    }
    let mut settled = Vec::with_capacity(order.len());
    for id in order {
        let t = &touched[&id];
        // Plain updates correct nothing, so the action's latest is the later of the one it
        // had (kept on its tracked row) and the latest of this load.
        let had = if t.fresh { None } else { found.latest.get(&id) };
        let latest = match (&t.latest, found.all_plain, t.fresh, had) {
            (Some(new), true, true, _) => Some(new.id),
            (Some(new), true, false, Some(old)) => Some(new.max(old).id),
            _ => read::latest_of(&mut w.tx, w.pid, id).await?,
        };
        match latest {
            Some(latest) => settled.push((id, t.added, latest)),
            // Not reached (an action given updates has a latest one), kept for safety.
            None => {
                sqlx::query(
                    "UPDATE tracked_actions
                         SET row_version = row_version + $1, last_change = $2, changed_by = $3,
                             changed_at = $4
                     WHERE id = $5",
                )
                .bind(t.added)
                .bind(format!("a history of {} updates loaded", t.added))
                .bind(actor)
                .bind(last_at.as_str())
                .bind(id)
                .execute(&mut *w.tx)
                .await?;
            }
        }
    }
    settle(&mut w.tx, actor, &last_at, settled).await?;
    Ok(n)
}

/// An update of the load checked, with the tracked action it goes to and its time.
type Checked = (ActionKey, Slot, String, Fields, Vec<evidence::Checked>);

async fn check(w: &mut Write, found: &mut Found, item: DatedUpdate) -> Result<Checked> {
    let (fields, evidence) = update::checked(item.update, item.at)?;
    // Never before the time the load settled on (see `changelog::order::settle`).
    let at = at_text(item.at).max(w.at.clone());
    let slot = found.slot(&mut w.tx, w.pid, &item.action, &at).await?;
    Ok((item.action, slot, at, fields, evidence))
}

/// An action's part in a load.
struct Touched {
    added: i64,
    /// Its tracked row was made by this load: it had no updates before.
    fresh: bool,
    /// The latest of its plain updates so far, by (as of, recorded at, id).
    latest: Option<Latest>,
}

/// Where an update's tracked action is: a stored row, or the `i`th made by this load.
#[derive(Clone, Copy)]
enum Slot {
    Stored(i64),
    New(usize),
}

/// The plans, actions and tracked rows a load names, each plan's read once.
#[derive(Default)]
struct Found {
    plans: HashMap<String, PlanRows>,
    /// Tracked rows to make: the action, and when (its first update's time).
    new: Vec<(ActionKey, String)>,
    /// No update of the load has evidence or corrects another.
    all_plain: bool,
    /// The latest update of each stored tracked action that has one, as its row keeps it.
    latest: HashMap<i64, Latest>,
}

struct PlanRows {
    plan: CurrentPlan,
    uids: HashSet<String>,
    tracked: HashMap<String, Slot>,
}

impl Found {
    /// The tracked action of `key`, refusing an action the current plan does not have.
    async fn slot(
        &mut self,
        conn: &mut AnyConnection,
        pid: i64,
        key: &ActionKey,
        at: &str,
    ) -> Result<Slot> {
        if !self.plans.contains_key(&key.plan) {
            let rows = PlanRows::read(conn, pid, &key.plan, &mut self.latest).await?;
            self.plans.insert(key.plan.clone(), rows);
        }
        let rows = self.plans.get_mut(&key.plan).expect("read above");
        if !rows.uids.contains(&key.action) {
            return Err(StoreError::not_found(format!(
                "the action {} in the plan \"{}\"",
                key.action, rows.plan.title
            )));
        }
        if let Some(slot) = rows.tracked.get(&key.action) {
            return Ok(*slot);
        }
        let slot = Slot::New(self.new.len());
        self.new.push((key.clone(), at.to_string()));
        rows.tracked.insert(key.action.clone(), slot);
        Ok(slot)
    }

    /// Make the new tracked rows, returning their ids in the order they were named.
    async fn create(&self, conn: &mut AnyConnection, pid: i64) -> Result<Vec<i64>> {
        let rows = self
            .new
            .iter()
            .map(|(key, at)| {
                vec![
                    Value::from(pid),
                    Value::from(key.plan.as_str()),
                    Value::from(key.action.as_str()),
                    Value::from(0),
                    Value::from("imported"),
                    Value::from(""),
                    Value::from(at.as_str()),
                    Value::int(None),
                    Value::from(at.as_str()),
                ]
            })
            .collect();
        let returned = insert_rows(
            conn,
            "tracked_actions",
            &TRACKED_COLUMNS,
            rows,
            Some("id, plan_title, uid"),
        )
        .await?;
        let mut ids: HashMap<(String, String), i64> = HashMap::with_capacity(returned.len());
        for r in returned {
            ids.insert(
                (r.try_get("plan_title")?, r.try_get("uid")?),
                r.try_get("id")?,
            );
        }
        self.new
            .iter()
            .map(|(key, _)| {
                ids.get(&(key.plan.clone(), key.action.clone()))
                    .copied()
                    .ok_or_else(|| {
                        StoreError::invalid(
                            "the database did not return every action tracked; nothing was written",
                        )
                    })
            })
            .collect()
    }
}

impl PlanRows {
    /// The plan titled `title`, noting each of its tracked actions' latest update in `latest`.
    async fn read(
        conn: &mut AnyConnection,
        pid: i64,
        title: &str,
        latest: &mut HashMap<i64, Latest>,
    ) -> Result<Self> {
        let plan = current_plan(conn, pid, title).await?;
        let uids = sqlx::query("SELECT uid FROM actions WHERE plan_id = $1")
            .bind(plan.id)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.try_get("uid"))
            .collect::<std::result::Result<_, _>>()?;
        let rows = sqlx::query(
            "SELECT id, uid, latest_update_id, latest_as_of, latest_recorded_at
             FROM tracked_actions WHERE partnership_id = $1 AND plan_title = $2",
        )
        .bind(pid)
        .bind(title)
        .fetch_all(&mut *conn)
        .await?;
        let mut tracked = HashMap::with_capacity(rows.len());
        for r in &rows {
            let id: i64 = r.try_get("id")?;
            tracked.insert(r.try_get("uid")?, Slot::Stored(id));
            let kept = (
                r.try_get::<Option<i64>, _>("latest_update_id")?,
                r.try_get::<Option<String>, _>("latest_as_of")?,
                r.try_get::<Option<String>, _>("latest_recorded_at")?,
            );
            if let (Some(update), Some(as_of), Some(at)) = kept {
                latest.insert(
                    id,
                    Latest {
                        as_of,
                        at,
                        id: update,
                    },
                );
            }
        }
        Ok(Self {
            plan,
            uids,
            tracked,
        })
    }
}

const TRACKED_COLUMNS: [&str; 9] = [
    "partnership_id",
    "plan_title",
    "uid",
    "row_version",
    "last_change",
    "changed_by",
    "changed_at",
    "origin_id",
    "created_at",
];

/// Each loaded action's version, last change and latest update (tracked id, updates added,
/// latest update id), a few thousand actions a statement.
async fn settle(
    conn: &mut AnyConnection,
    actor: &str,
    last_at: &str,
    settled: Vec<(i64, i64, i64)>,
) -> Result<()> {
    let backend = dialect::backend_of(conn)?;
    for chunk in settled.chunks(MAX_ROWS) {
        let sql = settle_sql(backend, chunk.len());
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(false);
        for (id, added, latest) in chunk {
            q = q
                .bind(*id)
                .bind(*added)
                .bind(format!("a history of {added} updates loaded"))
                .bind(actor)
                .bind(last_at)
                .bind(*latest);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The statement settling `rows` actions: per row the tracked id, the updates added, the
/// last change's text, the actor, the time and the latest update's id (`column1`…`column6`,
/// as both databases name a `VALUES` list's columns).
fn settle_sql(backend: dialect::Backend, rows: usize) -> String {
    const WIDTH: usize = 6;
    let mut sql = String::from(
        "UPDATE tracked_actions
             SET row_version = row_version + v.column2, last_change = v.column3,
                 changed_by = v.column4, changed_at = v.column5,
                 latest_update_id = u.id, latest_rag = u.rag, latest_percent = u.percent,
                 latest_as_of = u.as_of, latest_recorded_at = u.recorded_at
         FROM (VALUES ",
    );
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..WIDTH {
            if c > 0 {
                sql.push_str(", ");
            }
            dialect::push_placeholder(backend, &mut sql, r * WIDTH + c + 1);
        }
        sql.push(')');
    }
    sql.push_str(
        ") AS v JOIN progress_updates u ON u.id = v.column6
         WHERE tracked_actions.id = v.column1",
    );
    sql
}

/// Actions settled per statement: well under the databases' limits on parameters.
const MAX_ROWS: usize = 1_500;

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
    touched: &mut HashMap<i64, Touched>,
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
        if let Some(t) = touched.get_mut(&p.tracked_id) {
            let latest = Latest {
                as_of: codec::date_text(p.fields.as_of),
                at: p.at.clone(),
                id,
            };
            if t.latest.as_ref().is_none_or(|l| *l < latest) {
                t.latest = Some(latest);
            }
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

#[cfg(test)]
mod tests {
    use super::settle_sql;
    use crate::dialect::Backend;
    use crate::query_plan::{Bind, plan};

    /// A load reads each plan's actions and tracked rows by seeks, and settles each action
    /// by its id.
    #[tokio::test]
    async fn a_load_reads_and_settles_by_seeks() {
        let p = plan(
            "SELECT uid FROM actions WHERE plan_id = $1",
            &[Bind::Int(1)],
        )
        .await;
        p.assert_no_full_read("a plan's actions", &[("actions", "actions")]);
        let p = plan(
            "SELECT id, uid, latest_update_id, latest_as_of, latest_recorded_at
             FROM tracked_actions WHERE partnership_id = $1 AND plan_title = $2",
            &[Bind::Int(1), Bind::Text("Plan")],
        )
        .await;
        p.assert_no_full_read(
            "a plan's tracked actions",
            &[("tracked_actions", "tracked_actions")],
        );
        // Numbered placeholders, which both databases take.
        let p = plan(
            &settle_sql(Backend::Postgres, 1),
            &[
                Bind::Int(1),
                Bind::Int(1),
                Bind::Text("a history of 1 updates loaded"),
                Bind::Text("Migration"),
                Bind::Text("2026-01-01T00:00:00Z"),
                Bind::Int(1),
            ],
        )
        .await;
        p.assert_no_full_read(
            "settling a load",
            &[
                ("tracked_actions", "tracked_actions"),
                ("u", "progress_updates"),
            ],
        );
    }
}
