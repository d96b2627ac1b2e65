//! `boardplan doc add|list|show|version add|approve|supersede` and `boardplan induction …`
//! (issue #12, items 6, 1 and 12): the exact commands and flags, the `--json` shape (the
//! API's), a bad file refused naming the file and the fix with nothing written, and every
//! change in the change log with its actor.

use serde_json::Value;

use crate::common::{Db, fresh_db, path_str};

const KINGSTON: &str = "kingston-lscb";
const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

fn log_len(db: &Db) -> usize {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(async {
            let store = store::Store::connect(&db.url).await.expect("open");
            store
                .change_log(KINGSTON)
                .await
                .expect("read the log")
                .len()
        })
}

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

fn list(db: &Db, extra: &[&str]) -> Value {
    let mut args = vec!["doc", "list", "--json"];
    args.extend_from_slice(extra);
    let out = db.run(&args).ok().stdout;
    serde_json::from_str(&out).expect("JSON")
}

#[test]
fn a_document_added_with_its_file_is_listed_in_the_apis_shape_and_logged_with_its_actor() {
    let db = fresh_db();
    db.import_sample();
    let file = db.file("training-strategy.pdf", PDF);
    let out = db
        .run(&[
            "--actor",
            "Business Manager",
            "doc",
            "add",
            "--kind",
            "strategy",
            "--title",
            "Training strategy",
            "--owner",
            "chair-training",
            "--review-due",
            "2010-03-31",
            "--file",
            path_str(&file),
        ])
        .ok()
        .stdout;
    assert!(
        out.contains("Added document 1 \"Training strategy\""),
        "{out}"
    );
    assert!(out.contains("training-strategy.pdf as version 1"), "{out}");
    assert_eq!(
        last_change(&db),
        (
            "document_version".into(),
            "Training strategy v1".into(),
            "Business Manager".into()
        )
    );
    db.run(&[
        "doc",
        "add",
        "--kind",
        "plan",
        "--title",
        "Communications plan",
        "--owner",
        "chair-training",
        "--review-due",
        "2011-03-31",
    ])
    .ok();

    let all = list(&db, &["--as-at", "2010-04-01"]);
    assert_eq!(all["as_at"], "2010-04-01");
    let items = all["items"].as_array().expect("items");
    assert_eq!(items.len(), 2);
    let due = list(&db, &["--due-before", "2010-06-30"]);
    let due = due["items"].as_array().expect("items");
    assert_eq!(due.len(), 1);
    let d = &due[0];
    let mut keys: Vec<&str> = d.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "approved",
            "href",
            "id",
            "kind",
            "owner",
            "owner_title",
            "review_due",
            "status",
            "subgroup",
            "superseded_on",
            "title",
            "version",
            "versions"
        ]
    );
    assert_eq!(d["title"], "Training strategy");
    assert_eq!(d["kind"], "strategy");
    assert_eq!(d["status"], "draft");
    assert_eq!(d["versions"][0]["name"], "training-strategy.pdf");
    assert_eq!(
        d["href"],
        format!("/api/v1/partnerships/{KINGSTON}/documents/1")
    );

    let out = db.run(&["doc", "list"]).ok().stdout;
    assert!(
        out.contains("Training strategy") && out.contains("Communications plan"),
        "{out}"
    );
}

