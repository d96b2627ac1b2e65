//! `boardplan import FILE`: read a document, report what was found, then store it (unless
//! `--dry-run`). Nothing is written when the document has an error.

use std::path::Path;

use anyhow::{Context, Result, bail};
use domain::{ImportReport, Partnership};
use formats::FormatError;
use store::{ImportMode, ImportOutcome, Source};

use super::{actor, open, partnership, plan_index};
use crate::cli::{Global, ImportArgs, ImportFormat};
use crate::output;

pub async fn run(g: &Global, args: &ImportArgs) -> Result<()> {
    let bytes = read_document(&args.file)?;
    let name = file_name(&args.file);
    let format = args.format.unwrap_or_else(|| detect(&args.file, &bytes));
    let in_file = |e: FormatError| anyhow::anyhow!("{name}, {e}");

    // A sheet edits a plan that is already stored, so it needs the store even on a dry run.
    let (p, mut report, mode) = match format {
        ImportFormat::Text => {
            let imported = formats::plan_text::import_bytes(&bytes).map_err(in_file)?;
            (imported.partnership, imported.report, mode_of(args))
        }
        ImportFormat::Json => {
            let text = std::str::from_utf8(&bytes)
                .map_err(|_| anyhow::anyhow!("{name}: this is not a text (UTF-8) JSON file"))?;
            (
                formats::json::import(text).map_err(in_file)?,
                ImportReport::default(),
                mode_of(args),
            )
        }
        ImportFormat::Csv | ImportFormat::Xlsx => {
            let store = open(g).await?;
            let (_, current) = partnership(&store, g).await?;
            let index = plan_index(&current, args.plan.as_deref())?;
            let edited = if format == ImportFormat::Csv {
                formats::csv_plan::import(&bytes, &current, index)
            } else {
                formats::xlsx_plan::import(&bytes, &current, index)
            }
            .map_err(in_file)?;
            if edited == current {
                println!("{name} matches the plan as stored; nothing to change.");
                return Ok(());
            }
            (edited, ImportReport::default(), ImportMode::Replace)
        }
    };
    report.count(&p);

    if args.dry_run {
        output::print_report(&report, None, args.json)?;
        if !args.json {
            println!("Dry run: nothing was written.");
        }
        return Ok(());
    }

    let store = open(g).await?;
    let source = Source {
        name: name.clone(),
        sha256: formats::sha256_hex(&bytes),
    };
    let outcome = store
        .import_partnership(&actor(g), &p, &source, mode)
        .await?;
    output::print_report(&report, Some(&outcome), args.json)?;
    if !args.json {
        println!("{}", describe(&p, &outcome));
    }
    Ok(())
}

fn mode_of(args: &ImportArgs) -> ImportMode {
    if args.replace {
        ImportMode::Replace
    } else {
        ImportMode::New
    }
}

/// Refuse what is plainly not a plan before reading it all into memory.
fn read_document(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path)
        .with_context(|| format!("cannot read {}: check the path", path.display()))?;
    if meta.is_dir() {
        bail!(
            "{} is a folder; give the path of a plan document",
            path.display()
        );
    }
    FormatError::check_size(meta.len().try_into().unwrap_or(usize::MAX))
        .map_err(|e| anyhow::anyhow!("{}, {e}", file_name(path)))?;
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Guess the format from the extension, then from the first bytes (an XLSX is a zip).
fn detect(path: &Path, bytes: &[u8]) -> ImportFormat {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "json" => ImportFormat::Json,
        "csv" => ImportFormat::Csv,
        "xlsx" => ImportFormat::Xlsx,
        _ if bytes.starts_with(b"PK\x03\x04") => ImportFormat::Xlsx,
        _ if bytes.trim_ascii_start().starts_with(b"{") => ImportFormat::Json,
        _ => ImportFormat::Text,
    }
}

fn describe(p: &Partnership, outcome: &ImportOutcome) -> String {
    match outcome {
        ImportOutcome::Created {
            partnership,
            plan_versions,
        } => format!(
            "Imported into partnership \"{}\" ({partnership}): {}.",
            p.name,
            versions(plan_versions)
        ),
        ImportOutcome::AlreadyPresent {
            plan_title,
            version,
            ..
        } => format!(
            "The plan \"{plan_title}\" is already there (version {version}); nothing was changed. \
             Use --replace to record a new version."
        ),
        ImportOutcome::Replaced {
            partnership,
            plan_versions,
        } => {
            format!(
                "Recorded in partnership {partnership}: {}.",
                versions(plan_versions)
            )
        }
    }
}

fn versions(v: &[(String, i64)]) -> String {
    v.iter()
        .map(|(title, n)| format!("\"{title}\" version {n}"))
        .collect::<Vec<_>>()
        .join(", ")
}
