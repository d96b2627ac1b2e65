//! `boardplan meeting add DATE`, `meeting list` and the sub-commands that record what happened
//! at a meeting (`record`) or show it (`show`). The last board meeting is what "stale" is
//! measured from. A meeting is named by its date, and `--subgroup NAME` for a sub-group's.

use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};
use domain::{Meeting, MeetingKind};
use store::Stamp;

use super::record::{self, ActionCommand, AttendArgs, Named};
use crate::cli::Global;
use crate::commands::resolve::{self, today, years_ahead};
use crate::commands::{actor, open, partnership};

#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// Record a meeting of the board (the default) or of a sub-group.
    #[command(
        after_help = "Examples:\n  boardplan meeting add 2009-09-16 --time 09:30 --place \"Guildhall, Room 3\"\n  boardplan meeting add 2009-07-01 --subgroup Training"
    )]
    Add(MeetingAddArgs),
    /// List the meetings recorded, as at a date if given.
    #[command(after_help = "Example:\n  boardplan meeting list --as-at 2009-12-31")]
    List {
        /// Only meetings recorded by the end of this day (YYYY-MM-DD).
        #[arg(long)]
        as_at: Option<String>,
        /// Print the API's JSON ({"items": [...]}) of every meeting instead.
        #[arg(long, conflicts_with = "as_at")]
        json: bool,
    },
    /// Record how a member was at a meeting: present, apologies, absent, or represented by a
    /// deputy.
    #[command(
        after_help = "Examples:\n  boardplan meeting attend 2009-09-16 --member \"Ann Lee\" --as present\n  boardplan meeting attend 2009-09-16 --member \"Ann Lee\" --as deputy --deputy \"Sam Cole\""
    )]
    Attend(AttendArgs),
    /// Show one meeting: attendance, whether it was quorate, decisions and the action log.
    #[command(
        after_help = "Examples:\n  boardplan meeting show 2009-09-16\n  boardplan meeting show 2009-07-01 --subgroup Training --json"
    )]
    Show {
        #[command(flatten)]
        meeting: Named,
        /// Print the API's JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// Record a decision the meeting made.
    #[command(
        after_help = "Example:\n  boardplan meeting decide 2009-09-16 \"Adopt the threshold document\""
    )]
    Decide {
        #[command(flatten)]
        meeting: Named,
        /// The decision, in a sentence.
        text: String,
    },
    /// Add an item to the meeting's agenda.
    #[command(
        after_help = "Example:\n  boardplan meeting agenda 2009-09-16 \"Performance report\" --presenter \"Ann Lee\" --paper \"Paper 3\" --actions 2.1,2.2"
    )]
    Agenda(record::AgendaArgs),
    /// The meeting action log: raise an action, or mark one done.
    #[command(subcommand)]
    Action(ActionCommand),
    /// Write a meeting's draft minutes, or record their approval at a later meeting.
    #[command(
        after_help = "Examples:\n  boardplan meeting minutes 2009-06-17 --file minutes.txt\n  boardplan meeting minutes 2009-06-17 --approved-at 2009-09-16"
    )]
    Minutes(record::MinutesArgs),
    /// The board's quorum and the attendance share below which an agency is flagged.
    #[command(
        after_help = "Example:\n  boardplan meeting rules --quorum-agencies 4 --quorum-members 6 --attendance-threshold 75"
    )]
    Rules(record::RulesArgs),
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
    /// The time it starts, HH:MM on the 24-hour clock.
    #[arg(long)]
    pub time: Option<String>,
    /// Where it is held: a room, or a link.
    #[arg(long)]
    pub place: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Kind {
    Board,
    Subgroup,
}

pub async fn run(g: &Global, command: &MeetingCommand) -> Result<()> {
    match command {
        MeetingCommand::Add(args) => add(g, args).await,
        MeetingCommand::List { as_at, json } => list(g, as_at.as_deref(), *json).await,
        MeetingCommand::Attend(args) => record::attend(g, args).await,
        MeetingCommand::Show { meeting, json } => super::show::run(g, meeting, *json).await,
        MeetingCommand::Decide { meeting, text } => record::decide(g, meeting, text).await,
        MeetingCommand::Agenda(args) => record::agenda(g, args).await,
        MeetingCommand::Action(command) => record::action(g, command).await,
        MeetingCommand::Minutes(args) => record::minutes(g, args).await,
        MeetingCommand::Rules(args) => record::rules(g, args).await,
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
    store
        .add_meeting_with(
            &slug,
            Stamp::now(&who),
            &m,
            args.time.as_deref(),
            args.place.as_deref(),
        )
        .await?;
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

async fn list(g: &Global, as_at: Option<&str>, json: bool) -> Result<()> {
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    if json {
        let all = store.meeting_list(&slug).await?;
        let items = all
            .iter()
            .map(|m| web::meetings::wire::MeetingOut::new(&slug, m))
            .collect();
        let list = web::meetings::wire::MeetingList { items };
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(());
    }
    let as_at = match as_at {
        Some(d) => resolve::day("--as-at", d, today())?,
        None => today(),
    };
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
