//! Plans as boards keep them: tables in Word (.docx), OpenDocument (.odt, .ods), Excel
//! (.xlsx), CSV and PDF files, in the board's own layout rather than Boardplan's export.
//!
//! Two layers. Readers turn a document into blocks, headings and tables of text (`docx`,
//! `odt` for ODT and ODS, `sheets` for XLSX and CSV, over `zipped` and `xml`; `pdf` for
//! a PDF's ruled tables; merged cells
//! already undone, see `grid`). Then the tables become a plan whatever the file was:
//! `columns` says what each heading means and `mapping` reads a heading row with it, `rows`
//! reads the rows under it into `items` (objective headings between tables and across rows,
//! owners by `owners`, ratings by `status`), `ids` decides numbers and ids with the whole
//! document in view (`numbering` reads them), and `plan` makes the
//! partnership. `preview` is what a dry run shows; `overrides` is what the person
//! importing says over what was recognised (`--map`, `--status-scale`); `dated` is the day a
//! document says it was saved (the date its status speaks for, unless told otherwise).
//!
//! Nothing is dropped quietly: a column with no meaning here is kept on each action as a
//! labelled note, every guess is an `Inferred` entry and every oddity a warning, each
//! naming its table and row.

mod columns;
mod dated;
mod docx;
pub mod grid;
mod ids;
mod items;
mod mapping;
mod numbering;
mod odt;
mod overrides;
mod owners;
mod pdf;
mod plan;
mod preview;
mod rows;
mod sheets;
mod status;
mod xml;
mod zipped;

use domain::{ImportReport, Inferred, Partnership, Warning, WarningKind};
use serde::Serialize;

pub use columns::{Field, recognise};
pub use dated::document_date;
pub use items::Note;
pub use mapping::{ColumnUse, Mapping};
pub use overrides::{FIELD_NAMES, Overrides, RATING_NAMES, ScaleEntry, field_name};
pub use preview::{PreviewAction, PreviewObjective};

use crate::plan_rows::Column;
use crate::{FormatError, Place};

/// The kinds of file read here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Odt,
    Xlsx,
    Ods,
    Csv,
    /// A PDF with a text layer, its tables ruled (as Word and LibreOffice print them).
    Pdf,
}

impl Format {
    /// From a file name's extension.
    pub fn from_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "docx" => Self::Docx,
            "odt" => Self::Odt,
            "xlsx" => Self::Xlsx,
            "ods" => Self::Ods,
            "csv" => Self::Csv,
            "pdf" => Self::Pdf,
            _ => return None,
        })
    }
}

/// Warnings and inferences gathered while reading.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub warnings: Vec<Warning>,
    pub inferred: Vec<Inferred>,
}

impl Found {
    pub(crate) fn infer(&mut self, line: usize, what: String) {
        self.inferred.push(Inferred { line, what });
    }

    pub(crate) fn warn(&mut self, line: usize, message: String) {
        self.warn_kind(line, WarningKind::Other, message);
    }

    pub(crate) fn warn_kind(&mut self, line: usize, kind: WarningKind, message: String) {
        self.warnings.push(Warning {
            line,
            kind,
            message,
        });
    }
}

/// What a dry run shows: how the columns were read, then every objective and action.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    pub title: String,
    pub board: String,
    pub period: domain::Period,
    pub mappings: Vec<Mapping>,
    /// How status values are read: `--status-scale` first, then the key the document prints.
    pub status_scale: Vec<ScaleEntry>,
    pub objectives: Vec<PreviewObjective>,
}

/// A plan read from a board's tables.
#[derive(Debug, Clone)]
pub struct Imported {
    pub partnership: Partnership,
    pub report: ImportReport,
    pub preview: Preview,
}

/// The headings and tables of a document.
pub fn blocks(format: Format, bytes: &[u8]) -> Result<Vec<grid::Block>, FormatError> {
    FormatError::check_size(bytes.len())?;
    match format {
        Format::Docx => docx::read(bytes),
        Format::Odt => odt::read(bytes),
        Format::Xlsx => sheets::read_xlsx(bytes),
        Format::Ods => odt::read_spreadsheet(bytes),
        Format::Csv => sheets::read_csv(bytes),
        Format::Pdf => pdf::read(bytes),
    }
}

/// Read a board's plan from its tables. `file_name` names the plan when nothing above its
/// tables does.
pub fn import(format: Format, bytes: &[u8], file_name: &str) -> Result<Imported, FormatError> {
    import_with(format, bytes, file_name, &Overrides::default())
}

