//! `boardplan report audit|section11|risk-register` end to end on the demo's audits, Section
//! 11 cycles and risk register (issue #13, item 6), each file read back by a real reader
//! (pdftotext for PDF; LibreOffice for DOCX, ODT, XLSX and ODS); the annual report's and the
//! board paper's assurance; no case reference in the public summary; and a report asked for
//! without what it is about refused with the fix, writing nothing.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{Db, Run, fresh_db, path_str};
use testkit::programs::{PDFTOTEXT, SOFFICE_CALC, SOFFICE_WRITER};

/// The demo database (SQLite) in the test's folder.
fn demo(db: &Db) -> PathBuf {
    let file = db.dir.path().join("demo.db");
    let out = Command::new(env!("CARGO_BIN_EXE_boardplan"))
        .args(["demo", "--no-serve", "--file"])
        .arg(&file)
        .current_dir(db.dir.path())
        .output()
        .expect("run boardplan demo");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    file
}

fn run_on(file: &Path, args: &[&str]) -> Run {
    Command::new(env!("CARGO_BIN_EXE_boardplan"))
        .arg("--db")
        .arg(file)
        .args(args)
        .env_remove("BOARDPLAN_PARTNERSHIP")
        .env("SOURCE_DATE_EPOCH", "1270000000")
        .output()
        .expect("run boardplan")
        .into()
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn pdf_text(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    squeeze(&String::from_utf8_lossy(&out.stdout))
}

/// LibreOffice converts `file` to `to` in `dir/out`.
fn soffice(dir: &Path, to: &str, file: &Path) {
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/lo-profile",
            dir.display()
        ))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(dir.join("out"))
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "LibreOffice failed on {}: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A document's text as LibreOffice prints it to PDF, read by pdftotext.
fn document_text(dir: &Path, file: &Path) -> String {
    soffice(dir, "pdf", file);
    let pdf = dir
        .join("out")
        .join(file.with_extension("pdf").file_name().expect("a name"));
    pdf_text(&pdf)
}

/// Every sheet of a workbook as LibreOffice writes it to CSV, one after another.
fn workbook_csv(dir: &Path, file: &Path) -> String {
    // 44 = comma, 34 = quote, 76 = UTF-8, and the last -1: every sheet to its own file.
    soffice(
        dir,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        file,
    );
    let stem = file.file_stem().and_then(|s| s.to_str()).expect("a stem");
    let mut sheets: Vec<PathBuf> = std::fs::read_dir(dir.join("out"))
        .expect("out dir")
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{stem}-")) && n.ends_with(".csv"))
        })
        .collect();
    sheets.sort();
    assert!(!sheets.is_empty(), "no sheet of {}", file.display());
    sheets
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("a sheet"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Write report `args` to `name` in the test's folder.
fn report(db: &Db, file: &Path, name: &str, args: &[&str]) -> PathBuf {
    let out = db.dir.path().join(name);
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend(["--out", path_str(&out)]);
    run_on(file, &all).ok();
    assert!(out.exists(), "{name} written");
    out
}

fn json(run: Run) -> serde_json::Value {
    serde_json::from_str(&run.stdout).expect("JSON")
}

/// The first line of `text` that starts with `prefix`.
fn line<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    text.lines().find(|l| l.starts_with(prefix))
}

/// Whether `text` (of a file of `ext`) shows key figure `label` with `value`: "Label: value"
/// in the documents; the PDF sets its figures in a grid, which pdftotext reads a row of labels
/// then a row of values, so there each is looked for on its own (as reports-pdf's test does).
fn has_figure(ext: &str, text: &str, label: &str, value: &str) -> bool {
    if ext == "pdf" {
        text.contains(label) && text.contains(value)
    } else {
        text.contains(&format!("{label}: {value}"))
    }
}

