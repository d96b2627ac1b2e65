//! The `--json` shapes of `pi list` and `pi show`, so that the documented shape
//! (`docs/indicators.md`) changes only on purpose.
//!
//! Every value in them is written by the web API's wire types (`web::indicators::api::wire`,
//! and `web::api::wire` for RAG ratings and dates), so an indicator reads the same on the
//! command line as in the API. Only the layout is the command line's own, as documented
//! before the API existed: a period as its machine form with a `label` beside it, flattened
//! into each record; the indicator's own fields nested under `indicator`; `as_at` null for
//! today; and polarity as the catalogue writes it (`{"kind": "banded", "low", "high"}`, no
//! words). Those records are built here, from the same conversions.

use indicators::{Period, Polarity, Summary, ValueStatus};
use serde::Serialize;
use store::{IndicatorOverview, IndicatorPage};
use web::api::wire::{Rating, date};
use web::indicators::api::wire::{
    AreaOut, CoverageOut, DirectionOut, NeighbourOut, TargetOut, UnitOut, ValueStatusOut,
    coverage_parts, gap_words,
};

/// A period: its machine form and its label.
#[derive(Serialize)]
pub struct PeriodJson {
    /// `{"kind": "year_to_31_march", "year": 2025}` (with `quarter` or `month` for those).
    pub period: Period,
    /// `2024-25`, `2025`, `mid-2024`, `2024-25 Q1`, `Jun 2024`.
    pub label: String,
}

impl From<Period> for PeriodJson {
    fn from(period: Period) -> Self {
        Self {
            label: period.label(),
            period,
        }
    }
}

#[derive(Serialize)]
pub struct LatestJson {
    #[serde(flatten)]
    pub period: PeriodJson,
    pub value: f64,
}

/// One row of `pi list`.
#[derive(Serialize)]
pub struct RowJson {
    pub code: String,
    pub title: String,
    pub unit: UnitOut,
    pub decimals: u8,
    pub polarity: Polarity,
    /// The code the figures are for (the joint unit when the area is reported jointly).
    pub shown_for: String,
    pub reported_jointly_as: Option<String>,
    pub latest: Option<LatestJson>,
    pub target: Option<TargetOut>,
    /// `red`, `amber`, `green`, `blue`, or null (no target, no number, or a context measure).
    pub rag: Option<Rating>,
    pub direction_vs_previous: Option<DirectionOut>,
    pub direction_vs_year_ago: Option<DirectionOut>,
}

impl From<&Summary> for RowJson {
    fn from(s: &Summary) -> Self {
        Self {
            code: s.indicator.to_string(),
            title: s.title.clone(),
            unit: s.unit.into(),
            decimals: s.decimals,
            polarity: s.polarity,
            shown_for: s.shown_for.to_string(),
            reported_jointly_as: s.reported_jointly_as.as_ref().map(ToString::to_string),
            latest: s.latest.map(|l| LatestJson {
                period: l.period.into(),
                value: l.number,
            }),
            target: s.target.as_ref().map(TargetOut::from),
            rag: s.judgement.and_then(|j| j.rag).map(Rating::from),
            direction_vs_previous: s.judgement.map(|j| j.direction_vs_previous.into()),
            direction_vs_year_ago: s.judgement.map(|j| j.direction_vs_year_ago.into()),
        }
    }
}

/// `pi list --json`.
#[derive(Serialize)]
pub struct ListJson {
    pub area: AreaOut,
    pub as_at: Option<String>,
    pub indicators: Vec<RowJson>,
}

impl From<&IndicatorOverview> for ListJson {
    fn from(o: &IndicatorOverview) -> Self {
        Self {
            area: AreaOut::new(&o.area_code, &o.area_name),
            as_at: o.as_at.map(date),
            indicators: o.rows.iter().map(RowJson::from).collect(),
        }
    }
}

/// One period of `pi show`.
#[derive(Serialize)]
pub struct ValueJson {
    #[serde(flatten)]
    pub period: PeriodJson,
    pub value: Option<f64>,
    /// `published`, `calculated`, `suppressed`, `not_available`, `low_reliability`,
    /// `not_applicable`, `low`, `rounds_to_zero`, `missing`; null when nothing was published.
    pub status: Option<ValueStatusOut>,
    /// DfE's own token (`c`, `x`, `u`, `z`, `low`, `k`), or empty.
    pub token: &'static str,
    /// `value`, `gap` or `did_not_exist`.
    pub coverage: CoverageOut,
    /// Why a gap has no number, in words.
    pub gap_reason: Option<String>,
    pub target: Option<f64>,
}

#[derive(Serialize)]
pub struct ComparatorsJson {
    #[serde(flatten)]
    pub period: PeriodJson,
    pub area_value: Option<f64>,
    pub neighbours_mean: Option<f64>,
    pub neighbours_with_values: usize,
    pub neighbours_total: usize,
    pub england: Option<f64>,
    /// 1 is the best among the area and its neighbours with values.
    pub rank: Option<usize>,
    pub rank_out_of: Option<usize>,
    pub neighbours: Vec<NeighbourOut>,
}

