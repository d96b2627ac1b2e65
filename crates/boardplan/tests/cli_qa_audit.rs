//! `boardplan qa-audit …` (issue #13, items 1, 2, 5 and 9): the exact commands and flags, the
//! `--json` shapes (the API's), a reference that looks like a name, date or address refused
//! naming `--ref` and the reason with nothing written, and the summary's change since the
//! last audit of the same theme.

use serde_json::Value;

use crate::common::{Db, fresh_db};

fn json(db: &Db, args: &[&str]) -> Value {
    let out = db.run(args).ok().stdout;
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Add an audit of `theme` in `year`; its id.
fn add(db: &Db, theme: &str, year: &str) -> i64 {
    let out = db
        .run(&[
            "--actor",
            "QA Lead",
            "qa-audit",
            "add",
            "--year",
            year,
            "--theme",
            theme,
            "--kind",
            "multi_agency_case_file",
            "--lead",
            "Chair Monitoring & Evaluation",
            "--starts",
            "2009-06-01",
            "--ends",
            "2009-07-31",
            "--reason",
            "indicator:NI 64",
            "--reason",
            "note:Rising re-referrals",
            "--area",
            "Assessment",
            "--area",
            "Planning",
        ])
        .ok()
        .stdout;
    let id = out
        .strip_prefix("Added audit ")
        .and_then(|r| r.split(':').next())
        .and_then(|n| n.parse().ok());
    id.unwrap_or_else(|| panic!("{out}"))
}

fn case(db: &Db, id: i64, reference: &str, grades: &[&str]) -> crate::common::Run {
    let id = id.to_string();
    let mut args = vec![
        "qa-audit",
        "case",
        "add",
        id.as_str(),
        "--ref",
        reference,
        "--agency",
        "Metropolitan Police",
        "--findings",
        "Plan not shared",
    ];
    for g in grades {
        args.extend(["--grade", g]);
    }
    db.run(&args)
}

#[test]
fn an_audit_is_added_and_listed_as_json_in_the_apis_shape() {
    let db = fresh_db();
    db.import_sample();
    let id = add(&db, "Neglect", "2009");
    let list = json(&db, &["qa-audit", "list", "--json"]);
    let a = &list["items"][0];
    let mut keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "areas",
            "cases",
            "ends_on",
            "href",
            "id",
            "kind",
            "lead",
            "reasons",
            "reaudit_on",
            "recommendations",
            "scale",
            "starts_on",
            "status",
            "theme",
            "year"
        ]
    );
    assert_eq!(a["id"], id);
    assert_eq!(a["kind"], "multi_agency_case_file");
    assert_eq!(a["status"], "planned");
    assert_eq!(a["reasons"][0], "indicator:NI 64");
    assert_eq!(a["scale"][3], "inadequate");
    let none = json(&db, &["qa-audit", "list", "--year", "2010", "--json"]);
    assert_eq!(none["items"].as_array().unwrap().len(), 0);
    db.run(&[
        "qa-audit",
        "set",
        &id.to_string(),
        "--status",
        "in progress",
    ])
    .ok();
    let list = json(&db, &["qa-audit", "list", "--json"]);
    assert_eq!(list["items"][0]["status"], "in_progress");
    let e = db
        .run(&[
            "qa-audit", "add", "--year", "2009", "--theme", "X", "--kind", "census",
        ])
        .fails();
    assert!(
        e.stderr.contains("--kind") && e.stderr.contains("dip_sample"),
        "{}",
        e.stderr
    );
}

