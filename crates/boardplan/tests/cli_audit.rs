//! `boardplan audit head` and `audit verify --expect`, end to end on the real binary (SQLite,
//! and PostgreSQL with `TEST_DATABASE_URL`): the database refuses to edit the log, and an
//! anchor written down earlier shows a log cut back or rewritten before it.

use crate::common::{Db, fresh_db};

fn sample() -> Db {
    let db = fresh_db();
    db.import_sample();
    db
}

/// `audit head`'s anchor, split into its id and hash.
fn head(db: &Db) -> (String, i64, String) {
    let out = db.run(&["audit", "head"]).ok();
    let anchor = out.stdout.trim().to_string();
    assert!(
        out.stderr.contains("Write it into the minutes"),
        "{}",
        out.stderr
    );
    let (id, hash) = anchor.split_once(':').expect("ID:HASH");
    assert_eq!(hash.len(), 64, "{anchor}");
    (anchor.clone(), id.parse().expect("an id"), hash.to_string())
}

#[test]
fn head_prints_the_newest_entry_which_verify_then_expects() {
    let db = sample();
    let (anchor, id, hash) = head(&db);
    let out = db.run(&["audit", "verify", "--expect", &anchor]).ok();
    assert!(
        out.stdout
            .contains(&format!("entry {id} matches the anchor written down")),
        "{}",
        out.stdout
    );
    // Written down short, as in the minutes; and still good once the log has grown.
    db.run(&["update", "4.1", "--rag", "red", "--note", "Stalled"])
        .ok();
    let (newer, _, _) = head(&db);
    assert_ne!(newer, anchor);
    let short = format!("{id}:{}", &hash[..16]);
    db.run(&["audit", "verify", "--expect", &short]).ok();
}

#[test]
fn the_database_refuses_to_edit_or_delete_the_log_and_it_still_verifies() {
    let db = sample();
    let (anchor, id, _) = head(&db);
    for sql in [
        format!("UPDATE change_log SET actor = 'mallory' WHERE id = {id}"),
        format!("DELETE FROM change_log WHERE id = {id}"),
    ] {
        let err = db.raw(std::slice::from_ref(&sql)).expect_err(&sql);
        assert!(err.contains("the change log is append-only"), "{err}");
    }
    db.run(&["audit", "verify", "--expect", &anchor]).ok();
}

#[test]
fn verify_expecting_an_entry_cut_off_the_tail_names_it() {
    let db = sample();
    let (anchor, id, _) = head(&db);
    let mut attack = db.drop_change_log_triggers();
    attack.push(format!("DELETE FROM change_log WHERE id >= {}", id - 2));
    db.raw(&attack).expect("an attacker with DDL rights");
    // The chain that is left still links up: only the anchor shows the cut.
    db.run(&["audit", "verify"]).ok();
    let out = db.run(&["audit", "verify", "--expect", &anchor]).fails();
    assert!(
        out.stderr.contains(&format!(
            "has been cut back: entry {id} (written down as {anchor})"
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn verify_expecting_an_entry_whose_hash_changed_names_it() {
    let db = sample();
    let (_, id, hash) = head(&db);
    let wrong = format!("{id}:{}", "0".repeat(16));
    let out = db.run(&["audit", "verify", "--expect", &wrong]).fails();
    assert!(
        out.stderr.contains(&format!(
            "has been rewritten: entry {id} has the hash {hash}, not 0000000000000000"
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn an_anchor_that_is_not_id_colon_hash_is_refused_with_the_form_to_use() {
    let db = sample();
    let out = db.run(&["audit", "verify", "--expect", "12:abc"]).fails();
    assert!(out.stderr.contains("ID:HASH"), "{}", out.stderr);
}

#[test]
fn the_board_paper_prints_the_anchor_that_audit_head_gives() {
    let db = sample();
    let (_, id, hash) = head(&db);
    db.run(&["report", "board-paper", "--out", "paper.html"])
        .ok();
    let html = std::fs::read_to_string(db.dir.path().join("paper.html")).expect("the paper");
    let line = format!("change log: entry {id}, fingerprint {}", &hash[..16]);
    assert!(html.contains(&line), "{line} not in the paper");
    // The fingerprint is enough for verify, as written on the paper.
    db.run(&[
        "audit",
        "verify",
        "--expect",
        &format!("{id}:{}", &hash[..16]),
    ])
    .ok();
}
