//! `boardplan attendance --from DATE --to DATE [--json]`: per agency, the meetings it should
//! have attended, how many it attended or was represented at, and the share; then per person.
//! As JSON, the API's shape.

use anyhow::Result;
use clap::Args;
use web::meetings::wire::AttendanceSummary;

use crate::cli::Global;
use crate::commands::resolve::{self, years_ahead};
use crate::commands::{open, partnership};

#[derive(Debug, Args)]
pub struct AttendanceArgs {
    /// The first day of the period (YYYY-MM-DD).
    #[arg(long)]
    pub from: String,
    /// The last day of the period (YYYY-MM-DD).
    #[arg(long)]
    pub to: String,
    /// Print the API's JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub async fn run(g: &Global, a: &AttendanceArgs) -> Result<()> {
    let from = resolve::day("--from", &a.from, years_ahead(2))?;
    let to = resolve::day("--to", &a.to, years_ahead(2))?;
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
