//! The plan and its progress as they stood at a past moment, exactly: the plan version
//! current then with the edits valid then, the updates, sign-offs, withdrawals and meetings
//! recorded by then — nothing later leaks in. And the status of every action as at a date,
//! which is `domain::status::assess` over those.
//!
//! A date means the end of that day (UTC), as `assess` reads it. When nothing was recorded
//! after that, the status reads each action's latest update by its maintained pointer (one
//! join); otherwise by one index seek per action (see `progress::read`).

use domain::{
    ActionStatus, Date, Moment, Partnership, Plan, PlanStatus, SignOff, StatusRules, Update, assess,
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
    /// Read as recorded by the end of `as_at`, not as of it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub as_recorded: bool,
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

    /// The partnership `slug` at `moment`: as recorded, as [`Store::load_partnership_as_at`]
    /// the end of its day; as of its day, as it is now (a plan imported today is there, with
    /// its period, and the meetings recorded since).
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn load_partnership_at(
        &self,
        slug: &str,
        moment: Moment,
    ) -> Result<Option<Partnership>> {
        let mut tx = self.begin_read().await?;
        let v = Versions::at(&recorded_by(moment));
        let p = partnership_read::load_at(&mut tx, slug, &v).await?;
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

    /// The status of every action of the partnership's plan as at `at` (a day, read as of
    /// it, or a [`Moment`]): see [`Store::status_view`].
    pub async fn status(&self, slug: &str, at: impl Into<Moment>) -> Result<Vec<ActionStatus>> {
        Ok(self.status_view(slug, None, at).await?.actions)
    }

    /// The status of every action of the plan titled `plan` at `at`, with the plan.
    ///
    /// As of a day (a bare [`Date`]): the plan whose period holds the day (default), as it
    /// is now, with every update by the date it speaks for, as known now; sign-offs and
    /// meetings up to the day. As recorded by a day ([`Moment::as_recorded`]): exactly what
    /// had been recorded by its end: the plan version current then (default: the last active
    /// one), with the edits valid then.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn status_view(
        &self,
        slug: &str,
        plan: Option<&str>,
        at: impl Into<Moment>,
    ) -> Result<StatusView> {
        let mut tx = self.begin_read().await?;
        let view = view(&mut tx, &self.plans, slug, plan, at.into()).await?;
        tx.commit().await?;
        Ok(view)
    }
}

impl Store {
    /// The title of the plan a view of `slug` at `moment` is on: the one titled `title`, else
    /// the one [`Store::status_view`] chooses. The reports and `plan show` ask here, so that
    /// every view of a day is on the same plan.
    pub async fn plan_title_at(
        &self,
        slug: &str,
        title: Option<&str>,
        moment: Moment,
    ) -> Result<String> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let (_, chosen) = choose_plan(&mut tx, pid, moment, title).await?;
        tx.commit().await?;
        Ok(chosen)
    }
}

/// What had been recorded by when, for `moment`: the end of its day as recorded, else now.
pub(crate) fn recorded_by(moment: Moment) -> String {
    if moment.as_recorded {
        end_of_day(moment.day)
    } else {
        END_OF_TIME.to_string()
    }
}

/// [`Store::status_view`] on an open transaction.
pub(crate) async fn view(
    conn: &mut AnyConnection,
    cache: &PlanCache,
    slug: &str,
    plan: Option<&str>,
    moment: Moment,
) -> Result<StatusView> {
    let pid = scope::require_partnership(conn, slug).await?;
    let as_at = moment.day;
    let day_end = end_of_day(as_at);
    let recorded = recorded_by(moment);
    let (plan_id, _) = choose_plan(conn, pid, moment, plan).await?;
    let plan = cache.plan(conn, pid, plan_id, &recorded).await?;
    let settings = settings::settings(conn, pid).await?;
    let names = partnership_read::subgroups(conn, pid)
        .await?
        .into_iter()
        .map(|(id, s)| (id, s.name))
        .collect();
    let meetings = partnership_read::meetings(conn, pid, &names, &recorded).await?;
    let day = codec::date_text(as_at);
    let nothing_later = if moment.as_recorded {
        last_change_at(conn, pid)
            .await?
            .is_none_or(|last| last <= day_end)
    } else {
        !read::any_dated_after(conn, pid, &plan.title, &day).await?
    };
    let mut updates = if nothing_later {
        read::latest_now(conn, pid, &plan.title).await?
    } else {
        read::latest_as_at(conn, pid, &plan.title, &day, &recorded).await?
    };
    let recurring: Vec<&str> = plan
        .actions()
        .filter(|(o, a)| o.timescale_for(a).is_some_and(super::one_action::recurs))
        .map(|(_, a)| a.id.as_str())
        .collect();
    let blue = read::blue_as_at(conn, pid, &plan.title, &recurring, &day, &recorded).await?;
    let have: std::collections::HashSet<i64> = updates.iter().map(|u| u.id).collect();
    updates.extend(blue.into_iter().filter(|b| !have.contains(&b.id)));
    // Sign-offs speak for the moment they were made, whichever way the day is read.
    let signoffs = signoff::read(conn, pid, Some(&plan.title), None, &day_end).await?;
    let actions = assess(
        &plan,
        &updates,
        &signoffs,
        &meetings,
        moment,
        settings.rules,
    );
    Ok(StatusView {
        as_at,
        as_recorded: moment.as_recorded,
        plan: Plan::clone(&plan),
        rules: settings.rules,
        actions,
    })
}

