//! One meeting read whole (its agenda, attendance, quorum, decisions, the action log as it
//! stood at it, and its minutes), and the list of meetings. Reading one meeting seeks by its
//! id in every table (see the test below): it costs what one meeting costs.

use domain::meetings::{Attendance, Quorum};
use domain::{Date, MeetingKind};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::codec;
use crate::error::{Result, StoreError};
use crate::{Store, scope};

use super::settings;

/// A meeting as the list shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingSummary {
    pub id: i64,
    pub date: Date,
    pub kind: MeetingKind,
    pub subgroup: Option<String>,
    pub time: Option<String>,
    pub place: Option<String>,
    /// The accounts linked to the sub-group's chair and members (none for the board's):
    /// who, beyond the officers, may see or run it.
    #[serde(skip)]
    pub chair_account: Option<i64>,
    #[serde(skip)]
    pub member_accounts: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaItem {
    pub title: String,
    pub presenter: Option<String>,
    /// A reference to the paper, as text.
    pub paper: Option<String>,
    /// The plan's action numbers and the indicator codes the item is about.
    pub actions: Vec<String>,
    pub indicators: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttendanceRow {
    pub person: String,
    pub agency: Option<String>,
    pub status: Attendance,
    pub deputy: Option<String>,
}

/// An entry of the action log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingAction {
    pub id: i64,
    pub what: String,
    pub who: String,
    pub due: Option<Date>,
    pub done: Option<Date>,
    /// The date of the meeting that raised it.
    pub raised: Date,
    /// The plan action it became, if it was promoted into the plan.
    pub promoted_to: Option<PromotedTo>,
}

/// Where a meeting action went in the plan: plan action `action` of the plan `plan`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromotedTo {
    pub plan: String,
    pub action: String,
    /// The day it was promoted.
    pub on: Date,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Minutes {
    pub text: String,
    /// The date of the later meeting that approved them; none while they are a draft.
    pub approved_at: Option<Date>,
}

/// One meeting, whole.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MeetingRecord {
    #[serde(flatten)]
    pub summary: MeetingSummary,
    pub agenda: Vec<AgendaItem>,
    pub attendance: Vec<AttendanceRow>,
    pub quorum: Quorum,
    pub decisions: Vec<String>,
    /// Raised here, or raised earlier by the same body and not done before its last meeting.
    pub action_log: Vec<MeetingAction>,
    pub minutes: Option<Minutes>,
}

const SUMMARY: &str = "SELECT m.id, m.date, m.kind, m.subgroup_id, s.name AS subgroup,
         m.starts_at, m.place, m.minutes, am.date AS approved_on,
         c.account_id AS chair_account
     FROM meetings m
     LEFT JOIN subgroups s ON s.partnership_id = m.partnership_id AND s.id = m.subgroup_id
     LEFT JOIN subgroup_details d ON d.subgroup_id = m.subgroup_id
     LEFT JOIN people c ON c.partnership_id = d.partnership_id AND c.id = d.chair_id
     LEFT JOIN meetings am ON am.partnership_id = m.partnership_id AND am.id = m.minutes_approved_by
     WHERE m.partnership_id = $1";

fn one_sql() -> String {
    format!("{SUMMARY} AND m.id = $2")
}

const ATTENDANCE: &str = "SELECT p.name, ag.name AS agency, t.status, t.deputy
     FROM attendance t
     JOIN people p ON p.partnership_id = t.partnership_id AND p.id = t.person_id
     LEFT JOIN agencies ag ON ag.partnership_id = p.partnership_id AND ag.id = p.agency_id
     WHERE t.meeting_id = $2 AND t.partnership_id = $1";

fn summary(r: &sqlx::any::AnyRow) -> Result<MeetingSummary> {
    Ok(MeetingSummary {
        id: r.try_get("id")?,
        date: codec::parse_date(&r.try_get::<String, _>("date")?)?,
        kind: codec::parse_meeting_kind(&r.try_get::<String, _>("kind")?)?,
        subgroup: r.try_get("subgroup")?,
        time: r.try_get("starts_at")?,
        place: r.try_get("place")?,
        chair_account: r.try_get("chair_account")?,
        member_accounts: Vec::new(),
    })
}

/// The accounts of sub-group `sid`'s members.
async fn member_accounts(conn: &mut AnyConnection, pid: i64, sid: i64) -> Result<Vec<i64>> {
    let rows = sqlx::query(
        "SELECT p.account_id FROM subgroup_members sm
         JOIN people p ON p.partnership_id = sm.partnership_id AND p.id = sm.person_id
         WHERE sm.subgroup_id = $2 AND sm.partnership_id = $1 AND p.account_id IS NOT NULL",
    )
    .bind(pid)
    .bind(sid)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| Ok(r.try_get("account_id")?)).collect()
}

