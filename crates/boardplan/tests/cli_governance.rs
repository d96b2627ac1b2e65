//! `boardplan member add|list|import` and `boardplan agency …` (issue #12): the exact commands
//! and flags, the `--json` shapes, imports all or nothing naming row and column, and every
//! change in the change log with its actor.

use serde_json::Value;

use crate::common::{Db, fresh_db, path_str};

const KINGSTON: &str = "kingston-lscb";

/// The newest change-log entry: (entity, key, actor).
fn last_change(db: &Db) -> (String, String, String) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            let store = store::Store::connect(&db.url).await.expect("open");
            let log = store.change_log(KINGSTON).await.expect("read the log");
            let c = log.last().expect("an entry").clone();
            (c.entity, c.entity_key, c.actor)
        })
}

fn members(db: &Db) -> Vec<Value> {
    let out = db.run(&["member", "list", "--json"]).ok().stdout;
    let v: Value = serde_json::from_str(&out).expect("JSON");
    v["items"].as_array().expect("items").clone()
}

#[test]
fn a_member_added_is_listed_as_json_in_the_apis_shape_and_logged_with_its_actor() {
    let db = fresh_db();
    db.import_sample();
    let out = db
        .run(&[
            "--actor",
            "Business Manager",
            "member",
            "add",
            "Ann Lee",
            "--agency",
            "metropolitan police",
            "--board-role",
            "Vice-chair",
            "--job-title",
            "Detective Superintendent",
            "--expertise",
            "policing, exploitation",
            "--email",
            "ann.lee@met.example",
        ])
        .ok()
        .stdout;
    assert!(out.contains("Added Ann Lee (Metropolitan Police)"), "{out}");
    assert_eq!(
        last_change(&db),
        ("person".into(), "Ann Lee".into(), "Business Manager".into())
    );
    let items = members(&db);
    assert_eq!(items.len(), 1);
    let ann = &items[0];
    let mut keys: Vec<&str> = ann
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "account",
            "agency",
            "appointed",
            "board_role",
            "deputy",
            "email",
            "expertise",
            "href",
            "id",
            "job_title",
            "name",
            "part",
            "term_ends",
            "version"
        ]
    );
    assert_eq!(ann["agency"], "Metropolitan Police");
    assert_eq!(ann["board_role"], "vice_chair");
    assert_eq!(
        ann["expertise"],
        serde_json::json!(["policing", "exploitation"])
    );
    assert_eq!(ann["version"], 1);
    let id = ann["id"].as_i64().unwrap();
    assert_eq!(
        ann["href"],
        format!("/api/v1/partnerships/{KINGSTON}/members/{id}")
    );
    let table = db.run(&["member", "list"]).ok().stdout;
    assert!(
        table.contains("Ann Lee") && table.contains("Vice-chair"),
        "{table}"
    );
}

#[test]
fn a_bad_member_is_refused_with_the_fix_and_nothing_is_written() {
    let db = fresh_db();
    db.import_sample();
    let e = db
        .run(&[
            "member",
            "add",
            "Ann Lee",
            "--agency",
            "Fire Brigade",
            "--board-role",
            "member",
        ])
        .fails()
        .stderr;
    assert!(
        e.contains("Metropolitan Police") && e.contains("boardplan agency add"),
        "{e}"
    );
    let e = db
        .run(&["member", "add", "Ann Lee", "--board-role", "treasurer"])
        .fails()
        .stderr;
    assert!(
        e.contains("--board-role") && e.contains("lay member"),
        "{e}"
    );
    let e = db
        .run(&[
            "member",
            "add",
            "Ann Lee",
            "--board-role",
            "member",
            "--email",
            "Ann Lee",
        ])
        .fails()
        .stderr;
    assert!(
        e.contains("email") && e.contains("not an e-mail address"),
        "{e}"
    );
    assert!(members(&db).is_empty());
}

const REGISTER_CSV: &str = "Name,Agency,Board role,Expertise,Deputy,Email\r\n\
Ann Lee,Metropolitan Police,member,policing,Bob Ray,ann@met.example\r\n\
Bob Ray,metropolitan police,participant,,,\r\n";

