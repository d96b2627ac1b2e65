//! `boardplan update`, `status`, `signoff`, `history`, `meeting`, `plan edit`,
//! `plan carry-forward` and the demo's year of progress, end to end on the real binary. Every
//! refused value is shown to change nothing.

use crate::common::{Db, Run, fresh_db, path_str};
use serde_json::Value;

const PLAN: &str = "Kingston LSCB Improvement Plan 2009-2010";

/// The database as far as a person can see it: the partnership, the change log's length and
/// the status of every action.
fn snapshot(db: &Db) -> String {
    // At a fixed day, not today: a test that runs across midnight would see "today" move.
    let status = db
        .run(&["status", "--json", "--as-at", "2010-03-31"])
        .ok()
        .stdout;
    format!("{}\n{status}", db.snapshot())
}

fn status_json(db: &Db, args: &[&str]) -> Value {
    let mut all = vec!["status", "--json"];
    all.extend(args);
    serde_json::from_str(&db.run(&all).ok().stdout).expect("status --json is JSON")
}

/// Run `boardplan --db demo.db ARGS` in the test's folder: the demo always writes SQLite.
fn demo(db: &Db, args: &[&str]) -> Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_boardplan"))
        .arg("--db")
        .arg(db.dir.path().join("demo.db"))
        .args(args)
        .env_remove("BOARDPLAN_DATABASE_URL")
        .env_remove("BOARDPLAN_PARTNERSHIP")
        .env("BOARDPLAN_ACTOR", "test")
        .current_dir(db.dir.path())
        .output()
        .expect("run boardplan");
    Run::from(out)
}

fn demo_status(db: &Db, args: &[&str]) -> Value {
    let mut all = vec!["status", "--json"];
    all.extend(args);
    serde_json::from_str(&demo(db, &all).ok().stdout).expect("status --json is JSON")
}

fn action<'a>(status: &'a Value, id: &str) -> &'a Value {
    status["actions"]
        .as_array()
        .and_then(|a| a.iter().find(|s| s["action"] == id))
        .unwrap_or_else(|| panic!("no {id} in {status}"))
}

/// Run `args` on a database holding the sample; it must fail saying each of `expected`, and
/// change nothing.
#[track_caller]
fn refused(db: &Db, args: &[&str], expected: &[&str]) {
    let before = snapshot(db);
    let out = db.run(args).fails();
    for e in expected {
        assert!(out.stderr.contains(e), "expected {e:?} in:\n{}", out.stderr);
    }
    assert_eq!(snapshot(db), before, "the database changed");
}

fn sample() -> Db {
    let db = fresh_db();
    db.import_sample();
    db
}

#[test]
fn an_update_is_recorded_and_status_and_history_show_it() {
    let db = sample();
    let minutes = db.file(
        "minutes.txt",
        "Minutes of the board: chairing arrangements agreed.\n",
    );
    let out = db
        .run(&[
            "update",
            "4.1",
            "--rag",
            "amber",
            "--percent",
            "40",
            "--note",
            "Options paper drafted",
            "--evidence",
            path_str(&minutes),
            "--link",
            "https://example.org/board/minutes",
        ])
        .ok();
    assert!(out.stdout.contains("Recorded update 1 on 4.1 (Review the LSCB chairing arrangements and…): amber (some slippage), 40%"), "{}", out.stdout);
    assert!(
        out.stdout.contains("with 1 evidence file and 1 link"),
        "{}",
        out.stdout
    );
    let s = status_json(&db, &[]);
    let a = action(&s, "4.1");
    assert_eq!(
        (a["rag"].as_str(), a["percent"].as_u64()),
        (Some("amber"), Some(40))
    );
    let history = db.run(&["history", "4.1"]).ok().stdout;
    assert!(history.contains("test: update 1: AMBER 40%"), "{history}");
    assert!(
        history.contains("minutes.txt, https://example.org/board/minutes]"),
        "{history}"
    );
    assert!(history.contains("version 1"), "{history}");
    let verify = db.run(&["audit", "verify"]).ok().stdout;
    assert!(verify.contains("is intact"), "{verify}");
}

#[test]
fn a_number_two_actions_share_is_refused_naming_both_and_nothing_changes() {
    let db = sample();
    refused(
        &db,
        &["update", "4.2", "--rag", "amber", "--note", "x"],
        &[
            "4.2 is used by two actions: 4.2 (Develop an Induction programme for new…) and 4.2#2 (Develop a \"Job description\" for members…); give the id",
        ],
    );
    db.run(&["update", "4.2#2", "--rag", "amber", "--note", "Drafted"])
        .ok();
}

