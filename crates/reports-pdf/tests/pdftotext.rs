//! Each report as PDF, read back by a real reader: `pdftotext` finds the titles and figures,
//! and `pdfinfo` finds the document tagged, titled and in PDF/UA-1. Where poppler-utils is not
//! installed the reader tests say `skipped:`, except in CI, where a missing reader fails the
//! test (see `testkit`).

use std::path::Path;
use std::process::Command;

use reports::{ReportKind, build};
use testkit::programs::{PDFINFO, PDFTOTEXT};

const SAMPLE_PLAN: &str =
    include_str!("../../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");

fn kingston(as_at: &str) -> reports::ReportInput {
    let imported = formats::plan_text::import(SAMPLE_PLAN).expect("the sample plan imports");
    reports::sample::input(
        imported.partnership,
        0,
        as_at.parse().expect("a date"),
        "2010-03-31T17:00:00Z".parse().expect("a timestamp"),
    )
}

fn run(tool: &str, args: &[&str], file: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(file)
        .arg("-")
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

fn pdf_of(
    kind: ReportKind,
    as_at: &str,
) -> (tempfile::TempDir, std::path::PathBuf, reports::Report) {
    let report = build(kind, &kingston(as_at));
    let bytes = reports_pdf::render(&report).expect("a PDF");
    assert!(bytes.starts_with(b"%PDF-"));
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join(format!("{kind}.pdf"));
    std::fs::write(&path, bytes).expect("written");
    (dir, path, report)
}

/// pdftotext breaks lines and may hyphenate; compare with all whitespace squeezed.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn every_report_reads_back_from_its_pdf_with_its_title_headings_and_figures() {
    if !testkit::program("every report read back by pdftotext", &[PDFTOTEXT]) {
        return;
    }
    for kind in ReportKind::ALL {
        let (_dir, path, report) = pdf_of(kind, "2010-03-31");
        let text = squeeze(&run("pdftotext", &["-layout"], &path));
        assert!(
            text.contains(&squeeze(kind.title())),
            "{kind}: title missing from {text}"
        );
        assert!(text.contains("Kingston LSCB"), "{kind}");
        for s in &report.sections {
            assert!(
                text.contains(&squeeze(&s.heading)),
                "{kind}: heading {:?} missing",
                s.heading
            );
        }
        for f in report.figures() {
            assert!(
                text.contains(&squeeze(&f.value)),
                "{kind}: figure {} = {} missing",
                f.label,
                f.value
            );
        }
    }
}

#[test]
fn the_board_papers_pdf_shows_rag_words_and_indicator_values() {
    if !testkit::program("the board paper read back by pdftotext", &[PDFTOTEXT]) {
        return;
    }
    let (_dir, path, _) = pdf_of(ReportKind::BoardPaper, "2010-03-31");
    let text = squeeze(&run("pdftotext", &[], &path));
    for expected in [
        "Red (off track)",
        "Blue (complete)",
        "79.3%",
        "NI 65",
        "Decisions for the board",
    ] {
        assert!(text.contains(expected), "{expected} missing");
    }
}

#[test]
fn the_pdf_is_tagged_titled_and_claims_pdf_ua() {
    if !testkit::program("the PDF's tags read by pdfinfo", &[PDFINFO]) {
        return;
    }
    let (_dir, path, _) = pdf_of(ReportKind::Public, "2010-03-31");
    let out = Command::new("pdfinfo").arg(&path).output().expect("runs");
    let info = String::from_utf8_lossy(&out.stdout);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains(
            "Title:           Our improvement plan: a summary for the public: Kingston LSCB"
        ),
        "{info}"
    );
    let meta = Command::new("pdfinfo")
        .arg("-meta")
        .arg(&path)
        .output()
        .expect("runs");
    let xmp = String::from_utf8_lossy(&meta.stdout);
    assert!(
        xmp.contains("pdfuaid:part") || xmp.contains("<pdfuaid:part>1"),
        "no PDF/UA claim in {xmp}"
    );
}

#[test]
fn the_same_report_makes_the_same_pdf_bytes() {
    let report = build(ReportKind::BoardPaper, &kingston("2009-09-17"));
    let a = reports_pdf::render(&report).expect("a PDF");
    let b = reports_pdf::render(&report).expect("a PDF");
    assert_eq!(a, b);
}