#[derive(Serialize)]
pub struct JudgementJson {
    #[serde(flatten)]
    pub period: PeriodJson,
    pub value: f64,
    pub target: Option<TargetOut>,
    pub rag: Option<Rating>,
    pub direction_vs_previous: DirectionOut,
    pub direction_vs_year_ago: DirectionOut,
}

#[derive(Serialize)]
pub struct GapJson {
    #[serde(flatten)]
    pub period: PeriodJson,
    pub reason: String,
}

#[derive(Serialize)]
pub struct CommentJson {
    #[serde(flatten)]
    pub period: PeriodJson,
    pub area_code: Option<String>,
    pub author: String,
    pub written_on: String,
    pub text: String,
}

#[derive(Serialize)]
pub struct RevisionJson {
    #[serde(flatten)]
    pub period: PeriodJson,
    pub area_code: String,
    pub old_value: Option<f64>,
    pub old_status: ValueStatusOut,
    pub old_file: String,
    pub old_published_on: String,
    pub new_value: Option<f64>,
    pub new_status: ValueStatusOut,
    pub new_file: String,
    pub new_published_on: String,
}

#[derive(Serialize)]
pub struct IndicatorJson {
    pub code: String,
    pub title: String,
    pub definition: String,
    pub unit: UnitOut,
    pub decimals: u8,
    pub polarity: Polarity,
    pub source: String,
}

/// `pi show --json`.
#[derive(Serialize)]
pub struct ShowJson {
    pub indicator: IndicatorJson,
    pub area: AreaOut,
    pub shown_for: String,
    pub reported_jointly_as: Option<String>,
    pub as_at: Option<String>,
    pub values: Vec<ValueJson>,
    pub judgement: Option<JudgementJson>,
    pub comparators: Option<ComparatorsJson>,
    pub gaps: Vec<GapJson>,
    pub did_not_exist: Vec<PeriodJson>,
    pub commentary: Vec<CommentJson>,
    pub revisions: Vec<RevisionJson>,
}

impl From<&IndicatorPage> for ShowJson {
    fn from(page: &IndicatorPage) -> Self {
        let d = &page.detail;
        let s = &d.summary;
        let values = d
            .points
            .iter()
            .map(|p| {
                let (value, coverage, gap_reason) = coverage_parts(p.coverage);
                ValueJson {
                    period: p.period.into(),
                    value,
                    status: p.status.map(ValueStatusOut::from),
                    token: p.status.map_or("", ValueStatus::token),
                    coverage,
                    gap_reason,
                    target: p.target,
                }
            })
            .collect();
        let judgement = s.latest.zip(s.judgement).map(|(latest, j)| JudgementJson {
            period: latest.period.into(),
            value: latest.number,
            target: s.target.as_ref().map(TargetOut::from),
            rag: j.rag.map(Rating::from),
            direction_vs_previous: j.direction_vs_previous.into(),
            direction_vs_year_ago: j.direction_vs_year_ago.into(),
        });
        let comparators = s
            .latest
            .zip(d.comparators.as_ref())
            .map(|(latest, c)| ComparatorsJson {
                period: latest.period.into(),
                area_value: c.area_value,
                neighbours_mean: c.neighbours_mean,
                neighbours_with_values: c.neighbours_with_values,
                neighbours_total: c.neighbours_total,
                england: c.england,
                rank: c.rank.map(|r| r.position),
                rank_out_of: c.rank.map(|r| r.out_of),
                neighbours: c.neighbours.iter().map(NeighbourOut::from).collect(),
            });
        ShowJson {
            indicator: IndicatorJson {
                code: s.indicator.to_string(),
                title: s.title.clone(),
                definition: d.definition.clone(),
                unit: s.unit.into(),
                decimals: s.decimals,
                polarity: s.polarity,
                source: d.source.clone(),
            },
            area: AreaOut::new(&s.area_code, &s.area_name),
            shown_for: s.shown_for.to_string(),
            reported_jointly_as: s.reported_jointly_as.as_ref().map(ToString::to_string),
            as_at: page.as_at.map(date),
            values,
            judgement,
            comparators,
            gaps: d
                .gaps
                .iter()
                .map(|g| GapJson {
                    period: g.period.into(),
                    reason: gap_words(g.reason),
                })
                .collect(),
            did_not_exist: d.did_not_exist.iter().map(|&p| p.into()).collect(),
            commentary: page
                .commentary
                .iter()
                .map(|c| CommentJson {
                    period: c.period.into(),
                    area_code: c.area_code.as_ref().map(ToString::to_string),
                    author: c.author.clone(),
                    written_on: date(c.written_on),
                    text: c.text.clone(),
                })
                .collect(),
            revisions: page
                .revisions
                .iter()
                .map(|r| RevisionJson {
                    period: r.period.into(),
                    area_code: r.area_code.to_string(),
                    old_value: r.old.number,
                    old_status: r.old.status.into(),
                    old_file: r.old_file.clone(),
                    old_published_on: date(r.old_published_on),
                    new_value: r.new.number,
                    new_status: r.new.status.into(),
                    new_file: r.new_file.clone(),
                    new_published_on: date(r.new_published_on),
                })
                .collect(),
        }
    }
}
