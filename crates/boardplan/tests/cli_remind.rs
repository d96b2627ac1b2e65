//! `boardplan remind`: `--dry-run` lists what would go to whom and why, sending and recording
//! nothing; without it, the reminders are recorded and sent (to `--outbox DIR` as `.eml`
//! files, or to the SMTP server the configuration file names), each once.

use std::process::Command;

use serde_json::Value;

use crate::common::{Db, fresh_db, path_str};

const KINGSTON: &str = "kingston-lscb";
const AS_AT: &str = "2009-12-20";

fn with_people(db: &Db) {
    db.import_sample();
    db.run_with_stdin(
        &[
            "--partnership", KINGSTON, "user", "add", "lead@kingston.test", "--role",
            "lead_officer", "--holds", "chair-training", "--password-stdin",
        ],
        "a long enough password",
    )
    .ok();
    db.add_user(KINGSTON, "manager@kingston.test", "business_manager");
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
    with_people(&db);
    let head = db.run(&["audit", "head"]).ok().stdout;
    let out = db
        .run(&["remind", "--dry-run", "--as-at", AS_AT, "--json"])
        .ok()
        .stdout;
    let list: Vec<Value> = serde_json::from_str(&out).expect("JSON");
    let lead = list
        .iter()
        .find(|m| m["to"] == "lead@kingston.test" && m["kind"] == "due_soon")
        .unwrap_or_else(|| panic!("no due-soon reminder for the lead: {out}"));
    assert_eq!(lead["actions"], serde_json::json!(["16.1"]));
    assert!(lead["subject"].as_str().unwrap().contains("16.1"), "{lead}");
    assert!(lead["why"].as_str().unwrap().contains("lead role"), "{lead}");
    let digest = list
        .iter()
        .find(|m| m["kind"] == "weekly_digest")
        .expect("a digest");
    assert_eq!(digest["to"], "manager@kingston.test");
    // Nothing sent, nothing recorded: the same list again, the log as it was, no outbox.
    let again = db
        .run(&["remind", "--dry-run", "--as-at", AS_AT, "--json"])
        .ok()
        .stdout;
    assert_eq!(again, out);
    assert_eq!(db.run(&["audit", "head"]).ok().stdout, head);
    assert!(!db.dir.path().join("outbox").exists());
    let text = db.run(&["remind", "--dry-run", "--as-at", AS_AT]).ok().stdout;
    assert!(text.contains("To lead@kingston.test (due_soon)"), "{text}");
}

#[test]
fn reminders_go_to_the_outbox_folder_once() {
    let db = fresh_db();
    with_people(&db);
    let expected: Vec<Value> = serde_json::from_str(
        &db.run(&["remind", "--dry-run", "--as-at", AS_AT, "--json"])
            .ok()
            .stdout,
    )
    .unwrap();
    let dir = db.dir.path().join("mail");
    let out = db
        .run(&["remind", "--as-at", AS_AT, "--outbox", path_str(&dir), "--json"])
        .ok()
        .stdout;
    let done: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(done["queued"], expected.len());
    assert_eq!(done["sent"], expected.len());
    assert_eq!(eml_files(&dir).len(), expected.len());
    let again = db
        .run(&["remind", "--as-at", AS_AT, "--outbox", path_str(&dir)])
        .ok()
        .stdout;
    assert!(again.contains("Queued 0 message(s); sent 0"), "{again}");
    assert_eq!(eml_files(&dir).len(), expected.len());
    // With no mail server configured, the default folder is beside the database.
    let later: Value = serde_json::from_str(
        &db.run(&["remind", "--as-at", "2010-01-04", "--json"]).ok().stdout,
    )
    .unwrap();
    let digests = later["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["kind"] == "weekly_digest")
        .count();
    assert_eq!(digests, 1, "the next week's digest: {later}");
    let sent = later["sent"].as_u64().unwrap() as usize;
    assert_eq!(eml_files(&db.dir.path().join("outbox")).len(), sent);
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
    with_people(&db);
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
        .args(["remind", "--as-at", AS_AT, "--json"])
        .env("BOARDPLAN_SMTP_PASSWORD", "the smtp password")
        .env("BOARDPLAN_ACTOR", "test")
        .env_remove("BOARDPLAN_DATABASE_URL")
        .current_dir(db.dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    let done: Value = serde_json::from_str(&stdout).unwrap();
    let got = sink.received();
    assert_eq!(done["sent"].as_u64(), Some(got.len() as u64));
    assert!(!got.is_empty());
    assert!(got.iter().all(|m| m.contains("From: \"Kingston LSCB\" <lscb@kingston.test>")
        || m.contains("From: Kingston LSCB <lscb@kingston.test>")), "{}", got[0]);
    assert!(got.iter().any(|m| m.contains("https://boardplan.kingston.test/p/kingston-lscb/actions/16.1#update")));
    assert!(!db.dir.path().join("outbox").exists());
}
