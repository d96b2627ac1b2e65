//! Reading a partnership back as the domain tree: one query per table (never per row),
//! assembled in memory in the order it was imported. Only current plan versions are read.

use std::collections::HashMap;

use domain::{
    Action, Agency, Meeting, Objective, Partnership, Period, Plan, Recommendation, Review, Role,
    Subgroup,
};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::codec;
use crate::error::{Result, StoreError};

/// A current plan version as stored, with its place among the partnership's plans.
pub(crate) struct StoredPlan {
    pub id: i64,
    pub version: i64,
    pub position: i64,
    pub source_name: String,
    pub source_sha256: String,
    pub plan: Plan,
}

pub(crate) async fn partnership_id(conn: &mut AnyConnection, slug: &str) -> Result<Option<i64>> {
    let row = sqlx::query("SELECT id FROM partnerships WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|r| r.try_get::<i64, _>("id")).transpose()?)
}

/// The partnership's id, or NotFound naming the slug.
pub(crate) async fn require_partnership(conn: &mut AnyConnection, slug: &str) -> Result<i64> {
    partnership_id(conn, slug)
        .await?
        .ok_or_else(|| StoreError::not_found(format!("the partnership \"{slug}\"")))
}

/// The whole tree of the partnership `slug`.
pub(crate) async fn load(conn: &mut AnyConnection, slug: &str) -> Result<Option<Partnership>> {
    let Some(row) =
        sqlx::query("SELECT id, name, area, meetings_per_year FROM partnerships WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&mut *conn)
            .await?
    else {
        return Ok(None);
    };
    let pid: i64 = row.try_get("id")?;
    let subgroups = subgroups(conn, pid).await?;
    let names: HashMap<i64, String> = subgroups
        .iter()
        .map(|(id, s)| (*id, s.name.clone()))
        .collect();
    Ok(Some(Partnership {
        name: row.try_get("name")?,
        area: row.try_get("area")?,
        meetings_per_year: row
            .try_get::<Option<i64>, _>("meetings_per_year")?
            .map(|n| codec::to_u32(n, "meetings a year"))
            .transpose()?,
        agencies: agencies(conn, pid).await?,
        subgroups: subgroups.into_iter().map(|(_, s)| s).collect(),
        roles: roles(conn, pid, &names)
            .await?
            .into_iter()
            .map(|(_, r)| r)
            .collect(),
        reviews: reviews(conn, pid).await?,
        meetings: meetings(conn, pid, &names).await?,
        plans: current_plans(conn, pid)
            .await?
            .into_iter()
            .map(|s| s.plan)
            .collect(),
    }))
}

async fn fetch(conn: &mut AnyConnection, sql: &'static str, pid: i64) -> Result<Vec<AnyRow>> {
    Ok(sqlx::query(sql).bind(pid).fetch_all(&mut *conn).await?)
}

/// Rows grouped by their `owner` column, each group in query order.
fn grouped<T>(
    rows: &[AnyRow],
    owner: &str,
    mut item: impl FnMut(&AnyRow) -> Result<T>,
) -> Result<HashMap<i64, Vec<T>>> {
    let mut groups: HashMap<i64, Vec<T>> = HashMap::new();
    for r in rows {
        groups.entry(r.try_get(owner)?).or_default().push(item(r)?);
    }
    Ok(groups)
}

async fn agencies(conn: &mut AnyConnection, pid: i64) -> Result<Vec<Agency>> {
    let rows = fetch(
        conn,
        "SELECT name FROM agencies WHERE partnership_id = $1 ORDER BY position, id",
        pid,
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Agency {
                name: r.try_get("name")?,
            })
        })
        .collect()
}

