//! The `--json` shapes of `pi list` and `pi show`, kept here as plain structs so that the
//! documented shape (`docs/indicators.md`) changes only on purpose.

use indicators::judge::Direction;
use indicators::series::GapReason;
use indicators::{Coverage, Period, Polarity, Summary, Unit, ValueStatus};
use serde::Serialize;
use store::{IndicatorOverview, IndicatorPage};

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
pub struct AreaJson {
    pub code: String,
    pub name: String,
}

#[derive(Serialize)]
pub struct TargetJson {
    pub value: f64,
    pub tolerance_percent: Option<f64>,
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
    pub unit: Unit,
    pub decimals: u8,
    pub polarity: Polarity,
    /// The code the figures are for (the joint unit when the area is reported jointly).
    pub shown_for: String,
    pub reported_jointly_as: Option<String>,
    pub latest: Option<LatestJson>,
    pub target: Option<TargetJson>,
    /// `red`, `amber`, `green`, `blue`, or null (no target, no number, or a context measure).
    pub rag: Option<domain::Rag>,
    pub direction_vs_previous: Option<Direction>,
    pub direction_vs_year_ago: Option<Direction>,
}

impl From<&Summary> for RowJson {
    fn from(s: &Summary) -> Self {
        Self {
            code: s.indicator.to_string(),
            title: s.title.clone(),
            unit: s.unit,
            decimals: s.decimals,
            polarity: s.polarity,
            shown_for: s.shown_for.to_string(),
            reported_jointly_as: s.reported_jointly_as.as_ref().map(ToString::to_string),
            latest: s.latest.map(|l| LatestJson {
                period: l.period.into(),
                value: l.number,
            }),
            target: s.target.as_ref().map(|t| TargetJson {
                value: t.value,
                tolerance_percent: t.tolerance_percent,
            }),
            rag: s.judgement.and_then(|j| j.rag),
            direction_vs_previous: s.judgement.map(|j| j.direction_vs_previous),
            direction_vs_year_ago: s.judgement.map(|j| j.direction_vs_year_ago),
        }
    }
}

/// `pi list --json`.
#[derive(Serialize)]
pub struct ListJson {
    pub area: AreaJson,
    pub as_at: Option<String>,
    pub indicators: Vec<RowJson>,
}

impl From<&IndicatorOverview> for ListJson {
    fn from(o: &IndicatorOverview) -> Self {
        Self {
            area: AreaJson {
                code: o.area_code.to_string(),
                name: o.area_name.clone(),
            },
            as_at: o.as_at.map(|d| d.to_string()),
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
    pub status: Option<ValueStatus>,
    /// DfE's own token (`c`, `x`, `u`, `z`, `low`, `k`), or empty.
    pub token: &'static str,
    /// `value`, `gap` or `did_not_exist`.
    pub coverage: &'static str,
    /// Why a gap has no number, in words.
    pub gap_reason: Option<&'static str>,
    pub target: Option<f64>,
}

#[derive(Serialize)]
pub struct NeighbourJson {
    pub la_number: String,
    pub area_code: Option<String>,
    pub value: Option<f64>,
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
    pub neighbours: Vec<NeighbourJson>,
}

#[derive(Serialize)]
pub struct JudgementJson {
    #[serde(flatten)]
    pub period: PeriodJson,
    pub value: f64,
    pub target: Option<TargetJson>,
    pub rag: Option<domain::Rag>,
    pub direction_vs_previous: Direction,
    pub direction_vs_year_ago: Direction,
}

#[derive(Serialize)]
pub struct GapJson {
    #[serde(flatten)]
    pub period: PeriodJson,
    pub reason: &'static str,
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
    pub old_status: ValueStatus,
    pub old_file: String,
    pub old_published_on: String,
    pub new_value: Option<f64>,
    pub new_status: ValueStatus,
    pub new_file: String,
    pub new_published_on: String,
}

#[derive(Serialize)]
pub struct IndicatorJson {
    pub code: String,
    pub title: String,
    pub definition: String,
    pub unit: Unit,
    pub decimals: u8,
    pub polarity: Polarity,
    pub source: String,
}

/// `pi show --json`.
#[derive(Serialize)]
pub struct ShowJson {
    pub indicator: IndicatorJson,
    pub area: AreaJson,
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

fn gap_words(reason: GapReason) -> &'static str {
    reason.describe()
}

impl From<&IndicatorPage> for ShowJson {
    fn from(page: &IndicatorPage) -> Self {
        let d = &page.detail;
        let s = &d.summary;
        let values = d
            .points
            .iter()
            .map(|p| {
                let (value, coverage, gap_reason) = match p.coverage {
                    Coverage::Value { number } => (Some(number), "value", None),
                    Coverage::Gap { reason } => (None, "gap", Some(gap_words(reason))),
                    Coverage::DidNotExist => (None, "did_not_exist", None),
                };
                ValueJson {
                    period: p.period.into(),
                    value,
                    status: p.status,
                    token: p.status.map_or("", ValueStatus::token),
                    coverage,
                    gap_reason,
                    target: p.target,
                }
            })
            .collect();
        let judgement = match (s.latest, s.judgement) {
            (Some(latest), Some(j)) => Some(JudgementJson {
                period: latest.period.into(),
                value: latest.number,
                target: s.target.as_ref().map(|t| TargetJson {
                    value: t.value,
                    tolerance_percent: t.tolerance_percent,
                }),
                rag: j.rag,
                direction_vs_previous: j.direction_vs_previous,
                direction_vs_year_ago: j.direction_vs_year_ago,
            }),
            _ => None,
        };
        let comparators = match (s.latest, &d.comparators) {
            (Some(latest), Some(c)) => Some(ComparatorsJson {
                period: latest.period.into(),
                area_value: c.area_value,
                neighbours_mean: c.neighbours_mean,
                neighbours_with_values: c.neighbours_with_values,
                neighbours_total: c.neighbours_total,
                england: c.england,
                rank: c.rank.map(|r| r.position),
                rank_out_of: c.rank.map(|r| r.out_of),
                neighbours: c
                    .neighbours
                    .iter()
                    .map(|n| NeighbourJson {
                        la_number: n.la_number.clone(),
                        area_code: n.area_code.as_ref().map(ToString::to_string),
                        value: n.value,
                    })
                    .collect(),
            }),
            _ => None,
        };
        ShowJson {
            indicator: IndicatorJson {
                code: s.indicator.to_string(),
                title: s.title.clone(),
                definition: d.definition.clone(),
                unit: s.unit,
                decimals: s.decimals,
                polarity: s.polarity,
                source: d.source.clone(),
            },
            area: AreaJson {
                code: s.area_code.to_string(),
                name: s.area_name.clone(),
            },
            shown_for: s.shown_for.to_string(),
            reported_jointly_as: s.reported_jointly_as.as_ref().map(ToString::to_string),
            as_at: page.as_at.map(|d| d.to_string()),
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
                    written_on: c.written_on.to_string(),
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
                    old_status: r.old.status,
                    old_file: r.old_file.clone(),
                    old_published_on: r.old_published_on.to_string(),
                    new_value: r.new.number,
                    new_status: r.new.status,
                    new_file: r.new_file.clone(),
                    new_published_on: r.new_published_on.to_string(),
                })
                .collect(),
        }
    }
}
