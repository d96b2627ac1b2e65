//! Upserting the board around a plan by natural key: agencies by name, sub-groups by name,
//! meetings by date, kind and sub-group (roles and reviews have their own modules). Records
//! are added or brought up to date, never deleted, and a stored value is never blanked by an
//! import that lacks it.

use std::collections::{HashMap, HashSet};

use domain::{Agency, Meeting, Partnership, Subgroup};
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::{ChangeBatch, Diff};
use crate::codec;
use crate::error::Result;
use crate::sql::{Value, fetch, id_of, insert_rows, next_position};

use super::{review_write, role_write};

/// Database ids of the board's records, by the keys the plan uses for them.
pub(crate) struct BoardIds {
    /// By role slug (the model's role id).
    pub roles: HashMap<String, i64>,
    /// By (review code, recommendation number).
    pub recommendations: HashMap<(String, u32), i64>,
}

/// Bring the stored board of partnership `pid` up to date with `p`.
pub(crate) async fn upsert(
    conn: &mut AnyConnection,
    pid: i64,
    p: &Partnership,
    log: &mut ChangeBatch,
) -> Result<BoardIds> {
    agencies(conn, pid, &p.agencies, log).await?;
    let subgroups = subgroups(conn, pid, &p.subgroups, log).await?;
    let roles = role_write::upsert(conn, pid, &p.roles, &subgroups, log).await?;
    let recommendations = review_write::upsert(conn, pid, &p.reviews, log).await?;
    meetings(conn, pid, &p.meetings, &subgroups, log).await?;
    Ok(BoardIds {
        roles,
        recommendations,
    })
}

async fn agencies(
    conn: &mut AnyConnection,
    pid: i64,
    agencies: &[Agency],
    log: &mut ChangeBatch,
) -> Result<()> {
    let rows = fetch(
        conn,
        "SELECT name, position FROM agencies WHERE partnership_id = $1",
        pid,
    )
    .await?;
    let stored: HashSet<String> = rows
        .iter()
        .map(|r| r.try_get("name"))
        .collect::<std::result::Result<_, _>>()?;
    let added = agencies.iter().filter(|a| !stored.contains(&a.name));
    let mut new = Vec::new();
    for (position, a) in (next_position(&rows)?..).zip(added) {
        new.push(vec![
            Value::from(pid),
            Value::from(position),
            Value::from(a.name.as_str()),
        ]);
        log.created("agency", &a.name, a)?;
    }
    insert_rows(
        conn,
        "agencies",
        &["partnership_id", "position", "name"],
        new,
        None,
    )
    .await?;
    Ok(())
}

/// Returns every stored sub-group's id by name.
async fn subgroups(
    conn: &mut AnyConnection,
    pid: i64,
    subgroups: &[Subgroup],
    log: &mut ChangeBatch,
) -> Result<HashMap<String, i64>> {
    let rows = fetch(
        conn,
        "SELECT id, name, status, terms_of_reference, position FROM subgroups WHERE partnership_id = $1",
        pid,
    )
    .await?;
    let mut position = next_position(&rows)?;
    let mut ids = HashMap::new();
    let mut stored = HashMap::new();
    for r in &rows {
        let name: String = r.try_get("name")?;
        let id: i64 = r.try_get("id")?;
        ids.insert(name.clone(), id);
        let status: String = r.try_get("status")?;
        stored.insert(
            name,
            (
                id,
                status,
                r.try_get::<Option<String>, _>("terms_of_reference")?,
            ),
        );
    }
    let mut new = Vec::new();
    for s in subgroups {
        let status = codec::subgroup_status(s.status);
        let Some((id, old_status, old_tor)) = stored.get(&s.name) else {
            new.push(vec![
                Value::from(pid),
                Value::from(position),
                Value::from(s.name.as_str()),
                Value::from(status),
                Value::from(s.terms_of_reference.clone()),
            ]);
            position += 1;
            log.created("subgroup", &s.name, s)?;
            continue;
        };
        let tor = s.terms_of_reference.clone().or_else(|| old_tor.clone());
        let mut diff = Diff::default();
        diff.field("status", old_status.as_str(), status)?;
        diff.field("terms_of_reference", old_tor, &tor)?;
        if !diff.is_empty() {
            sqlx::query("UPDATE subgroups SET status = $1, terms_of_reference = $2 WHERE id = $3")
                .bind(status)
                .bind(tor)
                .bind(*id)
                .execute(&mut *conn)
                .await?;
            diff.record(log, "subgroup", &s.name)?;
        }
    }
    let columns = [
        "partnership_id",
        "position",
        "name",
        "status",
        "terms_of_reference",
    ];
    for r in insert_rows(conn, "subgroups", &columns, new, Some("id, name")).await? {
        ids.insert(r.try_get("name")?, r.try_get("id")?);
    }
    Ok(ids)
}

fn meeting_key(m: &Meeting) -> String {
    let subgroup = m
        .subgroup
        .as_deref()
        .map(|s| format!(" ({s})"))
        .unwrap_or_default();
    format!("{} {}{subgroup}", m.date, codec::meeting_kind(m.kind))
}

async fn meetings(
    conn: &mut AnyConnection,
    pid: i64,
    meetings: &[Meeting],
    subgroups: &HashMap<String, i64>,
    log: &mut ChangeBatch,
) -> Result<()> {
    let rows = fetch(
        conn,
        "SELECT date, kind, subgroup_id, position FROM meetings WHERE partnership_id = $1",
        pid,
    )
    .await?;
    let mut position = next_position(&rows)?;
    let mut stored = HashSet::new();
    for r in &rows {
        let key: (String, String, Option<i64>) = (
            r.try_get("date")?,
            r.try_get("kind")?,
            r.try_get("subgroup_id")?,
        );
        stored.insert(key);
    }
    let mut new = Vec::new();
    for m in meetings {
        let subgroup = m
            .subgroup
            .as_deref()
            .map(|s| {
                id_of(subgroups, s, "sub-group", || {
                    format!("the meeting on {}", m.date)
                })
            })
            .transpose()?;
        let key = (
            codec::date_text(m.date),
            codec::meeting_kind(m.kind).to_string(),
            subgroup,
        );
        if stored.contains(&key) {
            continue;
        }
        log.created("meeting", meeting_key(m), m)?;
        let (date, kind, subgroup) = key.clone();
        new.push(vec![
            Value::from(pid),
            Value::from(position),
            Value::from(date),
            Value::from(kind),
            Value::int(subgroup),
        ]);
        position += 1;
        stored.insert(key);
    }
    let columns = ["partnership_id", "position", "date", "kind", "subgroup_id"];
    insert_rows(conn, "meetings", &columns, new, None).await?;
    Ok(())
}
