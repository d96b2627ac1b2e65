//! Reading one action's progress without reading the plan's: its latest update, and its
//! status as at a date. What a request about one action, or a cache refreshing the actions a
//! write touched, costs should grow neither with the plan nor with the action's history:
//! every query here seeks by the action's tracked row, and its status is read from the
//! update that rates it, not from all its updates (tests read their query plans).

use std::collections::HashMap;

use domain::{
    ActionStatus, Meeting, Moment, Objective, Plan, Recurrence, StatusRules, Update, assess,
};
use sqlx::{AnyConnection, Row};

use crate::error::{Result, StoreError};
use crate::plan::partnership_read;
use crate::{Store, codec, scope};

use super::as_at::{choose_plan, end_of_day, recorded_by};
use super::read::{self, COLUMNS, evidence_of, update};
use super::write::{ActionKey, tracked};
use super::{settings, signoff};

/// One update, with its evidence.
pub(crate) const ONE_UPDATE: &str = "SELECT {COLUMNS} FROM progress_updates u
     JOIN tracked_actions t ON t.id = u.tracked_action_id
     WHERE u.partnership_id = $1 AND u.id = $2";
pub(crate) const ONE_UPDATES_EVIDENCE: &str =
    "SELECT e.update_id AS update_id, e.kind AS kind, e.sha256 AS sha256, e.name AS name,
            e.url AS url, e.title AS title, b.media_type AS media_type, b.size AS size
     FROM update_evidence e
     LEFT JOIN blobs b ON b.partnership_id = e.partnership_id AND b.sha256 = e.sha256
     WHERE e.partnership_id = $1 AND e.update_id = $2 ORDER BY e.position";

pub(crate) fn sql(template: &str) -> String {
    template.replace("{COLUMNS}", COLUMNS)
}

/// Update `id` of partnership `pid`, with its evidence.
pub(crate) async fn one(conn: &mut AnyConnection, pid: i64, id: i64) -> Result<Option<Update>> {
    let Some(row) = sqlx::query(sqlx::AssertSqlSafe(sql(ONE_UPDATE)))
        .bind(pid)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(None);
    };
    let mut u = update(&row)?;
    let evidence = sqlx::query(ONE_UPDATES_EVIDENCE)
        .bind(pid)
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    u.evidence = evidence.iter().map(evidence_of).collect::<Result<_>>()?;
    Ok(Some(u))
}

/// The statuses of some actions of a partnership's plan as at a date, and which plan.
#[derive(Debug, Clone, PartialEq)]
pub struct SomeStatuses {
    /// The title of the plan assessed: the one [`Store::status_view`] assesses.
    pub plan: String,
    /// The actions asked for that the plan has, in plan order. Each is assessed alone, so
    /// `at_risk` (which depends on the actions linked to it) is left false: see
    /// `domain::mark_at_risk`.
    pub actions: Vec<ActionStatus>,
}

/// What a view read at a moment already holds, and which only a change other than progress
/// can move: the plan assessed, the meetings recorded by then, and the status rules. A
/// cached view re-assessing a few actions after progress on them passes these rather than
/// read them again.
#[derive(Debug, Clone, Copy)]
pub struct Known<'a> {
    pub plan: &'a Plan,
    pub meetings: &'a [Meeting],
    pub rules: StatusRules,
    /// Where each action of `plan` sits (its objective's position, then its own), when the
    /// caller keeps such an index: the actions asked about are then found by it, not by
    /// walking a plan of thousands of actions for each refresh.
    pub places: Option<&'a HashMap<String, (usize, usize)>>,
}

impl Store {
    /// The status at `at` (a day, read as of it, or a [`Moment`]) of the actions `uids` of
    /// the plan that [`Store::status_view`] would assess, reading only their own progress.
    #[tracing::instrument(skip_all, fields(partnership = slug, actions = uids.len()))]
    pub async fn action_statuses(
        &self,
        slug: &str,
        uids: &[String],
        at: impl Into<Moment>,
    ) -> Result<SomeStatuses> {
        let moment = at.into();
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let at = recorded_by(moment);
        let (plan_id, _) = choose_plan(&mut tx, pid, moment, None).await?;
        let plan = self.plans.plan(&mut tx, pid, plan_id, &at).await?;
        let settings = settings::settings(&mut tx, pid).await?;
        let names = partnership_read::subgroups(&mut tx, pid)
            .await?
            .into_iter()
            .map(|(id, s)| (id, s.name))
            .collect();
        let meetings = partnership_read::meetings(&mut tx, pid, &names, &at).await?;
        let known = Known {
            plan: &plan,
            meetings: &meetings,
            rules: settings.rules,
            places: None,
        };
        let actions = assess_some(&mut tx, pid, known, uids, moment).await?;
        tx.commit().await?;
        Ok(SomeStatuses {
            plan: plan.title.clone(),
            actions,
        })
    }
}

