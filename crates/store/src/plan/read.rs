//! Reading plans back as the domain tree, as they stood at a moment: the version of each plan
//! current then (created by then, not yet superseded), and each action with the latest edit
//! (revision) valid then. "Now" is the same reading at the end of time. One query per table,
//! never per row.

use std::collections::HashMap;

use domain::{Action, Objective, Period, Plan};
use sqlx::{AnyConnection, Row};

use crate::codec;
use crate::error::Result;
use crate::sql::grouped;

use super::versions::Versions;

/// A plan version as stored, with its place among the partnership's plans.
pub(crate) struct StoredPlan {
    pub id: i64,
    pub version: i64,
    pub position: i64,
    pub source_name: String,
    pub source_sha256: String,
    pub plan: Plan,
}

/// The plan versions `v` selects, in the partnership's order.
pub(crate) async fn plans(
    conn: &mut AnyConnection,
    pid: i64,
    v: &Versions,
) -> Result<Vec<StoredPlan>> {
    let lead_rows = v
        .fetch(
            conn,
            "SELECT l.objective_id AS owner, r.slug AS slug
             FROM objective_leads l
             JOIN objectives o ON o.id = l.objective_id
             JOIN plans p ON p.id = o.plan_id
             JOIN roles r ON r.id = l.role_id
             WHERE {versions}
             ORDER BY l.objective_id, l.position",
            pid,
        )
        .await?;
    let mut objective_leads =
        grouped(&lead_rows, "owner", |r| Ok(r.try_get::<String, _>("slug")?))?;
    let mut actions = actions(conn, pid, v).await?;
    let rows = v
        .fetch(
            conn,
            "SELECT o.id AS id, o.plan_id AS plan_id, o.number AS number, o.title AS title,
                    o.sources AS sources, o.ts_label AS ts_label, o.ts_due AS ts_due,
                    o.ts_period_start AS ts_period_start, o.ts_period_end AS ts_period_end,
                    o.ts_recurrence AS ts_recurrence, o.ts_inferred AS ts_inferred
             FROM objectives o JOIN plans p ON p.id = o.plan_id
             WHERE {versions}
             ORDER BY o.plan_id, o.position",
            pid,
        )
        .await?;
    let mut objectives = grouped(&rows, "plan_id", |r| {
        let id: i64 = r.try_get("id")?;
        Ok(Objective {
            number: r.try_get("number")?,
            title: r.try_get("title")?,
            sources: codec::parse_text_list(&r.try_get::<String, _>("sources")?)?,
            timescale: codec::timescale_from_row(r)?,
            leads: objective_leads.remove(&id).unwrap_or_default(),
            actions: actions.remove(&id).unwrap_or_default(),
        })
    })?;
    let rows = v
        .fetch(
            conn,
            "SELECT p.id AS id, p.title AS title, p.period_start AS period_start,
                    p.period_end AS period_end, p.status AS status, p.version AS version,
                    p.position AS position, p.source_name AS source_name,
                    p.source_sha256 AS source_sha256
             FROM plans p WHERE {versions} ORDER BY p.position, p.id",
            pid,
        )
        .await?;
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get("id")?;
            Ok(StoredPlan {
                id,
                version: r.try_get("version")?,
                position: r.try_get("position")?,
                source_name: r.try_get("source_name")?,
                source_sha256: r.try_get("source_sha256")?,
                plan: Plan {
                    title: r.try_get("title")?,
                    period: Period {
                        start: codec::parse_date(&r.try_get::<String, _>("period_start")?)?,
                        end: codec::parse_date(&r.try_get::<String, _>("period_end")?)?,
                    },
                    status: codec::parse_plan_status(&r.try_get::<String, _>("status")?)?,
                    objectives: objectives.remove(&id).unwrap_or_default(),
                },
            })
        })
        .collect()
}

/// The actions of the selected plan versions, with the edits valid then, by objective id.
async fn actions(
    conn: &mut AnyConnection,
    pid: i64,
    v: &Versions,
) -> Result<HashMap<i64, Vec<Action>>> {
    let lead_rows = v
        .fetch(
            conn,
            "SELECT l.action_id AS owner, r.slug AS slug
             FROM action_leads l
             JOIN actions a ON a.id = l.action_id
             JOIN plans p ON p.id = a.plan_id
             JOIN roles r ON r.id = l.role_id
             WHERE {versions}
             ORDER BY l.action_id, l.position",
            pid,
        )
        .await?;
    let mut leads = grouped(&lead_rows, "owner", |r| Ok(r.try_get::<String, _>("slug")?))?;
    let ref_rows = v
        .fetch(
            conn,
            "SELECT c.from_action_id AS owner, t.uid AS uid
             FROM cross_references c
             JOIN actions f ON f.id = c.from_action_id
             JOIN plans p ON p.id = f.plan_id
             JOIN actions t ON t.id = c.to_action_id
             WHERE {versions}
             ORDER BY c.from_action_id, c.position",
            pid,
        )
        .await?;
    let mut references = grouped(&ref_rows, "owner", |r| Ok(r.try_get::<String, _>("uid")?))?;
    let mut revisions = super::revision::valid(conn, pid, v).await?;
    let rows = v
        .fetch(
            conn,
            "SELECT a.id AS id, a.objective_id AS objective_id, a.uid AS uid, a.number AS number,
                    a.text AS text, a.sources AS sources, a.ts_label AS ts_label,
                    a.ts_due AS ts_due, a.ts_period_start AS ts_period_start,
                    a.ts_period_end AS ts_period_end, a.ts_recurrence AS ts_recurrence,
                    a.ts_inferred AS ts_inferred, a.reference_phrases AS reference_phrases,
                    a.duplicate_of AS duplicate_of
             FROM actions a JOIN plans p ON p.id = a.plan_id
             WHERE {versions}
             ORDER BY a.objective_id, a.position",
            pid,
        )
        .await?;
    grouped(&rows, "objective_id", |r| {
        let id: i64 = r.try_get("id")?;
        let mut action = Action {
            id: r.try_get("uid")?,
            number: r.try_get("number")?,
            text: r.try_get("text")?,
            sources: codec::parse_text_list(&r.try_get::<String, _>("sources")?)?,
            timescale: codec::timescale_from_row(r)?,
            leads: leads.remove(&id).unwrap_or_default(),
            references: references.remove(&id).unwrap_or_default(),
            reference_phrases: codec::parse_text_list(
                &r.try_get::<String, _>("reference_phrases")?,
            )?,
            duplicate_of: r.try_get("duplicate_of")?,
        };
        if let Some(rev) = revisions.remove(&id) {
            rev.apply(&mut action);
        }
        Ok(action)
    })
}
