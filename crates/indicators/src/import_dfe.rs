//! Reads DfE's published CSV layout: one row per period and area (`time_period`,
//! `time_identifier`, `geographic_level`, `country_code`, `region_code`, `old_la_code`,
//! `new_la_code`, `la_name`…) and one column per measure.
//!
//! The file is recognised by its columns ([`Dataset::signature`]), and each row is mapped to
//! (indicator, area, period, value) through the catalogue's column mapping. A file that is long
//! in a dimension (children looked after has a row per `population_type`) is handled by the
//! mapping's row filter. The area is England's code for `National` rows, the region's for
//! `Regional` rows and `new_la_code` for `Local authority` rows; other levels are skipped with a
//! warning. Status tokens (`c`, `x`, `u`, `z`, `low`, `k`) are kept as statuses.
//!
//! Rows are read into one reused `ByteRecord` and area codes are interned, so a load of the
//! nine real files allocates little more than the values themselves.

use std::collections::HashMap;

use crate::area::{self, Area, AreaCode, AreaLevel};
use crate::catalogue::{Catalogue, Dataset, IndicatorCode};
use crate::import::{
    ImportError, ImportErrors, ImportWarning, ImportedValues, ProblemKind, Problems, csv_problem,
    without_bom,
};
use crate::period::{Period, PeriodType};
use crate::value::{Observation, Value};

/// Columns every DfE file must have.
const REQUIRED: [&str; 6] = [
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "region_code",
    "new_la_code",
];

/// Columns that describe the row rather than measure anything.
const DESCRIPTIVE: [&str; 5] = [
    "country_name",
    "region_name",
    "old_la_code",
    "la_name",
    "category",
];

/// The `time_identifier`s that mean a yearly period Boardplan reads from `time_period`.
const YEARLY: [&[u8]; 3] = [b"Reporting year", b"Financial year", b"Calendar year"];

