//! Edits to single actions as dated revisions: each is the whole new state of the fields a
//! board edits between imports (text, timescale, leads), valid from the moment it was made.
//! The action row keeps what was imported; a reading as at a moment takes the latest revision
//! valid then.

use std::collections::HashMap;

use domain::{Action, Timescale};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::codec::{self, TIMESCALE_COLUMNS};
use crate::error::Result;
use crate::sql::{Value, grouped, id_of, insert_rows};

use super::versions::Versions;

/// The state an edit gives an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Revision {
    pub text: String,
    pub timescale: Option<Timescale>,
    pub leads: Vec<String>,
}

impl Revision {
    pub fn of(a: &Action) -> Self {
        Self {
            text: a.text.clone(),
            timescale: a.timescale.clone(),
            leads: a.leads.clone(),
        }
    }

    pub fn apply(self, a: &mut Action) {
        a.text = self.text;
        a.timescale = self.timescale;
        a.leads = self.leads;
    }
}

/// For each action of the plan versions `v` selects that was edited by `v.at`, its latest
/// revision then, by action row id.
pub(crate) async fn valid(
    conn: &mut AnyConnection,
    pid: i64,
    v: &Versions,
) -> Result<HashMap<i64, Revision>> {
    let upto = if v.edits_upto.is_some() {
        "AND r.id <= $4"
    } else {
        ""
    };
    let filter = format!(
        "r.partnership_id = $1 AND r.valid_from <= $2 AND {} {upto}",
        v.filter()
    );
    let lead_sql = format!(
        "SELECT l.revision_id AS owner, ro.slug AS slug
         FROM action_revision_leads l
         JOIN action_revisions r ON r.id = l.revision_id
         JOIN actions a ON a.id = r.action_id
         JOIN plans p ON p.id = a.plan_id
         JOIN roles ro ON ro.id = l.role_id
         WHERE {filter} ORDER BY l.revision_id, l.position"
    );
    let sql = format!(
        "SELECT r.id AS id, r.action_id AS action_id, r.text AS text, r.ts_label AS ts_label,
                r.ts_due AS ts_due, r.ts_period_start AS ts_period_start,
                r.ts_period_end AS ts_period_end, r.ts_recurrence AS ts_recurrence,
                r.ts_inferred AS ts_inferred
         FROM action_revisions r
         JOIN actions a ON a.id = r.action_id
         JOIN plans p ON p.id = a.plan_id
         WHERE {filter} ORDER BY r.action_id, r.valid_from, r.id"
    );
    let mut rows = Vec::with_capacity(2);
    for sql in [lead_sql, sql] {
        let mut q = v.bind(sqlx::query(sqlx::AssertSqlSafe(sql)), pid);
        if let Some(edit) = v.edits_upto {
            q = q.bind(edit);
        }
        rows.push(q.fetch_all(&mut *conn).await?);
    }
    let mut leads = grouped(&rows[0], "owner", |r| Ok(r.try_get::<String, _>("slug")?))?;
    let mut latest = HashMap::new();
    for r in &rows[1] {
        let id: i64 = r.try_get("id")?;
        let revision = Revision {
            text: r.try_get("text")?,
            timescale: codec::timescale_from_row(r)?,
            leads: leads.remove(&id).unwrap_or_default(),
        };
        // Rows come oldest first, so the last one kept per action is the latest.
        latest.insert(r.try_get::<i64, _>("action_id")?, revision);
    }
    Ok(latest)
}

/// Record `rev` for action row `action_id`, valid from `at`; `roles` maps role slugs to ids.
pub(crate) async fn insert(
    conn: &mut AnyConnection,
    pid: i64,
    action_id: i64,
    at: &str,
    actor: &str,
    rev: &Revision,
    roles: &HashMap<String, i64>,
) -> Result<i64> {
    let mut columns = vec!["partnership_id", "action_id", "valid_from", "text"];
    columns.extend(TIMESCALE_COLUMNS);
    columns.push("recorded_by");
    let mut row = vec![
        Value::from(pid),
        Value::from(action_id),
        Value::from(at),
        Value::from(rev.text.as_str()),
    ];
    row.extend(codec::timescale_values(rev.timescale.as_ref()));
    row.push(Value::from(actor));
    let returned = insert_rows(conn, "action_revisions", &columns, vec![row], Some("id")).await?;
    let mut id = 0;
    for r in returned {
        id = r.try_get("id")?;
    }
    let mut leads = Vec::with_capacity(rev.leads.len());
    for (position, slug) in (0_i64..).zip(&rev.leads) {
        let role = id_of(roles, slug, "lead role", || "the edit".to_string())?;
        leads.push(vec![
            Value::from(pid),
            Value::from(id),
            Value::from(position),
            Value::from(role),
        ]);
    }
    let columns = ["partnership_id", "revision_id", "position", "role_id"];
    insert_rows(conn, "action_revision_leads", &columns, leads, None).await?;
    Ok(id)
}

/// The partnership's role ids by slug.
pub(crate) async fn role_ids(conn: &mut AnyConnection, pid: i64) -> Result<HashMap<String, i64>> {
    let rows = sqlx::query("SELECT id, slug FROM roles WHERE partnership_id = $1")
        .bind(pid)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("slug")?, r.try_get("id")?)))
        .collect()
}
