//! Boardplan's reports as PDF, typeset inside the binary by typst (no external program at run
//! time). The PDF is tagged and conforms to PDF/UA-1, the accessibility standard public-sector
//! documents are held to: a title, a language, headings in order, tables with header rows,
//! and every chart with alternative text (the same SVG drawings as the HTML, kept as vectors).
//!
//! Deterministic like every other format: the same report gives the same bytes, its dates
//! being the report's generated-at stamp.

mod markup;
mod pack;
mod world;

use reports::Report;
use typst::foundations::Smart;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

pub use markup::source;
pub use pack::render as render_pack;

/// Why typst could not make the PDF. The messages are typst's; they point at a bug in
/// Boardplan (a report is always valid input), never at the user's data.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("could not set up the typesetter")]
    World,
    #[error("could not lay out the report: {0}")]
    Layout(String),
    #[error("could not write the PDF: {0}")]
    Export(String),
}

fn messages(diags: &[typst::diag::SourceDiagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Forget everything typst memoised from earlier renderings, so the next one starts cold (as
/// the first rendering in a process does). For benchmarks; a server has no need to call it.
pub fn clear_cache() {
    typst::comemo::evict(0);
}

/// `report` as a tagged, PDF/UA-1 PDF.
pub fn render(report: &Report) -> Result<Vec<u8>, PdfError> {
    let (source, files) = markup::source(report);
    compile(report, source, files, true)
}

/// Typeset `source` with `files` beside it: tagged always, PDF/UA-1 when `ua` (see `pack` for
/// the one PDF that cannot be).
fn compile(
    report: &Report,
    source: String,
    files: Vec<(String, Vec<u8>)>,
    ua: bool,
) -> Result<Vec<u8>, PdfError> {
    let world = world::ReportWorld::new(source, files).ok_or(PdfError::World)?;
    let document: PagedDocument = typst::compile(&world)
        .output
        .map_err(|e| PdfError::Layout(messages(&e)))?;
    let wanted: &[PdfStandard] = if ua { &[PdfStandard::Ua_1] } else { &[] };
    let standards =
        PdfStandards::new(wanted).map_err(|e| PdfError::Export(e.message().to_string()))?;
    let options = PdfOptions {
        ident: Smart::Custom(format!(
            "boardplan-{}-{}-{}",
            report.kind, report.partnership, report.as_at
        )),
        creator: Smart::Custom(Some("Boardplan".to_owned())),
        standards,
        tagged: true,
        ..PdfOptions::default()
    };
    let pdf = typst_pdf::pdf(&document, &options).map_err(|e| PdfError::Export(messages(&e)))?;
    // Keep typst's memo cache from growing without bound in a long-running server.
    typst::comemo::evict(10);
    Ok(pdf)
}
