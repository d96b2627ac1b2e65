//! `boardplan risk …` and `boardplan s11 …` (issue #13, items 3, 4 and 9): the exact commands,
//! flags and `--json` keys, scores as at a day, bad input refused naming the fix with nothing
//! changed, and every change in the change log with its actor.

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
fn a_risk_is_added_rerated_and_listed_as_at_any_day_with_the_issues_keys() {
    let db = fresh_db();
    db.import_sample();
    let out = db
        .run(&[
            "--actor",
            "Business Manager",
            "risk",
            "add",
            "--title",
            "Agencies miss meetings",
            "--owner",
            "LSCB Chair",
            "--likelihood",
            "4",
            "--impact",
            "4",
            "--appetite",
            "9",
            "--action",
            "4.1",
            "--action",
            "3.1",
            "--date",
            "2009-06-01",
        ])
        .ok()
        .stdout;
    assert!(
        out.contains("Added R1") && out.contains("above appetite"),
        "{out}"
    );
    db.run(&[
        "risk",
        "rate",
        "R1",
        "--likelihood",
        "2",
        "--impact",
        "3",
        "--date",
        "2009-09-01",
    ])
    .ok();
    let june = json(&db, &["risk", "list", "--as-at", "2009-07-01", "--json"]);
    let r = &june[0];
    assert_eq!(
        keys(r),
        [
            "above_appetite",
            "id",
            "impact",
            "likelihood",
            "score",
            "title"
        ]
    );
    assert_eq!(
        (r["score"].as_i64(), r["above_appetite"].as_bool()),
        (Some(16), Some(true))
    );
    let now = json(&db, &["risk", "list", "--json"]);
    assert_eq!(
        (now[0]["likelihood"].as_i64(), now[0]["score"].as_i64()),
        (Some(2), Some(6))
    );
    assert_eq!(now[0]["above_appetite"], false);
    assert!(
        json(&db, &["risk", "list", "--as-at", "2009-05-01", "--json"])
            .as_array()
            .unwrap()
            .is_empty()
    );
    let table = db
        .run(&["risk", "list", "--as-at", "2009-07-01"])
        .ok()
        .stdout;
    assert!(
        table.contains("R1  Agencies miss meetings") && table.contains("ABOVE APPETITE"),
        "{table}"
    );
    let log = db.run(&["audit", "log"]).ok().stdout;
    assert!(
        log.contains("risk_rating") && log.contains("Business Manager"),
        "{log}"
    );
}

#[test]
fn bad_risk_input_is_refused_with_the_fix_and_changes_nothing() {
    let db = fresh_db();
    db.import_sample();
    let before = db.snapshot();
    for (args, says) in [
        (
            vec!["--likelihood", "6", "--impact", "3"],
            "1 (lowest) to 5",
        ),
        (
            vec!["--likelihood", "3", "--impact", "3", "--appetite", "30"],
            "from 1 to 25",
        ),
        (
            vec!["--likelihood", "3", "--impact", "3", "--action", "99.9"],
            "--action 99.9",
        ),
        (
            vec!["--likelihood", "3", "--impact", "3", "--date", "2999-01-01"],
            "--date",
        ),
    ] {
        let mut all = vec!["risk", "add", "--title", "T", "--owner", "Chair"];
        all.extend(args);
        let e = db.run(&all).fails().stderr;
        assert!(e.contains(says), "{e}");
    }
    let e = db
        .run(&["risk", "rate", "7", "--likelihood", "2", "--impact", "2"])
        .fails()
        .stderr;
    assert!(e.contains("R7"), "{e}");
    assert_eq!(db.snapshot(), before);
}

#[test]
fn a_section_11_cycle_is_rated_and_its_heat_map_has_one_cell_per_agency_and_standard() {
    let db = fresh_db();
    db.import_sample();
    let agencies = json(&db, &["agency", "list", "--json"]);
    let n_agencies = agencies.as_array().unwrap().len();
    let first = agencies[0]["name"].as_str().unwrap().to_string();
    let csv = db.file(
        "standards.csv",
        "number,title\n1,Senior commitment\n2,\"Training, and its evaluation\"\n",
    );
    let out = db
        .run(&[
            "--actor",
            "BM",
            "s11",
            "cycle",
            "add",
            "2010",
            "--standards",
            path_str(&csv),
        ])
        .ok()
        .stdout;
    assert!(out.contains("2 standards"), "{out}");
    db.run(&[
        "s11",
        "rate",
        "--cycle",
        "2010",
        "--agency",
        &first,
        "--standard",
        "2",
        "--rating",
        "Amber",
        "--evidence",
        "Training records",
    ])
    .ok();
    let cells = json(&db, &["s11", "heatmap", "--cycle", "2010", "--json"]);
    let cells = cells.as_array().unwrap();
    assert_eq!(cells.len(), n_agencies * 2);
    assert_eq!(keys(&cells[1]), ["agency", "rating", "standard"]);
    assert_eq!(
        (cells[1]["agency"].as_str(), cells[1]["standard"].as_str()),
        (Some(first.as_str()), Some("2"))
    );
    assert_eq!(cells[1]["rating"], "amber");
    assert_eq!(cells[0]["rating"], Value::Null);
    let table = db.run(&["s11", "heatmap", "--cycle", "2010"]).ok().stdout;
    assert!(
        table.contains("amber") && table.contains("Outstanding:"),
        "{table}"
    );
    let before = db.snapshot();
    let e = db
        .run(&[
            "s11",
            "rate",
            "--cycle",
            "2010",
            "--agency",
            &first,
            "--standard",
            "1",
            "--rating",
            "purple",
        ])
        .fails()
        .stderr;
    assert!(e.contains("green, amber, red"), "{e}");
    let e = db
        .run(&["s11", "heatmap", "--cycle", "2011"])
        .fails()
        .stderr;
    assert!(e.contains("s11 cycle add 2011"), "{e}");
    let bad = db.file("bad.csv", "1,A\n1,B\n");
    let e = db
        .run(&["s11", "cycle", "add", "2011", "--standards", path_str(&bad)])
        .fails()
        .stderr;
    assert!(e.contains("line 2"), "{e}");
    assert_eq!(db.snapshot(), before);
}
