//! Running the server: the configuration file and its precedence (a flag over the
//! environment over the file over the default, one test for each), an unknown key refused,
//! metrics refused without a token, and `serve` with JSON logs: one line per request with its
//! route template, status and time, and none of the secrets a request carries.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Db, SAMPLE, Server, fresh_db, path_str};

const KINGSTON: &str = "kingston-lscb";
const PASSWORD: &str = "a long enough password";
const METRICS_TOKEN: &str = "metrics-token-0123456789abcdef";

/// `boardplan ARGS` in `dir`, with no setting inherited from the test's own environment
/// except those in `env`.
fn boardplan(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_boardplan"));
    cmd.args(args).current_dir(dir);
    for var in [
        "BOARDPLAN_DATABASE_URL",
        "BOARDPLAN_CONFIG",
        "BOARDPLAN_PARTNERSHIP",
        "BOARDPLAN_ADDR",
        "BOARDPLAN_LOG",
        "BOARDPLAN_LOG_FORMAT",
        "BOARDPLAN_METRICS",
        "BOARDPLAN_METRICS_TOKEN",
        "BOARDPLAN_SECURE_COOKIES",
        "BOARDPLAN_TRUSTED_PROXIES",
    ] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied());
    cmd
}

/// Which of the candidate database files exist after a command ran.
fn databases_made(dir: &Path) -> Vec<String> {
    let mut made: Vec<String> = [
        "boardplan.db",
        "from-file.db",
        "from-env.db",
        "from-flag.db",
    ]
    .iter()
    .filter(|name| dir.join(name).exists())
    .map(|name| name.to_string())
    .collect();
    made.sort();
    made
}

/// Import the sample plan with `args` before the sub-command: it succeeds only when the
/// database it chose was opened and written.
fn opens_database(dir: &Path, args: &[&str], env: &[(&str, &str)]) {
    let plan = dir.join("plan.txt");
    std::fs::write(&plan, SAMPLE).unwrap();
    let mut all = args.to_vec();
    all.extend(["import", path_str(&plan)]);
    let out = boardplan(dir, &all, env).output().expect("run boardplan");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn config_file(dir: &Path, text: &str) -> String {
    let path = dir.join("boardplan.toml");
    std::fs::write(&path, text).unwrap();
    path_str(&path).to_string()
}

#[test]
fn with_nothing_given_the_default_database_is_used() {
    let dir = tempfile::tempdir().unwrap();
    opens_database(dir.path(), &[], &[]);
    assert_eq!(databases_made(dir.path()), ["boardplan.db"]);
}

#[test]
fn the_file_gives_what_neither_flag_nor_environment_gives() {
    let dir = tempfile::tempdir().unwrap();
    let file = config_file(dir.path(), "database_url = \"from-file.db\"\n");
    opens_database(dir.path(), &["--config", &file], &[]);
    assert_eq!(databases_made(dir.path()), ["from-file.db"]);
    // Named by the environment instead of the flag, the file is read the same way.
    std::fs::remove_file(dir.path().join("from-file.db")).unwrap();
    opens_database(dir.path(), &[], &[("BOARDPLAN_CONFIG", &file)]);
    assert_eq!(databases_made(dir.path()), ["from-file.db"]);
}

#[test]
fn the_environment_wins_over_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = config_file(dir.path(), "database_url = \"from-file.db\"\n");
    opens_database(
        dir.path(),
        &["--config", &file],
        &[("BOARDPLAN_DATABASE_URL", "from-env.db")],
    );
    assert_eq!(databases_made(dir.path()), ["from-env.db"]);
}

#[test]
fn a_flag_wins_over_the_environment_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = config_file(dir.path(), "database_url = \"from-file.db\"\n");
    opens_database(
        dir.path(),
        &["--config", &file, "--db", "from-flag.db"],
        &[("BOARDPLAN_DATABASE_URL", "from-env.db")],
    );
    assert_eq!(databases_made(dir.path()), ["from-flag.db"]);
}

