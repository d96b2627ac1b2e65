//! `boardplan import` of a plan in the board's own tables: a Word document previewed as
//! JSON (columns, actions, inferences), then imported and shown; a sheet in a board's layout;
//! a PDF refused naming the kinds that are read; a document with no table refused with
//! nothing written.

use std::io::{Cursor, Write};

use serde_json::Value;

use crate::common::{Db, fresh_db, path_str};

/// Nothing was written: the database still has no partnership.
fn still_empty(db: &Db) {
    let out = db.run(&["export", "--format", "json"]).fails();
    assert!(
        out.stderr.contains("the database is empty"),
        "{}",
        out.stderr
    );
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;")
}

/// A Word document: paragraphs, then a table of rows (cells' lines become paragraphs).
fn docx(paragraphs: &[&str], rows: &[&[&str]]) -> Vec<u8> {
    let para = |t: &str| format!("<w:p><w:r><w:t>{}</w:t></w:r></w:p>", esc(t));
    let mut body: String = paragraphs.iter().map(|p| para(p)).collect();
    if !rows.is_empty() {
        body.push_str("<w:tbl>");
        for r in rows {
            body.push_str("<w:tr>");
            for cell in *r {
                let ps: String = cell.split('\n').map(para).collect();
                body.push_str(&format!("<w:tc>{ps}</w:tc>"));
            }
            body.push_str("</w:tr>");
        }
        body.push_str("</w:tbl>");
    }
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
    zip.finish().expect("finished").into_inner()
}

fn plan() -> Vec<u8> {
    docx(
        &[
            "Riverbend LSCB Business Plan 2013-14",
            "Objective 1: Hear children",
        ],
        &[
            &["Ref", "Action", "Lead", "By when", "RAG", "Comments"],
            &[
                "1a",
                "Survey children in care",
                "Chair / Participation Officer",
                "Sept 2013",
                "G",
                "Survey live",
            ],
            &[
                "1b",
                "Report the survey (see 1a)",
                "Business Manager",
                "March 2014",
                "",
                "",
            ],
            &[
                "",
                "Share the findings with schools",
                "Education Lead",
                "Ongoing",
                "",
                "",
            ],
        ],
    )
}

