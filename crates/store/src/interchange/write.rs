//! Writing an interchange document's business into the import's transaction, after the plan
//! tree (so its agencies, sub-groups, roles and meetings are there to refer to). Every record
//! is checked as its own write checks it, and each goes into the import's change log.
//! A partnership that already has business of its own is refused: merging two member
//! registers or two minute books is not something to guess.

use std::collections::HashMap;

use domain::Date;
use domain::business::{Business, MeetingRef};
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::ChangeBatch;
use crate::codec;
use crate::error::{Result, StoreError};
use crate::governance::lookup::Lookup;
use crate::governance::people;
use crate::progress::evidence::{self, CheckedFile};
use crate::sql::fetch;

use super::read::Files;

/// A problem at `path` under `business`, nothing written.
fn at(path: impl std::fmt::Display, problem: impl std::fmt::Display) -> StoreError {
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
async fn ids(
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

async fn agencies(
    conn: &mut AnyConnection,
    pid: i64,
    b: &Business,
    log: &mut ChangeBatch,
) -> Result<()> {
    let known = ids(
        conn,
        "SELECT id, name FROM agencies WHERE partnership_id = $1",
        pid,
    )
    .await?;
    for (i, a) in b.agencies.iter().enumerate() {
        if a.kind.is_none() && a.representatives_expected.is_none() && a.contributions.is_empty() {
            continue;
        }
        let Some(id) = known.get(&a.name.to_lowercase()) else {
            return Err(at(
                format!("agencies[{i}].name"),
                format!("\"{}\" is not one of the agencies", a.name),
            ));
        };
        sqlx::query("UPDATE agencies SET kind = $3, representatives_expected = $4 WHERE partnership_id = $1 AND id = $2")
            .bind(pid)
            .bind(id)
            .bind(a.kind.map(|k| k.as_str()))
            .bind(a.representatives_expected.map(i64::from))
            .execute(&mut *conn)
            .await?;
        for c in &a.contributions {
            sqlx::query("INSERT INTO agency_contributions (partnership_id, agency_id, year, pence) VALUES ($1, $2, $3, $4)")
                .bind(pid)
                .bind(id)
                .bind(i64::from(c.year))
                .bind(c.pence)
                .execute(&mut *conn)
                .await?;
        }
        log.created("agency details", a.name.as_str(), a)?;
    }
    Ok(())
}

async fn people_rows(
    conn: &mut AnyConnection,
    pid: i64,
    b: &Business,
    at_time: &str,
    log: &mut ChangeBatch,
) -> Result<()> {
    let mut lookup = Lookup::load(conn, pid).await?;
    let mut inserted = Vec::with_capacity(b.people.len());
    for (i, m) in b.people.iter().enumerate() {
        let one = people::resolve(&m.person(), &lookup)
            .map_err(|(field, e)| at(format!("people[{i}].{field}"), e))?;
        let key = one.person.name.to_lowercase();
        if lookup.people.contains_key(&key) {
            return Err(at(
                format!("people[{i}].name"),
                format!("{} is on the register twice", m.name),
            ));
        }
        let id = people::insert(conn, pid, &one, at_time).await?;
        lookup.people.insert(key, (id, one.person.name.clone()));
        inserted.push((id, one.person));
    }
    for (i, (id, person)) in inserted.iter().enumerate() {
        let deputy = people::deputy_id(person, &lookup)
            .map_err(|(field, e)| at(format!("people[{i}].{field}"), e))?;
        people::set_deputy(conn, pid, *id, deputy).await?;
        log.created("person", person.name.as_str(), person)?;
    }
    Ok(())
}

fn find<'a>(
    map: &'a HashMap<String, i64>,
    name: &str,
    path: String,
    what: &str,
) -> Result<&'a i64> {
    map.get(&name.trim().to_lowercase())
        .ok_or_else(|| at(path, format!("\"{name}\" is not {what}")))
}

