//! Plans in boards' own layouts (those of `plan-layouts.md`, with invented wording), built
//! here as DOCX, ODT, XLSX and CSV, each read into its expected actions: ids, text, leads,
//! due dates and ratings, with the inferences a business manager should check.

use domain::{Rag, WarningKind};
use formats::plan_tables::{self, Field, Format, Imported};
use rust_xlsxwriter::{Format as Style, Workbook};

use crate::plan_tables_fixtures::{Part, c, covered, docx, odt, row};

/// One expected action: id, text, leads, due date ("" for none), rating.
pub(crate) type Want = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    Option<Rag>,
);

/// An action as compared: id, text, leads, due date, rating.
pub(crate) type Got = (String, String, Vec<String>, String, Option<Rag>);

pub(crate) fn read(format: Format, bytes: &[u8], name: &str) -> Imported {
    let imported =
        plan_tables::import(format, bytes, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    let problems = domain::validate(&imported.partnership);
    assert!(
        problems.is_empty(),
        "{name} gives an invalid plan: {problems:?}"
    );
    imported
}

pub(crate) fn check(imported: &Imported, objectives: &[(&str, &str)], want: &[Want]) {
    let got_objectives: Vec<(String, String)> = imported
        .preview
        .objectives
        .iter()
        .map(|o| (o.number.clone(), o.title.clone()))
        .collect();
    let want_objectives: Vec<(String, String)> = objectives
        .iter()
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    assert_eq!(got_objectives, want_objectives);
    let got: Vec<Got> = imported
        .preview
        .objectives
        .iter()
        .flat_map(|o| &o.actions)
        .map(|a| {
            let due = a.due.map(|d| d.to_string()).unwrap_or_default();
            (a.id.clone(), a.text.clone(), a.leads.clone(), due, a.status)
        })
        .collect();
    let want: Vec<Got> = want
        .iter()
        .map(|(id, text, leads, due, rag)| {
            let leads = leads.iter().map(|l| l.to_string()).collect();
            (
                id.to_string(),
                text.to_string(),
                leads,
                due.to_string(),
                *rag,
            )
        })
        .collect();
    assert_eq!(got, want);
}

pub(crate) fn inferred(imported: &Imported, part: &str) -> bool {
    imported
        .report
        .inferred
        .iter()
        .any(|i| i.what.contains(part))
}

pub(crate) fn note<'a>(imported: &'a Imported, id: &str, label: &str) -> Option<&'a str> {
    imported
        .preview
        .objectives
        .iter()
        .flat_map(|o| &o.actions)
        .find(|a| a.id == id)?
        .notes
        .iter()
        .find(|n| n.label == label)
        .map(|n| n.text.as_str())
}

/// P1: objective headings in capitals between tables, one heading row per table, numbers
/// in the action cell with lettered sub-actions, groups as leads with a footnote digit,
/// "Ongoing" timescales, page furniture in a cell, two paragraphs in a cell.
pub(crate) fn p1_parts() -> Vec<Part> {
    let head = || row(&["ACTION", "OUTCOME", "LEAD", "TIMESCALE", "PROGRESS"]);
    vec![
        Part::Para("Brightwater LSCB Business Plan 2011-12"),
        Part::Para("LSCB Objective 1: TO STRENGTHEN EARLY HELP"),
        Part::Table(vec![
            head(),
            row(&[
                "1.1 Agree an early help strategy",
                "A strategy in place",
                "Early Help Sub Group",
                "June 2011",
                "Draft written",
            ]),
            row(&[
                "1.1a Consult partners on the draft",
                "Views gathered",
                "Monitoring and Evaluation Sub Group1",
                "Ongoing",
                "",
            ]),
            vec![
                c("1.1b Publish the strategy\nand brief front-line staff"),
                c("Staff aware Page 1of 9"),
                c("Chair / Business Manager"),
                c("September 2011"),
                c(""),
            ],
        ]),
        Part::Para("LSCB Objective 2: TO LEARN FROM CASES"),
        Part::Table(vec![
            head(),
            row(&[
                "2.1 Run two multi-agency audits (see 1.1)",
                "Audit reports",
                "Quality Assurance Sub Group",
                "March 2012",
                "",
            ]),
        ]),
    ]
}

const P1_WANT: &[Want] = &[
    (
        "1.1",
        "Agree an early help strategy",
        &["Early Help Sub Group"],
        "2011-06-30",
        None,
    ),
    (
        "1.1a",
        "Consult partners on the draft",
        &["Monitoring and Evaluation Sub Group"],
        "",
        None,
    ),
    (
        "1.1b",
        "Publish the strategy\nand brief front-line staff",
        &["Chair", "Business Manager"],
        "2011-09-30",
        None,
    ),
    (
        "2.1",
        "Run two multi-agency audits (see 1.1)",
        &["Quality Assurance Sub Group"],
        "2012-03-31",
        None,
    ),
];

