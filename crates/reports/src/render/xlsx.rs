//! XLSX (rust_xlsxwriter): a summary sheet with the title and key figures, then one sheet per
//! table with its caption, a bold frozen header row, numbers and dates typed as such, and RAG
//! cells filled with their colour and holding their word.

use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format as CellFormat, FormatAlign, Workbook, Worksheet,
};

use super::RenderError;
use super::sheets;
use crate::model::{Cell, Report, Table};

fn colour(hex: &str) -> Color {
    Color::RGB(u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0))
}

pub fn render(report: &Report) -> Result<Vec<u8>, RenderError> {
    let mut wb = Workbook::new();
    let stamp = report
        .generated_at
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .datetime();
    let created = ExcelDateTime::from_ymd(
        u16::try_from(stamp.year()).unwrap_or(1970),
        u8::try_from(stamp.month()).unwrap_or(1),
        u8::try_from(stamp.day()).unwrap_or(1),
    )?
    .and_hms(
        u16::try_from(stamp.hour()).unwrap_or(0),
        u8::try_from(stamp.minute()).unwrap_or(0),
        u8::try_from(stamp.second()).unwrap_or(0),
    )?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(&report.title)
            .set_author("Boardplan")
            .set_company(&report.partnership)
            .set_creation_datetime(&created),
    );
    let bold = CellFormat::new().set_bold();
    let title = CellFormat::new().set_bold().set_font_size(16);

    let summary = wb.add_worksheet();
    summary.set_name("Summary")?;
    summary.set_column_width(0, 40)?;
    summary.set_column_width(1, 40)?;
    for (i, line) in sheets::heading_lines(report).iter().enumerate() {
        let row = u32::try_from(i).unwrap_or(0);
        if i == 0 {
            summary.write_string_with_format(row, 0, line, &title)?;
        } else {
            summary.write_string(row, 0, line)?;
        }
    }
    for (row, f) in (6..).zip(report.figures()) {
        summary.write_string_with_format(row, 0, &f.label, &bold)?;
        summary.write_string(row, 1, &f.value)?;
    }

    let tables = report.tables();
    let names = sheets::names(tables.iter().map(|t| t.caption.as_str()));
    for (t, name) in tables.iter().zip(names) {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        sheet(ws, t)?;
    }
    Ok(wb.save_to_buffer()?)
}

fn sheet(ws: &mut Worksheet, t: &Table) -> Result<(), RenderError> {
    let bold = CellFormat::new().set_bold();
    let header = CellFormat::new()
        .set_bold()
        .set_background_color(Color::RGB(0xf3f2f1));
    let wrap = CellFormat::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let date_format = CellFormat::new()
        .set_num_format("d mmmm yyyy")
        .set_align(FormatAlign::Top);
    ws.write_string_with_format(0, 0, &t.caption, &bold)?;
    for (c, col) in t.columns.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        ws.write_string_with_format(2, c, &col.header, &header)?;
        let widest = std::iter::once(col.header.chars().count())
            .chain(
                t.rows
                    .iter()
                    .filter_map(|r| r.get(usize::from(c)))
                    .map(|x| x.as_text().chars().count()),
            )
            .max()
            .unwrap_or(8);
        ws.set_column_width(c, (widest as f64 + 2.0).clamp(8.0, 60.0))?;
    }
    ws.set_freeze_panes(3, 0)?;
    for (r, cells) in t.rows.iter().enumerate() {
        let r = u32::try_from(r + 3).unwrap_or(u32::MAX);
        for (c, cell) in cells.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match cell {
                Cell::Text { text } => {
                    ws.write_string_with_format(r, c, text, &wrap)?;
                }
                Cell::Number { value, .. } => {
                    ws.write_number(r, c, *value)?;
                }
                Cell::Date { date } => {
                    let d = ExcelDateTime::from_ymd(
                        u16::try_from(date.year()).unwrap_or(1970),
                        u8::try_from(date.month()).unwrap_or(1),
                        u8::try_from(date.day()).unwrap_or(1),
                    )?;
                    ws.write_datetime_with_format(r, c, &d, &date_format)?;
                }
                Cell::Rag { mark } => {
                    let f = CellFormat::new()
                        .set_bold()
                        .set_background_color(colour(mark.fill))
                        .set_font_color(colour(mark.ink))
                        .set_align(FormatAlign::Top);
                    ws.write_string_with_format(r, c, mark.label(), &f)?;
                }
                Cell::Shaded { text, fill, ink } => {
                    let f = CellFormat::new()
                        .set_bold()
                        .set_background_color(colour(fill))
                        .set_font_color(colour(ink))
                        .set_align(FormatAlign::Top);
                    ws.write_string_with_format(r, c, text, &f)?;
                }
                Cell::Empty => {}
            }
        }
    }
    Ok(())
}
