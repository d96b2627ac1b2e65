//! `boardplan export`: the partnership as JSON (whole: the plan tree and the board's own
//! business, version 2 of the interchange document), or its plan as CSV or XLSX. A sheet carries
//! the state of the plan it was taken from, so that importing it after newer work is refused
//! rather than undoing that work (`store::plan::staleness`).

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use crate::cli::Global;
use crate::commands::{open, partnership, plan_index};

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Write to this file instead of standard output (needed for xlsx).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// For csv and xlsx: the title of the plan (default: the only plan).
    #[arg(long)]
    pub plan: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Json,
    Csv,
    Xlsx,
}

pub async fn run(g: &Global, args: &ExportArgs) -> Result<()> {
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    if args.format == ExportFormat::Xlsx && args.out.is_none() {
        bail!("an XLSX workbook cannot go to the terminal: add --out plan.xlsx");
    }
    let bytes = match args.format {
        ExportFormat::Json => {
            // The whole partnership (version 2), read in one transaction.
            let whole = store
                .whole_partnership(&slug)
                .await?
                .with_context(|| format!("there is no partnership called \"{slug}\""))?;
            let doc = formats::json::Interchange {
                partnership: whole.partnership,
                business: whole.business,
                files: whole.files,
            };
            formats::json::export_document(&doc)?.into_bytes()
        }
        ExportFormat::Csv | ExportFormat::Xlsx => {
            let title = p.plans[plan_index(&p, args.plan.as_deref())?].title.clone();
            // The mark is read before the plan, so a sheet never claims a newer state than it
            // holds: a write in between makes it look older (refused), never newer.
            let mark = store
                .plan_mark(&slug, &title, None)
                .await?
                .with_context(|| format!("the plan \"{title}\" is no longer there"))?;
            let p = store
                .load_partnership(&slug)
                .await?
                .with_context(|| format!("there is no partnership called \"{slug}\""))?;
            let index = plan_index(&p, Some(&title))?;
            if args.format == ExportFormat::Csv {
                formats::csv_plan::export_marked(&p, index, &mark).into_bytes()
            } else {
                formats::xlsx_plan::export_marked(&p, index, &mark)?
            }
        }
    };
    match &args.out {
        Some(path) => {
            std::fs::write(path, &bytes)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("Wrote {} ({} bytes).", path.display(), bytes.len());
        }
        None => std::io::stdout().write_all(&bytes)?,
    }
    Ok(())
}
