//! A meeting's minutes: when and where, who attended (with deputies and apologies), whether
//! it was quorate, the agenda, the decisions, the action log and the minutes' own text, with
//! whether they are a draft or approved and when. The parts the meeting pack shares (the
//! meeting's line, the action log, minutes as paragraphs) are here too.

use domain::meetings::{Attendance, Quorum};

use super::sections::{paragraph, section};
use crate::facts::Facts;
use crate::governance::{LoggedAction, MeetingInput, MinutesInput};
use crate::model::{Block, Cell, Column, Section, Table};
use crate::words;

pub fn sections(f: &Facts<'_>) -> Vec<Section> {
    let Some(m) = &f.input.governance.meeting else {
        return vec![no_meeting()];
    };
    vec![
        section("The meeting", vec![paragraph(when_and_where(m))]),
        attendance(m),
        section(
            "Agenda",
            vec![if m.agenda.is_empty() {
                paragraph("No agenda was recorded.")
            } else {
                Block::List {
                    items: m
                        .agenda
                        .iter()
                        .enumerate()
                        .map(|(i, a)| format!("{}. {}", i + 1, a.title))
                        .collect(),
                }
            }],
        ),
        decisions(m),
        action_log(m),
        section("Minutes", minutes_blocks(m.minutes.as_ref(), m)),
    ]
}

pub fn no_meeting() -> Section {
    section(
        "The meeting",
        vec![paragraph("No meeting was read for this report.")],
    )
}

/// The report's subtitle: "Board meeting, 16 September 2009".
pub fn subtitle(m: &MeetingInput) -> String {
    format!("{}, {}", m.body(), words::date(m.date))
}

/// "Board meeting on 16 September 2009 at 14:00, Guildhall, Kingston."
pub fn when_and_where(m: &MeetingInput) -> String {
    let mut s = format!("{} on {}", m.body(), words::date(m.date));
    if let Some(t) = &m.time {
        s.push_str(&format!(" at {t}"));
    }
    if let Some(p) = &m.place {
        s.push_str(&format!(", {p}"));
    }
    s.push('.');
    s
}

/// Whether the meeting was quorate, in a sentence.
pub fn quorum_line(q: &Quorum) -> String {
    let present = format!(
        "{} filled their seats, from {}",
        words::count(q.members as usize, "person", "people"),
        words::count(q.agencies as usize, "agency", "agencies")
    );
    match q.quorate {
        Some(true) => format!("Quorate: {present} (the quorum is {}).", q.rule.describe()),
        Some(false) => format!(
            "Not quorate: {present} (the quorum is {}); decisions need confirming at a quorate meeting.",
            q.rule.describe()
        ),
        None => format!("{present}; no quorum rule is set."),
    }
}

fn attendance(m: &MeetingInput) -> Section {
    if m.attendance.is_empty() {
        return section(
            "Attendance",
            vec![
                paragraph("No attendance was recorded."),
                paragraph(quorum_line(&m.quorum)),
            ],
        );
    }
    let rows = m
        .attendance
        .iter()
        .map(|s| {
            let how = match (s.status, &s.deputy) {
                (Attendance::Deputy, Some(d)) => format!("Represented by {d}"),
                (status, _) => status.label().to_owned(),
            };
            vec![
                Cell::text(&s.person),
                s.agency.as_deref().map_or(Cell::Empty, Cell::text),
                Cell::text(how),
            ]
        })
        .collect();
    section(
        "Attendance",
        vec![
            paragraph(quorum_line(&m.quorum)),
            Block::Table {
                table: Table {
                    id: "minutes-attendance".to_owned(),
                    caption: "Attendance".to_owned(),
                    columns: vec![
                        Column::text("Name"),
                        Column::text("Agency"),
                        Column::text("Attendance"),
                    ],
                    rows,
                },
            },
        ],
    )
}

fn decisions(m: &MeetingInput) -> Section {
    section(
        "Decisions",
        vec![if m.decisions.is_empty() {
            paragraph("No decisions were recorded.")
        } else {
            Block::List {
                items: m
                    .decisions
                    .iter()
                    .enumerate()
                    .map(|(i, d)| format!("{}. {d}", i + 1))
                    .collect(),
            }
        }],
    )
}

/// The action log as the meeting left it: open entries first, then those done.
pub fn action_log(m: &MeetingInput) -> Section {
    if m.action_log.is_empty() {
        return section("Action log", vec![paragraph("The action log is empty.")]);
    }
    let mut log: Vec<&LoggedAction> = m.action_log.iter().collect();
    log.sort_by_key(|a| (a.done.is_some(), a.due, a.raised));
    let open = log.iter().filter(|a| a.done.is_none()).count();
    let rows = log
        .iter()
        .map(|a| {
            vec![
                Cell::text(&a.what),
                Cell::text(&a.who),
                Cell::date(Some(a.raised)),
                Cell::date(a.due),
                match a.done {
                    Some(d) => Cell::text(format!("Done {}", words::date(d))),
                    None if a.due.is_some_and(|d| d < m.date) => Cell::text("Open, overdue"),
                    None => Cell::text("Open"),
                },
            ]
        })
        .collect();
    section(
        "Action log",
        vec![
            paragraph(format!(
                "{} open; an entry is carried from meeting to meeting until it is done.",
                words::count(open, "action is", "actions are")
            )),
            Block::Table {
                table: Table {
                    id: "action-log".to_owned(),
                    caption: "Action log".to_owned(),
                    columns: vec![
                        Column::text("Action"),
                        Column::text("Who"),
                        Column::text("Raised"),
                        Column::text("Due"),
                        Column::text("Status"),
                    ],
                    rows,
                },
            },
        ],
    )
}

/// Minutes as paragraphs, after a line saying whether they are approved.
pub fn minutes_blocks(minutes: Option<&MinutesInput>, m: &MeetingInput) -> Vec<Block> {
    let Some(min) = minutes else {
        return vec![paragraph(format!(
            "No minutes of the {} on {} have been written yet.",
            m.body().to_lowercase(),
            words::date(m.date)
        ))];
    };
    let mut blocks = vec![paragraph(match min.approved_at {
        Some(d) => format!("Approved at the meeting of {}.", words::date(d)),
        None => "Draft: not yet approved.".to_owned(),
    })];
    blocks.extend(
        min.text
            .split('\n')
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(paragraph),
    );
    blocks
}
