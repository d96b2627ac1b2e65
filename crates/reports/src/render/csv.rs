//! CSV: the report's tables (charts' data included), one after another. Each starts with a
//! row holding only its caption, then its header row and its rows, and is followed by an
//! empty row, so the file opens as one sheet in any spreadsheet and each table can be picked
//! out by its caption. Numbers are written as numbers, dates as YYYY-MM-DD, RAG cells as the
//! word.

use super::RenderError;
use crate::model::{Cell, Report};

pub fn render(report: &Report) -> Result<Vec<u8>, RenderError> {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    w.write_record([
        report.title.as_str(),
        report.partnership.as_str(),
        &report.dateline(),
    ])?;
    w.write_record([""])?;
    for t in report.tables() {
        w.write_record([t.caption.as_str()])?;
        w.write_record(t.columns.iter().map(|c| c.header.as_str()))?;
        for row in &t.rows {
            w.write_record(row.iter().map(value))?;
        }
        w.write_record([""])?;
    }
    w.flush()?;
    w.into_inner().map_err(|e| RenderError::Io(e.into_error()))
}

fn value(c: &Cell) -> String {
    match c {
        Cell::Number { value, .. } => {
            if value.fract() == 0.0 && value.abs() < 1e15 {
                format!("{value:.0}")
            } else {
                value.to_string()
            }
        }
        Cell::Date { date } => date.to_string(),
        Cell::Rag { mark } => mark.word.to_owned(),
        Cell::Shaded { text, .. } => text.clone(),
        Cell::Text { text } => text.clone(),
        Cell::Empty => String::new(),
    }
}
