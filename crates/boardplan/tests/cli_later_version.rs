//! A later version of a board's plan document (issue 11, item 8), end to end on the real
//! binary with two Word versions made here: the dry run says what would change and writes
//! nothing; the import records new progress as updates, a new date as a re-timing and a new
//! row as an action, keeps the row the document dropped, and the same document again changes
//! nothing. `--update-plan` names the plan when the document's board reads differently.

use std::io::{Cursor, Write};

use serde_json::Value;

use crate::common::{Db, fresh_db, path_str};

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}

/// A Word document: paragraphs, then one table; saved on `saved` when given (its properties
/// say so).
fn docx(paragraphs: &[&str], rows: &[[&str; 6]], saved: Option<&str>) -> Vec<u8> {
    let para = |t: &str| format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", esc(t));
    let mut body: String = paragraphs.iter().map(|p| para(p)).collect();
    body.push_str("<w:tbl>");
    let heading = ["Ref", "Action", "Lead", "By when", "RAG", "Comments"];
    for r in std::iter::once(&heading).chain(rows) {
        body.push_str("<w:tr>");
        for cell in r {
            body.push_str(&format!("<w:tc>{}</w:tc>", para(cell)));
        }
        body.push_str("</w:tr>");
    }
    body.push_str("</w:tbl>");
    let xml = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .expect("a zip entry");
    zip.write_all(xml.as_bytes()).expect("written");
    if let Some(day) = saved {
        zip.start_file(
            "docProps/core.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .expect("a zip entry");
        let core = format!(
            "<?xml version=\"1.0\"?><cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dcterms=\"http://purl.org/dc/terms/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{day}T16:20:00Z</dcterms:modified></cp:coreProperties>"
        );
        zip.write_all(core.as_bytes()).expect("written");
    }
    zip.finish().expect("finished").into_inner()
}

const V7: [[&str; 6]; 3] = [
    [
        "1a",
        "Survey children in care",
        "Chair",
        "Sept 2013",
        "A",
        "Survey drafted",
    ],
    [
        "1b",
        "Report the survey",
        "Business Manager",
        "March 2014",
        "G",
        "On track",
    ],
    [
        "1c",
        "Visit schools",
        "Education Lead",
        "Dec 2013",
        "R",
        "Not started",
    ],
];

/// V9: 1a's progress moves on, 1b is re-timed, 1c is dropped, 1d is new.
const V9: [[&str; 6]; 3] = [
    [
        "1a",
        "Survey children in care",
        "Chair",
        "Sept 2013",
        "G",
        "Survey live",
    ],
    [
        "1b",
        "Report the survey",
        "Business Manager",
        "June 2014",
        "G",
        "On track",
    ],
    [
        "1d",
        "Share the findings with schools",
        "Education Lead",
        "Ongoing",
        "A",
        "Planned",
    ],
];

fn version(
    db: &Db,
    name: &str,
    title: &str,
    rows: &[[&str; 6]],
    saved: Option<&str>,
) -> std::path::PathBuf {
    db.file(
        name,
        docx(
            &["Riverbend LSCB", title, "Objective 1: Hear children"],
            rows,
            saved,
        ),
    )
}

fn status(db: &Db) -> Value {
    serde_json::from_str(&db.run(&["status", "--json"]).ok().stdout).expect("JSON")
}

fn of<'a>(status: &'a Value, id: &str) -> &'a Value {
    status["actions"]
        .as_array()
        .and_then(|a| a.iter().find(|s| s["action"] == id))
        .unwrap_or_else(|| panic!("no {id} in {status}"))
}

fn ids(v: &Value, key: &str) -> Vec<String> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key} in {v}"))
        .iter()
        .map(|x| {
            x["action"]
                .as_str()
                .unwrap_or_else(|| x.as_str().unwrap())
                .to_string()
        })
        .collect()
}

