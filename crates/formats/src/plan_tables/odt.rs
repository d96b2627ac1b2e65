//! ODT and ODS: the tables of `content.xml` (an ODS's sheets are the same tables), with the
//! headings and paragraphs between them.
//!
//! A cell's paragraphs are joined by line breaks; a cell spanning columns
//! (`table:number-columns-spanned`) or rows (`table:number-rows-spanned`) gives its text to
//! the covered cells it hides; repeated rows and cells are repeated (up to a sane limit);
//! notes and comments are left out. A password-protected file is refused, as its
//! `content.xml` is encrypted.

use std::collections::HashMap;

use super::grid::{Block, Table, tidy};
use super::xml::{Step, walk};
use super::zipped::{Zipped, password_protected};
use crate::{FormatError, Place};

const ODT: &str = "OpenDocument text (.odt)";
const ODS: &str = "OpenDocument spreadsheet (.ods)";
/// Repeats beyond this are empty padding an editor adds to fill the page.
const MAX_REPEAT: usize = 64;

#[derive(Default, Clone)]
struct Cell {
    paragraphs: Vec<String>,
    across: usize,
    down: usize,
    covered: bool,
    repeat: usize,
}

#[derive(Default)]
struct Reading {
    /// Sheets are named by their own names; a text's tables by their position.
    sheets: bool,
    name: String,
    blocks: Vec<Block>,
    tables: usize,
    depth: usize,
    skip: usize,
    rows: Vec<(Vec<Cell>, usize)>,
    row: Vec<Cell>,
    row_repeat: usize,
    cell: Cell,
    paragraph: String,
}

pub(crate) fn read(bytes: &[u8]) -> Result<Vec<Block>, FormatError> {
    read_as(bytes, ODT, false)
}

/// An ODS read here rather than with calamine, which gives a merged cell's text to its first
/// cell only.
pub(crate) fn read_spreadsheet(bytes: &[u8]) -> Result<Vec<Block>, FormatError> {
    read_as(bytes, ODS, true)
}

fn read_as(bytes: &[u8], what: &'static str, sheets: bool) -> Result<Vec<Block>, FormatError> {
    let mut zip = Zipped::open(bytes, what)?;
    if zip
        .text("META-INF/manifest.xml")?
        .is_some_and(|m| m.contains("encryption-data"))
    {
        return Err(password_protected(what));
    }
    let Some(xml) = zip.text("content.xml")? else {
        return Err(FormatError::new(
            Place::Document,
            "this zip file has no content.xml, so it is not an OpenDocument file.",
            format!(
                "Save the plan from its word processor or spreadsheet as {what} and import that file."
            ),
        ));
    };
    let mut r = Reading {
        sheets,
        ..Reading::default()
    };
    walk(&xml, what, |step| r.step(step))?;
    Ok(r.blocks)
}

fn count(value: Option<&str>) -> usize {
    value
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(1usize)
        .clamp(1, MAX_REPEAT)
}

impl Reading {
    fn step(&mut self, step: Step<'_>) {
        if self.skip > 0 {
            match step {
                Step::Open(e) if is_skipped(&e.name) => self.skip += 1,
                Step::Close(name) if is_skipped(name) => self.skip -= 1,
                _ => {}
            }
            return;
        }
        match step {
            Step::Open(e) => match e.name.as_str() {
                n if is_skipped(n) => self.skip = 1,
                "table" => {
                    self.depth += 1;
                    if self.depth == 1 {
                        self.name = e.attribute("name").unwrap_or_default().to_string();
                    }
                }
                "table-row" if self.depth == 1 => {
                    self.row = Vec::new();
                    self.row_repeat = count(e.attribute("number-rows-repeated"));
                }
                "table-cell" | "covered-table-cell" if self.depth == 1 => {
                    self.cell = Cell {
                        across: count(e.attribute("number-columns-spanned")),
                        down: count(e.attribute("number-rows-spanned")),
                        covered: e.name == "covered-table-cell",
                        repeat: count(e.attribute("number-columns-repeated")),
                        paragraphs: Vec::new(),
                    };
                }
                "p" | "h" => self.paragraph.clear(),
                "s" => {
                    let n = count(e.attribute("c"));
                    self.paragraph.extend(std::iter::repeat_n(' ', n));
                }
                "tab" => self.paragraph.push(' '),
                "line-break" => self.paragraph.push('\n'),
                _ => {}
            },
            Step::Text(t) => self.paragraph.push_str(t),
            Step::Close(name) => match name {
                "p" | "h" => {
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
                "table-cell" | "covered-table-cell" if self.depth == 1 => {
                    let cell = std::mem::take(&mut self.cell);
                    for _ in 0..cell.repeat {
                        self.row.push(cell.clone());
                    }
                }
                "table-row" if self.depth == 1 => {
                    let row = std::mem::take(&mut self.row);
                    self.rows.push((row, self.row_repeat));
                }
                "table" => {
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == 0 {
                        self.tables += 1;
                        let rows = resolve(std::mem::take(&mut self.rows));
                        let name = if self.sheets {
                            format!("sheet \"{}\"", self.name)
                        } else {
                            format!("table {}", self.tables)
                        };
                        self.blocks.push(Block::Table(Table {
                            name,
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

fn is_skipped(name: &str) -> bool {
    matches!(name, "note" | "annotation" | "tracked-changes")
}

/// Undo the merges: a covered cell takes the text of the cell that spans over it, from above
/// when a cell above spans down to it, else from the left.
fn resolve(rows: Vec<(Vec<Cell>, usize)>) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    // Column → (text, rows still covered below).
    let mut down: HashMap<usize, (String, usize)> = HashMap::new();
    for (row, repeat) in rows {
        for _ in 0..repeat {
            let mut cells: Vec<String> = Vec::with_capacity(row.len());
            for cell in &row {
                let col = cells.len();
                let text = if cell.covered {
                    match down.get_mut(&col) {
                        Some((text, left)) if *left > 0 => {
                            *left -= 1;
                            text.clone()
                        }
                        _ => cells.last().cloned().unwrap_or_default(),
                    }
                } else {
                    let text = tidy(&cell.paragraphs.join("\n"));
                    for c in col..col + cell.across {
                        down.insert(c, (text.clone(), cell.down - 1));
                    }
                    text
                };
                cells.push(text);
            }
            out.push(cells);
        }
    }
    out
}
