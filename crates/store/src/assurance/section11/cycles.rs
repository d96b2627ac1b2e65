//! A Section 11 cycle: added a year at a time with its standards (given, or copied from the
//! last cycle before it) and its scale; moved through its stages by the panel.

use domain::Date;
use domain::assurance::section11::{Scale, Stage, Standard};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use super::Cycle;
use crate::changelog::chain::ChangeOp;
use crate::codec::{self, date_text};
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;
use crate::{Store, scope};

/// What a new cycle is made of; `None` copies the last cycle's (or the default scale).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct NewCycle {
    pub year: i32,
    pub standards: Option<Vec<Standard>>,
    pub scale: Option<Scale>,
    pub due_on: Option<Date>,
}

/// Cycle `year` of partnership `pid`: its id and contents.
pub(crate) async fn cycle(conn: &mut AnyConnection, pid: i64, year: i32) -> Result<(i64, Cycle)> {
    let row = sqlx::query(
        "SELECT id, year, scale, stage, due_on FROM s11_cycles
         WHERE partnership_id = $1 AND year = $2",
    )
    .bind(pid)
    .bind(i64::from(year))
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| {
        StoreError::not_found(format!(
            "the Section 11 cycle {year} (add it with boardplan s11 cycle add {year} --standards FILE)"
        ))
    })?;
    let id: i64 = row.try_get("id")?;
    let words = codec::parse_text_list(&row.try_get::<String, _>("scale")?)?;
    let scale = Scale::new(&words).map_err(|e| StoreError::invalid(e.problem))?;
    let stage = row
        .try_get::<String, _>("stage")?
        .parse::<Stage>()
        .map_err(|e| StoreError::invalid(e.problem))?;
    let standards = sqlx::query(
        "SELECT number, title FROM s11_standards WHERE cycle_id = $1 ORDER BY position",
    )
    .bind(id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(Standard {
            number: r.try_get("number")?,
            title: r.try_get("title")?,
        })
    })
    .collect::<Result<Vec<_>>>()?;
    Ok((
        id,
        Cycle {
            year,
            scale,
            stage,
            due_on: codec::opt_date(row.try_get("due_on")?)?,
            standards,
        },
    ))
}

/// The year of the last cycle before `year`, if any.
pub(crate) async fn previous_year(
    conn: &mut AnyConnection,
    pid: i64,
    year: i32,
) -> Result<Option<i32>> {
    let row = sqlx::query(
        "SELECT MAX(year) AS y FROM s11_cycles WHERE partnership_id = $1 AND year < $2",
    )
    .bind(pid)
    .bind(i64::from(year))
    .fetch_one(&mut *conn)
    .await?;
    row.try_get::<Option<i64>, _>("y")?
        .map(|y| i32::try_from(y).map_err(|_| StoreError::invalid("a cycle's year")))
        .transpose()
}

impl Store {
    /// Add Section 11 cycle `c.year` to partnership `slug`. Standards or scale not given are
    /// copied from the last cycle before it; with none, they must be given.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_s11_cycle(&self, slug: &str, stamp: Stamp<'_>, c: &NewCycle) -> Result<Cycle> {
        if !(1990..=2100).contains(&c.year) {
            return Err(StoreError::invalid(format!(
                "{} is not a year a Section 11 cycle can run in",
                c.year
            )));
        }
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        if cycle(&mut w.tx, w.pid, c.year).await.is_ok() {
            return Err(StoreError::Conflict {
                what: format!("the Section 11 cycle {} is already there", c.year),
            });
        }
        let last = match previous_year(&mut w.tx, w.pid, c.year).await? {
            Some(y) => Some(cycle(&mut w.tx, w.pid, y).await?.1),
            None => None,
        };
        let standards = match (&c.standards, &last) {
            (Some(s), _) => s.clone(),
            (None, Some(l)) => l.standards.clone(),
            (None, None) => {
                return Err(StoreError::invalid(format!(
                    "there is no earlier cycle to copy standards from: give the {} standards \
                     with --standards FILE (CSV: number,title)",
                    c.year
                )));
            }
        };
        let scale = c
            .scale
            .clone()
            .or_else(|| last.as_ref().map(|l| l.scale.clone()))
            .unwrap_or_default();
        let row = sqlx::query(
            "INSERT INTO s11_cycles (partnership_id, year, scale, stage, due_on, created_at)
             VALUES ($1, $2, $3, 'returns', $4, $5) RETURNING id",
        )
        .bind(w.pid)
        .bind(i64::from(c.year))
        .bind(codec::text_list(scale.words())?)
        .bind(c.due_on.map(date_text))
        .bind(&w.at)
        .fetch_one(&mut *w.tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        for (i, s) in standards.iter().enumerate() {
            sqlx::query(
                "INSERT INTO s11_standards (partnership_id, cycle_id, position, number, title)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(w.pid)
            .bind(id)
            .bind(i64::try_from(i).unwrap_or(i64::MAX))
            .bind(&s.number)
            .bind(&s.title)
            .execute(&mut *w.tx)
            .await?;
        }
        let (_, made) = cycle(&mut w.tx, w.pid, c.year).await?;
        w.log.created("s11_cycle", c.year.to_string(), &made)?;
        w.commit().await?;
        Ok(made)
    }

    /// Move cycle `year` to `stage`.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn set_s11_stage(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        year: i32,
        stage: Stage,
    ) -> Result<()> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let (id, old) = cycle(&mut w.tx, w.pid, year).await?;
        if old.stage == stage {
            return Ok(());
        }
        sqlx::query("UPDATE s11_cycles SET stage = $1 WHERE partnership_id = $2 AND id = $3")
            .bind(stage.as_str())
            .bind(w.pid)
            .bind(id)
            .execute(&mut *w.tx)
            .await?;
        w.log.record(
            "s11_cycle",
            year.to_string(),
            ChangeOp::Update,
            Some(&serde_json::json!({ "stage": old.stage })),
            Some(&serde_json::json!({ "stage": stage })),
        )?;
        w.commit().await
    }

    /// Partnership `slug`'s Section 11 cycle years, newest first.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn s11_years(&self, slug: &str) -> Result<Vec<i32>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let rows =
            sqlx::query("SELECT year FROM s11_cycles WHERE partnership_id = $1 ORDER BY year DESC")
                .bind(pid)
                .fetch_all(&mut *tx)
                .await?;
        tx.commit().await?;
        rows.iter()
            .map(|r| {
                let y: i64 = r.try_get("year")?;
                i32::try_from(y).map_err(|_| StoreError::invalid("a cycle's year"))
            })
            .collect()
    }
}
