//! Reads the long ("tidy") layout councils' data labs publish and partnerships keep their own
//! measures in: one row per value, with columns `area_code, area_name, period, indicator,
//! measure, unit, value` (Trafford Data Lab's `trafford_themes` files are the model). Other
//! columns (`area_type`, `compared_to_England`…) are allowed and ignored. The same layout is
//! read from the first sheet of an XLSX or ODS workbook.
//!
//! `indicator` (with `measure` where one indicator has several) is matched to the catalogue by
//! code, title or alias; `period` is read as the indicator's period type; `value` is a number,
//! one of DfE's status symbols, or `NA`/blank for missing.

use std::collections::HashMap;
use std::io::Cursor;

use calamine::Reader;

use crate::area::{self, Area, AreaCode, AreaLevel};
use crate::catalogue::{Catalogue, IndicatorCode};
use crate::import::{
    ImportError, ImportErrors, ImportWarning, ImportedValues, ProblemKind, Problems, csv_problem,
    without_bom,
};
use crate::period::{Period, PeriodType};
use crate::value::{Observation, Value};

const REQUIRED: [&str; 4] = ["area_code", "period", "indicator", "value"];
const OPTIONAL: [&str; 3] = ["area_name", "measure", "unit"];

/// Reads a long-layout CSV.
pub fn import_long(
    file: &str,
    bytes: &[u8],
    catalogue: &Catalogue,
) -> Result<ImportedValues, ImportErrors> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(without_bom(bytes));
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| ImportErrors::one(csv_problem(file, &e)))?
        .iter()
        .map(str::to_owned)
        .collect();
    let mut long = LongReader::new(file, header, 0, catalogue)?;
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {
                let line = record.position().map_or(0, csv::Position::line);
                long.row(line, |i| record.get(i).unwrap_or_default());
            }
            Ok(false) => break,
            Err(error) => {
                let recoverable = matches!(error.kind(), csv::ErrorKind::UnequalLengths { .. });
                long.problems.push(csv_problem(file, &error));
                if !recoverable {
                    break;
                }
            }
        }
    }
    long.finish()
}

/// Reads the long layout from the first sheet of an XLSX or ODS workbook (the format is told by
/// the bytes, not the name). Lines in errors are the spreadsheet's row numbers.
pub fn import_spreadsheet(
    file: &str,
    bytes: &[u8],
    catalogue: &Catalogue,
) -> Result<ImportedValues, ImportErrors> {
    let unreadable = |problem: String| {
        ImportErrors::one(ImportError::new(
            file,
            crate::import::ProblemKind::Unreadable,
            problem,
            "Save the workbook as .xlsx or .ods, with the data on the first sheet.",
        ))
    };
    sheets::check_shared_strings(bytes).map_err(|e| {
        ImportErrors::one(ImportError::new(
            file,
            crate::import::ProblemKind::Unreadable,
            refused(&e),
            "Open the workbook in Excel or LibreOffice Calc and save it again, then import the \
             saved copy.",
        ))
    })?;
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        unreadable(format!(
            "The file is not a workbook Boardplan can read ({e})."
        ))
    })?;
    let sheet = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| unreadable("The workbook has no sheets.".to_owned()))?;
    let range = match &mut workbook {
        // Cell by cell, measuring first: calamine's own range of a sheet with one stray cell
        // far from the rest asks for billions of cells and aborts the process.
        calamine::Sheets::Xlsx(book) => sheets::range(book, &sheet).map_err(|e| {
            ImportErrors::one(ImportError::new(
                &format!("{file} (sheet {sheet})"),
                crate::import::ProblemKind::Unreadable,
                refused(&e),
                "Delete the rows and columns beyond the data (select them, Delete, then save), \
                 or save the workbook again in Excel or LibreOffice Calc, and import the saved copy.",
            ))
        })?,
        other => other
            .worksheet_range_at(0)
            .ok_or_else(|| unreadable("The workbook has no sheets.".to_owned()))?
            .map_err(|e| unreadable(format!("The first sheet could not be read ({e}).")))?,
    };
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let place = format!("{file} (sheet {sheet})");

    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .map(|cells| cells.iter().map(|c| c.to_string()).collect())
        .unwrap_or_default();
    let mut long = LongReader::new(&place, header, first_column as usize, catalogue)?;
    let mut cells: Vec<String> = Vec::new();
    for (index, row) in rows.enumerate() {
        cells.clear();
        cells.extend(row.iter().map(|c| c.to_string()));
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        // Header is the range's first row; data rows follow it. Rows are 1-based.
        let line = u64::from(first_row) + index as u64 + 2;
        long.row(line, |i| cells.get(i).map_or("", String::as_str));
    }
    long.finish()
}