#[test]
fn a_csv_register_is_imported_all_or_nothing_naming_row_and_column() {
    let db = fresh_db();
    db.import_sample();
    let bad = db.file(
        "bad.csv",
        "Name,Agency,Board role\nAnn Lee,Metropolitan Police,member\nBob Ray,,treasurer\n",
    );
    let e = db.run(&["member", "import", path_str(&bad)]).fails().stderr;
    assert!(e.contains("row 3, column \"Board role\""), "{e}");
    let unknown = db.file(
        "unknown.csv",
        "Name,Agency,Board role\nAnn Lee,Metropolitan Police,member\nBob Ray,Fire Brigade,member\n",
    );
    let e = db
        .run(&["member", "import", path_str(&unknown)])
        .fails()
        .stderr;
    assert!(
        e.contains("row 3, column \"Agency\"") && e.contains("nothing was imported"),
        "{e}"
    );
    assert!(members(&db).is_empty(), "nothing from a refused file");

    let good = db.file("register.csv", REGISTER_CSV);
    let out = db
        .run(&[
            "--actor",
            "Admin",
            "member",
            "import",
            path_str(&good),
            "--json",
        ])
        .ok()
        .stdout;
    let done: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(
        done,
        serde_json::json!({"added": 2, "updated": 0, "unchanged": 0})
    );
    let items = members(&db);
    let ann = items.iter().find(|m| m["name"] == "Ann Lee").unwrap();
    assert_eq!(ann["deputy"], "Bob Ray");
    assert_eq!(last_change(&db).2, "Admin");
    let again = db.run(&["member", "import", path_str(&good)]).ok().stdout;
    assert!(again.contains("0 added, 0 updated, 2 unchanged"), "{again}");
}

#[test]
fn an_xlsx_register_is_imported() {
    let db = fresh_db();
    db.import_sample();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let rows = [
        ["Name", "Organisation", "Role", "Appointed"],
        ["Ann Lee", "Metropolitan Police", "Chair", "2009-04-01"],
        ["Sam Cole", "", "lay member", "01/05/2009"],
    ];
    for (r, row) in (0u32..).zip(rows) {
        for (c, cell) in (0u16..).zip(row) {
            sheet.write_string(r, c, cell).unwrap();
        }
    }
    let file = db.file("register.xlsx", book.save_to_buffer().unwrap());
    let out = db.run(&["member", "import", path_str(&file)]).ok().stdout;
    assert!(out.contains("2 added"), "{out}");
    let items = members(&db);
    let names: Vec<&str> = items.iter().map(|m| m["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Ann Lee", "Sam Cole"], "the chair first");
    assert_eq!(items[1]["board_role"], "lay_member");
    assert_eq!(items[1]["appointed"], "2009-05-01");
    let e = db
        .run(&["member", "import", path_str(&db.file("register.ods", "x"))])
        .fails()
        .stderr;
    assert!(e.contains(".csv or .xlsx"), "{e}");
}

#[test]
fn an_agencys_kind_representatives_and_money_are_kept_and_listed() {
    let db = fresh_db();
    db.import_sample();
    db.run(&[
        "agency",
        "set",
        "Metropolitan Police",
        "--kind",
        "statutory",
        "--representatives",
        "2",
    ])
    .ok();
    db.run(&["agency", "add", "Kingston College", "--kind", "relevant"])
        .ok();
    let out = db
        .run(&[
            "--actor",
            "Treasurer",
            "agency",
            "contribution",
            "Metropolitan Police",
            "--year",
            "2009",
            "--amount",
            "£12,500.50",
        ])
        .ok()
        .stdout;
    assert!(
        out.contains("£12,500.50") && out.contains("2009-10"),
        "{out}"
    );
    assert_eq!(
        last_change(&db),
        (
            "contribution".into(),
            "Metropolitan Police 2009-10".into(),
            "Treasurer".into()
        )
    );
    let list: Value =
        serde_json::from_str(&db.run(&["agency", "list", "--json"]).ok().stdout).unwrap();
    let police = list
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["name"] == "Metropolitan Police")
        .unwrap();
    assert_eq!(police["kind"], "statutory_partner");
    assert_eq!(police["representatives_expected"], 2);
    assert_eq!(
        police["contributions"],
        serde_json::json!([{"year": 2009, "pence": 1_250_050}])
    );
    let e = db
        .run(&["agency", "set", "Metropolitan Police", "--kind", "friendly"])
        .fails()
        .stderr;
    assert!(e.contains("--kind") && e.contains("statutory"), "{e}");
}

#[test]
fn the_demo_has_a_small_register_every_person_marked_as_demo_data() {
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
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&["demo", "--no-serve", "--file", path_str(&file)]);
    // Built twice, the register is written once.
    run(&["demo", "--no-serve", "--file", path_str(&file)]);
    let out = run(&["--db", path_str(&file), "member", "list", "--json"]);
    let v: Value = serde_json::from_str(&out).expect("JSON");
    let items = v["items"].as_array().unwrap();
    // Five from the governance demo, six more from the meetings demo (demo/meetings.rs), and
    // the lead officer whose account completes an agency's Section 11 return
    // (demo/assurance_risks.rs).
    assert_eq!(items.len(), 12, "{out}");
    for m in items {
        assert!(m["name"].as_str().unwrap().starts_with("Demo: "), "{m}");
        assert!(m["email"].as_str().unwrap().ends_with("@demo.test"), "{m}");
    }
    assert_eq!(items[0]["board_role"], "chair");
    assert_eq!(items[0]["account"], "chair@demo.test");
    let agencies: Value =
        serde_json::from_str(&run(&["--db", path_str(&file), "agency", "list", "--json"])).unwrap();
    assert_eq!(agencies[0]["kind"], "statutory_partner");
}
