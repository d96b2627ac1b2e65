//! ODT, the UK government's open document standard, written directly as a zip of XML:
//! `mimetype` (first, stored), `content.xml`, `styles.xml`, `meta.xml`, the manifest, and each
//! chart as an SVG picture with its title and description. Headings carry outline levels,
//! tables have header rows that repeat across pages and a caption above, numbers and dates
//! are typed, and RAG cells are shaded and hold their word.

use std::collections::BTreeSet;
use std::fmt::Write;

use super::odf::{NS, package};
use super::xml::escape;
use super::{RenderError, svg};
use crate::model::{Block, Cell, Chart, Report, Section, Table};

/// What the body needs beyond its text: RAG colours used, and the charts' pictures.
#[derive(Default)]
struct Parts {
    rag: BTreeSet<(&'static str, &'static str)>,
    /// Column styles: (name, width in cm).
    columns: Vec<(String, f64)>,
    pictures: Vec<(String, String)>,
    tables: usize,
}

pub fn render(report: &Report) -> Result<Vec<u8>, RenderError> {
    let mut parts = Parts::default();
    let mut body = String::with_capacity(64 * 1024);
    let _ = write!(
        body,
        "<text:p text:style-name=\"Standard\">{}</text:p><text:p text:style-name=\"Title\">{}</text:p><text:p text:style-name=\"Standard\">{}: {}</text:p>",
        escape(&report.partnership),
        escape(&report.title),
        escape(&report.plan),
        escape(&report.dateline())
    );
    for s in &report.sections {
        section(&mut body, &mut parts, s, 1);
    }
    let _ = write!(
        body,
        "<text:p text:style-name=\"Standard\">{}</text:p>",
        escape(&report.generated_line())
    );

    let mut auto = String::from(
        "<style:style style:name=\"cell\" style:family=\"table-cell\"><style:table-cell-properties fo:border=\"0.5pt solid #b1b4b6\" fo:padding=\"0.08cm\"/></style:style>\
         <style:style style:name=\"head\" style:family=\"table-cell\"><style:table-cell-properties fo:background-color=\"#f3f2f1\" fo:border=\"0.5pt solid #b1b4b6\" fo:padding=\"0.08cm\"/></style:style>\
         <style:style style:name=\"tbl\" style:family=\"table\"><style:table-properties style:width=\"17cm\" table:align=\"margins\"/></style:style>\
         <style:style style:name=\"num\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\"><style:paragraph-properties fo:text-align=\"end\"/></style:style>",
    );
    for (name, cm) in &parts.columns {
        let _ = write!(
            auto,
            "<style:style style:name=\"{name}\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"{cm:.2}cm\"/></style:style>"
        );
    }
    for (fill, ink) in &parts.rag {
        let key = fill.trim_start_matches('#');
        let _ = write!(
            auto,
            "<style:style style:name=\"rag-{key}\" style:family=\"table-cell\"><style:table-cell-properties fo:background-color=\"{fill}\" fo:border=\"0.5pt solid #b1b4b6\" fo:padding=\"0.08cm\"/></style:style>\
             <style:style style:name=\"ragp-{key}\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\"><style:text-properties fo:color=\"{ink}\" fo:font-weight=\"bold\"/></style:style>"
        );
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content {NS}><office:automatic-styles>{auto}</office:automatic-styles><office:body><office:text>{body}</office:text></office:body></office:document-content>\n"
    );

    let extra: Vec<(String, &str, Vec<u8>)> = parts
        .pictures
        .into_iter()
        .map(|(name, svg)| (name, "image/svg+xml", svg.into_bytes()))
        .collect();
    Ok(package(
        report,
        "application/vnd.oasis.opendocument.text",
        &content,
        STYLES,
        &extra,
    )?)
}

