//! What a report is built from: plain values the caller gathers (from the store, a test or a
//! benchmark), so that building a report does no I/O and the same input always gives the same
//! report.

use domain::{Date, Partnership, Plan, SignOff, StatusRules, Update};
use indicators::{
    Commentary, Detail, Direction, Indicator, Judgement, Period, RagScheme, Series, Target,
};
use serde::Serialize;

/// Everything a report needs.
#[derive(Debug, Clone)]
pub struct ReportInput {
    /// The partnership, with its plans and its meetings (board meetings date the papers).
    pub partnership: Partnership,
    /// Which of `partnership.plans` the report is on.
    pub plan_index: usize,
    /// Every update of that plan's actions recorded so far; later ones are ignored.
    pub updates: Vec<Update>,
    pub signoffs: Vec<SignOff>,
    /// The date the report speaks for: a board paper's meeting, a quarter's or year's end.
    pub as_at: Date,
    /// Read as recorded by the end of `as_at` (what the board saw that day), not as of it:
    /// then updates and corrections recorded later are ignored too.
    pub as_recorded: bool,
    /// The plan this one carried unfinished actions over from, if any.
    pub previous_plan: Option<PreviousPlan>,
    /// The performance indicators the board watches, judged as at `as_at`.
    pub indicators: Vec<IndicatorSummary>,
    /// The partnership's due-soon and stale thresholds.
    pub rules: StatusRules,
    /// When the report is produced: printed on it, and the only thing that differs between
    /// two renderings of the same input.
    pub generated_at: jiff::Timestamp,
    /// The partnership's newest change-log entry when the report is produced, printed on a
    /// board paper beside the stamp so that the minutes carry an anchor that later shows a
    /// log cut back or rewritten (`boardplan audit verify --expect`).
    pub change_log: Option<ChangeLogHead>,
    /// The audits, Section 11 cycle and risks the report draws on, cut down to what the
    /// person asking may see; empty for reports that need none.
    pub assurance: crate::assurance::Assurance,
    /// The board's own business (member register, attendance, one meeting), for the
    /// governance reports and the annual report's membership and attendance sections.
    pub governance: crate::governance::Governance,
    /// The yearly report's own input (its year, framework, narratives, distribution, and
    /// the year's training, case reviews, engagement and funding); none for other reports.
    pub yearly: Option<crate::yearly::Yearly>,
}

/// A change-log entry's id and hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChangeLogHead {
    pub entry: i64,
    pub hash: String,
}

impl ChangeLogHead {
    /// The first 16 hex digits of the hash: short enough to copy into minutes, long enough
    /// (64 bits) that `audit verify --expect` accepts it.
    pub fn fingerprint(&self) -> &str {
        self.hash.get(..16).unwrap_or(&self.hash)
    }
}

impl ReportInput {
    /// The day the report speaks for, and how it is read.
    pub fn moment(&self) -> domain::Moment {
        if self.as_recorded {
            domain::Moment::as_recorded(self.as_at)
        } else {
            domain::Moment::as_of(self.as_at)
        }
    }

    /// The plan reported on. A `plan_index` past the end reads as an empty plan.
    pub fn plan(&self) -> std::borrow::Cow<'_, Plan> {
        match self.partnership.plans.get(self.plan_index) {
            Some(p) => std::borrow::Cow::Borrowed(p),
            None => std::borrow::Cow::Owned(Plan {
                title: "(no plan)".to_owned(),
                period: domain::Period {
                    start: self.as_at,
                    end: self.as_at,
                },
                status: domain::PlanStatus::Draft,
                objectives: Vec::new(),
            }),
        }
    }
}

/// The plan a report's plan carried actions over from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PreviousPlan {
    pub title: String,
    /// Each carried action: its id in this plan and its id in the previous one.
    pub carried: Vec<CarriedAction>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CarriedAction {
    pub action: String,
    pub from: String,
}

/// One indicator as a report shows it: the latest value against its target, the directions
/// of travel, the commentary, the gaps in its data and its yearly values for trends.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorSummary {
    /// "NI 65", "cpp-rate".
    pub code: String,
    pub title: String,
    /// The unit in words, for axes and headers: "per cent".
    pub unit: String,
    /// What follows a value: "%", " per 10,000".
    pub suffix: String,
    pub decimals: u8,
    /// "higher is better", "between 10 and 15 is good".
    pub polarity: String,
    pub latest: Option<LatestValue>,
    /// The target for the latest period.
    pub target: Option<f64>,
    /// The judgement of the latest value against its target.
    pub rag: Option<domain::Rag>,
    pub vs_previous: Direction,
    pub vs_year_ago: Direction,
    /// The latest commentary. Internal: a public report leaves it out.
    pub commentary: Option<String>,
    /// Periods with no number although there should be one: ("2008-09", "not available").
    pub gaps: Vec<(String, String)>,
    /// The area's values, and comparators' where known, over the years.
    pub trend: Vec<TrendLine>,
    /// Period labels the trend lines run over, oldest first.
    pub periods: Vec<String>,
    /// The plan's actions this measure evidences ("2.2").
    pub evidences: Vec<String>,
}

/// The latest period with a number.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LatestValue {
    pub period: String,
    pub value: f64,
}

/// One line of an indicator's trend: the area's own values, England's, the target.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendLine {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

