//! `boardplan agency add|set|contribution|list`: what the board knows of its agencies beyond
//! their names. Agencies are the board's own list (the plan's import writes it too).

use anyhow::{Result, anyhow};
use clap::{Args, Subcommand};
use domain::governance::parse_pounds;
use domain::{AgencyKind, Contribution};
use store::{AgencyChange, Stamp};

use crate::cli::Global;
use crate::commands::{actor, open, partnership};

#[derive(Debug, Subcommand)]
pub enum AgencyCommand {
    /// Add an agency to the board.
    #[command(
        after_help = "Example:\n  boardplan agency add \"Kingston College\" --kind relevant --representatives 1"
    )]
    Add(AgencyArgs),
    /// Change an agency's details; what is not given stays as it is.
    #[command(
        after_help = "Example:\n  boardplan agency set \"Metropolitan Police\" --kind statutory --representatives 2"
    )]
    Set(AgencyArgs),
    /// Record what an agency pays in for a financial year (replacing an earlier figure).
    #[command(
        after_help = "Example:\n  boardplan agency contribution \"NHS Kingston\" --year 2009 --amount 25000"
    )]
    Contribution {
        /// The agency, as the board names it.
        name: String,
        /// The year the financial year starts: 2009 for 2009-10.
        #[arg(long)]
        year: i32,
        /// In pounds: 25000 or 25000.50.
        #[arg(long)]
        amount: String,
    },
    /// List the agencies with what each is, sends and pays.
    List {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AgencyArgs {
    /// The agency's name.
    pub name: String,
    /// statutory (a statutory partner) or relevant (a relevant agency).
    #[arg(long)]
    pub kind: Option<String>,
    /// How many representatives it should send to the board.
    #[arg(long)]
    pub representatives: Option<u32>,
}

impl AgencyArgs {
    fn change(&self) -> Result<AgencyChange> {
        let kind = self
            .kind
            .as_deref()
            .map(|k| k.parse::<AgencyKind>())
            .transpose()
            .map_err(|e| anyhow!("--kind: {} {}", e.problem, e.fix))?;
        Ok(AgencyChange {
            kind,
            representatives_expected: self.representatives,
        })
    }
}

pub async fn run(g: &Global, command: &AgencyCommand) -> Result<()> {
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let who = actor(g);
    match command {
        AgencyCommand::Add(a) => {
            store
                .add_agency(&slug, Stamp::now(&who), &a.name, &a.change()?)
                .await?;
            println!("Added the agency {}.", a.name.trim());
        }
        AgencyCommand::Set(a) => {
            store
                .set_agency(&slug, Stamp::now(&who), &a.name, &a.change()?)
                .await?;
            println!("Saved the details of {}.", a.name.trim());
        }
        AgencyCommand::Contribution { name, year, amount } => {
            let pence =
                parse_pounds(amount).map_err(|e| anyhow!("--amount: {} {}", e.problem, e.fix))?;
            let c = Contribution { year: *year, pence };
            store
                .set_contribution(&slug, Stamp::now(&who), name, c)
                .await?;
            println!(
                "Recorded {} from {name} for {}.",
                c.pounds(),
                c.year_label()
            );
        }
        AgencyCommand::List { json } => {
            let agencies = store.agencies(&slug).await?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&agencies)?);
                return Ok(());
            }
            for a in agencies {
                let kind = a.kind.map_or("", AgencyKind::label);
                let reps = a
                    .representatives_expected
                    .map(|n| format!(", {n} expected"))
                    .unwrap_or_default();
                let money = a
                    .contributions
                    .last()
                    .map(|c| format!(", {} in {}", c.pounds(), c.year_label()))
                    .unwrap_or_default();
                println!("{}  {kind}{reps}{money}", a.name);
            }
        }
    }
    Ok(())
}
