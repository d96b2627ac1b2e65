//! `boardplan subgroup add|set|list|item`: sub-groups as the board runs them — status
//! (proposed, active, closed), chair, members, how often they meet, quorum — and their work
//! plan: the plan actions their roles lead, and items of their own.

use anyhow::Result;
use clap::{Args, Subcommand};
use domain::meetings::{SubgroupState, WorkPlanAction, work_plan};
use serde::Serialize;
use store::{Stamp, SubgroupChange, SubgroupRecord};

use crate::cli::Global;
use crate::commands::resolve::{self, years_ahead};
use crate::commands::{actor, open, partnership};

#[derive(Debug, Subcommand)]
pub enum SubgroupCommand {
    /// Add a sub-group (active unless --proposed).
    #[command(after_help = "Example:\n  boardplan subgroup add \"Quality Assurance\" --proposed")]
    Add {
        name: String,
        /// It is proposed, not yet meeting.
        #[arg(long)]
        proposed: bool,
    },
    /// Change a sub-group: status, chair, members, how often it meets, quorum.
    #[command(
        after_help = "Examples:\n  boardplan subgroup set Training --chair \"Ann Lee\" --add-member \"Sam Cole\" --meets quarterly --quorum-agencies 3\n  boardplan subgroup set \"Quality Assurance\" --status active"
    )]
    Set(Box<SetArgs>),
    /// List the sub-groups with their chair, members, quorum and work plan.
    #[command(
        after_help = "Examples:\n  boardplan subgroup list\n  boardplan subgroup list --json"
    )]
    List {
        /// Print JSON ({"items": [...]}) instead.
        #[arg(long)]
        json: bool,
    },
    /// Add an item of the sub-group's own to its work plan.
    #[command(
        after_help = "Example:\n  boardplan subgroup item Training \"Evaluate the course\" --due 2010-01-31"
    )]
    Item {
        name: String,
        title: String,
        /// By when (YYYY-MM-DD).
        #[arg(long)]
        due: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct SetArgs {
    pub name: String,
    /// proposed, active or closed.
    #[arg(long, value_parser = parse_state)]
    pub status: Option<SubgroupState>,
    /// Its chair, as the member register names them ("" for none).
    #[arg(long)]
    pub chair: Option<String>,
    /// How often it meets, in words ("quarterly"; "" to clear).
    #[arg(long)]
    pub meets: Option<String>,
    /// Quorate with at least this many agencies present or represented.
    #[arg(long)]
    pub quorum_agencies: Option<u32>,
    /// …and at least this many members.
    #[arg(long)]
    pub quorum_members: Option<u32>,
    /// Add a member (repeat for more).
    #[arg(long)]
    pub add_member: Vec<String>,
    /// Remove a member (repeat for more).
    #[arg(long)]
    pub remove_member: Vec<String>,
    /// Its terms of reference: a terms-of-reference document's title in the register ("" for
    /// none).
    #[arg(long)]
    pub terms_of_reference: Option<String>,
}

fn parse_state(s: &str) -> Result<SubgroupState, String> {
    s.parse()
        .map_err(|e: domain::InvalidValue| format!("{} {}", e.problem, e.fix))
}

#[derive(Serialize)]
struct SubgroupOut<'a> {
    #[serde(flatten)]
    record: &'a SubgroupRecord,
    work_plan: Vec<WorkPlanAction>,
}

#[derive(Serialize)]
struct SubgroupList<'a> {
    items: Vec<SubgroupOut<'a>>,
}

pub async fn run(g: &Global, command: &SubgroupCommand) -> Result<()> {
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let who = actor(g);
    match command {
        SubgroupCommand::Add { name, proposed } => {
            let state = if *proposed {
                SubgroupState::Proposed
            } else {
                SubgroupState::Active
            };
            store
                .add_subgroup(&slug, Stamp::now(&who), name, state)
                .await?;
            println!("Added the {name} sub-group ({state}).");
        }
        SubgroupCommand::Set(a) => {
            let change = SubgroupChange {
                status: a.status,
                chair: a.chair.clone(),
                frequency: a.meets.clone(),
                quorum_agencies: a.quorum_agencies,
                quorum_members: a.quorum_members,
                add_members: a.add_member.clone(),
                remove_members: a.remove_member.clone(),
                terms_of_reference: a.terms_of_reference.clone(),
            };
            let s = store
                .update_subgroup(&slug, Stamp::now(&who), &a.name, &change)
                .await?;
            println!(
                "The {} sub-group: {}, chair {}, {} members, quorum: {}.",
                s.name,
                s.status,
                s.chair.as_deref().unwrap_or("none"),
                s.members.len(),
                s.quorum.describe()
            );
        }
        SubgroupCommand::List { json } => {
            let all = store.subgroups(&slug).await?;
            let items: Vec<SubgroupOut> = all
                .iter()
                .map(|s| SubgroupOut {
                    record: s,
                    work_plan: work_plan(&p, &s.name),
                })
                .collect();
            if *json {
                println!("{}", serde_json::to_string_pretty(&SubgroupList { items })?);
                return Ok(());
            }
            for s in items {
                let r = s.record;
                println!("{} ({})", r.name, r.status);
                println!(
                    "  chair: {}; meets: {}; quorum: {}",
                    r.chair.as_deref().unwrap_or("none"),
                    r.frequency.as_deref().unwrap_or("not set"),
                    r.quorum.describe()
                );
                if !r.members.is_empty() {
                    println!("  members: {}", r.members.join(", "));
                }
                for a in &s.work_plan {
                    println!("  plan {}: {}", a.number, a.text);
                }
                for i in &r.items {
                    let due = i.due.map(|d| format!(" (by {d})")).unwrap_or_default();
                    println!("  own: {}{due}", i.title);
                }
            }
        }
        SubgroupCommand::Item { name, title, due } => {
            let due = due
                .as_deref()
                .map(|d| resolve::day("--due", d, years_ahead(3)))
                .transpose()?;
            store
                .add_subgroup_item(&slug, Stamp::now(&who), name, title, due)
                .await?;
            println!("Added \"{title}\" to the {name} sub-group's work plan.");
        }
    }
    Ok(())
}
