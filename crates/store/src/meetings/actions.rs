//! The meeting action log: what a meeting shows of it (read with the meeting in `record`),
//! raising an action at a meeting, and marking it done (promoting it into the plan is
//! `promote`).

use domain::Date;
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::changelog::chain::ChangeOp;
use crate::codec;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;

use super::find;
use super::record::{MeetingAction, MeetingSummary, PromotedTo};
use super::write::{MAX_TEXT, text};

#[derive(Serialize)]
struct ActionEntry<'a> {
    what: &'a str,
    who: &'a str,
    due: Option<Date>,
    done: Option<Date>,
}

/// The body's action log as it stood at meeting `m`: what it raised, and what earlier
/// meetings of the same body raised that was not done before the previous one.
pub(super) async fn action_log(
    conn: &mut AnyConnection,
    pid: i64,
    m: &MeetingSummary,
    sid: Option<i64>,
) -> Result<Vec<MeetingAction>> {
    let date = codec::date_text(m.date);
    let rows = sqlx::query(
        "SELECT a.id, a.what, a.who, a.due, a.done, m.date AS raised, a.meeting_id,
             a.promoted_plan, a.promoted_action, a.promoted_on
         FROM meeting_actions a
         JOIN meetings m ON m.partnership_id = a.partnership_id AND m.id = a.meeting_id
         WHERE a.partnership_id = $1 AND COALESCE(m.subgroup_id, -1) = $2 AND m.date <= $3
         ORDER BY m.date, a.id",
    )
    .bind(pid)
    .bind(sid.unwrap_or(-1))
    .bind(date.as_str())
    .fetch_all(&mut *conn)
    .await?;
    let previous: Option<String> = sqlx::query(
        "SELECT MAX(date) AS previous FROM meetings
         WHERE partnership_id = $1 AND COALESCE(subgroup_id, -1) = $2 AND date < $3",
    )
    .bind(pid)
    .bind(sid.unwrap_or(-1))
    .bind(date.as_str())
    .fetch_one(&mut *conn)
    .await?
    .try_get("previous")?;
    let mut log = Vec::new();
    for r in &rows {
        let done: Option<String> = r.try_get("done")?;
        let promoted_on: Option<String> = r.try_get("promoted_on")?;
        let here = r.try_get::<i64, _>("meeting_id")? == m.id;
        // Promoted into the plan, it is followed there and no longer carried.
        let closed = done.clone().or_else(|| promoted_on.clone());
        let carried = match (&closed, &previous) {
            (None, _) => true,
            (Some(d), Some(p)) => d > p,
            (Some(_), None) => true,
        };
        if here || carried {
            log.push(MeetingAction {
                id: r.try_get("id")?,
                what: r.try_get("what")?,
                who: r.try_get("who")?,
                due: codec::opt_date(r.try_get("due")?)?,
                done: codec::opt_date(done)?,
                raised: codec::parse_date(&r.try_get::<String, _>("raised")?)?,
                promoted_to: promoted(r, promoted_on.as_deref())?,
            });
        }
    }
    Ok(log)
}

fn promoted(r: &sqlx::any::AnyRow, on: Option<&str>) -> Result<Option<PromotedTo>> {
    let plan: Option<String> = r.try_get("promoted_plan")?;
    let action: Option<String> = r.try_get("promoted_action")?;
    Ok(match (plan, action, on) {
        (Some(plan), Some(action), Some(on)) => Some(PromotedTo {
            plan,
            action,
            on: codec::parse_date(on)?,
        }),
        _ => None,
    })
}

impl Store {
    /// Raise an action at meeting `id`: what, who, by when. Its id.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_meeting_action(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        what: &str,
        who: &str,
        due: Option<Date>,
    ) -> Result<i64> {
        let what = text("what", what, MAX_TEXT)?;
        let who = text("who", who, 200)?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let head = find::head(&mut w.tx, w.pid, id).await?;
        let row = sqlx::query(
            "INSERT INTO meeting_actions (partnership_id, meeting_id, what, who, due)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(w.pid)
        .bind(id)
        .bind(what.as_str())
        .bind(who.as_str())
        .bind(due.map(codec::date_text))
        .fetch_one(&mut *w.tx)
        .await?;
        let action: i64 = row.try_get("id")?;
        let entry = ActionEntry {
            what: &what,
            who: &who,
            due,
            done: None,
        };
        w.log
            .created("meeting action", format!("{} #{action}", head.key), &entry)?;
        w.commit().await?;
        Ok(action)
    }

    /// Mark action `action` of the log done on `done`. Done once: marking it again is a
    /// conflict.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn complete_meeting_action(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        action: i64,
        done: Date,
    ) -> Result<()> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let row = sqlx::query(
            "SELECT meeting_id, what, who, due, done FROM meeting_actions
             WHERE partnership_id = $1 AND id = $2",
        )
        .bind(w.pid)
        .bind(action)
        .fetch_optional(&mut *w.tx)
        .await?
        .ok_or_else(|| {
            StoreError::not_found(format!("action #{action} of the meeting action log"))
        })?;
        let head = find::head(&mut w.tx, w.pid, row.try_get("meeting_id")?).await?;
        if let Some(d) = row.try_get::<Option<String>, _>("done")? {
            return Err(StoreError::Conflict {
                what: format!("action #{action} was already done on {d}"),
            });
        }
        if done < head.date {
            return Err(StoreError::invalid(format!(
                "done: action #{action} was raised on {}; it cannot be done before then",
                head.date
            )));
        }
        sqlx::query("UPDATE meeting_actions SET done = $3 WHERE partnership_id = $1 AND id = $2")
            .bind(w.pid)
            .bind(action)
            .bind(codec::date_text(done))
            .execute(&mut *w.tx)
            .await?;
        let (what, who): (String, String) = (row.try_get("what")?, row.try_get("who")?);
        let due = codec::opt_date(row.try_get("due")?)?;
        let before = ActionEntry {
            what: &what,
            who: &who,
            due,
            done: None,
        };
        let after = ActionEntry {
            what: &what,
            who: &who,
            due,
            done: Some(done),
        };
        w.log.record(
            "meeting action",
            format!("{} #{action}", head.key),
            ChangeOp::Update,
            Some(&before),
            Some(&after),
        )?;
        w.commit().await
    }
}
