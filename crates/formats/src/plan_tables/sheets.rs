//! XLSX (read with calamine, as the export round trip is) and CSV: every sheet is a table
//! whose rows keep the sheet's own numbers, so that a warning names the row a person sees.
//! Merged cells of an XLSX sheet give their text to every cell they cover. (ODS is read by
//! `odt`, whose tables an ODS's sheets are, so that its merges are undone too.)

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, XlsxError};

use super::grid::{Block, Table, tidy};
use super::zipped::{check_container, damaged, password_protected};
use crate::{FormatError, Place, xlsx_range};

const XLSX: &str = "Excel workbook (.xlsx)";

pub(crate) fn read_xlsx(bytes: &[u8]) -> Result<Vec<Block>, FormatError> {
    check_container(bytes, XLSX)?;
    xlsx_range::check_shared_strings(bytes)
        .map_err(|e| xlsx_range::refusal(e, "", || damaged(XLSX)))?;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| match e {
        XlsxError::Password => password_protected(XLSX),
        _ => damaged(XLSX),
    })?;
    let mut blocks = Vec::new();
    for name in book.sheet_names() {
        let refused = |e: xlsx_range::SheetError| xlsx_range::refusal(e, &name, || damaged(XLSX));
        let range = xlsx_range::range(&mut book, &name).map_err(refused)?;
        let merges = xlsx_range::merges(&mut book, &name).map_err(refused)?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows: Vec<Vec<String>> = range
            .rows()
            .map(|cells| cells.iter().map(cell_text).collect())
            .collect();
        for m in merges {
            let (r0, c0) = (
                m.start.0.saturating_sub(top),
                m.start.1.saturating_sub(left),
            );
            let text = cell(&rows, r0, c0);
            // A merge may name a whole column; only the cells the sheet has are filled.
            let last_row = (m.end.0.saturating_sub(top) as usize).min(rows.len().saturating_sub(1));
            for row in rows.iter_mut().take(last_row + 1).skip(r0 as usize) {
                let last_col =
                    (m.end.1.saturating_sub(left) as usize).min(row.len().saturating_sub(1));
                for slot in row.iter_mut().take(last_col + 1).skip(c0 as usize) {
                    slot.clone_from(&text);
                }
            }
        }
        blocks.push(sheet(&name, top as usize + 1, rows));
    }
    Ok(blocks)
}

fn cell(rows: &[Vec<String>], r: u32, c: u32) -> String {
    rows.get(r as usize)
        .and_then(|row| row.get(c as usize))
        .cloned()
        .unwrap_or_default()
}

fn sheet(name: &str, first_row: usize, rows: Vec<Vec<String>>) -> Block {
    Block::Table(Table {
        name: format!("sheet \"{name}\""),
        first_row,
        rows,
    })
}

/// A cell as the text it shows: dates as `YYYY-MM-DD`, numbers in their shortest form.
fn cell_text(cell: &Data) -> String {
    let text = match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (year, month, day, ..) = dt.to_ymd_hms_milli();
            format!("{year:04}-{month:02}-{day:02}")
        }
        Data::DateTime(dt) => dt.as_f64().to_string(),
        Data::DateTimeIso(s) => s.split('T').next().unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    };
    tidy(&text)
}

/// A CSV file as one table: UTF-8 (with or without a byte-order mark), else read as
/// Windows-1252, the other encoding Excel saves in; separated by commas, semicolons or tabs.
pub(crate) fn read_csv(bytes: &[u8]) -> Result<Vec<Block>, FormatError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(&text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            FormatError::new(
                Place::Line(usize::try_from(line).unwrap_or(0)),
                format!("the CSV cannot be read there: {e}."),
                "Check the quotes in that line (a quote inside a cell is written twice: \"\"), or save the sheet as CSV again.",
            )
        })?;
        rows.push(record.iter().map(tidy).collect());
    }
    Ok(vec![Block::Table(Table {
        name: "the sheet".to_string(),
        first_row: 1,
        rows,
    })])
}

/// The separator used most in the first lines: `,`, `;` or a tab.
fn delimiter(text: &str) -> u8 {
    let head: String = text.lines().take(20).collect();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (head.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',')
}

fn windows_1252(b: u8) -> char {
    match b {
        0x80 => '€',
        0x91 => '‘',
        0x92 => '’',
        0x93 => '“',
        0x94 => '”',
        0x96 => '–',
        0x97 => '—',
        _ => char::from(b),
    }
}
