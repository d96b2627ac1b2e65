//! The plan and its progress as they stood at a past moment, exactly: the plan version
//! current then with the edits valid then, the updates, sign-offs, withdrawals and meetings
//! recorded by then — nothing later leaks in. And the status of every action as at a date,
//! which is `domain::status::assess` over those.
//!
//! A date means the end of that day (UTC), as `assess` reads it. When nothing was recorded
//! after that, the status reads each action's latest update by its maintained pointer (one
//! join); otherwise by one index seek per action (see `progress::read`).

use domain::{
    ActionStatus, Date, Partnership, Plan, PlanStatus, Recurrence, SignOff, StatusRules, Update,
    assess,
};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::changelog::order::last_change_at;
use crate::codec::{self, at_text};
use crate::error::{Result, StoreError};
use crate::plan::cache::PlanCache;
use crate::plan::partnership_read;
use crate::plan::versions::{END_OF_TIME, Versions};
use crate::scope;

use super::write::{ActionKey, tracked};
use super::{read, settings, signoff};

/// The status of a plan's actions as at a date, with the plan as it stood then.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatusView {
    pub as_at: Date,
    pub plan: Plan,
    pub rules: StatusRules,
    pub actions: Vec<ActionStatus>,
}

/// The last moment of `d` (UTC), as the text `*_at` columns hold.
pub(crate) fn end_of_day(d: Date) -> String {
    format!("{}T23:59:59Z", codec::date_text(d))
}

/// The last moment of `d` (UTC).
pub fn end_of(d: Date) -> jiff::Timestamp {
    d.to_datetime(jiff::civil::time(23, 59, 59, 0))
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .map(|z| z.timestamp())
        .unwrap_or(jiff::Timestamp::MAX)
}

impl Store {
    /// The partnership `slug` as it stood at `at`: each plan's version current then, with the
    /// edits to its actions valid then, and the meetings recorded by then. (Agencies, roles and
    /// reviews are kept as they are now: imports only ever add to them.)
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn load_partnership_as_at(
        &self,
        slug: &str,
        at: jiff::Timestamp,
    ) -> Result<Option<Partnership>> {
        let mut tx = self.begin_read().await?;
        let p = partnership_read::load_at(&mut tx, slug, &Versions::at(&at_text(at))).await?;
        tx.commit().await?;
        Ok(p)
    }

    /// Every update of the action `key` ever recorded (corrected ones too), oldest first, with
    /// its evidence.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn updates(&self, slug: &str, key: &ActionKey) -> Result<Vec<Update>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let Some(t) = tracked(&mut tx, pid, key).await? else {
            return Ok(Vec::new());
        };
        let all = read::all(&mut tx, pid, &key.plan, Some(t.id), END_OF_TIME).await?;
        tx.commit().await?;
        Ok(all)
    }

    /// Every update of the plan titled `plan` recorded by `at`, oldest first, with evidence.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn updates_as_at(
        &self,
        slug: &str,
        plan: &str,
        at: jiff::Timestamp,
    ) -> Result<Vec<Update>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let all = read::all(&mut tx, pid, plan, None, &at_text(at)).await?;
        tx.commit().await?;
        Ok(all)
    }

    /// The sign-offs of the plan titled `plan` made by `at`, with withdrawals made by then.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn signoffs(
        &self,
        slug: &str,
        plan: &str,
        at: jiff::Timestamp,
    ) -> Result<Vec<SignOff>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let all = signoff::read(&mut tx, pid, Some(plan), None, &at_text(at)).await?;
        tx.commit().await?;
        Ok(all)
    }

    /// The status of every action of the partnership's plan as at the end of `as_at`: the
    /// last active plan then (or the last plan, if none is active).
    pub async fn status(&self, slug: &str, as_at: Date) -> Result<Vec<ActionStatus>> {
        Ok(self.status_view(slug, None, as_at).await?.actions)
    }

    /// The status of every action of the plan titled `plan` (default: as [`Store::status`])
    /// as at the end of `as_at`, with the plan as it stood then.
    #[tracing::instrument(skip_all, fields(partnership = slug, %as_at))]
    pub async fn status_view(
        &self,
        slug: &str,
        plan: Option<&str>,
        as_at: Date,
    ) -> Result<StatusView> {
        let mut tx = self.begin_read().await?;
        let view = view(&mut tx, &self.plans, slug, plan, as_at).await?;
        tx.commit().await?;
        Ok(view)
    }
}

