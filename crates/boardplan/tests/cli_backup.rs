//! The operator's kit for data, through the real binary: `backup` while the server serves and
//! takes writes through its API, `restore` into an empty SQLite file and into an empty
//! database of the test's back end (PostgreSQL with `TEST_DATABASE_URL`), `migrate --to` from
//! SQLite, and the refusals that change nothing. After each copy `audit verify` passes and
//! `export` is the same as the source's.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};

use crate::common::{Run, Server, fresh_db, path_str};

const KINGSTON: &str = "kingston-lscb";

/// `boardplan --db DB ARGS` in `dir`, with `stdin` piped in when given.
fn bp(db: &str, dir: &Path, args: &[&str], stdin: Option<&str>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_boardplan"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("BOARDPLAN_DATABASE_URL")
        .env_remove("BOARDPLAN_PARTNERSHIP")
        .env("BOARDPLAN_ACTOR", "test")
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run boardplan");
    let mut input = child.stdin.take().expect("stdin");
    if let Some(text) = stdin {
        input.write_all(text.as_bytes()).expect("write stdin");
    }
    drop(input);
    Run::from(child.wait_with_output().expect("wait"))
}

/// The demo database, built in `dir`.
fn demo(dir: &Path) -> String {
    let file = dir.join("demo.db");
    Run::from(
        Command::new(env!("CARGO_BIN_EXE_boardplan"))
            .args(["demo", "--no-serve", "--file"])
            .arg(&file)
            .current_dir(dir)
            .output()
            .expect("run demo"),
    )
    .ok();
    path_str(&file).to_string()
}

/// What must be the same in a copy: the whole partnership as JSON, the change log's head and
/// the story of the action the tests write to.
fn contents(db: &str, dir: &Path) -> (String, String, String) {
    let export = bp(db, dir, &["export", "--format", "json"], None).ok();
    let head = bp(db, dir, &["audit", "head"], None).ok();
    let history = bp(db, dir, &["history", "4.1"], None).ok();
    (export.stdout, head.stdout, history.stdout)
}

fn verifies(db: &str, dir: &Path) {
    let out = bp(db, dir, &["audit", "verify"], None).ok().stdout;
    assert!(out.contains("is intact"), "{out}");
}

fn serve(db: &str, dir: &Path) -> (Server, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_boardplan"))
        .arg("--db")
        .arg(db)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env_remove("BOARDPLAN_DATABASE_URL")
        .env_remove("BOARDPLAN_PARTNERSHIP")
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start boardplan serve");
    Server::started(child)
}

