//! Writes to one meeting: its agenda, each person's attendance, its decisions, its action
//! log, and its minutes (a draft, then approved at a later meeting of the same body). Each is
//! one partnership write with its change-log entry; a meeting of another partnership is not
//! found.

use domain::Date;
use domain::meetings::Attendance;
use serde::Serialize;
use sqlx::Row;

use crate::Store;
use crate::changelog::chain::ChangeOp;
use crate::codec;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;

use super::find;
use super::record::AgendaItem;

/// The longest text kept in one field (a decision, an action, an agenda title); the minutes
/// may be longer.
const MAX_TEXT: usize = 2000;
const MAX_MINUTES: usize = 100_000;

fn text(field: &str, value: &str, max: usize) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(StoreError::invalid(format!(
            "{field}: say what it is; it cannot be empty"
        )));
    }
    if v.chars().count() > max {
        return Err(StoreError::invalid(format!(
            "{field}: at most {max} characters are kept; shorten it"
        )));
    }
    Ok(v.to_string())
}

/// The next position in meeting `id`'s rows of `table` (decisions, agenda items).
async fn next_position(
    conn: &mut sqlx::AnyConnection,
    table: &'static str,
    id: i64,
) -> Result<i64> {
    let sql =
        format!("SELECT COALESCE(MAX(position) + 1, 0) AS next FROM {table} WHERE meeting_id = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get("next")?)
}

#[derive(Serialize)]
struct AttendanceEntry<'a> {
    person: &'a str,
    status: Attendance,
    deputy: Option<&'a str>,
}

#[derive(Serialize)]
struct ActionEntry<'a> {
    what: &'a str,
    who: &'a str,
    due: Option<Date>,
    done: Option<Date>,
}

