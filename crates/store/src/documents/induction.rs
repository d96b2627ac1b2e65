//! Induction (4.2): the partnership's checklist, the day each person completed each item, and
//! the day each acknowledged their job description. People and items are found by name (case
//! aside), as the command line and the form give them.

use std::collections::HashMap;

use domain::Date;
use domain::documents::check_item_title;
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::ChangeOp;
use crate::codec;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;
use crate::sql::fetch;
use crate::{Store, scope};

/// The checklist and everyone's progress through it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InductionSheet {
    /// The checklist's items, in the order they were added.
    pub items: Vec<String>,
    /// Everyone on the member register, by name.
    pub people: Vec<InductionPerson>,
}

/// One person's induction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InductionPerson {
    pub id: i64,
    pub name: String,
    /// The day each item (as [`InductionSheet::items`]) was done, if it was.
    pub done: Vec<Option<Date>>,
    pub job_description_acknowledged: Option<Date>,
}

impl InductionPerson {
    /// How many items are done.
    pub fn done_count(&self) -> usize {
        self.done.iter().filter(|d| d.is_some()).count()
    }
}

/// Id and name of the row of `rows` whose `column` is `typed`, case aside.
fn find(rows: &[sqlx::any::AnyRow], column: &str, typed: &str) -> Result<Option<(i64, String)>> {
    for r in rows {
        let v: String = r.try_get(column)?;
        if v.eq_ignore_ascii_case(typed.trim()) {
            return Ok(Some((r.try_get("id")?, v)));
        }
    }
    Ok(None)
}

async fn person(conn: &mut AnyConnection, pid: i64, name: &str) -> Result<(i64, String)> {
    let rows = fetch(
        conn,
        "SELECT id, name FROM people WHERE partnership_id = $1",
        pid,
    )
    .await?;
    find(&rows, "name", name)?.ok_or_else(|| {
        StoreError::invalid(format!(
            "person: \"{name}\" is not on the member register. Add them first (boardplan \
             member add), or correct the name"
        ))
    })
}

async fn items(conn: &mut AnyConnection, pid: i64) -> Result<Vec<sqlx::any::AnyRow>> {
    fetch(
        conn,
        "SELECT id, title FROM induction_items WHERE partnership_id = $1 ORDER BY position, id",
        pid,
    )
    .await
}

