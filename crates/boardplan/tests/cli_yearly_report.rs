//! `boardplan report yearly --year 2009-10` (issue #14, item 5) end to end on the real
//! binary: the demo's yearly report as PDF, DOCX, ODT and HTML, each read back by a real
//! reader (pdftotext for PDF, LibreOffice for DOCX and ODT) and holding its framework's
//! headings, the business manager's narrative, the reasons a recommendation was not
//! implemented and the distribution list; `--check --json` listing the sections without
//! evidence of impact; and, on either database, narratives set from the command line and bad
//! input refused with the fix and nothing written.

use std::path::{Path, PathBuf};
use std::process::Command;

use testkit::programs::{PDFTOTEXT, SOFFICE_WRITER};

use crate::common::{Run, fresh_db, path_str};

fn demo(dir: &Path) -> PathBuf {
    let file = dir.join("demo.db");
    let out = Command::new(env!("CARGO_BIN_EXE_boardplan"))
        .args(["demo", "--no-serve", "--file"])
        .arg(&file)
        .current_dir(dir)
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

/// A document's text as LibreOffice prints it to PDF, read by pdftotext.
fn document_text(dir: &Path, file: &Path) -> String {
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}/lo-profile",
            dir.display()
        ))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.join("out"))
        .arg(file)
        .output()
        .expect("soffice runs");
    assert!(
        out.status.success(),
        "LibreOffice failed on {}",
        file.display()
    );
    pdf_text(
        &dir.join("out")
            .join(file.with_extension("pdf").file_name().expect("a name")),
    )
}

