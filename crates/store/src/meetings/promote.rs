//! Promoting an action of the meeting action log into the plan: it becomes an action of the
//! plan under the objective chosen, with a lead role and a due date, and the meeting action
//! records which plan action it became (and stops being carried from meeting to meeting).
//!
//! A plan's actions change only by a new version (an import, a carry-forward), so that the
//! plan as at an earlier moment still reads as it did: the promotion writes the next version
//! of the plan as it now stands (its edits applied) with the new action last under its
//! objective. One transaction, with the meeting action's change and the plan's in the log.

use domain::{Action, Date, Partnership, Plan, PlanStatus, Timescale};
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::changelog::chain::ChangeOp;
use crate::codec;
use crate::error::{Result, StoreError};
use crate::plan::write::{NewVersion, Source};
use crate::plan::{self, partnership_read, revision};
use crate::progress::write::{ActionKey, Stamp, create_tracked};
use crate::validate;

use super::find;

/// Where a meeting action goes in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promotion {
    /// The plan's title; none for the latest plan that is not closed.
    pub plan: Option<String>,
    /// The objective's number, as the plan writes it ("4").
    pub objective: String,
    /// The lead role: its id or its title.
    pub lead: String,
    pub due: Date,
}

/// The plan action a meeting action became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Promoted {
    pub plan: String,
    /// The new action's id ("4.3").
    pub action: String,
    /// The plan's version that holds it.
    pub version: i64,
}

#[derive(Serialize)]
struct PromotionEntry<'a> {
    what: &'a str,
    promoted_to: &'a Promoted,
    on: Date,
}

/// The number after the highest of objective `o`'s actions: "4.3" after "4.1", "4.2#2".
fn next_number(o: &domain::Objective) -> String {
    let prefix = format!("{}.", o.number);
    let last = o
        .actions
        .iter()
        .filter_map(|a| a.number.strip_prefix(&prefix))
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<u32>().ok()
        })
        .max()
        .unwrap_or(0);
    format!("{}{}", prefix, last + 1)
}

/// The role `typed` names (its id or title, case aside): its id.
async fn role(conn: &mut AnyConnection, pid: i64, typed: &str) -> Result<String> {
    let rows =
        sqlx::query("SELECT slug, title FROM roles WHERE partnership_id = $1 ORDER BY position")
            .bind(pid)
            .fetch_all(&mut *conn)
            .await?;
    let t = typed.trim().to_lowercase();
    let mut titles = Vec::new();
    for r in &rows {
        let (slug, title): (String, String) = (r.try_get("slug")?, r.try_get("title")?);
        if slug == t || title.to_lowercase() == t {
            return Ok(slug);
        }
        titles.push(title);
    }
    Err(StoreError::invalid(format!(
        "lead: \"{typed}\" is not one of the board's lead roles ({}); name one of them",
        if titles.is_empty() {
            "it has none yet".to_string()
        } else {
            titles.join("; ")
        }
    )))
}

/// The plan `title` (or the latest not closed) with the new action added under its objective.
fn with_action(
    p: &Partnership,
    title: Option<&str>,
    to: &Promotion,
    a: Action,
) -> Result<(Plan, String)> {
    let plan = match title {
        Some(t) => p
            .plans
            .iter()
            .find(|pl| pl.title.eq_ignore_ascii_case(t.trim()))
            .ok_or_else(|| StoreError::not_found(format!("the plan \"{t}\"")))?,
        None => p
            .plans
            .iter()
            .rev()
            .find(|pl| pl.status != PlanStatus::Closed)
            .ok_or_else(|| {
                StoreError::invalid("plan: the board has no open plan to promote an action into")
            })?,
    };
    if plan.status == PlanStatus::Closed {
        return Err(StoreError::invalid(format!(
            "plan: \"{}\" is closed; promote the action into the plan that carried it forward",
            plan.title
        )));
    }
    let mut plan = plan.clone();
    let numbers: Vec<String> = plan.objectives.iter().map(|o| o.number.clone()).collect();
    let o = plan
        .objectives
        .iter_mut()
        .find(|o| o.number.eq_ignore_ascii_case(to.objective.trim()))
        .ok_or_else(|| {
            StoreError::invalid(format!(
                "objective: \"{}\" is not an objective of \"{}\"; its objectives are {}",
                to.objective,
                plan.title,
                numbers.join(", ")
            ))
        })?;
    let number = next_number(o);
    o.actions.push(Action {
        id: number.clone(),
        number: number.clone(),
        ..a
    });
    Ok((plan, number))
}

