//! The Section 11 summary of one cycle: where the cycle stands, the heat map of agencies by
//! standards (coloured by rating), the count of each rating per standard, the returns still
//! outstanding, and the comparison with the previous cycle. What it shows of each agency is
//! what its input holds: someone who may see no agency's return (`Section11View::Summary`)
//! gets counts only, with no agency named beside a rating.

use domain::assurance::section11::Change;

use super::shade;
use crate::assurance::Section11Part;
use crate::build::sections::{figure, paragraph, section};
use crate::facts::Facts;
use crate::model::{Block, Cell, Column, Section, Table};
use crate::words;

pub fn sections(f: &Facts<'_>) -> Vec<Section> {
    let Some(s) = &f.input.assurance.section11 else {
        return vec![section(
            "The cycle",
            vec![paragraph(
                "No Section 11 cycle was found for this report: start one with boardplan s11 cycle add YEAR.",
            )],
        )];
    };
    let mut out = vec![summary(s)];
    if !s.summary_only {
        out.push(heat_map(s));
    }
    out.push(by_standard(s));
    out.push(outstanding(s));
    out.push(compared(s));
    out
}

fn returns_complete(s: &Section11Part) -> usize {
    s.agencies.saturating_sub(s.outstanding_count)
}

fn summary(s: &Section11Part) -> Section {
    let mut said = format!(
        "The {} Section 11 cycle asks each of the board's {} to rate itself against {} on the scale {}, best first. Stage: {}.",
        s.year,
        words::count(s.agencies, "agency", "agencies"),
        words::count(s.standards.len(), "standard", "standards"),
        s.scale.join(", "),
        s.stage.label().to_lowercase()
    );
    if let Some(d) = s.due_on {
        said.push_str(&format!(" Returns are due by {}.", words::date(d)));
    }
    let mut blocks = vec![
        paragraph(said),
        Block::Figures {
            figures: vec![
                figure("Agencies", s.agencies.to_string()),
                figure("Standards", s.standards.len().to_string()),
                figure("Returns complete", returns_complete(s).to_string()),
                figure("Returns outstanding", s.outstanding_count.to_string()),
            ],
        },
    ];
    if s.summary_only {
        blocks.push(paragraph(
            "Each agency's own ratings are seen by the moderation panel and, once the cycle is closed, by the agencies' lead officers; this copy gives the counts only.",
        ));
    }
    section("The cycle", blocks)
}

/// The standards' numbers and titles, for the heat map's columns.
fn standards_key(s: &Section11Part) -> Block {
    Block::Table {
        table: Table {
            id: "s11-standards".to_owned(),
            caption: "The standards".to_owned(),
            columns: vec![Column::text("Standard"), Column::text("Title")],
            rows: s
                .standards
                .iter()
                .map(|x| vec![Cell::text(&x.number), Cell::text(&x.title)])
                .collect(),
        },
    }
}

fn heat_map(s: &Section11Part) -> Section {
    let mut columns = vec![Column::text("Agency")];
    columns.extend(s.standards.iter().map(|x| Column::text(&x.number)));
    let rows = s
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![Cell::text(&r.agency)];
            row.extend(r.ratings.iter().map(|w| match w {
                Some(w) => shade::rating(w, &s.scale),
                None => Cell::text("not rated"),
            }));
            row
        })
        .collect();
    section(
        "Heat map",
        vec![
            paragraph(
                "Each agency's rating of each standard: the panel's agreed rating once moderated, else the agency's own. Each cell carries its word as well as its colour.",
            ),
            Block::Table {
                table: Table {
                    id: "s11-heat-map".to_owned(),
                    caption: format!("Agencies by standards, {} cycle", s.year),
                    columns,
                    rows,
                },
            },
            standards_key(s),
        ],
    )
}

