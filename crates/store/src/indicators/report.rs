//! The two views of indicators every front door shows — the list for an area and one
//! indicator's page — read from the store and put together with `indicators`' pure
//! [`summarise`] and [`detail`], so the CLI, the web pages and the JSON API agree. Also the
//! record of imports and of revised values.

use indicators::area::same_authority;
use indicators::summary::{Context, needed_codes};
use indicators::{
    AreaCode, AreaDirectory, Catalogue, Commentary, Detail, IndicatorCode, Observation, Period,
    RagScheme, Summary, Targets, ValueIndex, derive_values, detail, summarise,
};
use jiff::civil::Date;
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::error::{Result, StoreError};
use crate::scope::require_partnership;

use super::codec::{parse_date, parse_period, parse_status};
use super::read::{AreaScope, IndicatorData, IndicatorQuery};

/// Every indicator the partnership reports on, for one area.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorOverview {
    pub area_code: AreaCode,
    pub area_name: String,
    pub as_at: Option<Date>,
    pub scheme: RagScheme,
    pub rows: Vec<Summary>,
}

/// One indicator's page for one area.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorPage {
    pub as_at: Option<Date>,
    #[serde(flatten)]
    pub detail: Detail,
    /// Newest period first.
    pub commentary: Vec<Commentary>,
    /// Values of this indicator and area that a later file changed, oldest first.
    pub revisions: Vec<ValueRevision>,
}

/// A published value a later file changed: both values, both files, both dates.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueRevision {
    pub indicator: IndicatorCode,
    pub area_code: AreaCode,
    pub period: Period,
    pub old: Observation,
    pub old_file: String,
    pub old_published_on: Date,
    pub new: Observation,
    pub new_file: String,
    pub new_published_on: Date,
}

/// One file imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorImport {
    pub id: i64,
    pub file_name: String,
    pub sha256: String,
    pub format: String,
    pub published_on: Date,
    pub imported_at: String,
    pub actor: String,
    pub rows_read: i64,
    pub added: i64,
    pub revised: i64,
    pub unchanged: i64,
}

/// The values with derived ones added, and the directory of the areas read.
pub(super) fn index_of(data: &IndicatorData, catalogue: &Catalogue) -> (ValueIndex, AreaDirectory) {
    let mut index = ValueIndex::from_values(data.values.iter().cloned());
    let derived = derive_values(&index, catalogue);
    index.extend(derived);
    let mut directory = AreaDirectory::new();
    directory.extend(&data.areas);
    (index, directory)
}

pub(super) fn targets_of(data: &IndicatorData) -> Targets {
    let mut targets = Targets::new();
    for t in &data.targets {
        targets.set(t.clone());
    }
    targets
}

/// The partnership's name for its area (`partnerships.area`), if it gave one.
async fn partnership_area(conn: &mut AnyConnection, pid: i64) -> Result<Option<String>> {
    let row = sqlx::query("SELECT area FROM partnerships WHERE id = $1")
        .bind(pid)
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get("area")?)
}

fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Store {
    /// The area to show: `given` (which some imported file must name), else the one the
    /// partnership chose, else the one whose name is the partnership's area.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn indicator_area(&self, slug: &str, given: Option<&str>) -> Result<AreaCode> {
        let areas = self.indicator_areas(slug).await?;
        if let Some(text) = given {
            let text = text.trim();
            return areas
                .iter()
                .find(|a| {
                    a.code.as_str().eq_ignore_ascii_case(text) || squash(&a.name) == squash(text)
                })
                .map(|a| a.code.clone())
                .ok_or_else(|| {
                    StoreError::not_found(format!(
                        "the area \"{text}\" in any imported file (give a code such as E09000021)"
                    ))
                });
        }
        if let Some(chosen) = self.indicator_settings(slug).await?.area_code {
            return Ok(chosen);
        }
        let mut conn = self.pool.acquire().await?;
        let pid = require_partnership(&mut conn, slug).await?;
        let named = partnership_area(&mut conn, pid).await?.unwrap_or_default();
        let wanted = squash(&named);
        let single = || areas.iter().filter(|a| !a.code.as_str().contains('/'));
        // The area named exactly as the partnership's own, else one whose name it contains
        // ("Royal Borough of Kingston upon Thames").
        single()
            .find(|a| !wanted.is_empty() && squash(&a.name) == wanted)
            .or_else(|| {
                single().find(|a| {
                    !wanted.is_empty()
                        && a.level == indicators::AreaLevel::LocalAuthority
                        && wanted.contains(&squash(&a.name))
                })
            })
            .map(|a| a.code.clone())
            .ok_or_else(|| {
                StoreError::invalid(
                    "the partnership has not chosen its area: give one (e.g. --area E09000021) or \
                     set it with `boardplan pi choose --area CODE`",
                )
            })
    }

    /// Every indicator the partnership reports on for `area` (or its own area), each with its
    /// latest value, target, RAG and directions of travel. Without chosen indicators, every
    /// indicator with values for the area is listed, in the catalogue's order.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn indicator_overview(
        &self,
        slug: &str,
        catalogue: &Catalogue,
        area: Option<&str>,
        as_at: Option<Date>,
    ) -> Result<IndicatorOverview> {
        let area = self.indicator_area(slug, area).await?;
        let settings = self.indicator_settings(slug).await?;
        let codes: Vec<IndicatorCode> = if settings.chosen.is_empty() {
            let held = self.indicators_with_values(slug, &area).await?;
            catalogue
                .iter()
                .filter(|i| {
                    held.contains(&i.code)
                        || (i.is_derived_only()
                            && i.derivation
                                .as_ref()
                                .and_then(|d| d.inputs().first().copied())
                                .is_some_and(|first| held.contains(first)))
                })
                .map(|i| i.code.clone())
                .collect()
        } else {
            settings
                .chosen
                .iter()
                .filter(|c| catalogue.get(c.as_str()).is_some())
                .cloned()
                .collect()
        };
        let query = IndicatorQuery {
            indicators: needed_codes(catalogue, &codes),
            scope: AreaScope::Area(area.clone()),
            as_at,
        };
        let data = self.indicator_data(slug, &query).await?;
        let (index, directory) = index_of(&data, catalogue);
        let targets = targets_of(&data);
        let ctx = Context {
            catalogue,
            index: &index,
            directory: &directory,
            neighbours: None,
            targets: &targets,
            scheme: data.settings.scheme,
        };
        let rows = codes
            .iter()
            .filter_map(|c| catalogue.get(c.as_str()))
            .map(|indicator| summarise(&ctx, indicator, &area))
            .collect();
        Ok(IndicatorOverview {
            area_name: directory.name(area.as_str()).to_owned(),
            area_code: area,
            as_at,
            scheme: data.settings.scheme,
            rows,
        })
    }

    /// One indicator's page for `area` (or the partnership's own area): every period with its
    /// value or the reason it has none, comparators, judgement, chart, commentary and
    /// revisions.
    #[tracing::instrument(skip_all, fields(partnership = slug, indicator = code))]
    pub async fn indicator_page(
        &self,
        slug: &str,
        catalogue: &Catalogue,
        code: &str,
        area: Option<&str>,
        as_at: Option<Date>,
    ) -> Result<IndicatorPage> {
        let indicator = catalogue.find(code).ok_or_else(|| {
            StoreError::not_found(format!("an indicator with the code \"{code}\""))
        })?;
        let area = self.indicator_area(slug, area).await?;
        let query = IndicatorQuery {
            indicators: needed_codes(catalogue, [&indicator.code]),
            scope: AreaScope::AreaWithNeighbours(area.clone()),
            as_at,
        };
        let data = self.indicator_data(slug, &query).await?;
        let (index, directory) = index_of(&data, catalogue);
        let targets = targets_of(&data);
        let ctx = Context {
            catalogue,
            index: &index,
            directory: &directory,
            neighbours: data.neighbours.as_ref(),
            targets: &targets,
            scheme: data.settings.scheme,
        };
        let detail = detail(&ctx, indicator, &area);
        let shown_for = detail.summary.shown_for.clone();
        let commentary = self
            .indicator_commentary(slug, &indicator.code, Some(&area), as_at)
            .await?;
        let mut revisions = self
            .indicator_revisions(slug, &indicator.code, &shown_for)
            .await?;
        if let Some(day) = as_at {
            revisions.retain(|r| r.new_published_on <= day);
        }
        Ok(IndicatorPage {
            as_at,
            detail,
            commentary,
            revisions,
        })
    }

    /// Values of `indicator` for `area` (under any of its codes) that a later file revised.
    #[tracing::instrument(skip_all, fields(partnership = slug, indicator = %indicator))]
    pub async fn indicator_revisions(
        &self,
        slug: &str,
        indicator: &IndicatorCode,
        area: &AreaCode,
    ) -> Result<Vec<ValueRevision>> {
        let mut conn = self.pool.acquire().await?;
        let pid = require_partnership(&mut conn, slug).await?;
        let codes = same_authority(area.as_str());
        let list = (0..codes.len())
            .map(|i| format!("${}", i + 3))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT r.area_code, r.period, r.old_number, r.old_status, o.file_name AS old_file,
                    o.published_on AS old_on, r.new_number, r.new_status,
                    n.file_name AS new_file, n.published_on AS new_on
             FROM indicator_revisions r
             JOIN indicator_imports o ON o.partnership_id = r.partnership_id AND o.id = r.old_import_id
             JOIN indicator_imports n ON n.partnership_id = r.partnership_id AND n.id = r.new_import_id
             WHERE r.partnership_id = $1 AND r.indicator = $2 AND r.area_code IN ({list})
             ORDER BY r.id"
        );
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(pid)
            .bind(indicator.as_str());
        for code in &codes {
            q = q.bind(*code);
        }
        let rows = q.fetch_all(&mut *conn).await?;
        rows.iter()
            .map(|r| {
                let area: String = r.try_get("area_code")?;
                Ok(ValueRevision {
                    indicator: indicator.clone(),
                    area_code: AreaCode::new(&area).map_err(|_| {
                        StoreError::invalid(format!("the database holds \"{area}\" as an area"))
                    })?,
                    period: parse_period(&r.try_get::<String, _>("period")?)?,
                    old: Observation {
                        number: r.try_get("old_number")?,
                        status: parse_status(&r.try_get::<String, _>("old_status")?)?,
                    },
                    old_file: r.try_get("old_file")?,
                    old_published_on: parse_date(&r.try_get::<String, _>("old_on")?)?,
                    new: Observation {
                        number: r.try_get("new_number")?,
                        status: parse_status(&r.try_get::<String, _>("new_status")?)?,
                    },
                    new_file: r.try_get("new_file")?,
                    new_published_on: parse_date(&r.try_get::<String, _>("new_on")?)?,
                })
            })
            .collect()
    }

    /// Every file of indicator values the partnership imported, newest first.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn indicator_imports(&self, slug: &str) -> Result<Vec<IndicatorImport>> {
        let mut conn = self.pool.acquire().await?;
        let pid = require_partnership(&mut conn, slug).await?;
        let rows = sqlx::query(
            "SELECT id, file_name, sha256, format, published_on, imported_at, actor, rows_read,
                    values_added, values_revised, values_unchanged
             FROM indicator_imports WHERE partnership_id = $1 ORDER BY id DESC",
        )
        .bind(pid)
        .fetch_all(&mut *conn)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(IndicatorImport {
                    id: r.try_get("id")?,
                    file_name: r.try_get("file_name")?,
                    sha256: r.try_get("sha256")?,
                    format: r.try_get("format")?,
                    published_on: parse_date(&r.try_get::<String, _>("published_on")?)?,
                    imported_at: r.try_get("imported_at")?,
                    actor: r.try_get("actor")?,
                    rows_read: r.try_get("rows_read")?,
                    added: r.try_get("values_added")?,
                    revised: r.try_get("values_revised")?,
                    unchanged: r.try_get("values_unchanged")?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::squash;

    #[test]
    fn area_names_compare_without_case_or_punctuation() {
        assert_eq!(
            squash("Kingston upon Thames"),
            squash("KINGSTON-UPON-THAMES")
        );
        assert_ne!(
            squash("Kingston upon Hull, City of"),
            squash("Kingston upon Thames")
        );
    }
}
