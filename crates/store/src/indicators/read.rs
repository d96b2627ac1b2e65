//! Reading indicator values back: for some indicators, either for every area or only around
//! one (the area under its every code, any joint unit it is reported in, England, and its
//! statistical neighbours), with the area directory, the neighbours model, targets and the
//! partnership's settings, all from one snapshot.
//!
//! As at a date, a value is shown as it stood then: a value whose file was published later is
//! replaced by what an earlier file said (from its revisions), or hidden if nothing had been
//! published; targets set later are hidden too.

use std::collections::{BTreeMap, HashMap};

use indicators::area::same_authority;
use indicators::neighbours::Neighbour;
use indicators::{
    Area, AreaCode, ENGLAND, IndicatorCode, Observation, StatNeighbours, Target, Value,
};
use jiff::civil::Date;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::error::{Result, StoreError};
use crate::scope::require_partnership;

use super::codec::{parse_date, parse_level, parse_period, parse_status, period_key};
use super::settings::{self, IndicatorSettings};

/// Which areas' values to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AreaScope {
    /// Every area held.
    All,
    /// The area under its every code, any joint unit that includes it, and England.
    Area(AreaCode),
    /// As [`AreaScope::Area`], plus its statistical neighbours.
    AreaWithNeighbours(AreaCode),
}

/// What to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorQuery {
    /// Indicators by code (a derived indicator's inputs are not added: ask for them).
    pub indicators: Vec<IndicatorCode>,
    pub scope: AreaScope,
    /// Show values, and targets, as they stood at the end of this day.
    pub as_at: Option<Date>,
}

/// Everything read for a query.
#[derive(Debug, Clone)]
pub struct IndicatorData {
    pub values: Vec<Value>,
    /// The areas in scope (every area for [`AreaScope::All`]).
    pub areas: Vec<Area>,
    /// The neighbours model (for a scope around an area: that area's list only); `None` until a
    /// model has been imported.
    pub neighbours: Option<StatNeighbours>,
    pub targets: Vec<Target>,
    pub settings: IndicatorSettings,
}

/// `$first, $first+1, …` for `n` values of an `IN (…)` list.
fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn value_from(row: &AnyRow) -> Result<Value> {
    let indicator: String = row.try_get("indicator")?;
    let area: String = row.try_get("area_code")?;
    let bad = |what: &str, text: &str| {
        StoreError::invalid(format!("the database holds \"{text}\" as {what}"))
    };
    Ok(Value {
        indicator: IndicatorCode::new(&indicator).map_err(|_| bad("an indicator", &indicator))?,
        area_code: AreaCode::new(&area).map_err(|_| bad("an area", &area))?,
        period: parse_period(&row.try_get::<String, _>("period")?)?,
        number: row.try_get("number")?,
        status: parse_status(&row.try_get::<String, _>("status")?)?,
    })
}

/// The values held for `codes`, each with the id and file name of the import that gave it:
/// what a new import is merged against.
pub(crate) async fn held_values(
    conn: &mut AnyConnection,
    partnership_id: i64,
    codes: &[&str],
) -> Result<Vec<(Value, (i64, String))>> {
    if codes.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT v.indicator, v.area_code, v.period, v.number, v.status, v.import_id, i.file_name
         FROM indicator_values v
         JOIN indicator_imports i ON i.partnership_id = v.partnership_id AND i.id = v.import_id
         WHERE v.partnership_id = $1 AND v.indicator IN ({})",
        placeholders(2, codes.len())
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(partnership_id);
    for code in codes {
        query = query.bind(*code);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            Ok((
                value_from(r)?,
                (r.try_get("import_id")?, r.try_get("file_name")?),
            ))
        })
        .collect()
}

fn area_from(row: &AnyRow) -> Result<Area> {
    let code: String = row.try_get("code")?;
    let region: Option<String> = row.try_get("region_code")?;
    let bad = |text: &str| StoreError::invalid(format!("the database holds \"{text}\" as an area"));
    Ok(Area {
        code: AreaCode::new(&code).map_err(|_| bad(&code))?,
        name: row.try_get("name")?,
        level: parse_level(&row.try_get::<String, _>("level")?, &code),
        la_number: row.try_get("la_number")?,
        region_code: region
            .map(|r| AreaCode::new(&r).map_err(|_| bad(&r)))
            .transpose()?,
    })
}

async fn all_areas(conn: &mut AnyConnection, pid: i64) -> Result<Vec<Area>> {
    let rows = sqlx::query(
        "SELECT code, name, level, la_number, region_code FROM indicator_areas
         WHERE partnership_id = $1 ORDER BY code",
    )
    .bind(pid)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(area_from).collect()
}

