//! The meetings' records: time and place, agenda, attendance, decisions, the action log and
//! the minutes with the meeting that approved them.

use std::collections::HashMap;

use domain::Date;
use domain::business::{Business, MeetingRef};
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::ChangeBatch;
use crate::codec;
use crate::error::Result;
use crate::sql::fetch;

use super::{at, find};

/// Meetings by date and sub-group id (none for the board).
pub(super) type MeetingIds = HashMap<(Date, Option<i64>), i64>;

pub(super) async fn meeting_ids(conn: &mut AnyConnection, pid: i64) -> Result<MeetingIds> {
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

pub(super) fn meeting_id(
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

pub(super) async fn meeting_rows(
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
