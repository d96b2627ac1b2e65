//! The risk register as at a date: each risk with its scores, owner, controls, appetite,
//! status and review date; the 5x5 heat map of the risks still open; and the list of risks
//! above the board's appetite, which the board paper and the annual report carry too.

use domain::Date;
use domain::assurance::risks::{HeatMap, Rating, RiskStatus};

use super::shade;
use crate::assurance::RiskLine;
use crate::build::sections::{figure, paragraph, section};
use crate::facts::Facts;
use crate::model::{Block, Cell, Column, Section, Table};
use crate::words;

pub fn sections(f: &Facts<'_>) -> Vec<Section> {
    let risks = &f.input.assurance.risks;
    if risks.is_empty() {
        return vec![section(
            "The register",
            vec![paragraph(format!(
                "No risk was on the register as at {}.",
                words::date(f.as_at())
            ))],
        )];
    }
    vec![
        summary(risks, f.as_at()),
        register(risks),
        details(risks),
        heat_map(risks),
        above_appetite(risks, f.as_at()),
    ]
}

fn live(risks: &[RiskLine]) -> impl Iterator<Item = &RiskLine> {
    risks.iter().filter(|r| r.status != RiskStatus::Closed)
}

fn summary(risks: &[RiskLine], as_at: Date) -> Section {
    let count = |s: RiskStatus| risks.iter().filter(|r| r.status == s).count();
    let above = risks.iter().filter(|r| r.above_appetite()).count();
    section(
        "Summary",
        vec![
            paragraph(format!(
                "The board's risk register as at {}: {}, {} of them above the board's appetite. Scores are likelihood times impact, each rated 1 to 5; the score that counts is the residual one (with controls) where the risk has been rated so, else the inherent one.",
                words::date(as_at),
                words::count(risks.len(), "risk", "risks"),
                above
            )),
            Block::Figures {
                figures: vec![
                    figure("Risks on the register", risks.len().to_string()),
                    figure("Open", count(RiskStatus::Open).to_string()),
                    figure("Escalated", count(RiskStatus::Escalated).to_string()),
                    figure("Closed", count(RiskStatus::Closed).to_string()),
                    figure("Above appetite", above.to_string()),
                ],
            },
        ],
    )
}

/// "4 x 3 = 12".
fn rating_text(r: Rating) -> String {
    format!("{} x {} = {}", r.likelihood(), r.impact(), r.score())
}

fn appetite_cell(a: Option<u8>) -> Cell {
    a.map_or_else(|| Cell::text("not set"), |a| Cell::count(usize::from(a)))
}

fn register(risks: &[RiskLine]) -> Section {
    let rows = risks
        .iter()
        .map(|r| {
            vec![
                Cell::text(format!("{} {}", r.key(), r.title)),
                Cell::text(&r.owner_role),
                Cell::text(rating_text(r.inherent)),
                Cell::text(
                    r.residual
                        .map_or_else(|| "not yet rated".to_owned(), rating_text),
                ),
                shade::score(r.current().score()),
                appetite_cell(r.appetite),
                Cell::text(if r.appetite.is_none() {
                    "no appetite set"
                } else if r.current().above(r.appetite) {
                    "Yes"
                } else {
                    "No"
                }),
                Cell::text(r.status.label()),
                Cell::date(r.review_on),
            ]
        })
        .collect();
    section(
        "The register",
        vec![Block::Table {
            table: Table {
                id: "risk-register".to_owned(),
                caption: "Each risk with its scores (likelihood x impact), appetite and status"
                    .to_owned(),
                columns: vec![
                    Column::text("Risk"),
                    Column::text("Owner"),
                    Column::text("Inherent"),
                    Column::text("Residual"),
                    Column::text("Score"),
                    Column::number("Appetite"),
                    Column::text("Above appetite"),
                    Column::text("Status"),
                    Column::text("Review by"),
                ],
                rows,
            },
        }],
    )
}

fn or_none(text: &Option<String>) -> Cell {
    Cell::text(text.as_deref().unwrap_or("none recorded"))
}

