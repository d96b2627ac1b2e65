//! `boardplan training …`, `boardplan review …` and `boardplan engagement …` (issue #14): the
//! exact commands and flags, the `--json` shapes, imports all or nothing naming row and
//! column, a recommendation not implemented only with its reasons, and refusals that change
//! nothing.

use serde_json::Value;

use crate::common::{Db, fresh_db, path_str};

const KINGSTON: &str = "kingston-lscb";

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

/// A course with one session (1) on Kingston's plan.
fn course_and_session(db: &Db) {
    let out = db
        .run(&[
            "--actor",
            "Training Officer",
            "training",
            "course",
            "add",
            "Recognising neglect",
            "--level",
            "2",
            "--priority",
            "3",
            "--action",
            "3.1",
        ])
        .ok()
        .stdout;
    assert!(out.contains("Added course 1"), "{out}");
    assert_eq!(log(db).1, "training_course");
    let out = db
        .run(&[
            "training",
            "session",
            "add",
            "--course",
            "1",
            "--date",
            "2009-10-14",
            "--trainer",
            "LSCB trainer",
            "--places",
            "20",
        ])
        .ok()
        .stdout;
    assert!(out.contains("Added session 1 of course 1"), "{out}");
}

#[test]
fn attendance_and_evaluation_imported_give_the_courses_impact_by_stage() {
    let db = fresh_db();
    db.import_sample();
    course_and_session(&db);
    let csv = db.file(
        "attendance.csv",
        "Session,Agency,Role,Attended\n1,Children's Services,Social worker,12\n1,Health,GP,4\n",
    );
    let out = db
        .run(&["training", "attendance", "import", path_str(&csv)])
        .ok()
        .stdout;
    assert!(out.contains("2 added"), "{out}");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows: [[&str; 5]; 5] = [
        ["Session", "Stage", "Respondent", "Outcome", "Score"],
        ["1", "before", "r1", "Recognise neglect", "3"],
        ["1", "before", "r2", "Recognise neglect", "4"],
        ["1", "after", "r1", "Recognise neglect", "8"],
        ["1", "follow-up", "r1", "Recognise neglect", "7"],
    ];
    for (r, cells) in (0_u32..).zip(rows) {
        for (c, cell) in (0_u16..).zip(cells) {
            match cell.parse::<f64>() {
                Ok(n) if r > 0 => sheet.write_number(r, c, n).map(|_| ()),
                _ => sheet.write_string(r, c, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
    let file = db.file("evaluation.xlsx", book.save_to_buffer().unwrap());
    let out = db
        .run(&[
            "--actor",
            "Training Officer",
            "training",
            "evaluation",
            "import",
            path_str(&file),
        ])
        .ok()
        .stdout;
    assert!(out.contains("4 added"), "{out}");
    assert_eq!(log(&db).2, "Training Officer");

    let v = json(&db, &["training", "impact", "--course", "1", "--json"]);
    let c = &v["items"][0];
    assert_eq!(c["title"], "Recognising neglect");
    assert_eq!(
        (
            c["sessions"].as_i64(),
            c["places"].as_i64(),
            c["attended"].as_i64()
        ),
        (Some(1), Some(20), Some(16))
    );
    let stages: Vec<(String, i64, f64)> = c["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["stage"].as_str().unwrap().to_string(),
                s["responses"].as_i64().unwrap(),
                s["mean_score"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        stages,
        [
            ("before".into(), 2, 3.5),
            ("after".into(), 1, 8.0),
            ("follow_up".into(), 1, 7.0)
        ]
    );
    assert_eq!(c["change"]["before_to_after"], 4.5);
    assert_eq!(c["change"]["after_to_follow_up"], -1.0);
    assert_eq!(c["change"]["before_to_follow_up"], 3.5);
    let table = db.run(&["training", "impact"]).ok().stdout;
    assert!(table.contains("before → after +4.50"), "{table}");
    let e = db
        .run(&["training", "impact", "--course", "9"])
        .fails()
        .stderr;
    assert!(e.contains("training course 9"), "{e}");
}

#[test]
fn an_import_with_a_bad_row_names_row_and_column_and_changes_nothing() {
    let db = fresh_db();
    db.import_sample();
    course_and_session(&db);
    let before = (
        log(&db).0,
        db.run(&["training", "impact", "--json"]).ok().stdout,
    );
    let csv = db.file(
        "attendance.csv",
        "Session,Agency,Role,Attended\n1,Health,GP,4\n1,Police,Officer,lots\n",
    );
    let e = db
        .run(&["training", "attendance", "import", path_str(&csv)])
        .fails()
        .stderr;
    assert!(
        e.contains("attendance.csv: row 3, column \"Attended\""),
        "{e}"
    );
    // A row whose session is not this partnership's is refused by the store, row and column named.
    let csv = db.file(
        "scores.csv",
        "Session,Stage,Respondent,Outcome,Score\n1,before,r1,Neglect,4\n7,after,r1,Neglect,8\n",
    );
    let e = db
        .run(&["training", "evaluation", "import", path_str(&csv)])
        .fails()
        .stderr;
    assert!(e.contains("row 3, column \"Session\""), "{e}");
    assert!(e.contains("no training session 7"), "{e}");
    let after = (
        log(&db).0,
        db.run(&["training", "impact", "--json"]).ok().stdout,
    );
    assert_eq!(before, after, "nothing was written");
}

#[test]
fn a_course_naming_an_action_the_plan_lacks_is_refused() {
    let db = fresh_db();
    db.import_sample();
    let e = db
        .run(&[
            "training", "course", "add", "Neglect", "--level", "2", "--action", "99.9",
        ])
        .fails()
        .stderr;
    assert!(e.contains("actions: \"99.9\" is not an action"), "{e}");
}

#[test]
fn a_review_is_listed_with_its_recommendations_and_not_implemented_needs_reasons() {
    let db = fresh_db();
    db.import_sample();
    let out = db
        .run(&[
            "--actor",
            "Business Manager",
            "review",
            "add",
            "--kind",
            "rapid_review",
            "--case",
            "Child C",
            "--notified",
            "2009-04-06",
            "--recommendation",
            "Share chronologies",
            "--recommendation",
            "Record fathers",
        ])
        .ok()
        .stdout;
    assert!(
        out.contains("Added case review 1") && out.contains("with 2 recommendations"),
        "{out}"
    );
    assert!(out.contains("Rapid review due 29 Apr 2009"), "{out}");
    assert_eq!(log(&db).1, "case_review");

    let before = (
        log(&db).0,
        db.run(&["review", "list", "--json"]).ok().stdout,
    );
    let e = db
        .run(&[
            "review",
            "recommendation",
            "set",
            "2",
            "--status",
            "not_implemented",
        ])
        .fails()
        .stderr;
    assert!(
        e.contains("--reason") && e.contains("needs its reasons"),
        "{e}"
    );
    let after = (
        log(&db).0,
        db.run(&["review", "list", "--json"]).ok().stdout,
    );
    assert_eq!(before, after, "the refusal changed nothing");

    db.run(&[
        "--actor",
        "Chair",
        "review",
        "recommendation",
        "set",
        "2",
        "--status",
        "not_implemented",
        "--reason",
        "The service was recommissioned",
    ])
    .ok();
    assert_eq!(log(&db).1, "case_review_recommendation");
    db.run(&[
        "review",
        "recommendation",
        "set",
        "1",
        "--status",
        "implemented",
    ])
    .ok();

    let v = json(&db, &["review", "list", "--json"]);
    let r = &v["items"][0];
    assert_eq!(r["kind"], "rapid_review");
    assert_eq!(r["case_name"], "Child C");
    assert_eq!(r["notified"], "2009-04-06");
    assert_eq!(r["clocks"][0]["due"], "2009-04-29");
    let recs = r["recommendations"].as_array().unwrap();
    for key in ["id", "text", "status", "reason"] {
        assert!(recs[0].get(key).is_some(), "{key} in {}", recs[0]);
    }
    assert_eq!(recs[0]["status"], "implemented");
    assert_eq!(recs[1]["id"], 2);
    assert_eq!(recs[1]["text"], "Record fathers");
    assert_eq!(recs[1]["status"], "not_implemented");
    assert_eq!(recs[1]["reason"], "The service was recommissioned");
    let table = db.run(&["review", "list"]).ok().stdout;
    assert!(
        table.contains("[Not implemented] Record fathers: The service was recommissioned"),
        "{table}"
    );
}

#[test]
fn a_case_name_that_looks_real_or_holds_a_birth_date_is_refused_before_anything_is_written() {
    let db = fresh_db();
    db.import_sample();
    let before = log(&db).0;
    for (name, why) in [
        ("Peter Smith", "looks like a real name"),
        ("Child C 03/08/2006", "date of birth"),
    ] {
        let e = db
            .run(&[
                "review",
                "add",
                "--kind",
                "serious_case_review",
                "--case",
                name,
                "--notified",
                "2009-04-06",
            ])
            .fails()
            .stderr;
        assert!(e.contains("--case:") && e.contains(why), "{e}");
    }
    let e = db
        .run(&[
            "review",
            "add",
            "--kind",
            "inquest",
            "--case",
            "Child C",
            "--notified",
            "2009-04-06",
        ])
        .fails()
        .stderr;
    assert!(e.contains("--kind") && e.contains("rapid_review"), "{e}");
    assert_eq!(log(&db).0, before);
}

#[test]
fn engagement_is_recorded_and_counted_per_quarter() {
    let db = fresh_db();
    db.import_sample();
    for (date, n) in [
        ("2009-05-20", "14"),
        ("2009-06-30", "6"),
        ("2009-11-03", "52"),
    ] {
        db.run(&[
            "engagement",
            "add",
            "--date",
            date,
            "--with",
            "Children in care council",
            "--how-many",
            n,
            "--how",
            "focus group",
            "--said",
            "Reviews feel rushed",
            "--changed",
            "Longer reviews",
            "--priority",
            "6",
        ])
        .ok();
    }
    assert_eq!(log(&db).1, "engagement_activity");
    let v = json(&db, &["engagement", "list", "--json"]);
    assert_eq!(v["items"].as_array().unwrap().len(), 3);
    assert_eq!(v["items"][0]["held_on"], "2009-11-03");
    let counts: Vec<(String, i64, i64)> = v["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["period"].as_str().unwrap().into(),
                c["activities"].as_i64().unwrap(),
                c["people"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        counts,
        [("2009-10 Q1".into(), 2, 20), ("2009-10 Q3".into(), 1, 52)]
    );
    let e = db
        .run(&[
            "engagement",
            "add",
            "--date",
            "2009-05-20",
            "--with",
            " ",
            "--how-many",
            "3",
            "--how",
            "survey",
        ])
        .fails()
        .stderr;
    assert!(e.contains("with_whom"), "{e}");
}

#[test]
fn the_demo_has_a_year_of_training_two_case_reviews_and_engagement_marked_as_demo_data() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.db");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_boardplan"))
            .args(args)
            .env_remove("BOARDPLAN_DATABASE_URL")
            .env_remove("BOARDPLAN_PARTNERSHIP")
            .current_dir(dir.path())
            .output()
            .expect("run boardplan");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<Value>(&out.stdout).unwrap_or(Value::Null)
    };
    run(&["demo", "--no-serve", "--file", path_str(&file)]);
    // Built twice, the learning is written once.
    run(&["demo", "--no-serve", "--file", path_str(&file)]);
    let db = path_str(&file);
    let impact = run(&["--db", db, "training", "impact", "--json"]);
    let courses = impact["items"].as_array().unwrap();
    assert_eq!(courses.len(), 3);
    for c in courses {
        assert!(c["title"].as_str().unwrap().starts_with("Demo: "), "{c}");
        let means: Vec<f64> = c["stages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["mean_score"].as_f64().unwrap())
            .collect();
        assert!(
            means[1] > means[0] && means[2] > means[0],
            "practice changed: {c}"
        );
    }
    let needs = run(&["--db", db, "training", "need", "list", "--json"]);
    let needs = needs["items"].as_array().unwrap();
    assert_eq!(needs.len(), 4, "written once");
    assert!(
        needs
            .iter()
            .all(|n| n["need"].as_str().unwrap().starts_with("Demo: "))
    );
    let unmet: Vec<&Value> = needs
        .iter()
        .filter(|n| n["courses"].as_array().unwrap().is_empty())
        .collect();
    assert_eq!(unmet.len(), 1, "one need has no course yet: {unmet:?}");
    let year = run(&[
        "--db",
        db,
        "training",
        "evaluation",
        "--year",
        "2009-10",
        "--json",
    ]);
    assert_eq!(year["courses_run"], 3);
    assert_eq!(year["total"]["sessions"], 7);
    let reviews = run(&["--db", db, "review", "list", "--json"]);
    let items = reviews["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    let not_done: Vec<&Value> = items
        .iter()
        .flat_map(|r| r["recommendations"].as_array().unwrap())
        .filter(|x| x["status"] == "not_implemented")
        .collect();
    assert_eq!(not_done.len(), 1);
    assert!(
        not_done[0]["reason"]
            .as_str()
            .unwrap()
            .starts_with("Demo: ")
    );
    let engagement = run(&["--db", db, "engagement", "list", "--json"]);
    assert_eq!(engagement["items"].as_array().unwrap().len(), 4);
}
