//! The JSON interchange document: a lossless round trip, and every kind of bad document
//! refused with the place to look.

use crate::interchange_common::rich;
use formats::{FormatError, Place, json};

fn import_err(text: &str) -> FormatError {
    json::import(text).expect_err("the document should be refused")
}

#[test]
fn a_rich_partnership_survives_export_import_export_byte_for_byte() {
    let p = rich();
    let first = json::export(&p);
    let back = json::import(&first).expect("the export imports");
    assert_eq!(back, p);
    assert_eq!(json::export(&back), first);
}

#[test]
fn the_document_is_an_envelope_with_format_version_and_partnership_in_that_order() {
    let text = json::export(&rich());
    let format = text
        .find("\"format\": \"boardplan-partnership\"")
        .expect("format");
    let version = text.find("\"version\": 1").expect("version");
    let partnership = text.find("\"partnership\": {").expect("partnership");
    assert!(format < version && version < partnership);
    assert!(text.ends_with("}\n"));
}

#[test]
fn fields_come_in_the_models_order_and_absent_values_are_written_as_null() {
    let text = json::export(&rich());
    let name = text.find("\"name\": \"Kingston LSCB\"").expect("name");
    let agencies = text.find("\"agencies\"").expect("agencies");
    let plans = text.find("\"plans\"").expect("plans");
    assert!(name < agencies && agencies < plans);
    assert!(text.contains("\"duplicate_of\": null"));
    assert!(text.contains("\"due\": \"2009-09-30\""));
}

#[test]
fn the_stored_example_document_imports_and_exports_unchanged() {
    let text = include_str!("fixtures/interchange/rich-partnership.json");
    let p = json::import(text).expect("the example imports");
    assert_eq!(p, rich());
    assert_eq!(json::export(&p), text);
}

#[test]
fn a_byte_order_mark_before_the_document_is_ignored() {
    let text = format!("\u{feff}{}", json::export(&rich()));
    assert_eq!(json::import(&text), Ok(rich()));
}

#[test]
fn a_syntax_error_names_the_line_and_gives_the_column() {
    let text = json::export(&rich()).replacen("\"area\":", "\"area\"", 1);
    let line = text.lines().position(|l| l.contains("\"area\"")).unwrap() + 1;
    let e = import_err(&text);
    assert_eq!(e.place, Place::Line(line));
    assert!(e.problem.contains("column"), "{}", e.problem);
    assert!(e.problem.contains("expected `:`"), "{}", e.problem);
}

#[test]
fn a_document_cut_short_names_its_last_line() {
    let text = json::export(&rich());
    let cut = &text[..text.len() / 2];
    let e = import_err(cut);
    assert_eq!(e.place, Place::Line(cut.lines().count()));
}

#[test]
fn an_empty_file_is_refused() {
    let e = import_err("  \n");
    assert_eq!(e.place, Place::Document);
    assert!(e.problem.contains("empty"));
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read() {
    let big = " ".repeat(formats::MAX_DOCUMENT_BYTES + 1);
    assert_eq!(import_err(&big).place, Place::Document);
}

#[test]
fn json_of_another_kind_is_refused_as_not_a_partnership_document() {
    let e = import_err(r#"{"name": "Kingston LSCB", "plans": []}"#);
    assert_eq!(e.place, Place::Field("format".into()));
    assert!(
        e.problem.contains("not a Boardplan partnership document"),
        "{}",
        e.problem
    );
    let e = import_err(r#"{"format": "something-else", "version": 1, "partnership": {}}"#);
    assert_eq!(e.place, Place::Field("format".into()));
    let e = import_err("[1, 2, 3]");
    assert_eq!(e.place, Place::Document);
}

#[test]
fn a_newer_version_is_refused_with_advice_to_upgrade() {
    let text = json::export(&rich()).replacen("\"version\": 1", "\"version\": 3", 1);
    let e = import_err(&text);
    assert_eq!(e.place, Place::Field("version".into()));
    assert!(e.problem.contains("newer Boardplan"), "{}", e.problem);
    assert!(e.fix.contains("Upgrade"), "{}", e.fix);
}

#[test]
fn a_missing_or_odd_version_is_refused() {
    let e = import_err(r#"{"format": "boardplan-partnership", "partnership": {"name": "x"}}"#);
    assert_eq!(e.place, Place::Field("version".into()));
    let e = import_err(
        r#"{"format": "boardplan-partnership", "version": "1", "partnership": {"name": "x"}}"#,
    );
    assert_eq!(e.place, Place::Field("version".into()));
}

#[test]
fn a_value_of_the_wrong_type_names_its_field_path() {
    let text = json::export(&rich()).replacen("\"number\": \"4\"", "\"number\": 4", 1);
    let e = import_err(&text);
    assert_eq!(
        e.place,
        Place::Field("partnership.plans[0].objectives[2].number".into())
    );
    assert!(e.problem.contains("expected a string"), "{}", e.problem);
}

#[test]
fn a_bad_date_names_its_field_path() {
    let text = json::export(&rich()).replacen("\"2009-09-30\"", "\"2009-09-31\"", 1);
    let e = import_err(&text);
    assert_eq!(
        e.place,
        Place::Field("partnership.plans[0].objectives[0].timescale.due".into())
    );
}

#[test]
fn a_missing_required_field_names_the_object_it_is_missing_from() {
    let text = json::export(&rich()).replacen("\"title\": \"Peer review\",", "", 1);
    let e = import_err(&text);
    assert_eq!(e.place, Place::Field("partnership.reviews[1]".into()));
    assert!(e.problem.contains("missing field `title`"), "{}", e.problem);
}

#[test]
fn an_unknown_field_is_refused_rather_than_silently_dropped() {
    let text = json::export(&rich()).replacen(
        "\"timescale\":",
        "\"timescal\": \"May 2010\",\n\"timescale\":",
        1,
    );
    let e = import_err(&text);
    assert_eq!(
        e.place,
        Place::Field("partnership.plans[0].objectives[0].timescal".into())
    );
    assert!(e.fix.contains("timescale"), "{}", e.fix);
}

#[test]
fn an_unknown_field_in_the_envelope_is_refused() {
    let text = json::export(&rich()).replacen(
        "\"version\": 1,",
        "\"version\": 1,\n  \"comment\": \"hi\",",
        1,
    );
    assert_eq!(import_err(&text).place, Place::Field("comment".into()));
}

#[test]
fn a_partnership_that_fails_validation_is_refused_at_the_first_problems_path() {
    let mut p = rich();
    p.plans[0].objectives[2].actions[1].references = vec!["9.9".into()];
    p.plans[0].objectives[2].actions[2].leads = vec!["nobody".into()];
    let e = import_err(&json::export(&p));
    assert_eq!(
        e.place,
        Place::Field("partnership.plans[0].objectives[2].actions[1].references[0]".into())
    );
    assert!(e.problem.contains("\"9.9\""), "{}", e.problem);
    assert!(e.problem.contains("1 more problem"), "{}", e.problem);
}

#[test]
fn a_source_code_that_no_review_has_is_refused() {
    let mut p = rich();
    p.reviews.retain(|r| r.code != "LR");
    let e = import_err(&json::export(&p));
    assert_eq!(
        e.place,
        Place::Field("partnership.plans[0].objectives[1].actions[2].sources[0]".into())
    );
    assert!(e.problem.starts_with("the source \"LR\""), "{}", e.problem);
}
