//! A later version of a plan document already imported (V9 after V7): rather than another
//! plan, or a new version that forgets what happened since, its changes are recorded on the
//! plan as it stands. Actions are matched by id (`compare`); the document's status and
//! progress become progress updates where they differ from the latest (marked as imported
//! from the document, dated when it speaks for); a changed timescale is a re-timing and a
//! changed text a re-wording (revisions, as `plan edit` makes); new actions are added in
//! their place (a new version of the plan holding the old one's actions as they stand);
//! actions the document no longer has are reported and kept. One transaction: all or nothing.

mod compare;

use domain::{Date, Partnership, PlanStatus, Rag};
use sqlx::{AnyConnection, Row};

pub use compare::{AddedAction, DateChange, PlanChanges, ProgressChange, RemovedAction};

use crate::changelog::chain::Diff;
use crate::error::{Result, StoreError};
use crate::plan::read::StoredPlan;
use crate::plan::revision::{self, Revision};
use crate::plan::write::{NewVersion, Source};
use crate::plan::{self, board_write, partnership_read};
use crate::{Store, scope, validate};

use super::bulk::{self, DatedUpdate};
use super::update::NewUpdate;
use super::write::{ActionKey, Stamp, Write, action_row, create_tracked, current_plan, tracked};

use compare::{Compared, Latest, compare};

/// The status and progress a document gives one action: what its update would say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentProgress {
    pub action: String,
    pub rag: Rag,
    /// "Imported from FILE: ...".
    pub narrative: String,
}

/// A plan document read again, as a later version of the stored plan `plan`.
#[derive(Debug, Clone, Copy)]
pub struct LaterVersion<'a> {
    /// The stored plan's title.
    pub plan: &'a str,
    /// The document as read: its first plan is the later version; its board gives the roles
    /// of any new action's leads.
    pub document: &'a Partnership,
    pub source: &'a Source,
    pub progress: &'a [DocumentProgress],
    /// The date the document's status and progress speak for.
    pub as_of: Date,
}

/// The stored plan of `stored` that the document `doc` (its first plan) is a later version
/// of, and how it was found: "its title" (the same, ignoring case), else "its period" when
/// exactly one plan not closed has it. Shared by the command line and the web import.
pub fn later_version_of<'a>(
    stored: &'a Partnership,
    doc: &Partnership,
) -> Option<(&'a domain::Plan, &'static str)> {
    let plan = doc.plans.first()?;
    let by_title = stored
        .plans
        .iter()
        .find(|pl| pl.title.eq_ignore_ascii_case(plan.title.trim()));
    let same_period: Vec<_> = stored
        .plans
        .iter()
        .filter(|pl| pl.period == plan.period && pl.status != PlanStatus::Closed)
        .collect();
    match (by_title, same_period.as_slice()) {
        (Some(pl), _) => Some((pl, "its title")),
        (None, [one]) => Some((*one, "its period")),
        _ => None,
    }
}

impl Store {
    /// What recording `lv` would change, without writing anything (the dry run).
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn compare_later_version(
        &self,
        slug: &str,
        lv: &LaterVersion<'_>,
    ) -> Result<PlanChanges> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let stored = stored_plan(&mut tx, pid, lv.plan).await?;
        let c = compared(&mut tx, pid, &stored, lv).await?;
        tx.commit().await?;
        Ok(c.changes)
    }

    /// Record `lv`'s changes on the plan (see the module's doc) by `stamp`, and say what they
    /// were. A document that changes nothing writes nothing.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn record_later_version(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        lv: &LaterVersion<'_>,
    ) -> Result<PlanChanges> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let stored = stored_plan(&mut w.tx, w.pid, lv.plan).await?;
        let Compared {
            mut changes,
            merged,
            edits,
        } = compared(&mut w.tx, w.pid, &stored, lv).await?;
        if changes.is_empty() {
            return Ok(changes);
        }
        if let Some(merged) = merged {
            changes.version = Some(new_version(&mut w, slug, &stored, merged, lv).await?);
        }
        let roles = revision::role_ids(&mut w.tx, w.pid).await?;
        let plan = current_plan(&mut w.tx, w.pid, lv.plan).await?;
        let actor = w.log.actor().to_string();
        for e in &edits {
            let Some((_, a)) = stored.plan.action(&e.action) else {
                continue;
            };
            let old = Revision::of(a);
            let new = Revision {
                text: e.text.clone().unwrap_or_else(|| old.text.clone()),
                timescale: e.timescale.clone().or_else(|| old.timescale.clone()),
                leads: old.leads.clone(),
            };
            let mut diff = Diff::default();
            diff.field("text", &old.text, &new.text)?;
            diff.field("timescale", &old.timescale, &new.timescale)?;
            if diff.is_empty() {
                continue;
            }
            let action_id = action_row(&mut w.tx, &plan, &e.action).await?;
            revision::insert(&mut w.tx, w.pid, action_id, &w.at, &actor, &new, &roles).await?;
            diff.record(&mut w.log, "action", plan.action_log_key(&e.action))?;
            let what = format!("{} from {}", e.what, lv.source.name);
            bump(&mut w, &ActionKey::new(lv.plan, e.action.as_str()), &what).await?;
        }
        let history = changes
            .updates
            .iter()
            .map(|u| DatedUpdate {
                at: stamp.at,
                action: ActionKey::new(lv.plan, u.action.as_str()),
                update: NewUpdate {
                    rag: u.rag,
                    percent: None,
                    narrative: u.narrative.clone(),
                    as_of: lv.as_of,
                    evidence: Vec::new(),
                    corrects: None,
                },
            })
            .collect();
        bulk::load(&mut w, &actor, history).await?;
        w.commit().await?;
        tracing::info!(
            updates = changes.updates.len(),
            retimed = changes.retimed.len(),
            added = changes.added.len(),
            "later version of a plan recorded"
        );
        Ok(changes)
    }
}

