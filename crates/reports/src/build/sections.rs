//! Parts several reports share: key figures, progress by objective (chart and counts), the
//! exceptions a board must look at, the performance indicators, and every action's status.

use std::collections::HashMap;

use domain::{Action, ActionStatus, Completion, Objective, Rag};
use indicators::Direction;

use crate::facts::{CATEGORIES, Facts, mark};
use crate::input::IndicatorSummary;
use crate::model::{
    Block, Cell, Chart, Column, KeyFigure, RagBar, RagBars, Section, Table, Trend, TrendSeries,
};
use crate::words;

/// A section from its heading and blocks; the id is the heading's slug.
pub fn section(heading: &str, blocks: Vec<Block>) -> Section {
    Section {
        id: words::slug(heading),
        heading: heading.to_owned(),
        blocks,
    }
}

pub fn paragraph(text: impl Into<String>) -> Block {
    Block::Paragraph { text: text.into() }
}

pub fn figure(label: &str, value: impl Into<String>) -> KeyFigure {
    KeyFigure {
        label: label.to_owned(),
        value: value.into(),
    }
}

/// The headline numbers of the plan as at the date.
pub fn key_figures(f: &Facts<'_>) -> Block {
    let c = f.counts();
    let total = f.total();
    Block::Figures {
        figures: vec![
            figure("Actions in the plan", total.to_string()),
            figure(
                "Complete and signed off",
                format!(
                    "{} ({})",
                    f.signed_off(),
                    words::percent(f.signed_off(), total)
                ),
            ),
            figure(
                "Complete, awaiting sign-off",
                f.awaiting_sign_off().to_string(),
            ),
            figure("On track (green)", c[2].to_string()),
            figure("Some slippage (amber)", c[1].to_string()),
            figure("Off track (red)", c[0].to_string()),
            figure("Overdue", f.overdue().to_string()),
        ],
    }
}

/// "1. Improve the way partners work together": an objective as a label.
pub fn objective_label(o: &domain::Objective) -> String {
    format!("{}. {}", o.number, o.title)
}

/// The RAG counts of each objective as a stacked-bar chart (its data table goes with it).
pub fn rag_chart(f: &Facts<'_>, id: &str) -> Chart {
    let counts = f.counts_by_objective();
    let total = f.counts();
    let summary: Vec<String> = CATEGORIES
        .iter()
        .zip(total)
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| format!("{n} {}", mark(*c).word.to_lowercase()))
        .collect();
    Chart::RagBars(RagBars {
        id: id.to_owned(),
        title: "Actions by RAG rating, per objective".to_owned(),
        description: format!(
            "A stacked bar for each of the {} objectives, showing how many of its actions are at each rating as at {}. Across the plan: {}.",
            counts.len(),
            words::date(f.as_at()),
            if summary.is_empty() {
                "no actions".to_owned()
            } else {
                summary.join(", ")
            }
        ),
        keys: CATEGORIES.iter().map(|c| mark(*c)).collect(),
        bars: counts
            .into_iter()
            .map(|(o, c)| RagBar {
                label: objective_label(o),
                counts: c.to_vec(),
            })
            .collect(),
    })
}

/// The progress section: a sentence, the chart and its counts.
pub fn progress_by_objective(f: &Facts<'_>) -> Section {
    let c = f.counts();
    section(
        "Progress by objective",
        vec![
            paragraph(format!(
                "Of the plan's {} actions, {} are complete, {} on track, {} with some slippage and {} off track; {} are not started and {} have had no update yet.",
                f.total(),
                c[3],
                c[2],
                c[1],
                c[0],
                c[4],
                c[5]
            )),
            Block::Chart {
                chart: rag_chart(f, "rag-by-objective"),
            },
        ],
    )
}