/// Whether a neighbours model has been imported at all.
async fn has_model(conn: &mut AnyConnection, pid: i64) -> Result<bool> {
    let row: Option<AnyRow> =
        sqlx::query("SELECT 1 AS one FROM indicator_neighbours WHERE partnership_id = $1 LIMIT 1")
            .bind(pid)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.is_some())
}

/// The neighbours model, or only the lists of the authorities numbered `only`; `None` when no
/// model has been imported.
async fn neighbours(
    conn: &mut AnyConnection,
    pid: i64,
    only: Option<&[String]>,
) -> Result<Option<StatNeighbours>> {
    let mut sql = "SELECT la_number, la_name, rank, neighbour, closeness FROM indicator_neighbours
         WHERE partnership_id = $1"
        .to_owned();
    let numbers = only.unwrap_or_default();
    if only.is_some() {
        if numbers.is_empty() {
            return Ok(has_model(conn, pid).await?.then(StatNeighbours::default));
        }
        sql.push_str(&format!(
            " AND la_number IN ({})",
            placeholders(2, numbers.len())
        ));
    }
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(pid);
    for number in numbers {
        query = query.bind(number.as_str());
    }
    let rows = query.fetch_all(&mut *conn).await?;
    if rows.is_empty() {
        return Ok(has_model(conn, pid).await?.then(StatNeighbours::default));
    }
    let mut lists: BTreeMap<String, (Option<String>, Vec<Neighbour>)> = BTreeMap::new();
    for r in &rows {
        let number: String = r.try_get("la_number")?;
        let rank: i64 = r.try_get("rank")?;
        let entry = lists.entry(number).or_insert_with(|| (None, Vec::new()));
        if entry.0.is_none() {
            entry.0 = r.try_get("la_name")?;
        }
        entry.1.push(Neighbour {
            la_number: r.try_get("neighbour")?,
            rank: u8::try_from(rank).map_err(|_| {
                StoreError::invalid(format!("the database holds {rank} as a neighbour's rank"))
            })?,
            closeness: r.try_get("closeness")?,
        });
    }
    Ok(Some(StatNeighbours::from_lists(
        lists
            .into_iter()
            .map(|(number, (name, list))| (number, name, list)),
    )))
}

/// The areas, neighbours and value filter for a scope around `area`.
struct Around {
    areas: Vec<Area>,
    neighbours: Option<StatNeighbours>,
    /// Exact codes whose values to read.
    codes: Vec<String>,
    /// A code whose joint units (`A / B`) to read too.
    joint_with: String,
}

async fn around(
    conn: &mut AnyConnection,
    pid: i64,
    area: &AreaCode,
    with_neighbours: bool,
) -> Result<Around> {
    let mut codes: Vec<String> = same_authority(area.as_str())
        .into_iter()
        .map(str::to_owned)
        .collect();
    if area.as_str() != ENGLAND {
        codes.push(ENGLAND.to_owned());
    }
    let everything = all_areas(conn, pid).await?;
    let mut model = None;
    if with_neighbours {
        let numbers: Vec<String> = everything
            .iter()
            .filter(|a| codes.iter().any(|c| c == a.code.as_str()))
            .filter_map(|a| a.la_number.clone())
            .collect();
        let found = neighbours(conn, pid, Some(&numbers)).await?;
        if let Some(found) = &found {
            let wanted: Vec<&str> = numbers
                .iter()
                .flat_map(|n| found.of(n))
                .map(|n| n.la_number.as_str())
                .collect();
            codes.extend(
                everything
                    .iter()
                    .filter(|a| a.la_number.as_deref().is_some_and(|n| wanted.contains(&n)))
                    .map(|a| a.code.as_str().to_owned()),
            );
        }
        model = found;
    }
    codes.sort();
    codes.dedup();
    let joint_with = area.as_str().to_owned();
    let areas = everything
        .into_iter()
        .filter(|a| {
            codes.iter().any(|c| c == a.code.as_str())
                || (a.code.as_str().contains('/') && a.code.as_str().contains(joint_with.as_str()))
        })
        .collect();
    Ok(Around {
        areas,
        neighbours: model,
        codes,
        joint_with,
    })
}

