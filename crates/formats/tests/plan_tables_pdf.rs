//! Plans printed to PDF: the layouts of `plan_tables_layouts` written as Word documents,
//! printed to PDF by LibreOffice (as a board's business manager would with "Save as PDF"),
//! and read back from their ruled tables into the same actions the Word file gives. Then a
//! table long enough to run over pages, a PDF with no text (a scan), and a broken file.

use std::path::Path;
use std::process::Command;

use formats::FormatError;
use formats::plan_tables::{self, Format, Imported};
use testkit::programs::SOFFICE_WRITER;

use crate::plan_tables_fixtures::{Part, docx, row};
use crate::plan_tables_layouts::{p1_parts, p2_parts, read};

/// Each DOCX printed to PDF by LibreOffice, in one run; `None` when LibreOffice is missing
/// outside CI (the test is skipped, and says so).
fn printed(docs: &[(&str, Vec<u8>)]) -> Option<Vec<Vec<u8>>> {
    if !testkit::program("plans printed to PDF by LibreOffice", &[SOFFICE_WRITER]) {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("profile");
    let mut soffice = Command::new("soffice");
    soffice
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path());
    for (name, bytes) in docs {
        let path = dir.path().join(format!("{name}.docx"));
        std::fs::write(&path, bytes).unwrap();
        soffice.arg(path);
    }
    let out = soffice.output().expect("run soffice");
    assert!(out.status.success(), "soffice: {out:?}");
    Some(
        docs.iter()
            .map(|(name, _)| pdf(&dir.path().join(format!("{name}.pdf"))))
            .collect(),
    )
}

fn pdf(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What a plan's reading comes to, with the text's line breaks and spaces made one: a PDF
/// shows where the page wrapped a line, not always where the writer broke it.
fn summary(i: &Imported) -> Vec<(String, String, String, Vec<String>, String, String)> {
    let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    i.preview
        .objectives
        .iter()
        .flat_map(|o| o.actions.iter().map(move |a| (o, a)))
        .map(|(o, a)| {
            (
                format!("{} {}", o.number, flat(&o.title)),
                a.id.clone(),
                flat(&a.text),
                a.leads.clone(),
                a.due.map(|d| d.to_string()).unwrap_or_default(),
                format!("{:?}", a.status),
            )
        })
        .collect()
}

#[test]
fn word_plans_printed_to_pdf_read_as_the_word_files_do() {
    let layouts = [("brightwater", p1_parts()), ("eastbrook", p2_parts())];
    let docs: Vec<(&str, Vec<u8>)> = layouts.iter().map(|(n, p)| (*n, docx(p))).collect();
    let Some(pdfs) = printed(&docs) else { return };
    for ((name, word), pdf) in docs.iter().zip(pdfs) {
        let from_word = read(Format::Docx, word, &format!("{name}.docx"));
        let from_pdf = read(Format::Pdf, &pdf, &format!("{name}.pdf"));
        assert_eq!(summary(&from_pdf), summary(&from_word), "{name}");
        assert_eq!(
            from_pdf.partnership.plans[0].title, from_word.partnership.plans[0].title,
            "{name}: the title above the tables"
        );
    }
}

#[test]
fn a_table_running_over_pages_is_one_table_with_every_row() {
    let texts: Vec<String> = (1..=70)
        .map(|n| format!("1.{n} Deliver part {n} of the early help offer to every school"))
        .collect();
    let mut rows = vec![row(&["Action", "Lead", "By when", "RAG"])];
    for (n, t) in texts.iter().enumerate() {
        let rag = ["Green", "Amber", "Red"][n % 3];
        rows.push(row(&[t, "Head of Early Help", "March 2013", rag]));
    }
    let parts = vec![
        Part::Para("Northmoor LSCB Business Plan 2012-13"),
        Part::Para("Priority 1: Early help"),
        Part::Table(rows),
    ];
    let Some(pdfs) = printed(&[("northmoor", docx(&parts))]) else {
        return;
    };
    let blocks = plan_tables::blocks(Format::Pdf, &pdfs[0]).unwrap();
    let tables = blocks
        .iter()
        .filter(|b| matches!(b, plan_tables::grid::Block::Table(_)))
        .count();
    assert_eq!(tables, 1, "the pages' parts are one table: {blocks:?}");
    let imported = read(Format::Pdf, &pdfs[0], "northmoor.pdf");
    let actions = &imported.preview.objectives[0].actions;
    assert_eq!(actions.len(), 70);
    assert_eq!(actions[69].id, "1.70");
    assert_eq!(
        actions[69].text,
        "Deliver part 70 of the early help offer to every school"
    );
    assert_eq!(actions[69].leads, ["Head of Early Help"]);
    assert!(
        !imported
            .partnership
            .plans
            .iter()
            .flat_map(|p| &p.objectives)
            .any(|o| o.title.contains("Page")),
        "page numbers are not the plan"
    );
}

fn refused(bytes: &[u8]) -> FormatError {
    plan_tables::import(Format::Pdf, bytes, "plan.pdf").expect_err("refused")
}

#[test]
fn a_pdf_without_text_is_refused_as_a_scan() {
    let parts = vec![Part::Para("")];
    let Some(pdfs) = printed(&[("scan", docx(&parts))]) else {
        return;
    };
    let e = refused(&pdfs[0]).to_string();
    assert!(e.contains("no text") && e.contains("scan"), "{e}");
    assert!(e.contains("OCR"), "the fix names what a scan needs: {e}");
}

#[test]
fn a_pdf_whose_table_has_no_borders_says_why_it_was_not_found() {
    let parts = vec![
        Part::Para("Westvale LSCB Business Plan 2013-14"),
        Part::Para("1.1 Publish the strategy. Lead: Chair. By March 2014."),
    ];
    let Some(pdfs) = printed(&[("westvale", docx(&parts))]) else {
        return;
    };
    let e = refused(&pdfs[0]).to_string();
    assert!(e.contains("no table was found in this PDF"), "{e}");
    assert!(e.contains("borders"), "{e}");
}

#[test]
fn a_broken_pdf_is_refused_with_a_fix() {
    for bytes in [
        &b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"[..],
        &b"%PDF-1.4\n\x00\x01garbage"[..],
        &b""[..],
    ] {
        let e = refused(bytes).to_string();
        assert!(
            e.contains("cannot be read") || e.contains("no text") || e.contains("empty"),
            "{e}"
        );
    }
}
