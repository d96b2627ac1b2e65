//! Reading updates back as the domain's [`Update`]s: all of an action's, a plan's as recorded
//! by a moment, and the one that rates each action, now or as at a date.
//!
//! "Now" reads the latest update's rating kept on each tracked action (no update is read). "As at" is, per action,
//! one descending seek on `progress_updates_latest` (partnership, action, as_of, recorded_at,
//! id) for the latest update recorded by then that nothing recorded by then corrects.

use std::collections::HashMap;

use domain::{Evidence, Percent, Rag, Update};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::codec;
use crate::dialect::{self, Backend};
use crate::error::{Result, StoreError};
use crate::sql::grouped;

pub(super) const COLUMNS: &str = "u.id AS id, t.uid AS uid, u.rag AS rag, u.percent AS percent,
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

/// What the status rules read of an update: not its narrative, author or evidence.
pub(super) const RATING_COLUMNS: &str =
    "u.id AS id, t.uid AS uid, u.rag AS rag, u.percent AS percent,
    u.as_of AS as_of, u.recorded_at AS recorded_at, u.corrects_id AS corrects_id";

/// An update's rating from a row of [`RATING_COLUMNS`]: its narrative and author left empty.
pub(super) fn rating(r: &AnyRow) -> Result<Update> {
    let percent = r
        .try_get::<Option<i64>, _>("percent")?
        .map(|p| Percent::new(p).map_err(|e| StoreError::invalid(e.to_string())))
        .transpose()?;
    Ok(Update {
        id: r.try_get("id")?,
        action: r.try_get("uid")?,
        rag: parse_rag(&r.try_get::<String, _>("rag")?)?,
        percent,
        narrative: String::new(),
        as_of: codec::parse_date(&r.try_get::<String, _>("as_of")?)?,
        author: String::new(),
        recorded_at: parse_at(&r.try_get::<String, _>("recorded_at")?)?,
        evidence: Vec::new(),
        corrects: r.try_get("corrects_id")?,
    })
}

/// An update from a row of [`COLUMNS`], without its evidence.
pub(super) fn update(r: &AnyRow) -> Result<Update> {
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

/// An update as it ranks for rating its action: by the day it speaks for, then when it was
/// recorded, then its id (the text of each sorts as its value).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Latest {
    pub as_of: String,
    pub at: String,
    pub id: i64,
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

/// The rating of each action of the plan titled `plan` now: the latest update's rating kept
/// on each tracked action (see [`packed`]).
pub(crate) async fn latest_now(
    conn: &mut AnyConnection,
    pid: i64,
    plan: &str,
) -> Result<Vec<Update>> {
    let line = "t.uid || ' ' || CAST(t.latest_update_id AS TEXT) || ' ' || t.latest_rag || ' ' \
                || COALESCE(CAST(t.latest_percent AS TEXT), '-') || ' ' || t.latest_as_of \
                || ' ' || t.latest_recorded_at";
    packed(
        conn,
        line,
        "FROM tracked_actions t WHERE t.partnership_id = {1} AND t.plan_title = {2}
         AND t.latest_update_id IS NOT NULL",
        pid,
        &[plan],
    )
    .await
}

/// Whether any action of the plan titled `plan` is rated now by an update dated after `day`.
/// When none is, the rating of each as of `day`, as known now, is its rating now: one read of
/// the kept ratings ([`latest_now`]) instead of a seek per action.
pub(crate) async fn any_dated_after(
    conn: &mut AnyConnection,
    pid: i64,
    plan: &str,
    day: &str,
) -> Result<bool> {
    let row = sqlx::query(
        "SELECT 1 AS hit FROM tracked_actions t
         WHERE t.partnership_id = $1 AND t.plan_title = $2 AND t.latest_as_of > $3 LIMIT 1",
    )
    .bind(pid)
    .bind(plan)
    .bind(day)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.is_some())
}

/// The rating of each action of the plan titled `plan` as at the date `as_of`, as recorded
/// by `at`: per action, one descending seek on `progress_updates_latest` for the latest
/// update recorded by then that nothing recorded by then corrects (see [`packed`]).
pub(crate) async fn latest_as_at(
    conn: &mut AnyConnection,
    pid: i64,
    plan: &str,
    as_of: &str,
    at: &str,
) -> Result<Vec<Update>> {
    packed(conn, AS_AT_LINE, AS_AT_FROM, pid, &[plan, as_of, at, at]).await
}

