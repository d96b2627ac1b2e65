//! `boardplan training attendance import FILE` and `training evaluation import FILE`: the file
//! read whole and checked (formats::learning), then written in one transaction, so a bad row
//! changes nothing. Errors name the file, row and column.

use anyhow::{Context, Result, bail};
use formats::learning::sheet::SheetFormat;
use formats::learning::training;
use store::{ImportRow, Imported, Stamp};

use crate::cli::Global;
use crate::commands::{actor, open, partnership};

fn read(file: &std::path::Path) -> Result<(String, SheetFormat, Vec<u8>)> {
    let name = file.display().to_string();
    let Some(format) = SheetFormat::from_file_name(&name) else {
        bail!(
            "{name}: attendance and evaluation are read from .csv, .xlsx or .ods; save it as one of those"
        );
    };
    let bytes = std::fs::read(file).with_context(|| format!("could not read {name}"))?;
    Ok((name, format, bytes))
}

fn report(name: &str, what: &str, done: Imported, json: bool) -> Result<()> {
    if json {
        println!("{}", serde_json::to_string_pretty(&done)?);
    } else {
        println!(
            "Read {} {what} from {name}: {} added, {} updated.",
            done.added + done.updated,
            done.added,
            done.updated
        );
    }
    Ok(())
}

pub async fn attendance(g: &Global, file: &std::path::Path, json: bool) -> Result<()> {
    let (name, format, bytes) = read(file)?;
    let rows: Vec<_> = training::attendance(&bytes, format)
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?
        .into_iter()
        .map(|(row, item)| ImportRow { row, item })
        .collect();
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let who = actor(g);
    let done = store
        .import_attendance(&slug, Stamp::now(&who), &rows)
        .await
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    report(&name, "attendance counts", done, json)
}

pub async fn evaluation(g: &Global, file: &std::path::Path, json: bool) -> Result<()> {
    let (name, format, bytes) = read(file)?;
    let rows: Vec<_> = training::evaluation(&bytes, format)
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?
        .into_iter()
        .map(|(row, item)| ImportRow { row, item })
        .collect();
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let who = actor(g);
    let done = store
        .import_training_scores(&slug, Stamp::now(&who), &rows)
        .await
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    report(&name, "evaluation scores", done, json)
}
