//! The README's first command: `boardplan demo` builds the demo and serves it, printing the
//! address and an account for each role, and a demo account can sign in and lands on its
//! board as the plan stood at the end of its year, not as seen from today.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

struct Killed(std::process::Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One plain HTTP/1.1 request; the whole response as text.
fn http(addr: &str, request: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect to the demo");
    s.write_all(request.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn the_demo_serves_and_prints_an_account_for_every_role() {
    let dir = tempfile::tempdir().unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_boardplan"))
        .args(["demo", "--addr", "127.0.0.1:0", "--file"])
        .arg(dir.path().join("demo.db"))
        .current_dir(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the demo");
    let mut child = Killed(child);
    let stdout = child.0.stdout.take().unwrap();
    let mut printed = Vec::new();
    let mut addr = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("Boardplan is running at http://") {
            addr = rest.split('/').next().map(String::from);
            break;
        }
        printed.push(line);
    }
    let addr = addr.expect("the demo says where it is running");
    let printed = printed.join("\n");
    for role in [
        "Administrator",
        "Business manager",
        "Lead officer",
        "Board member",
        "Reader",
    ] {
        assert!(
            printed.contains(role),
            "no {role} account printed:\n{printed}"
        );
    }
    assert!(
        http(
            &addr,
            "GET /healthz HTTP/1.1\r\nHost: demo\r\nConnection: close\r\n\r\n"
        )
        .starts_with("HTTP/1.1 200")
    );

    // Sign in as the demo chair through the form.
    let form = http(
        &addr,
        "GET /sign-in HTTP/1.1\r\nHost: demo\r\nConnection: close\r\n\r\n",
    );
    let csrf = form
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: bp_signin="))
        .and_then(|v| v.split(';').next())
        .expect("the sign-in form's cookie")
        .to_string();
    let body = format!("csrf={csrf}&next=%2F&email=chair%40demo.test&password=demo+password+2009");
    let res = http(
        &addr,
        &format!(
            "POST /sign-in HTTP/1.1\r\nHost: demo\r\nCookie: bp_signin={csrf}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    );
    assert!(res.starts_with("HTTP/1.1 303"), "{res}");
    let session = res
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: bp_session="))
        .and_then(|v| v.split(';').next())
        .expect("a session cookie")
        .to_string();

    // The start page opens the board at 31 March 2010, and the board says so.
    let get = |path: &str| {
        http(
            &addr,
            &format!(
                "GET {path} HTTP/1.1\r\nHost: demo\r\nCookie: bp_session={session}\r\nConnection: close\r\n\r\n"
            ),
        )
    };
    let home = get("/");
    let board = home
        .lines()
        .find_map(|l| l.strip_prefix("location: "))
        .unwrap_or_else(|| panic!("the start page sends the chair to the board:\n{home}"))
        .to_string();
    assert!(board.ends_with("?as_at=2010-03-31"), "{board}");
    let page = get(&board);
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(
        page.contains("31 March 2010"),
        "the board is not shown as at 2010"
    );
}
