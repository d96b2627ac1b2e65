//! HTML: a standalone, accessible document (one file, its styles inline, nothing fetched), or
//! the report's body alone for the web app to place in its own layout. Headings nest by
//! section, tables have captions and header cells with `scope`, RAG cells carry the word as
//! well as the colour, and each chart is inline SVG with a title and description, followed by
//! its data as a table.

use std::fmt::Write;

use super::svg;
use super::xml::escape;
use crate::model::{Block, Cell, Report, Section, Table};

const STYLE: &str = "body{font-family:\"Noto Sans\",Arial,Helvetica,sans-serif;color:#0b0c0c;max-width:60rem;margin:0 auto;padding:1rem;line-height:1.4}\
h1{font-size:2rem}h2{font-size:1.5rem;margin-top:2rem;border-bottom:2px solid #1d70b8}h3{font-size:1.2rem}\
table{border-collapse:collapse;margin:1rem 0;width:100%}caption{text-align:left;font-weight:bold;padding:.25rem 0}\
th,td{border:1px solid #b1b4b6;padding:.25rem .5rem;vertical-align:top;text-align:left}thead th{background:#f3f2f1}\
td.num{text-align:right}.rag{font-weight:bold}.figures{display:flex;flex-wrap:wrap;gap:1rem;padding:0}\
.figures div{border-left:4px solid #1d70b8;padding:.25rem .75rem;min-width:10rem}.figures dt{font-size:.9rem}\
.figures dd{margin:0;font-size:1.5rem;font-weight:bold}figure{margin:1rem 0}svg{max-width:100%;height:auto}\
a{color:#1d70b8}footer{margin-top:2rem;color:#505a5f;font-size:.9rem}\
@media print{h2{break-after:avoid}table,figure{break-inside:avoid}}";

/// The report as a complete HTML document.
pub fn document(report: &Report) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"Boardplan\">\n<title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&report.title),
        escape(&report.partnership)
    );
    out.push_str(&fragment(report));
    let _ = write!(
        out,
        "<footer>\n<p>{}</p>\n</footer>\n</body>\n</html>\n",
        escape(&report.generated_line())
    );
    out
}

/// The report's body: its header, contents and sections, without `<html>` or styles.
pub fn fragment(report: &Report) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<header>\n<p>{}</p>\n<h1>{}</h1>\n<p>{}: {}</p>\n</header>\n",
        escape(&report.partnership),
        escape(&report.title),
        escape(&report.plan),
        escape(&report.dateline())
    );
    out.push_str("<nav aria-label=\"Contents\">\n<h2>Contents</h2>\n<ol>\n");
    for s in &report.sections {
        let _ = writeln!(
            out,
            "<li><a href=\"#{}\">{}</a></li>",
            escape(&s.id),
            escape(&s.heading)
        );
    }
    out.push_str("</ol>\n</nav>\n<main>\n");
    for s in &report.sections {
        section(&mut out, s, 2);
    }
    out.push_str("</main>\n");
    out
}

/// One section alone, its heading at `level`: for a page that shows a report's sections one
/// by one (the yearly report's narrative page).
pub fn section_fragment(s: &Section, level: u8) -> String {
    let mut out = String::new();
    section(&mut out, s, level);
    out
}

fn section(out: &mut String, s: &Section, level: u8) {
    let level = level.min(6);
    let _ = write!(
        out,
        "<section aria-labelledby=\"{id}\">\n<h{level} id=\"{id}\">{}</h{level}>\n",
        escape(&s.heading),
        id = escape(&s.id)
    );
    for b in &s.blocks {
        block(out, b, level);
    }
    out.push_str("</section>\n");
}

fn block(out: &mut String, b: &Block, level: u8) {
    match b {
        Block::Paragraph { text } => {
            let _ = writeln!(out, "<p>{}</p>", escape(text));
        }
        Block::List { items } => {
            out.push_str("<ul>\n");
            for i in items {
                let _ = writeln!(out, "<li>{}</li>", escape(i));
            }
            out.push_str("</ul>\n");
        }
        Block::Figures { figures } => {
            out.push_str("<dl class=\"figures\">\n");
            for f in figures {
                let _ = writeln!(
                    out,
                    "<div><dt>{}</dt><dd>{}</dd></div>",
                    escape(&f.label),
                    escape(&f.value)
                );
            }
            out.push_str("</dl>\n");
        }
        Block::Table { table: t } => table(out, t),
        Block::Summarised { note, summary, .. } => {
            let _ = writeln!(out, "<p>{}</p>", escape(note));
            table(out, summary);
        }
        Block::Chart { chart } => {
            let _ = write!(
                out,
                "<figure>\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
                svg::chart(chart),
                escape(chart.title())
            );
            table(out, &chart.as_table());
        }
        Block::Section { section: s } => section(out, s, level + 1),
    }
}

fn table(out: &mut String, t: &Table) {
    let _ = write!(
        out,
        "<table id=\"{}\">\n<caption>{}</caption>\n<thead>\n<tr>",
        escape(&t.id),
        escape(&t.caption)
    );
    for c in &t.columns {
        let _ = write!(out, "<th scope=\"col\">{}</th>", escape(&c.header));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let (open, close) = if i == 0 {
                ("<th scope=\"row\"", "</th>")
            } else {
                ("<td", "</td>")
            };
            match cell {
                Cell::Rag { mark } => {
                    let _ = write!(
                        out,
                        "{open} class=\"rag\" style=\"background:{};color:{}\">{}{close}",
                        mark.fill,
                        mark.ink,
                        escape(&mark.label())
                    );
                }
                Cell::Shaded { text, fill, ink } => {
                    let _ = write!(
                        out,
                        "{open} class=\"rag\" style=\"background:{fill};color:{ink}\">{}{close}",
                        escape(text)
                    );
                }
                Cell::Number { text, .. } => {
                    let _ = write!(out, "{open} class=\"num\">{}{close}", escape(text));
                }
                Cell::Date { date } => {
                    let _ = write!(
                        out,
                        "{open}><time datetime=\"{date}\">{}</time>{close}",
                        escape(&cell.as_text())
                    );
                }
                Cell::Text { .. } | Cell::Empty => {
                    let _ = write!(out, "{open}>{}{close}", escape(&cell.as_text()));
                }
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}
