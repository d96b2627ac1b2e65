//! The public summary [5.5]: what the board set out to do and how far it has got, in plain
//! language. It holds no internal narrative, no evidence and no names: not of people, and not
//! of the roles that lead the work either.

use domain::Rag;
use indicators::Direction;

use super::sections::{figure, paragraph, section};
use crate::facts::{CATEGORIES, Facts};
use crate::model::{Block, Cell, Chart, Column, RagBar, RagBars, RagMark, Section, Table};
use crate::words;

/// A rating in plain words, with the same colours as the board's papers.
pub fn plain_mark(rag: Option<Rag>) -> RagMark {
    let word = match rag {
        Some(Rag::Blue) => "Done",
        Some(Rag::Green) => "On track",
        Some(Rag::Amber) => "Some delay",
        Some(Rag::Red) => "Behind",
        Some(Rag::Grey) => "Not started",
        None => "Not yet reported",
    };
    RagMark {
        word,
        meaning: "",
        ..crate::facts::mark(rag)
    }
}

pub fn sections(f: &Facts<'_>) -> Vec<Section> {
    vec![about(f), glance(f), objectives(f), measures(f)]
}

fn about(f: &Facts<'_>) -> Section {
    let p = &f.input.partnership;
    let area = p
        .area
        .as_deref()
        .map(|a| format!(" in {a}"))
        .unwrap_or_default();
    section(
        "About this plan",
        vec![paragraph(format!(
            "{} brings together the local agencies that work to keep children safe{area}: the council, health services, the police and others. Its plan for {} to {} sets out {} things we said we would do, grouped under {} aims. This summary shows how far we had got on {}.",
            p.name,
            words::date(f.plan.period.start),
            words::date(f.plan.period.end),
            f.total(),
            f.plan.objectives.len(),
            words::date(f.as_at())
        ))],
    )
}

fn glance(f: &Facts<'_>) -> Section {
    let c = f.counts();
    let done = (c[3]) as usize;
    section(
        "Progress at a glance",
        vec![
            Block::Figures {
                figures: vec![
                    figure("Things we said we would do", f.total().to_string()),
                    figure(
                        "Done",
                        format!("{done} ({})", words::percent(done, f.total())),
                    ),
                    figure("On track", c[2].to_string()),
                    figure("Some delay or behind", (c[1] + c[0]).to_string()),
                    figure("Not started or not yet reported", (c[4] + c[5]).to_string()),
                ],
            },
            Block::Chart {
                chart: Chart::RagBars(RagBars {
                    id: "progress-by-aim".to_owned(),
                    title: "How far we have got with each aim".to_owned(),
                    description: format!(
                        "A bar for each of our {} aims, split into how many of its actions are done, on track, a little delayed, behind, not started or not yet reported. Across the plan {} of {} are done.",
                        f.plan.objectives.len(),
                        done,
                        f.total()
                    ),
                    keys: CATEGORIES.iter().map(|c| plain_mark(*c)).collect(),
                    bars: f
                        .counts_by_objective()
                        .into_iter()
                        .map(|(o, c)| RagBar {
                            label: format!("Aim {}", o.number),
                            counts: c.to_vec(),
                        })
                        .collect(),
                }),
            },
        ],
    )
}

fn objectives(f: &Facts<'_>) -> Section {
    let rows = f
        .counts_by_objective()
        .into_iter()
        .map(|(o, c)| {
            let total: u32 = c.iter().sum();
            vec![
                Cell::text(format!("Aim {}", o.number)),
                Cell::text(&o.title),
                Cell::count(total as usize),
                Cell::count(c[3] as usize),
                Cell::count(c[2] as usize),
                Cell::count((c[1] + c[0]) as usize),
                Cell::count((c[4] + c[5]) as usize),
            ]
        })
        .collect();
    section(
        "What we said we would do, and how far we have got",
        vec![Block::Table {
            table: Table {
                id: "aims".to_owned(),
                caption: "Our aims and how many of their actions are done".to_owned(),
                columns: vec![
                    Column::text("Aim"),
                    Column::text("What we want to achieve"),
                    Column::number("Actions"),
                    Column::number("Done"),
                    Column::number("On track"),
                    Column::number("Delayed or behind"),
                    Column::number("Not started or not reported"),
                ],
                rows,
            },
        }],
    )
}

fn trend_words(d: Direction) -> &'static str {
    match d {
        Direction::Improving => "getting better",
        Direction::Worsening => "getting worse",
        Direction::NoChange => "about the same",
        Direction::Increased => "gone up",
        Direction::Decreased => "gone down",
        Direction::NotComparable => "no earlier figure to compare",
    }
}

fn measures(f: &Facts<'_>) -> Section {
    let inds = &f.input.indicators;
    if inds.is_empty() {
        return section(
            "How we measure the difference",
            vec![paragraph("We have no published figures to show yet.")],
        );
    }
    let rows = inds
        .iter()
        .map(|i| {
            vec![
                Cell::text(&i.title),
                i.latest.as_ref().map_or(Cell::text("not yet known"), |l| {
                    Cell::measure(l.value, i.decimals, &i.suffix)
                }),
                Cell::text(i.latest.as_ref().map_or("", |l| l.period.as_str())),
                Cell::text(trend_words(i.vs_year_ago)),
            ]
        })
        .collect();
    section(
        "How we measure the difference",
        vec![
            paragraph(
                "Figures we publish every year, and whether they are getting better compared with a year earlier.",
            ),
            Block::Table {
                table: Table {
                    id: "measures".to_owned(),
                    caption: "Our measures, the latest figure and the trend".to_owned(),
                    columns: vec![
                        Column::text("Measure"),
                        Column::number("Latest figure"),
                        Column::text("Year"),
                        Column::text("Compared with a year earlier"),
                    ],
                    rows,
                },
            },
        ],
    )
}