#[test]
fn a_later_version_records_progress_retimings_and_new_rows_and_keeps_dropped_ones() {
    let db = fresh_db();
    let v7 = version(&db, "v7.docx", "Business Plan 2013-14 version 7", &V7, None);
    db.run(&["import", path_str(&v7), "--as-of", "2013-09-30"])
        .ok();
    // V9 says when it was saved: its progress speaks for that day.
    let v9 = version(
        &db,
        "v9.docx",
        "Business Plan 2013-14 version 9",
        &V9,
        Some("2014-01-31"),
    );

    let before = db.snapshot();
    let dry = db
        .run(&["import", path_str(&v9), "--dry-run", "--json"])
        .ok();
    assert_eq!(db.snapshot(), before, "the dry run wrote something");
    let v: Value = serde_json::from_str(&dry.stdout).expect("JSON");
    let later = &v["later_version"];
    assert_eq!(later["plan"], "Business Plan 2013-14 version 7", "{v}");
    assert_eq!(later["matched_by"], "its period");
    assert_eq!(later["matched"], 2);
    assert_eq!(
        later["as_of"], "2014-01-31",
        "the day the document was saved"
    );
    assert_eq!(ids(later, "updates"), ["1a", "1d"]);
    assert_eq!(later["updates"][0]["was"], "amber");
    assert_eq!(ids(later, "retimed"), ["1b"]);
    assert_eq!(later["retimed"][0]["from"], "March 2014");
    assert_eq!(later["retimed"][0]["to"], "June 2014");
    assert_eq!(ids(later, "added"), ["1d"]);
    assert_eq!(ids(later, "removed"), ["1c"]);
    assert_eq!(v["dry_run"], true);
    assert!(
        v["columns"].is_array() || v["mappings"].is_array(),
        "the preview is there: {v}"
    );
    let human = db.run(&["import", path_str(&v9), "--dry-run"]).ok().stdout;
    for part in [
        "v9.docx is a later version of \"Business Plan 2013-14 version 7\" (found by its period)",
        "1a       GREEN (was AMBER)",
        "1b       \"March 2014\" → \"June 2014\"",
        "No longer in the document, kept in the plan (1):",
        "Dry run: nothing was written.",
    ] {
        assert!(human.contains(part), "{part:?} in {human}");
    }
    assert_eq!(db.snapshot(), before);

    let out = db.run(&["import", path_str(&v9)]).ok().stdout;
    assert!(
        out.contains("Recorded on \"Business Plan 2013-14 version 7\", now at version 2."),
        "{out}"
    );
    let s = status(&db);
    assert_eq!(
        s["plan"], "Business Plan 2013-14 version 7",
        "no second plan"
    );
    assert_eq!(of(&s, "1a")["rag"], "green");
    assert_eq!(of(&s, "1a")["last_update"], "2014-01-31");
    assert_eq!(of(&s, "1b")["due"], "2014-06-30");
    assert_eq!(
        of(&s, "1b")["last_update"],
        "2013-09-30",
        "1b said nothing new"
    );
    assert_eq!(of(&s, "1c")["rag"], "red", "kept, with its history");
    assert_eq!(of(&s, "1d")["rag"], "amber");
    let history = db.run(&["history", "1a"]).ok().stdout;
    assert!(
        history.contains("\"Imported from v9.docx: Survey live\""),
        "{history}"
    );
    let history = db.run(&["history", "1b"]).ok().stdout;
    assert!(history.contains("June 2014"), "{history}");

    let log = db.snapshot();
    let again = db.run(&["import", path_str(&v9)]).ok().stdout;
    assert!(again.contains("already there"), "{again}");
    assert_eq!(
        db.snapshot(),
        log,
        "the same document again changes nothing"
    );
}

#[test]
fn update_plan_names_the_plan_when_the_board_reads_differently_and_is_refused_when_wrong() {
    let db = fresh_db();
    let v7 = version(&db, "v7.docx", "Business Plan 2013-14 version 7", &V7, None);
    db.run(&["import", path_str(&v7), "--as-of", "2013-09-30"])
        .ok();
    let renamed = db.file(
        "v9.docx",
        docx(
            &[
                "Riverbend Safeguarding Children Partnership Plan 2013-14",
                "Objective 1: Hear children",
            ],
            &V9,
            None,
        ),
    );
    let before = db.snapshot();
    for (args, says) in [
        (
            vec!["--update-plan", "No such plan"],
            "--update-plan \"No such plan\": Riverbend LSCB has no such plan",
        ),
        (
            vec![
                "--update-plan",
                "Business Plan 2013-14 version 7",
                "--replace",
            ],
            "give one of them",
        ),
    ] {
        let mut all = vec!["import", path_str(&renamed)];
        all.extend(args);
        let out = db.run(&all).fails();
        assert!(out.stderr.contains(says), "{says:?} in {}", out.stderr);
        assert_eq!(db.snapshot(), before);
    }
    let text = db.file("plan.txt", "Plan\n");
    let out = db
        .run(&["import", path_str(&text), "--update-plan", "x"])
        .fails();
    assert!(out.stderr.contains("--update-plan"), "{}", out.stderr);

    let out = db
        .run(&[
            "import",
            path_str(&renamed),
            "--update-plan",
            "business plan 2013-14 version 7",
            "--as-of",
            "2014-01-31",
            "--json",
        ])
        .ok();
    let v: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(v["later_version"]["matched_by"], "--update-plan");
    assert_eq!(v["later_version"]["version"], 2);
    let parts = db.run(&["export", "--format", "json"]).ok().stdout;
    let exported: Value = serde_json::from_str(&parts).unwrap();
    assert_eq!(
        exported["partnership"]["plans"].as_array().unwrap().len(),
        1,
        "no second plan, no second partnership"
    );
}
