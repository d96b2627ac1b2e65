//! `boardplan meeting …`, `subgroup …` and `attendance` (issue #12, items 3 to 5 and 12): the
//! exact commands and flags, the `--json` shapes (the API's), quorum worked out, the action
//! log, errors that name the fix and change nothing, and every change logged with its actor.

use serde_json::Value;

use crate::common::{Db, fresh_db, path_str};

fn json(db: &Db, args: &[&str]) -> Value {
    let out = db.run(args).ok().stdout;
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// The sample plan and three people of three agencies; Ann has a deputy on the register.
fn board() -> Db {
    let db = fresh_db();
    db.import_sample();
    for (name, agency) in [
        ("Dee Deputy", "Metropolitan Police"),
        ("Ann Lee", "Metropolitan Police"),
        ("Bob Ray", "Probation Service"),
        ("Cat Day", "CAFCASS"),
    ] {
        db.run(&[
            "member",
            "add",
            name,
            "--agency",
            agency,
            "--board-role",
            "member",
        ])
        .ok();
    }
    db.run(&["member", "add", "Eve Obs", "--board-role", "observer"])
        .ok();
    db
}

#[test]
fn a_meeting_is_recorded_attended_decided_and_shown_with_its_quorum_as_json() {
    let db = board();
    db.run(&["meeting", "rules", "--quorum-agencies", "2"]).ok();
    let out = db
        .run(&[
            "meeting",
            "add",
            "2009-06-17",
            "--time",
            "9:30",
            "--place",
            "Guildhall",
        ])
        .ok()
        .stdout;
    assert!(out.contains("Recorded a meeting of the board"), "{out}");
    let attend = |who: &str, how: &str, extra: &[&str]| {
        let mut args = vec![
            "--actor",
            "Business Manager",
            "meeting",
            "attend",
            "2009-06-17",
            "--member",
            who,
            "--as",
            how,
        ];
        args.extend_from_slice(extra);
        db.run(&args).ok();
    };
    attend("Ann Lee", "present", &[]);
    let m = json(&db, &["meeting", "show", "2009-06-17", "--json"]);
    assert_eq!(
        m["quorate"], false,
        "one agency of the two the rule asks: {m}"
    );
    attend("Bob Ray", "deputy", &["--deputy", "Sam Cole"]);
    attend("Cat Day", "apologies", &[]);
    db.run(&[
        "meeting",
        "decide",
        "2009-06-17",
        "Adopt the threshold document",
    ])
    .ok();
    let out = db
        .run(&[
            "meeting",
            "action",
            "add",
            "2009-06-17",
            "Circulate the protocol",
            "--who",
            "Ann Lee",
            "--due",
            "2009-07-31",
        ])
        .ok()
        .stdout;
    assert!(out.contains("Raised action"), "{out}");
    let m = json(&db, &["meeting", "show", "2009-06-17", "--json"]);
    assert_eq!(m["meeting"]["time"], "09:30");
    assert_eq!(m["quorate"], true, "{m}");
    assert_eq!(m["quorum"]["agencies"], 2);
    let bob = m["attendance"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["person"] == "Bob Ray")
        .unwrap()
        .clone();
    assert_eq!(
        (bob["status"].as_str(), bob["deputy"].as_str()),
        (Some("deputy"), Some("Sam Cole"))
    );
    assert_eq!(m["decisions"][0], "Adopt the threshold document");
    assert_eq!(m["action_log"][0]["who"], "Ann Lee");
    assert_eq!(m["action_log"][0]["done"], Value::Null);
    let id = m["action_log"][0]["id"].as_i64().unwrap().to_string();
    db.run(&["meeting", "action", "done", &id, "--date", "2009-07-20"])
        .ok();
    let text = db.run(&["meeting", "show", "2009-06-17"]).ok().stdout;
    assert!(
        text.contains("Quorate: quorate") && text.contains("done 2009-07-20"),
        "{text}"
    );

    let a = json(
        &db,
        &[
            "attendance",
            "--from",
            "2009-04-01",
            "--to",
            "2010-03-31",
            "--json",
        ],
    );
    assert_eq!(a["meetings"], 1);
    let share = |agency: &str| {
        a["agencies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["agency"] == agency)
            .unwrap()
            .clone()
    };
    let police = share("Metropolitan Police");
    assert_eq!(
        (
            police["expected"].as_u64(),
            police["attended_or_represented"].as_u64(),
            police["share"].as_u64()
        ),
        (Some(1), Some(1), Some(100))
    );
    assert_eq!(share("CAFCASS")["share"], 0);
    assert_eq!(share("CAFCASS")["below_threshold"], true);
    let table = db
        .run(&["attendance", "--from", "2009-04-01", "--to", "2010-03-31"])
        .ok()
        .stdout;
    assert!(
        table.contains("CAFCASS") && table.contains("0% *"),
        "{table}"
    );
    let list = json(&db, &["meeting", "list", "--json"]);
    assert_eq!(list["items"][0]["place"], "Guildhall");
}

#[test]
fn a_bad_meeting_command_names_the_fix_and_changes_nothing() {
    let db = board();
    db.run(&["meeting", "add", "2009-06-17"]).ok();
    let before = db.snapshot();
    let err = db
        .run(&[
            "meeting",
            "attend",
            "2009-06-18",
            "--member",
            "Ann Lee",
            "--as",
            "present",
        ])
        .fails()
        .stderr;
    assert!(err.contains("boardplan meeting add 2009-06-18"), "{err}");
    let err = db
        .run(&[
            "meeting",
            "attend",
            "2009-06-17",
            "--member",
            "Nobody",
            "--as",
            "present",
        ])
        .fails()
        .stderr;
    assert!(err.contains("not on the member register"), "{err}");
    let err = db
        .run(&[
            "meeting",
            "attend",
            "2009-06-17",
            "--member",
            "Ann Lee",
            "--as",
            "late",
        ])
        .fails()
        .stderr;
    assert!(
        err.contains("present, apologies, absent or deputy"),
        "{err}"
    );
    let err = db
        .run(&[
            "meeting",
            "attend",
            "2009-06-17",
            "--member",
            "Bob Ray",
            "--as",
            "deputy",
        ])
        .fails()
        .stderr;
    assert!(err.contains("--deputy"), "{err}");
    let err = db
        .run(&["meeting", "add", "2009-09-16", "--time", "25:00"])
        .fails()
        .stderr;
    assert!(err.contains("HH:MM"), "{err}");
    let err = db
        .run(&["meeting", "show", "2009-06-17", "--subgroup", "Knitting"])
        .fails()
        .stderr;
    assert!(
        err.contains("\"Knitting\" is not one of the partnership's sub-groups"),
        "{err}"
    );
    assert_eq!(db.snapshot(), before, "the database changed");
    // The deputy on the register stands in when none is named.
    db.run(&[
        "member",
        "add",
        "Pat Police",
        "--agency",
        "Metropolitan Police",
        "--board-role",
        "member",
        "--deputy",
        "Dee Deputy",
    ])
    .ok();
    db.run(&[
        "meeting",
        "attend",
        "2009-06-17",
        "--member",
        "Pat Police",
        "--as",
        "deputy",
    ])
    .ok();
    let m = json(&db, &["meeting", "show", "2009-06-17", "--json"]);
    assert_eq!(m["attendance"][0]["deputy"], "Dee Deputy", "{m}");
}

#[test]
fn a_subgroup_gets_a_chair_members_and_a_quorum_and_its_meetings_are_shown() {
    let db = board();
    let out = db
        .run(&[
            "--actor",
            "Business Manager",
            "subgroup",
            "set",
            "training",
            "--chair",
            "Ann Lee",
            "--add-member",
            "Ann Lee",
            "--add-member",
            "Bob Ray",
            "--meets",
            "quarterly",
            "--quorum-agencies",
            "2",
        ])
        .ok()
        .stdout;
    assert!(
        out.contains("The Training sub-group: active, chair Ann Lee, 2 members"),
        "{out}"
    );
    db.run(&["subgroup", "add", "Neglect Strategy", "--proposed"])
        .ok();
    db.run(&[
        "subgroup",
        "item",
        "Training",
        "Evaluate the course",
        "--due",
        "2010-01-31",
    ])
    .ok();
    let list = json(&db, &["subgroup", "list", "--json"]);
    let items = list["items"].as_array().unwrap();
    let t = items.iter().find(|s| s["name"] == "Training").unwrap();
    assert_eq!(t["chair"], "Ann Lee");
    assert_eq!(t["members"], serde_json::json!(["Ann Lee", "Bob Ray"]));
    assert_eq!(t["quorum"]["agencies"], 2);
    assert_eq!(t["items"][0]["title"], "Evaluate the course");
    assert!(
        items
            .iter()
            .any(|s| !s["work_plan"].as_array().unwrap().is_empty()),
        "the plan actions a sub-group's roles lead"
    );
    let cdr = items
        .iter()
        .find(|s| s["name"] == "Neglect Strategy")
        .unwrap();
    assert_eq!(cdr["status"], "proposed");
    db.run(&["subgroup", "set", "Neglect Strategy", "--status", "closed"])
        .ok();
    let err = db
        .run(&["subgroup", "set", "Training", "--status", "paused"])
        .fails()
        .stderr;
    assert!(err.contains("proposed, active or closed"), "{err}");

    db.run(&[
        "meeting",
        "add",
        "2009-07-08",
        "--subgroup",
        "Training",
        "--time",
        "14:00",
    ])
    .ok();
    db.run(&[
        "meeting",
        "attend",
        "2009-07-08",
        "--subgroup",
        "Training",
        "--member",
        "Ann Lee",
        "--as",
        "present",
    ])
    .ok();
    let m = json(
        &db,
        &[
            "meeting",
            "show",
            "2009-07-08",
            "--subgroup",
            "Training",
            "--json",
        ],
    );
    assert_eq!(m["meeting"]["subgroup"], "Training");
    assert_eq!(m["quorate"], false, "one agency of two: {m}");
    let a = json(
        &db,
        &[
            "attendance",
            "--from",
            "2009-07-08",
            "--to",
            "2009-07-08",
            "--json",
        ],
    );
    let people: Vec<&str> = a["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["person"].as_str().unwrap())
        .collect();
    assert_eq!(
        people,
        ["Ann Lee", "Bob Ray"],
        "the sub-group's members are expected at it"
    );
}

#[test]
fn a_meeting_action_is_promoted_into_the_plan_and_shown_as_the_action_it_became() {
    let db = board();
    db.run(&["meeting", "add", "2009-06-17"]).ok();
    db.run(&[
        "meeting",
        "action",
        "add",
        "2009-06-17",
        "Agree a protocol for members' induction",
        "--who",
        "Business manager",
    ])
    .ok();
    let m = json(&db, &["meeting", "show", "2009-06-17", "--json"]);
    let id = m["action_log"][0]["id"].as_i64().unwrap().to_string();
    let before = db.snapshot();
    let err = db
        .run(&[
            "meeting",
            "action",
            "promote",
            &id,
            "--objective",
            "99",
            "--lead",
            "lscb-chair",
            "--due",
            "2009-11-30",
        ])
        .fails()
        .stderr;
    assert!(
        err.contains("objective: \"99\" is not an objective"),
        "{err}"
    );
    assert_eq!(db.snapshot(), before, "the database changed");

    let out = db
        .run(&[
            "--actor",
            "Business Manager",
            "meeting",
            "action",
            "promote",
            &id,
            "--objective",
            "4",
            "--lead",
            "lscb-chair",
            "--due",
            "2009-11-30",
        ])
        .ok()
        .stdout;
    assert!(out.contains("it is action 4.4 of"), "{out}");
    let m = json(&db, &["meeting", "show", "2009-06-17", "--json"]);
    assert_eq!(m["action_log"][0]["promoted_to"]["action"], "4.4", "{m}");
    let shown = db.run(&["meeting", "show", "2009-06-17"]).ok().stdout;
    assert!(shown.contains("promoted to plan action 4.4"), "{shown}");
    let plan = db.run(&["plan", "show"]).ok().stdout;
    assert!(
        plan.contains("Agree a protocol for members' induction"),
        "{plan}"
    );
    let err = db
        .run(&[
            "meeting",
            "action",
            "promote",
            &id,
            "--objective",
            "4",
            "--lead",
            "lscb-chair",
            "--due",
            "2009-11-30",
        ])
        .fails()
        .stderr;
    assert!(err.contains("already promoted"), "{err}");
}

#[test]
fn attendance_is_imported_from_a_file_all_or_nothing() {
    let db = board();
    db.run(&["meeting", "add", "2009-06-17"]).ok();
    db.run(&["meeting", "add", "2009-07-08", "--subgroup", "Training"])
        .ok();
    let before = db.snapshot();
    let bad = db.file(
        "attendance.csv",
        "Date,Sub-group,Name,Attendance,Deputy\n\
         2009-06-17,,Ann Lee,present,\n\
         2009-07-08,Training,Bob Ray,deputy,Sam Cole\n\
         2009-06-17,,Zed Nobody,present,\n",
    );
    let err = db
        .run(&["attendance", "import", path_str(&bad)])
        .fails()
        .stderr;
    assert!(
        err.contains("row 4, column \"Name\": \"Zed Nobody\" is not on the member register"),
        "{err}"
    );
    assert_eq!(db.snapshot(), before, "a bad row changes nothing");
    let bad_cell = db.file(
        "attendance-2.csv",
        "Date,Name,Attendance\n2009-06-17,Ann Lee,late\n",
    );
    let err = db
        .run(&["attendance", "import", path_str(&bad_cell)])
        .fails()
        .stderr;
    assert!(err.contains("row 2, column \"Attendance\""), "{err}");
    assert_eq!(db.snapshot(), before);

    let good = db.file(
        "attendance-3.csv",
        "Date,Sub-group,Name,Attendance,Deputy\n\
         2009-06-17,,Ann Lee,present,\n\
         2009-07-08,Training,Bob Ray,deputy,Sam Cole\n",
    );
    let out = db
        .run(&[
            "--actor",
            "Business Manager",
            "attendance",
            "import",
            path_str(&good),
        ])
        .ok()
        .stdout;
    assert!(out.contains("2 recorded"), "{out}");
    let m = json(
        &db,
        &[
            "meeting",
            "show",
            "2009-07-08",
            "--subgroup",
            "Training",
            "--json",
        ],
    );
    assert_eq!(m["attendance"][0]["deputy"], "Sam Cole", "{m}");
    let a = json(
        &db,
        &[
            "attendance",
            "--from",
            "2009-04-01",
            "--to",
            "2010-03-31",
            "--json",
        ],
    );
    assert_eq!(a["meetings"], 2, "{a}");
    let err = db.run(&["attendance"]).fails().stderr;
    assert!(err.contains("--from"), "{err}");
}
