//! The quarterly report to the Lead Member and the Children's Trust [13.3]: the quarter to
//! the report's date in figures, progress by objective, what was completed in the quarter,
//! what is off track, the indicators, and what falls due in the next quarter.

use domain::{Date, MeetingKind};
use jiff::ToSpan;

use super::sections::{
    RED, action_list, exceptions, key_figures, paragraph, performance, progress_by_objective,
    section,
};
use crate::facts::Facts;
use crate::model::{Block, Cell, Column, Section, Table};
use crate::words;

/// The three months that end on `as_at`.
pub fn covers(as_at: Date) -> (Date, Date) {
    let from = as_at
        .checked_sub(3.months())
        .and_then(|d| d.tomorrow())
        .unwrap_or(as_at);
    (from, as_at)
}

pub fn sections(f: &Facts<'_>, (from, to): (Date, Date)) -> Vec<Section> {
    vec![
        section(
            "The quarter in brief",
            vec![
                paragraph(format!(
                    "This report tells the Lead Member and the Children's Trust how {} stood on {}, at the end of the quarter from {} to {}.",
                    f.plan.title,
                    words::date(to),
                    words::date(from),
                    words::date(to)
                )),
                key_figures(f),
            ],
        ),
        progress_by_objective(f),
        completed(f, from),
        exceptions(f),
        performance(f, false),
        next_quarter(f, to),
    ]
}

fn completed(f: &Facts<'_>, from: Date) -> Section {
    let done = f.signed_off_since(from.yesterday().ok());
    let heading = "Completed this quarter";
    if done.is_empty() {
        return section(
            heading,
            vec![paragraph("No action was signed off this quarter.")],
        );
    }
    section(
        heading,
        vec![
            paragraph(format!(
                "{} signed off as complete this quarter.",
                words::count(done.len(), "action was", "actions were")
            )),
            action_list(
                f,
                &done.iter().map(|&(o, a, _)| (o, a)).collect::<Vec<_>>(),
                &[],
                Table {
                    id: "completed-this-quarter".to_owned(),
                    caption: "Actions signed off this quarter".to_owned(),
                    columns: vec![
                        Column::text("Action"),
                        Column::text("What"),
                        Column::text("Signed off on"),
                    ],
                    rows: done
                        .iter()
                        .map(|(_, a, s)| {
                            vec![
                                Cell::text(&a.number),
                                Cell::text(&a.text),
                                Cell::Date {
                                    date: s.at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date(),
                                },
                            ]
                        })
                        .collect(),
                },
            ),
        ],
    )
}

fn next_quarter(f: &Facts<'_>, to: Date) -> Section {
    let until = to.checked_add(3.months()).unwrap_or(to);
    let listed: Vec<_> = f
        .actions()
        .filter(|(_, _, s)| !s.is_complete() && s.due.is_some_and(|d| d > to && d <= until))
        .collect();
    let rows: Vec<Vec<Cell>> = listed
        .iter()
        .map(|&(o, a, s)| {
            vec![
                Cell::text(&a.number),
                Cell::text(&a.text),
                Cell::text(f.leads(o, a)),
                Cell::date(s.due),
            ]
        })
        .collect();
    let meetings: Vec<String> = f
        .input
        .partnership
        .meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::Board && m.date > to && m.date <= until)
        .map(|m| format!("Board meeting, {}", words::date(m.date)))
        .collect();
    let mut blocks = vec![paragraph(format!(
        "{} fall due between {} and {}.",
        words::count(rows.len(), "action", "actions"),
        words::date(to.tomorrow().unwrap_or(to)),
        words::date(until)
    ))];
    if !rows.is_empty() {
        let which: Vec<_> = listed.iter().map(|&(o, a, _)| (o, a)).collect();
        blocks.push(action_list(
            f,
            &which,
            &[RED],
            Table {
                id: "due-next-quarter".to_owned(),
                caption: "Actions due in the next quarter".to_owned(),
                columns: vec![
                    Column::text("Action"),
                    Column::text("What"),
                    Column::text("Lead"),
                    Column::text("Due"),
                ],
                rows,
            },
        ));
    }
    if !meetings.is_empty() {
        blocks.push(Block::List { items: meetings });
    }
    section("Coming up next quarter", blocks)
}
