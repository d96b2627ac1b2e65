//! The workforce section (13.2): the workforce indicators the partnership has figures for
//! (every measure of the catalogue that evidences objective 13.2: social workers in post,
//! turnover, vacancies, agency workers, caseloads, absence), each with its latest value,
//! judgement and trend, and the commentary the business manager wrote on it per period.
//! The CLI (`boardplan workforce`), the workforce page and the reports read this one view.

use indicators::summary::{Context, needed_codes};
use indicators::{AreaCode, Catalogue, Commentary, IndicatorCode, Summary, summarise};
use jiff::civil::Date;
use serde::Serialize;

use super::read::{AreaScope, IndicatorQuery};
use super::report::{index_of, targets_of};
use crate::Store;
use crate::error::Result;

/// The objective the workforce measures evidence.
pub const WORKFORCE_OBJECTIVE: &str = "13.2";

/// One workforce indicator with its commentary, newest period first.
#[derive(Debug, Clone, Serialize)]
pub struct WorkforceRow {
    #[serde(flatten)]
    pub summary: Summary,
    pub commentary: Vec<Commentary>,
}

/// The workforce section for one area.
#[derive(Debug, Clone, Serialize)]
pub struct WorkforceSection {
    pub area_code: AreaCode,
    pub area_name: String,
    pub as_at: Option<Date>,
    pub rows: Vec<WorkforceRow>,
}

/// The codes of the catalogue's workforce measures, in its order.
pub fn workforce_codes(catalogue: &Catalogue) -> Vec<IndicatorCode> {
    catalogue
        .iter()
        .filter(|i| i.evidences.iter().any(|e| e == WORKFORCE_OBJECTIVE))
        .map(|i| i.code.clone())
        .collect()
}

impl Store {
    /// The workforce section of partnership `slug` for `area` (or its own area): each
    /// workforce measure with figures for the area (read or calculated from figures read),
    /// with its commentary; as at a day, only what was known by its end.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn workforce(
        &self,
        slug: &str,
        catalogue: &Catalogue,
        area: Option<&str>,
        as_at: Option<Date>,
    ) -> Result<WorkforceSection> {
        let area = self.indicator_area(slug, area).await?;
        let codes = workforce_codes(catalogue);
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
        let mut rows = Vec::new();
        for indicator in codes.iter().filter_map(|c| catalogue.get(c.as_str())) {
            let summary = summarise(&ctx, indicator, &area);
            let commentary = self
                .indicator_commentary(slug, &indicator.code, Some(&area), as_at)
                .await?;
            if summary.latest.is_none() && commentary.is_empty() {
                continue;
            }
            rows.push(WorkforceRow {
                summary,
                commentary,
            });
        }
        Ok(WorkforceSection {
            area_name: directory.name(area.as_str()).to_owned(),
            area_code: area,
            as_at,
            rows,
        })
    }
}