async fn subgroup_rows(
    conn: &mut AnyConnection,
    pid: i64,
    b: &Business,
    subgroups: &HashMap<String, i64>,
    people: &HashMap<String, i64>,
    log: &mut ChangeBatch,
) -> Result<()> {
    for (i, s) in b.subgroups.iter().enumerate() {
        if s.is_bare() {
            continue;
        }
        let sid = *find(
            subgroups,
            &s.name,
            format!("subgroups[{i}].name"),
            "one of the sub-groups",
        )?;
        let chair = s
            .chair
            .as_deref()
            .map(|c| {
                find(
                    people,
                    c,
                    format!("subgroups[{i}].chair"),
                    "on the register",
                )
                .copied()
            })
            .transpose()?;
        sqlx::query(
            "INSERT INTO subgroup_details (subgroup_id, partnership_id, closed, chair_id, frequency,
                 quorum_agencies, quorum_members) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(sid)
        .bind(pid)
        .bind(i64::from(s.closed))
        .bind(chair)
        .bind(s.frequency.as_deref())
        .bind(s.quorum.agencies.map(i64::from))
        .bind(s.quorum.members.map(i64::from))
        .execute(&mut *conn)
        .await?;
        for (j, m) in s.members.iter().enumerate() {
            let person = *find(
                people,
                m,
                format!("subgroups[{i}].members[{j}]"),
                "on the register",
            )?;
            sqlx::query("INSERT INTO subgroup_members (partnership_id, subgroup_id, person_id) VALUES ($1, $2, $3)")
                .bind(pid)
                .bind(sid)
                .bind(person)
                .execute(&mut *conn)
                .await?;
        }
        for item in &s.items {
            sqlx::query("INSERT INTO subgroup_items (partnership_id, subgroup_id, title, due, done) VALUES ($1, $2, $3, $4, $5)")
                .bind(pid)
                .bind(sid)
                .bind(item.title.as_str())
                .bind(item.due.map(codec::date_text))
                .bind(item.done.map(codec::date_text))
                .execute(&mut *conn)
                .await?;
        }
        log.created("subgroup details", s.name.as_str(), s)?;
    }
    Ok(())
}

/// Meetings by date and sub-group id (none for the board).
type MeetingIds = HashMap<(Date, Option<i64>), i64>;

async fn meeting_ids(conn: &mut AnyConnection, pid: i64) -> Result<MeetingIds> {
    fetch(
        conn,
        "SELECT id, date, subgroup_id FROM meetings WHERE partnership_id = $1",
        pid,
    )
    .await?
    .iter()
    .map(|r| {
        Ok((
            (
                codec::parse_date(&r.try_get::<String, _>("date")?)?,
                r.try_get("subgroup_id")?,
            ),
            r.try_get("id")?,
        ))
    })
    .collect()
}

fn meeting_id(
    m: &MeetingRef,
    subgroups: &HashMap<String, i64>,
    meetings: &MeetingIds,
    path: String,
) -> Result<i64> {
    let sid = m
        .subgroup
        .as_deref()
        .map(|s| find(subgroups, s, path.clone(), "one of the sub-groups").copied())
        .transpose()?;
    meetings
        .get(&(m.date, sid))
        .copied()
        .ok_or_else(|| at(path, format!("there is no meeting on {}", m.date)))
}