/// Reads one DfE file. `file` is the name used in errors and revisions.
pub fn import_dfe(
    file: &str,
    bytes: &[u8],
    catalogue: &Catalogue,
) -> Result<ImportedValues, ImportErrors> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(without_bom(bytes));
    let header: Vec<String> = reader
        .byte_headers()
        .map_err(|e| ImportErrors::one(csv_problem(file, &e)))?
        .iter()
        .map(|h| String::from_utf8_lossy(h).trim().to_owned())
        .collect();
    let layout = Layout::read(file, &header, catalogue)?;

    let mut out = ImportedValues::named(file);
    out.values.reserve(bytes.len() / 8);
    if !layout.unused.is_empty() {
        out.warnings.push(ImportWarning::file(format!(
            "Columns not in the catalogue, so not imported: {}.",
            layout.unused.join(", ")
        )));
    }

    let mut problems = Problems::default();
    let mut areas: HashMap<Vec<u8>, AreaCode> = HashMap::new();
    let mut seen: HashMap<(usize, AreaCode, Period), u64> = HashMap::new();
    let mut periods: Vec<Option<Period>> = vec![None; layout.period_types.len()];
    let mut skipped_levels: HashMap<String, usize> = HashMap::new();
    let mut before_existence: HashMap<AreaCode, usize> = HashMap::new();
    let mut record = csv::ByteRecord::new();

    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                let recoverable = matches!(error.kind(), csv::ErrorKind::UnequalLengths { .. });
                problems.push(csv_problem(file, &error));
                if recoverable {
                    continue;
                }
                break;
            }
        }
        out.rows_read += 1;
        let line = record.position().map_or(0, csv::Position::line);
        let field = |i: usize| trim(record.get(i).unwrap_or_default());
        let problem = |kind, column: usize, problem: String, fix: &str| {
            ImportError::new(file, kind, problem, fix)
                .at_line(line)
                .at_column(column, &header[column])
        };

        let identifier = field(layout.time_identifier);
        if !YEARLY.contains(&identifier) {
            problems.push(problem(
                ProblemKind::BadPeriod,
                layout.time_identifier,
                format!("time_identifier `{}` is not a yearly period.", lossy(identifier)),
                "Boardplan reads DfE files whose time_identifier is Reporting year, Financial year or Calendar year.",
            ));
            continue;
        }

        let level = field(layout.geographic_level);
        let code_column = match level {
            b"National" => layout.country_code,
            b"Regional" => layout.region_code,
            b"Local authority" => layout.new_la_code,
            other => {
                *skipped_levels.entry(lossy(other)).or_default() += 1;
                continue;
            }
        };
        let area = match areas.get(field(code_column)) {
            Some(area) => area.clone(),
            None => match new_area(&layout, &record, code_column) {
                Ok(area) => {
                    areas.insert(field(code_column).to_vec(), area.code.clone());
                    let code = area.code.clone();
                    out.areas.push(area);
                    code
                }
                Err(reason) => {
                    problems.push(problem(
                        ProblemKind::BadArea,
                        code_column,
                        reason,
                        "Give the area's GSS code (e.g. E09000021) as DfE publishes it.",
                    ));
                    continue;
                }
            },
        };

        let period_text = std::str::from_utf8(field(layout.time_period)).unwrap_or_default();
        let mut period_ok = true;
        for (slot, &period_type) in periods.iter_mut().zip(&layout.period_types) {
            *slot = Period::parse(period_text, period_type).ok();
            period_ok &= slot.is_some();
        }
        if !period_ok {
            problems.push(problem(
                ProblemKind::BadPeriod,
                layout.time_period,
                format!(
                    "time_period `{}` is not a year Boardplan can read.",
                    lossy(field(layout.time_period))
                ),
                "DfE writes a reporting year as 2025, or a financial year as 202425.",
            ));
            continue;
        }

        let early = periods
            .first()
            .copied()
            .flatten()
            .is_some_and(|p| !area::existed(area.as_str(), p));
        let mut duplicate_reported = false;
        for (index, measure) in layout.measures.iter().enumerate() {
            if let Some((column, wanted)) = &measure.filter
                && field(*column) != wanted.as_slice()
            {
                continue;
            }
            let Some(period) = periods[measure.period_slot] else {
                continue;
            };
            let cell = field(measure.column);
            let Some(observation) = std::str::from_utf8(cell)
                .ok()
                .and_then(Observation::from_cell)
            else {
                problems.push(problem(
                    ProblemKind::NonNumeric,
                    measure.column,
                    format!(
                        "`{}` is neither a number nor one of DfE's status symbols (c, x, u, z, low, k).",
                        lossy(cell)
                    ),
                    "Correct the number, or write the symbol that says why there is none.",
                ));
                continue;
            };
            if let Some(first) = seen.insert((index, area.clone(), period), line) {
                if !duplicate_reported {
                    problems.push(
                        ImportError::new(
                            file,
                            ProblemKind::DuplicateRow,
                            format!(
                                "This row repeats area {area} for {} (indicator {}), already given on line {first}.",
                                period.long_label(),
                                measure.code
                            ),
                            "Remove one of the two rows: a file gives each value once.",
                        )
                        .at_line(line),
                    );
                    duplicate_reported = true;
                }
                continue;
            }
            if early && observation.number.is_some() {
                *before_existence.entry(area.clone()).or_default() += 1;
            }
            out.values.push(Value::new(
                measure.code.clone(),
                area.clone(),
                period,
                observation,
            ));
        }
    }

    let mut skipped: Vec<_> = skipped_levels.into_iter().collect();
    skipped.sort();
    for (level, rows) in skipped {
        out.warnings.push(ImportWarning::file(format!(
            "{rows} rows at geographic level `{level}` were skipped: Boardplan reads National, Regional and Local authority rows."
        )));
    }
    let mut early: Vec<_> = before_existence.into_iter().collect();
    early.sort();
    for (area, count) in early {
        out.warnings.push(ImportWarning::file(format!(
            "{count} values for {area} are for periods before that authority existed; they were kept, as DfE \
             gives the new code to its predecessor's figures."
        )));
    }
    problems.into_result(out)
}

/// One measure column and where its values go.
struct Measure {
    code: IndicatorCode,
    column: usize,
    filter: Option<(usize, Vec<u8>)>,
    /// Index into `Layout::period_types`.
    period_slot: usize,
}

/// Where things are in this file.
struct Layout {
    time_period: usize,
    time_identifier: usize,
    geographic_level: usize,
    country_code: usize,
    region_code: usize,
    new_la_code: usize,
    country_name: Option<usize>,
    region_name: Option<usize>,
    la_name: Option<usize>,
    old_la_code: Option<usize>,
    measures: Vec<Measure>,
    /// The distinct period types of the measures, so each row's period is parsed once per type.
    period_types: Vec<PeriodType>,
    unused: Vec<String>,
}