#[test]
fn a_reference_that_looks_like_a_name_date_or_address_is_refused_naming_ref_and_why() {
    let db = fresh_db();
    db.import_sample();
    let id = add(&db, "Neglect", "2009");
    let before = db.snapshot();
    for (reference, why) in [
        ("Jane Smith", "name"),
        ("01/02/2005", "date of birth"),
        ("12 Acacia Avenue", "address"),
        ("KT2 5PJ", "postcode"),
    ] {
        let e = case(&db, id, reference, &["Assessment=good"]).fails();
        assert!(
            e.stderr.contains("--ref") && e.stderr.contains(why),
            "{reference}: {}",
            e.stderr
        );
        assert!(e.stderr.contains("Child A"), "the fix: {}", e.stderr);
    }
    assert_eq!(db.snapshot(), before, "nothing written");
    assert_eq!(
        json(&db, &["qa-audit", "list", "--json"])["items"][0]["cases"],
        0
    );
    let e = case(&db, id, "Child A", &["Assessment=brilliant"]).fails();
    assert!(
        e.stderr.contains("--grade") && e.stderr.contains("requires improvement"),
        "{}",
        e.stderr
    );
    let e = case(&db, id, "Child A", &["Assessment"]).fails();
    assert!(e.stderr.contains("AREA=GRADE"), "{}", e.stderr);
}

#[test]
fn the_summary_gives_grades_by_area_and_agency_and_the_change_since_the_last_audit() {
    let db = fresh_db();
    db.import_sample();
    let first = add(&db, "Neglect", "2009");
    case(
        &db,
        first,
        "Child A",
        &["Assessment=inadequate", "Planning=good"],
    )
    .ok();
    let second = add(&db, "neglect", "2010");
    let out = case(
        &db,
        second,
        "C-2010-001",
        &["Assessment=good", "Planning=good"],
    )
    .ok()
    .stdout;
    assert!(out.contains("Added case C-2010-001 to audit"), "{out}");
    case(&db, second, "C-2010-002", &["assessment=Outstanding"]).ok();
    let s = json(&db, &["qa-audit", "summary", &second.to_string(), "--json"]);
    assert_eq!(s["cases"], 2);
    assert_eq!(s["by_area"][0]["name"], "Assessment");
    assert_eq!(s["by_area"][0]["counts"], serde_json::json!([1, 1, 0, 0]));
    assert_eq!(s["by_agency"][0]["name"], "Metropolitan Police");
    assert_eq!(s["by_agency"][0]["graded"], 3);
    assert_eq!(s["previous_audit"], first);
    assert_eq!(s["change"][0]["points"], 100.0);
    assert!(
        !s.to_string().contains("Child A"),
        "no case reference in a summary"
    );
    let text = db
        .run(&["qa-audit", "summary", &second.to_string()])
        .ok()
        .stdout;
    assert!(
        text.contains("By practice area") && text.contains("+100.0 points"),
        "{text}"
    );
}

#[test]
fn a_recommendation_links_to_an_action_and_the_thread_runs_back_to_the_audit() {
    let db = fresh_db();
    db.import_sample();
    let id = add(&db, "Neglect", "2009").to_string();
    db.run(&[
        "qa-audit",
        "recommend",
        &id,
        "--text",
        "Base the programme on the KPIs",
        "--action",
        "10.2",
    ])
    .ok();
    let e = db
        .run(&[
            "qa-audit",
            "recommend",
            &id,
            "--text",
            "X",
            "--action",
            "99.9",
        ])
        .fails();
    assert!(
        e.stderr.contains("--action") && e.stderr.contains("99.9"),
        "{}",
        e.stderr
    );
    let t = json(&db, &["qa-audit", "thread", "--action", "10.2", "--json"]);
    assert_eq!(t["from"], "action");
    let links = t["links"].as_array().unwrap();
    assert!(
        links
            .iter()
            .any(|l| l["kind"] == "audit" && l["via"] == "recommends 10.2"),
        "{t}"
    );
    assert!(
        links
            .iter()
            .any(|l| l["kind"] == "indicator" && l["key"] == "NI 64"),
        "{t}"
    );
    let text = db
        .run(&["qa-audit", "thread", "--objective", "10"])
        .ok()
        .stdout;
    assert!(
        text.contains("Audits") && text.contains("Neglect"),
        "{text}"
    );
    let e = db.run(&["qa-audit", "thread"]).fails();
    assert!(
        e.stderr.contains("--action") && e.stderr.contains("--objective"),
        "{}",
        e.stderr
    );
}