/// What is wrong with an action, in words: "overdue (due 30 September 2009); no update since
/// the last board meeting".
pub fn flags(s: &ActionStatus) -> String {
    let mut out = Vec::new();
    if s.rag == Some(Rag::Red) {
        out.push("rated red".to_owned());
    }
    if s.overdue {
        out.push(match s.due {
            Some(d) => format!("overdue (due {})", words::date(d)),
            None => "overdue".to_owned(),
        });
    }
    if s.stale {
        out.push("no update since the last board meeting".to_owned());
    }
    if s.at_risk {
        out.push("at risk: linked to red or overdue work".to_owned());
    }
    out.join("; ")
}

/// Up to this many, a paper lists actions one by one; beyond it, a list (exceptions, what is
/// carried forward, the appendix, what was signed off) is counted by objective in documents,
/// with every row kept in the workbooks and the CSV. Hundreds of rows help no reader of a paper,
/// and typst's memory grows with every row it lays out: a 2,000-action annual report's PDF
/// peaked at 225 MB listing its 1,019 open actions, and peaks at 95 MB counting them.
pub const LIST_EACH_UP_TO: usize = 150;

/// A count column of a summarised list: its header, and which actions it counts.
pub type Count = (&'static str, fn(&ActionStatus) -> bool);

pub const RED: Count = ("Red", |s| s.rag == Some(Rag::Red));
pub const OVERDUE: Count = ("Overdue", |s| s.overdue);

/// `full` (one row per action of `listed`, in the same order) as a table while the list is
/// short enough to read; past [`LIST_EACH_UP_TO`], a [`Block::Summarised`] whose documents
/// count the actions by objective (with `counts` of their statuses, and their numbers) and say
/// where every row is.
pub fn action_list(
    f: &Facts<'_>,
    listed: &[(&Objective, &Action)],
    counts: &[Count],
    full: Table,
) -> Block {
    if listed.len() <= LIST_EACH_UP_TO {
        return Block::Table { table: full };
    }
    let status: HashMap<&str, &ActionStatus> =
        f.statuses.iter().map(|s| (s.action.as_str(), s)).collect();
    let rows = f
        .plan
        .objectives
        .iter()
        .filter_map(|o| {
            let here: Vec<&Action> = listed
                .iter()
                .filter(|(x, _)| x.number == o.number)
                .map(|(_, a)| *a)
                .collect();
            if here.is_empty() {
                return None;
            }
            let mut row = vec![Cell::text(objective_label(o)), Cell::count(here.len())];
            for (_, counts) in counts {
                let n = here
                    .iter()
                    .filter(|a| status.get(a.id.as_str()).is_some_and(|s| counts(s)))
                    .count();
                row.push(Cell::count(n));
            }
            let numbers: Vec<&str> = here.iter().map(|a| a.number.as_str()).collect();
            row.push(Cell::text(numbers.join(", ")));
            Some(row)
        })
        .collect();
    let mut columns = vec![Column::text("Objective"), Column::number("Actions")];
    columns.extend(counts.iter().map(|(header, _)| Column::number(header)));
    columns.push(Column::text("Which actions"));
    let note = format!(
        "These {} actions are too many to list one by one in a paper, so they are counted by objective here. Every one of them has its own row in the table \"{}\" of the XLSX, ODS and CSV versions of this report.",
        listed.len(),
        full.caption
    );
    Block::Summarised {
        note,
        summary: Table {
            id: format!("{}-by-objective", full.id),
            caption: format!("{}, by objective", full.caption),
            columns,
            rows,
        },
        full,
    }
}

fn is_exception(s: &ActionStatus) -> bool {
    !s.is_complete() && (s.rag == Some(Rag::Red) || s.overdue || s.stale || s.at_risk)
}

/// Red, overdue, stale and at-risk actions, each with its last narrative.
pub fn exceptions(f: &Facts<'_>) -> Section {
    let listed: Vec<_> = f.actions().filter(|(_, _, s)| is_exception(s)).collect();
    let rows: Vec<Vec<Cell>> = listed
        .iter()
        .map(|&(o, a, s)| {
            let last = f.latest_update(&a.id);
            vec![
                Cell::text(&a.number),
                Cell::text(&a.text),
                Cell::text(f.leads(o, a)),
                Cell::Rag { mark: mark(s.rag) },
                Cell::text(flags(s)),
                Cell::date(s.last_update),
                Cell::text(last.map_or("No update has been given.", |u| u.narrative.as_str())),
            ]
        })
        .collect();
    let intro = if rows.is_empty() {
        "No action is red, overdue, stale or at risk.".to_owned()
    } else {
        format!(
            "{} need the board's attention: red, overdue, with no update since the last board meeting, or at risk because work they depend on is.",
            words::count(rows.len(), "action", "actions")
        )
    };
    let mut blocks = vec![paragraph(intro)];
    if !rows.is_empty() {
        let which: Vec<_> = listed.iter().map(|&(o, a, _)| (o, a)).collect();
        blocks.push(action_list(
            f,
            &which,
            &[
                RED,
                OVERDUE,
                ("Stale", |s| s.stale),
                ("At risk", |s| s.at_risk),
            ],
            Table {
                id: "exceptions".to_owned(),
                caption: "Actions that are red, overdue, stale or at risk".to_owned(),
                columns: vec![
                    Column::text("Action"),
                    Column::text("What"),
                    Column::text("Lead"),
                    Column::text("RAG"),
                    Column::text("Why it is here"),
                    Column::text("Last update"),
                    Column::text("Last narrative"),
                ],
                rows,
            },
        ));
    }
    section("Exceptions", blocks)
}

/// Every action with its status: the report's main table, and the CSV.
pub fn actions_table(f: &Facts<'_>) -> Table {
    Table {
        id: "actions".to_owned(),
        caption: format!("Every action of the plan as at {}", words::date(f.as_at())),
        columns: vec![
            Column::text("Objective"),
            Column::text("Action"),
            Column::text("What"),
            Column::text("Lead"),
            Column::text("Due"),
            Column::text("RAG"),
            Column::number("Per cent done"),
            Column::text("Completion"),
            Column::text("Last update"),
            Column::text("Flags"),
        ],
        rows: f
            .actions()
            .map(|(o, a, s)| {
                vec![
                    Cell::text(&o.number),
                    Cell::text(&a.number),
                    Cell::text(&a.text),
                    Cell::text(f.leads(o, a)),
                    Cell::date(s.due),
                    Cell::Rag { mark: mark(s.rag) },
                    s.percent
                        .map_or(Cell::Empty, |p| Cell::count(usize::from(p))),
                    Cell::text(completion_words(s.completion)),
                    Cell::date(s.last_update),
                    Cell::text(flags(s)),
                ]
            })
            .collect(),
    }
}

pub fn completion_words(c: Completion) -> &'static str {
    match c {
        Completion::NotComplete => "not complete",
        Completion::AwaitingSignOff => "complete, awaiting sign-off",
        Completion::SignedOff => "signed off",
    }
}

