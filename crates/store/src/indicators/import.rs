//! Storing a file of indicator values that `indicators` has read and checked: what is new is
//! added, a published value that changed is kept as a revision (both values, both files), and
//! what is unchanged is left alone, all in one transaction with its change-log entries. The
//! same file (by SHA-256) imported twice adds nothing; a file the importer refused never gets
//! here, so nothing of it is written.

use std::collections::{HashMap, HashSet};

use indicators::{Area, ImportedValues, Observation, StatNeighbours, Value, merge::merge};
use jiff::civil::Date;
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::changelog::chain::{ChangeBatch, ChangeOp};
use crate::codec::at_text;
use crate::error::{Result, StoreError};
use crate::scope::require_partnership;
use crate::sql::{Value as Cell, insert_rows};

use super::codec::{level_text, period_key, status_text, uk_day};
use super::read;

/// The layout a file of indicator values was in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IndicatorFormat {
    /// DfE's published CSV layout.
    Dfe,
    /// Long-format CSV (`area_code, area_name, period, indicator, measure, unit, value`).
    Long,
    Xlsx,
    Ods,
    /// DfE's statistical neighbours model (`sn_model` wide layout).
    Neighbours,
}

impl IndicatorFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            IndicatorFormat::Dfe => "dfe",
            IndicatorFormat::Long => "long",
            IndicatorFormat::Xlsx => "xlsx",
            IndicatorFormat::Ods => "ods",
            IndicatorFormat::Neighbours => "neighbours",
        }
    }
}

impl From<indicators::FileFormat> for IndicatorFormat {
    fn from(format: indicators::FileFormat) -> Self {
        match format {
            indicators::FileFormat::Dfe => IndicatorFormat::Dfe,
            indicators::FileFormat::Long => IndicatorFormat::Long,
            indicators::FileFormat::Xlsx => IndicatorFormat::Xlsx,
            indicators::FileFormat::Ods => IndicatorFormat::Ods,
            indicators::FileFormat::Neighbours => IndicatorFormat::Neighbours,
        }
    }
}

/// The file an import came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorSource {
    /// The file's name as the person importing gave it.
    pub file_name: String,
    /// Hex SHA-256 of its bytes.
    pub sha256: String,
    pub format: IndicatorFormat,
    /// When the file was published, if known; otherwise the day it is imported.
    pub published_on: Option<Date>,
}

/// What storing an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum IndicatorImportOutcome {
    /// The file was stored.
    Imported {
        import_id: i64,
        /// Values for keys not held before.
        added: usize,
        /// Values the file publishes differently from what was held: kept as revisions.
        revised: usize,
        /// Values identical to what was held.
        unchanged: usize,
        /// Areas met for the first time.
        areas_added: usize,
    },
    /// The same bytes were imported before: nothing was written.
    AlreadyImported {
        file_name: String,
        imported_at: String,
    },
}

/// The change-log entry of one import.
#[derive(Serialize)]
struct ImportEntry<'a> {
    file: &'a str,
    sha256: &'a str,
    format: &'a str,
    published_on: String,
    rows_read: usize,
    added: usize,
    revised: usize,
    unchanged: usize,
}

/// One side of a revision, as the change log records it.
#[derive(Serialize)]
struct LoggedValue<'a> {
    number: Option<f64>,
    status: &'a str,
    file: &'a str,
}

const VALUE_COLUMNS: [&str; 7] = [
    "partnership_id",
    "indicator",
    "area_code",
    "period",
    "number",
    "status",
    "import_id",
];

const REVISION_COLUMNS: [&str; 10] = [
    "partnership_id",
    "indicator",
    "area_code",
    "period",
    "old_number",
    "old_status",
    "old_import_id",
    "new_number",
    "new_status",
    "new_import_id",
];

const AREA_COLUMNS: [&str; 6] = [
    "partnership_id",
    "code",
    "name",
    "level",
    "la_number",
    "region_code",
];

const IMPORT_COLUMNS: [&str; 11] = [
    "partnership_id",
    "file_name",
    "sha256",
    "format",
    "published_on",
    "imported_at",
    "actor",
    "rows_read",
    "values_added",
    "values_revised",
    "values_unchanged",
];

/// Counts for the `indicator_imports` row.
struct Counts {
    rows_read: usize,
    added: usize,
    revised: usize,
    unchanged: usize,
}

fn count(n: usize) -> Cell {
    Cell::from(i64::try_from(n).unwrap_or(i64::MAX))
}