/// [`latest_as_at`] for the action `uid` of the plan alone: a seek to its row by its key,
/// then the same seek into its updates, however many the plan or the action has.
pub(crate) async fn latest_as_at_of(
    conn: &mut AnyConnection,
    pid: i64,
    plan: &str,
    uid: &str,
    as_of: &str,
    at: &str,
) -> Result<Vec<Update>> {
    let params = [plan, as_of, at, at, uid];
    packed(conn, AS_AT_LINE, AS_AT_OF_FROM, pid, &params).await
}

const AS_AT_LINE: &str = "t.uid || ' ' || CAST(u.id AS TEXT) || ' ' || u.rag || ' ' \
    || COALESCE(CAST(u.percent AS TEXT), '-') || ' ' || u.as_of || ' ' || u.recorded_at";

/// `{1}` the partnership, `{2}` the plan's title, `{3}` the day, `{4}` and `{5}` the moment
/// recorded by; then `$more`.
macro_rules! as_at_from {
    ($more:literal) => {
        concat!(
            "FROM tracked_actions t JOIN progress_updates u ON u.id = (
        SELECT x.id FROM progress_updates x
        WHERE x.partnership_id = t.partnership_id AND x.tracked_action_id = t.id
          AND x.as_of <= {3} AND x.recorded_at <= {4}
          AND NOT EXISTS (SELECT 1 FROM progress_updates c
                          WHERE c.corrects_id = x.id AND c.recorded_at <= {5})
        ORDER BY x.as_of DESC, x.recorded_at DESC, x.id DESC LIMIT 1)
     WHERE t.partnership_id = {1} AND t.plan_title = {2}",
            $more
        )
    };
}
/// The latest update of each action, as at a day (see [`as_at_from`]).
const AS_AT_FROM: &str = as_at_from!("");

/// [`AS_AT_FROM`] for the one action `{6}`.
const AS_AT_OF_FROM: &str = as_at_from!(" AND t.uid = {6}");

/// `template` with `{1}`…`{n}` as placeholders `$1`…`$n`: numbered on both back ends,
/// because they do not appear in binding order.
fn numbered(template: &str, n: usize) -> String {
    let mut sql = template.to_string();
    // From the highest, so that `{1}` is never taken for the start of `{10}`.
    for i in (1..=n).rev() {
        sql = sql.replace(&format!("{{{i}}}"), &format!("${i}"));
    }
    sql
}

/// Ratings read as one aggregated row: `SELECT <line, joined by newlines> <from_where>`, with
/// `{1}` in `from_where` the partnership's id and `{2}`, `{3}`… the texts in `params`. Thousands of
/// actions are one round trip and one row, not thousands of rows through the driver, whose
/// per-row cost would otherwise be most of a status read.
async fn packed(
    conn: &mut AnyConnection,
    line: &str,
    from_where: &str,
    pid: i64,
    params: &[&str],
) -> Result<Vec<Update>> {
    let backend = dialect::backend_of(conn)?;
    let rest = numbered(from_where, params.len() + 1);
    let sql = format!(
        "SELECT {} AS ratings {rest}",
        dialect::text_agg(backend, line, "\n")
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(pid);
    for p in params {
        q = q.bind(*p);
    }
    let row = q.fetch_one(&mut *conn).await?;
    let all: Option<String> = row.try_get("ratings")?;
    all.as_deref()
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.is_empty())
        .map(packed_rating)
        .collect()
}

