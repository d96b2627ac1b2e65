//! A board's view of one indicator for one area, as a list row ([`Summary`]) or a whole page
//! ([`Detail`]): the latest value, the target and RAG, both directions of travel, the
//! comparators, every period with its value or the reason it has none, and the chart.
//!
//! This is where the pieces of the crate meet; the CLI, the web pages and the JSON API all show
//! these two shapes, so they agree. Pure: the caller brings the values (from the store or a
//! file) in a [`ValueIndex`], with derived values already added.
//!
//! An area whose figures DfE publishes only jointly with another (Kingston upon Thames's
//! workforce, with Richmond upon Thames, as `E09000021 / E09000027`) is shown with the joint
//! unit's figures, and says so in [`Summary::reported_jointly_as`].

use serde::Serialize;

use crate::area::AreaDirectory;
use crate::catalogue::{Catalogue, Indicator, IndicatorCode, Polarity, Unit};
use crate::chart::{ChartData, ChartRequest, chart_data};
use crate::code::AreaCode;
use crate::index::ValueIndex;
use crate::judge::{Judgement, RagScheme, Target, Targets, judge};
use crate::neighbours::{Comparators, StatNeighbours, comparators};
use crate::period::Period;
use crate::series::{Coverage, Gap, Series};
use crate::value::ValueStatus;

/// What a summary is computed from.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub catalogue: &'a Catalogue,
    /// The values, derived ones included.
    pub index: &'a ValueIndex,
    pub directory: &'a AreaDirectory,
    pub neighbours: Option<&'a StatNeighbours>,
    pub targets: &'a Targets,
    pub scheme: RagScheme,
}

/// The latest period with a number.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Latest {
    pub period: Period,
    pub number: f64,
}

/// One indicator for one area, as a row of a list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub indicator: IndicatorCode,
    pub title: String,
    pub unit: Unit,
    pub decimals: u8,
    pub polarity: Polarity,
    /// The area asked about.
    pub area_code: AreaCode,
    pub area_name: String,
    /// The code the figures are for: the area's own, or the joint unit it is reported in.
    pub shown_for: AreaCode,
    /// Set when the area has no figures of its own and these are the joint unit's.
    pub reported_jointly_as: Option<AreaCode>,
    pub latest: Option<Latest>,
    /// The target for the latest period, if one is set.
    pub target: Option<Target>,
    /// RAG and both directions of travel at the latest period.
    pub judgement: Option<Judgement>,
    /// Every period of the indicator, oldest first, and the number each has (for sparklines).
    pub periods: Vec<Period>,
    pub numbers: Vec<Option<f64>>,
}

/// What one period holds for the area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Point {
    pub period: Period,
    pub coverage: Coverage,
    /// The published status, where the period has a value or a status token.
    pub status: Option<ValueStatus>,
    /// The target for the period, if one is set.
    pub target: Option<f64>,
}

/// Everything an indicator's page shows for one area.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Detail {
    pub summary: Summary,
    pub definition: String,
    pub source: String,
    /// Every period, oldest first.
    pub points: Vec<Point>,
    /// At the latest period; `None` when there is no latest value.
    pub comparators: Option<Comparators>,
    /// Periods with no number although the authority existed.
    pub gaps: Vec<Gap>,
    /// Periods before the authority was created or after it was abolished.
    pub did_not_exist: Vec<Period>,
    pub chart: ChartData,
}

/// A number as a page shows it: to the indicator's decimals, with its unit ("12.5%",
/// "269.9 per 10,000", "1,204").
pub fn show_value(value: f64, decimals: u8, unit: Unit) -> String {
    format!(
        "{}{}",
        crate::chart::format_number(value, decimals),
        unit.suffix()
    )
}

/// Codes whose values a summary of `codes` needs: each one and what it is calculated from.
pub fn needed_codes<'a>(
    catalogue: &Catalogue,
    codes: impl IntoIterator<Item = &'a IndicatorCode>,
) -> Vec<IndicatorCode> {
    let mut needed: Vec<IndicatorCode> = Vec::new();
    let mut queue: Vec<IndicatorCode> = codes.into_iter().cloned().collect();
    while let Some(code) = queue.pop() {
        if needed.contains(&code) {
            continue;
        }
        if let Some(derivation) = catalogue
            .get(code.as_str())
            .and_then(|i| i.derivation.as_ref())
        {
            queue.extend(derivation.inputs().into_iter().cloned());
        }
        needed.push(code);
    }
    needed.sort();
    needed
}

/// The area's figures for `indicator`, or the joint unit's when the area has none of its own.
fn series_for(index: &ValueIndex, indicator: &Indicator, area: &AreaCode) -> Series {
    let own = Series::from_index(index, &indicator.code, area);
    match &own.reported_jointly_as {
        Some(joint) => {
            let mut shared = Series::from_index(index, &indicator.code, joint);
            shared.reported_jointly_as = Some(joint.clone());
            shared
        }
        None => own,
    }
}

/// One indicator for `area`, as a list row.
pub fn summarise(ctx: &Context<'_>, indicator: &Indicator, area: &AreaCode) -> Summary {
    let series = series_for(ctx.index, indicator, area);
    let shown_for = series.area_code.clone();
    let periods = ctx.index.periods(indicator.code.as_str());
    let latest = series
        .latest()
        .map(|(period, number)| Latest { period, number });
    let target = latest.and_then(|l| ctx.targets.get(&indicator.code, l.period).cloned());
    let judgement = latest.map(|l| {
        judge(
            &series,
            l.period,
            target.as_ref(),
            indicator.polarity,
            &ctx.scheme,
        )
    });
    Summary {
        indicator: indicator.code.clone(),
        title: indicator.title.clone(),
        unit: indicator.unit,
        decimals: indicator.decimals,
        polarity: indicator.polarity,
        area_code: area.clone(),
        area_name: ctx.directory.name(area.as_str()).to_owned(),
        reported_jointly_as: series.reported_jointly_as.clone(),
        shown_for,
        latest,
        target,
        judgement,
        numbers: periods.iter().map(|&p| series.number(p)).collect(),
        periods,
    }
}