#[test]
fn p1_objective_headings_between_word_tables() {
    let imported = read(Format::Docx, &docx(&p1_parts()), "brightwater.docx");
    check(
        &imported,
        &[
            ("1", "TO STRENGTHEN EARLY HELP"),
            ("2", "TO LEARN FROM CASES"),
        ],
        P1_WANT,
    );
    let plan = &imported.partnership.plans[0];
    assert_eq!(plan.title, "Brightwater LSCB Business Plan 2011-12");
    assert_eq!(plan.period.end.to_string(), "2012-03-31");
    assert_eq!(note(&imported, "1.1b", "OUTCOME"), Some("Staff aware"));
    assert_eq!(
        imported.preview.objectives[0].actions[0].progress,
        "Draft written"
    );
    let (_, a) = plan.action("2.1").unwrap();
    assert_eq!(a.references, ["1.1"], "the cross-reference is linked");
    assert!(a.text.contains("\n\nOUTCOME: Audit reports"), "{}", a.text);
    assert!(inferred(
        &imported,
        "read from the start of the action's text"
    ));
    assert!(
        !inferred(&imported, "repeats the heading row"),
        "each table's own heading row is the layout, not a repeat"
    );
    let ongoing = plan.action("1.1a").unwrap().1.timescale.clone().unwrap();
    assert_eq!(ongoing.recurrence, Some(domain::Recurrence::Ongoing));
}

#[test]
fn p1_reads_the_same_from_odt() {
    let imported = read(Format::Odt, &odt(&p1_parts()), "brightwater.odt");
    check(
        &imported,
        &[
            ("1", "TO STRENGTHEN EARLY HELP"),
            ("2", "TO LEARN FROM CASES"),
        ],
        P1_WANT,
    );
}

/// P2: "PRIORITY 1a" headings with a strategic lead line and an objectives list, numbers
/// "1.", "2." restarting under each priority, timescales as prose with dates, an empty RAG
/// column, a lead merged down two rows.
pub(crate) fn p2_parts() -> Vec<Part> {
    let head = || {
        row(&[
            "Specific Actions",
            "Timescale/Target",
            "Lead",
            "Output/Outcome measurement",
            "RAG rating",
        ])
    };
    vec![
        Part::Para(
            "Eastbrook SLSCB Business Plan 2012-13 – actions, timescales, outcomes and RAG ratings",
        ),
        Part::Para("PRIORITY 1a Early Help and Prevention"),
        Part::Para("Strategic Lead from SLSCB Executive: Head of Early Help"),
        Part::Para("OBJECTIVES:"),
        Part::Table(vec![
            head(),
            vec![
                c("1. Agree the early help offer"),
                c("Strategy agreed and in place by April 2012"),
                c("Early Help Manager").down(2),
                c("Offer published"),
                c(""),
            ],
            vec![
                c("2. Train lead professionals"),
                c("Training programme to run across financial year 2012/13"),
                covered(),
                c("Staff trained"),
                c(""),
            ],
        ]),
        Part::Para("PRIORITY 1b Neglect"),
        Part::Table(vec![
            head(),
            row(&[
                "1. Adopt a neglect toolkit",
                "Reports to be received in June/July 2012",
                "Named Nurse",
                "Toolkit in use",
                "Green",
            ]),
            row(&[
                "2. Audit neglect cases",
                "Review completed by September 2012",
                "Quality Assurance Group",
                "Audit report",
                "A",
            ]),
        ]),
    ]
}

const P2_WANT: &[Want] = &[
    (
        "1a.1",
        "Agree the early help offer",
        &["Early Help Manager"],
        "2012-04-30",
        None,
    ),
    (
        "1a.2",
        "Train lead professionals",
        &["Early Help Manager"],
        "2013-03-31",
        None,
    ),
    (
        "1b.1",
        "Adopt a neglect toolkit",
        &["Named Nurse"],
        "2012-07-31",
        Some(Rag::Green),
    ),
    (
        "1b.2",
        "Audit neglect cases",
        &["Quality Assurance Group"],
        "2012-09-30",
        Some(Rag::Amber),
    ),
];