#[test]
fn an_unknown_action_number_is_refused_and_nothing_changes() {
    let db = sample();
    refused(
        &db,
        &["update", "4.9", "--rag", "amber", "--note", "x"],
        &[
            "there is no action 4.9 in \"Kingston LSCB Improvement Plan 2009-2010\"; objective 4 has 4.1, 4.2, 4.2#2, 4.3",
        ],
    );
}

#[test]
fn a_percent_of_140_is_refused_and_nothing_changes() {
    let db = sample();
    refused(
        &db,
        &[
            "update",
            "4.1",
            "--rag",
            "amber",
            "--percent",
            "140",
            "--note",
            "x",
        ],
        &["--percent: 140% is not a percentage", "0 to 100"],
    );
}

#[test]
fn a_rag_of_purple_is_refused_and_nothing_changes() {
    let db = sample();
    refused(
        &db,
        &["update", "4.1", "--rag", "purple", "--note", "x"],
        &["--rag: \"purple\" is not a RAG rating", "red, amber, green"],
    );
}

#[test]
fn a_date_in_2090_is_refused_and_nothing_changes() {
    let db = sample();
    refused(
        &db,
        &[
            "update",
            "4.1",
            "--rag",
            "amber",
            "--note",
            "x",
            "--date",
            "2090-01-01",
        ],
        &[
            "--date: 2090-01-01 is not a date",
            "Give a date between 1990-01-01 and",
        ],
    );
    refused(
        &db,
        &["status", "--as-at", "2090-01-01"],
        &["--as-at: 2090-01-01"],
    );
}

#[test]
fn an_html_evidence_file_is_refused_and_nothing_changes() {
    let db = sample();
    let page = db.file(
        "notes.txt",
        "<html><body><script>alert(1)</script></body></html>",
    );
    refused(
        &db,
        &[
            "update",
            "4.1",
            "--rag",
            "amber",
            "--note",
            "x",
            "--evidence",
            path_str(&page),
        ],
        &["notes.txt:", "HTML, SVG or script"],
    );
    let svg = db.file("chart.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    refused(
        &db,
        &[
            "update",
            "4.1",
            "--rag",
            "amber",
            "--note",
            "x",
            "--evidence",
            path_str(&svg),
        ],
        &["chart.svg:", "save it as PDF"],
    );
}

#[test]
fn an_evidence_file_over_20_mb_is_refused_before_it_is_read_and_nothing_changes() {
    let db = sample();
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(21 * 1024 * 1024, b' ');
    let scan = db.file("scan.pdf", big);
    refused(
        &db,
        &[
            "update",
            "4.1",
            "--rag",
            "amber",
            "--note",
            "x",
            "--evidence",
            path_str(&scan),
        ],
        &["scan.pdf: the file is 21.0 MB; evidence files can be at most 20 MB"],
    );
}

#[test]
fn an_update_from_a_version_already_changed_is_a_conflict_naming_who_changed_it() {
    let db = sample();
    db.run(&["update", "4.1", "--rag", "green", "--note", "Started"])
        .ok();
    db.run(&[
        "--actor",
        "Jane Smith",
        "update",
        "4.1",
        "--rag",
        "amber",
        "--note",
        "Slipping",
    ])
    .ok();
    refused(
        &db,
        &[
            "update",
            "4.1",
            "--rag",
            "green",
            "--note",
            "On track",
            "--expect-version",
            "1",
        ],
        &[
            "4.1 was changed by Jane Smith at",
            "you saw version 1, it is now version 2",
        ],
    );
}