/// The actions `uids` of `known.plan` assessed at `moment` from their own progress: the
/// update rating each then, the complete ones a recurring action's occurrences need, and
/// their sign-offs, as [`super::as_at::view`] reads them for the whole plan.
async fn assess_some(
    conn: &mut AnyConnection,
    pid: i64,
    known: Known<'_>,
    uids: &[String],
    moment: Moment,
) -> Result<Vec<ActionStatus>> {
    let plan = known.plan;
    let some = only(plan, &places_of(plan, known.places, uids));
    let day = codec::date_text(moment.day);
    let at = recorded_by(moment);
    let day_end = end_of_day(moment.day);
    let (mut updates, mut signoffs) = (Vec::new(), Vec::new());
    // One action at a time, each found by its whole key: a refresh asks about one or two.
    for (o, a) in some.actions() {
        let uid = a.id.as_str();
        let latest = read::latest_as_at_of(conn, pid, &plan.title, uid, &day, &at).await?;
        if o.timescale_for(a).is_some_and(recurs) {
            let blue = read::blue_as_at(conn, pid, &plan.title, &[uid], &day, &at).await?;
            updates.extend(
                blue.into_iter()
                    .filter(|b| latest.iter().all(|l| l.id != b.id)),
            );
        }
        updates.extend(latest);
        signoffs.extend(signoff::read_of(conn, pid, &plan.title, uid, &day_end).await?);
    }
    let mut actions = assess(
        &some,
        &updates,
        &signoffs,
        known.meetings,
        moment,
        known.rules,
    );
    for s in &mut actions {
        s.at_risk = false;
    }
    Ok(actions)
}

/// The places in `plan` of the actions `uids` (each once, in plan order), by `places` when
/// given.
fn places_of(
    plan: &Plan,
    places: Option<&HashMap<String, (usize, usize)>>,
    uids: &[String],
) -> Vec<(usize, usize)> {
    let mut found: Vec<(usize, usize)> = match places {
        Some(places) => uids.iter().filter_map(|u| places.get(u).copied()).collect(),
        None => plan
            .objectives
            .iter()
            .enumerate()
            .flat_map(|(i, o)| o.actions.iter().enumerate().map(move |(j, a)| (i, j, a)))
            .filter(|(_, _, a)| uids.contains(&a.id))
            .map(|(i, j, _)| (i, j))
            .collect(),
    };
    found.sort_unstable();
    found.dedup();
    found
}

/// `plan` with only the actions at `places` (in plan order), under their objectives.
fn only(plan: &Plan, places: &[(usize, usize)]) -> Plan {
    let mut objectives: Vec<Objective> = Vec::new();
    let mut last = None;
    for &(i, j) in places {
        let Some(o) = plan.objectives.get(i) else {
            continue;
        };
        let Some(a) = o.actions.get(j) else {
            continue;
        };
        if last != Some(i) {
            objectives.push(Objective {
                number: o.number.clone(),
                title: o.title.clone(),
                sources: o.sources.clone(),
                timescale: o.timescale.clone(),
                leads: o.leads.clone(),
                actions: Vec::new(),
            });
            last = Some(i);
        }
        if let Some(to) = objectives.last_mut() {
            to.actions.push(a.clone());
        }
    }
    Plan {
        title: plan.title.clone(),
        period: plan.period,
        status: plan.status,
        objectives,
    }
}

/// Whether an action due on `t` falls due again and again (its occurrences are met by
/// complete updates).
pub(crate) fn recurs(t: &domain::Timescale) -> bool {
    matches!(
        t.recurrence,
        Some(Recurrence::Yearly | Recurrence::Quarterly | Recurrence::Monthly)
    )
}

/// The change-log entries after `$2` of the partnership `$1`, at most `$3`.
pub(crate) const CHANGES_AFTER: &str = "SELECT c.id AS id, c.entity AS entity,
            c.entity_key AS entity_key
     FROM change_log c WHERE c.partnership_id = $1 AND c.id > $2 ORDER BY c.id LIMIT $3";

