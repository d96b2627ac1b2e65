//! Reading updates back as the domain's [`Update`]s: all of an action's, a plan's as recorded
//! by a moment, and the one that rates each action, now or as at a date.
//!
//! "Now" follows each tracked action's `latest_update_id` (one join). "As at" is, per action,
//! one descending seek on `progress_updates_latest` (partnership, action, as_of, recorded_at,
//! id) for the latest update recorded by then that nothing recorded by then corrects.

use std::collections::HashMap;

use domain::{Evidence, Percent, Rag, Update};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::codec;
use crate::dialect::{self, Backend};
use crate::error::{Result, StoreError};
use crate::plan_read::grouped;
use crate::progress_evidence::Checked;

const COLUMNS: &str = "u.id AS id, t.uid AS uid, u.rag AS rag, u.percent AS percent,
    u.narrative AS narrative, u.as_of AS as_of, u.author AS author,
    u.recorded_at AS recorded_at, u.corrects_id AS corrects_id";

pub(crate) fn parse_rag(text: &str) -> Result<Rag> {
    Rag::ALL
        .into_iter()
        .find(|r| r.as_str() == text)
        .ok_or_else(|| StoreError::invalid(format!("the database holds an unknown RAG \"{text}\"")))
}

pub(crate) fn parse_at(text: &str) -> Result<jiff::Timestamp> {
    text.parse()
        .map_err(|_| StoreError::invalid(format!("the database holds \"{text}\" as a time")))
}

/// An update from a row of [`COLUMNS`], without its evidence.
fn update(r: &AnyRow) -> Result<Update> {
    let percent = r
        .try_get::<Option<i64>, _>("percent")?
        .map(|p| Percent::new(p).map_err(|e| StoreError::invalid(e.to_string())))
        .transpose()?;
    Ok(Update {
        id: r.try_get("id")?,
        action: r.try_get("uid")?,
        rag: parse_rag(&r.try_get::<String, _>("rag")?)?,
        percent,
        narrative: r.try_get("narrative")?,
        as_of: codec::parse_date(&r.try_get::<String, _>("as_of")?)?,
        author: r.try_get("author")?,
        recorded_at: parse_at(&r.try_get::<String, _>("recorded_at")?)?,
        evidence: Vec::new(),
        corrects: r.try_get("corrects_id")?,
    })
}

/// Store one piece of evidence of update `update_id` (its file already kept).
pub(crate) async fn insert_evidence(
    conn: &mut AnyConnection,
    pid: i64,
    update_id: i64,
    position: i64,
    e: Checked,
) -> Result<Evidence> {
    let (kind, evidence) = match e {
        Checked::File(f) => (
            "file",
            Evidence::File {
                size: f.bytes.len() as u64,
                sha256: f.sha256,
                name: f.name,
                media_type: f.media_type.to_string(),
            },
        ),
        Checked::Link { url, title } => ("link", Evidence::Link { url, title }),
    };
    let (sha256, name, url, title) = match &evidence {
        Evidence::File { sha256, name, .. } => (Some(sha256), Some(name), None, None),
        Evidence::Link { url, title } => (None, None, Some(url), title.as_ref()),
    };
    sqlx::query(
        "INSERT INTO update_evidence (partnership_id, update_id, position, kind, sha256, name,
                                      url, title)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(pid)
    .bind(update_id)
    .bind(position)
    .bind(kind)
    .bind(sha256.map(String::as_str))
    .bind(name.map(String::as_str))
    .bind(url.map(String::as_str))
    .bind(title.map(String::as_str))
    .execute(&mut *conn)
    .await?;
    Ok(evidence)
}

/// The update that rates tracked action `tracked` now: the latest by (as_of, recorded_at, id)
/// that nothing corrects.
pub(crate) async fn latest_of(
    conn: &mut AnyConnection,
    pid: i64,
    tracked: i64,
) -> Result<Option<i64>> {
    let row = sqlx::query(
        "SELECT x.id AS id FROM progress_updates x
         WHERE x.partnership_id = $1 AND x.tracked_action_id = $2
           AND NOT EXISTS (SELECT 1 FROM progress_updates c WHERE c.corrects_id = x.id)
         ORDER BY x.as_of DESC, x.recorded_at DESC, x.id DESC LIMIT 1",
    )
    .bind(pid)
    .bind(tracked)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|r| r.try_get::<i64, _>("id")).transpose()?)
}

/// The update that rates each action of the plan titled `plan` now.
pub(crate) async fn latest_now(
    conn: &mut AnyConnection,
    pid: i64,
    plan: &str,
) -> Result<Vec<Update>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM tracked_actions t JOIN progress_updates u ON u.id = t.latest_update_id
         WHERE t.partnership_id = $1 AND t.plan_title = $2"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(pid)
        .bind(plan)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(update).collect()
}

