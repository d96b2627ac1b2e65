//! The yearly report's own parts beyond the plan: training and its impact (3.3), engagement
//! and what changed (6), the agencies' funding, and next year's priorities.

use domain::learning::impact::Impact;
use domain::learning::training::Stage;

use crate::build::sections::{figure, paragraph};
use crate::facts::Facts;
use crate::model::{Block, Cell, Column, Table};
use crate::words;
use crate::yearly::Yearly;

fn stage(i: &Impact, stage: Stage) -> (usize, Option<f64>) {
    i.stages
        .iter()
        .find(|s| s.stage == stage)
        .map_or((0, None), |s| (s.responses, s.mean_score))
}

fn mean(m: Option<f64>) -> Cell {
    m.map_or(Cell::text("none"), |v| Cell::measure(v, 2, ""))
}

/// The annual evaluation of training: each course's sessions, attendance and mean scores
/// before, straight after and at follow-up.
pub fn training(y: &Yearly) -> Vec<Block> {
    let Some(t) = y.training.as_ref().filter(|t| t.total.sessions > 0) else {
        return vec![paragraph("No training session is recorded in the year.")];
    };
    let (follow_ups, follow_mean) = stage(&t.total.impact, Stage::FollowUp);
    let (_, before) = stage(&t.total.impact, Stage::Before);
    let mut text = format!(
        "{} ran {} of {} courses in the year, offering {} places; {} attended. {} returned at follow-up with the manager, 6-12 weeks later.",
        y.year,
        words::count(t.total.sessions, "session", "sessions"),
        t.courses_run,
        t.total.places,
        t.total.attended,
        words::count(follow_ups, "evaluation was", "evaluations were"),
    );
    if let (Some(b), Some(a)) = (before, follow_mean) {
        text.push_str(&format!(
            " The mean score moved from {} before training to {} at follow-up.",
            words::number(b, 2),
            words::number(a, 2)
        ));
    }
    let rows = t
        .courses
        .iter()
        .map(|c| {
            let i = &c.rollup.impact;
            let (n, follow) = stage(i, Stage::FollowUp);
            vec![
                Cell::text(&c.title),
                Cell::count(c.rollup.sessions),
                Cell::count(usize::try_from(c.rollup.attended).unwrap_or(usize::MAX)),
                mean(stage(i, Stage::Before).1),
                mean(stage(i, Stage::After).1),
                mean(follow),
                Cell::count(n),
            ]
        })
        .collect();
    vec![
        paragraph(text),
        Block::Figures {
            figures: vec![
                figure("Sessions", t.total.sessions.to_string()),
                figure("Attended", t.total.attended.to_string()),
                figure("Follow-up evaluations", follow_ups.to_string()),
            ],
        },
        Block::Table {
            table: Table {
                id: "training-impact".to_owned(),
                caption: format!("Training in {} by course: mean scores by stage", y.year),
                columns: vec![
                    Column::text("Course"),
                    Column::number("Sessions"),
                    Column::number("Attended"),
                    Column::number("Before"),
                    Column::number("Straight after"),
                    Column::number("Follow-up"),
                    Column::number("Follow-up responses"),
                ],
                rows,
            },
        },
    ]
}

/// Training attended by agency.
pub fn training_by_agency(y: &Yearly) -> Vec<Block> {
    let Some(t) = y.training.as_ref().filter(|t| !t.agencies.is_empty()) else {
        return vec![paragraph(
            "No training attendance is recorded by agency in the year.",
        )];
    };
    vec![Block::Table {
        table: Table {
            id: "training-by-agency".to_owned(),
            caption: format!("Training attended in {} by agency", y.year),
            columns: vec![
                Column::text("Agency"),
                Column::number("Courses"),
                Column::number("Sessions"),
                Column::number("Attended"),
            ],
            rows: t
                .agencies
                .iter()
                .map(|a| {
                    vec![
                        Cell::text(&a.agency),
                        Cell::count(a.courses),
                        Cell::count(a.sessions),
                        Cell::count(usize::try_from(a.attended).unwrap_or(usize::MAX)),
                    ]
                })
                .collect(),
        },
    }]
}

