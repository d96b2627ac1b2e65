//! ODS, written directly as OpenDocument XML (as the ODT is): the same workbook as the XLSX
//! one — a summary sheet with the title and key figures, then a sheet per table with its
//! caption, a bold header row that repeats when printed, numbers and dates typed as such, and
//! RAG cells filled with their colour and holding their word.
//!
//! Written by hand rather than with spreadsheet-ods, because that crate writes its styles,
//! namespaces and manifest in hash-map order, so one workbook came out as different bytes
//! each time; a report must not.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::odf::{NS, package};
use super::xml::escape;
use super::{RenderError, sheets};
use crate::model::{Cell, Report, Table};

/// Styles met while writing the sheets, declared once in the content's automatic styles.
#[derive(Default)]
struct Styles {
    /// (name, width in cm) of each column.
    columns: Vec<(String, f64)>,
    rag: BTreeSet<(&'static str, &'static str)>,
}

pub fn render(report: &Report) -> Result<Vec<u8>, RenderError> {
    let mut styles = Styles::default();
    let mut body = String::with_capacity(64 * 1024);
    summary(&mut body, &mut styles, report);
    let tables = report.tables();
    let names = sheets::names(tables.iter().map(|t| t.caption.as_str()));
    for (i, (t, name)) in tables.iter().zip(names).enumerate() {
        sheet(&mut body, &mut styles, t, &name, i + 1);
    }
    let mut auto = String::from(
        "<number:date-style style:name=\"N1\"><number:day/><number:text> </number:text><number:month number:textual=\"true\" number:style=\"long\"/><number:text> </number:text><number:year number:style=\"long\"/></number:date-style>\
         <style:style style:name=\"bold\" style:family=\"table-cell\"><style:text-properties fo:font-weight=\"bold\"/></style:style>\
         <style:style style:name=\"title\" style:family=\"table-cell\"><style:text-properties fo:font-weight=\"bold\" fo:font-size=\"16pt\"/></style:style>\
         <style:style style:name=\"head\" style:family=\"table-cell\"><style:table-cell-properties fo:background-color=\"#f3f2f1\"/><style:text-properties fo:font-weight=\"bold\"/></style:style>\
         <style:style style:name=\"wrap\" style:family=\"table-cell\"><style:table-cell-properties fo:wrap-option=\"wrap\" style:vertical-align=\"top\"/></style:style>\
         <style:style style:name=\"date\" style:family=\"table-cell\" style:data-style-name=\"N1\"><style:table-cell-properties style:vertical-align=\"top\"/></style:style>",
    );
    for (name, cm) in &styles.columns {
        let _ = write!(
            auto,
            "<style:style style:name=\"{name}\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"{cm:.2}cm\"/></style:style>"
        );
    }
    for (fill, ink) in &styles.rag {
        let _ = write!(
            auto,
            "<style:style style:name=\"rag-{}\" style:family=\"table-cell\"><style:table-cell-properties fo:background-color=\"{fill}\" style:vertical-align=\"top\"/><style:text-properties fo:color=\"{ink}\" fo:font-weight=\"bold\"/></style:style>",
            fill.trim_start_matches('#')
        );
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content {NS}><office:automatic-styles>{auto}</office:automatic-styles><office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>\n"
    );
    Ok(package(
        report,
        "application/vnd.oasis.opendocument.spreadsheet",
        &content,
        STYLES,
        &[],
    )?)
}

fn text_cell(out: &mut String, style: &str, text: &str) {
    let _ = write!(
        out,
        "<table:table-cell table:style-name=\"{style}\" office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
        escape(text)
    );
}

fn summary(out: &mut String, styles: &mut Styles, report: &Report) {
    for (i, cm) in [8.0, 8.0].iter().enumerate() {
        styles.columns.push((format!("s0c{}", i + 1), *cm));
    }
    out.push_str("<table:table table:name=\"Summary\"><table:table-column table:style-name=\"s0c1\"/><table:table-column table:style-name=\"s0c2\"/>");
    for (i, line) in sheets::heading_lines(report).iter().enumerate() {
        out.push_str("<table:table-row>");
        text_cell(out, if i == 0 { "title" } else { "Default" }, line);
        out.push_str("</table:table-row>");
    }
    out.push_str("<table:table-row><table:table-cell/></table:table-row>");
    for f in report.figures() {
        out.push_str("<table:table-row>");
        text_cell(out, "bold", &f.label);
        text_cell(out, "Default", &f.value);
        out.push_str("</table:table-row>");
    }
    out.push_str("</table:table>");
}

fn sheet(out: &mut String, styles: &mut Styles, t: &Table, name: &str, n: usize) {
    let _ = write!(out, "<table:table table:name=\"{}\">", escape(name));
    for (c, col) in t.columns.iter().enumerate() {
        let widest = std::iter::once(col.header.chars().count())
            .chain(
                t.rows
                    .iter()
                    .filter_map(|r| r.get(c))
                    .map(|x| x.as_text().chars().count()),
            )
            .max()
            .unwrap_or(8);
        let style = format!("s{n}c{}", c + 1);
        let _ = write!(out, "<table:table-column table:style-name=\"{style}\"/>");
        styles
            .columns
            .push((style, (widest as f64 * 0.22 + 0.5).clamp(2.0, 12.0)));
    }
    out.push_str("<table:table-row>");
    text_cell(out, "bold", &t.caption);
    out.push_str("</table:table-row><table:table-row><table:table-cell/></table:table-row><table:table-header-rows><table:table-row>");
    for col in &t.columns {
        text_cell(out, "head", &col.header);
    }
    out.push_str("</table:table-row></table:table-header-rows>");
    for row in &t.rows {
        out.push_str("<table:table-row>");
        for cell in row {
            match cell {
                Cell::Text { text } => text_cell(out, "wrap", text),
                Cell::Number { value, text } => {
                    let _ = write!(
                        out,
                        "<table:table-cell office:value-type=\"float\" office:value=\"{value}\"><text:p>{}</text:p></table:table-cell>",
                        escape(text)
                    );
                }
                Cell::Date { date } => {
                    let _ = write!(
                        out,
                        "<table:table-cell table:style-name=\"date\" office:value-type=\"date\" office:date-value=\"{date}\"><text:p>{}</text:p></table:table-cell>",
                        escape(&cell.as_text())
                    );
                }
                Cell::Rag { mark } => {
                    styles.rag.insert((mark.fill, mark.ink));
                    text_cell(
                        out,
                        &format!("rag-{}", mark.fill.trim_start_matches('#')),
                        &mark.label(),
                    );
                }
                Cell::Shaded { text, fill, ink } => {
                    styles.rag.insert((fill, ink));
                    text_cell(out, &format!("rag-{}", fill.trim_start_matches('#')), text);
                }
                Cell::Empty => out.push_str("<table:table-cell/>"),
            }
        }
        out.push_str("</table:table-row>");
    }
    out.push_str("</table:table>");
}

/// The workbook's named styles: a sans default and the "Default" cell style.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" office:version=\"1.3\">\
<office:font-face-decls><style:font-face style:name=\"Sans\" svg:font-family=\"&apos;Liberation Sans&apos;, Arial\" style:font-family-generic=\"swiss\"/></office:font-face-decls>\
<office:styles><style:default-style style:family=\"table-cell\"><style:text-properties style:font-name=\"Sans\" fo:font-size=\"10pt\" fo:language=\"en\" fo:country=\"GB\"/></style:default-style>\
<style:style style:name=\"Default\" style:family=\"table-cell\"/></office:styles>\
</office:document-styles>\n";