/// [`Store::status_view`] on an open transaction.
pub(crate) async fn view(
    conn: &mut AnyConnection,
    cache: &PlanCache,
    slug: &str,
    plan: Option<&str>,
    as_at: Date,
) -> Result<StatusView> {
    let pid = scope::require_partnership(conn, slug).await?;
    let at = end_of_day(as_at);
    let plan_id = choose_plan(conn, pid, &Versions::at(&at), plan, as_at).await?;
    let plan = cache.plan(conn, pid, plan_id, &at).await?;
    let settings = settings::settings(conn, pid).await?;
    let names = partnership_read::subgroups(conn, pid)
        .await?
        .into_iter()
        .map(|(id, s)| (id, s.name))
        .collect();
    let meetings = partnership_read::meetings(conn, pid, &names, &at).await?;
    let nothing_later = last_change_at(conn, pid)
        .await?
        .is_none_or(|last| last <= at);
    let mut updates = if nothing_later {
        read::latest_now(conn, pid, &plan.title).await?
    } else {
        read::latest_as_at(conn, pid, &plan.title, &codec::date_text(as_at), &at).await?
    };
    let recurring: Vec<&str> = plan
        .actions()
        .filter(|(o, a)| {
            o.timescale_for(a).is_some_and(|t| {
                matches!(
                    t.recurrence,
                    Some(Recurrence::Yearly | Recurrence::Quarterly | Recurrence::Monthly)
                )
            })
        })
        .map(|(_, a)| a.id.as_str())
        .collect();
    let blue = read::blue_as_at(
        conn,
        pid,
        &plan.title,
        &recurring,
        &codec::date_text(as_at),
        &at,
    )
    .await?;
    let have: std::collections::HashSet<i64> = updates.iter().map(|u| u.id).collect();
    updates.extend(blue.into_iter().filter(|b| !have.contains(&b.id)));
    let signoffs = signoff::read(conn, pid, Some(&plan.title), None, &at).await?;
    let actions = assess(&plan, &updates, &signoffs, &meetings, as_at, settings.rules);
    Ok(StatusView {
        as_at,
        plan: Plan::clone(&plan),
        rules: settings.rules,
        actions,
    })
}

/// The id of the plan version to assess: the one titled `title`, else the last active plan,
/// else the last plan, among those current at `v.at`.
pub(crate) async fn choose_plan(
    conn: &mut AnyConnection,
    pid: i64,
    v: &Versions,
    title: Option<&str>,
    as_at: Date,
) -> Result<i64> {
    let rows = sqlx::query(
        "SELECT p.id AS id, p.title AS title, p.status AS status FROM plans p
         WHERE p.partnership_id = $1 AND p.created_at <= $2
           AND (p.superseded_at IS NULL OR p.superseded_at > $2)
         ORDER BY p.position, p.id",
    )
    .bind(pid)
    .bind(v.at.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let mut plans = Vec::with_capacity(rows.len());
    for r in &rows {
        plans.push((
            r.try_get::<i64, _>("id")?,
            r.try_get::<String, _>("title")?,
            codec::parse_plan_status(&r.try_get::<String, _>("status")?)?,
        ));
    }
    let found = match title {
        Some(t) => plans
            .iter()
            .find(|(_, title, _)| title.eq_ignore_ascii_case(t)),
        None => plans
            .iter()
            .rev()
            .find(|(_, _, s)| *s == PlanStatus::Active)
            .or(plans.last()),
    };
    found.map(|(id, _, _)| *id).ok_or_else(|| {
        let titles: Vec<String> = plans.iter().map(|(_, t, _)| format!("\"{t}\"")).collect();
        StoreError::not_found(match (title, titles.is_empty()) {
            (_, true) => format!("a plan current on {as_at}"),
            (Some(t), false) => format!(
                "the plan \"{t}\" as at {as_at} (the plans then: {})",
                titles.join(", ")
            ),
            (None, false) => "a plan".to_string(),
        })
    })
}
