//! The annual report on the effectiveness of safeguarding [12.2, 13.1]: the year's outcomes
//! objective by objective, the completion rate, what is carried forward into the next plan
//! (and what was carried in from the last), how the reviews' recommendations were answered,
//! and the indicators' trends year on year.

use domain::{Date, Rag};

use super::sections::{
    OVERDUE, RED, action_list, figure, flags, objective_label, paragraph, performance,
    progress_by_objective, section,
};
use crate::facts::{Facts, mark};
use crate::model::{Block, Cell, Column, Section, Table};
use crate::words;

/// The plan's year, up to the report's date.
pub fn covers(f: &Facts<'_>) -> (Date, Date) {
    let p = f.plan.period;
    (p.start.min(f.as_at()), p.end.min(f.as_at()))
}

pub fn sections(f: &Facts<'_>, covers: (Date, Date)) -> Vec<Section> {
    let mut out = vec![
        summary(f, covers),
        outcomes(f),
        progress_by_objective(f),
        carried_forward(f),
        recommendations(f),
        performance(f, true),
    ];
    out.extend(governance(f));
    out
}

/// Membership and attendance over the year, when the caller read them: who sat on the board
/// and how well each agency attended.
pub(super) fn governance(f: &Facts<'_>) -> Vec<Section> {
    let g = &f.input.governance;
    let mut out = Vec::new();
    if !g.people.is_empty() {
        let mut s = super::member_register::register(&g.people, f.as_at(), false);
        s.heading = "Membership".to_owned();
        s.id = "membership".to_owned();
        s.blocks.push(Block::Section {
            section: super::member_register::by_agency(&g.people),
        });
        out.push(s);
    }
    if let Some(a) = &g.attendance {
        let mut s = super::attendance::by_agency(a);
        s.heading = "Attendance".to_owned();
        s.id = "attendance".to_owned();
        s.blocks.push(Block::Section {
            section: super::attendance::by_person(a),
        });
        out.push(s);
    }
    out
}

pub(super) fn summary(f: &Facts<'_>, (from, to): (Date, Date)) -> Section {
    let total = f.total();
    let done = f.signed_off();
    let complete = done + f.awaiting_sign_off();
    let open = total - complete;
    section(
        "The year in summary",
        vec![
            paragraph(format!(
                "{} ran from {} to {}. By {} the board had signed off {} of its {} actions as complete ({}); {} more were reported complete and await sign-off, and {} remain open.",
                f.plan.title,
                words::date(f.plan.period.start),
                words::date(f.plan.period.end),
                words::date(to),
                done,
                total,
                words::percent(done, total),
                f.awaiting_sign_off(),
                open
            )),
            Block::Figures {
                figures: vec![
                    figure("Actions in the plan", total.to_string()),
                    figure("Completion rate (signed off)", words::percent(done, total)),
                    figure("Reported complete", complete.to_string()),
                    figure("To carry forward", open.to_string()),
                    figure("Overdue at year end", f.overdue().to_string()),
                    figure(
                        "Period reported",
                        format!("{} to {}", words::date(from), words::date(to)),
                    ),
                ],
            },
        ],
    )
}

pub(super) fn outcomes(f: &Facts<'_>) -> Section {
    let rows = f
        .plan
        .objectives
        .iter()
        .map(|o| {
            let statuses: Vec<_> = f
                .statuses
                .iter()
                .filter(|s| o.actions.iter().any(|a| a.id == s.action))
                .collect();
            let done = statuses.iter().filter(|s| s.is_complete()).count();
            let red = statuses.iter().filter(|s| s.rag == Some(Rag::Red)).count();
            let overdue = statuses.iter().filter(|s| s.overdue).count();
            vec![
                Cell::text(objective_label(o)),
                Cell::count(statuses.len()),
                Cell::count(done),
                Cell::text(words::percent(done, statuses.len())),
                Cell::count(red),
                Cell::count(overdue),
            ]
        })
        .collect();
    section(
        "The year's outcomes",
        vec![
            paragraph("How far each objective of the plan got this year."),
            Block::Table {
                table: Table {
                    id: "outcomes".to_owned(),
                    caption: "Outcomes by objective".to_owned(),
                    columns: vec![
                        Column::text("Objective"),
                        Column::number("Actions"),
                        Column::number("Complete"),
                        Column::number("Completion rate"),
                        Column::number("Red"),
                        Column::number("Overdue"),
                    ],
                    rows,
                },
            },
        ],
    )
}

