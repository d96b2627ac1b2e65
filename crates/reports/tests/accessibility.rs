//! What makes each format usable with a screen reader: the HTML's language, headings in
//! order, captioned tables with header cells that say their scope, charts with a title, a
//! description and their data beside them, and RAG shown as a word as well as a colour; header
//! rows marked as such in DOCX and ODT.

use crate::common::{BOARD_MEETING, kingston, unzip};
use reports::{Format, ReportKind, build, render};

fn board_paper() -> reports::Report {
    build(ReportKind::BoardPaper, &kingston(BOARD_MEETING))
}

#[test]
fn the_html_has_a_language_one_h1_and_headings_that_never_skip_a_level() {
    let html = reports::render::html::document(&board_paper());
    assert!(html.contains("<html lang=\"en-GB\">"));
    assert_eq!(html.matches("<h1").count(), 1);
    let mut last = 1;
    for (i, _) in html.match_indices("<h") {
        let Some(level) = html[i + 2..].chars().next().and_then(|c| c.to_digit(10)) else {
            continue;
        };
        assert!(
            level <= last + 1,
            "a heading jumps from h{last} to h{level}"
        );
        last = level;
    }
}

#[test]
fn every_html_table_has_a_caption_and_scoped_header_cells() {
    let html = reports::render::html::document(&board_paper());
    let tables = html.matches("<table").count();
    assert!(tables >= 5);
    assert_eq!(html.matches("<caption>").count(), tables);
    assert_eq!(html.matches("<thead>").count(), tables);
    assert!(!html.contains("<th>"), "every header cell has a scope");
}

#[test]
fn every_chart_is_an_image_with_a_title_and_description_followed_by_its_data() {
    let html = reports::render::html::document(&build(ReportKind::Annual, &kingston("2010-03-31")));
    let charts = html.matches("<svg").count();
    assert!(
        charts >= 7,
        "the RAG bars and a trend per indicator: {charts}"
    );
    assert_eq!(
        html.matches("role=\"img\" aria-labelledby=").count(),
        charts
    );
    assert_eq!(html.matches("<desc id=").count(), charts);
    assert_eq!(
        html.matches("(the chart&#39;s data)</caption>").count(),
        charts
    );
}

#[test]
fn a_rag_cell_says_its_rating_in_words_as_well_as_colour() {
    let html = reports::render::html::document(&board_paper());
    assert!(html.contains("style=\"background:#d4351c;color:#ffffff\">Red (off track)<"));
}

#[test]
fn every_table_in_the_docx_marks_its_first_row_as_the_header_row() {
    let parts = unzip(&render(&board_paper(), Format::Docx).expect("docx"));
    let (_, document) = parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .expect("document.xml");
    let xml = String::from_utf8(document.clone()).expect("utf-8");
    let tables = xml.matches("<w:tbl>").count();
    assert!(tables >= 5, "{tables}");
    assert_eq!(xml.matches("<w:tblHeader />").count(), tables);
    assert!(
        xml.contains("w:val=\"Heading1\""),
        "sections use real heading styles"
    );
}

#[test]
fn every_table_in_the_odt_has_header_rows_and_every_chart_a_title_and_description() {
    let parts = unzip(&render(&board_paper(), Format::Odt).expect("odt"));
    let (_, content) = parts
        .iter()
        .find(|(n, _)| n == "content.xml")
        .expect("content.xml");
    let xml = String::from_utf8(content.clone()).expect("utf-8");
    let tables = xml.matches("<table:table ").count();
    assert_eq!(xml.matches("<table:table-header-rows>").count(), tables);
    let frames = xml.matches("<draw:frame ").count();
    assert!(frames >= 1);
    assert_eq!(xml.matches("<svg:title>").count(), frames);
    assert_eq!(xml.matches("<svg:desc>").count(), frames);
    assert!(xml.contains("text:outline-level=\"1\""));
}