async fn meeting_rows(
    conn: &mut AnyConnection,
    pid: i64,
    b: &Business,
    subgroups: &HashMap<String, i64>,
    people: &HashMap<String, i64>,
    meetings: &MeetingIds,
    log: &mut ChangeBatch,
) -> Result<()> {
    for (i, m) in b.meetings.iter().enumerate() {
        if m.is_bare() {
            continue;
        }
        let id = meeting_id(&m.at(), subgroups, meetings, format!("meetings[{i}].date"))?;
        let approved_by = m
            .minutes
            .as_ref()
            .and_then(|x| x.approved_at.as_ref())
            .map(|a| {
                meeting_id(
                    a,
                    subgroups,
                    meetings,
                    format!("meetings[{i}].minutes.approved_at"),
                )
            })
            .transpose()?;
        sqlx::query(
            "UPDATE meetings SET starts_at = $3, place = $4, minutes = $5, minutes_approved_by = $6
             WHERE partnership_id = $1 AND id = $2",
        )
        .bind(pid)
        .bind(id)
        .bind(m.time.as_deref())
        .bind(m.place.as_deref())
        .bind(m.minutes.as_ref().map(|x| x.text.as_str()))
        .bind(approved_by)
        .execute(&mut *conn)
        .await?;
        for (position, a) in (0_i64..).zip(&m.agenda) {
            sqlx::query(
                "INSERT INTO agenda_items (partnership_id, meeting_id, position, title, presenter,
                     paper, actions, indicators) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(pid)
            .bind(id)
            .bind(position)
            .bind(a.title.as_str())
            .bind(a.presenter.as_deref())
            .bind(a.paper.as_deref())
            .bind(codec::text_list(&a.actions)?)
            .bind(codec::text_list(&a.indicators)?)
            .execute(&mut *conn)
            .await?;
        }
        for (j, a) in m.attendance.iter().enumerate() {
            let person = *find(
                people,
                &a.person,
                format!("meetings[{i}].attendance[{j}].person"),
                "on the register",
            )?;
            sqlx::query(
                "INSERT INTO attendance (partnership_id, meeting_id, person_id, status, deputy)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(pid)
            .bind(id)
            .bind(person)
            .bind(a.status.as_str())
            .bind(a.deputy.as_deref())
            .execute(&mut *conn)
            .await?;
        }
        for (position, text) in (0_i64..).zip(&m.decisions) {
            sqlx::query("INSERT INTO decisions (partnership_id, meeting_id, position, text) VALUES ($1, $2, $3, $4)")
                .bind(pid)
                .bind(id)
                .bind(position)
                .bind(text.as_str())
                .execute(&mut *conn)
                .await?;
        }
        for a in &m.actions {
            let promoted = a.promoted.as_ref();
            sqlx::query(
                "INSERT INTO meeting_actions (partnership_id, meeting_id, what, who, due, done,
                     promoted_plan, promoted_action, promoted_on)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(pid)
            .bind(id)
            .bind(a.what.as_str())
            .bind(a.who.as_str())
            .bind(a.due.map(codec::date_text))
            .bind(a.done.map(codec::date_text))
            .bind(promoted.map(|p| p.plan.as_str()))
            .bind(promoted.map(|p| p.action.as_str()))
            .bind(promoted.map(|p| codec::date_text(p.on)))
            .execute(&mut *conn)
            .await?;
        }
        let key = match &m.subgroup {
            None => format!("{} board", m.date),
            Some(s) => format!("{} subgroup ({s})", m.date),
        };
        log.created("meeting record", key, m)?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn document_rows(
    conn: &mut AnyConnection,
    pid: i64,
    b: &Business,
    files: &Files,
    subgroups: &HashMap<String, i64>,
    meetings: &MeetingIds,
    at_time: &str,
    log: &mut ChangeBatch,
) -> Result<()> {
    let roles: HashMap<String, i64> = fetch(
        conn,
        "SELECT id, slug FROM roles WHERE partnership_id = $1",
        pid,
    )
    .await?
    .iter()
    .map(|r| Ok((r.try_get("slug")?, r.try_get("id")?)))
    .collect::<Result<_>>()?;
    for (i, d) in b.documents.iter().enumerate() {
        let role = roles.get(&d.owner).ok_or_else(|| {
            at(
                format!("documents[{i}].owner"),
                format!("\"{}\" is not one of the lead roles", d.owner),
            )
        })?;
        let subgroup = d
            .subgroup
            .as_deref()
            .map(|s| {
                find(
                    subgroups,
                    s,
                    format!("documents[{i}].subgroup"),
                    "one of the sub-groups",
                )
                .copied()
            })
            .transpose()?;
        let approved = d
            .approved
            .as_ref()
            .map(|a| {
                meeting_id(
                    &a.meeting,
                    subgroups,
                    meetings,
                    format!("documents[{i}].approved.meeting"),
                )
            })
            .transpose()?;
        let row = sqlx::query(
            "INSERT INTO documents (partnership_id, kind, title, owner_role_id, subgroup_id,
                 review_due, approved_meeting_id, approved_version, superseded_on, row_version,
                 created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10) RETURNING id",
        )
        .bind(pid)
        .bind(d.kind.as_str())
        .bind(d.title.as_str())
        .bind(role)
        .bind(subgroup)
        .bind(d.review_due.map(codec::date_text))
        .bind(approved)
        .bind(d.approved.as_ref().and_then(|a| a.version).map(i64::from))
        .bind(d.superseded_on.map(codec::date_text))
        .bind(at_time)
        .fetch_one(&mut *conn)
        .await?;
        let id: i64 = row.try_get("id")?;
        for (j, v) in d.versions.iter().enumerate() {
            let path = format!("documents[{i}].versions[{j}]");
            let bytes = files
                .get(&v.sha256)
                .ok_or_else(|| at(format!("{path}.sha256"), "the file is not in the document"))?;
            if hex::encode(Sha256::digest(bytes)) != v.sha256 {
                return Err(at(
                    format!("{path}.sha256"),
                    "the file does not have this SHA-256",
                ));
            }
            let media_type = evidence::sniff(&v.name, bytes).map_err(|e| at(&path, e))?;
            let checked = CheckedFile {
                name: v.name.clone(),
                media_type,
                sha256: v.sha256.clone(),
                bytes: bytes.clone(),
            };
            evidence::keep(conn, pid, &checked, at_time, log).await?;
            sqlx::query(
                "INSERT INTO document_versions (partnership_id, document_id, number, sha256, name,
                     note, added_by, added_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(pid)
            .bind(id)
            .bind(i64::from(v.number))
            .bind(v.sha256.as_str())
            .bind(v.name.as_str())
            .bind(v.note.as_deref())
            .bind(v.added_by.as_str())
            .bind(v.added_at.as_str())
            .execute(&mut *conn)
            .await?;
        }
        log.created("document", d.title.as_str(), d)?;
    }
    Ok(())
}

async fn induction_rows(
    conn: &mut AnyConnection,
    pid: i64,
    b: &Business,
    people: &HashMap<String, i64>,
    log: &mut ChangeBatch,
) -> Result<()> {
    let ind = &b.induction;
    if ind.items.is_empty() && ind.people.is_empty() {
        return Ok(());
    }
    let mut items = HashMap::new();
    for (position, title) in (0_i64..).zip(&ind.items) {
        let row = sqlx::query(
            "INSERT INTO induction_items (partnership_id, position, title) VALUES ($1, $2, $3)
             RETURNING id",
        )
        .bind(pid)
        .bind(position)
        .bind(title.as_str())
        .fetch_one(&mut *conn)
        .await?;
        items.insert(title.trim().to_lowercase(), row.try_get::<i64, _>("id")?);
    }
    for (i, r) in ind.people.iter().enumerate() {
        let person = *find(
            people,
            &r.person,
            format!("induction.people[{i}].person"),
            "on the register",
        )?;
        for (j, d) in r.done.iter().enumerate() {
            let item = *find(
                &items,
                &d.item,
                format!("induction.people[{i}].done[{j}].item"),
                "on the checklist",
            )?;
            sqlx::query(
                "INSERT INTO induction_done (partnership_id, person_id, item_id, done_on)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(pid)
            .bind(person)
            .bind(item)
            .bind(codec::date_text(d.on))
            .execute(&mut *conn)
            .await?;
        }
        if let Some(on) = r.job_description_acknowledged {
            sqlx::query(
                "INSERT INTO job_descriptions_acknowledged (person_id, partnership_id, acknowledged_on)
                 VALUES ($1, $2, $3)",
            )
            .bind(person)
            .bind(pid)
            .bind(codec::date_text(on))
            .execute(&mut *conn)
            .await?;
        }
    }
    log.created("induction", "checklist", ind)?;
    Ok(())
}
