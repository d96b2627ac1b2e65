//! `boardplan induction`: the induction checklist (4.2) and who has completed what.

use anyhow::Result;
use clap::Subcommand;
use serde::Serialize;
use store::Stamp;

use crate::cli::Global;
use crate::commands::resolve::{self, today};
use crate::commands::{actor, open, partnership};

#[derive(Debug, Subcommand)]
pub enum InductionCommand {
    /// The checklist's items.
    #[command(subcommand)]
    Item(ItemCommand),
    /// Record that a person completed an item of the checklist.
    #[command(
        after_help = "Example:\n  boardplan induction done \"Ann Lee\" --item \"Met the chair\" --on 2009-05-01"
    )]
    Done {
        /// The person, by their name on the member register.
        name: String,
        /// The item, by its title on the checklist.
        #[arg(long)]
        item: String,
        /// The day (default: today).
        #[arg(long)]
        on: Option<String>,
    },
    /// Record that a person acknowledged their job description.
    #[command(
        after_help = "Example:\n  boardplan induction job-description \"Ann Lee\" --on 2009-05-01"
    )]
    JobDescription {
        name: String,
        #[arg(long)]
        on: Option<String>,
    },
    /// Show everyone's induction: each item's day and the job description's.
    #[command(
        after_help = "Examples:\n  boardplan induction show\n  boardplan induction show --json"
    )]
    Show {
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ItemCommand {
    /// Add an item to the checklist.
    #[command(after_help = "Example:\n  boardplan induction item add \"Read the business plan\"")]
    Add { title: String },
}

/// What `induction show --json` prints.
#[derive(Serialize)]
struct SheetOut<'a> {
    items: &'a [String],
    people: Vec<PersonOut<'a>>,
}

#[derive(Serialize)]
struct PersonOut<'a> {
    name: &'a str,
    /// Each item of the checklist and the day it was done (null when not yet).
    done: Vec<ItemOut<'a>>,
    job_description_acknowledged: Option<String>,
}

#[derive(Serialize)]
struct ItemOut<'a> {
    item: &'a str,
    done_on: Option<String>,
}

fn day(flag: &str, typed: Option<&str>) -> Result<domain::Date> {
    match typed {
        Some(t) => resolve::day(flag, t, today()),
        None => Ok(today()),
    }
}

pub async fn run(g: &Global, command: &InductionCommand) -> Result<()> {
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let who = actor(g);
    match command {
        InductionCommand::Item(ItemCommand::Add { title }) => {
            store
                .add_induction_item(&slug, Stamp::now(&who), title)
                .await?;
            println!("Added \"{}\" to the induction checklist.", title.trim());
        }
        InductionCommand::Done { name, item, on } => {
            let on = day("--on", on.as_deref())?;
            store
                .record_induction(&slug, Stamp::now(&who), name, item, on)
                .await?;
            println!("Recorded that {name} completed \"{item}\" on {on}.");
        }
        InductionCommand::JobDescription { name, on } => {
            let on = day("--on", on.as_deref())?;
            store
                .acknowledge_job_description(&slug, Stamp::now(&who), name, on)
                .await?;
            println!("Recorded that {name} acknowledged their job description on {on}.");
        }
        InductionCommand::Show { json } => {
            let sheet = store.induction(&slug).await?;
            if *json {
                let out = SheetOut {
                    items: &sheet.items,
                    people: sheet
                        .people
                        .iter()
                        .map(|p| PersonOut {
                            name: &p.name,
                            done: sheet
                                .items
                                .iter()
                                .zip(&p.done)
                                .map(|(i, d)| ItemOut {
                                    item: i,
                                    done_on: d.map(|d| d.to_string()),
                                })
                                .collect(),
                            job_description_acknowledged: p
                                .job_description_acknowledged
                                .map(|d| d.to_string()),
                        })
                        .collect(),
                };
                println!("{}", serde_json::to_string_pretty(&out)?);
                return Ok(());
            }
            if sheet.items.is_empty() {
                println!(
                    "The induction checklist has no items yet: boardplan induction item add TITLE"
                );
            }
            for p in &sheet.people {
                let jd = p
                    .job_description_acknowledged
                    .map_or("not yet".to_string(), |d| d.to_string());
                println!(
                    "{:<28} {} of {} done; job description acknowledged: {jd}",
                    p.name,
                    p.done_count(),
                    sheet.items.len()
                );
            }
        }
    }
    Ok(())
}