/// Values of `indicators` (for `around`'s codes, or every area), each with the day the file
/// that gave it was published.
async fn values(
    conn: &mut AnyConnection,
    pid: i64,
    indicators: &[IndicatorCode],
    around: Option<&Around>,
) -> Result<Vec<(Value, Date)>> {
    if indicators.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = format!(
        "SELECT v.indicator, v.area_code, v.period, v.number, v.status, i.published_on
         FROM indicator_values v
         JOIN indicator_imports i ON i.partnership_id = v.partnership_id AND i.id = v.import_id
         WHERE v.partnership_id = $1 AND v.indicator IN ({})",
        placeholders(2, indicators.len())
    );
    let next = 2 + indicators.len();
    if let Some(a) = around {
        sql.push_str(&format!(
            " AND (v.area_code IN ({}) OR (v.area_code LIKE ${} AND v.area_code LIKE '%/%'))",
            placeholders(next, a.codes.len()),
            next + a.codes.len()
        ));
    }
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(pid);
    for code in indicators {
        query = query.bind(code.as_str());
    }
    if let Some(a) = around {
        for code in &a.codes {
            query = query.bind(code.as_str());
        }
        query = query.bind(format!("%{}%", a.joint_with));
    }
    let rows = query.fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            Ok((
                value_from(r)?,
                parse_date(&r.try_get::<String, _>("published_on")?)?,
            ))
        })
        .collect()
}

/// One revision, with the days each side was published.
struct DatedRevision {
    key: (String, String, String),
    old: Observation,
    old_on: Date,
    new: Observation,
    new_on: Date,
}

