//! DOCX (docx-rs), for councils that edit papers in Word: real heading styles (so Word's
//! navigation pane and a screen reader see the outline), a caption above each table, bold
//! shaded header rows, RAG cells shaded with their colour and holding their word, and each
//! chart given as its description and data table. Paragraph ids restart for every document
//! and its dates are the generated-at stamp, so the same report gives the same bytes.

use std::io::Cursor;

use docx_rs::{
    AlignmentType, Docx, Paragraph, Run, RunFonts, Shading, ShdType, Style, StyleType,
    Table as DocxTable, TableCell, TableRow, WidthType,
};

use super::{RenderError, zip_fixed};
use crate::model::{Block, Cell, Report, Section, Table};

const FONT: &str = "Arial";
/// The width between A4 margins of 2.54 cm, in twentieths of a point.
const TEXT_WIDTH: f64 = 9026.0;

fn heading_style(level: usize, size: usize) -> Style {
    Style::new(format!("Heading{level}"), StyleType::Paragraph)
        .name(format!("Heading {level}"))
        .based_on("Normal")
        .next("Normal")
        .bold()
        .size(size)
        .outline_lvl(level - 1)
}

fn text(t: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(t))
}

pub fn render(report: &Report) -> Result<Vec<u8>, RenderError> {
    // docx-rs numbers paragraphs from a per-thread counter it does not let us reset: a fresh
    // thread starts it at 1, so the same report always gets the same ids.
    std::thread::scope(|s| s.spawn(|| build(report)).join())
        .unwrap_or_else(|_| Err(RenderError::Docx("the DOCX writer panicked".to_owned())))
}

fn build(report: &Report) -> Result<Vec<u8>, RenderError> {
    let stamp = report
        .generated_at
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let mut doc = Docx::new()
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT))
        .default_size(22)
        .created_at(&stamp)
        .updated_at(&stamp)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .bold()
                .size(40),
        )
        .add_style(heading_style(1, 32))
        .add_style(heading_style(2, 28))
        .add_style(heading_style(3, 24))
        .add_style(heading_style(4, 22))
        .add_style(
            Style::new("Caption", StyleType::Paragraph)
                .name("Caption")
                .bold()
                .size(20),
        );
    doc = doc
        .add_paragraph(text(&report.partnership))
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(&report.title)),
        )
        .add_paragraph(text(&format!("{}: {}", report.plan, report.dateline())));
    for s in &report.sections {
        doc = section(doc, s, 1);
    }
    doc = doc.add_paragraph(text(&report.generated_line()));
    let mut xml = doc.build();
    xml.document = header_rows(&xml.document);
    let mut buf = Cursor::new(Vec::new());
    xml.pack(&mut buf)
        .map_err(|e| RenderError::Docx(e.to_string()))?;
    Ok(zip_fixed::normalise(&buf.into_inner())?)
}

/// Marks the first row of every table as its header row (`w:tblHeader`), which docx-rs cannot
/// do: Word repeats it on each page, and screen readers announce its cells as headers.
fn header_rows(document: &[u8]) -> Vec<u8> {
    const FIRST_ROW: &str = "</w:tblGrid><w:tr><w:trPr />";
    const HEADER_ROW: &str = "</w:tblGrid><w:tr><w:trPr><w:tblHeader /></w:trPr>";
    match std::str::from_utf8(document) {
        Ok(text) => text.replace(FIRST_ROW, HEADER_ROW).into_bytes(),
        Err(_) => document.to_vec(),
    }
}

fn section(mut doc: Docx, s: &Section, level: usize) -> Docx {
    let level = level.min(4);
    doc = doc.add_paragraph(
        Paragraph::new()
            .style(&format!("Heading{level}"))
            .keep_next(true)
            .add_run(Run::new().add_text(&s.heading)),
    );
    for b in &s.blocks {
        doc = match b {
            Block::Paragraph { text: t } => doc.add_paragraph(text(t)),
            Block::List { items } => items
                .iter()
                .fold(doc, |d, i| d.add_paragraph(text(&format!("• {i}")))),
            Block::Figures { figures } => figures.iter().fold(doc, |d, f| {
                d.add_paragraph(
                    Paragraph::new()
                        .add_run(Run::new().add_text(format!("{}: ", f.label)))
                        .add_run(Run::new().bold().add_text(&f.value)),
                )
            }),
            Block::Table { table: t } => table(doc, t),
            Block::Summarised { note, summary, .. } => {
                table(doc.add_paragraph(text(note)), summary)
            }
            Block::Chart { chart } => {
                let d = doc
                    .add_paragraph(
                        Paragraph::new()
                            .style("Caption")
                            .add_run(Run::new().add_text(format!("Chart: {}", chart.title()))),
                    )
                    .add_paragraph(text(chart.description()));
                table(d, &chart.as_table())
            }
            Block::Section { section: inner } => section(doc, inner, level + 1),
        };
    }
    doc
}

fn table(doc: Docx, t: &Table) -> Docx {
    let header = TableRow::new(
        t.columns
            .iter()
            .map(|c| {
                TableCell::new()
                    .shading(Shading::new().shd_type(ShdType::Clear).fill("F3F2F1"))
                    .add_paragraph(Paragraph::new().add_run(Run::new().bold().add_text(&c.header)))
            })
            .collect(),
    );
    let mut rows = vec![header];
    for r in &t.rows {
        rows.push(TableRow::new(
            r.iter()
                .zip(&t.columns)
                .map(|(cell, col)| {
                    let p = Paragraph::new();
                    let p = if col.numeric {
                        p.align(AlignmentType::Right)
                    } else {
                        p
                    };
                    match cell {
                        Cell::Rag { mark } => TableCell::new()
                            .shading(
                                Shading::new()
                                    .shd_type(ShdType::Clear)
                                    .fill(mark.fill.trim_start_matches('#').to_uppercase()),
                            )
                            .add_paragraph(
                                p.add_run(
                                    Run::new()
                                        .bold()
                                        .color(mark.ink.trim_start_matches('#').to_uppercase())
                                        .add_text(mark.label()),
                                ),
                            ),
                        Cell::Shaded { text, fill, ink } => TableCell::new()
                            .shading(
                                Shading::new()
                                    .shd_type(ShdType::Clear)
                                    .fill(fill.trim_start_matches('#').to_uppercase()),
                            )
                            .add_paragraph(
                                p.add_run(
                                    Run::new()
                                        .bold()
                                        .color(ink.trim_start_matches('#').to_uppercase())
                                        .add_text(text),
                                ),
                            ),
                        _ => TableCell::new()
                            .add_paragraph(p.add_run(Run::new().add_text(cell.as_text()))),
                    }
                })
                .collect(),
        ));
    }
    doc.add_paragraph(
        Paragraph::new()
            .style("Caption")
            .keep_next(true)
            .add_run(Run::new().add_text(&t.caption)),
    )
    .add_table(
        DocxTable::new(rows)
            .set_grid(
                t.widths()
                    .iter()
                    .map(|w| (w * TEXT_WIDTH) as usize)
                    .collect(),
            )
            .width(TEXT_WIDTH as usize, WidthType::Dxa),
    )
}
