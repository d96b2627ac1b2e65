//! The meeting pack: what members read before a meeting, as one PDF. The agenda; the papers
//! its items name, each marked as included (a PDF in the document register: its pages
//! follow, added by `reports_pdf::render_pack`) or listed only (another kind of file, no
//! file yet, or not in the register), so no reader wonders where a paper went; the minutes
//! of the body's last meeting, for approval; and the action log.

use super::minutes::{action_log, minutes_blocks, no_meeting, when_and_where};
use super::sections::{paragraph, section};
use crate::facts::Facts;
use crate::governance::{MeetingInput, PaperFile};
use crate::model::{Block, Cell, Column, Section, Table};
use crate::words;

pub fn sections(f: &Facts<'_>) -> Vec<Section> {
    let Some(m) = &f.input.governance.meeting else {
        return vec![no_meeting()];
    };
    vec![
        section("The meeting", vec![paragraph(when_and_where(m))]),
        agenda(m),
        papers(m),
        last_minutes(m),
        action_log(m),
    ]
}

fn agenda(m: &MeetingInput) -> Section {
    if m.agenda.is_empty() {
        return section("Agenda", vec![paragraph("No agenda has been set yet.")]);
    }
    let rows = m
        .agenda
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let about: Vec<String> = a
                .actions
                .iter()
                .map(|x| format!("action {x}"))
                .chain(a.indicators.iter().cloned())
                .collect();
            vec![
                Cell::count(i + 1),
                Cell::text(&a.title),
                a.presenter.as_deref().map_or(Cell::Empty, Cell::text),
                a.paper
                    .as_ref()
                    .map_or(Cell::Empty, |p| Cell::text(&p.reference)),
                Cell::text(about.join(", ")),
            ]
        })
        .collect();
    section(
        "Agenda",
        vec![Block::Table {
            table: Table {
                id: "agenda".to_owned(),
                caption: "Agenda".to_owned(),
                columns: vec![
                    Column::number("Item"),
                    Column::text("Title"),
                    Column::text("Presenter"),
                    Column::text("Paper"),
                    Column::text("About"),
                ],
                rows,
            },
        }],
    )
}

/// Whether each paper is in the pack, in words.
fn in_pack(file: &PaperFile) -> String {
    match file {
        PaperFile::Pdf { title, version } => {
            format!("Included: \"{title}\" (version {version}), after the action log")
        }
        PaperFile::Other {
            title,
            version,
            media_type,
        } => format!(
            "Listed only: \"{title}\" (version {version}) is {}, not a PDF; read it in the document register",
            kind_of(media_type)
        ),
        PaperFile::NoFile { title } => {
            format!("Listed only: \"{title}\" has no file in the document register yet")
        }
        PaperFile::NotInRegister => {
            "Listed only: no document in the register has this title".to_owned()
        }
    }
}

/// "a Word document", from a media type.
fn kind_of(media_type: &str) -> &'static str {
    match media_type {
        t if t.contains("wordprocessingml") || t == "application/msword" => "a Word document",
        t if t.contains("opendocument.text") => "an OpenDocument text",
        t if t.contains("spreadsheet") || t.contains("ms-excel") => "a spreadsheet",
        t if t.contains("presentation") || t.contains("powerpoint") => "a presentation",
        t if t.starts_with("image/") => "an image",
        t if t.starts_with("text/") => "a text file",
        _ => "a file of another kind",
    }
}

fn papers(m: &MeetingInput) -> Section {
    let rows: Vec<Vec<Cell>> = m
        .agenda
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let p = a.paper.as_ref()?;
            Some(vec![
                Cell::count(i + 1),
                Cell::text(&p.reference),
                Cell::text(in_pack(&p.file)),
            ])
        })
        .collect();
    if rows.is_empty() {
        return section("Papers", vec![paragraph("No agenda item names a paper.")]);
    }
    let included = m
        .agenda
        .iter()
        .filter(|a| a.paper.as_ref().is_some_and(|p| p.file.included()))
        .count();
    section(
        "Papers",
        vec![
            paragraph(format!(
                "{} of {} named on the agenda {} included in this pack: a paper is included when the document register holds it as a PDF; any other is listed here with its title.",
                included,
                words::count(rows.len(), "paper", "papers"),
                if included == 1 { "is" } else { "are" }
            )),
            Block::Table {
                table: Table {
                    id: "papers".to_owned(),
                    caption: "Papers".to_owned(),
                    columns: vec![
                        Column::number("Item"),
                        Column::text("Paper"),
                        Column::text("In this pack"),
                    ],
                    rows,
                },
            },
        ],
    )
}

fn last_minutes(m: &MeetingInput) -> Section {
    match &m.last_minutes {
        Some((date, min)) => section(
            &format!("Minutes of the last meeting, {}", words::date(*date)),
            minutes_blocks(Some(min), m),
        ),
        None => section(
            "Minutes of the last meeting",
            vec![paragraph(format!(
                "No minutes of an earlier {} are recorded.",
                m.body().to_lowercase()
            ))],
        ),
    }
}
