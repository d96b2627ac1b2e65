//! The assurance reports — one audit ([`audit`]), a Section 11 cycle ([`section11`]), the
//! risk register ([`risks`]) — and the assurance the plan's own reports gain ([`extend`]):
//! the risks above appetite on the board paper; the year's audits, the Section 11 summary and
//! the risks above appetite in the annual report and the self-assessment. `shade` colours
//! their cells.

pub mod audit;
pub mod risks;
pub mod section11;
mod shade;

use crate::build::sections::{paragraph, section};
use crate::facts::Facts;
use crate::kind::ReportKind;
use crate::model::{Block, Cell, Column, Section, Table};

/// Add the assurance sections report `kind` carries to its `sections`. A board that keeps no
/// assurance in Boardplan gets none, so its reports read as before.
pub fn extend(kind: ReportKind, f: &Facts<'_>, sections: &mut Vec<Section>) {
    let a = &f.input.assurance;
    match kind {
        // Before the appendix of every action, which stays last.
        ReportKind::BoardPaper if !a.risks.is_empty() => {
            let at = sections.len().saturating_sub(1);
            sections.insert(at, risks::above_appetite(&a.risks, f.as_at()));
        }
        ReportKind::Annual | ReportKind::SelfAssessment if !a.is_empty() => {
            sections.push(year(f));
        }
        _ => {}
    }
}

/// "Assurance": the year's audits, Section 11 and the risks above appetite.
pub(crate) fn year(f: &Facts<'_>) -> Section {
    let a = &f.input.assurance;
    let mut audits = vec![];
    if a.audits.is_empty() {
        audits.push(paragraph(
            "No audit of the programme fell in the plan's year.",
        ));
    } else {
        audits.push(paragraph(
            "Each audit of the plan's year, with how its cases were graded and the change since the last audit of the same theme.",
        ));
        audits.push(Block::Table {
            table: audits_table(a),
        });
    }
    let mut s11 = vec![];
    match &a.section11 {
        None => s11.push(paragraph("No Section 11 cycle had been run by this date.")),
        Some(s) => {
            s11.push(paragraph(format!(
                "The {} cycle, {}: how many agencies gave each rating to each standard.",
                s.year,
                s.stage.label().to_lowercase()
            )));
            s11.push(Block::Table {
                table: section11::counts_table(s),
            });
            s11.push(paragraph(section11::outstanding_words(s)));
            if let Some(t) = section11::outstanding_table(s) {
                s11.push(Block::Table { table: t });
            }
        }
    }
    section(
        "Assurance",
        vec![
            Block::Section {
                section: section("Audits of the year", audits),
            },
            Block::Section {
                section: section("Section 11 self-assessment", s11),
            },
            Block::Section {
                section: risks::above_appetite(&a.risks, f.as_at()),
            },
        ],
    )
}

fn audits_table(a: &crate::assurance::Assurance) -> Table {
    let rows = a
        .audits
        .iter()
        .map(|p| {
            let s = &p.summary;
            let grades: Vec<String> = s
                .scale
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let n: u32 = s.by_area.iter().map(|t| t.counts[i]).sum();
                    format!("{w} {n}")
                })
                .collect();
            let change: Vec<String> = p
                .change
                .iter()
                .filter(|c| c.points.is_some())
                .map(|c| format!("{} {}", c.area, audit::points(c)))
                .collect();
            vec![
                Cell::text(format!("{}. {}", p.id, p.audit.theme)),
                Cell::text(p.audit.kind.label()),
                Cell::text(p.audit.status.label()),
                Cell::count(s.cases as usize),
                Cell::text(grades.join(", ")),
                Cell::text(audit::overall_good(&s.by_area, s.good_grades)),
                Cell::text(match p.previous {
                    None => "first audit of the theme".to_owned(),
                    Some(_) if change.is_empty() => "not comparable".to_owned(),
                    Some(_) => change.join("; "),
                }),
            ]
        })
        .collect();
    Table {
        id: "audits-of-the-year".to_owned(),
        caption: "The year's audits and their grades".to_owned(),
        columns: vec![
            Column::text("Audit"),
            Column::text("Kind"),
            Column::text("Status"),
            Column::number("Cases"),
            Column::text("Grades given"),
            Column::text("Good or better"),
            Column::text("Since the last audit of the theme"),
        ],
        rows,
    }
}
