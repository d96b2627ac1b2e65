//! Attendance over a period: for each agency, of the meetings it should have attended, how
//! many it attended or was represented at, and its share against the board's threshold, with
//! the chart the attendance page shows; then the same for each person. The counting is
//! `domain::meetings::Tally`'s, so the report, the page and `boardplan attendance` agree.

use domain::Date;

use super::sections::{figure, paragraph, section};
use crate::facts::Facts;
use crate::governance::{AttendanceInput, Share, Shares};
use crate::model::{Block, Cell, Chart, Column, Section, Table};
use crate::words;

/// The period the report covers: the one read, else the report's day alone.
pub fn covers(f: &Facts<'_>) -> (Date, Date) {
    match &f.input.governance.attendance {
        Some(a) => (a.from, a.to),
        None => (f.as_at(), f.as_at()),
    }
}

pub fn sections(f: &Facts<'_>) -> Vec<Section> {
    match &f.input.governance.attendance {
        Some(a) => vec![by_agency(a), by_person(a)],
        None => vec![section(
            "Attendance by agency",
            vec![paragraph("No attendance was read for this report.")],
        )],
    }
}

/// "3 of 4 meetings".
fn detail(s: &domain::meetings::Share) -> String {
    format!(
        "{} of {}",
        s.attended,
        words::count(s.expected as usize, "meeting", "meetings")
    )
}

/// The agencies' shares, their chart and their table.
pub fn by_agency(a: &AttendanceInput) -> Section {
    let t = &a.tally;
    if t.meetings == 0 {
        return section(
            "Attendance by agency",
            vec![paragraph(format!(
                "No meeting between {} and {} has its attendance recorded.",
                words::date(a.from),
                words::date(a.to)
            ))],
        );
    }
    let below: Vec<String> = t
        .below(a.threshold)
        .iter()
        .map(|s| format!("{} ({}%)", s.name, s.percent()))
        .collect();
    let summary = if below.is_empty() {
        format!(
            "Every agency attended or was represented at {}% or more of the meetings it should have attended.",
            a.threshold
        )
    } else {
        format!(
            "Below the board's threshold of {}%: {}.",
            a.threshold,
            below.join(", ")
        )
    };
    let chart = Shares {
        id: "attendance-by-agency".to_owned(),
        title: format!(
            "Attendance by agency, {} to {}",
            words::date(a.from),
            words::date(a.to)
        ),
        description: format!(
            "The share of meetings each agency should have attended that it attended or was represented at; the dashed line marks the board's threshold of {}%. {summary}",
            a.threshold
        ),
        threshold: a.threshold,
        bars: t
            .agencies
            .iter()
            .map(|s| Share {
                label: s.name.clone(),
                percent: s.percent(),
                detail: detail(s),
            })
            .collect(),
    };
    let rows = t
        .agencies
        .iter()
        .map(|s| {
            vec![
                Cell::text(&s.name),
                Cell::count(s.expected as usize),
                Cell::count(s.attended as usize),
                Cell::measure(f64::from(s.percent()), 0, "%"),
                Cell::text(if s.below(a.threshold) {
                    format!("Below {}%", a.threshold)
                } else {
                    String::new()
                }),
            ]
        })
        .collect();
    section(
        "Attendance by agency",
        vec![
            paragraph(format!(
                "{} between {} and {} have their attendance recorded. An agency is expected at a meeting when any of its people is, and counts as there when any of them attended or sent a deputy. {summary}",
                words::count(t.meetings as usize, "meeting", "meetings"),
                words::date(a.from),
                words::date(a.to)
            )),
            Block::Figures {
                figures: vec![
                    figure("Meetings", t.meetings.to_string()),
                    figure("Agencies", t.agencies.len().to_string()),
                    figure(&format!("Below {}%", a.threshold), below.len().to_string()),
                ],
            },
            Block::Chart {
                chart: Chart::Shares(chart),
            },
            Block::Table {
                table: Table {
                    id: "attendance-agencies".to_owned(),
                    caption: "Attendance by agency".to_owned(),
                    columns: vec![
                        Column::text("Agency"),
                        Column::number("Meetings expected"),
                        Column::number("Attended or represented"),
                        Column::number("Share"),
                        Column::text("Flag"),
                    ],
                    rows,
                },
            },
        ],
    )
}

/// Each person's share.
pub fn by_person(a: &AttendanceInput) -> Section {
    let agency = |name: &str| a.agency_of.get(name).map_or(Cell::Empty, Cell::text);
    let rows = a
        .tally
        .people
        .iter()
        .map(|s| {
            vec![
                Cell::text(&s.name),
                agency(&s.name),
                Cell::count(s.expected as usize),
                Cell::count(s.attended as usize),
                Cell::measure(f64::from(s.percent()), 0, "%"),
            ]
        })
        .collect();
    section(
        "Attendance by person",
        vec![Block::Table {
            table: Table {
                id: "attendance-people".to_owned(),
                caption: "Attendance by person".to_owned(),
                columns: vec![
                    Column::text("Person"),
                    Column::text("Agency"),
                    Column::number("Meetings expected"),
                    Column::number("Attended or represented"),
                    Column::number("Share"),
                ],
                rows,
            },
        }],
    )
}