/// The current version of the plan titled `title`, refused if it is closed.
async fn stored_plan(conn: &mut AnyConnection, pid: i64, title: &str) -> Result<StoredPlan> {
    let stored = partnership_read::current_plans(conn, pid)
        .await?
        .into_iter()
        .find(|s| s.plan.title == title)
        .ok_or_else(|| StoreError::not_found(format!("the plan \"{title}\"")))?;
    if stored.plan.status == PlanStatus::Closed {
        return Err(StoreError::invalid(format!(
            "the plan \"{title}\" is closed: its unfinished actions were carried forward, so \
             bring the plan that carries them up to date instead. Nothing was written."
        )));
    }
    Ok(stored)
}

async fn compared(
    conn: &mut AnyConnection,
    pid: i64,
    stored: &StoredPlan,
    lv: &LaterVersion<'_>,
) -> Result<Compared> {
    let Some(doc) = lv.document.plans.first() else {
        return Err(StoreError::invalid(format!(
            "{} holds no plan to compare with \"{}\"",
            lv.source.name, lv.plan
        )));
    };
    let latest = latest_updates(conn, pid, lv.plan).await?;
    let mut c = compare(&stored.plan, doc, &latest, lv.progress);
    c.changes.document = lv.source.name.clone();
    c.changes.as_of = Some(lv.as_of);
    Ok(c)
}

/// Supersede `stored` by the plan with the document's new actions added, the board brought
/// up to date for their leads. Returns the new version's number.
async fn new_version(
    w: &mut Write,
    slug: &str,
    stored: &StoredPlan,
    merged: domain::Plan,
    lv: &LaterVersion<'_>,
) -> Result<i64> {
    let board = Partnership {
        plans: Vec::new(),
        ..lv.document.clone()
    };
    board_write::upsert(&mut w.tx, w.pid, &board, &mut w.log).await?;
    let p = partnership_read::load(&mut w.tx, slug)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("the partnership \"{slug}\"")))?;
    validate::check(&Partnership {
        plans: vec![merged.clone()],
        ..p
    })?;
    let roles = revision::role_ids(&mut w.tx, w.pid).await?;
    plan::write::supersede(&mut w.tx, stored, &w.at, &mut w.log).await?;
    let version = stored.version + 1;
    let v = NewVersion {
        plan: &merged,
        version,
        position: stored.position,
        source: lv.source,
        at: &w.at,
    };
    plan::write::insert_version(&mut w.tx, w.pid, &v, &roles, &mut w.log).await?;
    Ok(version)
}

/// Count a revision on the action's tracked row (made if it had none), saying what it was.
async fn bump(w: &mut Write, key: &ActionKey, what: &str) -> Result<()> {
    let id = match tracked(&mut w.tx, w.pid, key).await? {
        Some(t) => t.id,
        None => create_tracked(&mut w.tx, w.pid, key, &w.at, None).await?,
    };
    sqlx::query(
        "UPDATE tracked_actions
         SET row_version = row_version + 1, last_change = $1, changed_by = $2, changed_at = $3
         WHERE id = $4",
    )
    .bind(what)
    .bind(w.log.actor())
    .bind(w.at.as_str())
    .bind(id)
    .execute(&mut *w.tx)
    .await?;
    Ok(())
}

/// The rating and narrative of each action's latest update now, by action id: a seek on the
/// partnership's tracked actions (by the plan's title too, where the planner takes it), one
/// on each update's id.
pub(crate) const LATEST_SQL: &str = "SELECT t.uid AS uid, u.rag AS rag, u.narrative AS narrative
     FROM tracked_actions t JOIN progress_updates u ON u.id = t.latest_update_id
     WHERE t.partnership_id = $1 AND t.plan_title = $2";

async fn latest_updates(conn: &mut AnyConnection, pid: i64, plan: &str) -> Result<Latest> {
    let rows = sqlx::query(LATEST_SQL)
        .bind(pid)
        .bind(plan)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get::<String, _>("uid")?,
                (
                    super::read::parse_rag(&r.try_get::<String, _>("rag")?)?,
                    r.try_get::<String, _>("narrative")?,
                ),
            ))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::LATEST_SQL;
    use crate::query_plan::{Bind, plan};

    /// The latest updates of one plan are found by seeking, not by reading every action or
    /// update of the partnership.
    #[tokio::test]
    async fn the_latest_updates_of_a_plan_are_found_by_seeking() {
        let p = plan(LATEST_SQL, &[Bind::Int(1), Bind::Text("Plan")]).await;
        p.assert_no_full_read(
            "the latest updates of a plan",
            &[("t", "tracked_actions"), ("u", "progress_updates")],
        );
        // SQLite seeks by the plan's title too; PostgreSQL, its tables empty, may take the
        // partnership's tracked actions by the other index and filter them by title.
        p.assert_seeks_by("the latest updates of a plan", "t", "partnership_id", "=");
        p.assert_seeks_by("the latest updates of a plan", "u", "id", "=");
    }
}
