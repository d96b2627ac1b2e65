//! What a partnership decides about its indicators: its own area, its RAG scheme, the
//! indicators it chose to report on, its targets (with tolerances) and the commentary its
//! people write. Every write is logged in the same transaction.

use indicators::{AreaCode, Commentary, IndicatorCode, RagScheme, Target};
use jiff::civil::Date;
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::changelog::chain::{ChangeBatch, ChangeOp};
use crate::codec::at_text;
use crate::error::{Result, StoreError};
use crate::scope::require_partnership;
use crate::sql::{Value as Cell, insert_rows};

use super::codec::{parse_date, parse_period, period_key, uk_day};

/// A partnership's indicator settings. Until it sets them: no area, the default scheme, and
/// no indicators chosen (lists then show every indicator with values for the area).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IndicatorSettings {
    pub area_code: Option<AreaCode>,
    pub scheme: RagScheme,
    /// In the partnership's order.
    pub chosen: Vec<IndicatorCode>,
}

/// What setting a target did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetOutcome {
    Created,
    Updated,
    /// The same target was already set: nothing was written.
    Unchanged,
}

#[derive(Serialize)]
struct TargetEntry {
    value: f64,
    tolerance_percent: Option<f64>,
}

fn bad(what: &str, text: &str) -> StoreError {
    StoreError::invalid(format!("the database holds \"{text}\" as {what}"))
}

/// The UK day of a stored `*_at` time.
fn recorded_day(at: &str) -> Result<Date> {
    at.parse::<jiff::Timestamp>()
        .map(uk_day)
        .map_err(|_| bad("a time", at))
}

fn check_actor(actor: &str) -> Result<()> {
    if actor.trim().is_empty() {
        return Err(StoreError::invalid(
            "every change needs an actor: say who is making it",
        ));
    }
    Ok(())
}

pub(crate) async fn settings(conn: &mut AnyConnection, pid: i64) -> Result<IndicatorSettings> {
    let row = sqlx::query(
        "SELECT area_code, tolerance_percent, blue_for_exceeding FROM indicator_settings
         WHERE partnership_id = $1",
    )
    .bind(pid)
    .fetch_optional(&mut *conn)
    .await?;
    let mut settings = IndicatorSettings::default();
    if let Some(r) = row {
        let area: Option<String> = r.try_get("area_code")?;
        settings.area_code = area
            .map(|a| AreaCode::new(&a).map_err(|_| bad("an area", &a)))
            .transpose()?;
        settings.scheme = RagScheme {
            tolerance_percent: r.try_get("tolerance_percent")?,
            blue_for_exceeding: r.try_get::<i64, _>("blue_for_exceeding")? != 0,
        };
    }
    let rows = sqlx::query(
        "SELECT indicator FROM indicator_choices WHERE partnership_id = $1 ORDER BY position",
    )
    .bind(pid)
    .fetch_all(&mut *conn)
    .await?;
    for r in &rows {
        let code: String = r.try_get("indicator")?;
        settings
            .chosen
            .push(IndicatorCode::new(&code).map_err(|_| bad("an indicator", &code))?);
    }
    Ok(settings)
}

/// Targets, without those set after `as_at` when given.
pub(crate) async fn targets(
    conn: &mut AnyConnection,
    pid: i64,
    as_at: Option<Date>,
) -> Result<Vec<Target>> {
    let rows = sqlx::query(
        "SELECT indicator, period, value, tolerance_percent, set_at FROM indicator_targets
         WHERE partnership_id = $1 ORDER BY indicator, period",
    )
    .bind(pid)
    .fetch_all(&mut *conn)
    .await?;
    let mut targets = Vec::with_capacity(rows.len());
    for r in &rows {
        let set_at: String = r.try_get("set_at")?;
        if let Some(day) = as_at
            && recorded_day(&set_at)? > day
        {
            continue;
        }
        let code: String = r.try_get("indicator")?;
        targets.push(Target {
            indicator: IndicatorCode::new(&code).map_err(|_| bad("an indicator", &code))?,
            period: parse_period(&r.try_get::<String, _>("period")?)?,
            value: r.try_get("value")?,
            tolerance_percent: r.try_get("tolerance_percent")?,
        });
    }
    Ok(targets)
}

impl Store {
    /// The partnership's indicator settings (defaults until it sets them).
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn indicator_settings(&self, slug: &str) -> Result<IndicatorSettings> {
        let mut conn = self.pool.acquire().await?;
        let pid = require_partnership(&mut conn, slug).await?;
        settings(&mut conn, pid).await
    }

