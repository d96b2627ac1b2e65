//! Documents the plan-text importer refuses: each error names its place and says what to do.

use formats::plan_text::{import, import_bytes};
use formats::{FormatError, Place};

/// A small plan in the sample's layout; `rows` are the table's lines.
fn plan_with(rows: &[&str]) -> String {
    let mut doc = String::from(
        "Testshire LSCB Improvement Plan 2009-2010\n\nSource key\n\nPR = Peer review\n\n\
         Objectives\tSource\tTime Scale\tOutcomes\tLead\n",
    );
    for row in rows {
        doc.push_str(row);
        doc.push('\n');
    }
    doc
}

fn error(result: Result<formats::plan_text::Imported, FormatError>) -> FormatError {
    match result {
        Ok(_) => panic!("expected the document to be refused"),
        Err(e) => e,
    }
}

/// The message reads place, problem, fix; the fix is a whole instruction.
fn says_what_to_do(e: &FormatError) {
    let message = e.to_string();
    assert!(message.starts_with(&e.place.to_string()), "{message}");
    assert!(e.fix.len() > 20 && e.fix.ends_with('.'), "{}", e.fix);
}

#[test]
fn an_empty_document_has_no_plan_table() {
    for text in ["", "   \n\t\n  \r\n"] {
        let e = error(import(text));
        assert_eq!(e.place, Place::Document);
        assert!(e.problem.contains("no plan table"), "{}", e.problem);
        assert!(e.fix.contains("plain text"), "{}", e.fix);
        says_what_to_do(&e);
    }
}

#[test]
fn a_document_without_a_table_heading_row_is_refused() {
    let e = error(import(
        "Improvement Plan 2009-2010\n\n1. Ensure there is a focus on outcomes\n1.1 Do it\n",
    ));
    assert_eq!(e.place, Place::Document);
    assert!(e.problem.contains("no plan table"), "{}", e.problem);
    assert!(e.fix.contains("heading row"), "{}", e.fix);
    says_what_to_do(&e);
}

#[test]
fn a_png_image_is_refused_as_not_text() {
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
    let e = error(import_bytes(png));
    assert_eq!(e.place, Place::Document);
    assert!(e.problem.contains("PNG image"), "{}", e.problem);
    assert!(e.fix.contains("plain text"), "{}", e.fix);
    says_what_to_do(&e);
}

#[test]
fn a_file_with_nul_bytes_is_refused_as_binary() {
    let mut bytes = plan_with(&["1. Aim\tPR\tMarch 2010\t1.1 Do\tChair"]).into_bytes();
    bytes.insert(40, 0);
    let e = error(import_bytes(&bytes));
    assert_eq!(e.place, Place::Document);
    assert!(e.problem.contains("NUL bytes"), "{}", e.problem);
    says_what_to_do(&e);
}

#[test]
fn text_that_is_not_utf8_names_the_line_to_fix() {
    let mut bytes = plan_with(&["1. Aim\tPR\tMarch 2010\t1.1 Do\tChair"]).into_bytes();
    let at = bytes.len() - 3;
    bytes.insert(at, 0x92);
    let e = error(import_bytes(&bytes));
    assert_eq!(e.place, Place::Line(8));
    assert!(e.fix.contains("UTF-8"), "{}", e.fix);
    says_what_to_do(&e);
}

#[test]
fn an_objective_with_no_outcomes_names_its_line() {
    let doc = plan_with(&[
        "1. Improve the first thing\tPR\tMarch 2010\t1.1 Do the first thing\tChair Training",
        "2. Improve the second thing\tPR\tMarch 2010\t\tChair Training",
    ]);
    let e = error(import(&doc));
    assert_eq!(e.place, Place::Line(9));
    assert!(
        e.problem.contains("objective 2 has no outcomes"),
        "{}",
        e.problem
    );
    assert!(e.fix.contains("2.1"), "{}", e.fix);
    says_what_to_do(&e);
}

#[test]
fn an_outcome_numbered_for_another_objective_names_its_line_and_its_objective() {
    let doc = plan_with(&[
        "3. Improve training\tPR\tMarch 2010\t3.1 Plan the courses\tChair Training",
        "5. Improve engagement\tPR\tMarch 2010\t<p>5.1 Ask families</p> <p>3.4 Ask children</p>\tChair Training",
    ]);
    let e = error(import(&doc));
    assert_eq!(e.place, Place::Line(9));
    assert!(
        e.problem.contains("outcome 3.4 belongs to objective 3"),
        "{}",
        e.problem
    );
    assert!(e.problem.contains("under objective 5"), "{}", e.problem);
    assert!(e.fix.contains("Renumber"), "{}", e.fix);
    says_what_to_do(&e);
}

#[test]
fn a_fifty_megabyte_file_is_refused_before_it_is_read() {
    let big = vec![b'a'; 50 * 1024 * 1024];
    let e = error(import_bytes(&big));
    assert_eq!(e.place, Place::Document);
    assert!(e.problem.contains("50.0 MB"), "{}", e.problem);
    says_what_to_do(&e);
}

#[test]
fn a_table_heading_with_no_objective_rows_under_it_names_the_heading_line() {
    let e = error(import(&plan_with(&[])));
    assert_eq!(e.place, Place::Line(7));
    assert!(e.problem.contains("no objective rows"), "{}", e.problem);
    says_what_to_do(&e);
}

#[test]
fn a_plan_title_without_years_names_the_title_line() {
    let doc =
        "Testshire LSCB Improvement Plan\n\nObjectives\tOutcomes\tLead\n1. Aim\t1.1 Do\tChair\n";
    let e = error(import(doc));
    assert_eq!(e.place, Place::Line(1));
    assert!(e.problem.contains("gives no years"), "{}", e.problem);
    assert!(e.fix.contains("2009-2010"), "{}", e.fix);
    says_what_to_do(&e);
}

#[test]
fn a_small_well_formed_plan_imports() {
    let doc =
        plan_with(&["1. Improve training\tPR\tMarch 2010\t1.1 Plan the courses\tChair Training"]);
    let imported = import(&doc).expect("imports");
    assert_eq!(imported.report.counts.actions, 1);
}
