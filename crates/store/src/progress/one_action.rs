//! Reading one action's progress without reading the plan's: its latest update, and its
//! status as at a date. What a request about one action, or a cache refreshing the actions a
//! write touched, costs should not grow with the plan: every query here seeks by the
//! action's tracked row (tests read their query plans).

use domain::{ActionStatus, Moment, Objective, Plan, Update, assess};
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::error::{Result, StoreError};
use crate::plan::partnership_read;
use crate::scope;

use super::as_at::{choose_plan, end_of_day, recorded_by};
use super::read::{COLUMNS, RATING_COLUMNS, evidence_of, rating, update};
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
/// One tracked action's ratings recorded by `$3`: what its status is assessed from.
pub(crate) const RATINGS: &str = "SELECT {RATING_COLUMNS} FROM tracked_actions t
     JOIN progress_updates u ON u.partnership_id = t.partnership_id AND u.tracked_action_id = t.id
     WHERE t.partnership_id = $1 AND t.id = $2 AND u.recorded_at <= $3";

pub(crate) fn sql(template: &str) -> String {
    template
        .replace("{COLUMNS}", COLUMNS)
        .replace("{RATING_COLUMNS}", RATING_COLUMNS)
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

/// The ratings of tracked action `tracked` recorded by `at`.
async fn ratings(
    conn: &mut AnyConnection,
    pid: i64,
    tracked: i64,
    at: &str,
) -> Result<Vec<Update>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql(RATINGS)))
        .bind(pid)
        .bind(tracked)
        .bind(at)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(rating).collect()
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

impl Store {
    /// The status at `at` (a day, read as of it, or a [`Moment`]) of the actions `uids` of
    /// the plan that [`Store::status_view`] would assess, reading only their own updates and
    /// sign-offs.
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
        let day_end = end_of_day(moment.day);
        let at = recorded_by(moment);
        let (plan_id, _) = choose_plan(&mut tx, pid, moment, None).await?;
        let plan = self.plans.plan(&mut tx, pid, plan_id, &at).await?;
        let wanted = |a: &domain::Action| uids.contains(&a.id);
        let some = Plan {
            title: plan.title.clone(),
            period: plan.period,
            status: plan.status,
            objectives: plan
                .objectives
                .iter()
                .filter(|o| o.actions.iter().any(wanted))
                .map(|o| Objective {
                    number: o.number.clone(),
                    title: o.title.clone(),
                    sources: o.sources.clone(),
                    timescale: o.timescale.clone(),
                    leads: o.leads.clone(),
                    actions: o.actions.iter().filter(|a| wanted(a)).cloned().collect(),
                })
                .collect(),
        };
        let settings = settings::settings(&mut tx, pid).await?;
        let names = partnership_read::subgroups(&mut tx, pid)
            .await?
            .into_iter()
            .map(|(id, s)| (id, s.name))
            .collect();
        let meetings = partnership_read::meetings(&mut tx, pid, &names, &at).await?;
        let (mut updates, mut signoffs) = (Vec::new(), Vec::new());
        for (_, a) in some.actions() {
            let key = ActionKey::new(plan.title.clone(), a.id.clone());
            if let Some(t) = tracked(&mut tx, pid, &key).await? {
                updates.extend(ratings(&mut tx, pid, t.id, &at).await?);
                signoffs.extend(signoff::read(&mut tx, pid, None, Some(t.id), &day_end).await?);
            }
        }
        tx.commit().await?;
        let mut actions = assess(
            &some,
            &updates,
            &signoffs,
            &meetings,
            moment,
            settings.rules,
        );
        for s in &mut actions {
            s.at_risk = false;
        }
        Ok(SomeStatuses {
            plan: plan.title.clone(),
            actions,
        })
    }
}

/// The change-log entries after `$2` of the partnership `$1`, at most `$3`.
pub(crate) const CHANGES_AFTER: &str = "SELECT c.entity AS entity, c.entity_key AS entity_key
     FROM change_log c WHERE c.partnership_id = $1 AND c.id > $2 ORDER BY c.id LIMIT $3";

/// The kinds of change-log entry that change no more than the status of the action they name
/// (an evidence file comes with the update that cites it).
const PROGRESS_ONLY: [&str; 2] = ["update", "signoff"];
const NAMES_NO_ACTION: [&str; 1] = ["evidence_file"];

impl Store {
    /// The actions whose progress (updates, sign-offs) was recorded after change-log entry
    /// `after`, if nothing else changed and at most `limit` entries were written since; `None`
    /// otherwise, when a cached view must be read afresh. Cheap: a seek to `after` on the
    /// log's (partnership, id) index.
    #[tracing::instrument(skip_all, fields(partnership = slug, after))]
    pub async fn progress_after(
        &self,
        slug: &str,
        after: i64,
        limit: i64,
    ) -> Result<Option<Vec<ActionKey>>> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
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
        for r in &rows {
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
        Ok(Some(keys))
    }
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
