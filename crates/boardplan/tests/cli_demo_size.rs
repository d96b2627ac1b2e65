//! `boardplan demo --size AxU`: the generated partnership for load tests and comparisons has
//! the actions, updates and meetings asked for, and its change log verifies: in a SQLite file,
//! and on the test's own back end (PostgreSQL in CI's second pass).

use std::process::Command;

use serde_json::Value;

use crate::common::{Db, Run, fresh_db};

/// `boardplan --db big.db ARGS` in the test's folder.
fn run(db: &Db, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_boardplan"))
        .arg("--db")
        .arg(db.dir.path().join("big.db"))
        .args(args)
        .env_remove("BOARDPLAN_DATABASE_URL")
        .env_remove("BOARDPLAN_PARTNERSHIP")
        .current_dir(db.dir.path())
        .output()
        .expect("run boardplan");
    Run::from(out)
}

fn build(db: &Db, size: &str) -> String {
    run(
        db,
        &["demo", "--no-serve", "--file", "big.db", "--size", size],
    )
    .ok()
    .stdout
}

#[test]
fn a_sized_demo_has_the_actions_updates_and_meetings_asked_for_and_a_chain_that_verifies() {
    let db = fresh_db();
    let out = build(&db, "40x3");
    assert!(out.contains("with 120 generated updates"), "{out}");
    assert!(out.contains("16 objectives, 40 actions"), "{out}");

    let status: Value = serde_json::from_str(
        &run(&db, &["status", "--json", "--as-at", "2010-03-31"])
            .ok()
            .stdout,
    )
    .expect("status --json is JSON");
    assert_eq!(status["counts"]["actions"], 40, "{}", status["counts"]);
    let actions = status["actions"].as_array().expect("actions");
    assert!(
        actions.iter().all(|a| !a["rag"].is_null()),
        "every action was rated by its updates"
    );
    let objectives: std::collections::HashSet<&str> = actions
        .iter()
        .filter_map(|a| a["objective"].as_str())
        .collect();
    assert_eq!(objectives.len(), 16, "shared over all 16 objectives");

    let log: Vec<Value> = serde_json::from_str(
        &run(&db, &["audit", "log", "--json", "--kind", "update"])
            .ok()
            .stdout,
    )
    .expect("the log as JSON");
    assert_eq!(log.len(), 120, "one change-log entry per update");
    assert!(
        log.iter()
            .all(|e| e["actor"] == "Demo: lead officers (generated)"),
        "{}",
        log[0]
    );

    let meetings = run(&db, &["meeting", "list"]).ok().stdout;
    assert_eq!(meetings.matches("Board").count(), 4, "{meetings}");

    let verified = run(&db, &["audit", "verify"]).ok().stdout;
    assert!(verified.contains("intact"), "{verified}");

    // Built already: a second run changes nothing.
    let again = build(&db, "40x3");
    assert!(again.contains("already built"), "{again}");
    let log_again: Vec<Value> = serde_json::from_str(
        &run(&db, &["audit", "log", "--json", "--kind", "update"])
            .ok()
            .stdout,
    )
    .expect("the log as JSON");
    assert_eq!(log_again.len(), 120);
}

#[test]
fn a_size_that_is_not_actions_x_updates_is_refused_with_the_form_to_use() {
    let db = fresh_db();
    for bad in ["2000", "2000x", "ax50", "8x50", "2000x5000"] {
        let err = db
            .run(&["demo", "--no-serve", "--file", "bad.db", "--size", bad])
            .fails()
            .stderr;
        assert!(err.contains("ACTIONSxUPDATES"), "{bad}: {err}");
    }
    assert!(
        !db.dir.path().join("bad.db").exists(),
        "a refused size creates no database"
    );
}

#[test]
fn the_demo_builds_on_the_tests_own_back_end_and_its_chain_verifies() {
    // On PostgreSQL (the CI's second pass) the demo once stopped at its indicator targets.
    let db = fresh_db();
    // Every statement logged, so that one logged by the vacuum would show.
    let run = db
        .run_with_env(
            &["demo", "--no-serve", "--file", &db.url, "--size", "32x2"],
            &[("BOARDPLAN_LOG", "info,sqlx::query=debug")],
        )
        .ok();
    let out = run.stdout;
    assert!(out.contains("with 64 generated updates"), "{out}");
    assert!(
        run.stderr.contains("INSERT"),
        "statements are logged: {}",
        run.stderr
    );
    // The vacuum after the load names Boardplan's tables: PostgreSQL has no system
    // catalogue to refuse, once for each, to a role that is not a superuser. Nor does
    // sqlx log it, as a slow statement quoting every table's name when it takes long.
    assert!(!run.stderr.contains("superuser"), "{}", run.stderr);
    assert!(!run.stderr.contains("VACUUM"), "{}", run.stderr);
    assert!(!run.stderr.contains("CLUSTER"), "{}", run.stderr);
    if db.url.starts_with("postgres") {
        assert!(
            run.stderr.contains("vacuumed and analysed after the load"),
            "{}",
            run.stderr
        );
    }
    let verify = db.run(&["audit", "verify"]).ok().stdout;
    assert!(verify.contains("every hash matches"), "{verify}");
}

