//! An agency's improvement action on a standard of its return, carried by a plan action: the
//! plan action's source is the Section 11 cycle, as an audit's recommendation linked to an
//! action makes the audit its source. The link is by plan title and action number (checked
//! against the plan's current version), so that it outlives plan versions and the golden
//! thread finds it from either end.

use serde::Serialize;

use super::returns::{MAX_NARRATIVE_CHARS, open_line};
use crate::Store;
use crate::error::{Result, StoreError};
use crate::progress::write::{Stamp, current_plan};

/// An improvement action as recorded on a return line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct S11Action {
    /// What the agency will do, in its words, if it gave them.
    pub text: Option<String>,
    /// The plan and the action (4.1, 4.2#2) that carry it.
    pub plan: String,
    pub action: String,
}

impl Store {
    /// Record on standard `number` of agency `agency`'s return in cycle `year` the
    /// improvement action `a`, carried by action `a.action` of plan `a.plan` (its current
    /// version must have it). Refused, writing nothing: a closed cycle, an unknown agency,
    /// standard, plan or action, or text too long. The same plan action again on the same
    /// line changes nothing.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_s11_action(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        (year, agency, number): (i32, &str, &str),
        a: &S11Action,
    ) -> Result<S11Action> {
        let text = a
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        if text
            .as_deref()
            .is_some_and(|t| t.chars().count() > MAX_NARRATIVE_CHARS)
        {
            return Err(StoreError::invalid(format!(
                "text: an improvement action's words can be at most {MAX_NARRATIVE_CHARS} \
                 characters; shorten them"
            )));
        }
        let actor = stamp.actor.to_string();
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let line = open_line(&mut w, year, agency, number).await?;
        let plan = current_plan(&mut w.tx, w.pid, &a.plan).await?;
        let uid = a.action.trim();
        let found = sqlx::query("SELECT uid FROM actions WHERE plan_id = $1 AND uid = $2")
            .bind(plan.id)
            .bind(uid)
            .fetch_optional(&mut *w.tx)
            .await?;
        if found.is_none() {
            return Err(StoreError::invalid(format!(
                "action: \"{}\" has no action {uid}. Give an action's number as the plan shows \
                 it, e.g. 4.1",
                plan.title
            )));
        }
        let known = sqlx::query(
            "SELECT 1 AS one FROM s11_actions WHERE return_id = $1 AND standard_id = $2
                 AND plan_title = $3 AND action_uid = $4",
        )
        .bind(line.return_id)
        .bind(line.standard_id)
        .bind(plan.title.as_str())
        .bind(uid)
        .fetch_optional(&mut *w.tx)
        .await?;
        // Linked already (a form sent twice): nothing is written.
        let added = S11Action {
            text,
            plan: plan.title,
            action: uid.to_string(),
        };
        if known.is_some() {
            return Ok(added);
        }
        sqlx::query(
            "INSERT INTO s11_actions (partnership_id, return_id, standard_id, text, plan_title,
                 action_uid, added_by, added_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(w.pid)
        .bind(line.return_id)
        .bind(line.standard_id)
        .bind(added.text.clone())
        .bind(added.plan.as_str())
        .bind(uid)
        .bind(actor.as_str())
        .bind(&w.at)
        .execute(&mut *w.tx)
        .await?;
        w.log.created(
            "s11_action",
            format!("{year} / {} / {} / {uid}", line.agency, line.standard),
            &added,
        )?;
        w.commit().await?;
        Ok(added)
    }
}
