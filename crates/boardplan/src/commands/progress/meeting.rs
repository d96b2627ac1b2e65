//! `boardplan meeting add DATE` and `meeting list`: the board's and sub-groups' meetings. The
//! last board meeting is what "stale" is measured from.

use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};
use domain::{Meeting, MeetingKind};
use store::Stamp;

use crate::cli::Global;
use crate::commands::resolve::{self, today, years_ahead};
use crate::commands::{actor, open, partnership};

#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// Record a meeting of the board (the default) or of a sub-group.
    #[command(
        after_help = "Examples:\n  boardplan meeting add 2009-09-16\n  boardplan meeting add 2009-07-01 --kind subgroup --subgroup Training"
    )]
    Add(MeetingAddArgs),
    /// List the meetings recorded, as at a date if given.
    #[command(after_help = "Example:\n  boardplan meeting list --as-at 2009-12-31")]
    List {
        /// Only meetings recorded by the end of this day (YYYY-MM-DD).
        #[arg(long)]
        as_at: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct MeetingAddArgs {
    /// The meeting's date (YYYY-MM-DD).
    pub date: String,
    /// Whose meeting it is (default: board, or subgroup when --subgroup is given).
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// For a sub-group meeting, the sub-group's name.
    #[arg(long)]
    pub subgroup: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Board,
    Subgroup,
}

pub async fn run(g: &Global, command: &MeetingCommand) -> Result<()> {
    match command {
        MeetingCommand::Add(args) => add(g, args).await,
        MeetingCommand::List { as_at } => list(g, as_at.as_deref()).await,
    }
}

async fn add(g: &Global, args: &MeetingAddArgs) -> Result<()> {
    let date = resolve::day("the meeting's date", &args.date, years_ahead(2))?;
    let kind = match (args.kind, &args.subgroup) {
        (Some(Kind::Board), _) | (None, None) => MeetingKind::Board,
        (Some(Kind::Subgroup), _) | (None, Some(_)) => MeetingKind::Subgroup,
    };
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let m = Meeting {
        date,
        kind,
        subgroup: args.subgroup.clone(),
    };
    let who = actor(g);
    store.add_meeting(&slug, Stamp::now(&who), &m).await?;
    let whose = match &m.subgroup {
        Some(s) => format!("the {s} sub-group"),
        None => format!("the board of {}", p.name),
    };
    println!(
        "Recorded a meeting of {whose} on {}.",
        date.strftime("%-d %B %Y")
    );
    Ok(())
}

async fn list(g: &Global, as_at: Option<&str>) -> Result<()> {
    let as_at = match as_at {
        Some(d) => resolve::day("--as-at", d, today())?,
        None => today(),
    };
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let mut meetings = store.meetings(&slug, store::end_of(as_at)).await?;
    meetings.sort_by_key(|m| m.date);
    if meetings.is_empty() {
        println!("No meetings are recorded yet: boardplan meeting add DATE");
    }
    for m in meetings {
        let whose = m.subgroup.unwrap_or_else(|| "Board".into());
        println!("{}  {whose}", m.date);
    }
    Ok(())
}