fn request(addr: &str, head: &str, body: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "{head}\r\nHost: test\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

/// Post `n` updates to action 4.1 through the API, each after reading its ETag; say so on
/// `first` once the first is written.
fn post_updates(addr: &str, token: &str, n: usize, first: std::sync::mpsc::Sender<()>) {
    let action = format!("/api/v1/partnerships/{KINGSTON}/actions/4.1");
    for i in 0..n {
        let res = request(
            addr,
            &format!("GET {action} HTTP/1.1\r\nAuthorization: Bearer {token}"),
            "",
        );
        let etag = res
            .lines()
            .find_map(|l| l.strip_prefix("etag: "))
            .unwrap_or_else(|| panic!("no ETag in {res}"))
            .trim()
            .to_string();
        let body = format!(
            r#"{{"rag":"amber","percent":{i},"narrative":"Written while backing up, {i}."}}"#
        );
        let res = request(
            addr,
            &format!(
                "POST {action}/updates HTTP/1.1\r\nAuthorization: Bearer {token}\r\n\
                 If-Match: {etag}\r\nContent-Type: application/json"
            ),
            &body,
        );
        assert!(res.starts_with("HTTP/1.1 201"), "{res}");
        let _ = first.send(());
    }
}

/// The demo, in the test's own database: the SQLite file itself, or moved into the
/// PostgreSQL database with `migrate --to` when the tests run there.
fn live_demo(db: &crate::common::Db) -> String {
    let dir = db.dir.path();
    let file = demo(dir);
    if db.url.starts_with("postgres") {
        let out = bp(&file, dir, &["migrate", "--to", &db.url], None).ok();
        assert!(out.stdout.contains("is intact"), "{}", out.stdout);
        db.url.clone()
    } else {
        file
    }
}

#[test]
fn a_backup_taken_while_the_server_takes_writes_restores_whole_on_either_back_end() {
    let db = fresh_db();
    let dir = db.dir.path();
    let live = live_demo(&db);
    bp(
        &live,
        dir,
        &[
            "user",
            "add",
            "writer@kingston.test",
            "--role",
            "business_manager",
            "--password-stdin",
        ],
        Some("a long enough password"),
    )
    .ok();
    let token = bp(
        &live,
        dir,
        &["token", "create", "writer@kingston.test", "--name", "w"],
        None,
    )
    .ok()
    .stdout
    .trim()
    .to_string();
    let (_server, addr) = serve(&live, dir);

    let writer = {
        let (addr, token) = (addr.clone(), token.clone());
        let (first, written) = std::sync::mpsc::channel();
        let writer = std::thread::spawn(move || post_updates(&addr, &token, 40, first));
        written.recv().expect("a first write through the server");
        writer
    };
    let mut during = Vec::new();
    for n in 0..2 {
        let file = dir.join(format!("during-{n}.db"));
        let out = bp(&live, dir, &["backup", "--out", path_str(&file)], None).ok();
        assert!(out.stdout.contains("is intact"), "{}", out.stdout);
        during.push(file);
    }
    writer.join().expect("the writes all succeeded");

    // Each backup taken among the writes is one consistent moment: it restores and verifies.
    for (n, file) in during.iter().enumerate() {
        let target = dir.join(format!("restored-{n}.db"));
        bp(path_str(&target), dir, &["restore", path_str(file)], None).ok();
        verifies(path_str(&target), dir);
    }

    // Once the writes stop, a backup restored anywhere holds exactly what the source holds.
    let last = dir.join("last.db");
    bp(&live, dir, &["backup", "--out", path_str(&last)], None).ok();
    let source = contents(&live, dir);
    assert!(source.2.contains("AMBER 39%"), "{}", source.2);
    let sqlite = dir.join("restored-last.db");
    bp(path_str(&sqlite), dir, &["restore", path_str(&last)], None).ok();
    assert_eq!(contents(path_str(&sqlite), dir), source);
    let other = fresh_db();
    let out = bp(&other.url, dir, &["restore", path_str(&last)], None).ok();
    assert!(out.stdout.contains("is intact"), "{}", out.stdout);
    verifies(&other.url, dir);
    assert_eq!(contents(&other.url, dir), source);
    // The token's hash came too: the restored database answers the same script.
    let (_again, addr) = serve(&other.url, dir);
    let res = request(
        &addr,
        &format!(
            "GET /api/v1/partnerships/{KINGSTON}/actions/4.1 HTTP/1.1\r\nAuthorization: Bearer {token}"
        ),
        "",
    );
    assert!(res.starts_with("HTTP/1.1 200"), "{res}");
}

#[test]
fn a_backup_is_not_written_over_unless_asked() {
    let db = fresh_db();
    let dir = db.dir.path();
    db.import_sample();
    let file = dir.join("b.db");
    bp(&db.url, dir, &["backup", "--out", path_str(&file)], None).ok();
    let bytes = std::fs::read(&file).unwrap();
    let out = bp(&db.url, dir, &["backup", "--out", path_str(&file)], None).fails();
    assert!(out.stderr.contains("--overwrite"), "{}", out.stderr);
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    bp(
        &db.url,
        dir,
        &["backup", "--out", path_str(&file), "--overwrite"],
        None,
    )
    .ok();
}

#[test]
fn a_restore_or_move_into_a_database_that_holds_anything_is_refused_and_changes_nothing() {
    let db = fresh_db();
    let dir = db.dir.path();
    db.import_sample();
    let before = db.snapshot();
    let file = demo(dir);
    let backup = dir.join("demo-backup.db");
    bp(&file, dir, &["backup", "--out", path_str(&backup)], None).ok();

    let out = db.run(&["restore", path_str(&backup)]).fails();
    assert!(out.stderr.contains("not empty"), "{}", out.stderr);
    assert!(out.stderr.contains("nothing was changed"), "{}", out.stderr);
    assert_eq!(db.snapshot(), before);

    let out = bp(&file, dir, &["migrate", "--to", &db.url], None).fails();
    assert!(out.stderr.contains("not empty"), "{}", out.stderr);
    assert_eq!(db.snapshot(), before);
}

#[test]
fn migrate_moves_a_sqlite_database_with_everything_and_it_comes_back_the_same() {
    let db = fresh_db();
    let dir = db.dir.path();
    let file = demo(dir);
    let source = contents(&file, dir);
    let out = bp(&file, dir, &["migrate", "--to", &db.url], None).ok();
    for table in [
        "change_log",
        "blobs",
        "accounts",
        "indicator_values",
        "partnership_settings",
    ] {
        assert!(
            out.stdout
                .lines()
                .any(|l| l.trim_start().starts_with(table)),
            "{table} not counted:\n{}",
            out.stdout
        );
    }
    assert!(out.stdout.contains("is intact"), "{}", out.stdout);
    verifies(&db.url, dir);
    assert_eq!(contents(&db.url, dir), source);

    // And back: a backup of the moved database restores into SQLite the same again.
    let backup = dir.join("moved.db");
    bp(&db.url, dir, &["backup", "--out", path_str(&backup)], None).ok();
    let back = dir.join("back.db");
    bp(path_str(&back), dir, &["restore", path_str(&backup)], None).ok();
    assert_eq!(contents(path_str(&back), dir), source);
}
