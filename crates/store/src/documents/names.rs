//! What people type, to ids within one partnership: a lead role by its id, a sub-group by its
//! name, a meeting by its date (the board's, or a sub-group's when one is named). Each miss is
//! refused naming what there is to choose from.

use domain::Date;
use sqlx::{AnyConnection, Row};

use crate::codec;
use crate::error::{Result, StoreError};
use crate::sql::fetch;

/// The role with id `slug`; the error lists the roles.
pub(crate) async fn role(conn: &mut AnyConnection, pid: i64, slug: &str) -> Result<i64> {
    let rows = fetch(
        conn,
        "SELECT id, slug FROM roles WHERE partnership_id = $1 ORDER BY position, id",
        pid,
    )
    .await?;
    for r in &rows {
        if r.try_get::<String, _>("slug")?
            .eq_ignore_ascii_case(slug.trim())
        {
            return Ok(r.try_get("id")?);
        }
    }
    let known: Vec<String> = rows
        .iter()
        .map(|r| r.try_get::<String, _>("slug"))
        .collect::<std::result::Result<_, _>>()?;
    Err(StoreError::invalid(format!(
        "owner: \"{slug}\" is not one of the board's lead roles ({}). Name one of them",
        if known.is_empty() {
            "it has none yet".to_string()
        } else {
            known.join(", ")
        }
    )))
}

/// The sub-group called `name` (case aside); the error lists the sub-groups.
pub(crate) async fn subgroup(conn: &mut AnyConnection, pid: i64, name: &str) -> Result<i64> {
    let rows = fetch(
        conn,
        "SELECT id, name FROM subgroups WHERE partnership_id = $1 ORDER BY position, id",
        pid,
    )
    .await?;
    let mut known = Vec::with_capacity(rows.len());
    for r in &rows {
        let n: String = r.try_get("name")?;
        if n.eq_ignore_ascii_case(name.trim()) {
            return Ok(r.try_get("id")?);
        }
        known.push(n);
    }
    Err(StoreError::invalid(format!(
        "subgroup: \"{name}\" is not one of the partnership's sub-groups ({}). Name one of them",
        known.join(", ")
    )))
}

/// The meeting held on `date`: the board's, or sub-group `subgroup`'s.
pub(crate) async fn meeting(
    conn: &mut AnyConnection,
    pid: i64,
    date: Date,
    subgroup: Option<i64>,
) -> Result<i64> {
    let row = sqlx::query(
        "SELECT id FROM meetings WHERE partnership_id = $1 AND date = $2
             AND COALESCE(subgroup_id, -1) = $3
         ORDER BY id",
    )
    .bind(pid)
    .bind(codec::date_text(date))
    .bind(subgroup.unwrap_or(-1))
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some(r) => Ok(r.try_get("id")?),
        None => Err(StoreError::invalid(format!(
            "meeting: no {} meeting is recorded on {date}. Record it first (boardplan meeting \
             add {date}), or give the date of the meeting that approved it",
            if subgroup.is_some() {
                "sub-group"
            } else {
                "board"
            }
        ))),
    }
}