#[test]
fn several_partnerships_each_have_the_plan_their_own_areas_indicators_and_a_chain_that_verifies() {
    let db = fresh_db();
    let out = run(
        &db,
        &[
            "demo",
            "--no-serve",
            "--file",
            "big.db",
            "--size",
            "20x2",
            "--partnerships",
            "3",
        ],
    )
    .ok()
    .stdout;
    assert!(out.contains("Built 3 partnerships"), "{out}");
    // Kingston's sample first, then authorities by DfE number: City of London (201), Camden (202).
    let boards = [
        ("kingston-lscb", "Kingston upon Thames (E09000021)"),
        ("city-of-london-lscb", "City of London (E09000001)"),
        ("camden-lscb", "Camden (E09000007)"),
    ];
    let mut areas = Vec::new();
    for (slug, area) in boards {
        assert!(
            slug == "kingston-lscb" || out.contains(&format!("LSCB ({slug})")),
            "{slug}: {out}"
        );
        let status: Value = serde_json::from_str(
            &run(
                &db,
                &[
                    "--partnership",
                    slug,
                    "status",
                    "--json",
                    "--as-at",
                    "2010-03-31",
                ],
            )
            .ok()
            .stdout,
        )
        .expect("status --json is JSON");
        assert_eq!(
            status["counts"]["actions"], 20,
            "{slug}: {}",
            status["counts"]
        );
        let log: Vec<Value> = serde_json::from_str(
            &run(
                &db,
                &[
                    "--partnership",
                    slug,
                    "audit",
                    "log",
                    "--json",
                    "--kind",
                    "update",
                ],
            )
            .ok()
            .stdout,
        )
        .expect("the log as JSON");
        assert_eq!(log.len(), 40, "{slug}: one change-log entry per update");

        let pi = run(&db, &["--partnership", slug, "pi", "list"]).ok().stdout;
        let first = pi.lines().next().unwrap_or_default().to_string();
        assert!(first.starts_with(area), "{slug}: {first}");
        areas.push(first);

        // The demo accounts are members: a token is made only for a member.
        let token = run(
            &db,
            &[
                "--partnership",
                slug,
                "token",
                "create",
                "manager@demo.test",
                "--name",
                "load test",
            ],
        )
        .ok()
        .stdout;
        assert!(!token.trim().is_empty(), "{slug}");

        let verified = run(&db, &["--partnership", slug, "audit", "verify"])
            .ok()
            .stdout;
        assert!(verified.contains("intact"), "{slug}: {verified}");
    }
    // Each partnership's plan is called after its own board.
    let plan = run(&db, &["--partnership", "camden-lscb", "plan", "show"])
        .ok()
        .stdout;
    assert!(plan.contains("Camden LSCB Improvement Plan"), "{plan}");
}

#[test]
fn a_number_of_partnerships_out_of_range_is_refused_naming_the_flag_and_writes_nothing() {
    let db = fresh_db();
    for bad in ["0", "many", "2.5", "1000"] {
        let err = db
            .run(&[
                "demo",
                "--no-serve",
                "--file",
                "bad.db",
                "--size",
                "20x2",
                "--partnerships",
                bad,
            ])
            .fails()
            .stderr;
        assert!(err.contains("--partnerships"), "{bad}: {err}");
        assert!(err.contains("give"), "{bad}: {err}");
    }
    for bad in ["0", "154"] {
        let err = db
            .run(&[
                "demo",
                "--no-serve",
                "--file",
                "bad.db",
                "--partnerships",
                bad,
            ])
            .fails()
            .stderr;
        assert!(err.contains("give from 1 to 153"), "{bad}: {err}");
    }
    assert!(
        !db.dir.path().join("bad.db").exists(),
        "a refused number of partnerships creates no database"
    );
}