/// What is wrong with a sheet [`sheets`] would not read.
fn refused(e: &sheets::SheetError) -> String {
    match e {
        sheets::SheetError::Unreadable => {
            "The first sheet could not be read: it is damaged.".into()
        }
        sheets::SheetError::TooLarge { rows, columns } => format!(
            "The first sheet has cells across {rows} rows by {columns} columns, far more than a \
             file of figures holds (a stray cell far below or to the right of the data?)."
        ),
        sheets::SheetError::TooManyStrings(n) => format!(
            "The workbook is damaged: it says it holds {n} different pieces of text, far more \
             than any sheet could."
        ),
        sheets::SheetError::BadRange(_) => "The first sheet is damaged: a range of cells it \
             declares ends before it starts, or past a sheet's last row or column."
            .into(),
    }
}

struct Columns {
    area_code: usize,
    period: usize,
    indicator: usize,
    value: usize,
    area_name: Option<usize>,
    measure: Option<usize>,
}

/// What a row's indicator and measure cells resolved to.
#[derive(Clone)]
struct Resolved {
    code: IndicatorCode,
    period_type: PeriodType,
}

struct LongReader<'c> {
    file: String,
    header: Vec<String>,
    /// Added to column indexes in errors, for a sheet whose data does not start in column A.
    column_offset: usize,
    columns: Columns,
    catalogue: &'c Catalogue,
    out: ImportedValues,
    problems: Problems,
    resolved: HashMap<(String, String), Option<Resolved>>,
    areas: HashMap<String, AreaCode>,
    seen: HashMap<(IndicatorCode, AreaCode, Period), u64>,
    /// Values for a reorganised authority's code dated before it existed, by area.
    before_existence: HashMap<AreaCode, usize>,
}

impl<'c> LongReader<'c> {
    fn new(
        file: &str,
        header: Vec<String>,
        column_offset: usize,
        catalogue: &'c Catalogue,
    ) -> Result<Self, ImportErrors> {
        let header: Vec<String> = header
            .iter()
            .map(|h| h.trim().to_ascii_lowercase())
            .collect();
        let position = |name: &str| header.iter().position(|h| h == name);
        let mut problems = Problems::default();
        let mut required = [0usize; REQUIRED.len()];
        for (slot, name) in required.iter_mut().zip(REQUIRED) {
            match position(name) {
                Some(index) => *slot = index,
                None => problems.push(
                    ImportError::new(
                        file,
                        ProblemKind::MissingColumn,
                        format!("There is no `{name}` column."),
                        "A long file has the columns area_code, area_name, period, indicator, measure, unit and value \
                         (area_code, period, indicator and value are required).",
                    )
                    .at_line(1),
                ),
            }
        }
        if !problems.is_empty() {
            return Err(problems.into_errors());
        }
        let [area_code, period, indicator, value] = required;
        let mut out = ImportedValues::named(file);
        let ignored: Vec<&str> = header
            .iter()
            .map(String::as_str)
            .filter(|h| !h.is_empty() && !REQUIRED.contains(h) && !OPTIONAL.contains(h))
            .collect();
        if !ignored.is_empty() {
            out.warnings.push(ImportWarning::file(format!(
                "Columns Boardplan does not use were ignored: {}.",
                ignored.join(", ")
            )));
        }
        let columns = Columns {
            area_code,
            period,
            indicator,
            value,
            area_name: position("area_name"),
            measure: position("measure"),
        };
        Ok(Self {
            file: file.to_owned(),
            header,
            column_offset,
            columns,
            catalogue,
            out,
            problems,
            resolved: HashMap::new(),
            areas: HashMap::new(),
            seen: HashMap::new(),
            before_existence: HashMap::new(),
        })
    }

    fn error(
        &self,
        kind: ProblemKind,
        line: u64,
        column: usize,
        problem: String,
        fix: &str,
    ) -> ImportError {
        ImportError::new(&self.file, kind, problem, fix)
            .at_line(line)
            .at_column(column + self.column_offset, &self.header[column])
    }