#[test]
fn an_unknown_key_is_an_error_naming_the_key_and_the_file_and_nothing_is_opened() {
    let dir = tempfile::tempdir().unwrap();
    let file = config_file(
        dir.path(),
        "database_url = \"from-file.db\"\n[serve]\nadress = \"0.0.0.0:80\"\n",
    );
    let out = boardplan(dir.path(), &["--config", &file, "audit", "verify"], &[])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("adress"), "{err}");
    assert!(err.contains(&file), "{err}");
    assert!(err.contains("line 3"), "{err}");
    assert!(databases_made(dir.path()).is_empty());

    let missing = path_str(&dir.path().join("nowhere.toml")).to_string();
    let out = boardplan(dir.path(), &["--config", &missing, "audit", "verify"], &[])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains(&missing));
}

#[test]
fn metrics_turned_on_without_a_token_stop_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let out = boardplan(
        dir.path(),
        &["serve", "--addr", "127.0.0.1:0", "--metrics", "true"],
        &[],
    )
    .output()
    .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("BOARDPLAN_METRICS_TOKEN"), "{err}");
    let out = boardplan(
        dir.path(),
        &["serve", "--addr", "127.0.0.1:0", "--metrics", "true"],
        &[("BOARDPLAN_METRICS_TOKEN", "short")],
    )
    .output()
    .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("too short"));
}