#[test]
fn sign_off_needs_evidence_and_a_role_the_policy_accepts_and_a_withdrawal_needs_a_reason() {
    let db = sample();
    db.run(&["update", "4.1", "--rag", "blue", "--note", "Done"])
        .ok();
    refused(
        &db,
        &["signoff", "4.1", "--as-role", "lscb-chair"],
        &["4.1 has no evidence yet"],
    );
    let minutes = db.file(
        "minutes.txt",
        "Minutes: new chairing arrangements agreed.\n",
    );
    db.run(&[
        "update",
        "4.1",
        "--rag",
        "blue",
        "--note",
        "Done, minutes attached",
        "--evidence",
        path_str(&minutes),
    ])
    .ok();
    refused(
        &db,
        &["signoff", "4.1"],
        &[
            "the partnership's policy accepts LSCB Chair (lscb-chair)",
            "--as-role",
        ],
    );
    refused(
        &db,
        &["signoff", "4.1", "--as-role", "development-officer"],
        &["cannot be signed off under Development Officer (development-officer)"],
    );
    refused(
        &db,
        &["signoff", "4.1", "--as-role", "nobody"],
        &["\"nobody\" is not one of"],
    );
    let out = db
        .run(&[
            "--actor",
            "Jane Smith",
            "signoff",
            "4.1",
            "--as-role",
            "LSCB Chair",
        ])
        .ok();
    assert!(out.stdout.contains("Signed off 4.1 (Review the LSCB chairing arrangements and…) as lscb-chair, by Jane Smith."), "{}", out.stdout);
    assert_eq!(
        action(&status_json(&db, &[]), "4.1")["completion"],
        "signed_off"
    );
    let e = db
        .run(&["signoff", "4.1", "--as-role", "lscb-chair", "--withdraw"])
        .fails();
    assert!(e.stderr.contains("--reason"), "{}", e.stderr);
    db.run(&[
        "signoff",
        "4.1",
        "--as-role",
        "lscb-chair",
        "--withdraw",
        "--reason",
        "Not agreed by the council",
    ])
    .ok();
    assert_eq!(
        action(&status_json(&db, &[]), "4.1")["completion"],
        "awaiting_sign_off"
    );
    let history = db.run(&["history", "4.1"]).ok().stdout;
    assert!(
        history.contains("withdrew the sign-off: \"Not agreed by the council\""),
        "{history}"
    );
}

#[test]
fn a_board_meeting_is_recorded_and_stale_is_measured_from_it() {
    let db = sample();
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let yesterday = today.yesterday().expect("a day before today").to_string();
    let today = today.to_string();
    db.run(&[
        "update", "4.1", "--rag", "green", "--note", "Started", "--date", &yesterday,
    ])
    .ok();
    db.run(&[
        "update", "4.3", "--rag", "green", "--note", "Started", "--date", &today,
    ])
    .ok();
    db.run(&["meeting", "add", &today]).ok();
    db.run(&["meeting", "add", &yesterday, "--subgroup", "Training"])
        .ok();
    refused(&db, &["meeting", "add", &today], &["already recorded"]);
    refused(
        &db,
        &["meeting", "add", &today, "--subgroup", "Knitting"],
        &["\"Knitting\" is not one of the partnership's sub-groups"],
    );
    refused(
        &db,
        &["meeting", "add", "2090-01-01"],
        &["the meeting's date: 2090-01-01"],
    );
    let list = db.run(&["meeting", "list"]).ok().stdout;
    assert!(
        list.contains(&format!("{today}  Board"))
            && list.contains(&format!("{yesterday}  Training")),
        "{list}"
    );
    let s = status_json(&db, &[]);
    assert_eq!(
        action(&s, "4.1")["stale"],
        true,
        "updated the day before the board met"
    );
    assert_eq!(
        action(&s, "4.3")["stale"],
        false,
        "updated the day the board met"
    );
    let table = db.run(&["status", "--stale"]).ok().stdout;
    assert!(
        table.contains("Stale: no update since the board met on"),
        "{table}"
    );
    assert!(table.contains("4.1 ") && !table.contains("4.3 "), "{table}");
}