/// The update that rated each action of the plan titled `plan` as at the date `as_of`, as
/// recorded by `at`.
pub(crate) async fn latest_as_at(
    conn: &mut AnyConnection,
    pid: i64,
    plan: &str,
    as_of: &str,
    at: &str,
) -> Result<Vec<Update>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM tracked_actions t JOIN progress_updates u ON u.id = (
            SELECT x.id FROM progress_updates x
            WHERE x.partnership_id = t.partnership_id AND x.tracked_action_id = t.id
              AND x.as_of <= $3 AND x.recorded_at <= $4
              AND NOT EXISTS (SELECT 1 FROM progress_updates c
                              WHERE c.corrects_id = x.id AND c.recorded_at <= $4)
            ORDER BY x.as_of DESC, x.recorded_at DESC, x.id DESC LIMIT 1)
         WHERE t.partnership_id = $1 AND t.plan_title = $2"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(pid)
        .bind(plan)
        .bind(as_of)
        .bind(at)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(update).collect()
}

/// The blue (complete) updates of the actions `uids` of the plan `plan` that count as at
/// `as_of` as recorded by `at`: what meets a recurring action's occurrences.
pub(crate) async fn blue_as_at(
    conn: &mut AnyConnection,
    pid: i64,
    plan: &str,
    uids: &[&str],
    as_of: &str,
    at: &str,
) -> Result<Vec<Update>> {
    if uids.is_empty() {
        return Ok(Vec::new());
    }
    let backend = dialect::backend_of(conn)?;
    let p = |n| placeholder(backend, n);
    let list: Vec<String> = (0..uids.len()).map(|n| p(n + 6)).collect();
    let sql = format!(
        "SELECT {COLUMNS} FROM tracked_actions t JOIN progress_updates u
             ON u.partnership_id = t.partnership_id AND u.tracked_action_id = t.id
         WHERE t.partnership_id = {} AND t.plan_title = {} AND u.rag = 'blue'
           AND u.as_of <= {} AND u.recorded_at <= {}
           AND NOT EXISTS (SELECT 1 FROM progress_updates c
                           WHERE c.corrects_id = u.id AND c.recorded_at <= {})
           AND t.uid IN ({})",
        p(1),
        p(2),
        p(3),
        p(4),
        p(5),
        list.join(", ")
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(pid)
        .bind(plan)
        .bind(as_of)
        .bind(at)
        .bind(at);
    for u in uids {
        q = q.bind(*u);
    }
    let rows = q.fetch_all(&mut *conn).await?;
    rows.iter().map(update).collect()
}

fn placeholder(backend: Backend, n: usize) -> String {
    let mut s = String::new();
    dialect::push_placeholder(backend, &mut s, n);
    s
}

/// Every update of the plan `plan` recorded by `at` (or only tracked action `tracked`'s),
/// oldest first, with their evidence.
pub(crate) async fn all(
    conn: &mut AnyConnection,
    pid: i64,
    plan: &str,
    tracked: Option<i64>,
    at: &str,
) -> Result<Vec<Update>> {
    let filter = "t.partnership_id = $1 AND t.plan_title = $2 AND ($3 < 0 OR t.id = $3)
                  AND u.recorded_at <= $4";
    let sql = format!(
        "SELECT {COLUMNS} FROM tracked_actions t JOIN progress_updates u
             ON u.partnership_id = t.partnership_id AND u.tracked_action_id = t.id
         WHERE {filter} ORDER BY u.recorded_at, u.id"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(pid)
        .bind(plan)
        .bind(tracked.unwrap_or(-1))
        .bind(at)
        .fetch_all(&mut *conn)
        .await?;
    let sql = format!(
        "SELECT e.update_id AS update_id, e.kind AS kind, e.sha256 AS sha256, e.name AS name,
                e.url AS url, e.title AS title, b.media_type AS media_type, b.size AS size
         FROM tracked_actions t
         JOIN progress_updates u ON u.partnership_id = t.partnership_id AND u.tracked_action_id = t.id
         JOIN update_evidence e ON e.update_id = u.id
         LEFT JOIN blobs b ON b.partnership_id = e.partnership_id AND b.sha256 = e.sha256
         WHERE {filter} ORDER BY e.update_id, e.position"
    );
    let evidence_rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(pid)
        .bind(plan)
        .bind(tracked.unwrap_or(-1))
        .bind(at)
        .fetch_all(&mut *conn)
        .await?;
    let mut evidence: HashMap<i64, Vec<Evidence>> =
        grouped(&evidence_rows, "update_id", evidence_of)?;
    rows.iter()
        .map(|r| {
            let mut u = update(r)?;
            u.evidence = evidence.remove(&u.id).unwrap_or_default();
            Ok(u)
        })
        .collect()
}

fn evidence_of(r: &AnyRow) -> Result<Evidence> {
    match r.try_get::<String, _>("kind")?.as_str() {
        "file" => Ok(Evidence::File {
            sha256: r
                .try_get::<Option<String>, _>("sha256")?
                .unwrap_or_default(),
            name: r.try_get::<Option<String>, _>("name")?.unwrap_or_default(),
            media_type: r
                .try_get::<Option<String>, _>("media_type")?
                .unwrap_or_default(),
            size: u64::try_from(r.try_get::<Option<i64>, _>("size")?.unwrap_or(0)).unwrap_or(0),
        }),
        "link" => Ok(Evidence::Link {
            url: r.try_get::<Option<String>, _>("url")?.unwrap_or_default(),
            title: r.try_get("title")?,
        }),
        other => Err(StoreError::invalid(format!(
            "the database holds an unknown kind of evidence \"{other}\""
        ))),
    }
}