#[test]
fn p2_numbers_restarting_under_each_priority_in_odt() {
    let imported = read(Format::Odt, &odt(&p2_parts()), "eastbrook.odt");
    check(
        &imported,
        &[("1a", "Early Help and Prevention"), ("1b", "Neglect")],
        P2_WANT,
    );
    assert_eq!(imported.preview.objectives[0].leads, ["Head of Early Help"]);
    assert!(
        inferred(&imported, "1. under objective 1a is action 1a.1"),
        "{:?}",
        imported.report.inferred
    );
    // The one warning is the cell naming two months (due at the later one's end, to check);
    // an empty RAG is not rated and not warned about.
    let warnings: Vec<&str> = imported
        .report
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("\"Reports to be received in June/July 2012\" names two months"));
}

#[test]
fn p2_reads_the_same_from_docx() {
    let imported = read(Format::Docx, &docx(&p2_parts()), "eastbrook.docx");
    check(
        &imported,
        &[("1a", "Early Help and Prevention"), ("1b", "Neglect")],
        P2_WANT,
    );
}

/// P3 as a workbook: title rows above the heading row, theme rows merged across, a "how"
/// cell merged down over two "what" rows, no numbers, no RAG, qualified and non-date
/// timescales.
fn p3_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = Style::new();
    sheet
        .write_string(0, 0, "Westmoor LSCB Strategic Business Plan 2014-15")
        .unwrap();
    sheet.write_string(1, 0, "This is a working draft").unwrap();
    let heads = [
        "How will the LSCB do this?",
        "What will it do?",
        "Responsible lead/ group",
        "By when",
        "What is desired outcome",
        "What will impact be and how measured",
    ];
    for (col, h) in (0u16..).zip(heads) {
        sheet.write_string(3, col, h).unwrap();
    }
    sheet
        .merge_range(4, 0, 4, 5, "LSCB Priority Theme One: Learning and improvement (link to the training strategy 2014)", &plain)
        .unwrap();
    sheet
        .merge_range(5, 0, 6, 0, "Through a learning framework", &plain)
        .unwrap();
    let rows: [[&str; 5]; 3] = [
        [
            "Publish learning briefings",
            "Training Sub Group",
            "September 2014 (website permitting)",
            "Staff know the lessons",
            "Survey",
        ],
        [
            "Hold a learning event",
            "Business Manager",
            "March 2015 as per training strategy",
            "Practice changes",
            "Audit",
        ],
        [
            "Review the framework",
            "Chair",
            "As per strategy and action plan",
            "",
            "",
        ],
    ];
    for (r, cells) in (5u32..).zip(rows) {
        for (col, text) in (1u16..).zip(cells) {
            sheet.write_string(r, col, text).unwrap();
        }
    }
    sheet.write_string(7, 0, "Through scrutiny").unwrap();
    sheet
        .merge_range(8, 0, 8, 5, "LSCB Priority Theme Two: Early help", &plain)
        .unwrap();
    let cells = [
        "Through the early help offer",
        "Map early help services",
        "Early Help Sub Group",
        "December 2014",
        "A map",
        "",
    ];
    for (col, text) in (0u16..).zip(cells) {
        sheet.write_string(9, col, text).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn p3_unnumbered_rows_under_merged_themes_in_xlsx() {
    let imported = read(Format::Xlsx, &p3_workbook(), "westmoor.xlsx");
    check(
        &imported,
        &[
            (
                "1",
                "Learning and improvement (link to the training strategy 2014)",
            ),
            ("2", "Early help"),
        ],
        &[
            (
                "1.1",
                "Publish learning briefings",
                &["Training Sub Group"],
                "2014-09-30",
                None,
            ),
            (
                "1.2",
                "Hold a learning event",
                &["Business Manager"],
                "2015-03-31",
                None,
            ),
            ("1.3", "Review the framework", &["Chair"], "", None),
            (
                "2.1",
                "Map early help services",
                &["Early Help Sub Group"],
                "2014-12-31",
                None,
            ),
        ],
    );
    let how = "How will the LSCB do this?";
    assert_eq!(
        note(&imported, "1.2", how),
        Some("Through a learning framework"),
        "the merged cell is on both rows"
    );
    assert_eq!(note(&imported, "1.3", how), Some("Through scrutiny"));
    assert_eq!(
        note(&imported, "1.1", "What will impact be and how measured"),
        Some("Survey")
    );
    let m = &imported.preview.mappings[0];
    assert_eq!(m.place, "sheet \"Sheet1\", row 4");
    assert_eq!(m.columns[0].field, Field::Note);
    assert_eq!(m.columns[1].field, Field::Action);
    assert!(inferred(&imported, "it is action 1.1 by its position"));
    assert!(
        imported.report.warnings.iter().any(
            |w| w.kind == WarningKind::UnreadTimescale && w.message.contains("As per strategy")
        )
    );
    assert_eq!(
        imported.partnership.plans[0].period.start.to_string(),
        "2014-04-01"
    );
}
