//! `boardplan serve` stopped the way systemd and container runtimes stop it, with SIGTERM:
//! it stops taking connections, finishes the request in flight (a write, here), closes the
//! database and exits 0; the write is there afterwards and the change log verifies.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Db, Server, fresh_db};

const KINGSTON: &str = "kingston-lscb";

/// Start `boardplan serve` on a free port; its address, from the line it prints first.
fn serve(db: &Db) -> (Server, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_boardplan"))
        .arg("--db")
        .arg(&db.url)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env_remove("BOARDPLAN_DATABASE_URL")
        .env_remove("BOARDPLAN_PARTNERSHIP")
        .current_dir(db.dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start boardplan serve");
    Server::started(child)
}

/// Send `signal` the way an operator (or systemd) does; unsafe code is not allowed here.
fn kill(server: &Server, signal: &str) {
    let status = Command::new("kill")
        .args([signal, &server.0.id().to_string()])
        .status()
        .expect("run kill");
    assert!(status.success(), "kill {signal} failed");
}

/// Wait for the process to exit, at most `limit`.
fn exit_within(server: &mut Server, limit: Duration) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Some(status) = server.0.try_wait().expect("wait") {
            return status;
        }
        assert!(
            start.elapsed() < limit,
            "still running {limit:?} after the signal"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Wait until the server refuses new connections: it has taken the signal.
fn refuses_connections(addr: &str) {
    let start = Instant::now();
    while TcpStream::connect(addr).is_ok() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "still taking connections after the signal"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn get(addr: &str, path: &str, token: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer {token}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn sigterm_finishes_the_write_in_flight_closes_the_database_and_exits_0() {
    let db = fresh_db();
    db.import_sample();
    db.add_user(KINGSTON, "manager@kingston.test", "business_manager");
    let token = db
        .run(&["token", "create", "manager@kingston.test", "--name", "t"])
        .ok()
        .stdout
        .trim()
        .to_string();
    let (mut server, addr) = serve(&db);
    let action = format!("/api/v1/partnerships/{KINGSTON}/actions/4.1");
    let res = get(&addr, &action, &token);
    assert!(res.starts_with("HTTP/1.1 200"), "{res}");
    let etag = res
        .lines()
        .find_map(|l| l.strip_prefix("etag: "))
        .expect("an ETag")
        .trim()
        .to_string();

    // A write in flight: its headers sent and read by the server, its body still to come.
    // `Expect: 100-continue` makes the server say when its handler starts reading the body,
    // so the signal cannot arrive before the server has taken the request (a connection not
    // yet accepted would just be refused, which proves nothing).
    let body = r#"{"rag":"amber","percent":40,"narrative":"Sent while stopping."}"#;
    let mut s = TcpStream::connect(&addr).expect("connect");
    write!(
        s,
        "POST {action}/updates HTTP/1.1\r\nHost: test\r\nAuthorization: Bearer {token}\r\n\
         If-Match: {etag}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Expect: 100-continue\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .unwrap();
    s.flush().unwrap();
    let mut interim = Vec::new();
    let mut byte = [0u8; 1];
    while !interim.ends_with(b"\r\n\r\n") {
        s.read_exact(&mut byte).expect("the server's 100 Continue");
        interim.push(byte[0]);
    }
    assert!(
        interim.starts_with(b"HTTP/1.1 100"),
        "{}",
        String::from_utf8_lossy(&interim)
    );

    kill(&server, "-TERM");
    refuses_connections(&addr);
    s.write_all(body.as_bytes()).unwrap();
    let mut res = String::new();
    s.read_to_string(&mut res).unwrap();
    assert!(res.starts_with("HTTP/1.1 201"), "{res}");

    let status = exit_within(&mut server, Duration::from_secs(10));
    assert_eq!(status.code(), Some(0), "{status:?}");
    if !db.url.starts_with("postgres") {
        // Closed cleanly: the last connection checkpointed the write-ahead log away.
        let wal = db.dir.path().join("test.db-wal");
        assert!(
            std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
            "{} left behind",
            wal.display()
        );
    }
    let history = db.run(&["history", "4.1"]).ok().stdout;
    assert!(
        history.contains("manager@kingston.test: update 1: AMBER 40%"),
        "{history}"
    );
    db.run(&["audit", "verify"]).ok();
}

#[test]
fn ctrl_c_stops_it_the_same_way() {
    let db = fresh_db();
    db.import_sample();
    let (mut server, addr) = serve(&db);
    kill(&server, "-INT");
    refuses_connections(&addr);
    let status = exit_within(&mut server, Duration::from_secs(10));
    assert_eq!(status.code(), Some(0), "{status:?}");
    db.run(&["audit", "verify"]).ok();
}