async fn revisions(
    conn: &mut AnyConnection,
    pid: i64,
    indicators: &[IndicatorCode],
) -> Result<Vec<DatedRevision>> {
    let sql = format!(
        "SELECT r.indicator, r.area_code, r.period, r.old_number, r.old_status,
                o.published_on AS old_on, r.new_number, r.new_status, n.published_on AS new_on
         FROM indicator_revisions r
         JOIN indicator_imports o ON o.partnership_id = r.partnership_id AND o.id = r.old_import_id
         JOIN indicator_imports n ON n.partnership_id = r.partnership_id AND n.id = r.new_import_id
         WHERE r.partnership_id = $1 AND r.indicator IN ({}) ORDER BY r.id",
        placeholders(2, indicators.len())
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(pid);
    for code in indicators {
        query = query.bind(code.as_str());
    }
    let rows = query.fetch_all(&mut *conn).await?;
    rows.iter()
        .map(|r| {
            Ok(DatedRevision {
                key: (
                    r.try_get("indicator")?,
                    r.try_get("area_code")?,
                    r.try_get("period")?,
                ),
                old: Observation {
                    number: r.try_get("old_number")?,
                    status: parse_status(&r.try_get::<String, _>("old_status")?)?,
                },
                old_on: parse_date(&r.try_get::<String, _>("old_on")?)?,
                new: Observation {
                    number: r.try_get("new_number")?,
                    status: parse_status(&r.try_get::<String, _>("new_status")?)?,
                },
                new_on: parse_date(&r.try_get::<String, _>("new_on")?)?,
            })
        })
        .collect()
}

/// What a value was at the end of `day`, given its revisions oldest first: the newest side
/// published by then, or nothing.
fn as_it_stood(revisions: &[&DatedRevision], day: Date) -> Option<Observation> {
    let mut stood = revisions.first().filter(|r| r.old_on <= day).map(|r| r.old);
    for r in revisions {
        if r.new_on <= day {
            stood = Some(r.new);
        }
    }
    stood
}

/// The values as they stood at the end of `day`.
fn values_as_at(dated: Vec<(Value, Date)>, revisions: &[DatedRevision], day: Date) -> Vec<Value> {
    let mut by_key: HashMap<(&str, &str, &str), Vec<&DatedRevision>> = HashMap::new();
    for r in revisions {
        by_key
            .entry((r.key.0.as_str(), r.key.1.as_str(), r.key.2.as_str()))
            .or_default()
            .push(r);
    }
    dated
        .into_iter()
        .filter_map(|(mut value, published_on)| {
            if published_on <= day {
                return Some(value);
            }
            let key = period_key(value.period);
            let earlier = by_key.get(&(
                value.indicator.as_str(),
                value.area_code.as_str(),
                key.as_str(),
            ))?;
            let stood = as_it_stood(earlier, day)?;
            value.number = stood.number;
            value.status = stood.status;
            Some(value)
        })
        .collect()
}

impl Store {
    /// Reads what `query` asks for from the partnership `slug`, in one snapshot.
    #[tracing::instrument(skip_all, fields(partnership = slug, indicators = query.indicators.len()))]
    pub async fn indicator_data(
        &self,
        slug: &str,
        query: &IndicatorQuery,
    ) -> Result<IndicatorData> {
        let mut tx = self.begin_read().await?;
        let pid = require_partnership(&mut tx, slug).await?;
        let (areas, model, scope) = match &query.scope {
            AreaScope::All => (
                all_areas(&mut tx, pid).await?,
                neighbours(&mut tx, pid, None).await?,
                None,
            ),
            AreaScope::Area(area) | AreaScope::AreaWithNeighbours(area) => {
                let with = matches!(query.scope, AreaScope::AreaWithNeighbours(_));
                let mut found = around(&mut tx, pid, area, with).await?;
                (
                    std::mem::take(&mut found.areas),
                    found.neighbours.take(),
                    Some(found),
                )
            }
        };
        let dated = values(&mut tx, pid, &query.indicators, scope.as_ref()).await?;
        let values = match query.as_at {
            None => dated.into_iter().map(|(v, _)| v).collect(),
            Some(day) => {
                let revisions = revisions(&mut tx, pid, &query.indicators).await?;
                values_as_at(dated, &revisions, day)
            }
        };
        let targets = settings::targets(&mut tx, pid, query.as_at).await?;
        let settings = settings::settings(&mut tx, pid).await?;
        tx.commit().await?;
        Ok(IndicatorData {
            values,
            areas,
            neighbours: model,
            targets,
            settings,
        })
    }

    /// Every area the partnership's files have named.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn indicator_areas(&self, slug: &str) -> Result<Vec<Area>> {
        let mut conn = self.pool.acquire().await?;
        let pid = require_partnership(&mut conn, slug).await?;
        all_areas(&mut conn, pid).await
    }

    /// The indicators that have any value for `area` (under any of its codes, or in a joint
    /// unit that includes it), by code.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn indicators_with_values(
        &self,
        slug: &str,
        area: &AreaCode,
    ) -> Result<Vec<IndicatorCode>> {
        let mut conn = self.pool.acquire().await?;
        let pid = require_partnership(&mut conn, slug).await?;
        let codes: Vec<&str> = same_authority(area.as_str());
        let sql = format!(
            "SELECT DISTINCT indicator FROM indicator_values
             WHERE partnership_id = $1
               AND (area_code IN ({}) OR (area_code LIKE ${} AND area_code LIKE '%/%'))
             ORDER BY indicator",
            placeholders(2, codes.len()),
            2 + codes.len()
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(pid);
        for code in &codes {
            q = q.bind(*code);
        }
        let rows = q
            .bind(format!("%{}%", area.as_str()))
            .fetch_all(&mut *conn)
            .await?;
        rows.iter()
            .map(|r| {
                let text: String = r.try_get("indicator")?;
                IndicatorCode::new(&text).map_err(|_| {
                    StoreError::invalid(format!("the database holds \"{text}\" as an indicator"))
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use indicators::{Period, ValueStatus};

    fn on(text: &str) -> Date {
        text.parse().unwrap()
    }

    fn revision(old: f64, old_on: &str, new: f64, new_on: &str) -> DatedRevision {
        DatedRevision {
            key: ("cin-count".into(), "A".into(), "y31m/2024".into()),
            old: Observation::published(old),
            old_on: on(old_on),
            new: Observation::published(new),
            new_on: on(new_on),
        }
    }

    #[test]
    fn a_revised_value_shows_as_it_stood_on_the_day() {
        let revisions = [
            revision(10.0, "2024-11-01", 11.0, "2025-11-01"),
            revision(11.0, "2025-11-01", 12.0, "2026-11-01"),
        ];
        let refs: Vec<&DatedRevision> = revisions.iter().collect();
        assert_eq!(as_it_stood(&refs, on("2024-10-31")), None);
        assert_eq!(
            as_it_stood(&refs, on("2025-01-01")).unwrap().number,
            Some(10.0)
        );
        assert_eq!(
            as_it_stood(&refs, on("2025-11-01")).unwrap().number,
            Some(11.0)
        );
        assert_eq!(
            as_it_stood(&refs, on("2026-12-01")).unwrap().number,
            Some(12.0)
        );
    }

    #[test]
    fn a_value_published_after_the_day_is_hidden_unless_an_earlier_one_stood() {
        let value = Value {
            indicator: IndicatorCode::new("cin-count").unwrap(),
            area_code: AreaCode::new("A").unwrap(),
            period: Period::year_to_31_march(2024).unwrap(),
            number: Some(12.0),
            status: ValueStatus::Published,
        };
        let other = Value {
            area_code: AreaCode::new("B").unwrap(),
            ..value.clone()
        };
        let revisions = [revision(10.0, "2024-11-01", 12.0, "2025-11-01")];
        let shown = values_as_at(
            vec![(value, on("2025-11-01")), (other, on("2025-11-01"))],
            &revisions,
            on("2025-01-01"),
        );
        assert_eq!(shown.len(), 1, "B had nothing published yet");
        assert_eq!(shown[0].number, Some(10.0));
    }

    #[test]
    fn placeholders_number_on_from_the_first() {
        assert_eq!(placeholders(2, 3), "$2, $3, $4");
    }
}