/// The count of each rating per standard: the heat map's summary, which anyone may see.
pub fn counts_table(s: &Section11Part) -> Table {
    let mut columns = vec![Column::text("Standard")];
    columns.extend(s.scale.iter().map(|w| Column::number(&shade::capital(w))));
    columns.push(Column::number("Not rated"));
    let rows = s
        .standards
        .iter()
        .zip(&s.counts)
        .map(|(x, counts)| {
            let mut row = vec![Cell::text(format!("{}. {}", x.number, x.title))];
            row.extend(counts.iter().map(|n| Cell::count(*n)));
            row.push(Cell::count(
                s.agencies.saturating_sub(counts.iter().sum::<usize>()),
            ));
            row
        })
        .collect();
    Table {
        id: "s11-by-standard".to_owned(),
        caption: format!("How many agencies gave each rating, {} cycle", s.year),
        columns,
        rows,
    }
}

fn by_standard(s: &Section11Part) -> Section {
    section(
        "Ratings by standard",
        vec![
            paragraph("For each standard, how many agencies gave each rating."),
            Block::Table {
                table: counts_table(s),
            },
        ],
    )
}

/// "3 of 12 agencies' returns are not complete; the due date, 30 June 2010, has passed."
pub fn outstanding_words(s: &Section11Part) -> String {
    let mut said = format!(
        "{} of {} agencies' returns {} not complete",
        s.outstanding_count,
        s.agencies,
        if s.outstanding_count == 1 {
            "is"
        } else {
            "are"
        }
    );
    match (s.due_on, s.overdue && s.outstanding_count > 0) {
        (Some(d), true) => {
            said.push_str(&format!("; the due date, {}, has passed.", words::date(d)))
        }
        (Some(d), false) => said.push_str(&format!("; returns are due by {}.", words::date(d))),
        (None, _) => said.push('.'),
    }
    said
}

/// The outstanding returns the person may see, agency by agency.
pub fn outstanding_table(s: &Section11Part) -> Option<Table> {
    (!s.outstanding.is_empty()).then(|| Table {
        id: "s11-outstanding".to_owned(),
        caption: "Returns not complete".to_owned(),
        columns: vec![
            Column::text("Agency"),
            Column::number("Standards rated"),
            Column::number("Of"),
        ],
        rows: s
            .outstanding
            .iter()
            .map(|o| {
                vec![
                    Cell::text(&o.agency),
                    Cell::count(o.rated),
                    Cell::count(o.of),
                ]
            })
            .collect(),
    })
}

fn outstanding(s: &Section11Part) -> Section {
    let mut blocks = vec![paragraph(outstanding_words(s))];
    if let Some(t) = outstanding_table(s) {
        blocks.push(Block::Table { table: t });
    }
    section("Outstanding returns", blocks)
}

fn compared(s: &Section11Part) -> Section {
    let heading = "Compared with the previous cycle";
    let Some(before) = s.previous_year else {
        return section(
            heading,
            vec![paragraph(
                "This is the first cycle, so there is nothing to compare it with yet.",
            )],
        );
    };
    let n = |c: Change| {
        s.change_counts
            .iter()
            .find(|(x, _)| *x == c)
            .map_or(0, |(_, n)| *n)
    };
    let mut blocks = vec![
        paragraph(format!(
            "Each agency's rating of each standard against its rating of the same standard in the {before} cycle."
        )),
        Block::Figures {
            figures: vec![
                figure("Better", n(Change::Better).to_string()),
                figure("The same", n(Change::Same).to_string()),
                figure("Worse", n(Change::Worse).to_string()),
                figure("Newly rated", n(Change::New).to_string()),
            ],
        },
    ];
    if !s.moved.is_empty() {
        blocks.push(Block::Table {
            table: Table {
                id: "s11-moved".to_owned(),
                caption: format!("Ratings that moved since {before}"),
                columns: vec![
                    Column::text("Agency"),
                    Column::text("Standard"),
                    Column::text(&before.to_string()),
                    Column::text(&s.year.to_string()),
                    Column::text("Change"),
                ],
                rows: s
                    .moved
                    .iter()
                    .map(|m| {
                        let word = |w: &Option<String>| match w {
                            Some(w) => shade::rating(w, &s.scale),
                            None => Cell::text("not rated"),
                        };
                        vec![
                            Cell::text(&m.agency),
                            Cell::text(&m.standard),
                            word(&m.previous),
                            word(&m.current),
                            Cell::text(m.change.label()),
                        ]
                    })
                    .collect(),
            },
        });
    }
    section(heading, blocks)
}
