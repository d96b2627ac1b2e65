//! `boardplan export`: the partnership as JSON, or its plan as CSV or XLSX.

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
    let (_, p) = partnership(&store, g).await?;
    let bytes = match args.format {
        ExportFormat::Json => formats::json::export(&p).into_bytes(),
        ExportFormat::Csv => {
            formats::csv_plan::export(&p, plan_index(&p, args.plan.as_deref())?).into_bytes()
        }
        ExportFormat::Xlsx => {
            if args.out.is_none() {
                bail!("an XLSX workbook cannot go to the terminal: add --out plan.xlsx");
            }
            formats::xlsx_plan::export(&p, plan_index(&p, args.plan.as_deref())?)?
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
