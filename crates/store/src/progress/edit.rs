//! Editing one action between imports: its text, its timescale (and so its due date) or its
//! leads. Each edit is a new revision valid from its time, never a change in place, so the
//! plan as at an earlier moment still reads as it did then.

use domain::{Action, Timescale};

use crate::changelog::chain::Diff;
use crate::error::{Result, StoreError};
use crate::plan::revision::{self, Revision};
use crate::plan::versions::{END_OF_TIME, Versions};
use crate::{Store, plan};

use super::write::{ActionKey, Stamp, Written};

/// What an edit changes; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionEdit {
    pub text: Option<String>,
    /// `Some(None)` removes the action's own timescale, so it follows its objective's.
    pub timescale: Option<Option<Timescale>>,
    /// Role ids; `Some(vec![])` removes the action's own leads, so it follows its objective's.
    pub leads: Option<Vec<String>>,
}

impl Store {
    /// Edit the action `key` of the current version of its plan, which the caller saw at
    /// `expected_version`. Returns the action as it now reads.
    #[tracing::instrument(skip_all, fields(partnership = slug, action = %key.action))]
    pub async fn edit_action(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        key: &ActionKey,
        expected_version: i64,
        edit: ActionEdit,
    ) -> Result<Written<Action>> {
        if edit == ActionEdit::default() {
            return Err(StoreError::invalid(
                "say what to change: the text, the timescale or the leads",
            ));
        }
        let mut w = self
            .begin_action_write(slug, stamp, key, expected_version)
            .await?;
        let versions = Versions {
            at: END_OF_TIME.to_string(),
            plan_id: Some(w.plan.id),
            edits_upto: None,
        };
        let stored = plan::read::plans(&mut w.w.tx, w.w.pid, &versions).await?;
        let mut action = stored
            .into_iter()
            .flat_map(|s| s.plan.objectives)
            .flat_map(|o| o.actions)
            .find(|a| a.id == key.action)
            .ok_or_else(|| StoreError::not_found(format!("the action {}", key.action)))?;
        let old = Revision::of(&action);
        let mut new = old.clone();
        if let Some(text) = edit.text {
            new.text = text.trim().to_string();
            if new.text.is_empty() {
                return Err(StoreError::invalid("an action's text cannot be empty"));
            }
        }
        if let Some(t) = edit.timescale {
            new.timescale = t;
        }
        if let Some(leads) = edit.leads {
            new.leads = leads;
        }
        let mut diff = Diff::default();
        let mut changed = Vec::new();
        if diff.field("text", &old.text, &new.text)? {
            changed.push("text");
        }
        if diff.field("timescale", &old.timescale, &new.timescale)? {
            changed.push("timescale");
        }
        if diff.field("leads", &old.leads, &new.leads)? {
            changed.push("leads");
        }
        if changed.is_empty() {
            return Err(StoreError::invalid(format!(
                "{} already reads like that; nothing to change",
                key.action
            )));
        }
        let roles = revision::role_ids(&mut w.w.tx, w.w.pid).await?;
        let actor = w.w.log.actor().to_string();
        revision::insert(
            &mut w.w.tx,
            w.w.pid,
            w.action_id,
            &w.w.at,
            &actor,
            &new,
            &roles,
        )
        .await?;
        diff.record(&mut w.w.log, "action", w.plan.action_log_key(&key.action))?;
        new.apply(&mut action);
        let version = w
            .finish(&format!("edit of the {}", changed.join(" and ")), None)
            .await?;
        tracing::info!("action edited");
        Ok(Written {
            record: action,
            version,
        })
    }
}
