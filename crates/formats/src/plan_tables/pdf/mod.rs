//! Plans in PDF files with a text layer: the plan as Word or LibreOffice printed it.
//!
//! A PDF holds no tables, only letters at positions and lines drawn on the page. `page`
//! collects both from each page (the letters with their positions and sizes, the table's
//! ruling lines) by `interpret`, a pass over each page's operators as `lexer` reads them
//! from the document lopdf loads, with each font read once by `fonts`, or through
//! `pdf-extract` for the fonts that pass leaves alone; `runs` joins letters into runs of
//! words; `grid` finds each ruled table from its lines and puts every run in its cell,
//! undoing merged cells the way the other readers do; this module puts the pages together,
//! carrying a table on from one page to the next and leaving out what every page repeats
//! (running heads, page numbers). The result is the same blocks every other reader gives.
//!
//! A scanned plan has pages but no letters: that is refused with an error that says so.

mod fonts;
mod grid;
mod interpret;
mod lexer;
mod page;
mod runs;

use super::grid::{Block, Table, tidy};
use crate::{FormatError, Place};

/// The headings and tables of a PDF document.
pub(super) fn read(bytes: &[u8]) -> Result<Vec<Block>, FormatError> {
    let pages = page::read(bytes)?;
    if pages.iter().all(|p| p.glyphs.is_empty()) {
        return Err(FormatError::new(
            Place::Document,
            format!(
                "this PDF has {} page(s) but no text on them: it looks like a scan, a picture of the plan.",
                pages.len()
            ),
            "Import the document the PDF was made from (.docx, .odt, .xlsx), or a PDF saved from it with \"Save as PDF\"; a scanned plan needs its text recognised (OCR) first.",
        ));
    }
    let furniture = runs::repeated_lines(&pages);
    let mut blocks: Vec<Block> = Vec::new();
    let mut tables = 0;
    for (number, p) in pages.iter().enumerate() {
        let mut first_on_page = true;
        for item in grid::layout(p, &furniture) {
            match item {
                grid::Item::Line(text) => {
                    let text = tidy(&text);
                    if !text.is_empty() {
                        blocks.push(Block::Heading(text));
                        first_on_page = false;
                    }
                }
                grid::Item::Table(rows) => {
                    // A table first on its page may carry on the last one of the page before.
                    if first_on_page
                        && let Some(Block::Table(last)) = blocks.last_mut()
                        && continues(last, &rows)
                    {
                        carry_on(last, rows);
                        first_on_page = false;
                        continue;
                    }
                    tables += 1;
                    blocks.push(Block::Table(Table {
                        name: format!("table {tables} (page {})", number + 1),
                        first_row: 1,
                        rows,
                    }));
                    first_on_page = false;
                }
            }
        }
    }
    if tables == 0 {
        return Err(FormatError::new(
            Place::Document,
            "no table was found in this PDF: its tables are found by the lines drawn round their cells, and it has none.",
            "Import the document the PDF was printed from (.docx, .odt, .xlsx), or print it again with the table's borders showing; a plan written as text can be saved as .txt and imported.",
        ));
    }
    Ok(blocks)
}

/// A table at the top of a page carries on the last one of the page before when it has as
/// many columns: Word repeats no title between the two parts.
fn continues(last: &Table, rows: &[Vec<String>]) -> bool {
    let width = |r: &Vec<String>| r.len();
    last.rows.last().map(width) == rows.first().map(width)
}

/// Append a table's continuation. A row that Word split across the page break starts the
/// new page with its first cell empty, or unnumbered where the row before was numbered, and
/// fewer cells filled: its text joins the row it belongs to.
fn carry_on(last: &mut Table, rows: Vec<Vec<String>>) {
    let mut rows = rows.into_iter();
    if let Some(first) = rows.next() {
        match last.rows.last_mut() {
            Some(prev) if split(prev, &first) => {
                for (cell, more) in prev.iter_mut().zip(first) {
                    if more.is_empty() {
                        continue;
                    }
                    if !cell.is_empty() {
                        // Cut mid-sentence by the page, or a new paragraph.
                        let ended = cell.ends_with(['.', ':', ';', '!', '?']);
                        cell.push(if ended { '\n' } else { ' ' });
                    }
                    cell.push_str(&more);
                }
            }
            _ => last.rows.push(first),
        }
    }
    last.rows.extend(rows);
}

/// Whether `next`, first on its page, is the rest of `prev`: its first cell empty, or not
/// begun the way `prev`'s is (a number "1.25" where the next reads "25 of the"), with fewer
/// cells filled.
fn split(prev: &[String], next: &[String]) -> bool {
    let filled = |r: &[String]| r.iter().filter(|c| !c.trim().is_empty()).count();
    let first_empty = next.first().is_some_and(|c| c.trim().is_empty());
    filled(next) > 0 && (first_empty || (shape(prev) != shape(next) && filled(next) < filled(prev)))
}

/// The shape of a row's first word: digits as 9, letters as a, runs of either as one ("1.25"
/// is "9.9", "25" is "9", "Deliver" is "a").
fn shape(row: &[String]) -> String {
    let word = row
        .first()
        .and_then(|c| c.split_whitespace().next())
        .unwrap_or("");
    let mut out = String::new();
    for ch in word.chars() {
        let k = if ch.is_ascii_digit() {
            '9'
        } else if ch.is_alphabetic() {
            'a'
        } else {
            ch
        };
        if !out.ends_with(k) {
            out.push(k);
        }
    }
    out
}