/// The sub-groups with their ids.
pub(crate) async fn subgroups(conn: &mut AnyConnection, pid: i64) -> Result<Vec<(i64, Subgroup)>> {
    let rows = fetch(
        conn,
        "SELECT id, name, status, terms_of_reference FROM subgroups
         WHERE partnership_id = $1 ORDER BY position, id",
        pid,
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("id")?,
                Subgroup {
                    name: r.try_get("name")?,
                    status: codec::parse_subgroup_status(&r.try_get::<String, _>("status")?)?,
                    terms_of_reference: r.try_get("terms_of_reference")?,
                },
            ))
        })
        .collect()
}

fn subgroup_name(names: &HashMap<i64, String>, id: Option<i64>) -> Result<Option<String>> {
    id.map(|id| {
        names
            .get(&id)
            .cloned()
            .ok_or_else(|| StoreError::invalid("the database names a sub-group it does not hold"))
    })
    .transpose()
}

/// The lead roles with their ids; `subgroups` maps sub-group ids to names.
pub(crate) async fn roles(
    conn: &mut AnyConnection,
    pid: i64,
    subgroups: &HashMap<i64, String>,
) -> Result<Vec<(i64, Role)>> {
    let alias_rows = fetch(
        conn,
        "SELECT role_id, alias FROM role_aliases WHERE partnership_id = $1 ORDER BY role_id, position",
        pid,
    )
    .await?;
    let mut aliases = grouped(&alias_rows, "role_id", |r| {
        Ok(r.try_get::<String, _>("alias")?)
    })?;
    let rows = fetch(
        conn,
        "SELECT id, slug, title, subgroup_id FROM roles WHERE partnership_id = $1 ORDER BY position, id",
        pid,
    )
    .await?;
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get("id")?;
            Ok((
                id,
                Role {
                    id: r.try_get("slug")?,
                    title: r.try_get("title")?,
                    aliases: aliases.remove(&id).unwrap_or_default(),
                    subgroup: subgroup_name(subgroups, r.try_get("subgroup_id")?)?,
                },
            ))
        })
        .collect()
}

async fn reviews(conn: &mut AnyConnection, pid: i64) -> Result<Vec<Review>> {
    let link_rows = fetch(
        conn,
        "SELECT recommendation_id, target FROM trace_links
         WHERE partnership_id = $1 ORDER BY recommendation_id, position",
        pid,
    )
    .await?;
    let mut links = grouped(&link_rows, "recommendation_id", |r| {
        Ok(r.try_get::<String, _>("target")?)
    })?;
    let rec_rows = fetch(
        conn,
        "SELECT id, review_id, number, text FROM recommendations
         WHERE partnership_id = $1 ORDER BY review_id, number",
        pid,
    )
    .await?;
    let mut recs = grouped(&rec_rows, "review_id", |r| {
        Ok(Recommendation {
            number: codec::to_u32(r.try_get("number")?, "a recommendation number")?,
            text: r.try_get("text")?,
            answered_by: links
                .remove(&r.try_get::<i64, _>("id")?)
                .unwrap_or_default(),
        })
    })?;
    let rows = fetch(
        conn,
        "SELECT id, code, title, kind, date, date_label FROM reviews
         WHERE partnership_id = $1 ORDER BY position, id",
        pid,
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Review {
                code: r.try_get("code")?,
                title: r.try_get("title")?,
                kind: codec::parse_review_kind(&r.try_get::<String, _>("kind")?)?,
                date: codec::opt_date(r.try_get("date")?)?,
                date_label: r.try_get("date_label")?,
                recommendations: recs.remove(&r.try_get::<i64, _>("id")?).unwrap_or_default(),
            })
        })
        .collect()
}

async fn meetings(
    conn: &mut AnyConnection,
    pid: i64,
    subgroups: &HashMap<i64, String>,
) -> Result<Vec<Meeting>> {
    let rows = fetch(
        conn,
        "SELECT date, kind, subgroup_id FROM meetings WHERE partnership_id = $1 ORDER BY position, id",
        pid,
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Meeting {
                date: codec::parse_date(&r.try_get::<String, _>("date")?)?,
                kind: codec::parse_meeting_kind(&r.try_get::<String, _>("kind")?)?,
                subgroup: subgroup_name(subgroups, r.try_get("subgroup_id")?)?,
            })
        })
        .collect()
}

