//! `boardplan attendance --from DATE --to DATE [--json]`: per agency, the meetings it should
//! have attended, how many it attended or was represented at, and the share; then per person.
//! As JSON, the API's shape. `boardplan attendance import FILE`: attendance from a CSV, XLSX
//! or ODS file, all or nothing.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use formats::governance::attendance;
use formats::governance::sheet::SheetKind;
use store::Stamp;
use web::meetings::wire::AttendanceSummary;

use crate::cli::Global;
use crate::commands::resolve::{self, years_ahead};
use crate::commands::{actor, open, partnership};

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct AttendanceArgs {
    #[command(subcommand)]
    pub command: Option<AttendanceCommand>,
    /// The first day of the period (YYYY-MM-DD).
    #[arg(long, required = true)]
    pub from: Option<String>,
    /// The last day of the period (YYYY-MM-DD).
    #[arg(long, required = true)]
    pub to: Option<String>,
    /// Print the API's JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum AttendanceCommand {
    /// Record attendance from a file (.csv, .xlsx or .ods): a heading row (Date, Sub-group,
    /// Name, Attendance, Deputy) and one row per person per meeting. All or nothing: a bad
    /// row is named by row and column and nothing is recorded.
    #[command(after_help = "Example:\n  boardplan attendance import attendance-2009-10.xlsx")]
    Import {
        file: std::path::PathBuf,
        /// Print what was recorded as JSON.
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(g: &Global, a: &AttendanceArgs) -> Result<()> {
    if let Some(AttendanceCommand::Import { file, json }) = &a.command {
        return import(g, file, *json).await;
    }
    let (Some(from), Some(to)) = (&a.from, &a.to) else {
        bail!("give the period: --from DATE --to DATE");
    };
    let from = resolve::day("--from", from, years_ahead(2))?;
    let to = resolve::day("--to", to, years_ahead(2))?;
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let r = store.attendance(&slug, from, to).await?;
    let s = AttendanceSummary::new(&r);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&s)?);
        return Ok(());
    }
    println!(
        "{} meetings with attendance recorded from {from} to {to}; agencies below {}% are marked *.",
        s.meetings, s.threshold
    );
    let width = s
        .agencies
        .iter()
        .map(|x| x.agency.chars().count())
        .max()
        .unwrap_or(6)
        .max(6);
    println!(
        "\n{:width$}  Expected  Attended or represented  Share",
        "Agency"
    );
    for x in &s.agencies {
        let mark = if x.below_threshold { " *" } else { "" };
        println!(
            "{:width$}  {:>8}  {:>23}  {:>4}%{mark}",
            x.agency, x.expected, x.attended_or_represented, x.share
        );
    }
    let width = s
        .people
        .iter()
        .map(|x| x.person.chars().count())
        .max()
        .unwrap_or(6)
        .max(6);
    println!(
        "\n{:width$}  Expected  Attended or represented  Share",
        "Person"
    );
    for x in &s.people {
        println!(
            "{:width$}  {:>8}  {:>23}  {:>4}%",
            x.person, x.expected, x.attended_or_represented, x.share
        );
    }
    Ok(())
}

async fn import(g: &Global, file: &std::path::Path, json: bool) -> Result<()> {
    let name = file.display().to_string();
    let Some(kind) = SheetKind::from_file_name(&name) else {
        bail!("{name}: attendance is read from .csv, .xlsx or .ods; save it as one of those");
    };
    let bytes = std::fs::read(file).with_context(|| format!("could not read {name}"))?;
    let lines = attendance::import(&bytes, kind).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let who = actor(g);
    let done = store
        .import_meeting_attendance(&slug, Stamp::now(&who), &lines)
        .await
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&done)?);
    } else {
        println!(
            "Read {} rows from {name} about {} meetings: {} recorded, {} already so.",
            lines.len(),
            done.meetings,
            done.recorded,
            done.unchanged
        );
    }
    Ok(())
}