impl Store {
    /// Promote action `action` of the meeting action log into the plan, as `to` says. An
    /// action done, or promoted already, is not promoted again.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn promote_meeting_action(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        action: i64,
        to: &Promotion,
    ) -> Result<Promoted> {
        let on = stamp.at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let row = sqlx::query(
            "SELECT meeting_id, what, done, promoted_plan, promoted_action FROM meeting_actions
             WHERE partnership_id = $1 AND id = $2",
        )
        .bind(w.pid)
        .bind(action)
        .fetch_optional(&mut *w.tx)
        .await?
        .ok_or_else(|| {
            StoreError::not_found(format!("action #{action} of the meeting action log"))
        })?;
        let head = find::head(&mut w.tx, w.pid, row.try_get("meeting_id")?).await?;
        if let Some(a) = row.try_get::<Option<String>, _>("promoted_action")? {
            let p: Option<String> = row.try_get("promoted_plan")?;
            return Err(StoreError::Conflict {
                what: format!(
                    "action #{action} was already promoted: it is action {a} of \"{}\"",
                    p.unwrap_or_default()
                ),
            });
        }
        if let Some(d) = row.try_get::<Option<String>, _>("done")? {
            return Err(StoreError::invalid(format!(
                "action #{action} was done on {d}; only an open action is promoted into the plan"
            )));
        }
        if to.due < head.date {
            return Err(StoreError::invalid(format!(
                "due: action #{action} was raised on {}; its due date cannot be before then",
                head.date
            )));
        }
        let what: String = row.try_get("what")?;
        let lead = role(&mut w.tx, w.pid, &to.lead).await?;
        let p = partnership_read::load(&mut w.tx, slug)
            .await?
            .ok_or_else(|| StoreError::not_found(format!("the partnership \"{slug}\"")))?;
        let new_action = Action {
            id: String::new(),
            number: String::new(),
            text: what.clone(),
            sources: Vec::new(),
            timescale: Some(Timescale {
                label: to.due.strftime("%-d %B %Y").to_string(),
                due: Some(to.due),
                period: None,
                recurrence: None,
                inferred: false,
            }),
            leads: vec![lead],
            references: Vec::new(),
            reference_phrases: Vec::new(),
            duplicate_of: None,
        };
        let (next, new_id) = with_action(&p, to.plan.as_deref(), to, new_action)?;
        validate::check(&Partnership {
            plans: vec![next.clone()],
            ..p
        })?;
        let stored = partnership_read::current_plans(&mut w.tx, w.pid).await?;
        let old = stored
            .iter()
            .find(|s| s.plan.title == next.title)
            .ok_or_else(|| StoreError::not_found(format!("the plan \"{}\"", next.title)))?;
        let roles = revision::role_ids(&mut w.tx, w.pid).await?;
        let at = w.at.clone();
        plan::write::supersede(&mut w.tx, old, &at, &mut w.log).await?;
        let json = serde_json::to_vec(&next)?;
        let source = Source {
            name: format!("meeting action #{action} of {} promoted", head.key),
            sha256: hex::encode(Sha256::digest(&json)),
        };
        let v = NewVersion {
            plan: &next,
            version: old.version + 1,
            position: old.position,
            source: &source,
            at: &at,
        };
        plan::write::insert_version(&mut w.tx, w.pid, &v, &roles, &mut w.log).await?;
        create_tracked(
            &mut w.tx,
            w.pid,
            &ActionKey::new(next.title.as_str(), new_id.as_str()),
            &at,
            None,
        )
        .await?;
        let promoted = Promoted {
            plan: next.title.clone(),
            action: new_id,
            version: old.version + 1,
        };
        sqlx::query(
            "UPDATE meeting_actions SET promoted_plan = $3, promoted_action = $4, promoted_on = $5
             WHERE partnership_id = $1 AND id = $2",
        )
        .bind(w.pid)
        .bind(action)
        .bind(promoted.plan.as_str())
        .bind(promoted.action.as_str())
        .bind(codec::date_text(on))
        .execute(&mut *w.tx)
        .await?;
        let entry = PromotionEntry {
            what: &what,
            promoted_to: &promoted,
            on,
        };
        w.log.record::<(), _>(
            "meeting action",
            format!("{} #{action}", head.key),
            ChangeOp::Update,
            None,
            Some(&entry),
        )?;
        w.commit().await?;
        tracing::info!("meeting action promoted into the plan");
        Ok(promoted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn objective(numbers: &[&str]) -> domain::Objective {
        domain::Objective {
            number: "4".into(),
            title: "Governance".into(),
            sources: Vec::new(),
            timescale: None,
            leads: Vec::new(),
            actions: numbers
                .iter()
                .map(|n| Action {
                    id: (*n).into(),
                    number: n.split('#').next().unwrap_or(n).into(),
                    text: "x".into(),
                    sources: Vec::new(),
                    timescale: None,
                    leads: Vec::new(),
                    references: Vec::new(),
                    reference_phrases: Vec::new(),
                    duplicate_of: None,
                })
                .collect(),
        }
    }

    #[test]
    fn the_new_action_is_numbered_after_the_highest_of_its_objective() {
        assert_eq!(next_number(&objective(&["4.1", "4.2", "4.2#2"])), "4.3");
        assert_eq!(next_number(&objective(&["4.1a", "4.10"])), "4.11");
        assert_eq!(next_number(&objective(&[])), "4.1");
    }
}
