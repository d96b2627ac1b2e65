//! A report as typst markup. Every piece of text goes in as a typst string literal, so nothing
//! a person typed can be read as markup. Headings are real headings (the PDF's outline and
//! tags come from them), tables are figures with a caption above and a header row that
//! repeats on each page, RAG cells are filled and hold their word, and charts are the same
//! SVG drawings the HTML has, placed as vector images with their description as alt text,
//! followed by their data.

use std::fmt::Write;

use reports::render::svg;
use reports::{Block, Cell, Report, Section, Table};

use crate::world::FAMILY;

/// `text` as a typst string literal: `"C&D \"quoted\""`.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Content holding `text` and nothing else: `[#"text"]`.
fn content(text: &str) -> String {
    format!("[#{}]", string(text))
}

/// The typst source of `report`, and the chart files it places.
pub fn source(report: &Report) -> (String, Vec<(String, Vec<u8>)>) {
    let mut out = String::with_capacity(64 * 1024);
    let stamp = report
        .generated_at
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .datetime();
    let _ = writeln!(
        out,
        "#set document(title: {title}, author: \"Boardplan\", date: datetime(year: {}, month: {}, day: {}, hour: {}, minute: {}, second: {}))",
        stamp.year(),
        stamp.month(),
        stamp.day(),
        stamp.hour(),
        stamp.minute(),
        stamp.second(),
        title = string(&format!("{}: {}", report.title, report.partnership)),
    );
    let _ = writeln!(
        out,
        "#set text(font: {}, size: 10pt, lang: \"en\", region: \"gb\", fallback: false)",
        string(FAMILY)
    );
    let _ = writeln!(
        out,
        "#set page(paper: \"a4\", margin: (x: 1.8cm, y: 2cm), footer: context [#set text(size: 8pt); #{} #h(1fr) #{} #counter(page).display(\"1 of 1\", both: true)])",
        string(&format!("{} · {}", report.partnership, report.title)),
        string("Page")
    );
    out.push_str(
        "#set par(justify: false)\n\
         #show heading: set block(above: 1.4em, below: 0.7em)\n\
         #show heading.where(level: 1): set text(size: 15pt)\n\
         #show heading.where(level: 2): set text(size: 12.5pt)\n\
         #show heading.where(level: 3): set text(size: 11pt)\n\
         #set table(stroke: 0.5pt + rgb(\"#b1b4b6\"), inset: 4pt)\n\
         #show table: set text(size: 8pt)\n\
         #show figure.where(kind: table): set figure.caption(position: top)\n\
         #show figure.caption: set text(weight: \"bold\", size: 9pt)\n\
         #show figure: set block(breakable: true)\n\n",
    );
    let _ = writeln!(
        out,
        "#text(size: 9pt)[#{}]\n\n#title()\n\n#{}\n",
        string(&report.partnership),
        string(&format!("{}: {}", report.plan, report.dateline()))
    );
    out.push_str("#outline(title: [Contents], depth: 1)\n\n");
    let mut files = Vec::new();
    for s in &report.sections {
        section(&mut out, &mut files, s, 1);
    }
    let _ = writeln!(
        out,
        "#text(size: 8pt, fill: rgb(\"#505a5f\"))[#{}]",
        string(&report.generated_line())
    );
    (out, files)
}

fn section(out: &mut String, files: &mut Vec<(String, Vec<u8>)>, s: &Section, level: usize) {
    let _ = writeln!(
        out,
        "#heading(level: {}){}\n",
        level.min(6),
        content(&s.heading)
    );
    for b in &s.blocks {
        match b {
            Block::Paragraph { text } => {
                let _ = writeln!(out, "#{}\n", string(text));
            }
            Block::List { items } => {
                for i in items {
                    let _ = writeln!(out, "- #{}", string(i));
                }
                out.push('\n');
            }
            Block::Figures { figures } => {
                out.push_str("#grid(columns: (1fr, 1fr, 1fr, 1fr), gutter: 6pt,\n");
                for f in figures {
                    let _ = writeln!(
                        out,
                        "  block(stroke: (left: 3pt + rgb(\"#1d70b8\")), inset: (left: 6pt, y: 3pt), width: 100%)[#text(size: 8pt)[#{}] \\ #text(size: 13pt, weight: \"bold\")[#{}]],",
                        string(&f.label),
                        string(&f.value)
                    );
                }
                out.push_str(")\n\n");
            }
            Block::Table { table: t } => table(out, t),
            Block::Summarised { note, summary, .. } => {
                let _ = writeln!(out, "#{}\n", string(note));
                table(out, summary);
            }
            Block::Chart { chart } => {
                let name = format!("/chart-{}.svg", files.len() + 1);
                let _ = writeln!(
                    out,
                    "#figure(image({}, alt: {}, width: 100%), caption: {}, kind: image)\n",
                    string(&name),
                    string(&format!("{} {}", chart.title(), chart.description())),
                    content(chart.title())
                );
                files.push((name, svg::chart(chart).into_bytes()));
                table(out, &chart.as_table());
            }
            Block::Section { section: inner } => section(out, files, inner, level + 1),
        }
    }
}

fn table(out: &mut String, t: &Table) {
    let columns: Vec<&str> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| if c.numeric || i == 0 { "auto" } else { "1fr" })
        .collect();
    let align: Vec<&str> = t
        .columns
        .iter()
        .map(|c| if c.numeric { "right" } else { "left" })
        .collect();
    let _ = writeln!(
        out,
        "#figure(kind: table, caption: {}, table(columns: ({},), align: ({},),",
        content(&t.caption),
        columns.join(", "),
        align.join(", ")
    );
    out.push_str("  table.header(");
    for c in &t.columns {
        let _ = write!(
            out,
            "table.cell(fill: rgb(\"#f3f2f1\"))[#text(weight: \"bold\")[#{}]], ",
            string(&c.header)
        );
    }
    out.push_str("),\n");
    for row in &t.rows {
        out.push_str("  ");
        for cell in row {
            match cell {
                Cell::Rag { mark } => {
                    let _ = write!(
                        out,
                        "table.cell(fill: rgb(\"{}\"))[#text(fill: rgb(\"{}\"), weight: \"bold\")[#{}]], ",
                        mark.fill,
                        mark.ink,
                        string(&mark.label())
                    );
                }
                Cell::Shaded { text, fill, ink } => {
                    let _ = write!(
                        out,
                        "table.cell(fill: rgb(\"{fill}\"))[#text(fill: rgb(\"{ink}\"), weight: \"bold\")[#{}]], ",
                        string(text)
                    );
                }
                _ => {
                    let _ = write!(out, "{}, ", content(&cell.as_text()));
                }
            }
        }
        out.push('\n');
    }
    out.push_str("))\n\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_becomes_a_string_literal_that_cannot_be_read_as_markup() {
        assert_eq!(
            string("C&D #set \"x\" \\ [y]"),
            "\"C&D #set \\\"x\\\" \\\\ [y]\""
        );
        assert_eq!(string("a\nb\u{7}"), "\"a\\nb\"");
    }
}