/// "improving", with an arrow-free word so it reads the same in every format.
pub fn direction_words(d: Direction) -> &'static str {
    d.describe()
}

/// Every indicator: latest value, target, RAG, directions of travel, data gaps; then each
/// commentary. With `trends`, a year-on-year chart per indicator.
pub fn performance(f: &Facts<'_>, trends: bool) -> Section {
    let inds = &f.input.indicators;
    if inds.is_empty() {
        return section(
            "Performance indicators",
            vec![paragraph(
                "No performance indicator values have been recorded for this report's date.",
            )],
        );
    }
    let mut blocks = vec![
        paragraph(format!(
            "{} with the latest value known as at {}, its target and RAG rating, and the direction of travel against the previous period and a year earlier.",
            words::count(inds.len(), "indicator", "indicators"),
            words::date(f.as_at())
        )),
        Block::Table {
            table: indicator_table(inds),
        },
    ];
    let with_gaps: Vec<String> = inds
        .iter()
        .filter(|i| !i.gaps.is_empty())
        .map(|i| {
            let gaps: Vec<String> = i
                .gaps
                .iter()
                .map(|(p, why)| format!("{p} ({why})"))
                .collect();
            format!("{}: {}", i.name(), gaps.join(", "))
        })
        .collect();
    blocks.push(Block::Section {
        section: section(
            "Data gaps",
            if with_gaps.is_empty() {
                vec![paragraph(
                    "Every indicator has a value for every period shown.",
                )]
            } else {
                vec![
                    paragraph("These periods have no value although there should be one:"),
                    Block::List { items: with_gaps },
                ]
            },
        ),
    });
    let commentary: Vec<String> = inds
        .iter()
        .filter_map(|i| i.commentary.as_ref().map(|c| format!("{}: {c}", i.name())))
        .collect();
    if !commentary.is_empty() {
        blocks.push(Block::Section {
            section: section("Commentary", vec![Block::List { items: commentary }]),
        });
    }
    if trends {
        for i in inds {
            blocks.push(Block::Chart {
                chart: trend_chart(i),
            });
        }
    }
    section("Performance indicators", blocks)
}