fn section(out: &mut String, parts: &mut Parts, s: &Section, level: usize) {
    let level = level.min(4);
    let _ = write!(
        out,
        "<text:h text:style-name=\"Heading_20_{level}\" text:outline-level=\"{level}\">{}</text:h>",
        escape(&s.heading)
    );
    for b in &s.blocks {
        match b {
            Block::Paragraph { text } => {
                let _ = write!(
                    out,
                    "<text:p text:style-name=\"Standard\">{}</text:p>",
                    escape(text)
                );
            }
            Block::List { items } => {
                out.push_str("<text:list text:style-name=\"Bullets\">");
                for i in items {
                    let _ = write!(
                        out,
                        "<text:list-item><text:p text:style-name=\"Standard\">{}</text:p></text:list-item>",
                        escape(i)
                    );
                }
                out.push_str("</text:list>");
            }
            Block::Figures { figures } => {
                for f in figures {
                    let _ = write!(
                        out,
                        "<text:p text:style-name=\"Standard\">{}: <text:span text:style-name=\"Strong\">{}</text:span></text:p>",
                        escape(&f.label),
                        escape(&f.value)
                    );
                }
            }
            Block::Table { table: t } => table(out, parts, t),
            Block::Summarised { note, summary, .. } => {
                let _ = write!(
                    out,
                    "<text:p text:style-name=\"Standard\">{}</text:p>",
                    escape(note)
                );
                table(out, parts, summary);
            }
            Block::Chart { chart } => {
                picture(out, parts, chart);
                table(out, parts, &chart.as_table());
            }
            Block::Section { section: inner } => section(out, parts, inner, level + 1),
        }
    }
}

/// The chart as an SVG picture in a frame, with its title and description for screen readers.
fn picture(out: &mut String, parts: &mut Parts, chart: &Chart) {
    let name = format!("Pictures/{}-{}.svg", chart.id(), parts.pictures.len() + 1);
    let (w, h) = svg::size(chart);
    let width_cm = 17.0;
    let height_cm = width_cm * h / w;
    let _ = write!(
        out,
        "<text:p text:style-name=\"Caption\">Chart: {title}</text:p><text:p text:style-name=\"Standard\"><draw:frame draw:name=\"{id}\" text:anchor-type=\"as-char\" svg:width=\"{width_cm:.2}cm\" svg:height=\"{height_cm:.2}cm\"><draw:image xlink:href=\"{name}\" xlink:type=\"simple\" xlink:show=\"embed\" xlink:actuate=\"onLoad\"/><svg:title>{title}</svg:title><svg:desc>{desc}</svg:desc></draw:frame></text:p>",
        title = escape(chart.title()),
        id = escape(chart.id()),
        desc = escape(chart.description())
    );
    parts.pictures.push((name, svg::chart(chart)));
}

fn table(out: &mut String, parts: &mut Parts, t: &Table) {
    parts.tables += 1;
    let _ = write!(
        out,
        "<text:p text:style-name=\"Caption\">{}</text:p><table:table table:name=\"{}-{}\" table:style-name=\"tbl\">",
        escape(&t.caption),
        escape(&t.id),
        parts.tables
    );
    for (i, share) in t.widths().iter().enumerate() {
        let name = format!("t{}c{}", parts.tables, i + 1);
        let _ = write!(out, "<table:table-column table:style-name=\"{name}\"/>");
        parts.columns.push((name, 17.0 * share));
    }
    out.push_str("<table:table-header-rows><table:table-row>");
    for c in &t.columns {
        let _ = write!(
            out,
            "<table:table-cell table:style-name=\"head\" office:value-type=\"string\"><text:p text:style-name=\"Table_20_Heading\">{}</text:p></table:table-cell>",
            escape(&c.header)
        );
    }
    out.push_str("</table:table-row></table:table-header-rows>");
    for row in &t.rows {
        out.push_str("<table:table-row>");
        for cell in row {
            let text = escape(&cell.as_text());
            match cell {
                Cell::Number { value, .. } => {
                    let _ = write!(
                        out,
                        "<table:table-cell table:style-name=\"cell\" office:value-type=\"float\" office:value=\"{value}\"><text:p text:style-name=\"num\">{text}</text:p></table:table-cell>"
                    );
                }
                Cell::Date { date } => {
                    let _ = write!(
                        out,
                        "<table:table-cell table:style-name=\"cell\" office:value-type=\"date\" office:date-value=\"{date}\"><text:p text:style-name=\"Table_20_Contents\">{text}</text:p></table:table-cell>"
                    );
                }
                Cell::Rag { mark } => {
                    parts.rag.insert((mark.fill, mark.ink));
                    let key = mark.fill.trim_start_matches('#');
                    let _ = write!(
                        out,
                        "<table:table-cell table:style-name=\"rag-{key}\" office:value-type=\"string\"><text:p text:style-name=\"ragp-{key}\">{text}</text:p></table:table-cell>"
                    );
                }
                Cell::Shaded { fill, ink, .. } => {
                    parts.rag.insert((fill, ink));
                    let key = fill.trim_start_matches('#');
                    let _ = write!(
                        out,
                        "<table:table-cell table:style-name=\"rag-{key}\" office:value-type=\"string\"><text:p text:style-name=\"ragp-{key}\">{text}</text:p></table:table-cell>"
                    );
                }
                Cell::Text { .. } | Cell::Empty => {
                    let _ = write!(
                        out,
                        "<table:table-cell table:style-name=\"cell\" office:value-type=\"string\"><text:p text:style-name=\"Table_20_Contents\">{text}</text:p></table:table-cell>"
                    );
                }
            }
        }
        out.push_str("</table:table-row>");
    }
    out.push_str("</table:table>");
}

