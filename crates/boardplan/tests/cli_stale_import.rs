//! An old sheet never silently undoes newer work: `boardplan import` refuses a CSV or XLSX
//! exported before a `plan edit` or another import, listing what changed, unless `--replace`.

use crate::common::{Db, fresh_db, path_str};

const OLD_42: &str = "Develop an Induction programme for new members.";
const NEW_42: &str = "Run an induction day for new members.";
const EDITED_41: &str = "Agree the escalation policy with every agency";

fn sample() -> Db {
    let db = fresh_db();
    db.import_sample();
    db
}

/// A CSV exported now, with the person's own change to 4.2 in it.
fn csv_sheet(db: &Db) -> String {
    let csv = db.run(&["export", "--format", "csv"]).ok().stdout;
    assert!(csv.starts_with("\u{feff}\"Boardplan export of"), "{csv}");
    let edited = csv.replace(OLD_42, NEW_42);
    assert_ne!(edited, csv);
    edited
}

fn edit_41(db: &Db) {
    db.run(&["plan", "edit", "4.1", "--text", EDITED_41]).ok();
}

fn assert_refused_listing_41(stderr: &str) {
    assert!(
        stderr.contains(&format!("- 4.1: text now \"{EDITED_41}\"")),
        "{stderr}"
    );
    assert!(stderr.contains("Nothing was written"), "{stderr}");
    assert!(stderr.contains("--replace"), "{stderr}");
}

#[test]
fn a_csv_exported_before_a_plan_edit_is_refused_then_replaces_only_when_asked() {
    let db = sample();
    let sheet = db.file("plan.csv", csv_sheet(&db));
    edit_41(&db);
    let before = db.snapshot();
    let out = db.run(&["import", path_str(&sheet)]).fails();
    assert_refused_listing_41(&out.stderr);
    assert!(out.stderr.contains("edited by"), "{}", out.stderr);
    assert_eq!(db.snapshot(), before, "nothing was written");
    let dry = db.run(&["import", path_str(&sheet), "--dry-run"]).fails();
    assert_refused_listing_41(&dry.stderr);

    let out = db.run(&["import", path_str(&sheet), "--replace"]).ok();
    assert!(out.stderr.contains("replacing anyway"), "{}", out.stderr);
    let show = db.run(&["plan", "show", "--objective", "4"]).ok().stdout;
    assert!(show.contains(NEW_42), "{show}");
    assert!(
        !show.contains(EDITED_41),
        "the edit was undone, as asked: {show}"
    );
    let log = db.run(&["audit", "log", "--kind", "plan"]).ok().stdout;
    assert!(log.contains("replaced_anyway"), "{log}");
    db.run(&["audit", "verify"]).ok();
}

#[test]
fn an_xlsx_exported_before_a_plan_edit_is_refused() {
    let db = sample();
    let path = db.dir.path().join("plan.xlsx");
    db.run(&["export", "--format", "xlsx", "--out", path_str(&path)])
        .ok();
    edit_41(&db);
    let before = db.snapshot();
    let out = db.run(&["import", path_str(&path)]).fails();
    assert_refused_listing_41(&out.stderr);
    assert!(out.stderr.contains("xlsx"), "{}", out.stderr);
    assert_eq!(db.snapshot(), before);
    db.run(&["import", path_str(&path), "--replace"]).ok();
    let show = db.run(&["plan", "show", "--objective", "4"]).ok().stdout;
    assert!(!show.contains(EDITED_41), "{show}");
}

#[test]
fn a_sheet_exported_before_another_import_is_refused() {
    let db = sample();
    let old = db.file("old.csv", csv_sheet(&db));
    let other = db
        .run(&["export", "--format", "csv"])
        .ok()
        .stdout
        .replace(OLD_42, "Hold an induction for new members.");
    let other = db.file("other.csv", other);
    db.run(&["import", path_str(&other)]).ok();
    let out = db.run(&["import", path_str(&old)]).fails();
    assert!(
        out.stderr
            .contains("the plan was imported again as version 2 from other.csv"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("text now \"Hold an induction for new members.\""),
        "{}",
        out.stderr
    );
}

#[test]
fn a_sheet_exported_after_the_edit_imports_without_asking() {
    let db = sample();
    edit_41(&db);
    let sheet = db.file("plan.csv", csv_sheet(&db));
    db.run(&["import", path_str(&sheet)]).ok();
    let show = db.run(&["plan", "show", "--objective", "4"]).ok().stdout;
    assert!(show.contains(NEW_42) && show.contains(EDITED_41), "{show}");
    let log = db.run(&["audit", "log", "--kind", "plan"]).ok().stdout;
    assert!(!log.contains("replaced_anyway"), "{log}");
}

#[test]
fn a_sheet_without_its_mark_imports_over_an_unedited_plan_but_not_over_an_edit() {
    let unmarked = |db: &Db| {
        let sheet = csv_sheet(db);
        let (_, rows) = sheet.split_once("\r\n").unwrap();
        db.file("old.csv", rows)
    };
    let db = sample();
    let sheet = unmarked(&db);
    db.run(&["import", path_str(&sheet)]).ok();

    let db = sample();
    let sheet = unmarked(&db);
    edit_41(&db);
    let out = db.run(&["import", path_str(&sheet)]).fails();
    assert!(
        out.stderr.contains("does not say which state of the plan"),
        "{}",
        out.stderr
    );
    assert_refused_listing_41(&out.stderr);
    db.run(&["import", path_str(&sheet), "--replace"]).ok();
}
