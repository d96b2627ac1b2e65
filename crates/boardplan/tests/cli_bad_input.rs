//! Bad input of every kind gets a clear error naming the place, and changes nothing.
//! Each test imports the sample first, so "nothing changed" is checked against real data.

use crate::common::{Db, SAMPLE, fresh_db, path_str};

/// Import `contents` as `name` into a database holding the sample; assert it fails, that the
/// message contains each of `expected`, and that the database is exactly as it was.
#[track_caller]
fn refused(name: &str, contents: impl AsRef<[u8]>, expected: &[&str]) -> Db {
    let db = fresh_db();
    db.import_sample();
    let before = db.snapshot();
    let path = db.file(name, contents);
    let out = db.run(&["import", path_str(&path), "--replace"]).fails();
    for e in expected {
        assert!(out.stderr.contains(e), "expected {e:?} in:\n{}", out.stderr);
    }
    assert!(
        out.stderr.contains(name),
        "the message names the file: {}",
        out.stderr
    );
    assert_eq!(db.snapshot(), before, "the database changed");
    db
}

#[test]
fn an_empty_file_is_refused() {
    refused("empty.txt", "", &["the document"]);
}

#[test]
fn a_file_of_only_blank_lines_is_refused() {
    refused("blank.txt", "\n\n   \n\t\n", &["the document"]);
}

#[test]
fn a_binary_file_is_refused() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0u8, 64));
    refused("photo.txt", png, &["the document"]);
}

#[test]
fn an_objective_with_no_outcomes_is_refused_naming_its_line() {
    let doc = SAMPLE.replace(
        "16.1 Group members are in place to share practice and procedures within their own organisation",
        "",
    );
    refused("no-outcomes.txt", doc, &["line ", "16"]);
}

#[test]
fn an_outcome_numbered_for_another_objective_is_refused_naming_its_line() {
    let doc = SAMPLE.replace("5.5 Produce a brief summary", "3.4 Produce a brief summary");
    assert_ne!(doc, SAMPLE);
    refused("misnumbered.txt", doc, &["line ", "3.4"]);
}

#[test]
fn a_fifty_megabyte_file_is_refused_before_it_is_read() {
    let big = "x".repeat(50 * 1024 * 1024);
    refused("huge.txt", big, &["MB"]);
}

#[test]
fn a_truncated_workbook_is_refused() {
    let db = fresh_db();
    db.import_sample();
    let full = db.dir.path().join("plan.xlsx");
    db.run(&["export", "--format", "xlsx", "--out", path_str(&full)])
        .ok();
    let bytes = std::fs::read(&full).expect("exported workbook");
    let before = db.snapshot();
    let cut = db.file("cut.xlsx", &bytes[..bytes.len() / 2]);
    let out = db.run(&["import", path_str(&cut)]).fails();
    assert!(out.stderr.contains("cut.xlsx"), "{}", out.stderr);
    assert!(out.stderr.to_lowercase().contains("xlsx"), "{}", out.stderr);
    assert_eq!(db.snapshot(), before);
}

#[test]
fn a_csv_missing_a_column_is_refused_naming_the_column() {
    let db = fresh_db();
    db.import_sample();
    let csv = db.run(&["export", "--format", "csv"]).ok().stdout;
    let before = db.snapshot();
    // Drop the "Action" column (the fifth) from every line of the table, below the mark line
    // that says which state of the plan the sheet came from.
    let cut: String = csv
        .lines()
        .map(|line| {
            let mut r = csv_fields(line);
            if r.len() > 4 {
                r.remove(4);
            }
            r.join(",") + "\n"
        })
        .collect();
    let path = db.file("no-action-column.csv", cut);
    let out = db.run(&["import", path_str(&path)]).fails();
    assert!(out.stderr.contains("\"Action\""), "{}", out.stderr);
    assert_eq!(db.snapshot(), before);
}

/// Split one CSV line, keeping quoted fields quoted (enough for the exported sheet).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    for ch in line.chars() {
        match ch {
            '"' => {
                quoted = !quoted;
                if let Some(f) = fields.last_mut() {
                    f.push(ch);
                }
            }
            ',' if !quoted => fields.push(String::new()),
            _ => {
                if let Some(f) = fields.last_mut() {
                    f.push(ch);
                }
            }
        }
    }
    fields
}

#[test]
fn a_missing_file_names_the_path() {
    let db = fresh_db();
    let out = db.run(&["import", "no-such-plan.txt"]).fails();
    assert!(out.stderr.contains("no-such-plan.txt"), "{}", out.stderr);
}
