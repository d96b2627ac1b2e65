//! `boardplan token create`: a token printed once, alone on standard output, that the store
//! knows by its hash as the account's in that partnership; refused for someone who is not a
//! member, or who has no account.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{Db, Run, fresh_db, path_str};

const OTHER: &str = include_str!("../../formats/tests/fixtures/plan-text-variant-reordered.txt");
const KINGSTON: &str = "kingston-lscb";

/// Run `boardplan --db <db> ARGS` with `stdin` piped in.
fn run_with_stdin(db: &Db, args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_boardplan"))
        .arg("--db")
        .arg(&db.url)
        .args(args)
        .env_remove("BOARDPLAN_DATABASE_URL")
        .env_remove("BOARDPLAN_PARTNERSHIP")
        .env("BOARDPLAN_ACTOR", "test")
        .current_dir(db.dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run boardplan");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    Run::from(child.wait_with_output().expect("wait"))
}

fn add_user(db: &Db, partnership: &str, email: &str, role: &str) {
    run_with_stdin(
        db,
        &[
            "--partnership",
            partnership,
            "user",
            "add",
            email,
            "--role",
            role,
            "--password-stdin",
        ],
        "a long enough password",
    )
    .ok();
}

fn lookup(db: &Db, token: &str) -> Option<(String, String)> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let store = store::Store::connect(&db.url).await.expect("open");
        store
            .api_token(&web::auth::token::hash(token))
            .await
            .expect("look up")
            .map(|(account, slug)| (account.email, slug))
    })
}

#[test]
fn a_token_is_printed_once_alone_and_acts_as_its_account_in_its_partnership() {
    let db = fresh_db();
    db.import_sample();
    add_user(&db, KINGSTON, "lead@kingston.test", "lead_officer");
    let out = db
        .run(&[
            "token",
            "create",
            "lead@kingston.test",
            "--name",
            "weekly RAG script",
        ])
        .ok();
    let token = out.stdout.trim_end_matches('\n');
    assert!(!token.contains('\n'), "only the token on stdout: {token:?}");
    assert!(token.starts_with("bpt_"), "{token}");
    assert_eq!(token.len(), 4 + 64);
    assert!(out.stderr.contains("shown once"), "{}", out.stderr);
    assert_eq!(
        lookup(&db, token),
        Some(("lead@kingston.test".into(), KINGSTON.into()))
    );
    let second = db
        .run(&["token", "create", "lead@kingston.test", "--name", "another"])
        .ok();
    assert_ne!(second.stdout, out.stdout, "every token is new");
    assert_eq!(lookup(&db, "bpt_not-a-real-token"), None);
}

#[test]
fn no_token_is_made_for_an_unknown_account_or_for_a_partnership_it_is_not_in() {
    let db = fresh_db();
    db.import_sample();
    let other = db.file("riverford.txt", OTHER);
    db.run(&["import", path_str(&other)]).ok();
    let unknown = db
        .run(&[
            "--partnership",
            KINGSTON,
            "token",
            "create",
            "nobody@kingston.test",
            "--name",
            "x",
        ])
        .fails();
    assert!(unknown.stderr.contains("no account"), "{}", unknown.stderr);
    assert!(unknown.stdout.is_empty());
    let riverford = "riverford-safeguarding-children-partnership";
    add_user(&db, riverford, "admin@riverford.test", "administrator");
    let outsider = db
        .run(&[
            "--partnership",
            KINGSTON,
            "token",
            "create",
            "admin@riverford.test",
            "--name",
            "x",
        ])
        .fails();
    assert!(
        outsider.stderr.contains("not a member"),
        "{}",
        outsider.stderr
    );
    assert!(outsider.stdout.is_empty());
    let nameless = db
        .run(&[
            "--partnership",
            riverford,
            "token",
            "create",
            "admin@riverford.test",
            "--name",
            " ",
        ])
        .fails();
    assert!(nameless.stderr.contains("name"), "{}", nameless.stderr);
    db.run(&[
        "--partnership",
        riverford,
        "token",
        "create",
        "admin@riverford.test",
        "--name",
        "nightly export",
    ])
    .ok();
}
