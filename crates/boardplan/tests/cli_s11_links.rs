//! `boardplan s11 evidence add|list`, `s11 action add|list` and `qa-audit thread` through
//! risks and Section 11 standards (issue #13, items 3 and 5): the exact commands and `--json`
//! keys, a refused file or action naming the flag and the fix with nothing changed, and the
//! thread from an action to the standard and back.

use serde_json::Value;

use crate::common::{Db, fresh_db, path_str};

fn json(db: &Db, args: &[&str]) -> Value {
    serde_json::from_str(&db.run(args).ok().stdout).expect("JSON")
}

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort_unstable();
    k
}

#[test]
fn a_returns_evidence_files_and_improvement_actions_are_added_listed_and_threaded() {
    let db = fresh_db();
    db.import_sample();
    let agencies = json(&db, &["agency", "list", "--json"]);
    let first = agencies[0]["name"].as_str().unwrap().to_string();
    let csv = db.file("standards.csv", "1,Senior commitment\n2,Training\n");
    db.run(&["s11", "cycle", "add", "2010", "--standards", path_str(&csv)])
        .ok();
    let pdf = db.file("training-records.pdf", b"%PDF-1.4\nrecords\n");
    let line = ["--cycle", "2010", "--agency", &first, "--standard", "2"];
    let out = db
        .run(
            &[
                &["--actor", "Lee Lead", "s11", "evidence", "add"][..],
                &line,
                &["--file", path_str(&pdf)],
            ]
            .concat(),
        )
        .ok()
        .stdout;
    assert!(
        out.contains("Added training-records.pdf (application/pdf)"),
        "{out}"
    );
    let out = db
        .run(
            &[
                &["s11", "action", "add"][..],
                &line,
                &["--action", "4.1", "--text", "Train every custody sergeant"],
            ]
            .concat(),
        )
        .ok()
        .stdout;
    assert!(out.contains("to action 4.1"), "{out}");

    let files = json(
        &db,
        &[
            "s11", "evidence", "list", "--cycle", "2010", "--agency", &first, "--json",
        ],
    );
    let files = files.as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(
        keys(&files[0]),
        [
            "href",
            "id",
            "media_type",
            "name",
            "sha256",
            "size",
            "standard"
        ]
    );
    assert_eq!(
        (files[0]["standard"].as_str(), files[0]["size"].as_i64()),
        (Some("2"), Some(17))
    );
    let actions = json(
        &db,
        &[
            "s11", "action", "list", "--cycle", "2010", "--agency", &first, "--json",
        ],
    );
    assert_eq!(
        keys(&actions[0]),
        ["action", "href", "plan", "standard", "text"]
    );
    assert_eq!(actions[0]["action"], "4.1");
    let log = db
        .run(&["audit", "log", "--kind", "s11_evidence"])
        .ok()
        .stdout;
    assert!(log.contains("Lee Lead"), "{log}");

    // Refused, naming the flag, and nothing changes.
    let before = db.snapshot();
    let html = db.file("page.html", "<p>hi</p>");
    let e = db
        .run(
            &[
                &["s11", "evidence", "add"][..],
                &line,
                &["--file", path_str(&html)],
            ]
            .concat(),
        )
        .fails()
        .stderr;
    assert!(e.contains("--file: page.html: a .html file"), "{e}");
    let e = db
        .run(&[&["s11", "action", "add"][..], &line, &["--action", "99.9"]].concat())
        .fails()
        .stderr;
    assert!(
        e.contains("--action: ") && e.contains("has no action 99.9"),
        "{e}"
    );
    let e = db
        .run(&[
            "s11",
            "action",
            "add",
            "--cycle",
            "2010",
            "--agency",
            "Fire Brigade",
            "--standard",
            "2",
            "--action",
            "4.1",
        ])
        .fails()
        .stderr;
    assert!(e.contains("not one of the partnership's agencies"), "{e}");
    assert_eq!(db.snapshot(), before);

    // The thread from 4.1 reaches the standard; the standard's leads back to 4.1.
    let t = json(&db, &["qa-audit", "thread", "--action", "4.1", "--json"]);
    let s11: Vec<&Value> = t["links"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["kind"] == "section11_standard")
        .collect();
    assert_eq!(s11.len(), 1);
    assert_eq!(s11[0]["key"], "2010/2");
    let back = json(
        &db,
        &[
            "qa-audit",
            "thread",
            "--cycle",
            "2010",
            "--standard",
            "2",
            "--json",
        ],
    );
    assert_eq!(back["from"], "section11_standard");
    assert_eq!(back["links"][0]["kind"], "action");
    assert_eq!(back["links"][0]["key"], "4.1");
    let table = db
        .run(&["qa-audit", "thread", "--cycle", "2010", "--standard", "2"])
        .ok()
        .stdout;
    assert!(
        table.contains("Plan actions") && table.contains("4.1"),
        "{table}"
    );
}