impl Store {
    /// Partnership `slug`'s induction checklist and everyone's progress through it.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn induction(&self, slug: &str) -> Result<InductionSheet> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let item_rows = items(&mut tx, pid).await?;
        let mut column = HashMap::new();
        let mut titles = Vec::with_capacity(item_rows.len());
        for (i, r) in item_rows.iter().enumerate() {
            column.insert(r.try_get::<i64, _>("id")?, i);
            titles.push(r.try_get::<String, _>("title")?);
        }
        let people = fetch(
            &mut tx,
            "SELECT p.id, p.name, j.acknowledged_on FROM people p
             LEFT JOIN job_descriptions_acknowledged j ON j.person_id = p.id
             WHERE p.partnership_id = $1",
            pid,
        )
        .await?;
        let done = fetch(
            &mut tx,
            "SELECT person_id, item_id, done_on FROM induction_done WHERE partnership_id = $1",
            pid,
        )
        .await?;
        tx.commit().await?;
        let mut out = Vec::with_capacity(people.len());
        let mut row_of = HashMap::new();
        for r in &people {
            let id: i64 = r.try_get("id")?;
            row_of.insert(id, out.len());
            out.push(InductionPerson {
                id,
                name: r.try_get("name")?,
                done: vec![None; titles.len()],
                job_description_acknowledged: codec::opt_date(r.try_get("acknowledged_on")?)?,
            });
        }
        for r in &done {
            let (p, i): (i64, i64) = (r.try_get("person_id")?, r.try_get("item_id")?);
            if let (Some(&row), Some(&col)) = (row_of.get(&p), column.get(&i)) {
                out[row].done[col] = Some(codec::parse_date(&r.try_get::<String, _>("done_on")?)?);
            }
        }
        out.sort_by_key(|p| p.name.to_lowercase());
        Ok(InductionSheet {
            items: titles,
            people: out,
        })
    }

    /// Add `title` to partnership `slug`'s induction checklist; one already there is a
    /// conflict.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_induction_item(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        title: &str,
    ) -> Result<()> {
        let title = title.trim();
        check_item_title(title)
            .map_err(|e| StoreError::invalid(format!("item: {} {}", e.problem, e.fix)))?;
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let rows = items(&mut w.tx, w.pid).await?;
        if let Some((_, t)) = find(&rows, "title", title)? {
            return Err(StoreError::Conflict {
                what: format!("\"{t}\" is already on the induction checklist"),
            });
        }
        let next = i64::try_from(rows.len()).unwrap_or(i64::MAX);
        sqlx::query(
            "INSERT INTO induction_items (partnership_id, position, title) VALUES ($1, $2, $3)",
        )
        .bind(w.pid)
        .bind(next)
        .bind(title)
        .execute(&mut *w.tx)
        .await?;
        w.log.created("induction_item", title, &title)?;
        w.commit().await
    }

    /// Record that `person` completed checklist item `item` on `on` (a later record of the
    /// same item replaces the day).
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn record_induction(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        person_name: &str,
        item: &str,
        on: Date,
    ) -> Result<()> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let (person_id, name) = person(&mut w.tx, w.pid, person_name).await?;
        let rows = items(&mut w.tx, w.pid).await?;
        let Some((item_id, title)) = find(&rows, "title", item)? else {
            let known: Vec<String> = rows
                .iter()
                .map(|r| r.try_get::<String, _>("title"))
                .collect::<std::result::Result<_, _>>()?;
            return Err(StoreError::invalid(format!(
                "item: \"{item}\" is not on the induction checklist ({}). Add it first \
                 (boardplan induction item add TITLE), or correct the title",
                if known.is_empty() {
                    "it has no items yet".to_string()
                } else {
                    known.join(", ")
                }
            )));
        };
        let old =
            sqlx::query("SELECT done_on FROM induction_done WHERE person_id = $1 AND item_id = $2")
                .bind(person_id)
                .bind(item_id)
                .fetch_optional(&mut *w.tx)
                .await?
                .map(|r| r.try_get::<String, _>("done_on"))
                .transpose()?;
        let day = codec::date_text(on);
        if old.as_deref() == Some(day.as_str()) {
            return Ok(());
        }
        sqlx::query("DELETE FROM induction_done WHERE person_id = $1 AND item_id = $2")
            .bind(person_id)
            .bind(item_id)
            .execute(&mut *w.tx)
            .await?;
        sqlx::query(
            "INSERT INTO induction_done (partnership_id, person_id, item_id, done_on)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(w.pid)
        .bind(person_id)
        .bind(item_id)
        .bind(day.as_str())
        .execute(&mut *w.tx)
        .await?;
        let key = format!("{name} / {title}");
        let op = if old.is_some() {
            ChangeOp::Update
        } else {
            ChangeOp::Create
        };
        w.log
            .record("induction", key, op, old.as_ref(), Some(&day))?;
        w.commit().await
    }

    /// Record that `person` acknowledged their job description on `on`.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn acknowledge_job_description(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        person_name: &str,
        on: Date,
    ) -> Result<()> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let (person_id, name) = person(&mut w.tx, w.pid, person_name).await?;
        let old = sqlx::query(
            "SELECT acknowledged_on FROM job_descriptions_acknowledged WHERE person_id = $1",
        )
        .bind(person_id)
        .fetch_optional(&mut *w.tx)
        .await?
        .map(|r| r.try_get::<String, _>("acknowledged_on"))
        .transpose()?;
        let day = codec::date_text(on);
        if old.as_deref() == Some(day.as_str()) {
            return Ok(());
        }
        sqlx::query("DELETE FROM job_descriptions_acknowledged WHERE person_id = $1")
            .bind(person_id)
            .execute(&mut *w.tx)
            .await?;
        sqlx::query(
            "INSERT INTO job_descriptions_acknowledged (person_id, partnership_id, acknowledged_on)
             VALUES ($1, $2, $3)",
        )
        .bind(person_id)
        .bind(w.pid)
        .bind(day.as_str())
        .execute(&mut *w.tx)
        .await?;
        let op = if old.is_some() {
            ChangeOp::Update
        } else {
            ChangeOp::Create
        };
        w.log
            .record("job_description", name, op, old.as_ref(), Some(&day))?;
        w.commit().await
    }
}
