//! `boardplan engagement add|list`: engagement activities, and their count per quarter (the
//! engagement indicator of 6.2).

use anyhow::Result;
use clap::Subcommand;
use domain::learning::engagement::{Activity, counts};
use store::Stamp;

use super::{day, list};
use crate::cli::Global;
use crate::commands::{actor, open, partnership};

#[derive(Debug, Subcommand)]
pub enum EngagementCommand {
    /// Record an engagement activity with children, families or practitioners.
    #[command(
        after_help = "Example:\n  boardplan engagement add --date 2009-07-15 --with \"Children in care council\" --how-many 14 --how \"focus group\" --said \"Reviews feel rushed\" --changed \"Review meetings now booked for an hour\" --priority 6"
    )]
    Add {
        /// When (YYYY-MM-DD).
        #[arg(long)]
        date: String,
        /// With whom.
        #[arg(long = "with")]
        with_whom: String,
        /// How many took part.
        #[arg(long)]
        how_many: u32,
        /// How (survey, focus group, consultation event…).
        #[arg(long)]
        how: String,
        /// What they said.
        #[arg(long)]
        said: Option<String>,
        /// What changed as a result.
        #[arg(long)]
        changed: Option<String>,
        /// An objective of the plan it informs, by number (repeat, or separate with commas).
        #[arg(long = "priority")]
        priorities: Vec<String>,
    },
    /// The activities, newest first, and their count per quarter.
    List {
        /// Print JSON ({"items": [...], "counts": [...]}) instead of a table.
        #[arg(long)]
        json: bool,
    },
}

pub async fn run(g: &Global, command: &EngagementCommand) -> Result<()> {
    match command {
        EngagementCommand::Add {
            date,
            with_whom,
            how_many,
            how,
            said,
            changed,
            priorities,
        } => {
            let a = Activity {
                held_on: day("--date", date)?,
                with_whom: with_whom.clone(),
                how_many: *how_many,
                how: how.clone(),
                said: said.clone(),
                changed: changed.clone(),
                priorities: list(priorities),
            };
            let store = open(g).await?;
            let (slug, _) = partnership(&store, g).await?;
            let who = actor(g);
            let r = store
                .add_engagement_activity(&slug, Stamp::now(&who), &a)
                .await?;
            println!(
                "Recorded engagement activity {}: {} with {} ({} taking part) on {}.",
                r.id, r.activity.how, r.activity.with_whom, r.activity.how_many, r.activity.held_on
            );
            Ok(())
        }
        EngagementCommand::List { json } => {
            let store = open(g).await?;
            let (slug, _) = partnership(&store, g).await?;
            let records = store.engagement_activities(&slug).await?;
            let activities: Vec<Activity> = records.iter().map(|r| r.activity.clone()).collect();
            let per_quarter = counts(&activities);
            if *json {
                let out = serde_json::json!({ "items": records, "counts": per_quarter });
                println!("{}", serde_json::to_string_pretty(&out)?);
                return Ok(());
            }
            if records.is_empty() {
                println!(
                    "No engagement activities yet: boardplan engagement add --date D --with WHOM --how-many N --how HOW"
                );
            }
            for c in &per_quarter {
                println!(
                    "{}: {} activities, {} people",
                    c.period, c.activities, c.people
                );
            }
            for r in &records {
                let a = &r.activity;
                println!(
                    "{:>4}  {}  {} ({}, {})",
                    r.id, a.held_on, a.with_whom, a.how, a.how_many
                );
            }
            Ok(())
        }
    }
}