pub fn indicator_table(inds: &[IndicatorSummary]) -> Table {
    Table {
        id: "indicators".to_owned(),
        caption: "Performance indicators: latest value against target".to_owned(),
        columns: vec![
            Column::text("Indicator"),
            Column::text("Period"),
            Column::number("Latest value"),
            Column::number("Target"),
            Column::text("RAG"),
            Column::text("Against previous period"),
            Column::text("Against a year earlier"),
            Column::text("Data gaps"),
        ],
        rows: inds
            .iter()
            .map(|i| {
                vec![
                    Cell::text(i.name()),
                    Cell::text(i.latest.as_ref().map_or("none", |l| l.period.as_str())),
                    i.latest.as_ref().map_or(Cell::text("no value"), |l| {
                        Cell::measure(l.value, i.decimals, &i.suffix)
                    }),
                    i.target.map_or(Cell::text("no target"), |t| {
                        Cell::measure(t, i.decimals, &i.suffix)
                    }),
                    Cell::Rag {
                        mark: indicator_mark(i.rag),
                    },
                    Cell::text(direction_words(i.vs_previous)),
                    Cell::text(direction_words(i.vs_year_ago)),
                    Cell::count(i.gaps.len()),
                ]
            })
            .collect(),
    }
}

/// An indicator's rating; unlike an action, "none" means no target to judge against.
pub fn indicator_mark(rag: Option<Rag>) -> crate::model::RagMark {
    match rag {
        Some(_) => mark(rag),
        None => crate::model::RagMark {
            word: "Not rated",
            meaning: "no target or no value",
            ..mark(None)
        },
    }
}

/// An indicator's values over the years as a line chart.
pub fn trend_chart(i: &IndicatorSummary) -> Chart {
    let area = i.trend.first();
    let known: Vec<String> = area
        .map(|l| {
            i.periods
                .iter()
                .zip(&l.values)
                .filter_map(|(p, v)| v.map(|v| format!("{p} {}", i.format(v))))
                .collect()
        })
        .unwrap_or_default();
    Chart::Trend(Trend {
        id: format!("trend-{}", words::slug(&i.code)),
        title: format!("{}: year on year", i.name()),
        description: format!(
            "A line chart of {} ({}, {}) over {}. {}",
            i.title,
            i.unit,
            i.polarity,
            words::count(i.periods.len(), "period", "periods"),
            if known.is_empty() {
                "No values are known.".to_owned()
            } else {
                format!("Values: {}.", known.join("; "))
            }
        ),
        unit: i.unit.clone(),
        suffix: i.suffix.clone(),
        decimals: i.decimals,
        periods: i.periods.clone(),
        series: i
            .trend
            .iter()
            .map(|l| TrendSeries {
                label: l.label.clone(),
                values: l.values.clone(),
            })
            .collect(),
    })
}

/// Recommendations of the reviews that nothing in the plan answers.
pub fn recommendation_gaps(f: &Facts<'_>) -> Vec<String> {
    f.input
        .partnership
        .reviews
        .iter()
        .flat_map(|r| {
            r.recommendations
                .iter()
                .filter(|rec| rec.answered_by.is_empty())
                .map(move |rec| format!("{} recommendation {}: {}", r.code, rec.number, rec.text))
        })
        .collect()
}