#[test]
fn a_bad_trusted_proxy_range_is_named_with_where_it_came_from_and_nothing_starts() {
    let dir = tempfile::tempdir().unwrap();
    let refused = |global: &[&str], serve: &[&str], env: &[(&str, &str)]| {
        let mut all = global.to_vec();
        all.extend(["serve", "--addr", "127.0.0.1:0"]);
        all.extend(serve);
        let out = boardplan(dir.path(), &all, env).output().unwrap();
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = refused(&[], &["--trusted-proxy", "10.0.0.0/33"], &[]);
    assert!(
        err.contains("'10.0.0.0/33'") && err.contains("--trusted-proxy"),
        "{err}"
    );
    let err = refused(
        &[],
        &[],
        &[("BOARDPLAN_TRUSTED_PROXIES", "10.0.0.0/8,fd00::/129")],
    );
    assert!(
        err.contains("'fd00::/129'") && err.contains("BOARDPLAN_TRUSTED_PROXIES"),
        "{err}"
    );
    let file = config_file(
        dir.path(),
        "[serve]\naddr = \"127.0.0.1:0\"\ntrusted_proxies = [\"10.0.0.0/8\", \"proxy.lan/24\"]\n",
    );
    let err = refused(&["--config", &file], &[], &[]);
    assert!(
        err.contains("'proxy.lan/24'") && err.contains(&file),
        "{err}"
    );
    assert!(err.contains("line 3"), "{err}");
    assert!(databases_made(dir.path()).is_empty());
}

/// `boardplan serve` configured by `file`, its stderr kept in `log`; its address.
fn serve(db: &Db, file: &str, log: &Path, env: &[(&str, &str)]) -> (Server, String) {
    let mut cmd = boardplan(db.dir.path(), &["--config", file, "serve"], env);
    let child = cmd
        .env("BOARDPLAN_DATABASE_URL", &db.url)
        .stdout(Stdio::piped())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .expect("start boardplan serve");
    Server::started(child)
}

/// One request on its own connection; the whole answer as text.
fn http(addr: &str, method: &str, path: &str, headers: &[String], body: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for h in headers {
        req.push_str(h);
        req.push_str("\r\n");
    }
    if !body.is_empty() {
        req.push_str(&format!(
            "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n",
            body.len()
        ));
    }
    req.push_str("\r\n");
    req.push_str(body);
    s.write_all(req.as_bytes()).unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

/// The value of the cookie `name` the answer sets.
fn cookie(res: &str, name: &str) -> String {
    res.lines()
        .filter_map(|l| l.strip_prefix("set-cookie: "))
        .find_map(|c| c.strip_prefix(&format!("{name}=")))
        .and_then(|c| c.split(';').next())
        .unwrap_or_else(|| panic!("no {name} cookie in {res}"))
        .to_string()
}

#[test]
fn json_logs_give_one_line_per_request_by_route_and_never_a_secret() {
    let db = fresh_db();
    db.import_sample();
    db.add_user(KINGSTON, "manager@kingston.test", "business_manager");
    let api_token = db
        .run(&["token", "create", "manager@kingston.test", "--name", "t"])
        .ok()
        .stdout
        .trim()
        .to_string();
    // The address from the file; metrics on from the file, their token from the environment.
    let file = config_file(
        db.dir.path(),
        "log_format = \"json\"\n[serve]\naddr = \"127.0.0.2:0\"\n[metrics]\nenabled = true\n",
    );
    let log = db.dir.path().join("server.log");
    let (mut server, addr) = serve(
        &db,
        &file,
        &log,
        &[("BOARDPLAN_METRICS_TOKEN", METRICS_TOKEN)],
    );
    assert!(addr.starts_with("127.0.0.2:"), "{addr}");

    let mut requests = 0;
    let mut ask = |method: &str, path: &str, headers: &[String], body: &str| {
        requests += 1;
        http(&addr, method, path, headers, body)
    };
    assert!(ask("GET", "/readyz", &[], "").starts_with("HTTP/1.1 200"));
    let form = ask("GET", "/sign-in", &[], "");
    let csrf = cookie(&form, "bp_signin");
    let body = format!(
        "csrf={csrf}&next=%2F&email=manager%40kingston.test&password={}",
        PASSWORD.replace(' ', "+")
    );
    let signed_in = ask(
        "POST",
        "/sign-in",
        &[format!("Cookie: bp_signin={csrf}")],
        &body,
    );
    assert!(signed_in.starts_with("HTTP/1.1 303"), "{signed_in}");
    let session = cookie(&signed_in, "bp_session");
    let board = ask(
        "GET",
        &format!("/p/{KINGSTON}"),
        &[format!("Cookie: bp_session={session}")],
        "",
    );
    assert!(board.starts_with("HTTP/1.1 200"), "{board}");
    let feed_secret = "c0ffee".repeat(10);
    let feed = ask("GET", &format!("/calendar/{feed_secret}.ics"), &[], "");
    assert!(feed.starts_with("HTTP/1.1 404"), "{feed}");
    let api = ask(
        "GET",
        &format!("/api/v1/partnerships/{KINGSTON}/actions/4.1?token={feed_secret}"),
        &[format!("Authorization: Bearer {api_token}")],
        "",
    );
    assert!(api.starts_with("HTTP/1.1 200"), "{api}");
    let metrics = ask(
        "GET",
        "/metrics",
        &[format!("Authorization: Bearer {METRICS_TOKEN}")],
        "",
    );
    assert!(metrics.starts_with("HTTP/1.1 200"), "{metrics}");
    assert!(
        metrics.contains(
            r#"boardplan_http_requests_total{method="POST",route="/sign-in",status="3xx"} 1"#
        ),
        "{metrics}"
    );

    kill_term(&server);
    let start = Instant::now();
    while server.0.try_wait().unwrap().is_none() {
        assert!(start.elapsed() < Duration::from_secs(10), "still running");
        std::thread::sleep(Duration::from_millis(20));
    }
    let logged = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<serde_json::Value> = logged
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let request_lines: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|l| l["target"] == "boardplan::request")
        .collect();
    assert_eq!(request_lines.len(), requests, "{logged}");
    for line in &request_lines {
        assert!(line["route"].is_string(), "{line}");
        assert!(line["status"].is_u64(), "{line}");
        assert!(
            line["latency_ms"].as_f64().is_some_and(|ms| ms >= 0.0),
            "{line}"
        );
    }
    let calendar = request_lines
        .iter()
        .find(|l| l["route"] == "/calendar/{file}")
        .expect("the calendar request's line");
    assert_eq!(calendar["status"], 404);
    assert_eq!(calendar["method"], "GET");
    assert!(
        request_lines
            .iter()
            .any(|l| l["route"] == "/p/{slug}" && l["status"] == 200),
        "{logged}"
    );
    for (what, secret) in [
        ("the password", PASSWORD),
        ("the session cookie", session.as_str()),
        ("the sign-in form's token", csrf.as_str()),
        ("the calendar secret", feed_secret.as_str()),
        ("the API token", api_token.as_str()),
        ("the metrics token", METRICS_TOKEN),
    ] {
        assert!(!logged.contains(secret), "{what} was logged:\n{logged}");
    }
    assert!(lines.iter().any(|l| {
        l["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Boardplan has stopped"))
    }));
}

fn kill_term(server: &Server) {
    let status = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
}
