//! Renderers: each turns a [`Report`](crate::Report) into one file format. PDF lives in the
//! `reports-pdf` crate (typst is heavy), and the calendar feed in [`crate::calendar`] (it is
//! made from the plan, not from a report).

pub mod csv;
pub mod docx;
pub mod html;
mod odf;
pub mod ods;
pub mod odt;
mod sheets;
pub mod svg;
pub mod text;
pub mod xlsx;
pub(crate) mod xml;
pub(crate) mod zip_fixed;

use std::fmt;
use std::str::FromStr;

use crate::model::Report;

/// A file format a report can be rendered to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Html,
    Pdf,
    Docx,
    Odt,
    Xlsx,
    Ods,
    Csv,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Html,
        Format::Pdf,
        Format::Docx,
        Format::Odt,
        Format::Xlsx,
        Format::Ods,
        Format::Csv,
    ];

    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Xlsx => "xlsx",
            Format::Ods => "ods",
            Format::Csv => "csv",
        }
    }

    /// The media type, for downloads.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Html => "text/html; charset=utf-8",
            Format::Pdf => "application/pdf",
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Odt => "application/vnd.oasis.opendocument.text",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            Format::Csv => "text/csv; charset=utf-8",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for Format {
    type Err = RenderError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let k = s.trim().trim_start_matches('.').to_lowercase();
        Format::ALL
            .into_iter()
            .find(|f| f.extension() == k || (k == "htm" && *f == Format::Html))
            .ok_or_else(|| RenderError::UnknownFormat(s.to_owned()))
    }
}

/// Why a report could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("\"{0}\" is not a report format. Use pdf, docx, odt, html, xlsx, ods or csv.")]
    UnknownFormat(String),
    #[error("PDF is made by the reports-pdf crate; build Boardplan with its `pdf` feature.")]
    PdfNotHere,
    #[error("could not write the spreadsheet: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("could not write the document: {0}")]
    Docx(String),
    #[error("could not write the archive: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("could not write the file: {0}")]
    Io(#[from] std::io::Error),
    #[error("could not write the CSV: {0}")]
    Csv(#[from] ::csv::Error),
}

/// `report` as `format`, except PDF (see the `reports-pdf` crate).
pub fn render(report: &Report, format: Format) -> Result<Vec<u8>, RenderError> {
    match format {
        Format::Html => Ok(html::document(report).into_bytes()),
        Format::Pdf => Err(RenderError::PdfNotHere),
        Format::Docx => docx::render(report),
        Format::Odt => odt::render(report),
        Format::Xlsx => xlsx::render(report),
        Format::Ods => ods::render(report),
        Format::Csv => csv::render(report),
    }
}