/// The document's named styles: a sans font, headings with outline levels, title, caption,
/// table text, a bold span and a bullet list.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-styles xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" office:version=\"1.3\">\
<office:font-face-decls><style:font-face style:name=\"Sans\" svg:font-family=\"&apos;Liberation Sans&apos;, Arial\" style:font-family-generic=\"swiss\"/></office:font-face-decls>\
<office:styles>\
<style:default-style style:family=\"paragraph\"><style:text-properties style:font-name=\"Sans\" fo:font-size=\"11pt\" fo:language=\"en\" fo:country=\"GB\"/></style:default-style>\
<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"><style:paragraph-properties fo:margin-bottom=\"0.2cm\"/></style:style>\
<style:style style:name=\"Title\" style:display-name=\"Title\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"chapter\"><style:text-properties fo:font-size=\"20pt\" fo:font-weight=\"bold\"/></style:style>\
<style:style style:name=\"Heading\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"text\"><style:paragraph-properties fo:margin-top=\"0.4cm\" fo:keep-with-next=\"always\"/><style:text-properties fo:font-weight=\"bold\"/></style:style>\
<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:default-outline-level=\"1\"><style:text-properties fo:font-size=\"16pt\"/></style:style>\
<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:default-outline-level=\"2\"><style:text-properties fo:font-size=\"14pt\"/></style:style>\
<style:style style:name=\"Heading_20_3\" style:display-name=\"Heading 3\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:default-outline-level=\"3\"><style:text-properties fo:font-size=\"12pt\"/></style:style>\
<style:style style:name=\"Heading_20_4\" style:display-name=\"Heading 4\" style:family=\"paragraph\" style:parent-style-name=\"Heading\" style:default-outline-level=\"4\"><style:text-properties fo:font-size=\"11pt\"/></style:style>\
<style:style style:name=\"Caption\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\"><style:paragraph-properties fo:keep-with-next=\"always\"/><style:text-properties fo:font-weight=\"bold\" fo:font-size=\"10pt\"/></style:style>\
<style:style style:name=\"Table_20_Contents\" style:display-name=\"Table Contents\" style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"extra\"><style:text-properties fo:font-size=\"9pt\"/></style:style>\
<style:style style:name=\"Table_20_Heading\" style:display-name=\"Table Heading\" style:family=\"paragraph\" style:parent-style-name=\"Table_20_Contents\" style:class=\"extra\"><style:text-properties fo:font-weight=\"bold\"/></style:style>\
<style:style style:name=\"Strong\" style:family=\"text\"><style:text-properties fo:font-weight=\"bold\"/></style:style>\
<text:list-style style:name=\"Bullets\"><text:list-level-style-bullet text:level=\"1\" text:bullet-char=\"•\"><style:list-level-properties text:list-level-position-and-space-mode=\"label-alignment\"><style:list-level-label-alignment text:label-followed-by=\"listtab\" fo:text-indent=\"-0.4cm\" fo:margin-left=\"0.6cm\"/></style:list-level-properties></text:list-level-style-bullet></text:list-style>\
</office:styles>\
<office:automatic-styles><style:page-layout style:name=\"pm1\"><style:page-layout-properties fo:page-width=\"21cm\" fo:page-height=\"29.7cm\" fo:margin-top=\"2cm\" fo:margin-bottom=\"2cm\" fo:margin-left=\"2cm\" fo:margin-right=\"2cm\"/></style:page-layout></office:automatic-styles>\
<office:master-styles><style:master-page style:name=\"Standard\" style:page-layout-name=\"pm1\"/></office:master-styles>\
</office:document-styles>\n";
