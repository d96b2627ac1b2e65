//! Closing a plan's period and carrying its unfinished actions into the next plan: every
//! action not signed off as complete moves, with its objective, into a new plan of the title
//! and period given, keeping its number, text, timescale and leads, and a link to the action
//! it came from (so its history follows it). The old plan gets a last, closed version. All in
//! one transaction. Each carried action takes the new timescale given for it, or is marked
//! "to be re-timed" (`retime`).

mod retime;

pub use retime::{GivenTimescale, Retimed, Retiming};

use std::collections::HashSet;

use domain::{Completion, Partnership, Period, Plan, PlanStatus};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::error::{Result, StoreError};
use crate::plan::write::{NewVersion, Source};
use crate::plan::{self, partnership_read, revision};
use crate::scope;
use crate::{Store, validate};

use super::as_at;
use super::write::{ActionKey, Stamp, create_tracked, tracked};

/// What to carry forward, and where to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarryForward {
    /// The title of the plan to close.
    pub from: String,
    /// The title of the new plan.
    pub title: String,
    pub period: Period,
}

/// What a carry-forward did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CarriedForward {
    pub from: String,
    pub to: String,
    /// The ids of the actions carried, in plan order.
    pub carried: Vec<String>,
    /// The ids of the actions left behind because they were signed off.
    pub complete: Vec<String>,
    /// The carried actions given a new timescale, in plan order.
    pub retimed: Vec<Retimed>,
    /// The carried actions given none: each is "to be re-timed" until someone re-times it.
    pub to_be_retimed: Vec<String>,
}

/// The change log's entry for a carried action: where it came from and the timescale it
/// took.
#[derive(Serialize)]
struct CarriedEntry<'a> {
    #[serde(flatten)]
    from: &'a ActionKey,
    timescale: Option<&'a domain::Timescale>,
}

impl Store {
    /// Close the plan `c.from` and carry its actions not signed off (as at the day of `stamp`)
    /// into a new plan `c.title` over `c.period`, each marked "to be re-timed".
    pub async fn carry_forward(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        c: &CarryForward,
    ) -> Result<CarriedForward> {
        self.carry_forward_retimed(slug, stamp, c, &Retiming::default())
            .await
    }

    /// [`Store::carry_forward`], the carried actions taking the timescales `retime` gives
    /// (those it gives none marked "to be re-timed"). A timescale for an objective or action
    /// that is not carried is refused, and nothing is written.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn carry_forward_retimed(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        c: &CarryForward,
        retime: &Retiming,
    ) -> Result<CarriedForward> {
        let title = c.title.trim();
        if title.is_empty() {
            return Err(StoreError::invalid("the new plan needs a title"));
        }
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let stored = partnership_read::current_plans(&mut w.tx, w.pid).await?;
        let Some(old) = stored.iter().find(|s| s.plan.title == c.from) else {
            return Err(StoreError::not_found(format!("the plan \"{}\"", c.from)));
        };
        if old.plan.status == PlanStatus::Closed {
            return Err(StoreError::invalid(format!(
                "the plan \"{}\" is already closed",
                c.from
            )));
        }
        if c.period.end <= old.plan.period.end {
            return Err(StoreError::invalid(format!(
                "the new plan's period must end after the old one's ({}), so that it is the next",
                old.plan.period.end
            )));
        }
        let taken =
            sqlx::query("SELECT 1 AS one FROM plans WHERE partnership_id = $1 AND title = $2")
                .bind(w.pid)
                .bind(title)
                .fetch_optional(&mut *w.tx)
                .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict {
                what: format!("there is already a plan titled \"{title}\"; choose another title"),
            });
        }
        let today = stamp.at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
        let view = as_at::view(&mut w.tx, &self.plans, slug, Some(&c.from), today.into()).await?;
        let complete: HashSet<&str> = view
            .actions
            .iter()
            .filter(|s| s.completion == Completion::SignedOff)
            .map(|s| s.action.as_str())
            .collect();
        let mut next = carried_plan(&view.plan, title, c.period, &complete);
        let retimed = retime::apply(&view.plan, &mut next, retime)?;
        let p = partnership_read::load(&mut w.tx, slug)
            .await?
            .ok_or_else(|| StoreError::not_found(format!("the partnership \"{slug}\"")))?;
        validate::check(&Partnership {
            plans: vec![next.clone()],
            ..p
        })?;
        let roles = revision::role_ids(&mut w.tx, w.pid).await?;

        // The old plan's last version: as it stands now, closed.
        let mut closed = view.plan.clone();
        closed.status = PlanStatus::Closed;
        plan::write::supersede(&mut w.tx, old, &w.at, &mut w.log).await?;
        let old_source = Source {
            name: old.source_name.clone(),
            sha256: old.source_sha256.clone(),
        };
        let at = w.at.clone();
        let v = NewVersion {
            plan: &closed,
            version: old.version + 1,
            position: old.position,
            source: &old_source,
            at: &at,
        };
        plan::write::insert_version(&mut w.tx, w.pid, &v, &roles, &mut w.log).await?;

        let position = stored.iter().map(|s| s.position + 1).max().unwrap_or(0);
        let json = serde_json::to_vec(&next)?;
        let source = Source {
            name: format!("carried forward from \"{}\"", c.from),
            sha256: hex::encode(Sha256::digest(&json)),
        };
        let v = NewVersion {
            plan: &next,
            version: 1,
            position,
            source: &source,
            at: &at,
        };
        plan::write::insert_version(&mut w.tx, w.pid, &v, &roles, &mut w.log).await?;

        let mut carried = Vec::new();
        for (o, a) in next.actions() {
            let from = ActionKey::new(c.from.as_str(), a.id.as_str());
            let origin = match tracked(&mut w.tx, w.pid, &from).await? {
                Some(t) => t.id,
                None => create_tracked(&mut w.tx, w.pid, &from, &at, None).await?,
            };
            let to = ActionKey::new(title, a.id.as_str());
            create_tracked(&mut w.tx, w.pid, &to, &at, Some(origin)).await?;
            let entry = CarriedEntry {
                from: &from,
                timescale: o.timescale_for(a),
            };
            w.log.created("carry_forward", to.log_key(), &entry)?;
            carried.push(a.id.clone());
        }
        w.commit().await?;
        tracing::info!(
            carried = carried.len(),
            to_be_retimed = retimed.to_be_retimed.len(),
            "plan carried forward"
        );
        let mut complete: Vec<String> = complete.into_iter().map(String::from).collect();
        complete.sort_by_key(|id| view.plan.actions().position(|(_, a)| a.id == *id));
        Ok(CarriedForward {
            from: c.from.clone(),
            to: title.to_string(),
            carried,
            complete,
            retimed: retimed.retimed,
            to_be_retimed: retimed.to_be_retimed,
        })
    }
}