pub(super) fn carried_forward(f: &Facts<'_>) -> Section {
    let listed: Vec<_> = f.actions().filter(|(_, _, s)| !s.is_complete()).collect();
    let open: Vec<Vec<Cell>> = listed
        .iter()
        .map(|&(o, a, s)| {
            vec![
                Cell::text(&a.number),
                Cell::text(&a.text),
                Cell::text(f.leads(o, a)),
                Cell::Rag { mark: mark(s.rag) },
                Cell::text(flags(s)),
            ]
        })
        .collect();
    let mut blocks = vec![paragraph(format!(
        "{} not complete at the end of the year; they carry forward into the next plan.",
        words::count(open.len(), "action is", "actions are")
    ))];
    if !open.is_empty() {
        let which: Vec<_> = listed.iter().map(|&(o, a, _)| (o, a)).collect();
        blocks.push(action_list(
            f,
            &which,
            &[RED, OVERDUE],
            Table {
                id: "carried-forward".to_owned(),
                caption: "Actions carried forward into the next plan".to_owned(),
                columns: vec![
                    Column::text("Action"),
                    Column::text("What"),
                    Column::text("Lead"),
                    Column::text("RAG"),
                    Column::text("Where it stands"),
                ],
                rows: open,
            },
        ));
    }
    if let Some(prev) = &f.input.previous_plan {
        let carried: Vec<String> = prev
            .carried
            .iter()
            .map(|c| {
                let status = f.statuses.iter().find(|s| s.action == c.action).map_or(
                    "not in this plan",
                    |s| {
                        if s.is_complete() {
                            "now complete"
                        } else {
                            "still open"
                        }
                    },
                );
                format!("{} (was {} in {}): {status}", c.action, c.from, prev.title)
            })
            .collect();
        blocks.push(Block::Section {
            section: section(
                "Carried in from the previous plan",
                vec![
                    paragraph(format!(
                        "{} came into this plan unfinished from {}.",
                        words::count(carried.len(), "action", "actions"),
                        prev.title
                    )),
                    Block::List { items: carried },
                ],
            ),
        });
    }
    section("What is carried forward", blocks)
}

fn recommendations(f: &Facts<'_>) -> Section {
    let reviews = &f.input.partnership.reviews;
    let rows = reviews
        .iter()
        .map(|r| {
            let total = r.recommendations.len();
            let answered = r
                .recommendations
                .iter()
                .filter(|x| !x.answered_by.is_empty())
                .count();
            let complete = r
                .recommendations
                .iter()
                .filter(|x| !x.answered_by.is_empty() && answered_complete(f, &x.answered_by))
                .count();
            vec![
                Cell::text(format!("{} ({})", r.title, r.code)),
                Cell::count(total),
                Cell::count(answered),
                Cell::count(complete),
                Cell::count(total - answered),
            ]
        })
        .collect();
    section(
        "How the reviews' recommendations were answered",
        vec![Block::Table {
            table: Table {
                id: "recommendations".to_owned(),
                caption: "Review recommendations and the plan's answer".to_owned(),
                columns: vec![
                    Column::text("Review"),
                    Column::number("Recommendations"),
                    Column::number("Answered by the plan"),
                    Column::number("Answered and complete"),
                    Column::number("Not answered"),
                ],
                rows,
            },
        }],
    )
}

/// True when every action and objective named in `answered_by` is complete.
pub fn answered_complete(f: &Facts<'_>, answered_by: &[String]) -> bool {
    answered_by.iter().all(|target| {
        let ids: Vec<&str> = match f.plan.objectives.iter().find(|o| &o.number == target) {
            Some(o) => o.actions.iter().map(|a| a.id.as_str()).collect(),
            None => vec![target.as_str()],
        };
        ids.iter().all(|id| {
            f.statuses
                .iter()
                .find(|s| s.action == *id)
                .is_some_and(|s| s.is_complete())
        })
    })
}