    fn row<'r>(&mut self, line: u64, cell: impl Fn(usize) -> &'r str) {
        self.out.rows_read += 1;
        let c = &self.columns;
        let (area_column, indicator_column, period_column, value_column) =
            (c.area_code, c.indicator, c.period, c.value);
        let area_text = cell(area_column).trim();
        let area_name = c.area_name.map(&cell).map(str::trim).unwrap_or_default();
        let indicator_text = cell(indicator_column).trim();
        let measure_text = c.measure.map(&cell).map(str::trim).unwrap_or_default();

        let Some(area) = self.area(area_text, area_name) else {
            let problem = match AreaCode::new(area_text) {
                Err(e) => format!("{e}."),
                Ok(_) => format!("`{area_text}` is not a usable area code."),
            };
            let error = self.error(
                ProblemKind::BadArea,
                line,
                area_column,
                problem,
                "Give the area's code, e.g. a GSS code such as E09000021.",
            );
            self.problems.push(error);
            return;
        };

        let Some(indicator) = self.resolve(indicator_text, measure_text) else {
            let measure = if measure_text.is_empty() {
                String::new()
            } else {
                format!(" with measure `{measure_text}`")
            };
            let error = self.error(
                ProblemKind::UnknownIndicator,
                line,
                indicator_column,
                format!("`{indicator_text}`{measure} is not an indicator in the catalogue."),
                "Use an indicator's code (e.g. cin-rate or NI65) or title, or add the indicator to the catalogue first.",
            );
            self.problems.push(error);
            return;
        };

        let period = match Period::parse(cell(period_column), indicator.period_type) {
            Ok(period) => period,
            Err(e) => {
                let error = self.error(
                    ProblemKind::BadPeriod,
                    line,
                    period_column,
                    format!("`{}` is not a {} period.", e.text, e.expected.describe()),
                    &format!("For {}, {}.", indicator.code, e.expected.example()),
                );
                self.problems.push(error);
                return;
            }
        };

        let value_text = cell(value_column);
        let Some(observation) = Observation::from_cell(value_text) else {
            let error = self.error(
                ProblemKind::NonNumeric,
                line,
                value_column,
                format!("`{value_text}` is neither a number nor a status symbol (c, x, u, z, low, k, NA)."),
                "Correct the number, or write the symbol that says why there is none.",
            );
            self.problems.push(error);
            return;
        };

        if let Some(first) = self
            .seen
            .insert((indicator.code.clone(), area.clone(), period), line)
        {
            let error = ImportError::new(
                &self.file,
                ProblemKind::DuplicateRow,
                format!(
                    "This row repeats {} for area {area} in {}, already given on line {first}.",
                    indicator.code,
                    period.long_label()
                ),
                "Remove one of the two rows: a file gives each value once.",
            )
            .at_line(line);
            self.problems.push(error);
            return;
        }
        if AreaLevel::of_code(area.as_str()) == AreaLevel::LocalAuthority
            && !area::existed(area.as_str(), period)
        {
            *self.before_existence.entry(area.clone()).or_default() += 1;
        }
        self.out
            .values
            .push(Value::new(indicator.code, area, period, observation));
    }

    fn area(&mut self, code: &str, name: &str) -> Option<AreaCode> {
        if let Some(area) = self.areas.get(code) {
            return Some(area.clone());
        }
        let area = AreaCode::new(code).ok()?;
        self.areas.insert(code.to_owned(), area.clone());
        self.out.areas.push(Area {
            code: area.clone(),
            name: if name.is_empty() {
                code.to_owned()
            } else {
                name.to_owned()
            },
            level: AreaLevel::of_code(code),
            la_number: None,
            region_code: None,
        });
        Some(area)
    }

    fn resolve(&mut self, indicator: &str, measure: &str) -> Option<Resolved> {
        let key = (indicator.to_owned(), measure.to_owned());
        if let Some(found) = self.resolved.get(&key) {
            return found.clone();
        }
        let found = self
            .catalogue
            .find_long(indicator, measure)
            .map(|i| Resolved {
                code: i.code.clone(),
                period_type: i.period_type,
            });
        self.resolved.insert(key, found.clone());
        found
    }

    fn finish(mut self) -> Result<ImportedValues, ImportErrors> {
        let mut early: Vec<_> = self.before_existence.into_iter().collect();
        early.sort();
        for (area, count) in early {
            let created = area::created_on(area.as_str())
                .map_or_else(String::new, |d| format!(" (created {d})"));
            self.out.warnings.push(ImportWarning::file(format!(
                "{count} values for {area} are for periods before that authority existed{created}. They were kept: \
                 the source has probably given its predecessor's figures under the new code."
            )));
        }
        self.problems.into_result(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::ValueStatus;

    const HEADER: &str = "area_code,area_name,period,indicator,measure,unit,value\n";

    fn import(rows: &str) -> Result<ImportedValues, ImportErrors> {
        import_long(
            "long.csv",
            format!("{HEADER}{rows}").as_bytes(),
            &Catalogue::builtin(),
        )
    }

    #[test]
    fn a_row_naming_a_catalogue_code_becomes_a_value() {
        let values =
            import("E09000021,Kingston upon Thames,2024-25,NI65,Percentage,Persons,12.5\n")
                .unwrap();
        assert_eq!(values.values.len(), 1);
        let value = &values.values[0];
        assert_eq!(value.indicator, "NI65");
        assert_eq!(value.period, Period::year_to_31_march(2025).unwrap());
        assert_eq!(value.number, Some(12.5));
    }

    #[test]
    fn na_is_missing_and_dfe_tokens_keep_their_meaning() {
        let values = import(
            "E09000021,Kingston,2023/24,NI65,,,NA\n\
             E09000021,Kingston,2024/25,NI65,,,c\n",
        )
        .unwrap();
        let statuses: Vec<_> = values.values.iter().map(|v| v.status).collect();
        assert_eq!(statuses, [ValueStatus::Missing, ValueStatus::Suppressed]);
    }

    #[test]
    fn an_unknown_indicator_is_an_error_at_its_cell() {
        let errors =
            import("E09000021,Kingston,2024-25,Happiness,Percentage,Persons,50\n").unwrap_err();
        let error = errors.first().unwrap();
        assert_eq!(error.kind, ProblemKind::UnknownIndicator);
        assert_eq!(error.line, Some(2));
        assert_eq!(error.column.as_ref().unwrap().number, 4);
        assert!(
            error
                .problem
                .contains("`Happiness` with measure `Percentage`"),
            "{}",
            error.problem
        );
    }

    #[test]
    fn a_period_of_the_wrong_shape_is_an_error_with_the_right_shape() {
        let errors = import("E09000021,Kingston,Spring 2024,NI65,,,12\n").unwrap_err();
        let error = errors.first().unwrap();
        assert_eq!(error.kind, ProblemKind::BadPeriod);
        assert!(error.fix.contains("2024-25"), "{}", error.fix);
    }

    #[test]
    fn every_bad_row_is_reported_not_just_the_first() {
        let errors = import(
            "E09000021,Kingston,2024-25,NI65,,,lots\n\
             E09000021,Kingston,2023-24,NI65,,,12\n\
             E09000021,Kingston,2023-24,NI65,,,12\n",
        )
        .unwrap_err();
        let kinds: Vec<_> = errors.errors.iter().map(|e| (e.kind, e.line)).collect();
        assert_eq!(
            kinds,
            [
                (ProblemKind::NonNumeric, Some(2)),
                (ProblemKind::DuplicateRow, Some(4))
            ]
        );
    }

    #[test]
    fn a_file_without_a_value_column_is_refused() {
        let errors = import_long(
            "x.csv",
            b"area_code,period,indicator\n",
            &Catalogue::builtin(),
        )
        .unwrap_err();
        assert_eq!(errors.first().unwrap().kind, ProblemKind::MissingColumn);
    }

    #[test]
    fn a_successor_code_used_for_years_before_it_existed_is_kept_with_a_warning() {
        let values = import("E06000060,Buckinghamshire,2014/15,NI65,,,12\n").unwrap();
        assert_eq!(values.values.len(), 1);
        assert!(
            values
                .warnings
                .iter()
                .any(|w| w.message.contains("E06000060")),
            "{:?}",
            values.warnings
        );
    }

    #[test]
    fn a_spreadsheet_that_is_not_a_workbook_is_unreadable() {
        let errors =
            import_spreadsheet("x.xlsx", b"not a workbook", &Catalogue::builtin()).unwrap_err();
        assert_eq!(errors.first().unwrap().kind, ProblemKind::Unreadable);
    }
}
