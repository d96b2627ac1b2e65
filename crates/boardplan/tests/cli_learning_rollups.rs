//! `boardplan training need add|list`, `training impact --by course|priority|agency`,
//! `training evaluation --year 2009-10`, attendance from an ODS file, and `boardplan
//! workforce [comment]` (issue #14): the exact commands, flags and `--json` keys, refusals
//! naming the flag and changing nothing.

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;
use testkit::programs::SOFFICE_CALC;

use crate::common::{Db, fresh_db, path_str};

const KINGSTON: &str = "kingston-lscb";
const AREA: &str = "E09000021";

/// How many entries the change log holds, and the newest one's (entity, actor).
fn log(db: &Db) -> (usize, String, String) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            let store = store::Store::connect(&db.url).await.expect("open");
            let log = store.change_log(KINGSTON).await.expect("read the log");
            let c = log.last().expect("an entry").clone();
            (log.len(), c.entity, c.actor)
        })
}

fn json(db: &Db, args: &[&str]) -> Value {
    let out = db.run(args).ok().stdout;
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// Two courses (1 serves priority 3, 2 serves 3 and 4) with sessions in 2009-10 (1, 2) and
/// 2010-11 (3), attendance and scores.
fn training(db: &Db) {
    for (title, priorities) in [
        ("Recognising neglect", "3"),
        ("Chairing conferences", "3,4"),
    ] {
        db.run(&[
            "training",
            "course",
            "add",
            title,
            "--level",
            "2",
            "--priority",
            priorities,
        ])
        .ok();
    }
    for (course, date) in [
        ("1", "2009-10-14"),
        ("2", "2010-02-03"),
        ("1", "2010-05-05"),
    ] {
        db.run(&[
            "training",
            "session",
            "add",
            "--course",
            course,
            "--date",
            date,
            "--trainer",
            "LSCB trainer",
            "--places",
            "20",
        ])
        .ok();
    }
    let csv = db.file(
        "attendance.csv",
        "Session,Agency,Role,Attended\n1,NHS Kingston,GP,4\n1,Police,Officer,6\n2,NHS Kingston,Health visitor,5\n3,Police,Officer,9\n",
    );
    db.run(&["training", "attendance", "import", path_str(&csv)])
        .ok();
    let csv = db.file(
        "scores.csv",
        "Session,Stage,Respondent,Outcome,Score\n1,before,r1,Neglect,3\n1,after,r1,Neglect,8\n2,before,r2,Neglect,5\n2,follow_up,r2,Neglect,6\n3,before,r3,Neglect,1\n",
    );
    db.run(&["training", "evaluation", "import", path_str(&csv)])
        .ok();
}

#[test]
fn a_need_is_listed_beside_the_courses_serving_its_priority() {
    let db = fresh_db();
    db.import_sample();
    let out = db
        .run(&[
            "--actor",
            "Business Manager",
            "training",
            "need",
            "add",
            "Recognising neglect in babies",
            "--priority",
            "3",
            "--agency",
            "NHS Kingston",
            "--staff",
            "40",
        ])
        .ok()
        .stdout;
    assert!(out.contains("Recorded need 1 under priority 3"), "{out}");
    assert!(out.contains("No course serves priority 3 yet"), "{out}");
    assert_eq!(
        (log(&db).1, log(&db).2),
        ("training_need".into(), "Business Manager".into())
    );
    db.run(&[
        "training",
        "course",
        "add",
        "Recognising neglect",
        "--level",
        "2",
        "--priority",
        "3",
    ])
    .ok();
    let v = json(&db, &["training", "need", "list", "--json"]);
    let n = &v["items"][0];
    assert_eq!(n["priority"], "3");
    assert_eq!(n["agency"], "NHS Kingston");
    assert_eq!(n["need"], "Recognising neglect in babies");
    assert_eq!(n["staff"], 40);
    assert_eq!(n["courses"][0]["id"], 1);
    assert_eq!(n["courses"][0]["title"], "Recognising neglect");
    let table = db.run(&["training", "need", "list"]).ok().stdout;
    assert!(table.contains("met by 1 Recognising neglect"), "{table}");

    let before = log(&db).0;
    let e = db
        .run(&[
            "training",
            "need",
            "add",
            "Neglect",
            "--priority",
            "99",
            "--agency",
            "Police",
            "--staff",
            "3",
        ])
        .fails()
        .stderr;
    assert!(e.contains("priority: \"99\" is not an objective"), "{e}");
    let e = db
        .run(&[
            "training",
            "need",
            "add",
            "Neglect",
            "--priority",
            "3",
            "--agency",
            "Police",
            "--staff",
            "0",
        ])
        .fails()
        .stderr;
    assert!(e.contains("staff:"), "{e}");
    assert_eq!(log(&db).0, before, "nothing was written");
}

#[test]
fn impact_rolls_up_by_priority_and_agency_and_the_year_is_evaluated() {
    let db = fresh_db();
    db.import_sample();
    training(&db);

    // By course: the API's shape, as before.
    let v = json(&db, &["training", "impact", "--by", "course", "--json"]);
    assert_eq!(v["items"][0]["title"], "Chairing conferences");
    assert!(v["items"][0]["change"].get("before_to_after").is_some());

    let v = json(&db, &["training", "impact", "--by", "priority", "--json"]);
    let items = v["items"].as_array().unwrap();
    let keys: Vec<&str> = items
        .iter()
        .map(|p| p["priority"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["3", "4"]);
    assert_eq!(items[0]["courses"], serde_json::json!([1, 2]));
    assert_eq!(items[0]["sessions"], 3);
    assert_eq!(items[0]["attended"], 24);
    assert_eq!(items[0]["stages"][0]["mean_score"], 3.0, "(3 + 5 + 1) / 3");
    assert_eq!(items[1]["change"]["before_to_follow_up"], 1.0);

    let v = json(&db, &["training", "impact", "--by", "agency", "--json"]);
    let agencies: Vec<(&str, i64)> = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["agency"].as_str().unwrap(),
                a["attended"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(agencies, [("NHS Kingston", 9), ("Police", 15)]);
    assert_eq!(v["items"][1]["roles"][0]["role"], "Officer");
    let table = db
        .run(&["training", "impact", "--by", "priority"])
        .ok()
        .stdout;
    assert!(
        table.contains("Priority 3: 2 courses, 3 sessions"),
        "{table}"
    );

    let e = db
        .run(&["training", "impact", "--course", "1", "--by", "agency"])
        .fails()
        .stderr;
    assert!(e.contains("--course") && e.contains("--by course"), "{e}");

    let v = json(
        &db,
        &["training", "evaluation", "--year", "2009-10", "--json"],
    );
    assert_eq!(v["year"], "2009-10");
    assert_eq!(v["from"], "2009-04-01");
    assert_eq!(v["to"], "2010-03-31");
    assert_eq!(v["courses_run"], 2);
    assert_eq!(v["total"]["sessions"], 2);
    assert_eq!(v["total"]["attended"], 15);
    assert_eq!(
        v["total"]["stages"][0]["mean_score"], 4.0,
        "2010-11's score is left out"
    );
    assert_eq!(v["total"]["change"]["before_to_after"], 4.0);
    let priorities: Vec<&str> = v["priorities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["priority"].as_str().unwrap())
        .collect();
    assert_eq!(priorities, ["3", "4"]);
    assert_eq!(v["agencies"][1]["attended"], 6);
    let text = db
        .run(&["training", "evaluation", "--year", "2009-10"])
        .ok()
        .stdout;
    assert!(
        text.contains("2 courses run, 2 sessions, 40 places, 15 attended"),
        "{text}"
    );
    assert!(text.contains("Priority 4:"), "{text}");

    let e = db
        .run(&["training", "evaluation", "--year", "2009-11"])
        .fails()
        .stderr;
    assert!(
        e.contains("year: \"2009-11\" is not a financial year"),
        "{e}"
    );
    let e = db.run(&["training", "evaluation"]).fails().stderr;
    assert!(
        e.contains("--year 2009-10") && e.contains("import FILE"),
        "{e}"
    );
}

#[test]
fn attendance_imports_from_an_ods_file() {
    let db = fresh_db();
    db.import_sample();
    db.run(&["training", "course", "add", "Neglect", "--level", "1"])
        .ok();
    db.run(&[
        "training",
        "session",
        "add",
        "--course",
        "1",
        "--date",
        "2009-10-14",
        "--trainer",
        "T",
        "--places",
        "20",
    ])
    .ok();
    if !testkit::program("attendance saved as ODS by LibreOffice", &[SOFFICE_CALC]) {
        return;
    }
    let csv = db.file(
        "attendance.csv",
        "Session,Agency,Role,Attended\n1,NHS Kingston,GP,4\n1,Police,Officer,6\n",
    );
    let dir = csv.parent().unwrap().to_path_buf();
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("profile").display()
        ))
        .args([
            "--headless",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "ods",
            "--outdir",
        ])
        .arg(&dir)
        .arg(&csv)
        .output()
        .expect("run soffice");
    assert!(out.status.success(), "soffice: {out:?}");
    let ods: PathBuf = dir.join("attendance.ods");
    let out = db
        .run(&["training", "attendance", "import", path_str(&ods)])
        .ok()
        .stdout;
    assert!(out.contains("2 added"), "{out}");
    let v = json(&db, &["training", "impact", "--json"]);
    assert_eq!(v["items"][0]["attended"], 10);
}

#[test]
fn workforce_commentary_is_kept_per_period_and_shown_with_the_indicators() {
    let db = fresh_db();
    db.import_sample();
    // The workforce file, and one in which Kingston has figures of its own (its workforce is
    // reported jointly with Richmond's).
    for name in [
        "csww_indicators_2017_to_2025.csv",
        "b1_children_in_need_2013_to_2025.csv",
    ] {
        let file = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/fixtures/realdata")
            .join(name);
        db.run(&["pi", "import", path_str(&file)]).ok();
    }

    let before = log(&db).0;
    let e = db
        .run(&[
            "workforce",
            "comment",
            "cin-rate",
            "--period",
            "2024-25",
            "--text",
            "x",
            "--area",
            AREA,
        ])
        .fails()
        .stderr;
    assert!(
        e.contains("not a workforce indicator") && e.contains("sw-turnover-pct"),
        "{e}"
    );
    assert_eq!(log(&db).0, before);
    let out = db
        .run(&[
            "--actor",
            "Business Manager",
            "workforce",
            "comment",
            "sw-turnover-pct",
            "--period",
            "2024",
            "--text",
            "Turnover fell after the recruitment drive.",
            "--area",
            AREA,
        ])
        .ok()
        .stdout;
    assert!(
        out.contains("Recorded Business Manager's commentary"),
        "{out}"
    );
    assert_eq!(log(&db).1, "indicator_commentary");

    let v = json(&db, &["workforce", "--area", AREA, "--json"]);
    assert_eq!(v["area_code"], AREA);
    let rows = v["rows"].as_array().unwrap();
    let turnover = rows
        .iter()
        .find(|r| r["indicator"] == "sw-turnover-pct")
        .expect("turnover in the section");
    assert_eq!(
        turnover["commentary"][0]["text"],
        "Turnover fell after the recruitment drive."
    );
    assert!(rows.iter().any(|r| r["indicator"] == "sw-caseload"));
    assert!(!rows.iter().any(|r| r["indicator"] == "cin-rate"));
    let text = db.run(&["workforce", "--area", AREA]).ok().stdout;
    assert!(
        text.contains("Turnover fell after the recruitment drive."),
        "{text}"
    );
}
