//! `boardplan audit head` and `audit verify --expect`, end to end on the real binary (SQLite,
//! and PostgreSQL with `TEST_DATABASE_URL`): the database refuses to edit the log, and an
//! anchor written down earlier shows a log cut back or rewritten before it. `audit log` lists
//! who did what (after an id, of a kind, as JSON), security events included, never a secret.

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

const KINGSTON: &str = "kingston-lscb";

/// `audit log --json ARGS`, parsed.
fn log_json(db: &Db, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["audit", "log", "--json"];
    all.extend_from_slice(args);
    let out = db.run(&all).ok();
    serde_json::from_str(&out.stdout).expect("a JSON array")
}

/// Everything that decides who may act, done from the command line as actor "test": an
/// account added with a role, a token made with a last day, the token revoked, the account
/// disabled. Returns the token.
fn security_events(db: &Db) -> String {
    db.add_user(KINGSTON, "lead@kingston.test", "lead_officer");
    let token = db
        .run(&[
            "token",
            "create",
            "lead@kingston.test",
            "--name",
            "weekly RAG script",
            "--expires",
            "2099-03-31",
        ])
        .ok()
        .stdout
        .trim()
        .to_string();
    db.run(&["token", "revoke", "1"]).ok();
    db.run(&["user", "disable", "lead@kingston.test"]).ok();
    token
}

#[test]
fn log_lists_every_entry_with_who_did_what_and_json_has_exactly_its_five_keys() {
    let db = sample();
    let table = db.run(&["audit", "log"]).ok().stdout;
    let mut lines = table.lines();
    assert_eq!(lines.next(), Some("ID\tAT\tACTOR\tKIND\tWHAT"));
    let first: Vec<&str> = lines.next().expect("an entry").split('\t').collect();
    assert_eq!(first.len(), 5, "{first:?}");
    assert_eq!(first[0], "1");
    assert_eq!(first[2], "test");
    assert_eq!(first[3], "partnership");
    assert_eq!(first[4], format!("created {KINGSTON}"));

    let all = log_json(&db, &[]);
    assert_eq!(all.len(), table.lines().count() - 1, "one row per entry");
    for entry in &all {
        let mut keys: Vec<&str> = entry
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["actor", "at", "id", "kind", "what"]);
    }
    let ids: Vec<i64> = all.iter().map(|e| e["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "oldest first");
}

#[test]
fn log_since_an_id_lists_only_what_came_after_it() {
    let db = sample();
    let (_, id, _) = head(&db);
    let quiet = db.run(&["audit", "log", "--since", &id.to_string()]).ok();
    assert!(quiet.stdout.is_empty(), "{}", quiet.stdout);
    assert!(
        quiet
            .stderr
            .contains(&format!("no entries after entry {id}")),
        "{}",
        quiet.stderr
    );
    db.run(&["update", "4.1", "--rag", "red", "--note", "Stalled"])
        .ok();
    let new = log_json(&db, &["--since", &id.to_string()]);
    assert!(!new.is_empty());
    assert!(new.iter().all(|e| e["id"].as_i64().unwrap() > id));
    assert!(new.iter().any(|e| e["kind"] == "update"), "{new:?}");
    assert_eq!(
        log_json(&db, &[]).len(),
        log_json(&db, &["--since", "0"]).len()
    );
}

#[test]
fn every_security_event_is_in_the_log_with_its_actor_and_the_log_still_verifies() {
    let db = sample();
    let (_, before, _) = head(&db);
    let token = security_events(&db);
    let events: Vec<(String, String, String)> = log_json(&db, &["--since", &before.to_string()])
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_string(),
                e["actor"].as_str().unwrap().to_string(),
                e["what"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let lead = "lead@kingston.test";
    let key = format!("\"weekly RAG script\" for {lead} (token 1)");
    let kinds: Vec<&str> = events.iter().map(|(k, _, _)| k.as_str()).collect();
    assert_eq!(
        kinds,
        ["account", "membership", "api_token", "api_token", "account"]
    );
    assert!(
        events.iter().all(|(_, actor, _)| actor == "test"),
        "{events:?}"
    );
    assert_eq!(events[0].2, format!("created {lead}"));
    assert_eq!(events[2].2, format!("created {key}"));
    assert!(
        events[3]
            .2
            .starts_with(&format!("changed {key}: revoked_at none → ")),
        "{}",
        events[3].2
    );
    assert!(
        events[4]
            .2
            .starts_with(&format!("changed {lead}: disabled_at none → ")),
        "{}",
        events[4].2
    );
    // Neither the token nor any hash is in the log, whichever way it is printed.
    let hash = web::auth::token::hash(&token);
    for out in [
        db.run(&["audit", "log"]).ok().stdout,
        db.run(&["audit", "log", "--json"]).ok().stdout,
    ] {
        for secret in [&token[..], &token[4..], &hash[..], "$argon2"] {
            assert!(!out.contains(secret), "{secret} in the log");
        }
    }
    db.run(&["audit", "verify"]).ok();
}

#[test]
fn log_of_a_kind_lists_only_that_kind_and_an_unknown_kind_names_the_kinds_there_are() {
    let db = sample();
    security_events(&db);
    let tokens = log_json(&db, &["--kind", "api_token"]);
    assert_eq!(tokens.len(), 2);
    assert!(tokens.iter().all(|e| e["kind"] == "api_token"));
    let table = db.run(&["audit", "log", "--kind", "account"]).ok().stdout;
    let rows: Vec<&str> = table.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "{table}");
    assert!(rows.iter().all(|r| r.split('\t').nth(3) == Some("account")));
    let since = tokens[0]["id"].as_i64().unwrap().to_string();
    assert_eq!(
        log_json(&db, &["--kind", "api_token", "--since", &since]).len(),
        1
    );

    let help = db.run(&["audit", "log", "--help"]).ok().stdout;
    for kind in [
        "account",
        "membership",
        "api_token",
        "calendar_feed",
        "update",
    ] {
        assert!(help.contains(kind), "{kind} not in the help:\n{help}");
    }
    let typo = db
        .run(&["audit", "log", "--kind", "apitoken", "--json"])
        .ok();
    assert_eq!(typo.stdout.trim(), "[]");
    assert!(
        typo.stderr
            .contains("no entries of kind \"apitoken\"; it holds: account, action"),
        "{}",
        typo.stderr
    );
}

#[test]
fn disabling_an_account_twice_or_one_that_does_not_exist_is_refused() {
    let db = sample();
    db.add_user(KINGSTON, "lead@kingston.test", "lead_officer");
    db.run(&["user", "disable", "lead@kingston.test"]).ok();
    let before = db.snapshot();
    let again = db.run(&["user", "disable", "Lead@kingston.test"]).fails();
    assert!(
        again.stderr.contains("already disabled"),
        "{}",
        again.stderr
    );
    let nobody = db.run(&["user", "disable", "nobody@kingston.test"]).fails();
    assert!(nobody.stderr.contains("no account"), "{}", nobody.stderr);
    assert_eq!(db.snapshot(), before, "nothing changed");
    let refused = db
        .run(&["token", "create", "lead@kingston.test", "--name", "x"])
        .fails();
    assert!(refused.stderr.contains("disabled"), "{}", refused.stderr);
}
