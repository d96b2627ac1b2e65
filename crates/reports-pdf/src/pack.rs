//! The meeting pack as one PDF: the pack's report (agenda, papers table, last minutes, action
//! log) typeset as every report is, then each paper the register holds as a PDF, page by
//! page, under a heading that puts it in the outline. Typst places a PDF's pages as images
//! (vectors and text kept, so the papers stay searchable).
//!
//! A PDF with another PDF's pages inside cannot claim PDF/UA-1 (krilla refuses: the pages'
//! own structure is not known), so a pack with papers is tagged but makes no such claim; a
//! pack without papers is PDF/UA-1 like every other report. A paper that cannot be read as a
//! PDF gets a page saying so rather than failing the whole pack.

use std::fmt::Write;

use reports::Report;
use reports::governance::Paper;

use crate::PdfError;
use crate::markup::string;

/// How many pages `bytes` has, if it reads as a PDF.
fn pages(bytes: &[u8]) -> Option<usize> {
    let pdf = hayro_syntax::Pdf::new(bytes.to_vec()).ok()?;
    let n = pdf.pages().len();
    (n > 0).then_some(n)
}

/// The markup placing `papers` after the report, and the files it reads.
pub fn papers_markup(papers: &[Paper]) -> (String, Vec<(String, Vec<u8>)>) {
    let mut out = String::new();
    let mut files = Vec::new();
    for (i, p) in papers.iter().enumerate() {
        let heading = format!("Paper: {}", p.title);
        out.push_str("#pagebreak()\n");
        match pages(&p.bytes) {
            Some(n) => {
                let name = format!("/paper-{}.pdf", i + 1);
                for page in 1..=n {
                    if page > 1 {
                        out.push_str("#pagebreak()\n");
                    }
                    if page == 1 {
                        let _ = writeln!(out, "#heading(level: 1)[#{}]", string(&heading));
                    }
                    let _ = writeln!(
                        out,
                        "#block(width: 100%, height: 1fr)[#image({}, page: {page}, alt: {}, width: 100%, height: 100%, fit: \"contain\")]",
                        string(&name),
                        string(&format!("{heading}, page {page} of {n}"))
                    );
                }
                files.push((name, p.bytes.clone()));
            }
            None => {
                let _ = writeln!(
                    out,
                    "#heading(level: 1)[#{}]\n\n#{}\n",
                    string(&heading),
                    string(
                        "This paper could not be read as a PDF, so its pages are not included. Open it from the document register."
                    )
                );
            }
        }
    }
    (out, files)
}

/// `report` (a meeting pack) with `papers` after it, as one PDF.
pub fn render(report: &Report, papers: &[Paper]) -> Result<Vec<u8>, PdfError> {
    if papers.is_empty() {
        return crate::render(report);
    }
    let (mut source, mut files) = crate::markup::source(report);
    let (more, paper_files) = papers_markup(papers);
    source.push_str(&more);
    files.extend(paper_files);
    crate::compile(report, source, files, false)
}