/// [`import`] with the person's overrides of the column and status mappings.
pub fn import_with(
    format: Format,
    bytes: &[u8],
    file_name: &str,
    overrides: &Overrides,
) -> Result<Imported, FormatError> {
    let blocks = blocks(format, bytes)?;
    from_blocks_with(&blocks, file_name, overrides)
}

/// Read a plan from blocks already read (the second layer alone).
pub fn from_blocks(blocks: &[grid::Block], file_name: &str) -> Result<Imported, FormatError> {
    from_blocks_with(blocks, file_name, &Overrides::default())
}

/// [`from_blocks`] with overrides.
pub fn from_blocks_with(
    blocks: &[grid::Block],
    file_name: &str,
    overrides: &Overrides,
) -> Result<Imported, FormatError> {
    let mut found = Found::default();
    let read = rows::read(blocks, overrides, &mut found);
    if read.tables > 0 {
        overrides::check_headings(blocks, &read.mappings, overrides)?;
    }
    if read.tables == 0 || blocks_are_empty(blocks) {
        return Err(FormatError::new(
            Place::Document,
            "no table was found in it; Boardplan reads a plan's actions from a table.",
            "Put the actions in a table with a heading row (for example Action | Lead | Timescale | Status) and import it again; a plan written as text can be saved as .txt and imported.",
        ));
    }
    if read.mappings.is_empty() {
        return Err(FormatError::new(
            Place::Document,
            format!(
                "no table has a column that could hold actions: no heading row names one (such as \"Action\", \"What we will do\", \"Specific actions\", \"Recommendation\" or \"Outcome\"){}.",
                seen_headings(blocks)
            ),
            "Add a heading row above the actions naming each column, for example Action | Lead | Timescale | Status, and import it again.",
        ));
    }
    for (value, _) in &overrides.scale {
        if !read.scale_used.contains(&columns::words(value)) {
            found.warn(
                0,
                format!("--status-scale gives a rating to \"{value}\", but no status cell holds it; check the value, or the column --map status= names."),
            );
        }
    }
    let objectives = ids::assign(read.items, &mut found);
    if objectives.iter().all(|o| o.actions.is_empty()) {
        return Err(FormatError::new(
            Place::Document,
            format!(
                "the table headed at {} has no action rows under its heading row.",
                read.mappings[0].place
            ),
            "Check that this is the plan, with its actions in rows under the headings, and import it again.",
        ));
    }
    let front = plan::front(&read.preamble, &objectives, file_name, &mut found)?;
    let (title, board, period) = (front.title.clone(), front.board.clone(), front.period);
    let (partnership, shown) = plan::build(front, objectives, &mut found);
    let mut report = ImportReport {
        warnings: found.warnings,
        inferred: found.inferred,
        ..ImportReport::default()
    };
    report.count(&partnership);
    Ok(Imported {
        partnership,
        report,
        preview: Preview {
            title,
            board,
            period,
            mappings: read.mappings,
            status_scale: overrides::scale(overrides, &read.key),
            objectives: shown,
        },
    })
}

fn blocks_are_empty(blocks: &[grid::Block]) -> bool {
    blocks.iter().all(|b| match b {
        grid::Block::Heading(_) => true,
        grid::Block::Table(t) => t.rows.iter().flatten().all(|c| c.trim().is_empty()),
    })
}

/// ": the first row of table 1 reads "Name | Date"", to show what was there.
pub(crate) fn seen_headings(blocks: &[grid::Block]) -> String {
    blocks
        .iter()
        .find_map(|b| match b {
            grid::Block::Table(t) => t
                .rows
                .iter()
                .find(|r| r.iter().any(|c| !c.trim().is_empty()))
                .map(|r| format!("; the first row of {} reads \"{}\"", t.name, r.join(" | "))),
            grid::Block::Heading(_) => None,
        })
        .unwrap_or_default()
}

/// Whether a CSV or XLSX file is a sheet in Boardplan's own export layout, which edits a
/// stored plan, rather than a board's own plan to be read here: a row with at least half
/// the export's headings, exactly as it writes them ("Objective title", "Action id"…). A
/// sheet exported and then cut about (a column deleted) is still the export's, so that its
/// error names the missing column.
pub fn is_export_sheet(format: Format, bytes: &[u8]) -> bool {
    let Ok(blocks) = blocks(format, bytes) else {
        // Unreadable: the export's reader gives its own error.
        return true;
    };
    blocks.iter().any(|b| match b {
        grid::Block::Table(t) => t.rows.iter().take(50).any(|row| {
            let matched = Column::ALL
                .iter()
                .filter(|c| {
                    row.iter()
                        .any(|cell| Column::from_heading(cell) == Some(**c))
                })
                .count();
            matched * 2 >= Column::ALL.len()
        }),
        grid::Block::Heading(_) => false,
    })
}
