//! Reading a partnership back as the domain tree: one query per table (never per row),
//! assembled in memory in the order it was imported. The plans are read by `read`, as
//! they stand now or as they stood at a moment; so are the meetings recorded by then.

use std::collections::HashMap;

use domain::{Agency, Meeting, Partnership, Recommendation, Review, Role, Subgroup};
use sqlx::{AnyConnection, Row};

use crate::codec;
use crate::error::{Result, StoreError};
use crate::sql::{fetch, grouped};

use super::read::{self, StoredPlan};
use super::versions::Versions;

/// The whole tree of the partnership `slug`, as it stands now.
pub(crate) async fn load(conn: &mut AnyConnection, slug: &str) -> Result<Option<Partnership>> {
    load_at(conn, slug, &Versions::current()).await
}

/// The whole tree of the partnership `slug` with its plans and meetings as `v` selects them.
pub(crate) async fn load_at(
    conn: &mut AnyConnection,
    slug: &str,
    v: &Versions,
) -> Result<Option<Partnership>> {
    let Some(row) = sqlx::query(
        "SELECT id, name, area, meetings_per_year FROM partnerships
         WHERE slug = $1 AND created_at <= $2",
    )
    .bind(slug)
    .bind(v.at.as_str())
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
        meetings: meetings(conn, pid, &names, &v.at).await?,
        plans: read::plans(conn, pid, v)
            .await?
            .into_iter()
            .map(|s| s.plan)
            .collect(),
    }))
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

/// The meetings recorded by `at` (those that came with an imported document always).
pub(crate) async fn meetings(
    conn: &mut AnyConnection,
    pid: i64,
    subgroups: &HashMap<i64, String>,
    at: &str,
) -> Result<Vec<Meeting>> {
    let rows = sqlx::query(
        "SELECT date, kind, subgroup_id FROM meetings
         WHERE partnership_id = $1 AND (recorded_at IS NULL OR recorded_at <= $2)
         ORDER BY position, id",
    )
    .bind(pid)
    .bind(at)
    .fetch_all(&mut *conn)
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
    read::plans(conn, pid, &Versions::current()).await
}
