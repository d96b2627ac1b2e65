//! `boardplan pi import FILE`: read a file of published values (or the statistical neighbours
//! model) with `indicators::read_file`, which refuses a file with any error naming its line;
//! then store it. Nothing is written unless the whole file reads cleanly.

use std::path::Path;

use anyhow::{Context, Result, anyhow};
use indicators::{Catalogue, FileContents, FileFormat, ValueIndex, read_file, recompute_check};
use serde::Serialize;
use store::{IndicatorFormat, IndicatorImportOutcome, IndicatorSource};

use super::{ImportArgs, PiFormat, day, target_partnership};
use crate::cli::Global;
use crate::commands::actor;

/// What `--json` prints.
#[derive(Serialize)]
struct Report<'a> {
    file: &'a str,
    format: FileFormat,
    rows_read: usize,
    #[serde(flatten)]
    outcome: &'a IndicatorImportOutcome,
    warnings: Vec<String>,
    /// Published values their own published parts do not reproduce (local authorities).
    recompute_mismatches: usize,
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn file_format(format: PiFormat) -> FileFormat {
    match format {
        PiFormat::Dfe => FileFormat::Dfe,
        PiFormat::Long => FileFormat::Long,
        PiFormat::Xlsx => FileFormat::Xlsx,
        PiFormat::Ods => FileFormat::Ods,
        PiFormat::Neighbours => FileFormat::Neighbours,
    }
}

pub async fn run(g: &Global, catalogue: &Catalogue, args: &ImportArgs) -> Result<()> {
    let name = file_name(&args.file);
    let bytes = std::fs::read(&args.file)
        .with_context(|| format!("could not read {}", args.file.display()))?;
    let published_on = day(args.published.as_deref(), "--published")?;
    let (format, contents) = read_file(&name, &bytes, args.format.map(file_format), catalogue)
        .map_err(|e| anyhow!("{}", e.to_string().trim_end()))?;
    let (store, slug) = target_partnership(g).await?;
    let source = IndicatorSource {
        file_name: name.clone(),
        sha256: formats::sha256_hex(&bytes),
        format: IndicatorFormat::from(format),
        published_on,
    };
    let now = jiff::Timestamp::now();
    let (outcome, rows_read, warnings, mismatches) = match &contents {
        FileContents::Values(values) => {
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
        FileContents::Neighbours(model) => {
            let outcome = store
                .import_neighbours(&slug, &actor(g), model, &source, now)
                .await?;
            (outcome, model.len(), Vec::new(), 0)
        }
    };
    if args.json {
        let report = Report {
            file: &name,
            format,
            rows_read,
            outcome: &outcome,
            warnings,
            recompute_mismatches: mismatches,
        };
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(());
    }
    println!("{}", describe(&name, format, rows_read, &outcome));
    for warning in &warnings {
        println!("  warning: {warning}");
    }
    if mismatches > 0 {
        println!(
            "  {mismatches} published local-authority values differ from what their own published \
             parts give."
        );
    }
    Ok(())
}

/// One sentence on what an import did.
pub fn describe(
    name: &str,
    format: FileFormat,
    rows_read: usize,
    outcome: &IndicatorImportOutcome,
) -> String {
    match outcome {
        IndicatorImportOutcome::Imported { .. } if format == FileFormat::Neighbours => {
            format!("Imported {name}: the statistical neighbours of {rows_read} authorities.")
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
            format!(
                "Imported {name} ({rows_read} rows): {added} values added, {revised} revised{kept}, \
                 {unchanged} unchanged; {areas_added} new areas."
            )
        }
        IndicatorImportOutcome::AlreadyImported {
            file_name,
            imported_at,
        } => format!(
            "{name} was already imported (as {file_name}, at {imported_at}); nothing was added."
        ),
    }
}
