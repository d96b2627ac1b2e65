//! The whole of a partnership's business read for the interchange document, in one read
//! transaction beside its plan tree: each table once per partnership (the meetings' parts
//! through the meetings' index, then each meeting's key), never once per meeting.

use std::collections::{BTreeMap, HashMap};

use domain::business::{
    AgendaEntry, AttendanceEntry, Business, DocumentApproval, DocumentFile, Induction,
    InductionRecord, ItemDone, LoggedAction, MeetingRecord, MeetingRef, MeetingRules, Member,
    MinutesEntry, PromotedAction, RegisterDocument, SubgroupRun, WorkItem,
};
use domain::meetings::{QuorumRule, SubgroupState};
use domain::{AgencyDetails, AgencyKind, Contribution};
use sqlx::{AnyConnection, Row};

use crate::codec;
use crate::error::{Result, StoreError};
use crate::sql::{fetch, grouped};

/// Files by SHA-256.
pub type Files = BTreeMap<String, Vec<u8>>;

fn count(v: Option<i64>, what: &str) -> Result<Option<u32>> {
    v.map(|n| codec::to_u32(n, what)).transpose()
}

/// Partnership `pid`'s business as it stands, and the files its document register names.
pub(crate) async fn business(conn: &mut AnyConnection, pid: i64) -> Result<(Business, Files)> {
    let people = crate::governance::people::read(conn, pid, None)
        .await?
        .into_iter()
        .map(|r| Member::from(r.person))
        .collect();
    let agencies = agencies(conn, pid).await?;
    let subgroups = crate::meetings::subgroups::read(conn, pid)
        .await?
        .into_iter()
        .map(|s| {
            let mut members = s.members;
            // Sorted here, not by the database, whose collation differs between back ends.
            members.sort();
            SubgroupRun {
                name: s.name,
                closed: s.status == SubgroupState::Closed,
                chair: s.chair,
                members,
                frequency: s.frequency,
                quorum: s.quorum,
                items: s
                    .items
                    .into_iter()
                    .map(|i| WorkItem {
                        title: i.title,
                        due: i.due,
                        done: i.done,
                    })
                    .collect(),
            }
        })
        .collect();
    let meeting_settings = settings(conn, pid).await?;
    let meetings = meetings(conn, pid).await?;
    let (documents, files) = documents(conn, pid).await?;
    let induction = induction(conn, pid).await?;
    Ok((
        Business {
            people,
            agencies,
            subgroups,
            meeting_settings,
            meetings,
            documents,
            induction,
        },
        files,
    ))
}

async fn agencies(conn: &mut AnyConnection, pid: i64) -> Result<Vec<AgencyDetails>> {
    let rows = fetch(
        conn,
        "SELECT id, name, kind, representatives_expected FROM agencies
         WHERE partnership_id = $1 ORDER BY position",
        pid,
    )
    .await?;
    let money = fetch(
        conn,
        "SELECT agency_id, year, pence FROM agency_contributions
         WHERE partnership_id = $1 ORDER BY year",
        pid,
    )
    .await?;
    let mut money = grouped(&money, "agency_id", |r| {
        let year: i64 = r.try_get("year")?;
        Ok(Contribution {
            year: i32::try_from(year)
                .map_err(|_| StoreError::invalid("a contribution's year is not a year"))?,
            pence: r.try_get("pence")?,
        })
    })?;
    rows.iter()
        .map(|r| {
            let kind = r
                .try_get::<Option<String>, _>("kind")?
                .map(|k| k.parse::<AgencyKind>())
                .transpose()
                .map_err(|e| StoreError::invalid(e.problem))?;
            Ok(AgencyDetails {
                name: r.try_get("name")?,
                kind,
                representatives_expected: count(
                    r.try_get("representatives_expected")?,
                    "representatives expected",
                )?,
                contributions: money.remove(&r.try_get("id")?).unwrap_or_default(),
            })
        })
        .collect()
}