/// The engagement activities of the year, with what was said and what changed.
pub fn engagement(y: &Yearly) -> Vec<Block> {
    if y.engagement.is_empty() {
        return vec![paragraph("No engagement activity is recorded in the year.")];
    }
    let people: u64 = y.engagement.iter().map(|a| u64::from(a.how_many)).sum();
    let changed = y.engagement.iter().filter(|a| a.changed.is_some()).count();
    let opt = |t: &Option<String>| t.as_deref().map_or(Cell::Empty, Cell::text);
    vec![
        paragraph(format!(
            "{} in the year, with {people} people taking part; {changed} of them record what changed as a result.",
            words::count(
                y.engagement.len(),
                "engagement activity",
                "engagement activities"
            ),
        )),
        Block::Table {
            table: Table {
                id: "engagement".to_owned(),
                caption: format!("Engagement in {}", y.year),
                columns: vec![
                    Column::text("Date"),
                    Column::text("With whom"),
                    Column::number("How many"),
                    Column::text("How"),
                    Column::text("What they said"),
                    Column::text("What changed"),
                ],
                rows: y
                    .engagement
                    .iter()
                    .map(|a| {
                        vec![
                            Cell::date(Some(a.held_on)),
                            Cell::text(&a.with_whom),
                            Cell::count(a.how_many as usize),
                            Cell::text(&a.how),
                            opt(&a.said),
                            opt(&a.changed),
                        ]
                    })
                    .collect(),
            },
        },
    ]
}

fn pounds(pence: i64) -> String {
    domain::Contribution { year: 0, pence }.pounds()
}

/// Each agency's contribution for the year, and the total.
pub fn funding(y: &Yearly) -> Vec<Block> {
    if y.funding.is_empty() {
        return vec![paragraph(format!(
            "No agency's contribution is recorded for {}.",
            y.year
        ))];
    }
    let total: i64 = y.funding.iter().map(|(_, p)| p).sum();
    let mut rows: Vec<Vec<Cell>> = y
        .funding
        .iter()
        .map(|(a, p)| {
            vec![
                Cell::text(a),
                Cell::Number {
                    value: *p as f64 / 100.0,
                    text: pounds(*p),
                },
            ]
        })
        .collect();
    rows.push(vec![
        Cell::text("Total"),
        Cell::Number {
            value: total as f64 / 100.0,
            text: pounds(total),
        },
    ]);
    vec![
        paragraph(format!(
            "{} contributed {} to the board's budget for {}.",
            words::count(y.funding.len(), "agency", "agencies"),
            pounds(total),
            y.year
        )),
        Block::Table {
            table: Table {
                id: "funding".to_owned(),
                caption: format!("Contributions for {}", y.year),
                columns: vec![Column::text("Agency"), Column::number("Contribution")],
                rows,
            },
        },
    ]
}

/// The next plan's objectives where there is one; else what this plan carries forward.
pub fn next_year(f: &Facts<'_>, y: &Yearly) -> Vec<Block> {
    match &y.next_plan {
        Some((title, objectives)) => vec![
            paragraph(format!("The priorities of {title}:")),
            Block::List {
                items: objectives.clone(),
            },
        ],
        None => {
            let open: Vec<String> = f
                .plan
                .objectives
                .iter()
                .filter(|o| {
                    o.actions.iter().any(|a| {
                        f.statuses
                            .iter()
                            .any(|s| s.action == a.id && !s.is_complete())
                    })
                })
                .map(super::super::sections::objective_label)
                .collect();
            let mut out = vec![paragraph(format!(
                "No plan for the next year is recorded yet. {} of {} carry unfinished actions forward:",
                words::count(open.len(), "objective", "objectives"),
                f.plan.title
            ))];
            if !open.is_empty() {
                out.push(Block::List { items: open });
            }
            out
        }
    }
}