impl Store {
    /// Record how `person` was at meeting `id`. A deputy is named; without a name, the
    /// person's deputy on the register. Recording it again replaces the earlier answer.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn record_attendance(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        person: &str,
        status: Attendance,
        deputy: Option<&str>,
    ) -> Result<()> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let head = find::head(&mut w.tx, w.pid, id).await?;
        let (person_id, name) = find::person(&mut w.tx, w.pid, person).await?;
        let deputy = match (status, deputy.map(str::trim).filter(|d| !d.is_empty())) {
            (Attendance::Deputy, Some(d)) => Some(text("deputy", d, 200)?),
            (Attendance::Deputy, None) => {
                let row = sqlx::query(
                    "SELECT d.name FROM people p JOIN people d
                         ON d.partnership_id = p.partnership_id AND d.id = p.deputy_id
                     WHERE p.partnership_id = $1 AND p.id = $2",
                )
                .bind(w.pid)
                .bind(person_id)
                .fetch_optional(&mut *w.tx)
                .await?;
                Some(match row {
                    Some(r) => r.try_get::<String, _>("name")?,
                    None => {
                        return Err(StoreError::invalid(format!(
                            "deputy: {name} has no deputy on the register: name the one who \
                             came (--deputy NAME)"
                        )));
                    }
                })
            }
            (_, Some(_)) => {
                return Err(StoreError::invalid(
                    "deputy: a deputy is named only when one came instead (--as deputy)",
                ));
            }
            (_, None) => None,
        };
        let old = sqlx::query(
            "SELECT status, deputy FROM attendance WHERE meeting_id = $2 AND person_id = $3
             AND partnership_id = $1",
        )
        .bind(w.pid)
        .bind(id)
        .bind(person_id)
        .fetch_optional(&mut *w.tx)
        .await?;
        if let Some(r) = &old {
            let same = r.try_get::<String, _>("status")? == status.as_str()
                && r.try_get::<Option<String>, _>("deputy")? == deputy;
            if same {
                return Ok(());
            }
        }
        sqlx::query(
            "DELETE FROM attendance WHERE meeting_id = $2 AND person_id = $3 AND partnership_id = $1",
        )
        .bind(w.pid)
        .bind(id)
        .bind(person_id)
        .execute(&mut *w.tx)
        .await?;
        sqlx::query(
            "INSERT INTO attendance (partnership_id, meeting_id, person_id, status, deputy)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(w.pid)
        .bind(id)
        .bind(person_id)
        .bind(status.as_str())
        .bind(deputy.clone())
        .execute(&mut *w.tx)
        .await?;
        let entry = AttendanceEntry {
            person: &name,
            status,
            deputy: deputy.as_deref(),
        };
        let key = format!("{} / {name}", head.key);
        let op = if old.is_some() {
            ChangeOp::Update
        } else {
            ChangeOp::Create
        };
        w.log
            .record::<(), _>("attendance", key, op, None, Some(&entry))?;
        w.commit().await
    }

    /// Add decision `text` to meeting `id`.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_decision(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        text: &str,
    ) -> Result<()> {
        let text = self::text("decision", text, MAX_TEXT)?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let head = find::head(&mut w.tx, w.pid, id).await?;
        let position = next_position(&mut w.tx, "decisions", id).await?;
        sqlx::query(
            "INSERT INTO decisions (partnership_id, meeting_id, position, text)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(w.pid)
        .bind(id)
        .bind(position)
        .bind(text.as_str())
        .execute(&mut *w.tx)
        .await?;
        w.log.created("decision", head.key, &text)?;
        w.commit().await
    }

    /// Add `item` to meeting `id`'s agenda, last.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_agenda_item(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        item: &AgendaItem,
    ) -> Result<()> {
        let mut item = item.clone();
        item.title = text("title", &item.title, MAX_TEXT)?;
        let opt = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(String::from)
        };
        item.presenter = opt(&item.presenter);
        item.paper = opt(&item.paper);
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let head = find::head(&mut w.tx, w.pid, id).await?;
        let position = next_position(&mut w.tx, "agenda_items", id).await?;
        sqlx::query(
            "INSERT INTO agenda_items (partnership_id, meeting_id, position, title, presenter,
                 paper, actions, indicators)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(w.pid)
        .bind(id)
        .bind(position)
        .bind(item.title.as_str())
        .bind(item.presenter.clone())
        .bind(item.paper.clone())
        .bind(codec::text_list(&item.actions)?)
        .bind(codec::text_list(&item.indicators)?)
        .execute(&mut *w.tx)
        .await?;
        w.log.created("agenda item", head.key, &item)?;
        w.commit().await
    }

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

    /// Write meeting `id`'s draft minutes. Approved minutes are not rewritten.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn set_minutes(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        minutes: &str,
    ) -> Result<()> {
        let minutes = text("minutes", minutes, MAX_MINUTES)?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let head = find::head(&mut w.tx, w.pid, id).await?;
        let r = sqlx::query("SELECT minutes, minutes_approved_by FROM meetings WHERE partnership_id = $1 AND id = $2")
            .bind(w.pid)
            .bind(id)
            .fetch_one(&mut *w.tx)
            .await?;
        if r.try_get::<Option<i64>, _>("minutes_approved_by")?
            .is_some()
        {
            return Err(StoreError::Conflict {
                what: format!(
                    "the minutes of {} are approved; they are not rewritten",
                    head.key
                ),
            });
        }
        let old: Option<String> = r.try_get("minutes")?;
        if old.as_deref() == Some(minutes.as_str()) {
            return Ok(());
        }
        sqlx::query("UPDATE meetings SET minutes = $3 WHERE partnership_id = $1 AND id = $2")
            .bind(w.pid)
            .bind(id)
            .bind(minutes.as_str())
            .execute(&mut *w.tx)
            .await?;
        w.log.record(
            "minutes",
            head.key,
            ChangeOp::Update,
            old.as_ref(),
            Some(&minutes),
        )?;
        w.commit().await
    }

    /// Record that meeting `at` (later, of the same body) approved meeting `id`'s minutes.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn approve_minutes(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        at: i64,
    ) -> Result<()> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let head = find::head(&mut w.tx, w.pid, id).await?;
        let approver = find::head(&mut w.tx, w.pid, at).await?;
        if approver.subgroup_id != head.subgroup_id || approver.date <= head.date {
            return Err(StoreError::invalid(format!(
                "minutes are approved at a later meeting of the same body: {} cannot approve \
                 those of {}",
                approver.key, head.key
            )));
        }
        let r = sqlx::query("SELECT minutes, minutes_approved_by FROM meetings WHERE partnership_id = $1 AND id = $2")
            .bind(w.pid)
            .bind(id)
            .fetch_one(&mut *w.tx)
            .await?;
        if r.try_get::<Option<String>, _>("minutes")?.is_none() {
            return Err(StoreError::invalid(format!(
                "the meeting {} has no minutes to approve yet",
                head.key
            )));
        }
        if r.try_get::<Option<i64>, _>("minutes_approved_by")?
            .is_some()
        {
            return Err(StoreError::Conflict {
                what: format!("the minutes of {} are already approved", head.key),
            });
        }
        sqlx::query(
            "UPDATE meetings SET minutes_approved_by = $3 WHERE partnership_id = $1 AND id = $2",
        )
        .bind(w.pid)
        .bind(id)
        .bind(at)
        .execute(&mut *w.tx)
        .await?;
        w.log.record::<(), _>(
            "minutes",
            head.key,
            ChangeOp::Update,
            None,
            Some(&format!("approved at {}", approver.key)),
        )?;
        w.commit().await
    }
}