async fn settings(conn: &mut AnyConnection, pid: i64) -> Result<Option<MeetingRules>> {
    let rows = fetch(
        conn,
        "SELECT quorum_agencies, quorum_members, attendance_threshold FROM meeting_settings
         WHERE partnership_id = $1",
        pid,
    )
    .await?;
    rows.first()
        .map(|r| {
            Ok(MeetingRules {
                quorum: QuorumRule {
                    agencies: count(r.try_get("quorum_agencies")?, "quorum")?,
                    members: count(r.try_get("quorum_members")?, "quorum")?,
                },
                attendance_threshold: codec::to_u32(
                    r.try_get("attendance_threshold")?,
                    "attendance threshold",
                )?,
            })
        })
        .transpose()
}

/// Who attended each meeting: through the meetings, then each meeting's key on attendance.
const ATTENDANCE: &str = "SELECT t.meeting_id, p.name, t.status, t.deputy FROM meetings m
     JOIN attendance t ON t.partnership_id = m.partnership_id AND t.meeting_id = m.id
     JOIN people p ON p.partnership_id = t.partnership_id AND p.id = t.person_id
     WHERE m.partnership_id = $1";

/// The meetings' parts, each read through the meetings of the partnership (by its index),
/// then the part's own key on the meeting.
fn through_meetings(columns: &str, table: &str, order: &str) -> String {
    format!(
        "SELECT t.meeting_id, {columns} FROM meetings m
         JOIN {table} t ON t.partnership_id = m.partnership_id AND t.meeting_id = m.id
         WHERE m.partnership_id = $1 ORDER BY t.meeting_id, {order}"
    )
}

/// Every meeting, in the order of the plan tree's (which, as it stands now, has them all).
async fn meetings(conn: &mut AnyConnection, pid: i64) -> Result<Vec<MeetingRecord>> {
    let rows = sqlx::query(
        "SELECT m.id, m.date, s.name AS subgroup, m.starts_at, m.place, m.minutes,
             m.minutes_approved_by
         FROM meetings m
         LEFT JOIN subgroups s ON s.partnership_id = m.partnership_id AND s.id = m.subgroup_id
         WHERE m.partnership_id = $1
         ORDER BY m.position, m.id",
    )
    .bind(pid)
    .fetch_all(&mut *conn)
    .await?;
    let query = |sql: String| sqlx::query(sqlx::AssertSqlSafe(sql)).bind(pid);
    let agenda = query(through_meetings(
        "t.title, t.presenter, t.paper, t.actions, t.indicators",
        "agenda_items",
        "t.position",
    ))
    .fetch_all(&mut *conn)
    .await?;
    let mut agenda = grouped(&agenda, "meeting_id", |r| {
        Ok(AgendaEntry {
            title: r.try_get("title")?,
            presenter: r.try_get("presenter")?,
            paper: r.try_get("paper")?,
            actions: codec::parse_text_list(&r.try_get::<String, _>("actions")?)?,
            indicators: codec::parse_text_list(&r.try_get::<String, _>("indicators")?)?,
        })
    })?;
    let attendance = sqlx::query(ATTENDANCE)
        .bind(pid)
        .fetch_all(&mut *conn)
        .await?;
    let mut attendance = grouped(&attendance, "meeting_id", |r| {
        Ok(AttendanceEntry {
            person: r.try_get("name")?,
            status: r
                .try_get::<String, _>("status")?
                .parse()
                .map_err(|e: domain::InvalidValue| StoreError::invalid(e.problem))?,
            deputy: r.try_get("deputy")?,
        })
    })?;
    let decisions = query(through_meetings("t.text", "decisions", "t.position"))
        .fetch_all(&mut *conn)
        .await?;
    let mut decisions = grouped(&decisions, "meeting_id", |r| {
        Ok(r.try_get::<String, _>("text")?)
    })?;
    let actions = query(through_meetings(
        "t.what, t.who, t.due, t.done, t.promoted_plan, t.promoted_action, t.promoted_on",
        "meeting_actions",
        "t.id",
    ))
    .fetch_all(&mut *conn)
    .await?;
    let mut actions = grouped(&actions, "meeting_id", |r| {
        let promoted = match (
            r.try_get::<Option<String>, _>("promoted_plan")?,
            r.try_get::<Option<String>, _>("promoted_action")?,
            codec::opt_date(r.try_get("promoted_on")?)?,
        ) {
            (Some(plan), Some(action), Some(on)) => Some(PromotedAction { plan, action, on }),
            _ => None,
        };
        Ok(LoggedAction {
            what: r.try_get("what")?,
            who: r.try_get("who")?,
            due: codec::opt_date(r.try_get("due")?)?,
            done: codec::opt_date(r.try_get("done")?)?,
            promoted,
        })
    })?;

    let mut refs: HashMap<i64, MeetingRef> = HashMap::new();
    for r in &rows {
        refs.insert(
            r.try_get("id")?,
            MeetingRef {
                date: codec::parse_date(&r.try_get::<String, _>("date")?)?,
                subgroup: r.try_get("subgroup")?,
            },
        );
    }
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let id: i64 = r.try_get("id")?;
        let at = refs[&id].clone();
        let mut present = attendance.remove(&id).unwrap_or_default();
        present.sort_by(|a, b| a.person.cmp(&b.person));
        let minutes = match r.try_get::<Option<String>, _>("minutes")? {
            Some(text) => Some(MinutesEntry {
                text,
                approved_at: r
                    .try_get::<Option<i64>, _>("minutes_approved_by")?
                    .and_then(|m| refs.get(&m).cloned()),
            }),
            None => None,
        };
        out.push(MeetingRecord {
            date: at.date,
            subgroup: at.subgroup,
            time: r.try_get("starts_at")?,
            place: r.try_get("place")?,
            agenda: agenda.remove(&id).unwrap_or_default(),
            attendance: present,
            decisions: decisions.remove(&id).unwrap_or_default(),
            actions: actions.remove(&id).unwrap_or_default(),
            minutes,
        });
    }
    Ok(out)
}

