//! Export and import through the command line: a sheet a business manager edits comes back.

use crate::common::{fresh_db, path_str};

#[test]
fn an_unedited_csv_changes_nothing() {
    let db = fresh_db();
    db.import_sample();
    let csv = db.run(&["export", "--format", "csv"]).ok().stdout;
    let before = db.snapshot();
    let path = db.file("plan.csv", &csv);
    let out = db.run(&["import", path_str(&path)]).ok();
    assert!(out.stdout.contains("nothing to change"), "{}", out.stdout);
    assert_eq!(db.snapshot(), before);
}

#[test]
fn an_edited_csv_records_a_new_version_with_the_edit() {
    let db = fresh_db();
    db.import_sample();
    let csv = db.run(&["export", "--format", "csv"]).ok().stdout;
    let edited = csv.replace(
        "Develop an Induction programme for new members.",
        "Develop and run an induction programme for new members.",
    );
    assert_ne!(csv, edited, "the sample's 4.2 text is in the sheet");
    let path = db.file("plan.csv", &edited);
    db.run(&["import", path_str(&path)]).ok();
    let show = db.run(&["plan", "show", "--objective", "4"]).ok();
    assert!(
        show.stdout
            .contains("Develop and run an induction programme"),
        "{}",
        show.stdout
    );
    let again = db.run(&["export", "--format", "csv"]).ok().stdout;
    // Below its first row, which says which state of the plan it was taken from.
    let rows = |sheet: &str| sheet.split_once("\r\n").map(|(_, r)| r.to_string());
    assert_eq!(
        rows(&again),
        rows(&edited),
        "export after import gives back the edited sheet"
    );
    assert!(again.contains("version 2 edit 0"), "{again}");
}

#[test]
fn json_export_then_import_then_export_is_identical() {
    let db = fresh_db();
    db.import_sample();
    let first = db.run(&["export", "--format", "json"]).ok().stdout;
    let other = fresh_db();
    let path = other.file("kingston.json", &first);
    other.run(&["import", path_str(&path)]).ok();
    let second = other.run(&["export", "--format", "json"]).ok().stdout;
    assert_eq!(first, second);
}

#[test]
fn an_xlsx_export_imports_back_unchanged() {
    let db = fresh_db();
    db.import_sample();
    let path = db.dir.path().join("plan.xlsx");
    db.run(&["export", "--format", "xlsx", "--out", path_str(&path)])
        .ok();
    let before = db.snapshot();
    let out = db.run(&["import", path_str(&path)]).ok();
    assert!(out.stdout.contains("nothing to change"), "{}", out.stdout);
    assert_eq!(db.snapshot(), before);
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    let db = fresh_db();
    db.import_sample();
    // `export` writes its bytes in one go; `plan show` prints line by line.
    for args in [&["export", "--format", "csv"][..], &["plan", "show"][..]] {
        // The reader closes its end before anything is written, as `| head -0` would.
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_boardplan"))
            .arg("--db")
            .arg(&db.url)
            .args(args)
            .env_remove("BOARDPLAN_PARTNERSHIP")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run boardplan");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(stderr.is_empty(), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(141), "{args:?}: {stderr}");
    }
}