/// A rating as [`packed`] reads it: `uid id rag percent|- as_of recorded_at`. Action ids
/// hold no spaces (they are numbers, with `#2` on repeats), so the id is all before the
/// fifth space from the end.
fn packed_rating(line: &str) -> Result<Update> {
    let bad = || StoreError::invalid(format!("the database packed a rating as \"{line}\""));
    let mut parts = line.rsplitn(6, ' ');
    let mut next = || parts.next().ok_or_else(bad);
    let recorded_at = parse_at(next()?)?;
    let as_of = codec::parse_date(next()?)?;
    let percent = match next()? {
        "-" => None,
        p => Some(
            p.parse::<i64>()
                .ok()
                .and_then(|p| Percent::new(p).ok())
                .ok_or_else(bad)?,
        ),
    };
    let rag = parse_rag(next()?)?;
    let id = next()?.parse::<i64>().map_err(|_| bad())?;
    let uid = next()?.to_string();
    Ok(Update {
        id,
        action: uid,
        rag,
        percent,
        narrative: String::new(),
        as_of,
        author: String::new(),
        recorded_at,
        evidence: Vec::new(),
        corrects: None,
    })
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
        "SELECT {RATING_COLUMNS} FROM tracked_actions t JOIN progress_updates u
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
    rows.iter().map(rating).collect()
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
    if let Some(tracked) = tracked {
        return of_one(conn, pid, plan, tracked, at).await;
    }
    let (rows_sql, evidence_sql) = plan_sql();
    let mut rows = Vec::with_capacity(2);
    for sql in [rows_sql, evidence_sql] {
        let q = sqlx::query(sqlx::AssertSqlSafe(sql));
        let q = q.bind(pid).bind(plan.to_owned()).bind(at.to_owned());
        rows.push(q.fetch_all(&mut *conn).await?);
    }
    let (rows, evidence_rows) = (&rows[0], &rows[1]);
    let mut evidence: HashMap<i64, Vec<Evidence>> =
        grouped(evidence_rows, "update_id", evidence_of)?;
    rows.iter()
        .map(|r| {
            let mut u = update(r)?;
            u.evidence = evidence.remove(&u.id).unwrap_or_default();
            Ok(u)
        })
        .collect()
}

/// The two queries of [`all`] for a whole plan: its updates, and their evidence (one query
/// for both would repeat every update's narrative once per piece of its evidence).
fn plan_sql() -> (String, String) {
    let filter = "t.partnership_id = $1 AND t.plan_title = $2 AND u.recorded_at <= $3";
    (
        format!(
            "SELECT {COLUMNS} FROM tracked_actions t JOIN progress_updates u
                 ON u.partnership_id = t.partnership_id AND u.tracked_action_id = t.id
             WHERE {filter} ORDER BY u.recorded_at, u.id"
        ),
        format!(
            "SELECT e.update_id AS update_id, {EVIDENCE_COLUMNS}
             FROM tracked_actions t
             JOIN progress_updates u
               ON u.partnership_id = t.partnership_id AND u.tracked_action_id = t.id
             JOIN update_evidence e ON e.update_id = u.id
             LEFT JOIN blobs b ON b.partnership_id = e.partnership_id AND b.sha256 = e.sha256
             WHERE {filter} ORDER BY e.update_id, e.position"
        ),
    )
}

/// What [`evidence_of`] reads of a piece of evidence and its file.
const EVIDENCE_COLUMNS: &str = "e.kind AS kind, e.sha256 AS sha256, e.name AS name,
    e.url AS url, e.title AS title, b.media_type AS media_type, b.size AS size";

/// [`all`] for the one tracked action `$3`, updates and evidence in one statement: an action's
/// page is read cold far more often than its updates carry evidence, and a second statement
/// was a second round trip and a second read of the same ~50 updates. An update with several
/// pieces of evidence comes once for each, in order; one with none comes once, its evidence
/// columns NULL.
fn one_sql() -> String {
    format!(
        "SELECT {COLUMNS}, {EVIDENCE_COLUMNS}
         FROM tracked_actions t
         JOIN progress_updates u
           ON u.partnership_id = t.partnership_id AND u.tracked_action_id = t.id
         LEFT JOIN update_evidence e ON e.update_id = u.id
         LEFT JOIN blobs b ON b.partnership_id = e.partnership_id AND b.sha256 = e.sha256
         WHERE t.partnership_id = $1 AND t.plan_title = $2 AND t.id = $3
           AND u.recorded_at <= $4
         ORDER BY u.recorded_at, u.id, e.position"
    )
}

async fn of_one(
    conn: &mut AnyConnection,
    pid: i64,
    plan: &str,
    tracked: i64,
    at: &str,
) -> Result<Vec<Update>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(one_sql()))
        .bind(pid)
        .bind(plan.to_owned())
        .bind(tracked)
        .bind(at.to_owned())
        .fetch_all(&mut *conn)
        .await?;
    let mut out: Vec<Update> = Vec::new();
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        if out.last().is_none_or(|u| u.id != id) {
            out.push(update(r)?);
        }
        if r.try_get::<Option<String>, _>("kind")?.is_some() {
            let evidence = evidence_of(r)?;
            if let Some(u) = out.last_mut() {
                u.evidence.push(evidence);
            }
        }
    }
    Ok(out)
}

