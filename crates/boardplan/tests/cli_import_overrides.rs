//! `boardplan import --map FIELD=HEADING --status-scale VALUE=RATING` on a plan in a board's
//! own tables: a lead column with a heading Boardplan does not know is mapped and imported
//! with its leads; a numeric status column is read through the scale given; each mapping
//! says it came from the override; bad overrides are refused with nothing written.

use serde_json::Value;

use crate::common::{Db, fresh_db, path_str};

const SHEET: &str = "Harbour Safeguarding Children Board plan 2015-16\n\
No.,Task,Person in charge,Month,Score\n\
1.1,Publish the strategy,Board Manager,June 2015,1\n\
1.2,Audit the referrals,Named Nurse / Police Lead,March 2016,3\n";

fn dry_run(db: &Db, extra: &[&str]) -> Value {
    let path = db.file("harbour.csv", SHEET);
    let mut args = vec!["import", path_str(&path), "--dry-run", "--json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&db.run(&args).ok().stdout).expect("one JSON document")
}

fn column<'a>(v: &'a Value, heading: &str) -> &'a Value {
    v["mappings"][0]["columns"]
        .as_array()
        .expect("columns")
        .iter()
        .find(|c| c["heading"] == heading)
        .unwrap_or_else(|| panic!("{heading} in {v}"))
}

fn actions(v: &Value) -> &Vec<Value> {
    v["objectives"][0]["actions"].as_array().expect("actions")
}

/// Nothing was written: the database still has no partnership.
fn still_empty(db: &Db) {
    let out = db.run(&["export", "--format", "json"]).fails();
    assert!(
        out.stderr.contains("the database is empty"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_unusual_lead_heading_is_mapped_by_map_and_imported_with_its_leads() {
    let db = fresh_db();
    let path = db.file("harbour.csv", SHEET);
    let plain = db
        .run(&["import", path_str(&path), "--dry-run", "--json"])
        .fails();
    assert!(
        plain
            .stderr
            .contains("no table has a column that could hold actions"),
        "{}",
        plain.stderr
    );

    let mapped = dry_run(&db, &["--map", "lead=person  in CHARGE"]);
    assert_eq!(column(&mapped, "Person in charge")["field"], "lead");
    assert_eq!(column(&mapped, "Person in charge")["from"], "override");
    assert_eq!(column(&mapped, "Task")["from"], "inferred");
    assert_eq!(
        actions(&mapped)[1]["leads"],
        serde_json::json!(["Named Nurse", "Police Lead"])
    );
    let human = db
        .run(&[
            "import",
            path_str(&path),
            "--dry-run",
            "--map",
            "lead=Person in charge",
        ])
        .ok()
        .stdout;
    assert!(
        human.contains("\"Person in charge\"") && human.contains("→ lead — set by --map"),
        "{human}"
    );
    still_empty(&db);

    let out = db
        .run(&["import", path_str(&path), "--map", "lead=Person in charge"])
        .ok();
    assert!(
        out.stdout.contains("Imported into partnership"),
        "{}",
        out.stdout
    );
    let exported: Value =
        serde_json::from_str(&db.run(&["export", "--format", "json"]).ok().stdout).expect("JSON");
    let stored = &exported["partnership"];
    let second = &stored["plans"][0]["objectives"][0]["actions"][1];
    let titles: Vec<&str> = second["leads"]
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
    assert_eq!(titles, ["Named Nurse", "Police Lead"]);
}

#[test]
fn a_status_scale_changes_the_ratings_read() {
    let db = fresh_db();
    let unscaled = dry_run(&db, &["--map", "status=Score"]);
    assert_eq!(column(&unscaled, "Score")["field"], "status");
    assert_eq!(actions(&unscaled)[0]["status"], Value::Null);
    assert!(
        unscaled["warnings"].to_string().contains("\\\"1\\\""),
        "{unscaled}"
    );

    let scaled = dry_run(
        &db,
        &[
            "--map",
            "status=Score",
            "--status-scale",
            "1=blue,2=green,3=amber,4=red",
        ],
    );
    assert_eq!(actions(&scaled)[0]["status"], "blue");
    assert_eq!(actions(&scaled)[1]["status"], "amber");
    assert_eq!(actions(&scaled)[1]["status_text"], "3");
    let scale = scaled["status_scale"].as_array().expect("status_scale");
    assert_eq!(scale.len(), 4);
    assert_eq!(scale[0]["value"], "1");
    assert_eq!(scale[0]["rating"], "blue");
    assert_eq!(scale[0]["from"], "override");

    let other = dry_run(
        &db,
        &["--map", "status=Score", "--status-scale", "1=GREEN,3=red"],
    );
    assert_eq!(actions(&other)[0]["status"], "green");
    assert_eq!(actions(&other)[1]["status"], "red");

    let path = db.file("harbour.csv", SHEET);
    let human = db
        .run(&[
            "import",
            path_str(&path),
            "--dry-run",
            "--map",
            "status=Score",
            "--status-scale",
            "1=blue,3=none",
        ])
        .ok()
        .stdout;
    assert!(human.contains("Status values:"), "{human}");
    assert!(
        human.contains("→ not rated — set by --status-scale"),
        "{human}"
    );
    still_empty(&db);
}

#[test]
fn bad_overrides_are_refused_naming_them_and_nothing_is_written() {
    let db = fresh_db();
    let path = db.file("harbour.csv", SHEET);
    let refused = |extra: &[&str]| {
        let mut args = vec!["import", path_str(&path)];
        args.extend_from_slice(extra);
        let out = db.run(&args).fails();
        assert!(out.stderr.contains("Nothing was written"), "{}", out.stderr);
        out.stderr
    };
    let e = refused(&["--map", "owner=Person in charge"]);
    assert!(e.contains("\"owner\" is not a field"), "{e}");
    assert!(e.contains("number, action, lead, timescale, status"), "{e}");
    let e = refused(&["--map", "lead=Responsible Officer"]);
    assert!(
        e.contains("no column is headed \"Responsible Officer\""),
        "{e}"
    );
    assert!(
        e.contains("\"No. | Task | Person in charge | Month | Score\""),
        "{e}"
    );
    // With a heading row recognised, the error lists its headings.
    let e = refused(&[
        "--map",
        "lead=Person in charge",
        "--map",
        "timescale=When exactly",
    ]);
    assert!(e.contains("no column is headed \"When exactly\""), "{e}");
    assert!(
        e.contains("\"No.\", \"Task\", \"Person in charge\", \"Month\", \"Score\""),
        "{e}"
    );
    let e = refused(&["--status-scale", "1=blue,2=purple"]);
    assert!(e.contains("\"2=purple\""), "{e}");
    assert!(e.contains("blue, green, amber, red, grey, none"), "{e}");
    let e = refused(&["--status-scale", "1=blue,2"]);
    assert!(e.contains("\"2\" has no \"=\""), "{e}");
    let text = db.file("plan.txt", "Plan\n");
    let e = db
        .run(&["import", path_str(&text), "--map", "lead=Lead"])
        .fails()
        .stderr;
    assert!(
        e.contains("--map and --status-scale apply to a plan in the board's own tables"),
        "{e}"
    );
    still_empty(&db);
}
