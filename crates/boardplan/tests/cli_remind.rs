//! `boardplan remind`: `--dry-run` lists what would go to whom and why, sending and recording
//! nothing; without it, the reminders are recorded and sent (to `--outbox DIR` as `.eml`
//! files, or to the SMTP server the configuration file names), each once.

use std::process::Command;

use serde_json::Value;

use crate::common::{Db, fresh_db, path_str};

const KINGSTON: &str = "kingston-lscb";

/// Today, as `--as-at` takes it: reminders are for the plan as recorded by then, and the test
/// imports it now.
fn today() -> jiff::civil::Date {
    jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date()
}

/// The sample plan, its 16.1 (led by the training sub-group's chair) due in a week, and the
/// rest long overdue; a lead holding that role and a business manager.
fn with_people(db: &Db) -> String {
    db.import_sample();
    let due = today().checked_add(jiff::Span::new().days(7)).unwrap();
    let due = format!("{:02}/{:02}/{}", due.day(), due.month(), due.year());
    db.run(&["plan", "edit", "16.1", "--timescale", &due]).ok();
    db.run_with_stdin(
        &[
            "--partnership",
            KINGSTON,
            "user",
            "add",
            "lead@kingston.test",
            "--role",
            "lead_officer",
            "--holds",
            "chair-training",
            "--password-stdin",
        ],
        "a long enough password",
    )
    .ok();
    db.add_user(KINGSTON, "manager@kingston.test", "business_manager");
    today().to_string()
}

fn eml_files(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".eml"))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_dry_run_lists_each_message_to_whom_and_why_and_sends_and_records_nothing() {
    let db = fresh_db();
    let as_at = with_people(&db);
    let head = db.run(&["audit", "head"]).ok().stdout;
    let out = db
        .run(&["remind", "--dry-run", "--as-at", &as_at, "--json"])
        .ok()
        .stdout;
    let list: Vec<Value> = serde_json::from_str(&out).expect("JSON");
    let lead = list
        .iter()
        .find(|m| m["to"] == "lead@kingston.test" && m["kind"] == "due_soon")
        .unwrap_or_else(|| panic!("no due-soon reminder for the lead: {out}"));
    assert_eq!(lead["actions"], serde_json::json!(["16.1"]));
    assert!(lead["subject"].as_str().unwrap().contains("16.1"), "{lead}");
    assert!(
        lead["why"].as_str().unwrap().contains("lead role"),
        "{lead}"
    );
    let digest = list
        .iter()
        .find(|m| m["kind"] == "weekly_digest")
        .expect("a digest");
    assert_eq!(digest["to"], "manager@kingston.test");
    // Nothing sent, nothing recorded: the same list again, the log as it was, no outbox.
    let again = db
        .run(&["remind", "--dry-run", "--as-at", &as_at, "--json"])
        .ok()
        .stdout;
    assert_eq!(again, out);
    assert_eq!(db.run(&["audit", "head"]).ok().stdout, head);
    assert!(!db.dir.path().join("outbox").exists());
    let text = db
        .run(&["remind", "--dry-run", "--as-at", &as_at])
        .ok()
        .stdout;
    assert!(text.contains("To lead@kingston.test (due_soon)"), "{text}");
}

#[test]
fn reminders_go_to_the_outbox_folder_once() {
    let db = fresh_db();
    let as_at = with_people(&db);
    let expected: Vec<Value> = serde_json::from_str(
        &db.run(&["remind", "--dry-run", "--as-at", &as_at, "--json"])
            .ok()
            .stdout,
    )
    .unwrap();
    // With no mail server configured, they go to the folder beside the database.
    let out = db.run(&["remind", "--as-at", &as_at, "--json"]).ok().stdout;
    let done: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(done["queued"], expected.len());
    assert_eq!(done["sent"], expected.len());
    let outbox = db.dir.path().join("outbox");
    assert_eq!(eml_files(&outbox).len(), expected.len());
    let eml = std::fs::read_to_string(outbox.join(&eml_files(&outbox)[0])).unwrap();
    assert!(eml.contains("/unsubscribe/"), "{eml}");
    // Recorded as sent: again, to another folder, nothing goes.
    let dir = db.dir.path().join("mail");
    let again = db
        .run(&["remind", "--as-at", &as_at, "--outbox", path_str(&dir)])
        .ok()
        .stdout;
    assert!(again.contains("Queued 0 message(s); sent 0"), "{again}");
    assert!(eml_files(&dir).is_empty());
    assert_eq!(eml_files(&outbox).len(), expected.len());
}