    /// Replace the partnership's indicator settings. Returns false (and writes nothing) when
    /// they are already as given.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn set_indicator_settings(
        &self,
        slug: &str,
        actor: &str,
        new: &IndicatorSettings,
        at: jiff::Timestamp,
    ) -> Result<bool> {
        check_actor(actor)?;
        let tolerance = new.scheme.tolerance_percent;
        if !tolerance.is_finite() || !(0.0..=100.0).contains(&tolerance) {
            return Err(StoreError::invalid(format!(
                "a tolerance of {tolerance}% cannot be used: give a percentage from 0 to 100"
            )));
        }
        let mut seen = std::collections::HashSet::new();
        if let Some(twice) = new.chosen.iter().find(|c| !seen.insert(c.as_str())) {
            return Err(StoreError::invalid(format!(
                "{twice} is chosen twice: list each indicator once"
            )));
        }
        let mut tx = self.begin_write().await?;
        let pid = require_partnership(&mut tx, slug).await?;
        let old = settings(&mut tx, pid).await?;
        if &old == new {
            tx.commit().await?;
            return Ok(false);
        }
        let at = at_text(at);
        sqlx::query("DELETE FROM indicator_settings WHERE partnership_id = $1")
            .bind(pid)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO indicator_settings
                 (partnership_id, area_code, tolerance_percent, blue_for_exceeding, updated_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(pid)
        .bind(new.area_code.as_ref().map(|a| a.as_str().to_owned()))
        .bind(tolerance)
        .bind(i64::from(new.scheme.blue_for_exceeding))
        .bind(at.as_str())
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM indicator_choices WHERE partnership_id = $1")
            .bind(pid)
            .execute(&mut *tx)
            .await?;
        let rows = new
            .chosen
            .iter()
            .zip(0i64..)
            .map(|(code, position)| {
                vec![
                    Cell::from(pid),
                    Cell::from(code.as_str()),
                    Cell::from(position),
                ]
            })
            .collect();
        insert_rows(
            &mut tx,
            "indicator_choices",
            &["partnership_id", "indicator", "position"],
            rows,
            None,
        )
        .await?;
        let mut log = ChangeBatch::new(pid, actor, &at);
        log.record(
            "indicator_settings",
            slug,
            ChangeOp::Update,
            Some(&old),
            Some(new),
        )?;
        log.append(&mut tx).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Set (or change) the target for an indicator and period.
    #[tracing::instrument(skip_all, fields(partnership = slug, indicator = %target.indicator))]
    pub async fn set_indicator_target(
        &self,
        slug: &str,
        actor: &str,
        target: &Target,
        at: jiff::Timestamp,
    ) -> Result<TargetOutcome> {
        check_actor(actor)?;
        if !target.value.is_finite() {
            return Err(StoreError::invalid("a target must be a number"));
        }
        if let Some(t) = target.tolerance_percent
            && (!t.is_finite() || !(0.0..=100.0).contains(&t))
        {
            return Err(StoreError::invalid(format!(
                "a tolerance of {t}% cannot be used: give a percentage from 0 to 100"
            )));
        }
        let key = period_key(target.period);
        let mut tx = self.begin_write().await?;
        let pid = require_partnership(&mut tx, slug).await?;
        let old = sqlx::query(
            "SELECT value, tolerance_percent FROM indicator_targets
             WHERE partnership_id = $1 AND indicator = $2 AND period = $3",
        )
        .bind(pid)
        .bind(target.indicator.as_str())
        .bind(key.as_str())
        .fetch_optional(&mut *tx)
        .await?
        .map(|r| -> Result<TargetEntry> {
            Ok(TargetEntry {
                value: r.try_get("value")?,
                tolerance_percent: r.try_get("tolerance_percent")?,
            })
        })
        .transpose()?;
        let new = TargetEntry {
            value: target.value,
            tolerance_percent: target.tolerance_percent,
        };
        let outcome = match &old {
            Some(o)
                if o.value.to_bits() == new.value.to_bits()
                    && o.tolerance_percent.map(f64::to_bits)
                        == new.tolerance_percent.map(f64::to_bits) =>
            {
                tx.commit().await?;
                return Ok(TargetOutcome::Unchanged);
            }
            Some(_) => TargetOutcome::Updated,
            None => TargetOutcome::Created,
        };
        let at = at_text(at);
        sqlx::query(
            "DELETE FROM indicator_targets WHERE partnership_id = $1 AND indicator = $2 AND period = $3",
        )
        .bind(pid)
        .bind(target.indicator.as_str())
        .bind(key.as_str())
        .execute(&mut *tx)
        .await?;
        // Not kept prepared: sqlx's Any driver declares a missing tolerance to PostgreSQL as a
        // single-precision NULL, and a statement prepared that way then refuses a real
        // (double) tolerance with "incorrect binary data format". Prepared afresh, each
        // execution declares the types it sends.
        sqlx::query(
            "INSERT INTO indicator_targets
                 (partnership_id, indicator, period, value, tolerance_percent, set_by, set_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .persistent(false)
        .bind(pid)
        .bind(target.indicator.as_str())
        .bind(key.as_str())
        .bind(target.value)
        .bind(target.tolerance_percent)
        .bind(actor)
        .bind(at.as_str())
        .execute(&mut *tx)
        .await?;
        let mut log = ChangeBatch::new(pid, actor, &at);
        let op = if old.is_some() {
            ChangeOp::Update
        } else {
            ChangeOp::Create
        };
        log.record(
            "indicator_target",
            format!("{} / {}", target.indicator, target.period.label()),
            op,
            old.as_ref(),
            Some(&new),
        )?;
        log.append(&mut tx).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// Record a commentary; returns its id. Commentary is never edited: a second view is a
    /// second commentary.
    #[tracing::instrument(skip_all, fields(partnership = slug, indicator = %commentary.indicator))]
    pub async fn add_indicator_commentary(
        &self,
        slug: &str,
        actor: &str,
        commentary: &Commentary,
        at: jiff::Timestamp,
    ) -> Result<i64> {
        check_actor(actor)?;
        let checked = Commentary::new(
            commentary.indicator.clone(),
            commentary.area_code.clone(),
            commentary.period,
            &commentary.author,
            commentary.written_on,
            &commentary.text,
        )
        .map_err(|e| StoreError::invalid(e.to_string()))?;
        let mut tx = self.begin_write().await?;
        let pid = require_partnership(&mut tx, slug).await?;
        let at = at_text(at);
        let rows = insert_rows(
            &mut tx,
            "indicator_commentary",
            &[
                "partnership_id",
                "indicator",
                "area_code",
                "period",
                "author",
                "written_on",
                "text",
                "recorded_by",
                "recorded_at",
            ],
            vec![vec![
                Cell::from(pid),
                Cell::from(checked.indicator.as_str()),
                Cell::from(checked.area_code.as_ref().map(|a| a.as_str().to_owned())),
                Cell::from(period_key(checked.period)),
                Cell::from(checked.author.as_str()),
                Cell::from(checked.written_on.to_string()),
                Cell::from(checked.text.as_str()),
                Cell::from(actor),
                Cell::from(at.as_str()),
            ]],
            Some("id"),
        )
        .await?;
        let id: i64 = rows
            .first()
            .ok_or_else(|| StoreError::invalid("the database did not number the commentary"))?
            .try_get("id")?;
        let mut log = ChangeBatch::new(pid, actor, &at);
        log.created(
            "indicator_commentary",
            format!("{} / {} #{id}", checked.indicator, checked.period.label()),
            &checked,
        )?;
        log.append(&mut tx).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Commentary on `indicator` for `area` (and for the partnership as a whole), by period
    /// then as written; as at a day, only what had been recorded by its end.
    #[tracing::instrument(skip_all, fields(partnership = slug, indicator = %indicator))]
    pub async fn indicator_commentary(
        &self,
        slug: &str,
        indicator: &IndicatorCode,
        area: Option<&AreaCode>,
        as_at: Option<Date>,
    ) -> Result<Vec<Commentary>> {
        let mut conn = self.pool.acquire().await?;
        let pid = require_partnership(&mut conn, slug).await?;
        let rows = sqlx::query(
            "SELECT area_code, period, author, written_on, text, recorded_at
             FROM indicator_commentary
             WHERE partnership_id = $1 AND indicator = $2
               AND (area_code IS NULL OR area_code = $3)
             ORDER BY id",
        )
        .bind(pid)
        .bind(indicator.as_str())
        .bind(area.map(|a| a.as_str().to_owned()))
        .fetch_all(&mut *conn)
        .await?;
        let mut found = Vec::with_capacity(rows.len());
        for r in &rows {
            let recorded_at: String = r.try_get("recorded_at")?;
            if let Some(day) = as_at
                && recorded_day(&recorded_at)? > day
            {
                continue;
            }
            let area: Option<String> = r.try_get("area_code")?;
            found.push(Commentary {
                indicator: indicator.clone(),
                area_code: area
                    .map(|a| AreaCode::new(&a).map_err(|_| bad("an area", &a)))
                    .transpose()?,
                period: parse_period(&r.try_get::<String, _>("period")?)?,
                author: r.try_get("author")?,
                written_on: parse_date(&r.try_get::<String, _>("written_on")?)?,
                text: r.try_get("text")?,
            });
        }
        found.sort_by_key(|c| (std::cmp::Reverse(c.period), c.written_on));
        Ok(found)
    }
}
