//! `boardplan token create`: a token printed once, alone on standard output, that the store
//! knows by its hash as the account's in that partnership; refused for someone who is not a
//! member, or who has no account. `token list` shows tokens but never a token or its hash;
//! `token revoke` stops exactly one, by id or by name and account, and logs it.

use crate::common::{Db, fresh_db, path_str};

const OTHER: &str = include_str!("../../formats/tests/fixtures/plan-text-variant-reordered.txt");
const KINGSTON: &str = "kingston-lscb";

fn block_on<T>(f: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime")
        .block_on(f)
}

fn lookup(db: &Db, token: &str) -> Option<(String, String)> {
    block_on(async {
        let store = store::Store::connect(&db.url).await.expect("open");
        store
            .api_token(&web::auth::token::hash(token), jiff::Timestamp::now())
            .await
            .expect("look up")
            .map(|(account, slug)| (account.email, slug))
    })
}

#[test]
fn a_token_is_printed_once_alone_and_acts_as_its_account_in_its_partnership() {
    let db = fresh_db();
    db.import_sample();
    db.add_user(KINGSTON, "lead@kingston.test", "lead_officer");
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
    db.add_user(riverford, "admin@riverford.test", "administrator");
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

fn create(db: &Db, email: &str, name: &str) -> String {
    db.run(&["token", "create", email, "--name", name])
        .ok()
        .stdout
        .trim()
        .to_string()
}

fn listed(db: &Db, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["token", "list", "--json"];
    all.extend_from_slice(args);
    let out = db.run(&all).ok();
    serde_json::from_str::<Vec<serde_json::Value>>(&out.stdout).expect("JSON list")
}

#[test]
fn tokens_are_listed_with_whose_and_what_for_but_never_the_token_or_its_hash() {
    let db = fresh_db();
    db.import_sample();
    db.add_user(KINGSTON, "lead@kingston.test", "lead_officer");
    let token = create(&db, "lead@kingston.test", "weekly RAG script");
    let table = db.run(&["token", "list"]).ok().stdout;
    let hash = web::auth::token::hash(&token);
    for secret in [&token[..], &token[4..], &hash[..]] {
        assert!(!table.contains(secret), "{table}");
    }
    let row = table.lines().nth(1).expect("a row");
    for want in ["lead@kingston.test", KINGSTON, "weekly RAG script", "\tno"] {
        assert!(row.contains(want), "{want} in {row}");
    }
    let json = listed(&db, &["--partnership", KINGSTON]);
    assert_eq!(json.len(), 1);
    assert_eq!(json[0]["account"], "lead@kingston.test");
    assert_eq!(json[0]["partnership"], KINGSTON);
    assert_eq!(json[0]["name"], "weekly RAG script");
    assert!(json[0]["created_at"].as_str().unwrap().ends_with('Z'));
    assert!(json[0]["revoked_at"].is_null());
    let text = serde_json::to_string(&json).unwrap();
    assert!(!text.contains(&hash) && !text.contains(&token[4..]));
    let unknown = db
        .run(&["--partnership", "nowhere", "token", "list"])
        .fails();
    assert!(
        unknown.stderr.contains("no partnership called \"nowhere\""),
        "{}",
        unknown.stderr
    );
}

#[test]
fn a_revoked_token_stops_at_once_and_the_change_log_says_who_revoked_it() {
    let db = fresh_db();
    db.import_sample();
    db.add_user(KINGSTON, "lead@kingston.test", "lead_officer");
    db.add_user(KINGSTON, "manager@kingston.test", "business_manager");
    let leaked = create(&db, "lead@kingston.test", "weekly RAG script");
    let export = create(&db, "manager@kingston.test", "export");
    let id = listed(&db, &[])[0]["id"].as_i64().unwrap().to_string();
    let out = db.run(&["token", "revoke", &id]).ok();
    assert!(out.stdout.contains("weekly RAG script"), "{}", out.stdout);
    assert_eq!(lookup(&db, &leaked), None, "refused at once");
    assert!(lookup(&db, &export).is_some(), "only that one");
    let json = listed(&db, &[]);
    assert!(json[0]["revoked_at"].as_str().unwrap().ends_with('Z'));
    assert!(json[1]["revoked_at"].is_null());
    let again = db.run(&["token", "revoke", &id]).fails();
    assert!(again.stderr.contains("already revoked"), "{}", again.stderr);

    db.run(&[
        "token",
        "revoke",
        "--name",
        "export",
        "--email",
        "Manager@kingston.test",
    ])
    .ok();
    assert_eq!(lookup(&db, &export), None);

    let log = block_on(async {
        let store = store::Store::connect(&db.url).await.expect("open");
        store.change_log(KINGSTON).await.expect("log")
    });
    let revocations: Vec<_> = log
        .iter()
        .filter(|c| c.entity == "api_token" && c.op == store::ChangeOp::Update)
        .collect();
    assert_eq!(revocations.len(), 2);
    assert_eq!(revocations[0].actor, "test");
    assert!(revocations[0].entity_key.contains("weekly RAG script"));
    db.run(&["audit", "verify"]).ok();
}

#[test]
fn an_unknown_or_ambiguous_choice_revokes_nothing_and_says_how_to_choose() {
    let db = fresh_db();
    db.import_sample();
    db.add_user(KINGSTON, "lead@kingston.test", "lead_officer");
    let first = create(&db, "lead@kingston.test", "script");
    let second = create(&db, "lead@kingston.test", "script");
    let before = db.snapshot();

    let ambiguous = db
        .run(&[
            "token",
            "revoke",
            "--name",
            "script",
            "--email",
            "lead@kingston.test",
        ])
        .fails();
    assert!(
        ambiguous.stderr.contains("revoke one by its id"),
        "{}",
        ambiguous.stderr
    );
    let unknown = db.run(&["token", "revoke", "9999"]).fails();
    assert!(
        unknown.stderr.contains("boardplan token list"),
        "{}",
        unknown.stderr
    );
    let unnamed = db
        .run(&[
            "token",
            "revoke",
            "--name",
            "nope",
            "--email",
            "lead@kingston.test",
        ])
        .fails();
    assert!(
        unnamed.stderr.contains("no API token named"),
        "{}",
        unnamed.stderr
    );
    let elsewhere = db
        .run(&["--partnership", "nowhere", "token", "revoke", "1"])
        .fails();
    assert!(
        elsewhere.stderr.contains("no partnership"),
        "{}",
        elsewhere.stderr
    );
    let neither = db.run(&["token", "revoke"]).fails();
    assert!(neither.stderr.contains("--name"), "{}", neither.stderr);
    let half = db.run(&["token", "revoke", "--name", "script"]).fails();
    assert!(half.stderr.contains("--email"), "{}", half.stderr);

    assert!(lookup(&db, &first).is_some() && lookup(&db, &second).is_some());
    assert_eq!(db.snapshot(), before, "nothing changed");
    assert!(listed(&db, &[]).iter().all(|t| t["revoked_at"].is_null()));
}

#[test]
fn a_token_can_be_given_a_last_day_which_the_listing_shows_and_one_past_is_refused() {
    let db = fresh_db();
    db.import_sample();
    db.add_user(KINGSTON, "lead@kingston.test", "lead_officer");
    let help = db.run(&["token", "create", "--help"]).ok().stdout;
    assert!(help.contains("Europe/London"), "{help}");
    let out = db
        .run(&[
            "token",
            "create",
            "lead@kingston.test",
            "--name",
            "year-end export",
            "--expires",
            "2099-03-31",
        ])
        .ok();
    assert!(
        out.stderr
            .contains("works until the end of 2099-03-31 (UK time)"),
        "{}",
        out.stderr
    );
    assert!(lookup(&db, out.stdout.trim()).is_some());
    create(&db, "lead@kingston.test", "weekly RAG script");
    let json = listed(&db, &[]);
    assert_eq!(json[0]["expires"], "2099-03-31");
    assert!(json[1]["expires"].is_null());
    let table = db.run(&["token", "list"]).ok().stdout;
    assert!(
        table.lines().next().unwrap().contains("\tEXPIRES\t"),
        "{table}"
    );
    assert!(
        table.lines().nth(1).unwrap().contains("\t2099-03-31\t"),
        "{table}"
    );
    assert!(
        table.lines().nth(2).unwrap().contains("\tnever\t"),
        "{table}"
    );

    let before = db.snapshot();
    let past = db
        .run(&[
            "token",
            "create",
            "lead@kingston.test",
            "--name",
            "late",
            "--expires",
            "2020-01-01",
        ])
        .fails();
    assert!(
        past.stderr
            .contains("the end of 2020-01-01, which has passed"),
        "{}",
        past.stderr
    );
    assert!(past.stdout.is_empty());
    let garbled = db
        .run(&[
            "token",
            "create",
            "lead@kingston.test",
            "--name",
            "late",
            "--expires",
            "31/03/2027",
        ])
        .fails();
    assert!(garbled.stderr.contains("YYYY-MM-DD"), "{}", garbled.stderr);
    assert_eq!(listed(&db, &[]).len(), 2, "no token made");
    assert_eq!(db.snapshot(), before, "nothing logged");
}