#[test]
fn the_demos_yearly_report_in_every_document_format_holds_its_headings_narrative_reasons_and_distribution()
 {
    if !testkit::program("the yearly report read back", &[SOFFICE_WRITER, PDFTOTEXT]) {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let file = demo(dir);
    run_on(
        &file,
        &[
            "report",
            "yearly",
            "narrative",
            "--year",
            "2009-10",
            "--section",
            "training",
            "--text",
            "Training reached every agency this year.",
        ],
    )
    .ok();
    let list = dir.join("distribution.txt");
    std::fs::write(&list, "Kingston Council Cabinet\nOfsted\n").unwrap();
    run_on(
        &file,
        &[
            "report",
            "yearly",
            "narrative",
            "--year",
            "2009-10",
            "--section",
            "distribution",
            "--file",
            path_str(&list),
        ],
    )
    .ok();
    let mut texts = Vec::new();
    let mut formats = vec!["docx", "odt", "html"];
    if cfg!(feature = "pdf") {
        formats.push("pdf");
    }
    for ext in formats {
        let out = dir.join(format!("yearly.{ext}"));
        let run = run_on(
            &file,
            &[
                "report",
                "yearly",
                "--year",
                "2009-10",
                "--out",
                path_str(&out),
            ],
        )
        .ok();
        assert!(
            run.stderr.contains("Wrote the yearly report for 2009-10"),
            "{}",
            run.stderr
        );
        let text = match ext {
            "pdf" => pdf_text(&out),
            "html" => squeeze(&std::fs::read_to_string(&out).unwrap()),
            _ => document_text(dir, &out),
        };
        texts.push((ext, text));
    }
    for (ext, text) in &texts {
        for heading in [
            "What we set out to do and what we did",
            "Progress on the plan",
            "Performance against comparators",
            "Audits and Section 11",
            "Training and its impact",
            "Child safeguarding practice reviews",
            "Funding",
            "Next year",
            "Distribution",
        ] {
            assert!(text.contains(heading), "{ext} lacks {heading}");
        }
        assert!(
            text.contains("Training reached every agency this year."),
            "{ext}"
        );
        assert!(
            text.contains("could not be staffed"),
            "{ext}: the reasons for not implementing"
        );
        assert!(
            text.contains("Kingston Council Cabinet") && text.contains("Ofsted"),
            "{ext}"
        );
    }
    // An adults board's headings: Schedule 2's items, (g) with the reasons.
    let out = dir.join("adults.html");
    run_on(
        &file,
        &[
            "report",
            "yearly",
            "--year",
            "2009-10",
            "--framework",
            "care-act",
            "--out",
            path_str(&out),
        ],
    )
    .ok();
    let html = squeeze(&std::fs::read_to_string(&out).unwrap());
    assert!(html.contains("(g) Findings not implemented, and why"));
    assert!(html.contains("not implemented because Demo: The Primary Care Trust found"));
}

#[test]
fn check_lists_each_section_with_its_evidence_of_impact_and_fails_while_any_is_flagged() {
    let tmp = tempfile::tempdir().unwrap();
    let file = demo(tmp.path());
    let run = run_on(
        &file,
        &["report", "yearly", "--year", "2009-10", "--check", "--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(v["year"], "2009-10");
    assert_eq!(v["framework"], "working-together");
    let sections = v["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 10);
    let training = sections.iter().find(|s| s["key"] == "training").unwrap();
    assert_eq!(
        training["evidence"], true,
        "the demo has follow-up evaluations"
    );
    let engagement = sections.iter().find(|s| s["key"] == "engagement").unwrap();
    assert_eq!(engagement["evidence"], true);
    let flagged = v["flagged"].as_array().unwrap();
    if flagged.is_empty() {
        run.ok();
    } else {
        let run = run.fails();
        assert!(
            run.stderr.contains("not ready to publish"),
            "{}",
            run.stderr
        );
    }
}

/// The financial year under way: `2026-27` from 1 April 2026.
fn this_year() -> String {
    let d = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::UTC)
        .date();
    let start = if d.month() >= 4 {
        d.year()
    } else {
        d.year() - 1
    };
    format!("{start}-{:02}", (start + 1) % 100)
}

#[test]
fn narratives_are_set_from_the_command_line_and_bad_input_is_refused_with_the_fix() {
    let db = fresh_db();
    // Imported today: the plan is there as at the year under way, not as at 2010.
    db.import_sample();
    let year = this_year();
    db.run(&[
        "report",
        "yearly",
        "narrative",
        "--year",
        &year,
        "--section",
        "summary",
        "--text",
        "Our first year.",
    ])
    .ok();
    let run = db.run(&["report", "yearly", "--year", &year, "--check", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON");
    let summary = v["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["key"] == "summary")
        .unwrap()
        .clone();
    assert_eq!(summary["narrative"], true);
    // Nothing recorded beyond the plan: training, reviews and engagement are flagged.
    let flagged: Vec<&str> = v["flagged"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f.as_str())
        .collect();
    for key in ["training", "case-reviews", "engagement"] {
        assert!(flagged.contains(&key), "{flagged:?}");
    }
    run.fails();

    let before = db.snapshot();
    let out = db.dir.path().join("y.pdf");
    for (args, says) in [
        (
            vec![
                "report",
                "yearly",
                "--year",
                "2009",
                "--out",
                path_str(&out),
            ],
            "--year: \"2009\"",
        ),
        (
            vec!["report", "yearly", "--out", path_str(&out)],
            "add --year YYYY-YY",
        ),
        (
            vec![
                "report",
                "yearly",
                "--year",
                "2009-10",
                "--framework",
                "scotland",
                "--out",
                path_str(&out),
            ],
            "working-together",
        ),
        (
            vec![
                "report",
                "yearly",
                "--year",
                "2009-10",
                "--out",
                path_str(&db.dir.path().join("y.xlsx")),
            ],
            "choose --format pdf, docx, odt or html",
        ),
        (
            vec![
                "report",
                "annual",
                "--year",
                "2009-10",
                "--out",
                path_str(&out),
            ],
            "are for the yearly report",
        ),
        (
            vec![
                "report",
                "yearly",
                "narrative",
                "--year",
                "2009-10",
                "--section",
                "gossip",
                "--text",
                "x",
            ],
            "not a section of the yearly report",
        ),
    ] {
        let run = db.run(&args).fails();
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
    }
    assert!(!out.exists(), "no file written");
    assert_eq!(db.snapshot(), before, "nothing written");
}