pub(super) fn evidence_of(r: &AnyRow) -> Result<Evidence> {
    let text = |column: &str| -> Result<String> {
        r.try_get::<Option<String>, _>(column)?.ok_or_else(|| {
            StoreError::invalid(format!("the database holds evidence without its {column}"))
        })
    };
    match r.try_get::<String, _>("kind")?.as_str() {
        "file" => {
            let size: i64 = r.try_get::<Option<i64>, _>("size")?.ok_or_else(|| {
                StoreError::invalid("the database holds evidence without its file")
            })?;
            Ok(Evidence::File {
                sha256: text("sha256")?,
                name: text("name")?,
                media_type: text("media_type")?,
                size: u64::try_from(size).map_err(|_| {
                    StoreError::invalid(format!("the database holds a file of {size} bytes"))
                })?,
            })
        }
        "link" => Ok(Evidence::Link {
            url: text("url")?,
            title: r.try_get("title")?,
        }),
        other => Err(StoreError::invalid(format!(
            "the database holds an unknown kind of evidence \"{other}\""
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packed_rating_reads_back_whole_even_with_no_percent() {
        let u = packed_rating("4.2#2 17 amber - 2009-09-16 2009-09-16T10:00:00Z").unwrap();
        assert_eq!((u.action.as_str(), u.id, u.rag), ("4.2#2", 17, Rag::Amber));
        assert_eq!(u.percent, None);
        assert_eq!(u.as_of, "2009-09-16".parse().unwrap());
        let spaced = packed_rating("4 a 3 red 40 2009-09-16 2009-09-16T10:00:00Z").unwrap();
        assert_eq!(
            (spaced.action.as_str(), spaced.percent.map(|p| p.get())),
            ("4 a", Some(40))
        );
        assert!(packed_rating("4.1 x red 40 2009-09-16 2009-09-16T10:00:00Z").is_err());
        assert!(packed_rating("4.1 3 purple 40 2009-09-16 2009-09-16T10:00:00Z").is_err());
    }

    /// One action's updates are read by seeking to the action and then along its updates,
    /// never by reading every update of the plan, on the back end the tests run on.
    #[tokio::test]
    async fn one_actions_updates_are_read_through_indexes_not_a_scan_of_the_plans() {
        use crate::query_plan::{Bind, plan};
        let binds = [
            Bind::Int(1),
            Bind::Text("Plan"),
            Bind::Int(1),
            Bind::Text("2026-01-01T00:00:00Z"),
        ];
        let what = "one action's updates with their evidence";
        let p = plan(&one_sql(), &binds).await;
        // With one `($3 IS NULL OR t.id = $3)` for the plan and the action, SQLite once read
        // `u` by partnership alone: every update.
        p.assert_no_full_read(
            what,
            &[
                ("u", "progress_updates"),
                ("t", "tracked_actions"),
                ("e", "update_evidence"),
            ],
        );
        p.assert_seeks_by(what, "u", "tracked_action_id", "=");
        p.assert_seeks_by(what, "e", "update_id", "=");
        assert!(
            !plan_sql().0.contains("t.id =") && !plan_sql().1.contains("t.id ="),
            "the whole plan's read asks for no one action"
        );
    }

    /// The rating of one action as at a date seeks the action by its key and then its
    /// latest update by the action: no read grows with the plan or with the action's history.
    #[tokio::test]
    async fn one_actions_rating_as_at_a_date_is_read_by_its_keys() {
        use crate::query_plan::{Bind, plan_filled};
        let sql = format!("SELECT u.id AS id {}", numbered(AS_AT_OF_FROM, 6));
        let at = "2026-01-01T00:00:00Z";
        let binds = [
            Bind::Int(1),
            Bind::Text("Plan"),
            Bind::Text("2026-01-01"),
            Bind::Text(at),
            Bind::Text(at),
            Bind::Text("4.2#2"),
        ];
        let p = plan_filled(&sql, &binds).await;
        let what = "one action's rating as at a date";
        p.assert_no_full_read(
            what,
            &[
                ("t", "tracked_actions"),
                ("x", "progress_updates"),
                ("c", "progress_updates"),
                ("u", "progress_updates"),
            ],
        );
        p.assert_seeks_by(what, "t", "uid", "=");
        p.assert_seeks_by(what, "x", "tracked_action_id", "=");
        assert_eq!(numbered("{1} {10} {2}", 10), "$1 $10 $2");
    }
}
