//! What the tests of several crates share.
//!
//! Some tests need a real program beside Rust: Chromium and its driver for the browser tests,
//! LibreOffice and poppler for reading reports back, python's icalendar for the calendar feed,
//! aiosmtpd for a real SMTP server to send reminders to ([`smtp`]).
//! node with npm packages installed beside a test (the OpenID provider of the sign-in tests).
//! [`program`] decides what such a test does when the program is missing: in CI (`CI` set and
//! not `false` or `0`) the test fails, since `.ci/run` installs every one of them; elsewhere it
//! prints `skipped: <what> (<why>)` where the person running the tests sees it, and the test
//! stops. When the program is there, the test runs, whether or not `CI` is set.

pub mod smtp;

use std::io::Write;
use std::process::{Command, Stdio};

/// A program a test needs: how to run it to see that it works, and how to install it.
#[derive(Debug, Clone, Copy)]
pub struct Program<'a> {
    /// The command, as found on `PATH` (or a full path).
    pub command: &'a str,
    /// Arguments that make it print its version and exit 0.
    pub probe: &'a [&'a str],
    /// The Debian package(s), or the other install step, that bring it.
    pub install: &'a str,
}

impl Program<'_> {
    /// True when the program runs and answers its probe with success.
    pub fn works(&self) -> bool {
        Command::new(self.command)
            .args(self.probe)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }
}

/// Whether CI is running the tests: `CI` set to anything but an empty value, `false` or `0`.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !matches!(v.trim(), "" | "false" | "0"))
}

/// True when every program in `needs` works, so that `what` can be checked. Otherwise: in CI,
/// a failure naming what is missing and how to install it; elsewhere, a `skipped:` line on
/// standard error and `false`, for the test to return.
pub fn program(what: &str, needs: &[Program<'_>]) -> bool {
    let missing: Vec<String> = needs
        .iter()
        .filter(|p| !p.works())
        .map(|p| format!("{} is not installed: {}", p.command, p.install))
        .collect();
    if missing.is_empty() {
        return true;
    }
    let why = missing.join("; ");
    assert!(
        !in_ci(),
        "{what} cannot be checked in CI because {why} (.ci/run installs it)"
    );
    skipped(what, &why);
    false
}

/// Prints `skipped: <what> (<why>)` straight to standard error, past the test harness's
/// capture of `eprintln!`, so that a skip is seen even when the test passes.
pub fn skipped(what: &str, why: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "skipped: {what} ({why})");
}

/// A node script that exits 0 only when the npm package `name` is installed (by `npm ci`) in
/// the folder `dir`: the probe of a [`Program`] `node` with arguments `["-e", &script]`.
pub fn npm_installed(dir: &std::path::Path, name: &str) -> String {
    let manifest = dir.join("node_modules").join(name).join("package.json");
    format!(
        "process.exit(require('fs').existsSync({:?}) ? 0 : 1)",
        manifest.display().to_string()
    )
}

/// Common programs, so that each test names them the same way.
pub mod programs {
    use super::Program;

    pub const PDFTOTEXT: Program<'static> = Program {
        command: "pdftotext",
        probe: &["-v"],
        install: "apt-get install poppler-utils",
    };
    pub const PDFINFO: Program<'static> = Program {
        command: "pdfinfo",
        probe: &["-v"],
        install: "apt-get install poppler-utils",
    };
    pub const SOFFICE_WRITER: Program<'static> = Program {
        command: "soffice",
        probe: &["--version"],
        install: "apt-get install libreoffice-writer-nogui",
    };
    pub const SOFFICE_CALC: Program<'static> = Program {
        command: "soffice",
        probe: &["--version"],
        install: "apt-get install libreoffice-calc-nogui",
    };
    pub const ICALENDAR: Program<'static> = Program {
        command: "python3",
        probe: &["-c", "import icalendar"],
        install: "pip install icalendar",
    };
    pub const NODE: Program<'static> = Program {
        command: "node",
        probe: &["--version"],
        install: "apt-get install nodejs npm",
    };
    pub const CHROMIUM: Program<'static> = Program {
        command: "/usr/bin/chromium",
        probe: &["--version"],
        install: "apt-get install chromium",
    };
    pub const CHROMEDRIVER: Program<'static> = Program {
        command: "/usr/bin/chromedriver",
        probe: &["--version"],
        install: "apt-get install chromium-driver",
    };
}
