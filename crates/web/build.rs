//! Builds the front end into the binary: installs govuk-frontend with `npm ci` from the
//! committed lockfile (into OUT_DIR, never into the source tree), takes its compiled CSS with
//! Boardplan's font stack, and leaves the files for `include_bytes!`. No CDN at run time:
//! council networks are often closed.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let manifest = PathBuf::from(env("CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(env("OUT_DIR"));
    let src = manifest.join("frontend");
    for f in ["package.json", "package-lock.json", ".npmrc", "app.css"] {
        println!("cargo:rerun-if-changed=frontend/{f}");
    }
    println!("cargo:rerun-if-env-changed=BOARDPLAN_NPM");

    let work = out.join("frontend");
    std::fs::create_dir_all(&work)
        .unwrap_or_else(|e| fail(&format!("cannot create {}: {e}", work.display())));
    let mut changed = false;
    for f in ["package.json", "package-lock.json", ".npmrc"] {
        let from = std::fs::read(src.join(f))
            .unwrap_or_else(|e| fail(&format!("cannot read frontend/{f}: {e}")));
        let to = work.join(f);
        if std::fs::read(&to).ok().as_deref() != Some(from.as_slice()) {
            std::fs::write(&to, from)
                .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", to.display())));
            changed = true;
        }
    }
    let govuk = work.join("node_modules/govuk-frontend/dist");
    if changed || !govuk.join("govuk/index.scss").exists() {
        npm_ci(&work);
    }

    let css = compile_css(&govuk, &src.join("app.css"));
    write(&out.join("boardplan.css"), css.as_bytes());
    let js = std::fs::read(govuk.join("govuk/govuk-frontend.min.js"))
        .unwrap_or_else(|e| fail(&format!("govuk-frontend has no govuk-frontend.min.js: {e}")));
    write(&out.join("govuk-frontend.min.js"), &js);
    // A short fingerprint of the assets for cache-busting URLs: FNV-1a is plenty here.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in css.as_bytes().iter().chain(&js) {
        h = (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3);
    }
    println!("cargo:rustc-env=BOARDPLAN_ASSETS_VERSION={h:016x}");
    // For the accessibility tests: axe-core is installed beside govuk-frontend, never shipped.
    println!(
        "cargo:rustc-env=BOARDPLAN_NODE_MODULES={}",
        work.join("node_modules").display()
    );
}

fn npm_ci(dir: &Path) {
    let npm = std::env::var("BOARDPLAN_NPM").unwrap_or_else(|_| "npm".into());
    let status = Command::new(&npm)
        .args(["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"])
        .current_dir(dir)
        .status()
        .unwrap_or_else(|e| {
            fail(&format!(
                "could not run `{npm} ci` ({e}). Boardplan's web front end is installed from the npm \
                 registry at build time: install Node.js 20 and npm, then build again."
            ))
        });
    if !status.success() {
        fail(&format!(
            "`{npm} ci` failed ({status}) in {}; see its messages above",
            dir.display()
        ));
    }
}

/// GOV.UK Frontend's compiled styles with the system font stack: the GDS Transport typeface
/// is only for GOV.UK services, so its `@font-face` rules are removed and it is never served.
/// Boardplan's own rules (`frontend/app.css`) follow.
fn compile_css(govuk: &Path, app: &Path) -> String {
    let css =
        std::fs::read_to_string(govuk.join("govuk/govuk-frontend.min.css")).unwrap_or_else(|e| {
            fail(&format!(
                "govuk-frontend has no govuk-frontend.min.css: {e}"
            ))
        });
    let app = std::fs::read_to_string(app)
        .unwrap_or_else(|e| fail(&format!("cannot read frontend/app.css: {e}")));
    let mut out = String::with_capacity(css.len() + app.len());
    let mut rest = css.as_str();
    while let Some(at) = rest.find("@font-face{") {
        out.push_str(&rest[..at]);
        let Some(close) = rest[at..].find('}') else {
            fail("an @font-face rule in govuk-frontend's CSS never closes")
        };
        rest = &rest[at + close + 1..];
    }
    out.push_str(rest);
    let out = out.replace(
        "GDS Transport,arial,sans-serif",
        "system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,sans-serif",
    );
    if out.contains("GDS Transport") {
        fail(
            "govuk-frontend's CSS still names GDS Transport after the font was replaced; update build.rs",
        );
    }
    out + "\n" + &app
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::write(path, bytes)
        .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", path.display())));
}

fn env(name: &str) -> String {
    std::env::var(name)
        .unwrap_or_else(|_| fail(&format!("{name} is not set; run this through cargo")))
}

fn fail(msg: &str) -> ! {
    eprintln!("error: {msg}");
    std::process::exit(1);
}
