//! The audit report: one audit's theme, kind, why it was chosen and its sample; the grades by
//! practice area (a chart and a table) and by agency; the change since the last audit of the
//! same theme; the cases' strengths and findings; the recommendations and what answers them.
//! Cases appear by their pseudonymous reference, and only when the input carries them (those
//! who may see an audit's cases); otherwise the report gives the summary alone and says so.

use domain::assurance::audits::{AreaChange, Tally};

use super::shade;
use crate::assurance::AuditPart;
use crate::build::sections::{figure, paragraph, section};
use crate::facts::Facts;
use crate::model::{Block, Cell, Chart, Column, RagBar, RagBars, Section, Table};
use crate::words;

pub fn sections(f: &Facts<'_>) -> Vec<Section> {
    let Some(a) = f.input.assurance.audits.first() else {
        return vec![section(
            "The audit",
            vec![paragraph(
                "No audit was chosen for this report: give the audit's number (boardplan qa-audit list shows them).",
            )],
        )];
    };
    vec![
        about(a),
        by_area(a),
        tallies(
            a,
            "Grades by agency",
            "grades-by-agency",
            "Each case's grades count for every agency involved in it.",
            &a.summary.by_agency,
        ),
        since(a),
        findings(a),
        recommendations(a),
    ]
}

/// "2009-10".
pub fn programme_year(year: i32) -> String {
    format!("{year}-{:02}", (year + 1).rem_euclid(100))
}

/// The share of all grades given that were good or better: "64.0%", or "none graded".
pub fn overall_good(t: &[Tally], good: usize) -> String {
    let graded: u32 = t.iter().map(|t| t.graded).sum();
    let better: u32 = t
        .iter()
        .map(|t| t.counts.iter().take(good).sum::<u32>())
        .sum();
    if graded == 0 {
        "none graded".to_owned()
    } else {
        percent(Some(f64::from(better) * 100.0 / f64::from(graded)))
    }
}

fn percent(p: Option<f64>) -> String {
    p.map_or_else(|| "none graded".to_owned(), |p| format!("{p:.1}%"))
}

fn about(a: &AuditPart) -> Section {
    let x = &a.audit;
    let mut said = format!(
        "{}: {} in the {} audit programme",
        x.theme,
        x.kind.label(),
        programme_year(x.year)
    );
    if let Some(lead) = &x.lead {
        said.push_str(&format!(", led by {lead}"));
    }
    said.push_str(&format!(". Status: {}.", x.status.label().to_lowercase()));
    match (x.starts_on, x.ends_on) {
        (Some(s), Some(e)) => said.push_str(&format!(
            " Carried out from {} to {}.",
            words::date(s),
            words::date(e)
        )),
        (Some(s), None) => said.push_str(&format!(" Started on {}.", words::date(s))),
        _ => {}
    }
    if let Some(d) = x.reaudit_on {
        said.push_str(&format!(
            " The theme is to be audited again by {}.",
            words::date(d)
        ));
    }
    let mut blocks = vec![
        paragraph(said),
        paragraph(format!(
            "Each case was graded on {} practice areas ({}) on the scale {}, best first; \"good or better\" counts the best {} of these grades.",
            x.areas.len(),
            x.areas.join(", "),
            x.scale.join(", "),
            a.summary.good_grades
        )),
        Block::Figures {
            figures: vec![
                figure("Cases sampled", a.summary.cases.to_string()),
                figure("Practice areas", x.areas.len().to_string()),
                figure("Agencies involved", a.summary.by_agency.len().to_string()),
                figure(
                    "Grades good or better",
                    overall_good(&a.summary.by_area, a.summary.good_grades),
                ),
            ],
        },
    ];
    if !x.reasons.is_empty() {
        blocks.push(paragraph("Why it was chosen:"));
        blocks.push(Block::List {
            items: x
                .reasons
                .iter()
                .map(|r| match r {
                    domain::assurance::audits::Reason::Indicator { code } => {
                        format!("the indicator {code}")
                    }
                    domain::assurance::audits::Reason::Recommendation { review, number } => {
                        format!("recommendation {number} of the review {review}")
                    }
                    domain::assurance::audits::Reason::Note { text } => text.clone(),
                })
                .collect(),
        });
    }
    section(&format!("Audit {}: {}", a.id, x.theme), blocks)
}

