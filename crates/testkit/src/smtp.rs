//! A real SMTP server for mail tests: `scripts/smtp_sink.py`, aiosmtpd under python3, writing
//! each message it accepts into a folder. [`SmtpSink::start`] returns `None` (after
//! [`crate::program`] has failed the test in CI, or printed `skipped:` elsewhere) when
//! aiosmtpd is not installed.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::{Program, program};

pub const AIOSMTPD: Program<'static> = Program {
    command: "python3",
    probe: &["-c", "import aiosmtpd"],
    install: "pip install aiosmtpd (.ci/run puts it in the CI venv)",
};

/// The script, beside this crate.
fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/smtp_sink.py")
}

/// A running SMTP server; killed when dropped.
pub struct SmtpSink {
    child: Option<Child>,
    pub port: u16,
    pub dir: PathBuf,
    login: Option<(String, String)>,
}

impl SmtpSink {
    /// Start a server on a free port writing into `dir`, requiring `login` if given. `None`
    /// when aiosmtpd is missing (outside CI), for `what` to be skipped.
    pub fn start(what: &str, dir: &Path, login: Option<(&str, &str)>) -> Option<Self> {
        if !program(what, &[AIOSMTPD]) {
            return None;
        }
        let mut sink = Self {
            child: None,
            port: 0,
            dir: dir.to_path_buf(),
            login: login.map(|(u, p)| (u.to_string(), p.to_string())),
        };
        sink.restart();
        Some(sink)
    }

    /// Stop the server, as a mail server that goes down: connections are refused.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Start it again, on the same port once it has one.
    pub fn restart(&mut self) {
        self.stop();
        let mut cmd = Command::new("python3");
        cmd.arg(script()).arg("--dir").arg(&self.dir);
        if self.port != 0 {
            cmd.arg("--port").arg(self.port.to_string());
        }
        if let Some((u, p)) = &self.login {
            cmd.args(["--user", u, "--password", p]);
        }
        let mut child = cmd
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("python3 runs");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("stdout is piped"))
            .read_line(&mut line)
            .expect("the SMTP sink prints its port");
        self.port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the SMTP sink did not start: {line:?}"));
        self.child = Some(child);
    }

    /// The messages received so far, oldest first, as text.
    pub fn received(&self) -> Vec<String> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        names.retain(|p| p.extension().is_some_and(|e| e == "eml"));
        names.sort();
        names
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap_or_default())
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.stop();
    }
}
