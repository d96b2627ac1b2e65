//! Plain text: the report as a reader meets it, one line per paragraph, item, figure or table
//! row. Used for snapshot tests, for checking what a report says (and what a public one must
//! not), and for a quick look on a terminal.

use std::fmt::Write;

use crate::model::{Block, Report, Section, Table};

/// The report as plain text.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}\n{}\n{}: {}\n",
        report.title,
        report.partnership,
        report.plan,
        report.dateline()
    );
    for s in &report.sections {
        section(&mut out, s, 2);
    }
    let _ = writeln!(out, "{}", report.generated_line());
    out
}

fn section(out: &mut String, s: &Section, level: usize) {
    let marks = "=".repeat(level);
    let _ = writeln!(out, "{marks} {} {marks}", s.heading);
    for b in &s.blocks {
        match b {
            Block::Paragraph { text } => {
                let _ = writeln!(out, "{text}");
            }
            Block::List { items } => {
                for i in items {
                    let _ = writeln!(out, "- {i}");
                }
            }
            Block::Figures { figures } => {
                for f in figures {
                    let _ = writeln!(out, "* {}: {}", f.label, f.value);
                }
            }
            Block::Table { table: t } => table(out, t),
            Block::Summarised { note, summary, .. } => {
                let _ = writeln!(out, "{note}");
                table(out, summary);
            }
            Block::Chart { chart } => {
                let _ = writeln!(out, "[Chart: {}] {}", chart.title(), chart.description());
                table(out, &chart.as_table());
            }
            Block::Section { section: inner } => section(out, inner, level + 1),
        }
    }
    out.push('\n');
}

fn table(out: &mut String, t: &Table) {
    let _ = writeln!(out, "Table: {}", t.caption);
    let headers: Vec<&str> = t.columns.iter().map(|c| c.header.as_str()).collect();
    let _ = writeln!(out, "| {} |", headers.join(" | "));
    for row in &t.rows {
        let cells: Vec<String> = row.iter().map(|c| c.as_text()).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
}