#[test]
fn a_word_plan_is_previewed_as_json_then_imported() {
    let db = fresh_db();
    let path = db.file("riverbend.docx", plan());
    let out = db
        .run(&["import", path_str(&path), "--dry-run", "--json"])
        .ok();
    let v: Value = serde_json::from_str(&out.stdout).expect("one JSON document");
    still_empty(&db);
    assert_eq!(v["read_as"], "tables");
    assert_eq!(v["title"], "Riverbend LSCB Business Plan 2013-14");
    let fields: Vec<&str> = v["mappings"][0]["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .map(|c| c["field"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        fields,
        [
            "number",
            "action",
            "lead",
            "timescale",
            "status",
            "progress"
        ]
    );
    let actions = v["objectives"][0]["actions"].as_array().expect("actions");
    let ids: Vec<&str> = actions
        .iter()
        .map(|a| a["id"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(ids, ["1a", "1b", "1.3"]);
    assert_eq!(
        actions[0]["leads"],
        serde_json::json!(["Chair", "Participation Officer"])
    );
    assert_eq!(actions[0]["due"], "2013-09-30");
    assert_eq!(actions[0]["status"], "green");
    assert_eq!(actions[0]["progress"], "Survey live");
    assert_eq!(
        actions[1]["status"],
        Value::Null,
        "an empty RAG is not rated"
    );
    assert_eq!(actions[2]["place"], "table 1, row 4");
    let inferred = v["inferred"].as_array().expect("inferred");
    assert!(
        inferred.iter().any(|i| i["what"]
            .as_str()
            .unwrap_or("")
            .contains("action 1.3 by its position")),
        "{inferred:?}"
    );
    assert_eq!(v["counts"]["actions"], 3);

    let human = db.run(&["import", path_str(&path), "--dry-run"]).ok();
    assert!(human.stdout.contains("\"By when\""), "{}", human.stdout);
    assert!(human.stdout.contains("→ timescale"), "{}", human.stdout);
    assert!(
        human
            .stdout
            .contains("  1.3      Share the findings with schools   (table 1, row 4)"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("Inferred — please check (1):"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("Dry run: nothing was written."),
        "{}",
        human.stdout
    );

    let out = db.run(&["import", path_str(&path)]).ok();
    assert!(
        out.stdout.contains("Imported into partnership"),
        "{}",
        out.stdout
    );
    let shown = db.run(&["plan", "show"]).ok().stdout;
    for part in [
        "1. Hear children",
        "Survey children in care",
        "1.3    Share the findings",
        "→ refers to 1a",
    ] {
        assert!(shown.contains(part), "{part} in {shown}");
    }
    let exported: Value =
        serde_json::from_str(&db.run(&["export", "--format", "json"]).ok().stdout).expect("JSON");
    let stored = &exported["partnership"];
    let first = &stored["plans"][0]["objectives"][0]["actions"][0];
    let titles: Vec<&str> = first["leads"]
        .as_array()
        .expect("leads")
        .iter()
        .filter_map(|id| {
            stored["roles"]
                .as_array()?
                .iter()
                .find(|r| r["id"] == *id)?["title"]
                .as_str()
        })
        .collect();
    assert_eq!(titles, ["Chair", "Participation Officer"]);
    // The Word table's RAG and comments are 1a's first update; 1b, not rated, has none.
    assert!(
        out.stdout
            .contains("1 first progress update recorded, dated "),
        "{}",
        out.stdout
    );
    let history = db.run(&["history", "1a"]).ok().stdout;
    assert!(history.contains("update 1: GREEN as of "), "{history}");
    assert!(
        history.contains("\"Imported from riverbend.docx: Survey"),
        "{history}"
    );
    let history = db.run(&["history", "1b"]).ok().stdout;
    assert!(!history.contains("update 1"), "{history}");
    let again = db.run(&["import", path_str(&path)]).ok();
    assert!(again.stdout.contains("already there"), "{}", again.stdout);
}

#[test]
fn a_sheet_in_a_boards_layout_is_imported_without_a_stored_plan() {
    let db = fresh_db();
    let csv = "Lakeside Safeguarding Adults Board plan 2016-17\nNo.,What we will do,Responsible officer,Deadline\n1.1,Publish the strategy,Board Manager,30/06/16\n";
    let path = db.file("lakeside.csv", csv);
    let out = db.run(&["import", path_str(&path), "--json"]).ok();
    let v: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(v["outcome"]["result"], "created", "{v}");
    assert_eq!(v["counts"]["actions"], 1);
}

#[test]
fn unreadable_and_unsupported_files_are_refused_and_nothing_is_written() {
    let db = fresh_db();
    let pdf = db.file("plan.pdf", b"%PDF-1.4\n");
    let out = db.run(&["import", path_str(&pdf)]).fails();
    assert!(out.stderr.contains("plan.pdf"), "{}", out.stderr);
    assert!(
        out.stderr.contains("this PDF cannot be read"),
        "{}",
        out.stderr
    );
    let doc = db.file("plan.doc", b"\xd0\xcf\x11\xe0");
    let out = db.run(&["import", path_str(&doc)]).fails();
    assert!(
        out.stderr.contains(".docx, .odt, .xlsx, .ods, .csv, .pdf"),
        "{}",
        out.stderr
    );
    let no_table = db.file(
        "notes.docx",
        docx(&["Business plan 2013-14", "To follow."], &[]),
    );
    let out = db.run(&["import", path_str(&no_table)]).fails();
    assert!(out.stderr.contains("notes.docx"), "{}", out.stderr);
    assert!(out.stderr.contains("no table was found"), "{}", out.stderr);
    let mut cut = plan();
    cut.truncate(cut.len() / 3);
    let cut = db.file("cut.docx", cut);
    let out = db.run(&["import", path_str(&cut), "--dry-run"]).fails();
    assert!(
        out.stderr.contains("cut.docx") && out.stderr.contains("not a readable Word document"),
        "{}",
        out.stderr
    );
    still_empty(&db);
}

/// A board's sheet with a RAG and a progress column: each rated row's status and progress
/// become the action's first progress update, dated at `--as-of`, saying where it came from.
#[test]
fn a_boards_status_and_progress_become_each_actions_first_update() {
    let db = fresh_db();
    let csv = "Lakeside Safeguarding Adults Board plan 2016-17\n\
               No.,What we will do,Responsible officer,Deadline,RAG,Progress\n\
               1.1,Publish the strategy,Board Manager,30/06/16,Amber,Draft with the Chair\n\
               1.2,Train staff,Board Manager,31/03/17,G,\n\
               1.3,Audit case files,Board Manager,31/03/17,,Started in May\n\
               1.4,Review the website,Board Manager,31/03/17,,\n";
    let path = db.file("lakeside.csv", csv);

    let bad = db
        .run(&["import", path_str(&path), "--as-of", "2016-13-01"])
        .fails();
    assert!(bad.stderr.contains("--as-of"), "{}", bad.stderr);
    assert!(bad.stderr.contains("Nothing was written"), "{}", bad.stderr);
    still_empty(&db);

    let dry = db
        .run(&[
            "import",
            path_str(&path),
            "--as-of",
            "2016-09-30",
            "--dry-run",
        ])
        .ok();
    assert!(
        dry.stdout
            .contains("2 first progress updates would be recorded, dated 2016-09-30."),
        "{}",
        dry.stdout
    );
    assert!(dry.stdout.contains("Not for 1.3"), "{}", dry.stdout);
    still_empty(&db);

    let out = db
        .run(&["import", path_str(&path), "--as-of", "2016-09-30"])
        .ok();
    assert!(
        out.stdout
            .contains("2 first progress updates recorded, dated 2016-09-30."),
        "{}",
        out.stdout
    );
    let history = db.run(&["history", "1.1"]).ok().stdout;
    assert!(
        history.contains("AMBER as of 2016-09-30 — \"Imported from lakeside.csv: Draft with"),
        "{history}"
    );
    let status: Value =
        serde_json::from_str(&db.run(&["status", "--json"]).ok().stdout).expect("JSON");
    let of = |id: &str| {
        status["actions"]
            .as_array()
            .and_then(|a| a.iter().find(|s| s["action"] == id))
            .cloned()
            .unwrap_or_else(|| panic!("no {id} in {status}"))
    };
    assert_eq!(of("1.1")["rag"], "amber");
    assert_eq!(of("1.1")["last_update"], "2016-09-30");
    assert_eq!(of("1.2")["rag"], "green");
    assert_eq!(of("1.3")["rag"], Value::Null, "no rating is invented");
    assert_eq!(of("1.4")["rag"], Value::Null);

    // Importing it again changes nothing and records no second first update.
    let again = db.run(&["import", path_str(&path)]).ok();
    assert!(again.stdout.contains("already there"), "{}", again.stdout);
    let history = db.run(&["history", "1.1"]).ok().stdout;
    assert_eq!(history.matches("Imported from").count(), 1, "{history}");
}

#[test]
fn as_of_is_refused_for_a_file_whose_columns_are_fixed() {
    let db = fresh_db();
    let text = db.file("plan.txt", "Plan\n");
    let e = db
        .run(&["import", path_str(&text), "--as-of", "2016-09-30"])
        .fails()
        .stderr;
    assert!(e.contains("--as-of"), "{e}");
    assert!(e.contains("Nothing was written"), "{e}");
    still_empty(&db);
}
