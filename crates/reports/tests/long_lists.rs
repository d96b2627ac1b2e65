//! Long lists of actions in a paper: a plan of 2,000 actions (the benches' generated plan) has
//! them counted by objective, with a note saying so and where every row is, while its
//! workbooks and CSV keep every row; the sample plan's papers list every action.

use crate::common;

// The benches' generator, shared by path: depending on the benches crate would pull in the
// store and the web app.
#[path = "../../../benches/src/lib.rs"]
mod generated;

use crate::common::{BOARD_MEETING, YEAR_END, kingston};
use reports::render::text;
use reports::{Block, Format, Report, ReportInput, ReportKind, Table, build, sample};

fn two_thousand_actions() -> ReportInput {
    let doc = generated::plan_document(100, 20);
    let imported = formats::plan_text::import(&doc).expect("the generated plan imports");
    let input = sample::input(
        imported.partnership,
        0,
        "2013-03-31".parse().expect("a date"),
        common::generated_at(),
    );
    assert_eq!(input.partnership.plans[0].actions().count(), 2_000);
    input
}

/// Every summarised list of the report: (note, summary, full), in reading order.
fn summarised(report: &Report) -> Vec<(&str, &Table, &Table)> {
    fn walk<'a>(blocks: &'a [Block], out: &mut Vec<(&'a str, &'a Table, &'a Table)>) {
        for b in blocks {
            match b {
                Block::Summarised {
                    note,
                    summary,
                    full,
                } => out.push((note, summary, full)),
                Block::Section { section } => walk(&section.blocks, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for s in &report.sections {
        walk(&s.blocks, &mut out);
    }
    out
}

/// The tables a reader of the document sees row by row (charts' data aside).
fn document_tables(report: &Report) -> Vec<&Table> {
    fn walk<'a>(blocks: &'a [Block], out: &mut Vec<&'a Table>) {
        for b in blocks {
            match b {
                Block::Table { table } => out.push(table),
                Block::Summarised { summary, .. } => out.push(summary),
                Block::Section { section } => walk(&section.blocks, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for s in &report.sections {
        walk(&s.blocks, &mut out);
    }
    out
}

/// The summary's "Actions" column, added up, and its "Which actions" cells, joined.
fn counted(summary: &Table) -> (usize, Vec<String>) {
    let total = summary
        .rows
        .iter()
        .map(|r| r[1].as_text().parse::<usize>().expect("a count"))
        .sum();
    let which = summary
        .rows
        .iter()
        .flat_map(|r| {
            r.last()
                .expect("a which column")
                .as_text()
                .split(", ")
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    (total, which)
}

#[test]
fn a_two_thousand_action_annual_report_counts_what_is_carried_forward_by_objective_and_says_where_every_row_is()
 {
    let report = build(ReportKind::Annual, &two_thousand_actions());
    let lists = summarised(&report);
    let (note, summary, full) = lists
        .iter()
        .find(|(_, _, full)| full.id == "carried-forward")
        .expect("the carried-forward list is summarised");
    assert!(full.rows.len() > 150, "{} rows", full.rows.len());
    assert_eq!(
        summary.caption,
        "Actions carried forward into the next plan, by objective"
    );
    assert!(summary.rows.len() <= 100, "at most one row per objective");
    let (total, which) = counted(summary);
    assert_eq!(total, full.rows.len(), "every open action is counted");
    let numbers: Vec<String> = full.rows.iter().map(|r| r[0].as_text()).collect();
    assert_eq!(which, numbers, "and named, in plan order");
    assert!(
        note.contains(&format!(
            "These {} actions are too many to list",
            numbers.len()
        )),
        "{note}"
    );
    assert!(
        note.contains(
            "in the table \"Actions carried forward into the next plan\" of the XLSX, ODS and CSV versions"
        ),
        "{note}"
    );
    let t = text::render(&report);
    assert!(t.contains(*note));
    assert!(t.contains("Table: Actions carried forward into the next plan, by objective"));
    assert!(
        document_tables(&report).iter().all(|t| t.rows.len() <= 150),
        "no document table lists hundreds of rows"
    );
    let csv = String::from_utf8(reports::render(&report, Format::Csv).expect("a CSV")).unwrap();
    for n in &numbers {
        assert!(
            csv.contains(&format!("\n{n},")),
            "action {n} has its own row in the CSV"
        );
    }
}

#[test]
fn a_two_thousand_action_board_paper_counts_its_appendix_by_objective() {
    let report = build(ReportKind::BoardPaper, &two_thousand_actions());
    let lists = summarised(&report);
    let (note, summary, full) = lists
        .iter()
        .find(|(_, _, full)| full.id == "actions")
        .expect("the appendix is summarised");
    assert_eq!(full.rows.len(), 2_000, "the workbooks keep every action");
    assert_eq!(summary.rows.len(), 100, "one row per objective");
    assert_eq!(counted(summary).0, 2_000);
    assert_eq!(counted(summary).1.len(), 2_000);
    assert!(
        note.contains("These 2000 actions are too many to list"),
        "{note}"
    );
    let sheets = report.tables();
    assert!(
        sheets
            .iter()
            .any(|t| t.id == "actions" && t.rows.len() == 2_000),
        "the workbooks' tables are the full ones"
    );
}

#[test]
fn the_sample_plans_papers_list_every_action_one_by_one() {
    for kind in ReportKind::ALL {
        for as_at in [BOARD_MEETING, YEAR_END] {
            let report = build(kind, &kingston(as_at));
            assert!(
                summarised(&report).is_empty(),
                "{kind} as at {as_at} summarises a list of the 49-action plan"
            );
        }
    }
    let paper = build(ReportKind::BoardPaper, &kingston(BOARD_MEETING));
    let appendix = paper
        .tables()
        .into_iter()
        .find(|t| t.id == "actions")
        .expect("the appendix");
    assert_eq!(appendix.rows.len(), 49);
    assert!(!text::render(&paper).contains("too many to list"));
}
