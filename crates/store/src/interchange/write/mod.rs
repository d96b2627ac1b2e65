//! Writing an interchange document's business into the import's transaction, after the plan
//! tree (so its agencies, sub-groups, roles and meetings are there to refer to). Every record
//! is checked as its own write checks it, and each goes into the import's change log.
//! A partnership that already has business of its own is refused: merging two member
//! registers or two minute books is not something to guess. Inside: `register` (agencies'
//! details, people, sub-groups, induction), `meetings` (their records) and `documents` (the
//! register with its files).

mod documents;
mod meetings;
mod register;

use std::collections::HashMap;

use domain::business::Business;
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::ChangeBatch;
use crate::error::{Result, StoreError};
use crate::sql::fetch;

use super::read::Files;
use documents::document_rows;
use meetings::{meeting_ids, meeting_rows};
use register::{agencies, induction_rows, people_rows, subgroup_rows};

/// A problem at `path` under `business`, nothing written.
pub(super) fn at(path: impl std::fmt::Display, problem: impl std::fmt::Display) -> StoreError {
    StoreError::invalid(format!("business.{path}: {problem}; nothing was imported"))
}

/// The tables where a partnership's own business lives, each asked whether it has a row.
const BUSINESS_TABLES: [&str; 9] = [
    "SELECT 1 AS one FROM people WHERE partnership_id = $1 LIMIT 1",
    "SELECT 1 AS one FROM documents WHERE partnership_id = $1 LIMIT 1",
    "SELECT 1 AS one FROM induction_items WHERE partnership_id = $1 LIMIT 1",
    "SELECT 1 AS one FROM meeting_settings WHERE partnership_id = $1 LIMIT 1",
    "SELECT 1 AS one FROM subgroup_details WHERE partnership_id = $1 LIMIT 1",
    "SELECT 1 AS one FROM subgroup_items WHERE partnership_id = $1 LIMIT 1",
    "SELECT 1 AS one FROM agency_contributions WHERE partnership_id = $1 LIMIT 1",
    "SELECT 1 AS one FROM agencies WHERE partnership_id = $1
         AND (kind IS NOT NULL OR representatives_expected IS NOT NULL) LIMIT 1",
    "SELECT 1 AS one FROM meetings WHERE partnership_id = $1
         AND (starts_at IS NOT NULL OR place IS NOT NULL OR minutes IS NOT NULL) LIMIT 1",
];

/// Whether partnership `pid` has any business of its own already (agenda items, attendance,
/// decisions and meeting actions hang on people or on meetings' details, or are asked too).
async fn has_business(conn: &mut AnyConnection, pid: i64) -> Result<bool> {
    for sql in BUSINESS_TABLES {
        if !fetch(conn, sql, pid).await?.is_empty() {
            return Ok(true);
        }
    }
    for table in ["agenda_items", "decisions", "meeting_actions"] {
        let sql = format!(
            "SELECT 1 AS one FROM meetings m JOIN {table} t ON t.meeting_id = m.id
             WHERE m.partnership_id = $1 LIMIT 1"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(pid)
            .fetch_all(&mut *conn)
            .await?;
        if !rows.is_empty() {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Names to ids within the partnership, case aside.
pub(super) async fn ids(
    conn: &mut AnyConnection,
    sql: &'static str,
    pid: i64,
) -> Result<HashMap<String, i64>> {
    fetch(conn, sql, pid)
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get::<String, _>("name")?.to_lowercase(),
                r.try_get("id")?,
            ))
        })
        .collect()
}

/// Write `b` (checked against the tree by the reader, and again here against the rows) into
/// partnership `pid`, whose plan tree the same transaction has just written. `existed`: the
/// partnership was there before this import.
pub(crate) async fn business(
    conn: &mut AnyConnection,
    pid: i64,
    existed: bool,
    b: &Business,
    files: &Files,
    at_time: &str,
    log: &mut ChangeBatch,
) -> Result<()> {
    if b.is_empty() {
        return Ok(());
    }
    if existed && has_business(conn, pid).await? {
        return Err(StoreError::Conflict {
            what: "this partnership already has business of its own (people, meetings' \
                   records, documents or induction), and the document's would be merged with it \
                   or duplicated; nothing was imported. Import the document into an empty \
                   database (boardplan --db NEW.db import FILE.json), or a version 1 \
                   document for the plan alone"
                .into(),
        });
    }
    agencies(conn, pid, b, log).await?;
    people_rows(conn, pid, b, at_time, log).await?;
    let subgroups = ids(
        conn,
        "SELECT id, name FROM subgroups WHERE partnership_id = $1",
        pid,
    )
    .await?;
    let people = ids(
        conn,
        "SELECT id, name FROM people WHERE partnership_id = $1",
        pid,
    )
    .await?;
    subgroup_rows(conn, pid, b, &subgroups, &people, log).await?;
    if let Some(r) = &b.meeting_settings {
        sqlx::query(
            "INSERT INTO meeting_settings (partnership_id, quorum_agencies, quorum_members,
                 attendance_threshold) VALUES ($1, $2, $3, $4)",
        )
        .bind(pid)
        .bind(r.quorum.agencies.map(i64::from))
        .bind(r.quorum.members.map(i64::from))
        .bind(i64::from(r.attendance_threshold))
        .execute(&mut *conn)
        .await?;
        log.created("meeting settings", "board", r)?;
    }
    let meetings = meeting_ids(conn, pid).await?;
    meeting_rows(conn, pid, b, &subgroups, &people, &meetings, log).await?;
    document_rows(conn, pid, b, files, &subgroups, &meetings, at_time, log).await?;
    induction_rows(conn, pid, b, &people, log).await
}

pub(super) fn find<'a>(
    map: &'a HashMap<String, i64>,
    name: &str,
    path: String,
    what: &str,
) -> Result<&'a i64> {
    map.get(&name.trim().to_lowercase())
        .ok_or_else(|| at(path, format!("\"{name}\" is not {what}")))
}
