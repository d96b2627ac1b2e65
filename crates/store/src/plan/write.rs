//! Writing one version of a plan: the plan row, its objectives and actions in their order,
//! their leads and the cross-references between actions, each table in a few multi-row
//! statements. And superseding the version it replaces.

use std::collections::HashMap;

use domain::{Period, Plan, PlanStatus, Timescale};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::{ChangeBatch, ChangeOp, Diff};
use crate::codec::{self, TIMESCALE_COLUMNS};
use crate::error::{Result, StoreError};
use crate::sql::{Value, id_of, insert_rows};

use super::read::StoredPlan;

/// The document a tree was imported from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file name as the user gave it.
    pub name: String,
    /// Hex SHA-256 of the document's bytes.
    pub sha256: String,
}

/// Where a new version goes and what it came from.
pub(crate) struct NewVersion<'a> {
    pub plan: &'a Plan,
    pub version: i64,
    pub position: i64,
    pub source: &'a Source,
    pub at: &'a str,
}

impl NewVersion<'_> {
    fn key(&self) -> String {
        format!("{} v{}", self.plan.title, self.version)
    }
}

#[derive(Serialize)]
struct PlanEntry<'a> {
    title: &'a str,
    period: Period,
    status: PlanStatus,
    version: i64,
    source_name: &'a str,
    source_sha256: &'a str,
}

/// An objective as the change log records it: its actions are entries of their own.
#[derive(Serialize)]
struct ObjectiveEntry<'a> {
    number: &'a str,
    title: &'a str,
    sources: &'a [String],
    timescale: Option<&'a Timescale>,
    leads: &'a [String],
}