#[test]
fn plan_edit_changes_an_actions_timescale_and_leads_as_a_new_version() {
    let db = sample();
    let out = db
        .run(&[
            "plan",
            "edit",
            "4.1",
            "--timescale",
            "March 2010",
            "--lead",
            "Development Officer",
        ])
        .ok();
    assert!(
        out.stdout
            .contains("Timescale: March 2010 (due 2010-03-31)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("version 1"), "{}", out.stdout);
    let s = status_json(&db, &["--lead", "development-officer"]);
    let a = action(&s, "4.1");
    assert_eq!(a["due"], "2010-03-31");
    assert_eq!(a["leads"], serde_json::json!(["development-officer"]));
    refused(
        &db,
        &["plan", "edit", "4.1", "--timescale", "when we can"],
        &["cannot read a date from \"when we can\""],
    );
    refused(
        &db,
        &["plan", "edit", "4.1", "--timescale", "31/02/2010"],
        &["\"31/02/2010\" is not a real date", "2010-02-28"],
    );
    refused(
        &db,
        &["plan", "show", "--as-at", "1999-01-01"],
        &[
            "no plan of",
            "had started by 1999-01-01",
            "1 Apr 2009 to 31 Mar 2010",
        ],
    );
    refused(
        &db,
        &["plan", "show", "--as-recorded", "1999-01-01"],
        &["had recorded no plan by 1999-01-01", "--as-at 1999-01-01"],
    );
    let history = db.run(&["history", "4.1"]).ok().stdout;
    assert!(history.contains("edited"), "{history}");
}

/// Issue 11, item 9: the 2009-10 sample imported today, and what happened in July recorded
/// today with the day it speaks for.
#[test]
fn a_plan_imported_today_has_a_past_as_at_its_days_and_none_as_recorded() {
    let db = sample();
    let july = status_json(&db, &["--as-at", "2009-07-15"]);
    assert_eq!(july["plan"], PLAN);
    assert_eq!(july["as_recorded"], false);
    assert!(action(&july, "4.1")["rag"].is_null());
    db.run(&[
        "update",
        "4.1",
        "--rag",
        "amber",
        "--percent",
        "30",
        "--note",
        "Options drafted",
        "--date",
        "2009-07-01",
    ])
    .ok();
    let july = status_json(&db, &["--as-at", "2009-07-15"]);
    assert_eq!(action(&july, "4.1")["rag"], "amber");
    assert_eq!(action(&july, "4.1")["last_update"], "2009-07-01");
    let june = status_json(&db, &["--as-at", "2009-06-30"]);
    assert!(
        action(&june, "4.1")["rag"].is_null(),
        "it speaks for 1 July"
    );
    let table = db.run(&["status", "--as-at", "2009-07-15"]).ok().stdout;
    assert!(table.contains("as at 15 Jul 2009"), "{table}");

    // What had been recorded by 15 July 2009: nothing, and it says where to look instead.
    refused(
        &db,
        &["status", "--as-recorded", "2009-07-15"],
        &["recorded by 2009-07-15", "as at 2009-07-15"],
    );
    refused(
        &db,
        &[
            "status",
            "--as-at",
            "2009-07-15",
            "--as-recorded",
            "2009-07-15",
        ],
        &["cannot be used with"],
    );
    let today = db.run(&["status", "--as-recorded", "2100-01-01"]).fails();
    assert!(today.stderr.contains("--as-recorded"), "{}", today.stderr);
    let shown = db
        .run(&["plan", "show", "--as-at", "2009-07-15"])
        .ok()
        .stdout;
    assert!(shown.starts_with("As at 15 Jul 2009"), "{shown}");

    // Board papers: as at a day, the back-dated updates count and the anchor is today's; as
    // recorded by a day before the import, there was no plan (the store's tests show a paper
    // so read staying the same as more is recorded).
    db.run(&[
        "update",
        "4.3",
        "--rag",
        "red",
        "--note",
        "Stalled on funding",
        "--date",
        "2009-08-01",
    ])
    .ok();
    let head = db.run(&["audit", "head"]).ok().stdout;
    db.run(&[
        "report",
        "board-paper",
        "--as-at",
        "2009-08-15",
        "--format",
        "html",
        "--out",
        "aug.html",
    ])
    .ok();
    let august = std::fs::read_to_string(db.dir.path().join("aug.html")).unwrap();
    assert!(
        august.contains("Stalled on funding"),
        "the back-dated update counts"
    );
    let id = head.split(':').next().unwrap().trim();
    assert!(
        august.contains(&format!("entry {id}")),
        "today's anchor {head}"
    );
    refused(
        &db,
        &[
            "report",
            "board-paper",
            "--as-recorded",
            "2009-08-15",
            "--format",
            "html",
            "--out",
            "none.html",
        ],
        &["had recorded no plan by 2009-08-15", "--as-at 2009-08-15"],
    );
}

#[test]
fn carry_forward_makes_the_next_plan_and_plan_show_and_history_name_where_each_action_came_from() {
    let db = sample();
    db.run(&["update", "1.1", "--rag", "amber", "--note", "Slipping"])
        .ok();
    refused(
        &db,
        &[
            "plan",
            "carry-forward",
            "--to-title",
            "Next",
            "--start",
            "2010-04-01",
            "--end",
            "2010-01-01",
        ],
        &["--end (2010-01-01) is before --start (2010-04-01)"],
    );
    let out = db
        .run(&[
            "plan",
            "carry-forward",
            "--to-title",
            "Business Plan 2010-11",
            "--start",
            "2010-04-01",
            "--end",
            "2011-03-31",
        ])
        .ok();
    assert!(
        out.stdout.contains(&format!(
            "Closed \"{PLAN}\" and carried 49 unfinished action(s) into \"Business Plan 2010-11\""
        )),
        "{}",
        out.stdout
    );
    let show = db.run(&["plan", "show", "--objective", "1"]).ok().stdout;
    assert!(show.starts_with("Business Plan 2010-11"), "{show}");
    assert!(
        show.contains(&format!("← carried forward from 1.1 in \"{PLAN}\"")),
        "{show}"
    );
    let history = db.run(&["history", "1.1"]).ok().stdout;
    assert!(
        history.contains(&format!("carried forward from 1.1 in \"{PLAN}\"")),
        "{history}"
    );
    assert!(
        history.contains(&format!("[{PLAN}] update 1: AMBER")),
        "{history}"
    );
    refused(
        &db,
        &[
            "update", "1.1", "--plan", PLAN, "--rag", "green", "--note", "x",
        ],
        &["is closed"],
    );
    db.run(&["update", "1.1", "--rag", "green", "--note", "Back on track"])
        .ok();
    let help = db.run(&["plan", "carry-forward", "--help"]).ok().stdout;
    assert!(
        help.contains("--to-title \"Business Plan 2010-11\" --start 2010-04-01 --end 2011-03-31"),
        "{help}"
    );
}

#[test]
fn tampering_with_an_updates_change_log_entry_makes_audit_verify_name_that_entry() {
    let db = sample();
    db.run(&["update", "4.1", "--rag", "red", "--note", "Stalled"])
        .ok();
    db.raw(&db.drop_change_log_triggers())
        .expect("an attacker drops the triggers");
    let url = db.raw_url();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let victim: i64 = rt.block_on(async {
        use sqlx::{Connection, Row};
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&url).await.expect("connect");
        let row = sqlx::query("SELECT id FROM change_log WHERE entity = 'update'")
            .fetch_one(&mut conn)
            .await
            .expect("the update's entry");
        let id: i64 = row.try_get("id").expect("id");
        sqlx::query(
            "UPDATE change_log SET after = REPLACE(after, '\"red\"', '\"green\"') WHERE id = $1",
        )
        .bind(id)
        .execute(&mut conn)
        .await
        .expect("tamper");
        id
    });
    let out = db.run(&["audit", "verify"]).fails();
    assert!(
        out.stderr
            .contains(&format!("entry {victim} does not match its hash")),
        "{}",
        out.stderr
    );
}

#[test]
fn the_demo_has_every_status_as_at_the_end_of_the_year_and_at_an_earlier_date() {
    let db = fresh_db();
    let out = db.run(&["demo", "--no-serve", "--file", "demo.db"]).ok();
    assert!(
        out.stdout.contains("with a year of demo progress"),
        "{}",
        out.stdout
    );
    for as_at in ["2010-03-31", "2009-12-01"] {
        let s = demo_status(&db, &["--as-at", as_at]);
        let c = &s["counts"];
        for field in [
            "overdue",
            "due_soon",
            "stale",
            "at_risk",
            "signed_off",
            "awaiting_sign_off",
            "red",
            "amber",
            "green",
            "blue",
            "grey",
        ] {
            assert!(
                c[field].as_u64().unwrap_or(0) > 0,
                "no {field} as at {as_at}: {c}"
            );
        }
    }
    let end = demo_status(&db, &["--as-at", "2010-03-31"]);
    assert_eq!(action(&end, "1.2")["completion"], "signed_off");
    assert_eq!(
        action(&end, "11.2")["completion"],
        "not_complete",
        "its sign-off was withdrawn"
    );
    assert_eq!(action(&end, "2.1")["rag"], "red");
    let history = demo(&db, &["history", "9.1"]).ok().stdout;
    assert!(
        history.contains("Demo: Chair Monitoring & Evaluation") && history.contains("[Demo data]"),
        "{history}"
    );
    assert!(history.contains("(corrects update"), "{history}");
    assert!(
        demo(&db, &["audit", "verify"])
            .ok()
            .stdout
            .contains("is intact")
    );
    assert!(
        demo(&db, &["settings", "public"])
            .ok()
            .stdout
            .starts_with("Public summary: on."),
        "the demo publishes its public summary"
    );
    let again = db.run(&["demo", "--no-serve", "--file", "demo.db"]).ok();
    assert!(again.stdout.contains("already built"), "{}", again.stdout);
    let overdue = demo_status(&db, &["--as-at", "2010-03-31", "--overdue"]);
    assert!(
        overdue["actions"]
            .as_array()
            .is_some_and(|a| !a.is_empty() && a.iter().all(|s| s["overdue"] == true))
    );
    let training = demo_status(&db, &["--as-at", "2010-03-31", "--lead", "chair-training"]);
    let listed = training["actions"].as_array().cloned().unwrap_or_default();
    assert!(listed.iter().any(|s| s["action"] == "16.1"), "{training}");
    assert!(listed.iter().all(|s| {
        s["leads"]
            .as_array()
            .is_some_and(|l| l.contains(&Value::from("chair-training")))
    }));
}