fn check_actor(actor: &str) -> Result<()> {
    if actor.trim().is_empty() {
        return Err(StoreError::invalid(
            "every change needs an actor: say who is importing",
        ));
    }
    Ok(())
}

/// A value the database could not hold faithfully is refused before anything is written.
fn check_value(value: &Value) -> Result<()> {
    let place = || {
        format!(
            "{} for {} in {}",
            value.indicator,
            value.area_code,
            value.period.label()
        )
    };
    match (value.number, value.status.has_number()) {
        (Some(n), true) if n.is_finite() => Ok(()),
        (Some(_), true) => Err(StoreError::invalid(format!(
            "the value of {} is not a finite number",
            place()
        ))),
        (None, false) => Ok(()),
        (Some(_), false) => Err(StoreError::invalid(format!(
            "the value of {} has a number but its status says it has none",
            place()
        ))),
        (None, true) => Err(StoreError::invalid(format!(
            "the value of {} says it is published but has no number",
            place()
        ))),
    }
}

/// The earlier import of the same bytes, if any.
async fn earlier_import(
    conn: &mut AnyConnection,
    partnership_id: i64,
    sha256: &str,
) -> Result<Option<IndicatorImportOutcome>> {
    let row = sqlx::query(
        "SELECT file_name, imported_at FROM indicator_imports
         WHERE partnership_id = $1 AND sha256 = $2",
    )
    .bind(partnership_id)
    .bind(sha256)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|r| {
        Ok(IndicatorImportOutcome::AlreadyImported {
            file_name: r.try_get("file_name")?,
            imported_at: r.try_get("imported_at")?,
        })
    })
    .transpose()
}

/// Inserts the import's own row and returns its id.
async fn insert_import(
    conn: &mut AnyConnection,
    partnership_id: i64,
    actor: &str,
    source: &IndicatorSource,
    published_on: Date,
    at: &str,
    counts: &Counts,
) -> Result<i64> {
    let row = vec![
        Cell::from(partnership_id),
        Cell::from(source.file_name.as_str()),
        Cell::from(source.sha256.as_str()),
        Cell::from(source.format.as_str()),
        Cell::from(published_on.to_string()),
        Cell::from(at),
        Cell::from(actor),
        count(counts.rows_read),
        count(counts.added),
        count(counts.revised),
        count(counts.unchanged),
    ];
    let rows = insert_rows(
        conn,
        "indicator_imports",
        &IMPORT_COLUMNS,
        vec![row],
        Some("id"),
    )
    .await?;
    let id = rows
        .first()
        .ok_or_else(|| StoreError::invalid("the database did not number the import"))?
        .try_get("id")?;
    Ok(id)
}