/// Insert version `v` of a plan into partnership `pid`; `roles` maps role slugs to ids.
pub(crate) async fn insert_version(
    conn: &mut AnyConnection,
    pid: i64,
    v: &NewVersion<'_>,
    roles: &HashMap<String, i64>,
    log: &mut ChangeBatch,
) -> Result<()> {
    let plan = v.plan;
    let row = sqlx::query(
        "INSERT INTO plans (partnership_id, position, title, period_start, period_end, status,
                            version, source_name, source_sha256, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(pid)
    .bind(v.position)
    .bind(plan.title.as_str())
    .bind(codec::date_text(plan.period.start))
    .bind(codec::date_text(plan.period.end))
    .bind(codec::plan_status(plan.status))
    .bind(v.version)
    .bind(v.source.name.as_str())
    .bind(v.source.sha256.as_str())
    .bind(v.at)
    .fetch_one(&mut *conn)
    .await?;
    let plan_id: i64 = row.try_get("id")?;
    let entry = PlanEntry {
        title: &plan.title,
        period: plan.period,
        status: plan.status,
        version: v.version,
        source_name: &v.source.name,
        source_sha256: &v.source.sha256,
    };
    log.record::<(), _>("plan", v.key(), ChangeOp::Import, None, Some(&entry))?;
    let objective_ids = objectives(conn, pid, plan_id, v, roles, log).await?;
    actions(conn, pid, plan_id, v, &objective_ids, roles, log).await
}

/// Mark `current` as superseded at `at`.
pub(crate) async fn supersede(
    conn: &mut AnyConnection,
    current: &StoredPlan,
    at: &str,
    log: &mut ChangeBatch,
) -> Result<()> {
    let done =
        sqlx::query("UPDATE plans SET superseded_at = $1 WHERE id = $2 AND superseded_at IS NULL")
            .bind(at)
            .bind(current.id)
            .execute(&mut *conn)
            .await?;
    if done.rows_affected() != 1 {
        return Err(StoreError::Conflict {
            what: format!(
                "version {} of the plan \"{}\" was replaced by someone else at the same moment; \
                 nothing was written, try again",
                current.version, current.plan.title
            ),
        });
    }
    let mut diff = Diff::default();
    diff.field("superseded_at", &None, &Some(at))?;
    diff.record(
        log,
        "plan",
        format!("{} v{}", current.plan.title, current.version),
    )
}

/// Lead rows for `owner_id`'s roles, in order.
fn lead_rows(
    pid: i64,
    owner_id: i64,
    leads: &[String],
    roles: &HashMap<String, i64>,
    whose: impl Fn() -> String,
) -> Result<Vec<Vec<Value>>> {
    (0..)
        .zip(leads)
        .map(|(i, slug)| {
            let role = id_of(roles, slug, "lead role", &whose)?;
            Ok(vec![
                Value::from(pid),
                Value::from(owner_id),
                Value::from(i),
                Value::from(role),
            ])
        })
        .collect()
}

/// Returns each objective's id, in plan order.
async fn objectives(
    conn: &mut AnyConnection,
    pid: i64,
    plan_id: i64,
    v: &NewVersion<'_>,
    roles: &HashMap<String, i64>,
    log: &mut ChangeBatch,
) -> Result<Vec<i64>> {
    let mut rows = Vec::with_capacity(v.plan.objectives.len());
    for (position, o) in (0..).zip(&v.plan.objectives) {
        let mut row = vec![
            Value::from(pid),
            Value::from(plan_id),
            Value::from(position),
            Value::from(o.number.as_str()),
            Value::from(o.title.as_str()),
            Value::from(codec::text_list(&o.sources)?),
        ];
        row.extend(codec::timescale_values(o.timescale.as_ref()));
        rows.push(row);
        let entry = ObjectiveEntry {
            number: &o.number,
            title: &o.title,
            sources: &o.sources,
            timescale: o.timescale.as_ref(),
            leads: &o.leads,
        };
        log.created("objective", format!("{} / {}", v.key(), o.number), &entry)?;
    }
    let mut columns = vec![
        "partnership_id",
        "plan_id",
        "position",
        "number",
        "title",
        "sources",
    ];
    columns.extend(TIMESCALE_COLUMNS);
    let returned = insert_rows(conn, "objectives", &columns, rows, Some("id, position")).await?;
    let mut ids = vec![0; v.plan.objectives.len()];
    for r in returned {
        let position: i64 = r.try_get("position")?;
        let slot = usize::try_from(position).ok().and_then(|p| ids.get_mut(p));
        let Some(slot) = slot else {
            return Err(StoreError::invalid(
                "an objective came back at a position it was not given",
            ));
        };
        *slot = r.try_get("id")?;
    }
    let mut leads = Vec::new();
    for (o, id) in v.plan.objectives.iter().zip(&ids) {
        let whose = || format!("in the plan \"{}\", objective {}", v.plan.title, o.number);
        leads.extend(lead_rows(pid, *id, &o.leads, roles, whose)?);
    }
    let columns = ["partnership_id", "objective_id", "position", "role_id"];
    insert_rows(conn, "objective_leads", &columns, leads, None).await?;
    Ok(ids)
}

async fn actions(
    conn: &mut AnyConnection,
    pid: i64,
    plan_id: i64,
    v: &NewVersion<'_>,
    objective_ids: &[i64],
    roles: &HashMap<String, i64>,
    log: &mut ChangeBatch,
) -> Result<()> {
    let mut rows = Vec::new();
    for (o, objective_id) in v.plan.objectives.iter().zip(objective_ids) {
        for (position, a) in (0..).zip(&o.actions) {
            let mut row = vec![
                Value::from(pid),
                Value::from(plan_id),
                Value::from(*objective_id),
                Value::from(position),
                Value::from(a.id.as_str()),
                Value::from(a.number.as_str()),
                Value::from(a.text.as_str()),
                Value::from(codec::text_list(&a.sources)?),
            ];
            row.extend(codec::timescale_values(a.timescale.as_ref()));
            row.push(Value::from(codec::text_list(&a.reference_phrases)?));
            row.push(Value::from(a.duplicate_of.clone()));
            rows.push(row);
            log.created("action", format!("{} / {}", v.key(), a.id), a)?;
        }
    }
    let mut columns = vec![
        "partnership_id",
        "plan_id",
        "objective_id",
        "position",
        "uid",
        "number",
        "text",
        "sources",
    ];
    columns.extend(TIMESCALE_COLUMNS);
    columns.extend(["reference_phrases", "duplicate_of"]);
    let mut ids = HashMap::new();
    for r in insert_rows(conn, "actions", &columns, rows, Some("id, uid")).await? {
        ids.insert(r.try_get::<String, _>("uid")?, r.try_get::<i64, _>("id")?);
    }
    let mut leads = Vec::new();
    let mut references = Vec::new();
    for (_, a) in v.plan.actions() {
        let whose = || format!("in the plan \"{}\", action {}", v.plan.title, a.id);
        let id = id_of(&ids, &a.id, "action", whose)?;
        leads.extend(lead_rows(pid, id, &a.leads, roles, whose)?);
        for (position, target) in (0..).zip(&a.references) {
            let to = id_of(&ids, target, "action", whose)?;
            references.push(vec![
                Value::from(pid),
                Value::from(id),
                Value::from(position),
                Value::from(to),
            ]);
        }
    }
    let columns = ["partnership_id", "action_id", "position", "role_id"];
    insert_rows(conn, "action_leads", &columns, leads, None).await?;
    let columns = [
        "partnership_id",
        "from_action_id",
        "position",
        "to_action_id",
    ];
    insert_rows(conn, "cross_references", &columns, references, None).await?;
    Ok(())
}