/// The id of the plan version to assess at `moment`: the one titled `title`, else by
/// default, as recorded, the last active plan current at the end of the day, else the last
/// plan then; as of the day, among the plans as they are now whose period had started by
/// then or which had been recorded by then, the active one whose period holds the day, else
/// any holding it, else the last active one, else the last.
pub(crate) async fn choose_plan(
    conn: &mut AnyConnection,
    pid: i64,
    moment: Moment,
    title: Option<&str>,
) -> Result<(i64, String)> {
    let as_at = moment.day;
    let rows = sqlx::query(
        "SELECT p.id AS id, p.title AS title, p.status AS status,
                p.period_start AS period_start, p.period_end AS period_end,
                p.created_at AS created_at
         FROM plans p
         WHERE p.partnership_id = $1 AND p.created_at <= $2
           AND (p.superseded_at IS NULL OR p.superseded_at > $2)
         ORDER BY p.position, p.id",
    )
    .bind(pid)
    .bind(recorded_by(moment))
    .fetch_all(&mut *conn)
    .await?;
    let mut plans = Vec::with_capacity(rows.len());
    for r in &rows {
        plans.push(Candidate {
            id: r.try_get::<i64, _>("id")?,
            title: r.try_get::<String, _>("title")?,
            active: codec::parse_plan_status(&r.try_get::<String, _>("status")?)?
                == PlanStatus::Active,
            start: codec::parse_date(&r.try_get::<String, _>("period_start")?)?,
            end: codec::parse_date(&r.try_get::<String, _>("period_end")?)?,
            created_at: r.try_get::<String, _>("created_at")?,
        });
    }
    if !moment.as_recorded {
        // As of a day, a plan is there once its period has started or it had been recorded:
        // none before either (a 2009-10 plan imported today has no 2008).
        let day_end = end_of_day(as_at);
        plans.retain(|p| p.start <= as_at || p.created_at <= day_end);
    }
    let found = match title {
        Some(t) => plans.iter().find(|p| p.title.eq_ignore_ascii_case(t)),
        None if moment.as_recorded => plans.iter().rev().find(|p| p.active).or(plans.last()),
        None => {
            let holds = |p: &&Candidate| p.start <= as_at && as_at <= p.end;
            let last = |f: &dyn Fn(&&Candidate) -> bool| plans.iter().rev().find(|p| f(p));
            last(&|p| p.active && holds(p))
                .or_else(|| last(&holds))
                .or_else(|| last(&|p| p.active))
                .or(plans.last())
        }
    };
    found.map(|p| (p.id, p.title.clone())).ok_or_else(|| {
        let titles: Vec<String> = plans.iter().map(|p| format!("\"{}\"", p.title)).collect();
        let when = format!("{} {as_at}", moment.phrase());
        StoreError::not_found(match (title, titles.is_empty()) {
            (_, true) if moment.as_recorded => format!(
                "a plan recorded by {as_at} (read as at {as_at} for the plan over its period, \
                 as known now)"
            ),
            (_, true) => format!(
                "a plan current on {as_at}: no plan's period had started by then, nor had one \
                 been recorded"
            ),
            (Some(t), false) => format!(
                "the plan \"{t}\" {when} (the plans then: {})",
                titles.join(", ")
            ),
            (None, false) => "a plan".to_string(),
        })
    })
}

/// A plan [`choose_plan`] may choose.
struct Candidate {
    id: i64,
    title: String,
    active: bool,
    start: Date,
    end: Date,
    created_at: String,
}
