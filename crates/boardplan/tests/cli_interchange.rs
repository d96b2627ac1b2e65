//! The whole partnership through the interchange document (issue #12, item 10), through the
//! real binary: the demo (a year of meetings with attendance, a document register with its
//! files, the member register) exported as version 2, imported into an empty database of the
//! test's back end (PostgreSQL with `TEST_DATABASE_URL`), and exported again byte for byte.

use std::path::Path;
use std::process::Command;

use crate::common::{Run, fresh_db, path_str};

/// The demo database, built in `dir`; its path.
fn demo(dir: &Path) -> String {
    let file = dir.join("demo.db");
    Run::from(
        Command::new(env!("CARGO_BIN_EXE_boardplan"))
            .args(["demo", "--no-serve", "--file"])
            .arg(&file)
            .current_dir(dir)
            .output()
            .expect("run demo"),
    )
    .ok();
    path_str(&file).to_string()
}

fn export(db: &str, dir: &Path) -> String {
    Run::from(
        Command::new(env!("CARGO_BIN_EXE_boardplan"))
            .args(["--db", db, "export", "--format", "json"])
            .env_remove("BOARDPLAN_DATABASE_URL")
            .env_remove("BOARDPLAN_PARTNERSHIP")
            .current_dir(dir)
            .output()
            .expect("run export"),
    )
    .ok()
    .stdout
}

#[test]
fn the_demo_exported_whole_imports_into_an_empty_database_and_exports_the_same_bytes() {
    let db = fresh_db();
    let dir = db.dir.path();
    let first = export(&demo(dir), dir);
    assert!(first.contains("\n  \"version\": 2,\n"), "version 2");
    for part in [
        "\"people\": [\n",
        "\"attendance\": [\n",
        "\"versions\": [\n",
        "\"files\": {\n",
    ] {
        assert!(first.contains(part), "the demo's export has {part}");
    }
    let path = db.file("kingston.json", &first);
    let out = db.run(&["import", path_str(&path)]).ok();
    assert!(
        out.stdout.contains("With the board's own business"),
        "{}",
        out.stdout
    );
    assert_eq!(db.run(&["export", "--format", "json"]).ok().stdout, first);
    let verify = db.run(&["audit", "verify"]).ok().stdout;
    assert!(verify.contains("is intact"), "{verify}");

    // Into the same database again: the same document, already there; nothing changes.
    let again = db.run(&["import", path_str(&path)]).ok();
    assert!(
        again.stdout.contains("nothing was changed"),
        "{}",
        again.stdout
    );
    assert_eq!(db.run(&["export", "--format", "json"]).ok().stdout, first);
}

#[test]
fn a_document_whose_business_does_not_fit_is_refused_naming_the_field_and_writes_nothing() {
    let db = fresh_db();
    db.import_sample();
    let first = db.run(&["export", "--format", "json"]).ok().stdout;
    let bad = first.replacen(
        "\"business\": {\n    \"people\": [],",
        "\"business\": {\n    \"people\": [{\"name\": \"Ann\", \"agency\": \"Nowhere\", \"job_title\": null, \"board_role\": \"member\", \"expertise\": [], \"part\": null, \"appointed\": null, \"term_ends\": null, \"deputy\": null, \"email\": null}],",
        1,
    );
    assert_ne!(bad, first);
    let other = fresh_db();
    let path = other.file("bad.json", &bad);
    let out = other.run(&["import", path_str(&path)]).fails();
    assert!(
        out.stderr.contains("business.people[0].agency"),
        "{}",
        out.stderr
    );
    let list = other.run(&["export", "--format", "json"]);
    assert!(!list.success, "no partnership was created");
}
