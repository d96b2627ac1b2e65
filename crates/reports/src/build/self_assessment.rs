//! The annual self-assessment for inspectors [13.4, 1.2], laid out against the plan's
//! objectives: for each, why it is in the plan, who leads it, where each action stands and
//! the evidence behind each completion (what was given, who signed it off and when), the
//! indicators that evidence it; then every review recommendation traced to what answers it.

use domain::{Completion, Objective};

use super::annual::answered_complete;
use super::board_paper::evidence_words;
use super::sections::{key_figures, objective_label, paragraph, performance, section};
use crate::facts::{Facts, mark};
use crate::model::{Block, Cell, Column, Section, Table};
use crate::words;

pub fn sections(f: &Facts<'_>) -> Vec<Section> {
    vec![
        section(
            "Introduction",
            vec![
                paragraph(format!(
                    "This self-assessment sets out, objective by objective, what {} set out to do in {}, how far it has got as at {}, and the evidence behind each completion.",
                    f.input.partnership.name,
                    f.plan.title,
                    words::date(f.as_at())
                )),
                key_figures(f),
            ],
        ),
        section(
            "Against the plan's objectives",
            f.plan
                .objectives
                .iter()
                .map(|o| Block::Section {
                    section: objective(f, o),
                })
                .collect(),
        ),
        recommendations(f),
        performance(f, false),
    ]
}

fn objective(f: &Facts<'_>, o: &Objective) -> Section {
    let reviews = &f.input.partnership.reviews;
    let sources: Vec<String> = o
        .sources
        .iter()
        .map(|code| {
            reviews
                .iter()
                .find(|r| &r.code == code)
                .map_or_else(|| code.clone(), |r| format!("{} ({code})", r.title))
        })
        .collect();
    let leads: Vec<String> = o.leads.iter().map(|l| f.role_title(l)).collect();
    let mut blocks = vec![paragraph(format!(
        "Why it is in the plan: {}. Led by: {}. Timescale: {}.",
        if sources.is_empty() {
            "no source recorded".to_owned()
        } else {
            sources.join(", ")
        },
        if leads.is_empty() {
            "no lead recorded".to_owned()
        } else {
            leads.join("; ")
        },
        o.timescale
            .as_ref()
            .map_or("none given", |t| t.label.as_str())
    ))];
    let rows = o
        .actions
        .iter()
        .filter_map(|a| f.statuses.iter().find(|s| s.action == a.id).map(|s| (a, s)))
        .map(|(a, s)| {
            let evidence: Vec<String> = f.evidence(&a.id).into_iter().map(evidence_words).collect();
            let signed = match (s.completion, f.signoff(&a.id)) {
                (Completion::SignedOff, Some(so)) => format!(
                    "signed off by {} on {}",
                    f.role_title(&so.role),
                    words::date(so.at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date())
                ),
                (Completion::AwaitingSignOff, _) => {
                    "reported complete, awaiting sign-off".to_owned()
                }
                _ => "not complete".to_owned(),
            };
            vec![
                Cell::text(&a.number),
                Cell::text(&a.text),
                Cell::Rag { mark: mark(s.rag) },
                Cell::text(signed),
                Cell::text(if evidence.is_empty() {
                    "none recorded".to_owned()
                } else {
                    evidence.join("; ")
                }),
                Cell::text(f.latest_update(&a.id).map_or("", |u| u.narrative.as_str())),
            ]
        })
        .collect();
    blocks.push(Block::Table {
        table: Table {
            id: format!("objective-{}", words::slug(&o.number)),
            caption: format!(
                "Objective {}: actions and the evidence behind them",
                o.number
            ),
            columns: vec![
                Column::text("Action"),
                Column::text("What"),
                Column::text("RAG"),
                Column::text("Completion"),
                Column::text("Evidence"),
                Column::text("Latest narrative"),
            ],
            rows,
        },
    });
    let numbers: Vec<&str> = std::iter::once(o.number.as_str())
        .chain(o.actions.iter().map(|a| a.number.as_str()))
        .collect();
    let evidencing: Vec<String> = f
        .input
        .indicators
        .iter()
        .filter(|i| i.evidences.iter().any(|e| numbers.contains(&e.as_str())))
        .map(|i| match i.latest_text() {
            Some(v) => format!("{}: {v}", i.name()),
            None => format!("{}: no value yet", i.name()),
        })
        .collect();
    if !evidencing.is_empty() {
        blocks.push(paragraph("Indicators that evidence this objective:"));
        blocks.push(Block::List { items: evidencing });
    }
    Section {
        id: format!("objective-{}", words::slug(&o.number)),
        heading: objective_label(o),
        blocks,
    }
}

fn recommendations(f: &Facts<'_>) -> Section {
    let mut rows = Vec::new();
    for r in &f.input.partnership.reviews {
        for rec in &r.recommendations {
            let status = if rec.answered_by.is_empty() {
                "not answered by the plan"
            } else if answered_complete(f, &rec.answered_by) {
                "answered; complete"
            } else {
                "answered; in progress"
            };
            rows.push(vec![
                Cell::text(&r.code),
                Cell::count(rec.number as usize),
                Cell::text(&rec.text),
                Cell::text(rec.answered_by.join(", ")),
                Cell::text(status),
            ]);
        }
    }
    section(
        "Review recommendations traced to the plan",
        vec![Block::Table {
            table: Table {
                id: "recommendations-traced".to_owned(),
                caption: "Each review recommendation and what in the plan answers it".to_owned(),
                columns: vec![
                    Column::text("Review"),
                    Column::number("No."),
                    Column::text("Recommendation"),
                    Column::text("Answered by"),
                    Column::text("Status"),
                ],
                rows,
            },
        }],
    )
}
