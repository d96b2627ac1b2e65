//! Shared test set-up: a fresh database per test (a SQLite file, or a new PostgreSQL database
//! when `TEST_DATABASE_URL` names a server) and a way to run the real `boardplan` binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SAMPLE: &str =
    include_str!("../../../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");

pub struct Db {
    pub url: String,
    pub dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

/// A database no other test uses.
pub fn fresh_db() -> Db {
    let dir = tempfile::tempdir().expect("temp dir");
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin) if admin.starts_with("postgres") => {
            let name = format!(
                "bp_cli_{}_{}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .expect("clock")
                    .as_nanos()
            );
            pg_exec(&admin, &format!("CREATE DATABASE {name}"));
            let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
            let url = format!("{base}/{name}");
            Db {
                url,
                dir,
                pg: Some((admin, name)),
            }
        }
        _ => {
            let url = dir.path().join("test.db").display().to_string();
            Db { url, dir, pg: None }
        }
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.pg {
            pg_exec(
                admin,
                &format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            );
        }
    }
}

fn pg_exec(admin: &str, sql: &str) {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::PgConnection::connect(admin)
            .await
            .expect("connect to TEST_DATABASE_URL");
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_string()))
            .execute(&mut conn)
            .await
            .expect(sql);
    });
}

impl Db {
    /// Write `contents` to a file in this test's folder and return its path.
    pub fn file(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, contents).expect("write test file");
        path
    }

    /// Run `boardplan --db <this db> ARGS`.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_with_env(args, &[])
    }

    /// As [`Db::run`], with the environment variables `env` set as well.
    pub fn run_with_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_boardplan"))
            .arg("--db")
            .arg(&self.url)
            .args(args)
            .env_remove("BOARDPLAN_DATABASE_URL")
            .env_remove("BOARDPLAN_PARTNERSHIP")
            .env("BOARDPLAN_ACTOR", "test")
            .envs(env.iter().copied())
            .current_dir(self.dir.path())
            .output()
            .expect("run boardplan");
        Run::from(out)
    }

    /// As [`Db::run`], with `stdin` piped in (a password, say).
    pub fn run_with_stdin(&self, args: &[&str], stdin: &str) -> Run {
        use std::io::Write;
        let mut child = Command::new(env!("CARGO_BIN_EXE_boardplan"))
            .arg("--db")
            .arg(&self.url)
            .args(args)
            .env_remove("BOARDPLAN_DATABASE_URL")
            .env_remove("BOARDPLAN_PARTNERSHIP")
            .env("BOARDPLAN_ACTOR", "test")
            .current_dir(self.dir.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
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

    /// `boardplan --partnership P user add EMAIL --role ROLE`, with a password.
    pub fn add_user(&self, partnership: &str, email: &str, role: &str) {
        self.run_with_stdin(
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

    pub fn import_sample(&self) -> PathBuf {
        let path = self.file("kingston.txt", SAMPLE);
        self.run(&["import", path_str(&path)]).ok();
        path
    }

    /// A URL for a connection of the test's own, outside the binary: for tampering.
    pub fn raw_url(&self) -> String {
        if self.pg.is_some() {
            self.url.clone()
        } else {
            format!("sqlite://{}", self.url)
        }
    }

    /// What an attacker who can change the schema runs before editing the change log: drop
    /// the triggers that keep it append-only.
    pub fn drop_change_log_triggers(&self) -> Vec<String> {
        let on = if self.pg.is_some() {
            " ON change_log"
        } else {
            ""
        };
        ["change_log_no_update", "change_log_no_delete"]
            .iter()
            .map(|name| format!("DROP TRIGGER {name}{on}"))
            .collect()
    }

    /// Run `statements` in order on a connection of the test's own; the first error, if any.
    pub fn raw(&self, statements: &[String]) -> Result<(), String> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        rt.block_on(async {
            use sqlx::Connection;
            sqlx::any::install_default_drivers();
            let mut conn = sqlx::AnyConnection::connect(&self.raw_url())
                .await
                .expect("connect");
            for sql in statements {
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql.clone()))
                    .execute(&mut conn)
                    .await
                    .map_err(|e| e.to_string())?;
            }
            Ok(())
        })
    }

    /// The whole partnership as JSON: equal before and after means nothing changed.
    pub fn snapshot(&self) -> String {
        let export = self.run(&["export", "--format", "json"]).ok().stdout;
        let log = self.run(&["audit", "verify"]).ok().stdout;
        format!("{export}\n{log}")
    }
}

pub fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

pub struct Run {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            success: o.status.success(),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Run {
    #[track_caller]
    pub fn ok(self) -> Self {
        assert!(
            self.success,
            "expected success\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    #[track_caller]
    pub fn fails(self) -> Self {
        assert!(
            !self.success,
            "expected failure\nstdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

/// A `boardplan serve` a test started, killed if the test fails before it stops it.
pub struct Server(pub std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    /// Wait for the line a starting server prints first; the server and its address.
    pub fn started(mut child: std::process::Child) -> (Server, String) {
        use std::io::BufRead;
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("the first line");
        let addr = first
            .strip_prefix("Boardplan is running at http://")
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_string();
        (Server(child), addr)
    }
}
