//! `boardplan import`, `plan show`, `demo` and `audit verify` end to end, on the real binary.

use crate::common::{SAMPLE, fresh_db, path_str};
use serde_json::Value;

#[test]
fn importing_the_sample_reports_every_count_as_json() {
    let db = fresh_db();
    let path = db.file("kingston.txt", SAMPLE);
    let out = db.run(&["import", path_str(&path), "--json"]).ok();
    let report: Value = serde_json::from_str(&out.stdout).expect("one JSON document on stdout");
    let c = &report["counts"];
    for (field, expected) in [
        ("agencies", 12),
        ("subgroups", 8),
        ("proposed_subgroups", 1),
        ("reviews", 3),
        ("recommendations", 20),
        ("objectives", 16),
        ("actions", 49),
        ("cross_references", 9),
    ] {
        assert_eq!(c[field], expected, "counts.{field} in {c}");
    }
    assert!(c["roles"].as_u64().unwrap_or(0) > 5, "roles: {c}");
    assert!(
        c["trace_links"].as_u64().unwrap_or(0) >= 20,
        "trace_links: {c}"
    );
    assert_eq!(report["outcome"]["result"], "created");
    let warnings = report["warnings"].as_array().expect("warnings");
    let duplicates: Vec<_> = warnings
        .iter()
        .filter(|w| w["kind"] == "duplicate_number")
        .collect();
    assert_eq!(
        duplicates.len(),
        2,
        "one warning for 4.2 and one for 9.2: {warnings:?}"
    );
    assert!(
        duplicates
            .iter()
            .all(|w| w["line"].as_u64().unwrap_or(0) > 0)
    );
    assert!(
        warnings.iter().any(|w| w["kind"] == "duplicate_text"),
        "8.3 repeats 2.1"
    );
    assert!(report["gaps"].is_array());
}

#[test]
fn the_human_report_lists_warnings_with_their_lines_and_what_was_inferred() {
    let db = fresh_db();
    let path = db.file("kingston.txt", SAMPLE);
    let out = db.run(&["import", path_str(&path), "--dry-run"]).ok();
    assert!(
        out.stdout.contains("16 objectives, 49 actions"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("[duplicate_number]"), "{}", out.stdout);
    assert!(
        out.stdout.contains("Inferred"),
        "Annually is inferred: {}",
        out.stdout
    );
    assert!(out.stdout.contains("Dry run: nothing was written."));
}

#[test]
fn a_dry_run_writes_nothing() {
    let db = fresh_db();
    let path = db.file("kingston.txt", SAMPLE);
    db.run(&["import", path_str(&path), "--dry-run", "--json"])
        .ok();
    let show = db.run(&["plan", "show"]).fails();
    assert!(show.stderr.contains("empty"), "{}", show.stderr);
}

#[test]
fn importing_the_same_document_twice_duplicates_nothing() {
    let db = fresh_db();
    let path = db.import_sample();
    let before = db.snapshot();
    let again = db.run(&["import", path_str(&path)]).ok();
    assert!(again.stdout.contains("already there"), "{}", again.stdout);
    assert_eq!(db.snapshot(), before);
}

#[test]
fn replace_records_a_new_version_when_the_plan_has_changed() {
    let db = fresh_db();
    let path = db.import_sample();
    // Version 2: a business manager edits an action in the sheet.
    let csv = db.run(&["export", "--format", "csv"]).ok().stdout;
    let edited = csv.replace(
        "Develop a \"\"Job description\"\" for members",
        "Agree a role profile for members",
    );
    assert_ne!(csv, edited);
    let sheet = db.file("plan.csv", &edited);
    db.run(&["import", path_str(&sheet)]).ok();
    // Version 3: the original document again, with --replace, puts its text back.
    let out = db
        .run(&["import", path_str(&path), "--replace", "--json"])
        .ok();
    let report: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(report["outcome"]["result"], "replaced");
    assert_eq!(report["outcome"]["plans"][0]["version"], 3);
    let show = db.run(&["plan", "show", "--objective", "4"]).ok();
    assert!(show.stdout.contains("Job description"), "{}", show.stdout);
}

#[test]
fn replace_with_nothing_changed_records_no_new_version() {
    let db = fresh_db();
    let path = db.import_sample();
    let before = db.snapshot();
    let out = db.run(&["import", path_str(&path), "--replace"]).ok();
    assert!(out.stdout.contains("already there"), "{}", out.stdout);
    assert_eq!(db.snapshot(), before);
}

#[test]
fn plan_show_prints_an_objective_with_its_text_rejoined_across_the_page_break() {
    let db = fresh_db();
    db.import_sample();
    let out = db.run(&["plan", "show", "--objective", "11"]).ok();
    assert!(out.stdout.contains("arrangements"), "{}", out.stdout);
    assert!(out.stdout.contains("11.2"), "{}", out.stdout);
    assert!(
        !out.stdout.contains("12.1"),
        "only objective 11: {}",
        out.stdout
    );
    let missing = db.run(&["plan", "show", "--objective", "99"]).fails();
    assert!(
        missing.stderr.contains("no objective 99"),
        "{}",
        missing.stderr
    );
}

#[test]
fn plan_show_marks_the_repeated_numbers_and_the_repeated_text() {
    let db = fresh_db();
    db.import_sample();
    let out = db.run(&["plan", "show"]).ok();
    assert!(out.stdout.contains("this one is 4.2#2"), "{}", out.stdout);
    assert!(
        out.stdout.contains("repeats 2.1 word for word"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("due 30 Sep 2009"), "{}", out.stdout);
}

#[test]
fn the_demo_builds_a_database_from_the_bundled_sample_and_can_be_run_again() {
    let db = fresh_db();
    let file = db.dir.path().join("demo.db");
    let first = db
        .run(&["demo", "--no-serve", "--file", path_str(&file)])
        .ok();
    assert!(
        first.stdout.contains("16 objectives, 49 actions"),
        "{}",
        first.stdout
    );
    assert!(file.exists());
    let second = db
        .run(&["demo", "--no-serve", "--file", path_str(&file)])
        .ok();
    assert!(second.stdout.contains("already built"), "{}", second.stdout);
}

#[test]
fn the_change_log_verifies_after_an_import() {
    let db = fresh_db();
    db.import_sample();
    let out = db.run(&["audit", "verify"]).ok();
    assert!(out.stdout.contains("intact"), "{}", out.stdout);
}