fn by_area(a: &AuditPart) -> Section {
    let s = &a.summary;
    let n = s.scale.len();
    let chart = Chart::RagBars(RagBars {
        id: "grades-by-area-chart".to_owned(),
        title: "Grades by practice area".to_owned(),
        description: format!(
            "A stacked bar for each of the {} practice areas, showing how many cases got each grade ({}). {}",
            s.by_area.len(),
            s.scale.join(", "),
            s.by_area
                .iter()
                .map(|t| format!(
                    "{}: {} good or better.",
                    t.name,
                    percent(t.good_or_better_percent)
                ))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        keys: s
            .scale
            .iter()
            .enumerate()
            .map(|(i, w)| shade::grade_key(w, i, n))
            .collect(),
        bars: s
            .by_area
            .iter()
            .map(|t| RagBar {
                label: t.name.clone(),
                counts: t.counts.clone(),
            })
            .collect(),
    });
    let mut out = tallies(
        a,
        "Grades by practice area",
        "grades-by-area",
        "How many cases got each grade in each practice area.",
        &s.by_area,
    );
    out.blocks.insert(1, Block::Chart { chart });
    out
}

fn tallies(a: &AuditPart, heading: &str, id: &str, note: &str, rows: &[Tally]) -> Section {
    let s = &a.summary;
    let mut columns = vec![Column::text(if id == "grades-by-agency" {
        "Agency"
    } else {
        "Practice area"
    })];
    columns.extend(s.scale.iter().map(|w| Column::number(&shade::capital(w))));
    columns.push(Column::number("Graded"));
    columns.push(Column::number("Good or better"));
    let rows = rows
        .iter()
        .map(|t| {
            let mut row = vec![Cell::text(&t.name)];
            row.extend(t.counts.iter().map(|c| Cell::count(*c as usize)));
            row.push(Cell::count(t.graded as usize));
            row.push(match t.good_or_better_percent {
                Some(p) => Cell::measure(p, 1, "%"),
                None => Cell::text("none graded"),
            });
            row
        })
        .collect();
    section(
        heading,
        vec![
            paragraph(note),
            Block::Table {
                table: Table {
                    id: id.to_owned(),
                    caption: heading.to_owned(),
                    columns,
                    rows,
                },
            },
        ],
    )
}

/// "+12.5 points".
pub fn points(c: &AreaChange) -> String {
    c.points.map_or_else(
        || "not comparable".to_owned(),
        |p| format!("{p:+.1} points"),
    )
}

fn since(a: &AuditPart) -> Section {
    let heading = "Change since the last audit of this theme";
    let Some((id, year)) = a.previous else {
        return section(
            heading,
            vec![paragraph(
                "This is the first audit of this theme, so there is nothing to compare it with yet.",
            )],
        );
    };
    let rows = a
        .change
        .iter()
        .map(|c| {
            vec![
                Cell::text(&c.area),
                Cell::text(percent(c.before)),
                Cell::text(percent(c.now)),
                Cell::text(points(c)),
            ]
        })
        .collect();
    section(
        heading,
        vec![
            paragraph(format!(
                "Compared with audit {id} of the same theme in the {} programme: the share of grades good or better in each practice area then and now.",
                programme_year(year)
            )),
            Block::Table {
                table: Table {
                    id: "change-since-last".to_owned(),
                    caption: format!("Good or better, audit {id} and this audit"),
                    columns: vec![
                        Column::text("Practice area"),
                        Column::text("Then"),
                        Column::text("Now"),
                        Column::text("Change"),
                    ],
                    rows,
                },
            },
        ],
    )
}

fn findings(a: &AuditPart) -> Section {
    let heading = "Strengths and findings";
    let Some(cases) = &a.cases else {
        return section(
            heading,
            vec![paragraph(
                "The cases' grades, strengths and findings are shown only to those who may see the audit's cases; this copy gives the summary above.",
            )],
        );
    };
    let notes: Vec<Vec<Cell>> = cases
        .iter()
        .filter(|c| c.strengths.is_some() || c.findings.is_some())
        .map(|c| {
            vec![
                Cell::text(&c.reference),
                Cell::text(c.strengths.as_deref().unwrap_or("")),
                Cell::text(c.findings.as_deref().unwrap_or("")),
            ]
        })
        .collect();
    let mut columns = vec![Column::text("Case"), Column::text("Agencies")];
    columns.extend(a.audit.areas.iter().map(|x| Column::text(x)));
    let graded = cases
        .iter()
        .map(|c| {
            let mut row = vec![Cell::text(&c.reference), Cell::text(c.agencies.join(", "))];
            row.extend(a.audit.areas.iter().map(|area| {
                c.grades
                    .iter()
                    .find(|(x, _)| x == area)
                    .map_or(Cell::Empty, |(_, g)| shade::rating(g, &a.audit.scale))
            }));
            row
        })
        .collect();
    let mut blocks = vec![paragraph(format!(
        "{} sampled, each named by its pseudonymous reference only.",
        words::count(cases.len(), "case was", "cases were")
    ))];
    if notes.is_empty() {
        blocks.push(paragraph("No strengths or findings were recorded."));
    } else {
        blocks.push(Block::Table {
            table: Table {
                id: "strengths-and-findings".to_owned(),
                caption: "What went well and what did not, case by case".to_owned(),
                columns: vec![
                    Column::text("Case"),
                    Column::text("Strengths"),
                    Column::text("Findings"),
                ],
                rows: notes,
            },
        });
    }
    blocks.push(Block::Table {
        table: Table {
            id: "case-grades".to_owned(),
            caption: "Each case's agencies and grades".to_owned(),
            columns,
            rows: graded,
        },
    });
    section(heading, blocks)
}

fn recommendations(a: &AuditPart) -> Section {
    let heading = "Recommendations";
    if a.recommendations.is_empty() {
        return section(
            heading,
            vec![paragraph("The audit made no recommendation.")],
        );
    }
    let rows = a
        .recommendations
        .iter()
        .map(|r| {
            vec![
                Cell::text(&r.text),
                Cell::text(match (&r.plan, &r.action) {
                    (Some(p), Some(n)) => format!("{p}, action {n}"),
                    _ => "sub-group work (no plan action)".to_owned(),
                }),
            ]
        })
        .collect();
    section(
        heading,
        vec![Block::Table {
            table: Table {
                id: "audit-recommendations".to_owned(),
                caption: "The audit's recommendations and what answers them".to_owned(),
                columns: vec![Column::text("Recommendation"), Column::text("Answered by")],
                rows,
            },
        }],
    )
}