fn capital(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

#[test]
fn the_risk_register_in_every_document_format_gives_each_risk_and_its_score() {
    if !testkit::program(
        "the risk register read back",
        &[SOFFICE_WRITER, SOFFICE_CALC, PDFTOTEXT],
    ) {
        return;
    }
    let db = fresh_db();
    let file = demo(&db);
    let dir = db.dir.path();
    // As at 2010-03-31 the serious case review risk is 3 x 5 = 15, above its appetite of 10.
    let risk = "Demo: Serious case review actions are not completed";
    let at = ["risk-register", "--as-at", "2010-03-31"];
    let mut texts = Vec::new();
    for ext in ["docx", "odt"] {
        let out = report(&db, &file, &format!("register.{ext}"), &at);
        texts.push((ext, document_text(dir, &out)));
    }
    if cfg!(feature = "pdf") {
        let out = report(&db, &file, "register.pdf", &at);
        texts.push(("pdf", pdf_text(&out)));
    }
    for (ext, text) in &texts {
        assert!(text.contains("Risk register"), "{ext}: {text}");
        assert!(text.contains(risk), "{ext}");
        assert!(text.contains("15 (very high)"), "{ext}: {text}");
        assert!(text.contains("Heat map"), "{ext}");
        assert!(
            has_figure(ext, text, "Risks on the register", "6"),
            "{ext}: {text}"
        );
    }
    for ext in ["xlsx", "ods"] {
        let out = report(&db, &file, &format!("register.{ext}"), &at);
        let csv = workbook_csv(dir, &out);
        let row = line(&csv, &format!("R4 {risk},")).unwrap_or_else(|| panic!("{ext}: {csv}"));
        assert!(
            row.contains(",3 x 5 = 15,3 x 5 = 15,15 (very high),10,Yes,Open,"),
            "{ext}: {row}"
        );
        // The heat map's row for likelihood 3: R2 (3 x 4) and R4 (3 x 5).
        assert!(
            csv.lines().any(|l| l == "3 possible,0,0,0,1,1"),
            "{ext}: {csv}"
        );
    }
}

#[test]
fn the_audit_report_gives_the_grades_by_area_and_agency_and_the_cases_to_whoever_holds_the_database()
 {
    if !testkit::program(
        "the audit report read back",
        &[SOFFICE_WRITER, SOFFICE_CALC, PDFTOTEXT],
    ) {
        return;
    }
    let db = fresh_db();
    let file = demo(&db);
    let dir = db.dir.path();
    let list = json(run_on(&file, &["qa-audit", "list", "--json"]).ok());
    let id = list["items"][0]["id"].as_i64().expect("an audit");
    let id_text = id.to_string();
    let summary = json(run_on(&file, &["qa-audit", "summary", &id_text, "--json"]).ok());
    let cases = summary["cases"].as_u64().expect("cases");
    assert!(cases >= 10, "the demo audits 10-12 cases");
    let area = &summary["by_area"][0];
    let counts: Vec<String> = area["counts"]
        .as_array()
        .expect("counts")
        .iter()
        .map(|c| c.to_string())
        .collect();
    let args = ["audit", "--audit", id_text.as_str()];
    let mut texts = Vec::new();
    for ext in ["docx", "odt"] {
        let out = report(&db, &file, &format!("audit.{ext}"), &args);
        texts.push((ext, document_text(dir, &out)));
    }
    if cfg!(feature = "pdf") {
        let out = report(&db, &file, "audit.pdf", &args);
        texts.push(("pdf", pdf_text(&out)));
    }
    for (ext, text) in &texts {
        assert!(text.contains("Audit report"), "{ext}");
        assert!(
            has_figure(ext, text, "Cases sampled", &cases.to_string()),
            "{ext}: {text}"
        );
        assert!(text.contains("Grades by practice area") && text.contains("Grades by agency"));
        assert!(text.contains("Demo N1-01"), "{ext}: the case references");
        assert!(text.contains("Recommendations"), "{ext}");
    }
    for ext in ["xlsx", "ods"] {
        let out = report(&db, &file, &format!("audit.{ext}"), &args);
        let csv = workbook_csv(dir, &out);
        let name = area["name"].as_str().expect("an area");
        let expected = format!("{name},{},{}", counts.join(","), area["graded"]);
        assert!(
            csv.lines().any(|l| l.starts_with(&expected)),
            "{ext}: no row {expected} in {csv}"
        );
        let agency = summary["by_agency"][0]["name"].as_str().expect("an agency");
        assert!(csv.contains(agency), "{ext}");
    }
}

#[test]
fn the_section11_summary_colours_each_agencys_rating_and_counts_each_standard() {
    if !testkit::program(
        "the Section 11 summary read back",
        &[SOFFICE_WRITER, SOFFICE_CALC, PDFTOTEXT],
    ) {
        return;
    }
    let db = fresh_db();
    let file = demo(&db);
    let dir = db.dir.path();
    // `s11 heatmap --json` prints one cell per agency and standard.
    let heat = json(run_on(&file, &["s11", "heatmap", "--cycle", "2010", "--json"]).ok());
    let cells = heat.as_array().expect("cells");
    let agency = cells[0]["agency"].as_str().expect("an agency");
    assert!(!agency.contains([',', '"']), "a name CSV leaves alone");
    let ratings: Vec<String> = cells
        .iter()
        .filter(|c| c["agency"] == agency)
        .map(|c| capital(c["rating"].as_str().expect("rated")))
        .collect();
    assert_eq!(ratings.len(), 8, "the demo's eight standards");
    let green = cells
        .iter()
        .filter(|c| c["standard"] == "1" && c["rating"] == "green")
        .count();
    let args = ["section11", "--cycle", "2010"];
    for ext in ["xlsx", "ods"] {
        let out = report(&db, &file, &format!("s11.{ext}"), &args);
        let csv = workbook_csv(dir, &out);
        let row = format!("{agency},{}", ratings.join(","));
        assert!(csv.lines().any(|l| l == row), "{ext}: no {row} in {csv}");
        let standard = "Senior management commitment to safeguarding";
        assert!(
            csv.lines()
                .any(|l| l.starts_with(&format!("1. {standard},{green},"))),
            "{ext}: the count of green for standard 1"
        );
    }
    let mut texts = Vec::new();
    for ext in ["docx", "odt"] {
        let out = report(&db, &file, &format!("s11.{ext}"), &args);
        texts.push((ext, document_text(dir, &out)));
    }
    if cfg!(feature = "pdf") {
        let out = report(&db, &file, "s11.pdf", &args);
        texts.push(("pdf", pdf_text(&out)));
    }
    for (ext, text) in &texts {
        assert!(text.contains("Heat map") && text.contains(agency), "{ext}");
        assert!(text.contains("Compared with the previous cycle"), "{ext}");
        assert!(
            has_figure(ext, text, "Returns outstanding", "0"),
            "{ext}: {text}"
        );
    }
}

#[test]
fn the_annual_report_and_board_paper_carry_the_assurance_and_the_public_summary_no_case() {
    let db = fresh_db();
    let file = demo(&db);
    let annual = report(
        &db,
        &file,
        "annual.html",
        &["annual", "--as-at", "2010-03-31"],
    );
    let html = std::fs::read_to_string(annual).expect("written");
    assert!(html.contains("Audits of the year") && html.contains("id=\"audits-of-the-year\""));
    assert!(html.contains("id=\"s11-by-standard\""));
    assert!(html.contains("Demo: Serious case review actions are not completed"));
    assert!(
        !html.contains("Demo N1-") && !html.contains("Demo N2-"),
        "no case"
    );
    let paper = report(
        &db,
        &file,
        "paper.html",
        &["board-paper", "--as-at", "2009-09-17"],
    );
    let html = std::fs::read_to_string(paper).expect("written");
    // As at the meeting, R1 was 3 x 4 = 12 against an appetite of 8.
    assert!(html.contains("id=\"risks-above-appetite\""));
    assert!(html.contains("Demo: Agencies do not attend strategy meetings"));
    assert!(html.contains("12 (high)"));
    let public = report(
        &db,
        &file,
        "public.html",
        &["public", "--as-at", "2010-03-31"],
    );
    let html = std::fs::read_to_string(public).expect("written");
    assert!(!html.contains("Demo N1-") && !html.contains("Demo N2-"));
}

#[test]
fn an_assurance_report_without_its_subject_is_refused_with_the_fix_and_writes_nothing() {
    let db = fresh_db();
    let file = demo(&db);
    let out = db.dir.path().join("nothing.html");
    let o = path_str(&out);
    for (args, says) in [
        (vec!["report", "audit", "--out", o], "add --audit ID"),
        (
            vec!["report", "risk-register", "--audit", "1", "--out", o],
            "--audit is for the audit report",
        ),
        (
            vec!["report", "annual", "--cycle", "2010", "--out", o],
            "--cycle is for the Section 11 summary",
        ),
        (vec!["report", "audit", "--audit", "999", "--out", o], "999"),
        (
            vec!["report", "section11", "--cycle", "1999", "--out", o],
            "s11 cycle add 1999",
        ),
    ] {
        let run = run_on(&file, &args).fails();
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert!(!out.exists(), "{args:?} wrote a file");
    }
}
