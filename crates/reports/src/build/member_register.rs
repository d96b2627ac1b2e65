//! The member register [4.3]: who sits on the board, from which agency, in what role, with
//! what expertise, and (internal only) their job title and when their term ends. The public
//! version is built from `domain::PublicPerson`, so it cannot carry contact details, and
//! neither version prints an e-mail address or a linked account.

use std::collections::BTreeMap;

use domain::{Date, Person};

use super::sections::{figure, paragraph, section};
use crate::facts::Facts;
use crate::model::{Block, Cell, Column, Section, Table};
use crate::words;

pub fn sections(f: &Facts<'_>, public: bool) -> Vec<Section> {
    let people = &f.input.governance.people;
    let mut out = vec![register(people, f.as_at(), public)];
    if !people.is_empty() {
        out.push(by_agency(people));
    }
    out
}

/// The register itself, one row a person.
pub fn register(people: &[Person], as_at: Date, public: bool) -> Section {
    if people.is_empty() {
        return section(
            "The members",
            vec![paragraph(
                "The member register is empty: no one has been added to it yet.",
            )],
        );
    }
    let ended = people
        .iter()
        .filter(|p| p.term_ends.is_some_and(|t| t < as_at))
        .count();
    let agencies = agencies(people).len();
    let mut intro = format!(
        "{} sit on the board, from {}.",
        words::count(people.len(), "person", "people"),
        words::count(agencies, "agency", "agencies")
    );
    if !public && ended > 0 {
        intro.push_str(&format!(
            " The terms of {} had ended by {}: the register still lists them until they are reappointed or removed.",
            words::count(ended, "person", "people"),
            words::date(as_at)
        ));
    }
    let columns = if public {
        vec![
            Column::text("Name"),
            Column::text("Agency"),
            Column::text("Board role"),
            Column::text("Expertise"),
        ]
    } else {
        vec![
            Column::text("Name"),
            Column::text("Agency"),
            Column::text("Job title"),
            Column::text("Board role"),
            Column::text("Expertise"),
            Column::text("Term ends"),
        ]
    };
    let rows = people
        .iter()
        .map(|p| {
            if public {
                let p = p.public();
                vec![
                    Cell::text(&p.name),
                    agency_cell(p.agency.as_deref()),
                    Cell::text(p.board_role.label()),
                    Cell::text(p.expertise.join(", ")),
                ]
            } else {
                vec![
                    Cell::text(&p.name),
                    agency_cell(p.agency.as_deref()),
                    p.job_title.as_deref().map_or(Cell::Empty, Cell::text),
                    Cell::text(p.board_role.label()),
                    Cell::text(p.expertise.join(", ")),
                    Cell::date(p.term_ends),
                ]
            }
        })
        .collect();
    section(
        "The members",
        vec![
            paragraph(intro),
            Block::Table {
                table: Table {
                    id: "member-register".to_owned(),
                    caption: format!("The member register as at {}", words::date(as_at)),
                    columns,
                    rows,
                },
            },
        ],
    )
}

fn agency_cell(agency: Option<&str>) -> Cell {
    Cell::text(agency.unwrap_or("Independent"))
}

/// How many people each agency has on the board, by agency name.
fn agencies(people: &[Person]) -> BTreeMap<&str, usize> {
    let mut by = BTreeMap::new();
    for p in people {
        *by.entry(p.agency.as_deref().unwrap_or("Independent"))
            .or_default() += 1;
    }
    by
}

/// The members counted by agency, and by role.
pub fn by_agency(people: &[Person]) -> Section {
    let by = agencies(people);
    let chairs = people
        .iter()
        .filter(|p| {
            matches!(
                p.board_role,
                domain::BoardRole::Chair | domain::BoardRole::ViceChair
            )
        })
        .map(|p| format!("{} ({})", p.name, p.board_role.label().to_lowercase()))
        .collect::<Vec<_>>();
    let mut blocks = vec![Block::Figures {
        figures: vec![
            figure("People on the board", people.len().to_string()),
            figure("Agencies represented", by.len().to_string()),
        ],
    }];
    if !chairs.is_empty() {
        blocks.push(paragraph(format!("Chaired by {}.", chairs.join(" and "))));
    }
    blocks.push(Block::Table {
        table: Table {
            id: "members-by-agency".to_owned(),
            caption: "People on the board by agency".to_owned(),
            columns: vec![Column::text("Agency"), Column::number("People")],
            rows: by
                .iter()
                .map(|(a, n)| vec![Cell::text(*a), Cell::count(*n)])
                .collect(),
        },
    });
    section("Membership by agency", blocks)
}
