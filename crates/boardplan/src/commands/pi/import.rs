//! `boardplan pi import FILE`: read a file of published values (or the statistical neighbours
//! model) with `indicators`, which refuses a file with any error naming its line; then store it.
//! Nothing is written unless the whole file reads cleanly.

use std::path::Path;

use anyhow::{Context, Result, anyhow};
use indicators::import::CsvLayout;
use indicators::{
    Catalogue, ImportedValues, StatNeighbours, ValueIndex, detect_layout, import_dfe, import_long,
    import_spreadsheet, recompute_check,
};
use serde::Serialize;
use store::{IndicatorFormat, IndicatorImportOutcome, IndicatorSource};

use super::{ImportArgs, PiFormat, day, target_partnership};
use crate::cli::Global;
use crate::commands::actor;

/// What `--json` prints.
#[derive(Serialize)]
struct Report<'a> {
    file: &'a str,
    format: IndicatorFormat,
    rows_read: usize,
    #[serde(flatten)]
    outcome: &'a IndicatorImportOutcome,
    warnings: Vec<String>,
    /// Published values their own published parts do not reproduce (local authorities).
    recompute_mismatches: usize,
}

/// What the file holds, read.
enum Read {
    Values(ImportedValues),
    Neighbours(StatNeighbours, usize),
}

fn is_neighbours_model(bytes: &[u8]) -> bool {
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let header = String::from_utf8_lossy(header);
    header.contains("old_la_code") && header.contains("SN_1")
}

/// The format `--format` names, else the one the file's name and header show.
fn detect(path: &Path, bytes: &[u8]) -> Result<PiFormat> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "xlsx" | "xlsm" => return Ok(PiFormat::Xlsx),
        "ods" => return Ok(PiFormat::Ods),
        _ => {}
    }
    if is_neighbours_model(bytes) {
        return Ok(PiFormat::Neighbours);
    }
    match detect_layout(bytes) {
        Some(CsvLayout::Dfe) => Ok(PiFormat::Dfe),
        Some(CsvLayout::Long) => Ok(PiFormat::Long),
        None => Err(anyhow!(
            "{}, line 1: the header row is not one Boardplan knows (DfE's layout starts \
             time_period, geographic_level, …; the long layout has area_code, period, indicator \
             and value). Check that the first line is the header, or give --format.",
            file_name(path)
        )),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn read(name: &str, bytes: &[u8], format: PiFormat, catalogue: &Catalogue) -> Result<Read> {
    let refused = |e: indicators::ImportErrors| anyhow!("{}", e.to_string().trim_end());
    Ok(match format {
        PiFormat::Dfe => Read::Values(import_dfe(name, bytes, catalogue).map_err(refused)?),
        PiFormat::Long => Read::Values(import_long(name, bytes, catalogue).map_err(refused)?),
        PiFormat::Xlsx | PiFormat::Ods => {
            Read::Values(import_spreadsheet(name, bytes, catalogue).map_err(refused)?)
        }
        PiFormat::Neighbours => {
            let model = StatNeighbours::from_csv(name, bytes).map_err(refused)?;
            let n = model.len();
            Read::Neighbours(model, n)
        }
    })
}

fn store_format(format: PiFormat) -> IndicatorFormat {
    match format {
        PiFormat::Dfe => IndicatorFormat::Dfe,
        PiFormat::Long => IndicatorFormat::Long,
        PiFormat::Xlsx => IndicatorFormat::Xlsx,
        PiFormat::Ods => IndicatorFormat::Ods,
        PiFormat::Neighbours => IndicatorFormat::Neighbours,
    }
}

pub async fn run(g: &Global, catalogue: &Catalogue, args: &ImportArgs) -> Result<()> {
    let name = file_name(&args.file);
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("could not read {}", args.file.display()))?;
    let published_on = day(args.published.as_deref(), "--published")?;
    let format = match args.format {
        Some(f) => f,
        None => detect(&args.file, &bytes)?,
    };
    let read = read(&name, &bytes, format, catalogue)?;
    let (store, slug) = target_partnership(g).await?;
    let source = IndicatorSource {
        file_name: name.clone(),
        sha256: formats::sha256_hex(&bytes),
        format: store_format(format),
        published_on,
    };
    let now = jiff::Timestamp::now();
    let (outcome, rows_read, warnings, mismatches) = match &read {
        Read::Values(values) => {
            let outcome = store
                .import_indicator_values(&slug, &actor(g), values, &source, now)
                .await?;
            let index = ValueIndex::from_values(values.values.iter().cloned());
            let mismatches = recompute_check(&index, catalogue)
                .local_authority_mismatches()
                .count();
            let warnings = values
                .warnings
                .iter()
                .map(|w| match w.line {
                    Some(line) => format!("line {line}: {}", w.message),
                    None => w.message.clone(),
                })
                .collect();
            (outcome, values.rows_read, warnings, mismatches)
        }
        Read::Neighbours(model, n) => {
            let outcome = store
                .import_neighbours(&slug, &actor(g), model, &source, now)
                .await?;
            (outcome, *n, Vec::new(), 0)
        }
    };
    if args.json {
        let report = Report {
            file: &name,
            format: source.format,
            rows_read,
            outcome: &outcome,
            warnings,
            recompute_mismatches: mismatches,
        };
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    match &outcome {
        IndicatorImportOutcome::Imported { .. } if format == PiFormat::Neighbours => {
            println!("Imported {name}: the statistical neighbours of {rows_read} authorities.");
        }
        IndicatorImportOutcome::Imported {
            added,
            revised,
            unchanged,
            areas_added,
            ..
        } => {
            let kept = if *revised > 0 {
                " (the earlier values are kept as revisions)"
            } else {
                ""
            };
            println!(
                "Imported {name} ({rows_read} rows): {added} values added, {revised} revised{kept}, \
                 {unchanged} unchanged; {areas_added} new areas."
            );
        }
        IndicatorImportOutcome::AlreadyImported {
            file_name,
            imported_at,
        } => println!(
            "{name} was already imported (as {file_name}, at {imported_at}); nothing was added."
        ),
    }
    for warning in &warnings {
        println!("  warning: {warning}");
    }
    if mismatches > 0 {
        println!(
            "  {mismatches} published local-authority values differ from what their own published \
             parts give (see `boardplan pi show`)."
        );
    }
    Ok(())
}