#[test]
fn reminders_can_be_written_to_a_folder_of_ones_choosing() {
    let db = fresh_db();
    let as_at = with_people(&db);
    let dir = db.dir.path().join("mail");
    let out = db
        .run(&[
            "remind",
            "--as-at",
            &as_at,
            "--outbox",
            path_str(&dir),
            "--json",
        ])
        .ok()
        .stdout;
    let done: Value = serde_json::from_str(&out).unwrap();
    assert!(done["sent"].as_u64().unwrap() > 0, "{done}");
    assert_eq!(eml_files(&dir).len() as u64, done["sent"].as_u64().unwrap());
    assert!(!db.dir.path().join("outbox").exists());
}

#[test]
fn with_an_smtp_server_configured_reminders_are_sent_to_it() {
    let mail = tempfile::tempdir().unwrap();
    let Some(sink) = testkit::smtp::SmtpSink::start(
        "remind over SMTP",
        mail.path(),
        Some(("boardplan", "the smtp password")),
    ) else {
        return;
    };
    let db = fresh_db();
    let as_at = with_people(&db);
    let config = db.file(
        "boardplan.toml",
        format!(
            "[mail]\nsmtp_host = \"127.0.0.1\"\nsmtp_port = {}\nsmtp_tls = \"none\"\n\
             smtp_username = \"boardplan\"\nfrom = \"Kingston LSCB <lscb@kingston.test>\"\n\
             base_url = \"https://boardplan.kingston.test\"\n",
            sink.port
        ),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_boardplan"))
        .args(["--db", &db.url, "--config", path_str(&config)])
        .args(["remind", "--as-at", &as_at, "--json"])
        .env("BOARDPLAN_SMTP_PASSWORD", "the smtp password")
        .env("BOARDPLAN_ACTOR", "test")
        .env_remove("BOARDPLAN_DATABASE_URL")
        .current_dir(db.dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let done: Value = serde_json::from_str(&stdout).unwrap();
    let got = sink.received();
    assert_eq!(done["sent"].as_u64(), Some(got.len() as u64));
    assert!(!got.is_empty());
    assert!(
        got.iter().all(
            |m| m.contains("From: \"Kingston LSCB\" <lscb@kingston.test>")
                || m.contains("From: Kingston LSCB <lscb@kingston.test>")
        ),
        "{}",
        got[0]
    );
    // Quoted-printable: soft line breaks joined again.
    let bodies: Vec<String> = got
        .iter()
        .map(|m| m.replace("=\r\n", "").replace("=3D", "="))
        .collect();
    let link = "https://boardplan.kingston.test/p/kingston-lscb/actions/16.1#update";
    assert!(bodies.iter().any(|m| m.contains(link)), "{}", bodies[0]);
    assert!(!db.dir.path().join("outbox").exists());
}

#[test]
fn the_notice_is_a_setting_of_the_partnership_and_a_bad_value_changes_nothing() {
    let db = fresh_db();
    let as_at = with_people(&db);
    let due_soon = |db: &Db| -> usize {
        let out = db
            .run(&["remind", "--dry-run", "--as-at", &as_at, "--json"])
            .ok()
            .stdout;
        let list: Vec<Value> = serde_json::from_str(&out).unwrap();
        list.iter().filter(|m| m["kind"] == "due_soon").count()
    };
    assert_eq!(due_soon(&db), 1, "16.1 is due within the default 14 days");
    let shown = db
        .run(&["remind", "settings", "--due-within", "3"])
        .ok()
        .stdout;
    assert!(shown.contains("3 days before a due date"), "{shown}");
    assert_eq!(due_soon(&db), 0, "but not within 3");
    let before = db.run(&["audit", "head"]).ok().stdout;
    let bad = db.run(&["remind", "settings", "--due-within", "0"]).fails();
    assert!(bad.stderr.contains("1 to 366 days"), "{}", bad.stderr);
    let bad = db
        .run(&["remind", "settings", "--digest-day", "someday"])
        .fails();
    assert!(bad.stderr.contains("--digest-day"), "{}", bad.stderr);
    let bad = db
        .run(&["remind", "--dry-run", "--as-at", "2090-01-01"])
        .fails();
    assert!(bad.stderr.contains("--as-at"), "{}", bad.stderr);
    assert_eq!(db.run(&["audit", "head"]).ok().stdout, before);
    let json: Value =
        serde_json::from_str(&db.run(&["remind", "settings", "--json"]).ok().stdout).unwrap();
    assert_eq!(json["due_within_days"], 3);
    assert_eq!(json["digest_weekday"], "monday");
}

#[test]
fn a_dry_run_lists_document_reviews_and_section_11_returns_outstanding() {
    let db = fresh_db();
    let as_at = with_people(&db);
    let in_days = |n: i64| {
        today()
            .checked_add(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let review = in_days(5);
    db.run(&[
        "doc",
        "add",
        "--kind",
        "protocol",
        "--title",
        "Escalation protocol",
        "--owner",
        "chair-training",
        "--review-due",
        &review,
    ])
    .ok();
    // Beyond the notice: not listed.
    db.run(&[
        "doc",
        "add",
        "--kind",
        "plan",
        "--title",
        "Engagement plan",
        "--owner",
        "chair-training",
        "--review-due",
        &in_days(60),
    ])
    .ok();
    let csv = db.file(
        "standards.csv",
        "number,title\n1,Senior commitment\n2,Training\n",
    );
    let year = today().year().to_string();
    let due = in_days(10);
    db.run(&[
        "s11",
        "cycle",
        "add",
        &year,
        "--standards",
        path_str(&csv),
        "--due",
        &due,
    ])
    .ok();
    db.run(&[
        "member",
        "add",
        "Lee Lead",
        "--board-role",
        "member",
        "--agency",
        "CAFCASS",
        "--account",
        "lead@kingston.test",
    ])
    .ok();
    let out = db
        .run(&["remind", "--dry-run", "--as-at", &as_at, "--json"])
        .ok()
        .stdout;
    let list: Vec<Value> = serde_json::from_str(&out).expect("JSON");
    let review_msg = list
        .iter()
        .find(|m| m["kind"] == "document_review")
        .unwrap_or_else(|| panic!("no document review: {out}"));
    assert_eq!(review_msg["to"], "lead@kingston.test");
    assert_eq!(
        review_msg["documents"].as_array().unwrap().len(),
        1,
        "{review_msg}"
    );
    assert_eq!(review_msg["documents"][0]["title"], "Escalation protocol");
    assert_eq!(review_msg["documents"][0]["review_due"], review.as_str());
    assert!(
        review_msg["subject"]
            .as_str()
            .unwrap()
            .contains("Escalation protocol"),
        "{review_msg}"
    );
    let s11: Vec<&Value> = list
        .iter()
        .filter(|m| m["kind"] == "section11_outstanding")
        .collect();
    let lead = s11
        .iter()
        .find(|m| m["to"] == "lead@kingston.test")
        .unwrap_or_else(|| panic!("no return reminder for the lead: {out}"));
    assert_eq!(lead["returns"][0]["agency"], "CAFCASS");
    assert_eq!(lead["returns"][0]["unrated"], 2);
    assert_eq!(lead["returns"][0]["due"], due.as_str());
    let manager = s11
        .iter()
        .find(|m| m["to"] == "manager@kingston.test")
        .unwrap_or_else(|| panic!("the other agencies go to the manager: {out}"));
    assert!(
        manager["returns"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["agency"] != "CAFCASS"),
        "{manager}"
    );
    let text = db
        .run(&["remind", "--dry-run", "--as-at", &as_at])
        .ok()
        .stdout;
    assert!(
        text.contains(&format!(
            "document: Escalation protocol (review due {review})"
        )),
        "{text}"
    );
    assert!(
        text.contains(&format!("Section 11 return: CAFCASS, cycle {year}")),
        "{text}"
    );
}

#[test]
fn the_demo_at_its_opening_date_has_document_reviews_and_section_11_returns_to_remind_of() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("demo.db");
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_boardplan"))
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
    let out = run(&[
        "--db",
        path_str(&file),
        "remind",
        "--dry-run",
        "--as-at",
        "2010-03-31",
        "--json",
    ]);
    let list: Vec<Value> = serde_json::from_str(&out).expect("JSON");
    let reviews: Vec<&Value> = list
        .iter()
        .filter(|m| m["kind"] == "document_review")
        .collect();
    assert!(!reviews.is_empty(), "no document review: {out}");
    assert!(
        reviews
            .iter()
            .all(|m| !m["documents"].as_array().unwrap().is_empty()),
        "{out}"
    );
    let returns = list
        .iter()
        .find(|m| m["kind"] == "section11_outstanding" && m["to"] == "lead@demo.test")
        .unwrap_or_else(|| panic!("no Section 11 reminder to the demo lead officer: {out}"));
    assert_eq!(returns["returns"][0]["cycle"], 2011, "{returns}");
    assert_eq!(returns["returns"][0]["due"], "2010-04-09", "{returns}");
}
