//! `boardplan pi …` through the real binary on a fresh database per test (SQLite, or
//! PostgreSQL when `TEST_DATABASE_URL` names a server): the nine real DfE/ONS files import,
//! Kingston's indicators list and show with comparators and judgement, targets and commentary
//! are kept, and a bad file is refused naming its file and line with nothing changed.

use std::path::PathBuf;

use crate::common::{Db, fresh_db, path_str};
use serde_json::Value;

const KINGSTON: &str = "E09000021";

const FILES: [&str; 9] = [
    "b1_children_in_need_2013_to_2025.csv",
    "c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv",
    "c4_children_in_need_section_47s_and_icpcs_2013_to_2025.csv",
    "d3_cpps_subsequent_plan_2013_to_2025.csv",
    "d5_cpps_at31march_by_duration_2013_to_2025.csv",
    "cla_number_and_rate_per_10k_children.csv",
    "csww_indicators_2017_to_2025.csv",
    "ons_mid-year_population_estimates_2012_to_2024.csv",
    "sn_model_2025_wide.csv",
];

fn real(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/realdata")
        .join(name)
}

fn import(db: &Db, name: &str) -> String {
    db.run(&["pi", "import", path_str(&real(name))]).ok().stdout
}

fn json(db: &Db, args: &[&str]) -> Value {
    let out = db.run(args).ok();
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

fn row<'a>(list: &'a Value, code: &str) -> &'a Value {
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in the list"))
}

