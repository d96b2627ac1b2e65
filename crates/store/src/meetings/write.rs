//! Writes to one meeting: its agenda, each person's attendance and its decisions (its action
//! log is `actions`, its minutes `minutes`). Each is one partnership write with its
//! change-log entry; a meeting of another partnership is not found.

use domain::meetings::Attendance;
use serde::Serialize;
use sqlx::Row;

use crate::Store;
use crate::changelog::chain::ChangeOp;
use crate::codec;
use crate::error::{Result, StoreError};
use crate::progress::write::{Stamp, Write};

use super::find;
use super::record::AgendaItem;

/// The longest text kept in one field (a decision, an action, an agenda title); the minutes
/// may be longer.
pub(super) const MAX_TEXT: usize = 2000;

pub(super) fn text(field: &str, value: &str, max: usize) -> Result<String> {
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

/// Record, in write `w`, how person `who` (id, name) was at meeting `id` (named `key` in the
/// change log); whether anything changed. Shared by one answer and a file of them.
pub(super) async fn attend(
    w: &mut Write,
    id: i64,
    key: &str,
    who: &(i64, String),
    status: Attendance,
    deputy: Option<&str>,
) -> Result<bool> {
    let (person_id, name) = (who.0, who.1.as_str());
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
            return Ok(false);
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
        person: name,
        status,
        deputy: deputy.as_deref(),
    };
    let op = if old.is_some() {
        ChangeOp::Update
    } else {
        ChangeOp::Create
    };
    w.log.record::<(), _>(
        "attendance",
        format!("{key} / {name}"),
        op,
        None,
        Some(&entry),
    )?;
    Ok(true)
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
        let who = find::person(&mut w.tx, w.pid, person).await?;
        if !attend(&mut w, id, &head.key, &who, status, deputy).await? {
            return Ok(());
        }
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
}