/// The current version of each of the partnership's plans, in their order.
pub(crate) async fn current_plans(conn: &mut AnyConnection, pid: i64) -> Result<Vec<StoredPlan>> {
    let lead_rows = fetch(
        conn,
        "SELECT l.objective_id AS owner, r.slug AS slug
         FROM objective_leads l
         JOIN objectives o ON o.id = l.objective_id
         JOIN plans p ON p.id = o.plan_id
         JOIN roles r ON r.id = l.role_id
         WHERE l.partnership_id = $1 AND p.superseded_at IS NULL
         ORDER BY l.objective_id, l.position",
        pid,
    )
    .await?;
    let mut objective_leads =
        grouped(&lead_rows, "owner", |r| Ok(r.try_get::<String, _>("slug")?))?;
    let mut actions = actions(conn, pid).await?;
    let rows = fetch(
        conn,
        "SELECT o.id AS id, o.plan_id AS plan_id, o.number AS number, o.title AS title,
                o.sources AS sources, o.ts_label AS ts_label, o.ts_due AS ts_due,
                o.ts_period_start AS ts_period_start, o.ts_period_end AS ts_period_end,
                o.ts_recurrence AS ts_recurrence, o.ts_inferred AS ts_inferred
         FROM objectives o JOIN plans p ON p.id = o.plan_id
         WHERE o.partnership_id = $1 AND p.superseded_at IS NULL
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
    let rows = fetch(
        conn,
        "SELECT id, title, period_start, period_end, status, version, position, source_name,
                source_sha256
         FROM plans WHERE partnership_id = $1 AND superseded_at IS NULL ORDER BY position, id",
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

/// The actions of the current plan versions, grouped by objective id.
async fn actions(conn: &mut AnyConnection, pid: i64) -> Result<HashMap<i64, Vec<Action>>> {
    let lead_rows = fetch(
        conn,
        "SELECT l.action_id AS owner, r.slug AS slug
         FROM action_leads l
         JOIN actions a ON a.id = l.action_id
         JOIN plans p ON p.id = a.plan_id
         JOIN roles r ON r.id = l.role_id
         WHERE l.partnership_id = $1 AND p.superseded_at IS NULL
         ORDER BY l.action_id, l.position",
        pid,
    )
    .await?;
    let mut leads = grouped(&lead_rows, "owner", |r| Ok(r.try_get::<String, _>("slug")?))?;
    let ref_rows = fetch(
        conn,
        "SELECT c.from_action_id AS owner, t.uid AS uid
         FROM cross_references c
         JOIN actions f ON f.id = c.from_action_id
         JOIN plans p ON p.id = f.plan_id
         JOIN actions t ON t.id = c.to_action_id
         WHERE c.partnership_id = $1 AND p.superseded_at IS NULL
         ORDER BY c.from_action_id, c.position",
        pid,
    )
    .await?;
    let mut references = grouped(&ref_rows, "owner", |r| Ok(r.try_get::<String, _>("uid")?))?;
    let rows = fetch(
        conn,
        "SELECT a.id AS id, a.objective_id AS objective_id, a.uid AS uid, a.number AS number,
                a.text AS text, a.sources AS sources, a.ts_label AS ts_label, a.ts_due AS ts_due,
                a.ts_period_start AS ts_period_start, a.ts_period_end AS ts_period_end,
                a.ts_recurrence AS ts_recurrence, a.ts_inferred AS ts_inferred,
                a.reference_phrases AS reference_phrases, a.duplicate_of AS duplicate_of
         FROM actions a JOIN plans p ON p.id = a.plan_id
         WHERE a.partnership_id = $1 AND p.superseded_at IS NULL
         ORDER BY a.objective_id, a.position",
        pid,
    )
    .await?;
    grouped(&rows, "objective_id", |r| {
        let id: i64 = r.try_get("id")?;
        Ok(Action {
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
        })
    })
}
