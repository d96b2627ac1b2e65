//! ODS (spreadsheet-ods): the same workbook as the XLSX one — a summary sheet, then a sheet
//! per table with its caption, a bold header row that repeats on print, typed numbers and
//! dates, and RAG cells filled with their colour and holding their word. The zip is rewritten
//! with fixed timestamps, and the document's dates are the generated-at stamp.

use spreadsheet_ods::color::Rgb;
use spreadsheet_ods::format::create_date_dmy_format;
use spreadsheet_ods::style::CellStyle;
use spreadsheet_ods::style::units::{Length, WrapOption};
use spreadsheet_ods::{CellStyleRef, Sheet, WorkBook};

use super::sheets;
use super::{RenderError, zip_fixed};
use crate::model::{Cell, Report, Table};

fn rgb(hex: &str) -> Rgb<u8> {
    let v = u32::from_str_radix(hex.trim_start_matches('#'), 16).unwrap_or(0);
    Rgb::new((v >> 16) as u8, (v >> 8) as u8, v as u8)
}

struct Styles {
    bold: CellStyleRef,
    header: CellStyleRef,
    wrap: CellStyleRef,
    date: CellStyleRef,
}

fn style(wb: &mut WorkBook, name: &str, set: impl FnOnce(&mut CellStyle)) -> CellStyleRef {
    let mut s = CellStyle::new_empty();
    s.set_name(name);
    set(&mut s);
    wb.add_cellstyle(s)
}

pub fn render(report: &Report) -> Result<Vec<u8>, RenderError> {
    let mut wb = WorkBook::new_empty();
    let stamp =
        chrono::DateTime::from_timestamp(report.generated_at.as_second(), 0).map(|d| d.naive_utc());
    {
        let meta = wb.metadata_mut();
        meta.title = report.title.clone();
        meta.initial_creator = "Boardplan".to_owned();
        meta.creator = "Boardplan".to_owned();
        meta.creation_date = stamp;
        meta.date = stamp;
        meta.language = "en-GB".to_owned();
    }
    let date_format = wb.add_datetime_format(create_date_dmy_format("boardplan-date"));
    let styles = Styles {
        bold: style(&mut wb, "bp-bold", |s| s.set_font_bold()),
        header: style(&mut wb, "bp-header", |s| {
            s.set_font_bold();
            s.set_background_color(rgb("#f3f2f1"));
        }),
        wrap: style(&mut wb, "bp-wrap", |s| s.set_wrap_option(WrapOption::Wrap)),
        date: {
            let mut s = CellStyle::new("bp-date", &date_format);
            s.set_name("bp-date");
            wb.add_cellstyle(s)
        },
    };

    let mut summary = Sheet::new("Summary");
    summary.set_col_width(0, Length::Cm(8.0));
    summary.set_col_width(1, Length::Cm(8.0));
    for (i, line) in sheets::heading_lines(report).iter().enumerate() {
        let row = u32::try_from(i).unwrap_or(0);
        if i == 0 {
            summary.set_styled_value(row, 0, line.as_str(), &styles.bold);
        } else {
            summary.set_value(row, 0, line.as_str());
        }
    }
    for (i, f) in report.figures().iter().enumerate() {
        let row = u32::try_from(i + 6).unwrap_or(u32::MAX);
        summary.set_styled_value(row, 0, f.label.as_str(), &styles.bold);
        summary.set_value(row, 1, f.value.as_str());
    }
    wb.push_sheet(summary);

    let tables = report.tables();
    let names = sheets::names(tables.iter().map(|t| t.caption.as_str()));
    let mut rag_styles: Vec<(&'static str, CellStyleRef)> = Vec::new();
    for (t, name) in tables.iter().zip(names) {
        let sheet = table_sheet(&mut wb, &styles, &mut rag_styles, t, name);
        wb.push_sheet(sheet);
    }
    let bytes = spreadsheet_ods::write_ods_buf(&mut wb, Vec::new())
        .map_err(|e| RenderError::Ods(e.to_string()))?;
    Ok(zip_fixed::normalise(&bytes)?)
}

fn table_sheet(
    wb: &mut WorkBook,
    styles: &Styles,
    rag_styles: &mut Vec<(&'static str, CellStyleRef)>,
    t: &Table,
    name: String,
) -> Sheet {
    let mut sheet = Sheet::new(name);
    sheet.set_styled_value(0, 0, t.caption.as_str(), &styles.bold);
    for (c, col) in t.columns.iter().enumerate() {
        let c = u32::try_from(c).unwrap_or(u32::MAX);
        sheet.set_styled_value(2, c, col.header.as_str(), &styles.header);
        let widest = std::iter::once(col.header.chars().count())
            .chain(
                t.rows
                    .iter()
                    .filter_map(|r| r.get(c as usize))
                    .map(|x| x.as_text().chars().count()),
            )
            .max()
            .unwrap_or(8);
        sheet.set_col_width(c, Length::Cm((widest as f64 * 0.22 + 0.5).clamp(2.0, 12.0)));
    }
    sheet.set_header_rows(2, 2);
    for (r, cells) in t.rows.iter().enumerate() {
        let r = u32::try_from(r + 3).unwrap_or(u32::MAX);
        for (c, cell) in cells.iter().enumerate() {
            let c = u32::try_from(c).unwrap_or(u32::MAX);
            match cell {
                Cell::Text { text } => sheet.set_styled_value(r, c, text.as_str(), &styles.wrap),
                Cell::Number { value, .. } => sheet.set_value(r, c, *value),
                Cell::Date { date } => {
                    let d = chrono::NaiveDate::from_ymd_opt(
                        i32::from(date.year()),
                        u32::try_from(date.month()).unwrap_or(1),
                        u32::try_from(date.day()).unwrap_or(1),
                    );
                    match d {
                        Some(d) => sheet.set_styled_value(r, c, d, &styles.date),
                        None => sheet.set_value(r, c, cell.as_text()),
                    }
                }
                Cell::Rag { mark } => {
                    let found = rag_styles
                        .iter()
                        .find(|(fill, _)| *fill == mark.fill)
                        .map(|(_, s)| s.clone());
                    let s = match found {
                        Some(s) => s,
                        None => {
                            let s = style(
                                wb,
                                &format!("bp-rag-{}", mark.fill.trim_start_matches('#')),
                                |s| {
                                    s.set_font_bold();
                                    s.set_background_color(rgb(mark.fill));
                                    s.set_color(rgb(mark.ink));
                                },
                            );
                            rag_styles.push((mark.fill, s.clone()));
                            s
                        }
                    };
                    sheet.set_styled_value(r, c, mark.label(), &s);
                }
                Cell::Empty => {}
            }
        }
    }
    sheet
}