fn details(risks: &[RiskLine]) -> Section {
    let rows = risks
        .iter()
        .map(|r| {
            vec![
                Cell::text(format!("{} {}", r.key(), r.title)),
                or_none(&r.cause),
                or_none(&r.consequence),
                or_none(&r.controls),
                Cell::text(if r.actions.is_empty() {
                    "none".to_owned()
                } else {
                    r.actions.join("; ")
                }),
            ]
        })
        .collect();
    section(
        "Causes, consequences and controls",
        vec![Block::Table {
            table: Table {
                id: "risk-controls".to_owned(),
                caption: "What could cause each risk, what would follow, and the controls in place"
                    .to_owned(),
                columns: vec![
                    Column::text("Risk"),
                    Column::text("Cause"),
                    Column::text("Consequence"),
                    Column::text("Controls"),
                    Column::text("Linked actions"),
                ],
                rows,
            },
        }],
    )
}

fn heat_map(risks: &[RiskLine]) -> Section {
    let map = HeatMap::of(live(risks).map(RiskLine::current));
    const LIKELIHOOD: [&str; 5] = [
        "5 almost certain",
        "4 likely",
        "3 possible",
        "2 unlikely",
        "1 rare",
    ];
    let rows = (1..=5u8)
        .rev()
        .zip(LIKELIHOOD)
        .map(|(l, label)| {
            let mut row = vec![Cell::text(label)];
            row.extend((1..=5u8).map(|i| {
                let (fill, ink) = shade::band(
                    Rating::new(l.into(), i.into())
                        .map_or(domain::assurance::risks::Band::Low, Rating::band),
                );
                Cell::Shaded {
                    text: map.at(l, i).to_string(),
                    fill,
                    ink,
                }
            }));
            row
        })
        .collect();
    let mut columns = vec![Column::text("Likelihood")];
    columns.extend(
        ["Impact 1", "Impact 2", "Impact 3", "Impact 4", "Impact 5"]
            .iter()
            .map(|h| Column::text(h)),
    );
    section(
        "Heat map",
        vec![
            paragraph(format!(
                "How many of the {} open or escalated risks sit at each likelihood and impact (their current rating). Each cell is coloured by the band of its score: low (1-4), medium (5-9), high (10-14), very high (15-25).",
                map.total()
            )),
            Block::Table {
                table: Table {
                    id: "risk-heat-map".to_owned(),
                    caption: "Risks by likelihood (rows) and impact (columns)".to_owned(),
                    columns,
                    rows,
                },
            },
        ],
    )
}

/// The risks above the board's appetite as at `as_at`, for the register, the board paper and
/// the annual report.
pub fn above_appetite(risks: &[RiskLine], as_at: Date) -> Section {
    let above: Vec<&RiskLine> = risks.iter().filter(|r| r.above_appetite()).collect();
    let heading = "Risks above the board's appetite";
    if above.is_empty() {
        return section(
            heading,
            vec![paragraph(format!(
                "No open risk was above the board's appetite as at {}.",
                words::date(as_at)
            ))],
        );
    }
    let rows = above
        .iter()
        .map(|r| {
            let score = r.current().score();
            vec![
                Cell::text(format!("{} {}", r.key(), r.title)),
                Cell::text(&r.owner_role),
                shade::score(score),
                appetite_cell(r.appetite),
                Cell::count(usize::from(score - r.appetite.unwrap_or(score))),
                Cell::text(r.status.label()),
                Cell::date(r.review_on),
            ]
        })
        .collect();
    section(
        heading,
        vec![
            paragraph(format!(
                "{} above the score the board accepts as at {}: the board should agree what more is done, or accept the risk.",
                words::count(above.len(), "risk is", "risks are"),
                words::date(as_at)
            )),
            Block::Table {
                table: Table {
                    id: "risks-above-appetite".to_owned(),
                    caption: "Risks scoring above the board's appetite".to_owned(),
                    columns: vec![
                        Column::text("Risk"),
                        Column::text("Owner"),
                        Column::text("Score"),
                        Column::number("Appetite"),
                        Column::number("Above by"),
                        Column::text("Status"),
                        Column::text("Review by"),
                    ],
                    rows,
                },
            },
        ],
    )
}