/// What [`IndicatorSummary::judge`] needs beyond the series itself.
pub struct IndicatorContext<'a> {
    pub indicator: &'a Indicator,
    /// The partnership's area name, labelling its own line.
    pub area_name: &'a str,
    /// The periods the trend runs over, oldest first.
    pub periods: &'a [Period],
    /// Target for a period, if one is set.
    pub target: &'a dyn Fn(Period) -> Option<Target>,
    pub scheme: &'a RagScheme,
    /// Comparator lines (England, statistical neighbours), each a value per period.
    pub comparators: Vec<TrendLine>,
    pub commentary: Option<&'a Commentary>,
}

impl IndicatorSummary {
    /// The summary of `series` as at the latest of `ctx.periods` that has a number, judged with
    /// `indicators::judge` so a report says what the indicator pages say.
    pub fn judge(series: &Series, ctx: &IndicatorContext<'_>) -> Self {
        let ind = ctx.indicator;
        let latest = ctx
            .periods
            .iter()
            .rev()
            .find_map(|&p| series.number(p).map(|v| (p, v)));
        let target = latest.and_then(|(p, _)| (ctx.target)(p));
        let judgement = match latest {
            Some((p, _)) => indicators::judge(series, p, target.as_ref(), ind.polarity, ctx.scheme),
            None => Judgement {
                rag: None,
                direction_vs_previous: Direction::NotComparable,
                direction_vs_year_ago: Direction::NotComparable,
            },
        };
        let mut trend = vec![TrendLine {
            label: ctx.area_name.to_owned(),
            values: ctx.periods.iter().map(|&p| series.number(p)).collect(),
        }];
        trend.extend(ctx.comparators.iter().cloned());
        let targets: Vec<Option<f64>> = ctx
            .periods
            .iter()
            .map(|&p| (ctx.target)(p).map(|t| t.value))
            .collect();
        if targets.iter().any(Option::is_some) {
            trend.push(TrendLine {
                label: "Target".to_owned(),
                values: targets,
            });
        }
        Self {
            code: ind.code.as_str().to_owned(),
            title: ind.title.clone(),
            unit: ind.unit.describe().to_owned(),
            suffix: ind.unit.suffix().to_owned(),
            decimals: ind.decimals,
            polarity: ind.polarity.describe(),
            latest: latest.map(|(p, value)| LatestValue {
                period: p.label(),
                value,
            }),
            target: target.map(|t| t.value),
            rag: judgement.rag,
            vs_previous: judgement.direction_vs_previous,
            vs_year_ago: judgement.direction_vs_year_ago,
            commentary: ctx.commentary.map(|c| c.text.clone()),
            gaps: series
                .gaps(ctx.periods)
                .into_iter()
                .map(|g| (g.period.label(), g.reason.describe().to_owned()))
                .collect(),
            trend,
            periods: ctx.periods.iter().map(|p| p.label()).collect(),
            evidences: ind.evidences.clone(),
        }
    }

    /// The summary of an indicator page as `indicators::detail` (and the store's
    /// `indicator_page`) gives it: the same latest value, target, judgement, gaps and chart
    /// lines the indicator pages show, with the latest `commentary` and the plan actions the
    /// measure `evidences`.
    pub fn from_detail(
        detail: &Detail,
        commentary: Option<&Commentary>,
        evidences: Vec<String>,
    ) -> Self {
        let s = &detail.summary;
        let judgement = s.judgement;
        Self {
            code: s.indicator.as_str().to_owned(),
            title: s.title.clone(),
            unit: s.unit.describe().to_owned(),
            suffix: s.unit.suffix().to_owned(),
            decimals: s.decimals,
            polarity: s.polarity.describe(),
            latest: s.latest.map(|l| LatestValue {
                period: l.period.label(),
                value: l.number,
            }),
            target: s.target.as_ref().map(|t| t.value),
            rag: judgement.and_then(|j| j.rag),
            vs_previous: judgement.map_or(Direction::NotComparable, |j| j.direction_vs_previous),
            vs_year_ago: judgement.map_or(Direction::NotComparable, |j| j.direction_vs_year_ago),
            commentary: commentary.map(|c| c.text.clone()),
            gaps: detail
                .gaps
                .iter()
                .map(|g| (g.period.label(), g.reason.describe().to_owned()))
                .collect(),
            trend: detail
                .chart
                .series
                .iter()
                .map(|line| TrendLine {
                    label: line.label.clone(),
                    values: line.points.iter().map(|p| p.number()).collect(),
                })
                .collect(),
            periods: detail.chart.periods.iter().map(|p| p.label()).collect(),
            evidences,
        }
    }

    /// How a report names the indicator: its title, with its code in front unless the title
    /// already starts with it ("NI 65: Children becoming...", "cpp-rate Rate of plans").
    pub fn name(&self) -> String {
        let squeezed: String = self.title.chars().filter(|c| !c.is_whitespace()).collect();
        if squeezed
            .to_lowercase()
            .starts_with(&self.code.to_lowercase())
        {
            self.title.clone()
        } else {
            format!("{} {}", self.code, self.title)
        }
    }

    /// The latest value with its unit: "12.5%".
    pub fn latest_text(&self) -> Option<String> {
        self.latest.as_ref().map(|l| self.format(l.value))
    }

    /// `value` with this indicator's decimals and unit.
    pub fn format(&self, value: f64) -> String {
        format!(
            "{}{}",
            crate::words::number(value, self.decimals),
            self.suffix
        )
    }
}
