//! DOCX: the tables of `word/document.xml`, with the paragraphs between them as headings.
//!
//! A cell's paragraphs are joined by line breaks; a cell spanning columns (`w:gridSpan`) is
//! repeated in each; a cell continuing a vertical merge (`w:vMerge` without "restart") takes
//! the text of the cell above; a table inside a cell is read as more lines of that cell.
//! Deleted text (tracked changes) and field codes are left out.

use super::grid::{Block, Table, tidy};
use super::xml::{Step, walk};
use super::zipped::Zipped;
use crate::{FormatError, Place};

const WHAT: &str = "Word document (.docx)";

#[derive(Default)]
struct Cell {
    paragraphs: Vec<String>,
    span: usize,
    continues_above: bool,
}

#[derive(Default)]
struct Reading {
    blocks: Vec<Block>,
    tables: usize,
    depth: usize,
    rows: Vec<Vec<Cell>>,
    row: Vec<Cell>,
    cell: Cell,
    paragraph: String,
    in_text: bool,
}

pub(crate) fn read(bytes: &[u8]) -> Result<Vec<Block>, FormatError> {
    let mut zip = Zipped::open(bytes, WHAT)?;
    let Some(xml) = zip.text("word/document.xml")? else {
        return Err(FormatError::new(
            Place::Document,
            "this zip file has no word/document.xml, so it is not a Word document.",
            "Save the plan from Word as \"Word Document (.docx)\" and import that file.",
        ));
    };
    let mut r = Reading::default();
    walk(&xml, WHAT, |step| r.step(step))?;
    Ok(r.blocks)
}

impl Reading {
    fn step(&mut self, step: Step<'_>) {
        match step {
            Step::Open(e) => match e.name.as_str() {
                "tbl" => self.depth += 1,
                "tr" if self.depth == 1 => self.row = Vec::new(),
                "tc" if self.depth == 1 => {
                    self.cell = Cell {
                        span: 1,
                        ..Cell::default()
                    }
                }
                "gridSpan" if self.depth == 1 => {
                    self.cell.span = number(e.attribute("val")).clamp(1, 64);
                }
                "vMerge" if self.depth == 1 => {
                    self.cell.continues_above = e.attribute("val") != Some("restart");
                }
                "gridBefore" if self.depth == 1 => {
                    let n = number(e.attribute("val")).min(64);
                    self.row.extend((0..n).map(|_| Cell {
                        span: 1,
                        ..Cell::default()
                    }));
                }
                "p" => self.paragraph.clear(),
                "t" => self.in_text = true,
                // A run's tab; a tab stop in the paragraph's settings only adds a space that
                // tidying takes away again.
                "tab" => self.paragraph.push(' '),
                "br" | "cr" => self.paragraph.push('\n'),
                _ => {}
            },
            Step::Text(t) if self.in_text => self.paragraph.push_str(t),
            Step::Text(_) => {}
            Step::Close(name) => match name {
                "t" => self.in_text = false,
                "p" => {
                    let text = std::mem::take(&mut self.paragraph);
                    if self.depth == 0 {
                        let text = tidy(&text);
                        if !text.is_empty() {
                            self.blocks.push(Block::Heading(text));
                        }
                    } else {
                        self.cell.paragraphs.push(text);
                    }
                }
                "tc" if self.depth == 1 => self.row.push(std::mem::take(&mut self.cell)),
                "tr" if self.depth == 1 => {
                    let row = std::mem::take(&mut self.row);
                    self.rows.push(row);
                }
                "tbl" => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        self.tables += 1;
                        let rows = resolve(std::mem::take(&mut self.rows));
                        self.blocks.push(Block::Table(Table {
                            name: format!("table {}", self.tables),
                            first_row: 1,
                            rows,
                        }));
                    }
                }
                _ => {}
            },
        }
    }
}

fn number(value: Option<&str>) -> usize {
    value.and_then(|v| v.trim().parse().ok()).unwrap_or(1)
}

/// Undo the merges: repeat a spanning cell's text, fill a continued cell from above.
fn resolve(rows: Vec<Vec<Cell>>) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    for row in rows {
        let mut cells: Vec<String> = Vec::with_capacity(row.len());
        for cell in row {
            let text = if cell.continues_above {
                out.last()
                    .and_then(|above| above.get(cells.len()))
                    .cloned()
                    .unwrap_or_default()
            } else {
                tidy(&cell.paragraphs.join("\n"))
            };
            for _ in 0..cell.span.max(1) {
                cells.push(text.clone());
            }
        }
        out.push(cells);
    }
    out
}