/// Meeting `id` of partnership `pid`, whole.
pub(crate) async fn read_one(conn: &mut AnyConnection, pid: i64, id: i64) -> Result<MeetingRecord> {
    let row = sqlx::query(sqlx::AssertSqlSafe(one_sql()))
        .bind(pid)
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::not_found("that meeting"))?;
    let mut head = summary(&row)?;
    let sid: Option<i64> = row.try_get("subgroup_id")?;
    if let Some(sid) = sid {
        head.member_accounts = member_accounts(conn, pid, sid).await?;
    }
    let minutes = row
        .try_get::<Option<String>, _>("minutes")?
        .map(|text| -> Result<Minutes> {
            Ok(Minutes {
                text,
                approved_at: codec::opt_date(row.try_get("approved_on")?)?,
            })
        })
        .transpose()?;
    let agenda = sqlx::query(
        "SELECT title, presenter, paper, actions, indicators FROM agenda_items
         WHERE meeting_id = $2 AND partnership_id = $1 ORDER BY position",
    )
    .bind(pid)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(AgendaItem {
            title: r.try_get("title")?,
            presenter: r.try_get("presenter")?,
            paper: r.try_get("paper")?,
            actions: codec::parse_text_list(&r.try_get::<String, _>("actions")?)?,
            indicators: codec::parse_text_list(&r.try_get::<String, _>("indicators")?)?,
        })
    })
    .collect::<Result<Vec<_>>>()?;
    let attendance = attendance(conn, pid, id).await?;
    let rule = match sid {
        Some(sid) => settings::subgroup_quorum(conn, sid).await?,
        None => settings::read(conn, pid).await?.quorum,
    };
    let seats: Vec<Option<&str>> = attendance
        .iter()
        .filter(|a| a.status.counts())
        .map(|a| a.agency.as_deref())
        .collect();
    let quorum = rule.judge(&seats);
    let decisions = sqlx::query(
        "SELECT text FROM decisions WHERE meeting_id = $2 AND partnership_id = $1 ORDER BY position",
    )
    .bind(pid)
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| Ok(r.try_get("text")?))
    .collect::<Result<Vec<String>>>()?;
    let action_log = super::actions::action_log(conn, pid, &head, sid).await?;
    Ok(MeetingRecord {
        summary: head,
        agenda,
        attendance,
        quorum,
        decisions,
        action_log,
        minutes,
    })
}

async fn attendance(conn: &mut AnyConnection, pid: i64, id: i64) -> Result<Vec<AttendanceRow>> {
    let rows = sqlx::query(ATTENDANCE)
        .bind(pid)
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    let mut out = rows
        .iter()
        .map(|r| {
            let status: String = r.try_get("status")?;
            Ok(AttendanceRow {
                person: r.try_get("name")?,
                agency: r.try_get("agency")?,
                status: status
                    .parse()
                    .map_err(|e: domain::InvalidValue| StoreError::invalid(e.problem))?,
                deputy: r.try_get("deputy")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    out.sort_by(|a, b| {
        (a.status, a.person.to_lowercase()).cmp(&(b.status, b.person.to_lowercase()))
    });
    Ok(out)
}

impl Store {
    /// Meeting `id` of partnership `slug`, whole; not found if another partnership's.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn meeting(&self, slug: &str, id: i64) -> Result<MeetingRecord> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let m = read_one(&mut tx, pid, id).await?;
        tx.commit().await?;
        Ok(m)
    }

    /// The id of the meeting of the board (no `subgroup`) or of a sub-group on `date`.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn find_meeting(
        &self,
        slug: &str,
        date: Date,
        subgroup: Option<&str>,
    ) -> Result<i64> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let id = super::find::meeting_by_date(&mut tx, pid, date, subgroup).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Every meeting of partnership `slug`, by date (the board's first on a day).
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn meeting_list(&self, slug: &str) -> Result<Vec<MeetingSummary>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let rows = sqlx::query(SUMMARY).bind(pid).fetch_all(&mut *tx).await?;
        let mut list = rows.iter().map(summary).collect::<Result<Vec<_>>>()?;
        let members = sqlx::query(
            "SELECT sm.subgroup_id, p.account_id FROM subgroup_members sm
             JOIN people p ON p.partnership_id = sm.partnership_id AND p.id = sm.person_id
             WHERE sm.partnership_id = $1 AND p.account_id IS NOT NULL",
        )
        .bind(pid)
        .fetch_all(&mut *tx)
        .await?;
        let by_subgroup = crate::sql::grouped(&members, "subgroup_id", |r| {
            Ok(r.try_get::<i64, _>("account_id")?)
        })?;
        for (m, r) in list.iter_mut().zip(&rows) {
            if let Some(sid) = r.try_get::<Option<i64>, _>("subgroup_id")? {
                m.member_accounts = by_subgroup.get(&sid).cloned().unwrap_or_default();
            }
        }
        tx.commit().await?;
        list.sort_by(|a, b| {
            (a.date, a.subgroup.is_some(), &a.subgroup).cmp(&(
                b.date,
                b.subgroup.is_some(),
                &b.subgroup,
            ))
        });
        Ok(list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One meeting is read by seeking to its row, and its attendance by the meeting's key,
    /// never by reading a whole table (`crate::query_plan`).
    #[tokio::test]
    async fn one_meeting_is_read_through_keys_not_a_scan() {
        use crate::query_plan::{Bind, plan};
        let p = plan(&one_sql(), &[Bind::Int(1), Bind::Int(1)]).await;
        p.assert_no_full_read(
            "one meeting",
            &[
                ("m", "meetings"),
                ("s", "subgroups"),
                ("c", "people"),
                ("am", "meetings"),
            ],
        );
        p.assert_seeks_by("one meeting", "m", "id", "=");
        let p = plan(ATTENDANCE, &[Bind::Int(1), Bind::Int(1)]).await;
        p.assert_no_full_read(
            "a meeting's attendance",
            &[("t", "attendance"), ("p", "people"), ("ag", "agencies")],
        );
        p.assert_seeks_by("a meeting's attendance", "t", "meeting_id", "=");
    }
}