/// One indicator's page for `area`.
pub fn detail(ctx: &Context<'_>, indicator: &Indicator, area: &AreaCode) -> Detail {
    let summary = summarise(ctx, indicator, area);
    let series = series_for(ctx.index, indicator, area);
    let points: Vec<Point> = summary
        .periods
        .iter()
        .map(|&period| Point {
            period,
            coverage: series.coverage_at(period),
            status: series.get(period).map(|o| o.status),
            target: ctx.targets.get(&indicator.code, period).map(|t| t.value),
        })
        .collect();
    let did_not_exist = points
        .iter()
        .filter(|p| p.coverage == Coverage::DidNotExist)
        .map(|p| p.period)
        .collect();
    let comparators = match (summary.latest, ctx.neighbours) {
        (Some(latest), Some(model)) => Some(comparators(
            ctx.index,
            model,
            ctx.directory,
            &summary.shown_for,
            indicator,
            latest.period,
        )),
        _ => None,
    };
    let chart = chart_data(&ChartRequest {
        index: ctx.index,
        indicator,
        area: &summary.shown_for,
        area_name: ctx.directory.name(summary.shown_for.as_str()),
        periods: &summary.periods,
        neighbours: ctx.neighbours.map(|model| (model, ctx.directory)),
        targets: Some(ctx.targets),
    });
    Detail {
        gaps: series.gaps(&summary.periods),
        definition: indicator.definition.clone(),
        source: indicator.source.clone(),
        summary,
        points,
        comparators,
        did_not_exist,
        chart,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::{Observation, Value};

    fn year(y: i16) -> Period {
        Period::year_to_31_march(y).unwrap()
    }

    fn value(indicator: &str, area: &str, y: i16, observation: Observation) -> Value {
        Value::new(
            IndicatorCode::new(indicator).unwrap(),
            AreaCode::new(area).unwrap(),
            year(y),
            observation,
        )
    }

    #[test]
    fn values_show_with_their_decimals_and_unit() {
        assert_eq!(show_value(12.345, 1, Unit::Percent), "12.3%");
        assert_eq!(show_value(1204.0, 0, Unit::Count), "1,204");
        assert_eq!(show_value(269.94, 1, Unit::RatePer10k), "269.9 per 10,000");
    }

    #[test]
    fn needed_codes_bring_in_what_a_rate_is_calculated_from() {
        let catalogue = Catalogue::builtin();
        let needed = needed_codes(&catalogue, [&IndicatorCode::new("cin-rate").unwrap()]);
        let names: Vec<&str> = needed.iter().map(IndicatorCode::as_str).collect();
        assert_eq!(names, ["cin-count", "cin-rate", "ons-population-0-17"]);
    }

    #[test]
    fn a_summary_judges_the_latest_value_against_its_target_and_the_years_before() {
        let catalogue = Catalogue::builtin();
        let indicator = catalogue.get("cpp-subsequent-pct").unwrap();
        let index = ValueIndex::from_values([
            value(
                "cpp-subsequent-pct",
                "A",
                2023,
                Observation::published(25.0),
            ),
            value(
                "cpp-subsequent-pct",
                "A",
                2024,
                Observation::published(22.0),
            ),
            value(
                "cpp-subsequent-pct",
                "A",
                2025,
                Observation::without_number(ValueStatus::Suppressed),
            ),
        ]);
        let mut targets = Targets::new();
        targets.set(Target {
            indicator: indicator.code.clone(),
            period: year(2024),
            value: 20.0,
            tolerance_percent: Some(5.0),
        });
        let ctx = Context {
            catalogue: &catalogue,
            index: &index,
            directory: &AreaDirectory::new(),
            neighbours: None,
            targets: &targets,
            scheme: RagScheme::default(),
        };
        let area = AreaCode::new("A").unwrap();
        let summary = summarise(&ctx, indicator, &area);
        assert_eq!(summary.latest.unwrap().period, year(2024));
        assert_eq!(summary.numbers, [Some(25.0), Some(22.0), None]);
        let judgement = summary.judgement.unwrap();
        assert_eq!(judgement.rag, Some(domain::Rag::Red));
        assert_eq!(
            judgement.direction_vs_previous,
            crate::judge::Direction::Improving
        );
        let page = detail(&ctx, indicator, &area);
        assert_eq!(page.gaps.len(), 1);
        assert_eq!(page.points[2].status, Some(ValueStatus::Suppressed));
        assert_eq!(page.points[1].target, Some(20.0));
    }

    #[test]
    fn an_area_reported_jointly_is_shown_with_the_joint_figures() {
        let catalogue = Catalogue::builtin();
        let indicator = catalogue.get("cpp-subsequent-pct").unwrap();
        let joint = "E09000021 / E09000027";
        let index = ValueIndex::from_values([value(
            "cpp-subsequent-pct",
            joint,
            2025,
            Observation::published(17.5),
        )]);
        let ctx = Context {
            catalogue: &catalogue,
            index: &index,
            directory: &AreaDirectory::new(),
            neighbours: None,
            targets: &Targets::new(),
            scheme: RagScheme::default(),
        };
        let summary = summarise(&ctx, indicator, &AreaCode::new("E09000021").unwrap());
        assert_eq!(summary.shown_for, joint);
        assert_eq!(summary.reported_jointly_as.as_ref().unwrap(), joint);
        assert_eq!(summary.latest.unwrap().number, 17.5);
    }
}