/// The new plan: the objectives with unfinished actions, and those actions, their links to
/// actions left behind dropped (the phrases as written stay in their text).
fn carried_plan(old: &Plan, title: &str, period: Period, complete: &HashSet<&str>) -> Plan {
    let kept: HashSet<&str> = old
        .actions()
        .map(|(_, a)| a.id.as_str())
        .filter(|id| !complete.contains(id))
        .collect();
    let objectives = old
        .objectives
        .iter()
        .filter_map(|o| {
            let actions: Vec<_> = o
                .actions
                .iter()
                .filter(|a| kept.contains(a.id.as_str()))
                .map(|a| {
                    let mut a = a.clone();
                    a.references.retain(|r| kept.contains(r.as_str()));
                    a.duplicate_of = a.duplicate_of.filter(|d| kept.contains(d.as_str()));
                    a
                })
                .collect();
            (!actions.is_empty()).then(|| domain::Objective {
                actions,
                ..o.clone()
            })
        })
        .collect();
    Plan {
        title: title.to_string(),
        period,
        status: PlanStatus::Active,
        objectives,
    }
}

/// Where each action of the plan `plan` was carried forward from, by action id.
pub(crate) async fn origins(
    conn: &mut sqlx::AnyConnection,
    pid: i64,
    plan: &str,
) -> Result<Vec<(String, ActionKey)>> {
    let rows = sqlx::query(
        "SELECT t.uid AS uid, o.plan_title AS from_plan, o.uid AS from_uid
         FROM tracked_actions t JOIN tracked_actions o ON o.id = t.origin_id
         WHERE t.partnership_id = $1 AND t.plan_title = $2",
    )
    .bind(pid)
    .bind(plan)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("uid")?,
                ActionKey::new(
                    r.try_get::<String, _>("from_plan")?,
                    r.try_get::<String, _>("from_uid")?,
                ),
            ))
        })
        .collect()
}

impl Store {
    /// Where each action of the plan titled `plan` was carried forward from: (action id, the
    /// action it came from), for actions that were carried.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn origins(&self, slug: &str, plan: &str) -> Result<Vec<(String, ActionKey)>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let out = origins(&mut tx, pid, plan).await?;
        tx.commit().await?;
        Ok(out)
    }
}