async fn documents(conn: &mut AnyConnection, pid: i64) -> Result<(Vec<RegisterDocument>, Files)> {
    let mut register = crate::documents::read::read(conn, pid, None, None).await?;
    register.sort_by(|a, b| a.title.cmp(&b.title));
    let documents = register
        .into_iter()
        .map(|d| {
            Ok(RegisterDocument {
                kind: d.kind,
                title: d.title,
                owner: d.owner,
                subgroup: d.subgroup,
                review_due: d.review_due,
                approved: d
                    .approved
                    .map(|a| {
                        Ok::<_, StoreError>(DocumentApproval {
                            meeting: MeetingRef {
                                date: a.meeting_date,
                                subgroup: a.subgroup,
                            },
                            version: count(a.version, "approved version")?,
                        })
                    })
                    .transpose()?,
                superseded_on: d.superseded_on,
                versions: d
                    .versions
                    .into_iter()
                    .map(|v| {
                        Ok(DocumentFile {
                            number: codec::to_u32(v.number, "version")?,
                            name: v.name,
                            sha256: v.sha256,
                            note: v.note,
                            added_by: v.added_by,
                            added_at: v.added_at,
                        })
                    })
                    .collect::<Result<_>>()?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let rows = fetch(
        conn,
        "SELECT b.sha256, b.bytes FROM blobs b
         WHERE b.partnership_id = $1 AND b.sha256 IN
             (SELECT v.sha256 FROM document_versions v WHERE v.partnership_id = b.partnership_id)",
        pid,
    )
    .await?;
    let files = rows
        .iter()
        .map(|r| Ok((r.try_get("sha256")?, r.try_get("bytes")?)))
        .collect::<Result<Files>>()?;
    Ok((documents, files))
}

async fn induction(conn: &mut AnyConnection, pid: i64) -> Result<Induction> {
    let items = fetch(
        conn,
        "SELECT id, title FROM induction_items WHERE partnership_id = $1 ORDER BY position, id",
        pid,
    )
    .await?;
    let mut titles: Vec<(i64, String)> = Vec::with_capacity(items.len());
    for r in &items {
        titles.push((r.try_get("id")?, r.try_get("title")?));
    }
    let done = fetch(
        conn,
        "SELECT p.name, d.item_id, d.done_on FROM induction_done d
         JOIN people p ON p.partnership_id = d.partnership_id AND p.id = d.person_id
         WHERE d.partnership_id = $1",
        pid,
    )
    .await?;
    let acknowledged = fetch(
        conn,
        "SELECT p.name, j.acknowledged_on FROM job_descriptions_acknowledged j
         JOIN people p ON p.partnership_id = j.partnership_id AND p.id = j.person_id
         WHERE j.partnership_id = $1",
        pid,
    )
    .await?;
    let mut people: BTreeMap<String, InductionRecord> = BTreeMap::new();
    let entry = |people: &mut BTreeMap<String, InductionRecord>, name: String| {
        people
            .entry(name.clone())
            .or_insert_with(|| InductionRecord {
                person: name,
                done: Vec::new(),
                job_description_acknowledged: None,
            });
    };
    let mut done_by: HashMap<String, Vec<(usize, ItemDone)>> = HashMap::new();
    for r in &done {
        let name: String = r.try_get("name")?;
        let item: i64 = r.try_get("item_id")?;
        let Some(position) = titles.iter().position(|(id, _)| *id == item) else {
            continue;
        };
        entry(&mut people, name.clone());
        done_by.entry(name).or_default().push((
            position,
            ItemDone {
                item: titles[position].1.clone(),
                on: codec::parse_date(&r.try_get::<String, _>("done_on")?)?,
            },
        ));
    }
    for r in &acknowledged {
        let name: String = r.try_get("name")?;
        entry(&mut people, name.clone());
        if let Some(p) = people.get_mut(&name) {
            p.job_description_acknowledged = Some(codec::parse_date(
                &r.try_get::<String, _>("acknowledged_on")?,
            )?);
        }
    }
    for (name, mut done) in done_by {
        done.sort_by_key(|(position, _)| *position);
        if let Some(p) = people.get_mut(&name) {
            p.done = done.into_iter().map(|(_, d)| d).collect();
        }
    }
    Ok(Induction {
        items: titles.into_iter().map(|(_, t)| t).collect(),
        people: people.into_values().collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A meeting's parts are read through the partnership's meetings and each meeting's key,
    /// never by reading a parts table whole (none of them has an index by partnership).
    #[tokio::test]
    async fn the_meetings_parts_are_read_through_the_meetings_not_a_scan() {
        use crate::query_plan::{Bind, plan};
        // The action log has its own index by partnership and meeting; the others are
        // reached by each meeting's key.
        let parts = [
            (
                "agenda",
                through_meetings("t.title", "agenda_items", "t.position"),
                "agenda_items",
                "meeting_id",
            ),
            (
                "decisions",
                through_meetings("t.text", "decisions", "t.position"),
                "decisions",
                "meeting_id",
            ),
            (
                "actions",
                through_meetings("t.what", "meeting_actions", "t.id"),
                "meeting_actions",
                "partnership_id",
            ),
            (
                "attendance",
                ATTENDANCE.to_string(),
                "attendance",
                "meeting_id",
            ),
        ];
        for (what, sql, table, key) in parts {
            let p = plan(&sql, &[Bind::Int(1)]).await;
            p.assert_no_full_read(what, &[("m", "meetings"), ("t", table)]);
            p.assert_seeks_by(what, "t", key, "=");
        }
    }
}