#[test]
fn all_nine_real_files_import_and_kingston_lists_and_shows_with_neighbours_and_england() {
    let db = fresh_db();
    db.import_sample();
    for name in FILES {
        let out = import(&db, name);
        assert!(out.starts_with(&format!("Imported {name}")), "{out}");
    }

    let list = json(&db, &["pi", "list", "--area", KINGSTON, "--json"]);
    assert_eq!(list["area"]["name"], "Kingston upon Thames");
    // The API's list body, with every indicator on the one page.
    assert_eq!(list["total"], list["items"].as_array().unwrap().len());
    assert_eq!(list["next"], Value::Null);
    let cin = row(&list, "cin-count");
    assert_eq!(cin["latest"]["period"]["label"], "2024-25");
    assert_eq!(cin["latest"]["value"], 1002.0);
    assert_eq!(cin["direction_vs_previous"], "decreased");
    let turnover = row(&list, "sw-turnover-pct");
    assert_eq!(turnover["reported_jointly_as"], "E09000021 / E09000027");
    assert_eq!(turnover["shown_for"], "E09000021 / E09000027");

    let show = json(
        &db,
        &["pi", "show", "cin-rate", "--area", KINGSTON, "--json"],
    );
    let values = show["values"].as_array().unwrap();
    assert_eq!(values.len(), 13, "reporting years 2013 to 2025");
    assert!(values.iter().all(|v| v["status"] == "calculated"));
    let latest = values.last().unwrap();
    assert_eq!(latest["period"]["label"], "2024-25");
    assert_eq!(
        (latest["value"].as_f64().unwrap() * 10.0).round() / 10.0,
        269.9
    );
    let compared = &show["comparators"];
    assert_eq!(compared["neighbours_total"], 10);
    assert_eq!(compared["neighbours_with_values"], 10);
    assert_eq!(compared["rank_out_of"], 11);
    assert!(compared["england"].as_f64().unwrap() > 300.0);
    assert_eq!(show["judgement"]["rag"], Value::Null, "no target yet");
    assert_eq!(show["judgement"]["direction_vs_year_ago"], "decreased");

    let text = db
        .run(&["pi", "show", "cin-rate", "--area", KINGSTON])
        .ok()
        .stdout;
    assert!(text.contains("Statistical neighbours' mean:"), "{text}");
    assert!(text.contains("England:"), "{text}");

    let bcp = json(
        &db,
        &["pi", "show", "cpp-rate", "--area", "E06000058", "--json"],
    );
    let absent: Vec<&str> = bcp["did_not_exist"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(absent.first(), Some(&"2012-13"));
    assert_eq!(absent.last(), Some(&"2018-19"));
    assert!(
        bcp["gaps"].as_array().unwrap().is_empty(),
        "years before BCP existed are not gaps"
    );
}

#[test]
fn hackneys_x_years_show_as_not_available_gaps() {
    let db = fresh_db();
    db.import_sample();
    import(&db, FILES[1]);
    let show = json(
        &db,
        &[
            "pi",
            "show",
            "referrals-count",
            "--area",
            "E09000012",
            "--json",
        ],
    );
    let gaps: Vec<(&str, &str)> = show["gaps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["period"]["label"].as_str().unwrap(),
                g["reason"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        gaps,
        [("2020-21", "not available"), ("2021-22", "not available")]
    );
    let x: Vec<&Value> = show["values"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["token"] == "x")
        .collect();
    assert_eq!(x.len(), 2);
    assert!(x.iter().all(|v| v["value"].is_null()));
}

#[test]
fn the_same_file_twice_adds_nothing_and_says_so() {
    let db = fresh_db();
    db.import_sample();
    import(&db, FILES[3]);
    let before = db.snapshot();
    let again = import(&db, FILES[3]);
    assert!(again.contains("was already imported"), "{again}");
    assert_eq!(db.snapshot(), before);
}

#[test]
fn a_bad_file_is_refused_naming_the_file_and_line_and_the_database_is_unchanged() {
    let db = fresh_db();
    db.import_sample();
    import(&db, FILES[3]);
    let before = db.snapshot();
    let list_before = db.run(&["pi", "list", "--json"]).ok().stdout;

    // Line 5's At31_episodes (the 18th column) becomes a word.
    let text = std::fs::read_to_string(real(FILES[0])).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut cells: Vec<String> = lines[4].split(',').map(str::to_owned).collect();
    cells[17] = "lots".to_owned();
    lines[4] = cells.join(",");
    let path = db.file("b1_broken.csv", lines.join("\n"));
    let out = db.run(&["pi", "import", path_str(&path)]).fails();
    assert!(
        out.stderr
            .contains("b1_broken.csv, line 5, column 18 (At31_episodes)"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("nothing was imported"),
        "{}",
        out.stderr
    );
    assert_eq!(db.snapshot(), before, "the plan or the change log changed");
    assert_eq!(db.run(&["pi", "list", "--json"]).ok().stdout, list_before);

    let unknown = db.file("mystery.csv", "name,age\nA,1\n");
    let out = db.run(&["pi", "import", path_str(&unknown)]).fails();
    assert!(out.stderr.contains("mystery.csv, line 1"), "{}", out.stderr);
}

#[test]
fn a_target_and_commentary_show_in_the_judgement_and_the_page() {
    let db = fresh_db();
    db.import_sample();
    import(&db, FILES[3]);
    let set = db
        .run(&[
            "pi",
            "target",
            "cpp-subsequent-pct",
            "--period",
            "2024-25",
            "--value",
            "18",
            "--tolerance",
            "10",
        ])
        .ok()
        .stdout;
    assert!(set.starts_with("Set the target"), "{set}");
    db.run(&[
        "pi",
        "comment",
        "cpp-subsequent-pct",
        "--area",
        KINGSTON,
        "--period",
        "2024-25",
        "--text",
        "Repeat plans are tracked at every core group review.",
        "--author",
        "Head of Safeguarding",
    ])
    .ok();
    let show = json(
        &db,
        &[
            "pi",
            "show",
            "cpp-subsequent-pct",
            "--area",
            KINGSTON,
            "--json",
        ],
    );
    let judgement = &show["judgement"];
    assert_eq!(judgement["period"]["label"], "2024-25");
    assert_eq!(judgement["target"]["value"], 18.0);
    assert!(judgement["rag"].is_string(), "{judgement}");
    let comment = &show["commentary"][0];
    assert_eq!(comment["author"], "Head of Safeguarding");
    assert_eq!(comment["period"]["label"], "2024-25");

    let bad_period = db
        .run(&[
            "pi",
            "target",
            "cpp-subsequent-pct",
            "--period",
            "June",
            "--value",
            "18",
        ])
        .fails();
    assert!(
        bad_period.stderr.contains("--period"),
        "{}",
        bad_period.stderr
    );
    let unknown = db
        .run(&["pi", "show", "no-such-measure", "--area", KINGSTON])
        .fails();
    assert!(
        unknown.stderr.contains("no-such-measure"),
        "{}",
        unknown.stderr
    );
}
