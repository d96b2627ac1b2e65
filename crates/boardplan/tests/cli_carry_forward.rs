//! `boardplan plan carry-forward` re-times (issue 11, item 10), end to end on the real binary:
//! `--due`, `--due-objective` and `--due-file` (CSV and XLSX) give the carried actions their
//! new timescales; given none, each is "to be re-timed", listed by `status` until `plan edit`
//! re-times it. Refused input changes nothing.

use crate::common::{Db, fresh_db, path_str};
use serde_json::Value;

const NEXT: &str = "Business Plan 2010-11";

fn sample() -> Db {
    let db = fresh_db();
    db.import_sample();
    db
}

fn carry(db: &Db, more: &[&str]) -> Value {
    let mut args = vec![
        "plan",
        "carry-forward",
        "--to-title",
        NEXT,
        "--start",
        "2010-04-01",
        "--end",
        "2011-03-31",
        "--json",
    ];
    args.extend(more);
    serde_json::from_str(&db.run(&args).ok().stdout).expect("carry-forward --json is JSON")
}

/// The status today: the new plan is the latest active one.
fn status(db: &Db) -> Value {
    let out = db.run(&["status", "--json"]).ok();
    serde_json::from_str(&out.stdout).unwrap()
}

fn action<'a>(status: &'a Value, id: &str) -> &'a Value {
    status["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"] == id)
        .unwrap()
}

#[test]
fn carried_with_no_timescale_every_action_is_to_be_retimed_until_plan_edit_gives_it_one() {
    let db = sample();
    let done = carry(&db, &[]);
    assert_eq!(done["carried"].as_array().unwrap().len(), 49);
    assert_eq!(done["to_be_retimed"], done["carried"]);
    assert_eq!(done["retimed"], serde_json::json!([]));

    let s = status(&db);
    assert_eq!(s["plan"], NEXT);
    assert_eq!(s["counts"]["to_be_retimed"], 49);
    assert_eq!(
        s["counts"]["overdue"], 0,
        "nothing has a due date to be past"
    );
    assert_eq!(action(&s, "1.1")["to_be_retimed"], true);
    let table = db.run(&["status"]).ok().stdout;
    assert!(table.contains("to be re-timed"), "{table}");

    db.run(&["plan", "edit", "1.1", "--timescale", "June 2010"])
        .ok();
    let s = status(&db);
    assert_eq!(s["counts"]["to_be_retimed"], 48);
    assert_eq!(action(&s, "1.1")["to_be_retimed"], false);
    assert_eq!(action(&s, "1.1")["due"], "2010-06-30");
    // History wraps its lines: read it as one.
    let history = db.run(&["history", "1.1"]).ok().stdout;
    let history = history.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(history.contains("to be re-timed"), "{history}");
    assert!(
        history
            .contains("edited timescale: \"To be re-timed (was September 2009)\" → \"June 2010\""),
        "{history}"
    );
}

#[test]
fn due_for_all_per_objective_and_per_action_from_a_sheet_each_win_in_turn() {
    let db = sample();
    let sheet = db.file(
        "dates.csv",
        "Number,Due date\n1.1,December 2010\n2.2,2010-07-31\n",
    );
    let done = carry(
        &db,
        &[
            "--due",
            "2011-03-31",
            "--due-objective",
            "3=2010-09-30",
            "--due-file",
            path_str(&sheet),
        ],
    );
    assert_eq!(done["to_be_retimed"], serde_json::json!([]));
    assert_eq!(done["retimed"].as_array().unwrap().len(), 49);
    let s = status(&db);
    assert_eq!(s["counts"]["to_be_retimed"], 0);
    assert_eq!(action(&s, "1.1")["due"], "2010-12-31");
    assert_eq!(action(&s, "2.2")["due"], "2010-07-31");
    assert_eq!(action(&s, "3.1")["due"], "2010-09-30");
    assert_eq!(action(&s, "16.1")["due"], "2011-03-31");
    let r = done["retimed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["action"] == "1.1")
        .unwrap();
    assert_eq!(r["given"], "dates.csv row 2");
}

#[test]
fn a_due_file_may_be_a_workbook() {
    let db = sample();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "number").unwrap();
    sheet.write_string(0, 1, "due").unwrap();
    sheet.write_string(1, 0, "5.1").unwrap();
    sheet.write_string(1, 1, "Quarterly").unwrap();
    let file = db.file("dates.xlsx", book.save_to_buffer().unwrap());
    let done = carry(&db, &["--due-file", path_str(&file)]);
    assert_eq!(done["retimed"][0]["action"], "5.1");
    assert_eq!(done["retimed"][0]["timescale"], "Quarterly");
    assert_eq!(done["to_be_retimed"].as_array().unwrap().len(), 48);
}

#[test]
fn timescales_that_cannot_be_read_or_name_what_is_not_carried_are_refused_and_change_nothing() {
    let db = sample();
    let unknown = db.file("dates.csv", "number,due\n1.1,2010-12-31\n99.9,2010-12-31\n");
    let undated = db.file("undated.csv", "number,due\n1.1,whenever\n");
    let text = db.file("dates.txt", "1.1 2010-12-31\n");
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["--due", "whenever"],
            "--due: Boardplan cannot read a date from \"whenever\"",
        ),
        (
            vec!["--due-objective", "3:2010-09-30"],
            "write it as NUMBER=DATE",
        ),
        (
            vec!["--due-objective", "42=2010-09-30"],
            "--due-objective 42=2010-09-30: the plan",
        ),
        (
            vec!["--due", "2010-01-31"],
            "before the new plan starts (2010-04-01)",
        ),
        (
            vec!["--due-file", path_str(&unknown)],
            "dates.csv row 3: the plan",
        ),
        (
            vec!["--due-file", path_str(&undated)],
            "undated.csv row 2: Boardplan cannot read a date from \"whenever\"",
        ),
        (
            vec!["--due-file", path_str(&text)],
            "read from .csv or .xlsx",
        ),
    ];
    let before = db.snapshot();
    for (more, says) in cases {
        let mut args = vec![
            "plan",
            "carry-forward",
            "--to-title",
            NEXT,
            "--start",
            "2010-04-01",
            "--end",
            "2011-03-31",
        ];
        args.extend(more);
        let out = db.run(&args).fails();
        assert!(
            out.stderr.contains(says),
            "expected {says:?} in:\n{}",
            out.stderr
        );
        assert!(out.stderr.contains("Nothing was written"), "{}", out.stderr);
        assert_eq!(db.snapshot(), before, "the database changed");
    }
}