#[test]
fn a_version_and_an_approval_at_a_meeting_make_it_approved_then_due_for_review() {
    let db = fresh_db();
    db.import_sample();
    db.run(&[
        "doc",
        "add",
        "--kind",
        "terms-of-reference",
        "--title",
        "Training ToR",
        "--owner",
        "chair-training",
        "--subgroup",
        "training",
    ])
    .ok();
    let v2 = db.file("tor-v2.pdf", PDF);
    let out = db
        .run(&[
            "doc",
            "version",
            "add",
            "Training ToR",
            "--file",
            path_str(&v2),
            "--note",
            "Quorum added",
        ])
        .ok()
        .stdout;
    assert!(out.contains("as version 1"), "{out}");
    // No meeting on that day yet: refused, naming the fix.
    let e = db
        .run(&["doc", "approve", "1", "--meeting", "2009-09-16"])
        .fails()
        .stderr;
    assert!(e.contains("boardplan meeting add 2009-09-16"), "{e}");
    db.run(&["meeting", "add", "2009-09-16"]).ok();
    let out = db
        .run(&[
            "doc",
            "approve",
            "1",
            "--meeting",
            "2009-09-16",
            "--review-due",
            "2010-09-16",
        ])
        .ok()
        .stdout;
    assert!(out.contains("next review due 2010-09-16"), "{out}");
    let show = |at: &str| -> Value {
        let out = db
            .run(&["doc", "show", "1", "--json", "--as-at", at])
            .ok()
            .stdout;
        serde_json::from_str(&out).expect("JSON")
    };
    let d = show("2010-01-01");
    assert_eq!(d["status"], "approved");
    assert_eq!(d["approved"]["meeting_date"], "2009-09-16");
    assert_eq!(d["approved"]["version"], 1);
    assert_eq!(d["subgroup"], "Training");
    assert_eq!(d["versions"][0]["note"], "Quorum added");
    assert_eq!(show("2010-09-16")["status"], "due_for_review");
    db.run(&["doc", "supersede", "1", "--on", "2010-10-01"])
        .ok();
    assert_eq!(show("2010-10-01")["status"], "superseded");
}

#[test]
fn a_bad_file_or_kind_or_owner_is_refused_naming_the_place_and_the_fix_and_writes_nothing() {
    let db = fresh_db();
    db.import_sample();
    let before = log_len(&db);
    let bad = db.file("strategy.html", "<html><script>alert(1)</script></html>");
    let e = db
        .run(&[
            "doc",
            "add",
            "--kind",
            "strategy",
            "--title",
            "T",
            "--owner",
            "chair-training",
            "--file",
            path_str(&bad),
        ])
        .fails()
        .stderr;
    assert!(
        e.contains("strategy.html") && e.contains("save it as PDF"),
        "{e}"
    );
    let e = db
        .run(&[
            "doc",
            "add",
            "--kind",
            "memo",
            "--title",
            "T",
            "--owner",
            "chair-training",
        ])
        .fails()
        .stderr;
    assert!(
        e.contains("--kind") && e.contains("learning-briefing"),
        "{e}"
    );
    let e = db
        .run(&[
            "doc",
            "add",
            "--kind",
            "plan",
            "--title",
            "T",
            "--owner",
            "treasurer",
        ])
        .fails()
        .stderr;
    assert!(e.contains("--owner"), "{e}");
    let e = db
        .run(&["doc", "list", "--due-before", "31/03/2010"])
        .fails()
        .stderr;
    assert!(
        e.contains("--due-before") && e.contains("YYYY-MM-DD"),
        "{e}"
    );
    assert_eq!(log_len(&db), before);
    assert!(list(&db, &[])["items"].as_array().unwrap().is_empty());
}

#[test]
fn induction_items_completions_and_job_descriptions_are_recorded_and_shown() {
    let db = fresh_db();
    db.import_sample();
    db.run(&["member", "add", "Ann Lee", "--board-role", "member"])
        .ok();
    db.run(&["induction", "item", "add", "Met the chair"]).ok();
    db.run(&["induction", "item", "add", "Read the business plan"])
        .ok();
    db.run(&[
        "--actor",
        "bm",
        "induction",
        "done",
        "ann lee",
        "--item",
        "met the chair",
        "--on",
        "2009-05-01",
    ])
    .ok();
    db.run(&[
        "induction",
        "job-description",
        "Ann Lee",
        "--on",
        "2009-05-02",
    ])
    .ok();
    let e = db
        .run(&["induction", "done", "Ann Lee", "--item", "Met the mayor"])
        .fails()
        .stderr;
    assert!(e.contains("boardplan induction item add"), "{e}");
    let out = db.run(&["induction", "show", "--json"]).ok().stdout;
    let v: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["items"][1], "Read the business plan");
    let ann = &v["people"][0];
    assert_eq!(ann["name"], "Ann Lee");
    assert_eq!(ann["done"][0]["done_on"], "2009-05-01");
    assert_eq!(ann["done"][1]["done_on"], Value::Null);
    assert_eq!(ann["job_description_acknowledged"], "2009-05-02");
    let out = db.run(&["induction", "show"]).ok().stdout;
    assert!(out.contains("1 of 2 done"), "{out}");
}
