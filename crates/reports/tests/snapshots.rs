//! Snapshots (insta) of what each report says in each format: the HTML itself, and the text
//! of the plain-text, CSV, DOCX, ODT, XLSX, ODS and iCalendar renderings. A change to any
//! report shows up here as a reviewable diff.

use crate::common::{BOARD_MEETING, YEAR_END, kingston, unzip, workbook_text, xml_text};
use reports::{Format, ReportKind, build, render, render::text};

fn board_paper() -> reports::Report {
    build(ReportKind::BoardPaper, &kingston(BOARD_MEETING))
}

#[test]
fn the_board_paper_as_html_matches_its_snapshot() {
    insta::assert_snapshot!(
        "the_board_paper_as_html",
        reports::render::html::document(&board_paper())
    );
}

#[test]
fn every_report_as_text_matches_its_snapshot() {
    let input = kingston(YEAR_END);
    for kind in ReportKind::ALL {
        insta::assert_snapshot!(format!("text-{kind}"), text::render(&build(kind, &input)));
    }
}

#[test]
fn the_board_paper_as_csv_matches_its_snapshot() {
    let bytes = render(&board_paper(), Format::Csv).expect("csv");
    insta::assert_snapshot!(
        "the_board_paper_as_csv",
        String::from_utf8(bytes).expect("utf-8")
    );
}

#[test]
fn the_text_of_the_board_paper_as_docx_matches_its_snapshot() {
    let bytes = render(&board_paper(), Format::Docx).expect("docx");
    let parts = unzip(&bytes);
    let (_, document) = parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .expect("document.xml");
    insta::assert_snapshot!(
        "the_text_of_the_board_paper_as_docx",
        xml_text(std::str::from_utf8(document).expect("utf-8"), &["w:p"])
    );
}

#[test]
fn the_text_of_the_board_paper_as_odt_matches_its_snapshot() {
    let bytes = render(&board_paper(), Format::Odt).expect("odt");
    let parts = unzip(&bytes);
    let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names[0], "mimetype", "ODF readers need the mimetype first");
    let (_, content) = parts
        .iter()
        .find(|(n, _)| n == "content.xml")
        .expect("content.xml");
    insta::assert_snapshot!(
        "the_text_of_the_board_paper_as_odt",
        xml_text(
            std::str::from_utf8(content).expect("utf-8"),
            &["text:p", "text:h"]
        )
    );
}

#[test]
fn the_board_paper_as_xlsx_and_ods_sheets_read_the_same() {
    let report = board_paper();
    let xlsx = workbook_text(&render(&report, Format::Xlsx).expect("xlsx"));
    let ods = workbook_text(&render(&report, Format::Ods).expect("ods"));
    insta::assert_snapshot!("sheets", xlsx);
    assert_eq!(
        xlsx, ods,
        "the XLSX and ODS workbooks hold the same sheets, rows and values"
    );
}

#[test]
fn the_calendar_feed_matches_its_snapshot() {
    insta::assert_snapshot!(
        "the_calendar_feed",
        reports::calendar::render(&kingston(YEAR_END))
    );
}
