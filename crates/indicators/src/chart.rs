//! Charts drawn on the server as SVG, accessible and deterministic: a line chart of an area
//! against its statistical neighbours' mean, England and the target; a sparkline for lists; and
//! the same data as an HTML table to sit beside the chart.
//!
//! Every chart has `role="img"`, a `<title>` and a `<desc>` that says what it shows and the
//! latest figures, and tells its series apart by dash pattern and marker shape as well as
//! colour. The same input always gives byte-identical output, so pages can be snapshot-tested.

mod format;
mod line;
mod sparkline;
mod table;

use std::borrow::Cow;

use serde::Serialize;

pub use line::line_chart;
pub use sparkline::sparkline;
pub use table::data_table_html;

use crate::area::{AreaDirectory, ENGLAND};
use crate::catalogue::{Indicator, Unit};
use crate::code::AreaCode;
use crate::index::ValueIndex;
use crate::judge::Targets;
use crate::neighbours::{StatNeighbours, comparators};
use crate::period::Period;
use crate::series::{Coverage, Series, authority_value};

/// What a line in the chart stands for; it decides the line's dash pattern and marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesRole {
    /// The partnership's own area: solid line, round markers.
    Area,
    /// Mean of its statistical neighbours: dashed line, square markers.
    NeighboursMean,
    /// England: dotted line, triangle markers.
    England,
    /// The target: dash-dot line, diamond markers.
    Target,
}

/// One point: a number, or why there is none (shown in the table; a gap in the line).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChartPoint {
    Value(f64),
    Missing(Cow<'static, str>),
}

impl ChartPoint {
    pub fn number(&self) -> Option<f64> {
        match self {
            ChartPoint::Value(n) => Some(*n),
            ChartPoint::Missing(_) => None,
        }
    }
}

/// One line: its label, its role and a point per period of the chart.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartSeries {
    pub label: String,
    pub role: SeriesRole,
    /// One per entry of [`ChartData::periods`]; a missing entry reads as no value.
    pub points: Vec<ChartPoint>,
}

/// Everything a chart and its table show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChartData {
    /// Prefix for the element ids (`{id}-title`, `{id}-desc`); letters, digits and hyphens.
    pub id: String,
    pub title: String,
    pub unit: Unit,
    /// Decimal places values are shown with.
    pub decimals: u8,
    pub periods: Vec<Period>,
    pub series: Vec<ChartSeries>,
}

/// What [`chart_data`] needs to assemble one indicator's chart for one area.
pub struct ChartRequest<'a> {
    pub index: &'a ValueIndex,
    pub indicator: &'a Indicator,
    pub area: &'a AreaCode,
    pub area_name: &'a str,
    pub periods: &'a [Period],
    /// The neighbours model and the directory that turns its numbers into codes.
    pub neighbours: Option<(&'a StatNeighbours, &'a AreaDirectory)>,
    pub targets: Option<&'a Targets>,
}

/// The chart of one indicator for one area: the area, its neighbours' mean, England and the
/// target, over `periods`. A comparison line with no value in any period is left out.
pub fn chart_data(request: &ChartRequest<'_>) -> ChartData {
    let ChartRequest {
        index,
        indicator,
        area,
        area_name,
        periods,
        neighbours,
        targets,
    } = *request;
    let code = indicator.code.as_str();
    let series = Series::from_index(index, &indicator.code, area);
    let area_points = periods
        .iter()
        .map(|&p| match series.coverage_at(p) {
            Coverage::Value { number } => ChartPoint::Value(number),
            Coverage::Gap { reason } => ChartPoint::Missing(Cow::Borrowed(reason.describe())),
            Coverage::DidNotExist => ChartPoint::Missing(Cow::Borrowed("did not exist")),
        })
        .collect();
    let mut lines = vec![ChartSeries {
        label: area_name.to_owned(),
        role: SeriesRole::Area,
        points: area_points,
    }];

    if let Some((model, directory)) = neighbours {
        let points = periods
            .iter()
            .map(|&p| {
                let compared = comparators(index, model, directory, area, indicator, p);
                match compared.neighbours_mean {
                    Some(mean) => ChartPoint::Value(mean),
                    None => ChartPoint::Missing(Cow::Borrowed("no neighbour values")),
                }
            })
            .collect();
        lines.push(ChartSeries {
            label: "Statistical neighbours (mean)".to_owned(),
            role: SeriesRole::NeighboursMean,
            points,
        });
    }

    if area.as_str() != ENGLAND {
        let points = periods
            .iter()
            .map(|&p| match authority_value(index, code, ENGLAND, p) {
                Some(value) => match value.number {
                    Some(n) => ChartPoint::Value(n),
                    None => ChartPoint::Missing(Cow::Borrowed(value.status.meaning())),
                },
                None => ChartPoint::Missing(Cow::Borrowed("no value recorded")),
            })
            .collect();
        lines.push(ChartSeries {
            label: "England".to_owned(),
            role: SeriesRole::England,
            points,
        });
    }

    if let Some(targets) = targets {
        let points = periods
            .iter()
            .map(|&p| match targets.get(&indicator.code, p) {
                Some(target) => ChartPoint::Value(target.value),
                None => ChartPoint::Missing(Cow::Borrowed("no target set")),
            })
            .collect();
        lines.push(ChartSeries {
            label: "Target".to_owned(),
            role: SeriesRole::Target,
            points,
        });
    }
    lines.retain(|s| s.role == SeriesRole::Area || s.points.iter().any(|p| p.number().is_some()));

    ChartData {
        id: element_id(&format!("chart-{code}-{area}")),
        title: format!("{}: {area_name}", indicator.title),
        unit: indicator.unit,
        decimals: indicator.decimals,
        periods: periods.to_vec(),
        series: lines,
    }
}

/// `value` to `decimals` places with commas between thousands (12,183,016; 269.9), as the
/// charts and tables show it.
pub fn format_number(value: f64, decimals: u8) -> String {
    format::number(value, decimals)
}

/// Letters and digits lower-cased, everything else a single hyphen: safe as an XML id.
fn element_id(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_matches('-');
    if id.is_empty() {
        "chart".to_owned()
    } else {
        id.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_ids_are_safe_and_stable() {
        assert_eq!(
            element_id("chart-NI65-E06000061 / E06000062"),
            "chart-ni65-e06000061-e06000062"
        );
        assert_eq!(element_id("<>"), "chart");
    }
}
