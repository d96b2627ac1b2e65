//! The paper for a board meeting, as at the meeting's date [2.2]: the headline figures,
//! progress by objective, the exceptions with their last narrative, what was completed and
//! signed off since the last meeting, what the board must decide, and the performance
//! indicators.

use domain::{Completion, Evidence};

use super::sections::{
    OVERDUE, RED, action_list, actions_table, exceptions, figure, key_figures, paragraph,
    performance, progress_by_objective, recommendation_gaps, section,
};
use crate::facts::Facts;
use crate::model::{Block, Cell, Column, Section, Table};
use crate::words;

pub fn sections(f: &Facts<'_>) -> Vec<Section> {
    vec![
        summary(f),
        progress_by_objective(f),
        exceptions(f),
        completed(f),
        decisions(f),
        performance(f, false),
        section(
            "Appendix: every action",
            vec![action_list(
                f,
                &f.actions().map(|(o, a, _)| (o, a)).collect::<Vec<_>>(),
                &[("Complete", |s| s.is_complete()), RED, OVERDUE],
                actions_table(f),
            )],
        ),
    ]
}

fn summary(f: &Facts<'_>) -> Section {
    let since = match f.previous_meeting {
        Some(d) => format!("The board last met on {}.", words::date(d)),
        None => "This is the first board meeting recorded for this plan.".to_owned(),
    };
    section(
        "Summary",
        vec![
            paragraph(format!(
                "This paper reports progress on {} as at the board meeting of {}. {since}",
                f.plan.title,
                words::date(f.as_at())
            )),
            key_figures(f),
        ],
    )
}

/// How evidence is named in a paper: the file's name or the link's title.
pub fn evidence_words(e: &Evidence) -> String {
    match e {
        Evidence::File { name, .. } => name.clone(),
        Evidence::Link { url, title } => title.clone().unwrap_or_else(|| url.clone()),
    }
}

fn completed(f: &Facts<'_>) -> Section {
    let done = f.signed_off_since(f.previous_meeting);
    let heading = "Completed and signed off since the last meeting";
    if done.is_empty() {
        return section(
            heading,
            vec![paragraph(
                "No action has been signed off since the last board meeting.",
            )],
        );
    }
    let rows = done
        .iter()
        .map(|(_, a, s)| {
            let evidence: Vec<String> = f.evidence(&a.id).into_iter().map(evidence_words).collect();
            vec![
                Cell::text(&a.number),
                Cell::text(&a.text),
                Cell::text(f.role_title(&s.role)),
                Cell::Date {
                    date: s.at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date(),
                },
                Cell::text(if evidence.is_empty() {
                    "none recorded".to_owned()
                } else {
                    evidence.join("; ")
                }),
            ]
        })
        .collect();
    section(
        heading,
        vec![
            paragraph(format!(
                "{} signed off as complete since the last board meeting.",
                words::count(done.len(), "action was", "actions were")
            )),
            action_list(
                f,
                &done.iter().map(|&(o, a, _)| (o, a)).collect::<Vec<_>>(),
                &[],
                Table {
                    id: "signed-off".to_owned(),
                    caption: "Actions signed off since the last meeting".to_owned(),
                    columns: vec![
                        Column::text("Action"),
                        Column::text("What"),
                        Column::text("Signed off by"),
                        Column::text("On"),
                        Column::text("Evidence"),
                    ],
                    rows,
                },
            ),
        ],
    )
}

fn decisions(f: &Facts<'_>) -> Section {
    let awaiting: Vec<String> = f
        .actions()
        .filter(|(_, _, s)| s.completion == Completion::AwaitingSignOff)
        .map(|(_, a, _)| a.number.clone())
        .collect();
    let overdue: Vec<String> = f
        .actions()
        .filter(|(_, _, s)| s.overdue)
        .map(|(_, a, s)| match s.due {
            Some(d) => format!("{} (due {})", a.number, words::date(d)),
            None => a.number.clone(),
        })
        .collect();
    let gaps = recommendation_gaps(f);
    let mut rows = Vec::new();
    if !awaiting.is_empty() {
        rows.push(vec![
            Cell::text("Sign off these completions, or send them back for more evidence"),
            Cell::count(awaiting.len()),
            Cell::text(awaiting.join(", ")),
        ]);
    }
    if !overdue.is_empty() {
        rows.push(vec![
            Cell::text("Agree new dates for these overdue actions"),
            Cell::count(overdue.len()),
            Cell::text(overdue.join("; ")),
        ]);
    }
    if !gaps.is_empty() {
        rows.push(vec![
            Cell::text("Decide how the plan will answer these review recommendations"),
            Cell::count(gaps.len()),
            Cell::text(gaps.join("; ")),
        ]);
    }
    let heading = "Decisions for the board";
    if rows.is_empty() {
        return section(
            heading,
            vec![paragraph("The board has no decision to make on the plan.")],
        );
    }
    section(
        heading,
        vec![
            Block::Figures {
                figures: vec![
                    figure("Completions awaiting sign-off", awaiting.len().to_string()),
                    figure(
                        "Overdue actions needing a new date",
                        overdue.len().to_string(),
                    ),
                    figure("Recommendations nothing answers", gaps.len().to_string()),
                ],
            },
            Block::Table {
                table: Table {
                    id: "decisions".to_owned(),
                    caption: "What the board is asked to decide".to_owned(),
                    columns: vec![
                        Column::text("Decision"),
                        Column::number("How many"),
                        Column::text("Which"),
                    ],
                    rows,
                },
            },
        ],
    )
}