impl Layout {
    fn read(file: &str, header: &[String], catalogue: &Catalogue) -> Result<Layout, ImportErrors> {
        let position = |name: &str| header.iter().position(|h| h == name);
        let missing_column = |name: &str, why: String| {
            ImportError::new(
                file,
                ProblemKind::MissingColumn,
                format!("There is no `{name}` column; {why}."),
                "Import DfE's file as published, with its header row unchanged.",
            )
            .at_line(1)
        };

        let mut problems = Problems::default();
        let mut required = [0usize; REQUIRED.len()];
        for (slot, name) in required.iter_mut().zip(REQUIRED) {
            match position(name) {
                Some(index) => *slot = index,
                None => problems.push(missing_column(
                    name,
                    "every DfE data file has one".to_owned(),
                )),
            }
        }
        if !problems.is_empty() {
            return Err(problems.into_errors());
        }
        let [
            time_period,
            time_identifier,
            geographic_level,
            country_code,
            region_code,
            new_la_code,
        ] = required;

        let datasets: Vec<Dataset> = Dataset::ALL
            .into_iter()
            .filter(|d| d.signature().iter().all(|c| position(c).is_some()))
            .collect();
        let [dataset] = datasets.as_slice() else {
            return Err(ImportErrors::one(
                ImportError::new(
                    file,
                    ProblemKind::UnknownLayout,
                    "The columns match none of the DfE files Boardplan knows.",
                    "Boardplan reads DfE's children in need tables B1, C1, C4, D3 and D5, children looked after \
                     rates, the social work workforce indicators and the ONS child population. For other \
                     data use the long layout (area_code, area_name, period, indicator, measure, unit, value).",
                )
                .at_line(1),
            ));
        };

        let mut measures = Vec::new();
        let mut period_types: Vec<PeriodType> = Vec::new();
        let mut used: Vec<usize> = Vec::new();
        for indicator in catalogue.for_dataset(*dataset) {
            let Some(dfe) = &indicator.dfe else { continue };
            let why = format!("indicator {} is read from it", indicator.code);
            let Some(column) = position(&dfe.column) else {
                problems.push(missing_column(&dfe.column, why));
                continue;
            };
            let filter = match &dfe.filter {
                Some(filter) => match position(&filter.column) {
                    Some(index) => {
                        used.push(index);
                        Some((index, filter.value.as_bytes().to_vec()))
                    }
                    None => {
                        problems.push(missing_column(&filter.column, why));
                        continue;
                    }
                },
                None => None,
            };
            used.push(column);
            let period_slot = match period_types
                .iter()
                .position(|t| *t == indicator.period_type)
            {
                Some(slot) => slot,
                None => {
                    period_types.push(indicator.period_type);
                    period_types.len() - 1
                }
            };
            measures.push(Measure {
                code: indicator.code.clone(),
                column,
                filter,
                period_slot,
            });
        }
        problems.into_result(())?;

        let unused = header
            .iter()
            .enumerate()
            .filter(|(i, name)| {
                !used.contains(i)
                    && !REQUIRED.contains(&name.as_str())
                    && !DESCRIPTIVE.contains(&name.as_str())
            })
            .map(|(_, name)| name.clone())
            .collect();
        Ok(Layout {
            time_period,
            time_identifier,
            geographic_level,
            country_code,
            region_code,
            new_la_code,
            country_name: position("country_name"),
            region_name: position("region_name"),
            la_name: position("la_name"),
            old_la_code: position("old_la_code"),
            measures,
            period_types,
            unused,
        })
    }
}

/// The area a row names, with what the row says about it.
fn new_area(layout: &Layout, record: &csv::ByteRecord, code_column: usize) -> Result<Area, String> {
    let text = |column: Option<usize>| {
        column
            .and_then(|c| record.get(c))
            .map(|bytes| String::from_utf8_lossy(trim(bytes)).into_owned())
            .filter(|t| !t.is_empty())
    };
    let raw = record.get(code_column).map(trim).unwrap_or_default();
    let code_text =
        std::str::from_utf8(raw).map_err(|_| "The area code is not valid text.".to_owned())?;
    let code = AreaCode::new(code_text).map_err(|e| format!("{e}."))?;
    let level = AreaLevel::of_code(code_text);
    let name_column = if code_column == layout.country_code {
        layout.country_name
    } else if code_column == layout.region_code {
        layout.region_name
    } else {
        layout.la_name
    };
    let is_authority = code_column == layout.new_la_code;
    Ok(Area {
        name: text(name_column).unwrap_or_else(|| code_text.to_owned()),
        level,
        la_number: if is_authority {
            text(layout.old_la_code)
        } else {
            None
        },
        region_code: if code_column == layout.region_code {
            None
        } else {
            text(Some(layout.region_code)).and_then(|c| AreaCode::new(&c).ok())
        },
        code,
    })
}