/// Adds the areas not yet known; the first name seen for a code is kept.
async fn add_areas(conn: &mut AnyConnection, partnership_id: i64, areas: &[Area]) -> Result<usize> {
    let rows = sqlx::query("SELECT code FROM indicator_areas WHERE partnership_id = $1")
        .bind(partnership_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut known: HashSet<String> = rows
        .iter()
        .map(|r| r.try_get::<String, _>("code"))
        .collect::<std::result::Result<_, _>>()?;
    let mut new_rows = Vec::new();
    for area in areas {
        if !known.insert(area.code.as_str().to_owned()) {
            continue;
        }
        new_rows.push(vec![
            Cell::from(partnership_id),
            Cell::from(area.code.as_str()),
            Cell::from(area.name.as_str()),
            Cell::from(level_text(area.level)),
            Cell::from(area.la_number.clone()),
            Cell::from(area.region_code.as_ref().map(|c| c.as_str().to_owned())),
        ]);
    }
    let added = new_rows.len();
    insert_rows(conn, "indicator_areas", &AREA_COLUMNS, new_rows, None).await?;
    Ok(added)
}

fn value_row(partnership_id: i64, value: &Value, import_id: i64) -> Vec<Cell> {
    vec![
        Cell::from(partnership_id),
        Cell::from(value.indicator.as_str()),
        Cell::from(value.area_code.as_str()),
        Cell::from(period_key(value.period)),
        Cell::from(value.number),
        Cell::from(status_text(value.status)),
        Cell::from(import_id),
    ]
}

impl Store {
    /// Store the values of one imported file for the partnership `slug`, by `actor`, at `at`.
    /// See the module's doc for what is added, revised and left alone.
    #[tracing::instrument(skip_all, fields(partnership = slug, file = %source.file_name, values = imported.values.len()))]
    pub async fn import_indicator_values(
        &self,
        slug: &str,
        actor: &str,
        imported: &ImportedValues,
        source: &IndicatorSource,
        at: jiff::Timestamp,
    ) -> Result<IndicatorImportOutcome> {
        check_actor(actor)?;
        for value in &imported.values {
            check_value(value)?;
        }
        let mut tx = self.begin_write().await?;
        let pid = require_partnership(&mut tx, slug).await?;
        if let Some(earlier) = earlier_import(&mut tx, pid, &source.sha256).await? {
            tx.commit().await?;
            return Ok(earlier);
        }
        let codes: Vec<&str> = {
            let mut codes: Vec<&str> = imported
                .values
                .iter()
                .map(|v| v.indicator.as_str())
                .collect();
            codes.sort_unstable();
            codes.dedup();
            codes
        };
        let held = read::held_values(&mut tx, pid, &codes).await?;
        let existing: Vec<Value> = held.iter().map(|(v, _)| v.clone()).collect();
        let merged = merge(&existing, imported);
        let held_import: HashMap<(&str, &str, String), (i64, &str)> = held
            .iter()
            .map(|(v, (id, file))| {
                (
                    (
                        v.indicator.as_str(),
                        v.area_code.as_str(),
                        period_key(v.period),
                    ),
                    (*id, file.as_str()),
                )
            })
            .collect();
        let counts = Counts {
            rows_read: imported.rows_read,
            added: merged.added.len(),
            revised: merged.revised.len(),
            unchanged: merged.unchanged,
        };
        let published_on = source.published_on.unwrap_or_else(|| uk_day(at));
        let at_text = at_text(at);
        let import_id =
            insert_import(&mut tx, pid, actor, source, published_on, &at_text, &counts).await?;

        let rows = merged
            .added
            .iter()
            .map(|v| value_row(pid, v, import_id))
            .collect();
        insert_rows(&mut tx, "indicator_values", &VALUE_COLUMNS, rows, None).await?;

        let mut log = ChangeBatch::new(pid, actor, &at_text);
        log.created(
            "indicator_import",
            source.file_name.as_str(),
            &ImportEntry {
                file: &source.file_name,
                sha256: &source.sha256,
                format: source.format.as_str(),
                published_on: published_on.to_string(),
                rows_read: counts.rows_read,
                added: counts.added,
                revised: counts.revised,
                unchanged: counts.unchanged,
            },
        )?;
        let mut revision_rows = Vec::with_capacity(merged.revised.len());
        for revision in &merged.revised {
            let key = period_key(revision.period);
            let (old_import, old_file) = held_import
                .get(&(
                    revision.indicator.as_str(),
                    revision.area_code.as_str(),
                    key.clone(),
                ))
                .copied()
                .ok_or_else(|| StoreError::invalid("a revised value was not held before"))?;
            sqlx::query(
                "UPDATE indicator_values SET number = $1, status = $2, import_id = $3
                 WHERE partnership_id = $4 AND indicator = $5 AND area_code = $6 AND period = $7",
            )
            .bind(revision.new.number)
            .bind(status_text(revision.new.status))
            .bind(import_id)
            .bind(pid)
            .bind(revision.indicator.as_str())
            .bind(revision.area_code.as_str())
            .bind(key.as_str())
            .execute(&mut *tx)
            .await?;
            log.record(
                "indicator_value",
                format!(
                    "{} / {} / {}",
                    revision.indicator,
                    revision.area_code,
                    revision.period.label()
                ),
                ChangeOp::Update,
                Some(&logged(revision.old, old_file)),
                Some(&logged(revision.new, &source.file_name)),
            )?;
            revision_rows.push(vec![
                Cell::from(pid),
                Cell::from(revision.indicator.as_str()),
                Cell::from(revision.area_code.as_str()),
                Cell::from(key),
                Cell::from(revision.old.number),
                Cell::from(status_text(revision.old.status)),
                Cell::from(old_import),
                Cell::from(revision.new.number),
                Cell::from(status_text(revision.new.status)),
                Cell::from(import_id),
            ]);
        }
        insert_rows(
            &mut tx,
            "indicator_revisions",
            &REVISION_COLUMNS,
            revision_rows,
            None,
        )
        .await?;
        let areas_added = add_areas(&mut tx, pid, &imported.areas).await?;
        log.append(&mut tx).await?;
        tx.commit().await?;
        Ok(IndicatorImportOutcome::Imported {
            import_id,
            added: counts.added,
            revised: counts.revised,
            unchanged: counts.unchanged,
            areas_added,
        })
    }

    /// Store DfE's statistical neighbours model for the partnership `slug`, replacing the one
    /// held (the earlier import stays on record). The same file twice adds nothing.
    #[tracing::instrument(skip_all, fields(partnership = slug, file = %source.file_name))]
    pub async fn import_neighbours(
        &self,
        slug: &str,
        actor: &str,
        model: &StatNeighbours,
        source: &IndicatorSource,
        at: jiff::Timestamp,
    ) -> Result<IndicatorImportOutcome> {
        check_actor(actor)?;
        let mut tx = self.begin_write().await?;
        let pid = require_partnership(&mut tx, slug).await?;
        if let Some(earlier) = earlier_import(&mut tx, pid, &source.sha256).await? {
            tx.commit().await?;
            return Ok(earlier);
        }
        let held: i64 =
            sqlx::query("SELECT COUNT(*) AS n FROM indicator_neighbours WHERE partnership_id = $1")
                .bind(pid)
                .fetch_one(&mut *tx)
                .await?
                .try_get("n")?;
        let lists = model.lists();
        let counts = Counts {
            rows_read: lists.len(),
            added: lists.len(),
            revised: 0,
            unchanged: 0,
        };
        let published_on = source.published_on.unwrap_or_else(|| uk_day(at));
        let at_text = at_text(at);
        let import_id =
            insert_import(&mut tx, pid, actor, source, published_on, &at_text, &counts).await?;
        sqlx::query("DELETE FROM indicator_neighbours WHERE partnership_id = $1")
            .bind(pid)
            .execute(&mut *tx)
            .await?;
        let mut rows = Vec::new();
        for (number, name, neighbours) in &lists {
            for n in *neighbours {
                rows.push(vec![
                    Cell::from(pid),
                    Cell::from(*number),
                    Cell::from(name.map(str::to_owned)),
                    Cell::from(i64::from(n.rank)),
                    Cell::from(n.la_number.as_str()),
                    Cell::from(n.closeness.as_str()),
                ]);
            }
        }
        insert_rows(
            &mut tx,
            "indicator_neighbours",
            &[
                "partnership_id",
                "la_number",
                "la_name",
                "rank",
                "neighbour",
                "closeness",
            ],
            rows,
            None,
        )
        .await?;
        let mut log = ChangeBatch::new(pid, actor, &at_text);
        let entry = ImportEntry {
            file: &source.file_name,
            sha256: &source.sha256,
            format: source.format.as_str(),
            published_on: published_on.to_string(),
            rows_read: counts.rows_read,
            added: counts.added,
            revised: 0,
            unchanged: 0,
        };
        let op = if held > 0 {
            ChangeOp::Update
        } else {
            ChangeOp::Create
        };
        log.record::<(), _>(
            "neighbours_model",
            source.file_name.as_str(),
            op,
            None,
            Some(&entry),
        )?;
        log.append(&mut tx).await?;
        tx.commit().await?;
        Ok(IndicatorImportOutcome::Imported {
            import_id,
            added: counts.added,
            revised: 0,
            unchanged: 0,
            areas_added: 0,
        })
    }
}

fn logged(observation: Observation, file: &str) -> LoggedValue<'_> {
    LoggedValue {
        number: observation.number,
        status: status_text(observation.status),
        file,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use indicators::{AreaCode, IndicatorCode, Period, ValueStatus};

    fn value(number: Option<f64>, status: ValueStatus) -> Value {
        Value {
            indicator: IndicatorCode::new("cin-count").unwrap(),
            area_code: AreaCode::new("E09000021").unwrap(),
            period: Period::year_to_31_march(2025).unwrap(),
            number,
            status,
        }
    }

    #[test]
    fn a_value_whose_number_and_status_disagree_is_refused() {
        assert!(check_value(&value(Some(1.0), ValueStatus::Published)).is_ok());
        assert!(check_value(&value(None, ValueStatus::Suppressed)).is_ok());
        assert!(check_value(&value(Some(1.0), ValueStatus::Suppressed)).is_err());
        assert!(check_value(&value(None, ValueStatus::Published)).is_err());
        assert!(check_value(&value(Some(f64::NAN), ValueStatus::Published)).is_err());
    }
}
