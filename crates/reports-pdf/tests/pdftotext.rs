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

/// The sample meeting (`reports::governance::sample`) on the Kingston input.
fn meeting_input() -> reports::ReportInput {
    let mut input = kingston("2010-03-31");
    input.governance = reports::governance::sample::governance();
    input
}

#[test]
fn the_meeting_pack_is_one_pdf_with_its_agenda_minutes_action_log_and_the_paper_s_own_pages() {
    if !testkit::program(
        "the meeting pack read back by pdftotext",
        &[PDFTOTEXT, PDFINFO],
    ) {
        return;
    }
    // The paper: any PDF will do; the public summary is one with words of its own.
    let paper =
        reports_pdf::render(&build(ReportKind::Public, &kingston("2010-03-31"))).expect("a paper");
    let report = build(ReportKind::MeetingPack, &meeting_input());
    let papers = [
        reports::governance::Paper {
            title: "Training strategy".to_owned(),
            bytes: paper,
        },
        reports::governance::Paper {
            title: "A broken file".to_owned(),
            bytes: b"%PDF-1.7 not really".to_vec(),
        },
    ];
    let bytes = reports_pdf::render_pack(&report, &papers).expect("a pack");
    let dir = tempfile::tempdir().expect("a temp dir");
    let path = dir.path().join("pack.pdf");
    std::fs::write(&path, &bytes).expect("written");
    let text = squeeze(&run("pdftotext", &[], &path));
    for expected in [
        "Meeting pack",
        "Board meeting, 16 September 2009",
        "Training strategy 2009-12",
        "Included: \"Training strategy\" (version 2), after the action log",
        "Minutes of the last meeting, 17 June 2009",
        "The board agreed its terms of reference.",
        "Circulate the training strategy to every agency",
        "Paper: Training strategy",
        // The paper's own words, from its embedded pages.
        "Our improvement plan: a summary for the public",
        "Paper: A broken file",
        "This paper could not be read as a PDF",
    ] {
        assert!(text.contains(expected), "{expected} missing from {text}");
    }
    let pages = |bytes: &[u8], name: &str| -> (usize, String) {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).expect("written");
        let out = Command::new("pdfinfo").arg(&file).output().expect("runs");
        let info = String::from_utf8_lossy(&out.stdout).to_string();
        let n = info
            .lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("a page count");
        (n, info)
    };
    let (all, info) = pages(&bytes, "pack-again.pdf");
    let (alone, _) = pages(&reports_pdf::render(&report).expect("a PDF"), "alone.pdf");
    let (paper_pages, _) = pages(&papers[0].bytes, "paper.pdf");
    assert_eq!(
        all,
        alone + paper_pages + 1,
        "the pack's own pages, each of the paper's, and one saying the broken file was left out"
    );
    assert!(info.contains("Tagged:          yes"), "{info}");
}

#[test]
fn a_pack_without_papers_is_the_report_alone_and_claims_pdf_ua() {
    let report = build(ReportKind::MeetingPack, &meeting_input());
    assert_eq!(
        reports_pdf::render_pack(&report, &[]).expect("a pack"),
        reports_pdf::render(&report).expect("a PDF")
    );
}
