//! One uploaded or named file of indicators, whatever its layout: DfE's CSV, long CSV, XLSX or
//! ODS in the long layout, or DfE's statistical neighbours model. The layout is told from the
//! file's name and header row unless the person says; every front door (CLI, web page, API)
//! reads files through here, so they accept and refuse the same files.

use serde::Serialize;

use crate::catalogue::Catalogue;
use crate::import::{CsvLayout, ImportError, ImportErrors, ImportedValues, ProblemKind};
use crate::neighbours::StatNeighbours;

/// The layouts Boardplan reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    /// DfE's published CSV layout (`time_period`, `geographic_level`, …).
    Dfe,
    /// Long CSV: `area_code, area_name, period, indicator, measure, unit, value`.
    Long,
    /// An XLSX workbook in the long layout.
    Xlsx,
    /// An ODS workbook in the long layout.
    Ods,
    /// DfE's statistical neighbours model (`sn_model` wide layout).
    Neighbours,
}

impl FileFormat {
    pub const ALL: [FileFormat; 5] = [
        FileFormat::Dfe,
        FileFormat::Long,
        FileFormat::Xlsx,
        FileFormat::Ods,
        FileFormat::Neighbours,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FileFormat::Dfe => "dfe",
            FileFormat::Long => "long",
            FileFormat::Xlsx => "xlsx",
            FileFormat::Ods => "ods",
            FileFormat::Neighbours => "neighbours",
        }
    }

    pub fn parse(text: &str) -> Option<FileFormat> {
        FileFormat::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(text.trim()))
    }

    /// For a page or a message.
    pub fn describe(self) -> &'static str {
        match self {
            FileFormat::Dfe => "DfE's published CSV layout",
            FileFormat::Long => "long CSV (area_code, period, indicator, value)",
            FileFormat::Xlsx => "XLSX workbook in the long layout",
            FileFormat::Ods => "ODS workbook in the long layout",
            FileFormat::Neighbours => "DfE's statistical neighbours model",
        }
    }
}

/// What a file holds, read and checked.
#[derive(Debug, Clone)]
pub enum FileContents {
    Values(ImportedValues),
    Neighbours(StatNeighbours),
}

fn is_neighbours_model(bytes: &[u8]) -> bool {
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let header = String::from_utf8_lossy(header);
    header.contains("old_la_code") && header.contains("SN_1")
}

/// The layout a file's name and header row show, if any.
pub fn detect_format(name: &str, bytes: &[u8]) -> Option<FileFormat> {
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".xlsx") || lower.ends_with(".xlsm") {
        return Some(FileFormat::Xlsx);
    }
    if lower.ends_with(".ods") {
        return Some(FileFormat::Ods);
    }
    if is_neighbours_model(bytes) {
        return Some(FileFormat::Neighbours);
    }
    match crate::import::detect_layout(bytes)? {
        CsvLayout::Dfe => Some(FileFormat::Dfe),
        CsvLayout::Long => Some(FileFormat::Long),
    }
}

/// Reads `bytes` (named `name`) in `format`, or in the layout it shows. All or nothing: any
/// problem, each with its place, and no values.
pub fn read_file(
    name: &str,
    bytes: &[u8],
    format: Option<FileFormat>,
    catalogue: &Catalogue,
) -> Result<(FileFormat, FileContents), ImportErrors> {
    let format = match format.or_else(|| detect_format(name, bytes)) {
        Some(format) => format,
        None => {
            return Err(ImportErrors::one(
                ImportError::new(
                    name,
                    ProblemKind::UnknownLayout,
                    "The header row is not one Boardplan knows: DfE's layout starts time_period, \
                     geographic_level, …; the long layout has area_code, period, indicator and \
                     value; the neighbours model has old_la_code and SN_1 to SN_10.",
                    "Check that the first line is the header row, or choose the format.",
                )
                .at_line(1),
            ));
        }
    };
    let contents = match format {
        FileFormat::Dfe => FileContents::Values(crate::import_dfe(name, bytes, catalogue)?),
        FileFormat::Long => FileContents::Values(crate::import_long(name, bytes, catalogue)?),
        FileFormat::Xlsx | FileFormat::Ods => {
            FileContents::Values(crate::import_spreadsheet(name, bytes, catalogue)?)
        }
        FileFormat::Neighbours => FileContents::Neighbours(StatNeighbours::from_csv(name, bytes)?),
    };
    Ok((format, contents))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_is_told_from_the_name_and_the_header() {
        assert_eq!(detect_format("a.XLSX", b""), Some(FileFormat::Xlsx));
        assert_eq!(detect_format("a.ods", b""), Some(FileFormat::Ods));
        assert_eq!(
            detect_format("sn.csv", b"\xEF\xBB\xBFold_la_code,la_name,SN_1,SN_1P\n"),
            Some(FileFormat::Neighbours)
        );
        assert_eq!(
            detect_format("x.csv", b"time_period,geographic_level\n"),
            Some(FileFormat::Dfe)
        );
        assert_eq!(detect_format("x.csv", b"name,age\n"), None);
    }

    #[test]
    fn a_file_of_no_known_layout_is_refused_at_line_one() {
        let errors = read_file("x.csv", b"name,age\n", None, &Catalogue::builtin()).unwrap_err();
        let first = errors.first().unwrap();
        assert_eq!((first.file.as_str(), first.line), ("x.csv", Some(1)));
        assert_eq!(first.kind, ProblemKind::UnknownLayout);
    }

    #[test]
    fn every_format_reads_back_from_its_name() {
        for format in FileFormat::ALL {
            assert_eq!(FileFormat::parse(format.as_str()), Some(format));
        }
        assert_eq!(FileFormat::parse("csv"), None);
    }
}