/// The kinds of change-log entry that change no more than the status of the action they name
/// (an evidence file comes with the update that cites it).
const PROGRESS_ONLY: [&str; 2] = ["update", "signoff"];
const NAMES_NO_ACTION: [&str; 1] = ["evidence_file"];

/// What was recorded since a cached view was read, when that is only progress on a few of
/// its actions.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// The actions of the view's plan written to, assessed again (at-risk left false, as
    /// in [`SomeStatuses`]).
    pub statuses: Vec<ActionStatus>,
    /// Their versions now, which their ETags stand on.
    pub versions: Vec<(String, i64)>,
    /// The newest change-log entry read (the view's own when there was none): the view
    /// brought up to date holds everything recorded up to it, so it may be kept as read at
    /// it without reading the log's head again.
    pub head: i64,
}

impl Store {
    /// What a view read at change-log entry `after` (holding `known`, at `moment`) needs to
    /// be brought up to date, if all that was recorded since is progress (updates,
    /// sign-offs) on its actions, at most `limit` entries; `None` otherwise, when the view
    /// must be read afresh. One transaction on one connection: a seek to `after` on the
    /// log's (partnership, id) index, then per action written to a seek for each of its
    /// rating, sign-offs and version.
    #[tracing::instrument(skip_all, fields(partnership = slug, after))]
    pub async fn progress_since(
        &self,
        slug: &str,
        after: i64,
        limit: i64,
        known: Known<'_>,
        moment: Moment,
    ) -> Result<Option<Progress>> {
        self.read_in(async |conn| {
            let pid = scope::require_partnership(&mut *conn, slug).await?;
            let Some((keys, head)) = changed_after(&mut *conn, pid, after, limit).await? else {
                return Ok(None);
            };
            let uids: Vec<String> = keys
                .into_iter()
                .filter(|k| k.plan == known.plan.title)
                .map(|k| k.action)
                .collect();
            let statuses = assess_some(&mut *conn, pid, known, &uids, moment).await?;
            let mut versions = Vec::with_capacity(statuses.len());
            for s in &statuses {
                let key = ActionKey::new(known.plan.title.clone(), s.action.clone());
                let version = tracked(&mut *conn, pid, &key)
                    .await?
                    .map_or(0, |t| t.version);
                versions.push((s.action.clone(), version));
            }
            Ok(Some(Progress {
                statuses,
                versions,
                head,
            }))
        })
        .await
    }
}

/// The actions whose progress (updates, sign-offs) was recorded after change-log entry
/// `after`, and the newest entry read (`after` when there is none), if nothing else changed
/// and at most `limit` entries were written since; `None` otherwise.
async fn changed_after(
    conn: &mut AnyConnection,
    pid: i64,
    after: i64,
    limit: i64,
) -> Result<Option<(Vec<ActionKey>, i64)>> {
    let rows = sqlx::query(CHANGES_AFTER)
        .bind(pid)
        .bind(after)
        .bind(limit + 1)
        .fetch_all(&mut *conn)
        .await?;
    if i64::try_from(rows.len()).unwrap_or(i64::MAX) > limit {
        return Ok(None);
    }
    let mut keys: Vec<ActionKey> = Vec::new();
    let mut head = after;
    for r in &rows {
        head = head.max(r.try_get("id")?);
        let entity: String = r.try_get("entity")?;
        if NAMES_NO_ACTION.contains(&entity.as_str()) {
            continue;
        }
        let key: String = r.try_get("entity_key")?;
        // `Plan title / 4.2#2`: action ids hold no " / ", plan titles might.
        match (
            PROGRESS_ONLY.contains(&entity.as_str()),
            key.rsplit_once(" / "),
        ) {
            (true, Some((plan, uid))) => {
                let k = ActionKey::new(plan, uid);
                if !keys.contains(&k) {
                    keys.push(k);
                }
            }
            _ => return Ok(None),
        }
    }
    Ok(Some((keys, head)))
}

/// The latest update `id` of the action `key`, or an error if the action points at none.
pub(crate) async fn latest(
    conn: &mut AnyConnection,
    pid: i64,
    key: &ActionKey,
    id: i64,
) -> Result<Update> {
    one(conn, pid, id)
        .await?
        .ok_or_else(|| StoreError::invalid(format!("{} points at a missing update", key.action)))
}

#[cfg(test)]
mod tests;