fn trim(bytes: &[u8]) -> &[u8] {
    bytes.trim_ascii()
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::ValueStatus;

    const HEADER: &str = "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,category,CPP_start,CPP_subsequent,CPP_subsequent_percent\n";

    fn import(rows: &str) -> Result<ImportedValues, ImportErrors> {
        import_dfe(
            "d3.csv",
            format!("{HEADER}{rows}").as_bytes(),
            &Catalogue::builtin(),
        )
    }

    fn number(values: &ImportedValues, code: &str) -> Option<f64> {
        values
            .values
            .iter()
            .find(|v| v.indicator == code)
            .and_then(|v| v.number)
    }

    #[test]
    fn a_local_authority_row_becomes_one_value_per_mapped_column() {
        let values = import(
            "2025,Reporting year,Local authority,E92000001,England,E13000002,Outer London,314,E09000021,Kingston upon Thames,CPP,139,24,17.3\n",
        )
        .unwrap();
        assert_eq!(values.rows_read, 1);
        assert_eq!(values.values.len(), 3);
        assert_eq!(number(&values, "cpp-subsequent-pct"), Some(17.3));
        assert_eq!(values.values[0].area_code, "E09000021");
        assert_eq!(
            values.values[0].period,
            Period::year_to_31_march(2025).unwrap()
        );
        let area = &values.areas[0];
        assert_eq!(area.name, "Kingston upon Thames");
        assert_eq!(area.la_number.as_deref(), Some("314"));
    }

    #[test]
    fn national_and_regional_rows_use_england_and_region_codes() {
        let values = import(
            "2025,Reporting year,National,E92000001,England,\"\",\"\",,\"\",\"\",CPP,61840,15130,24.5\n\
             2025,Reporting year,Regional,E92000001,England,E12000001,North East,,\"\",\"\",CPP,4540,1240,27.2\n",
        )
        .unwrap();
        let codes: Vec<&str> = values.areas.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, ["E92000001", "E12000001"]);
        assert_eq!(values.areas[1].name, "North East");
    }

    #[test]
    fn status_tokens_stay_statuses() {
        let values = import(
            "2022,Reporting year,Local authority,E92000001,England,E13000001,Inner London,204,E09000012,Hackney,CPP,x,x,x\n",
        )
        .unwrap();
        assert!(
            values
                .values
                .iter()
                .all(|v| v.status == ValueStatus::NotAvailable && v.number.is_none())
        );
    }

    #[test]
    fn a_word_in_a_number_column_is_an_error_at_its_line_and_column() {
        let errors = import(
            "2025,Reporting year,Local authority,E92000001,England,E13000002,Outer London,314,E09000021,Kingston upon Thames,CPP,139,lots,17.3\n",
        )
        .unwrap_err();
        let error = errors.first().unwrap();
        assert_eq!(error.kind, ProblemKind::NonNumeric);
        assert_eq!(error.line, Some(2));
        assert_eq!(error.column.as_ref().unwrap().name, "CPP_subsequent");
        assert_eq!(error.column.as_ref().unwrap().number, 13);
    }

    #[test]
    fn a_repeated_row_is_a_duplicate_error_naming_the_first_line() {
        let row = "2025,Reporting year,Local authority,E92000001,England,E13000002,Outer London,314,E09000021,Kingston upon Thames,CPP,139,24,17.3\n";
        let errors = import(&format!("{row}{row}")).unwrap_err();
        assert_eq!(
            errors.errors.len(),
            1,
            "one error per repeated row, not per column"
        );
        let error = &errors.errors[0];
        assert_eq!(error.kind, ProblemKind::DuplicateRow);
        assert_eq!(error.line, Some(3));
        assert!(error.problem.contains("line 2"), "{}", error.problem);
    }

    #[test]
    fn a_bad_time_period_is_reported_with_the_fix() {
        let errors = import(
            "20X5,Reporting year,Local authority,E92000001,England,E13000002,Outer London,314,E09000021,Kingston upon Thames,CPP,139,24,17.3\n",
        )
        .unwrap_err();
        let error = errors.first().unwrap();
        assert_eq!(error.kind, ProblemKind::BadPeriod);
        assert!(error.fix.contains("202425"));
    }

    #[test]
    fn a_missing_required_column_is_named() {
        let errors = import_dfe(
            "x.csv",
            b"time_period,geographic_level\n2025,National\n",
            &Catalogue::builtin(),
        )
        .unwrap_err();
        let names: Vec<&str> = errors.errors.iter().map(|e| e.problem.as_str()).collect();
        assert!(
            names.iter().any(|p| p.contains("`time_identifier`")),
            "{names:?}"
        );
        assert!(
            errors
                .errors
                .iter()
                .all(|e| e.kind == ProblemKind::MissingColumn)
        );
    }

    #[test]
    fn a_file_of_unknown_columns_is_refused_with_the_layouts_boardplan_reads() {
        let header = "time_period,time_identifier,geographic_level,country_code,region_code,new_la_code,mystery\n";
        let error = import_dfe("x.csv", header.as_bytes(), &Catalogue::builtin()).unwrap_err();
        assert_eq!(error.first().unwrap().kind, ProblemKind::UnknownLayout);
    }

    #[test]
    fn other_geographic_levels_are_skipped_with_a_warning() {
        let values = import(
            "2025,Reporting year,Local authority district,E92000001,England,E13000002,Outer London,314,E07000001,Somewhere,CPP,1,1,100\n",
        )
        .unwrap();
        assert!(values.values.is_empty());
        assert!(
            values
                .warnings
                .iter()
                .any(|w| w.message.contains("Local authority district"))
        );
    }
}
