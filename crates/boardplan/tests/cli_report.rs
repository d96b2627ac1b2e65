//! `boardplan report` and `boardplan calendar` end to end on the real binary: every report in
//! every format from the demo's year of progress, the same bytes twice for the same data and
//! date, the calendar feed, reports from a plan with no progress on either database, and bad
//! input refused with a message that says what to do.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Db, Run, fresh_db, path_str};

fn today() -> String {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
        .to_string()
}

const KINDS: [&str; 5] = [
    "board-paper",
    "quarterly",
    "annual",
    "self-assessment",
    "public",
];

/// A demo database (SQLite, a year of progress) in the test's folder.
fn demo(db: &Db) -> PathBuf {
    let file = db.dir.path().join("demo.db");
    let out = Command::new(env!("CARGO_BIN_EXE_boardplan"))
        .args(["demo", "--no-serve", "--file"])
        .arg(&file)
        .current_dir(db.dir.path())
        .output()
        .expect("run boardplan demo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    file
}

fn run_on(file: &Path, args: &[&str], epoch: &str) -> Run {
    Command::new(env!("CARGO_BIN_EXE_boardplan"))
        .arg("--db")
        .arg(file)
        .args(args)
        .env_remove("BOARDPLAN_PARTNERSHIP")
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .expect("run boardplan")
        .into()
}

fn formats() -> Vec<&'static str> {
    let mut f = vec!["docx", "odt", "html", "xlsx", "ods", "csv"];
    if cfg!(feature = "pdf") {
        f.push("pdf");
    }
    f
}

/// The first bytes each format must start with.
fn magic(format: &str) -> &'static [u8] {
    match format {
        "pdf" => b"%PDF-",
        "html" => b"<!DOCTYPE html>",
        "csv" => b"Annual report",
        _ => b"PK\x03\x04",
    }
}

#[test]
fn every_report_is_written_from_the_demo_and_the_annual_one_in_every_format() {
    let db = fresh_db();
    let file = demo(&db);
    for kind in KINDS {
        let out = db.dir.path().join(format!("{kind}.html"));
        let run = run_on(
            &file,
            &[
                "report",
                kind,
                "--as-at",
                "2010-03-31",
                "--out",
                path_str(&out),
            ],
            "1270000000",
        )
        .ok();
        assert!(run.stderr.contains("as at 2010-03-31"), "{}", run.stderr);
        let html = std::fs::read_to_string(&out).expect("written");
        assert!(
            html.starts_with("<!DOCTYPE html>") && html.contains("Kingston LSCB"),
            "{kind}"
        );
    }
    for format in formats() {
        let out = db.dir.path().join(format!("annual.{format}"));
        run_on(
            &file,
            &[
                "report",
                "annual",
                "--as-at",
                "2010-03-31",
                "--format",
                format,
                "--out",
                path_str(&out),
            ],
            "1270000000",
        )
        .ok();
        let bytes = std::fs::read(&out).expect("written");
        assert!(
            bytes.starts_with(magic(format)),
            "annual.{format} starts {:?}",
            &bytes[..8.min(bytes.len())]
        );
    }
}

#[test]
fn the_same_data_and_date_give_the_same_bytes_and_only_the_stamp_differs() {
    let db = fresh_db();
    let file = demo(&db);
    let mut list = vec!["docx", "html"];
    if cfg!(feature = "pdf") {
        list.push("pdf");
    }
    for format in list {
        let path = |n: &str| db.dir.path().join(format!("{n}.{format}"));
        for (name, epoch) in [
            ("a", "1253000000"),
            ("b", "1253000000"),
            ("c", "1300000000"),
        ] {
            run_on(
                &file,
                &[
                    "report",
                    "board-paper",
                    "--as-at",
                    "2009-09-16",
                    "--out",
                    path_str(&path(name)),
                ],
                epoch,
            )
            .ok();
        }
        let (a, b, c) = (
            std::fs::read(path("a")).unwrap(),
            std::fs::read(path("b")).unwrap(),
            std::fs::read(path("c")).unwrap(),
        );
        assert!(
            a == b,
            "{format}: the same data, date and stamp gave different bytes"
        );
        assert!(a != c, "{format}: the stamp is in the file");
    }
    let html = |n: &str| std::fs::read_to_string(db.dir.path().join(format!("{n}.html"))).unwrap();
    assert_eq!(
        html("a").replace("2009-09-15 07:33", "STAMP"),
        html("c").replace("2011-03-13 07:06", "STAMP"),
        "only the generated-at stamp differs"
    );
}

#[test]
fn the_calendar_holds_the_demos_board_meetings_and_deadlines() {
    let db = fresh_db();
    let file = demo(&db);
    let out = db.dir.path().join("board.ics");
    let run = run_on(
        &file,
        &["calendar", "--as-at", "2010-03-31", "--out", path_str(&out)],
        "1270000000",
    )
    .ok();
    assert!(run.stderr.contains("events to"), "{}", run.stderr);
    let ics = std::fs::read_to_string(&out).expect("written");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n") && ics.ends_with("END:VCALENDAR\r\n"));
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20090916\r\n"),
        "the September 2009 board meeting"
    );
    assert!(ics.contains("SUMMARY:Due: action 1.1 of "));
    assert!(ics.contains("DTSTAMP:20100331T014640Z\r\n"));
}

#[test]
fn a_plan_with_no_progress_gets_its_board_paper_on_either_database() {
    let db = fresh_db();
    db.import_sample();
    let out = db.dir.path().join("paper.csv");
    db.run(&[
        "report",
        "board-paper",
        "--as-at",
        &today(),
        "--out",
        path_str(&out),
    ])
    .ok();
    let csv = std::fs::read_to_string(&out).expect("written");
    assert!(
        csv.starts_with("Board meeting paper: progress on the improvement plan,Kingston LSCB,")
    );
    assert!(csv.contains("Every action of the plan as at"));
}

#[test]
fn a_bad_date_or_an_unknown_format_is_refused_saying_what_to_do() {
    let db = fresh_db();
    db.import_sample();
    let bad_date = db.run(&[
        "report",
        "annual",
        "--as-at",
        "2010-13-01",
        "--out",
        "a.pdf",
    ]);
    assert!(!bad_date.success);
    assert!(
        bad_date
            .stderr
            .contains("\"2010-13-01\" is not a date: write it as YYYY-MM-DD"),
        "{}",
        bad_date.stderr
    );
    let no_format = db.run(&["report", "annual", "--out", "annual.doc"]);
    assert!(!no_format.success);
    assert!(
        no_format
            .stderr
            .contains("cannot tell the format from the name annual.doc: add --format"),
        "{}",
        no_format.stderr
    );
    let before_import = db.run(&[
        "report",
        "annual",
        "--as-at",
        "1999-01-01",
        "--out",
        "a.html",
    ]);
    assert!(!before_import.success);
    assert!(
        before_import.stderr.contains("had no plan on 1999-01-01"),
        "{}",
        before_import.stderr
    );
}
