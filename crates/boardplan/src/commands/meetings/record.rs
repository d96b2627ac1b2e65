//! Recording what happened at a meeting: `meeting attend`, `agenda`, `decide`, `action
//! add|done|promote`, `minutes`, and the board's `rules` (quorum, attendance threshold). Each finds
//! the meeting by date (and `--subgroup`), writes through the store, which refuses bad input
//! naming it and writing nothing, and says what it did.

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use domain::Date;
use domain::meetings::{Attendance, QuorumRule};
use store::{AgendaItem, MeetingSettings, Promotion, Stamp, Store};

use crate::cli::Global;
use crate::commands::resolve::{self, today, years_ahead};
use crate::commands::{actor, open, partnership};

/// A meeting, by its date and, for a sub-group's, the sub-group.
#[derive(Debug, Args)]
pub struct Named {
    /// The meeting's date (YYYY-MM-DD).
    pub date: String,
    /// For a sub-group's meeting, the sub-group's name.
    #[arg(long)]
    pub subgroup: Option<String>,
}

impl Named {
    /// The store, the partnership's slug and the meeting's id.
    pub async fn find(&self, g: &Global) -> Result<(Store, String, i64)> {
        let date = resolve::day("the meeting's date", &self.date, years_ahead(2))?;
        let store = open(g).await?;
        let (slug, _) = partnership(&store, g).await?;
        let id = store
            .find_meeting(&slug, date, self.subgroup.as_deref())
            .await?;
        Ok((store, slug, id))
    }
}

#[derive(Debug, Args)]
pub struct AttendArgs {
    #[command(flatten)]
    pub meeting: Named,
    /// The person, as the member register names them.
    #[arg(long)]
    pub member: String,
    /// present, apologies, absent or deputy.
    #[arg(long = "as", value_name = "present|apologies|absent|deputy", value_parser = parse_attendance)]
    pub status: Attendance,
    /// With --as deputy: who came instead (default: their deputy on the register).
    #[arg(long)]
    pub deputy: Option<String>,
}

fn parse_attendance(s: &str) -> Result<Attendance, String> {
    s.parse()
        .map_err(|e: domain::InvalidValue| format!("{} {}", e.problem, e.fix))
}

#[derive(Debug, Args)]
pub struct AgendaArgs {
    #[command(flatten)]
    pub meeting: Named,
    /// The item's title.
    pub title: String,
    #[arg(long)]
    pub presenter: Option<String>,
    /// A reference to the paper (its title or number).
    #[arg(long)]
    pub paper: Option<String>,
    /// The plan's action numbers it is about, separated by commas.
    #[arg(long)]
    pub actions: Option<String>,
    /// The indicator codes it is about, separated by commas.
    #[arg(long)]
    pub indicators: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Raise an action at a meeting: what, who, by when.
    #[command(
        after_help = "Example:\n  boardplan meeting action add 2009-09-16 \"Circulate the protocol\" --who \"Business manager\" --due 2009-10-31"
    )]
    Add {
        #[command(flatten)]
        meeting: Named,
        /// What is to be done.
        what: String,
        /// Who is to do it.
        #[arg(long)]
        who: String,
        /// By when (YYYY-MM-DD).
        #[arg(long)]
        due: Option<String>,
    },
    /// Mark an action of the log done (its number as `meeting show` lists it).
    #[command(after_help = "Example:\n  boardplan meeting action done 3 --date 2009-10-20")]
    Done {
        /// The action's number.
        id: i64,
        /// The day it was done (default: today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Promote an action of the log into the plan: it becomes the next action of the
    /// objective given, with its lead role and due date, in a new version of the plan.
    #[command(
        after_help = "Example:\n  boardplan meeting action promote 3 --objective 4 --lead \"LSCB Chair\" --due 2009-11-30"
    )]
    Promote {
        /// The action's number (as `meeting show` lists it).
        id: i64,
        /// The objective's number in the plan ("4").
        #[arg(long)]
        objective: String,
        /// The lead role: its id or its title.
        #[arg(long)]
        lead: String,
        /// When the plan action is due (YYYY-MM-DD).
        #[arg(long)]
        due: String,
        /// The plan's title (default: the latest plan that is not closed).
        #[arg(long)]
        plan: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct MinutesArgs {
    #[command(flatten)]
    pub meeting: Named,
    /// A text file holding the draft minutes.
    #[arg(
        long,
        conflicts_with = "approved_at",
        required_unless_present = "approved_at"
    )]
    pub file: Option<std::path::PathBuf>,
    /// The date of the later meeting (of the same body) that approved them.
    #[arg(long)]
    pub approved_at: Option<String>,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// The board meeting is quorate with at least this many agencies present or represented.
    #[arg(long)]
    pub quorum_agencies: Option<u32>,
    /// …and at least this many members.
    #[arg(long)]
    pub quorum_members: Option<u32>,
    /// Flag agencies attending less than this share of meetings (per cent; default 75).
    #[arg(long)]
    pub attendance_threshold: Option<u32>,
}

fn date(what: &str, t: &str) -> Result<Date> {
    resolve::day(what, t, years_ahead(2))
}

pub async fn attend(g: &Global, a: &AttendArgs) -> Result<()> {
    let (store, slug, id) = a.meeting.find(g).await?;
    let who = actor(g);
    store
        .record_attendance(
            &slug,
            Stamp::now(&who),
            id,
            &a.member,
            a.status,
            a.deputy.as_deref(),
        )
        .await?;
    println!(
        "Recorded {} as {} at the meeting on {}.",
        a.member,
        a.status.label().to_lowercase(),
        a.meeting.date
    );
    Ok(())
}

pub async fn decide(g: &Global, m: &Named, text: &str) -> Result<()> {
    let (store, slug, id) = m.find(g).await?;
    store
        .add_decision(&slug, Stamp::now(&actor(g)), id, text)
        .await?;
    println!("Recorded the decision at the meeting on {}.", m.date);
    Ok(())
}

fn list(t: &Option<String>) -> Vec<String> {
    t.as_deref()
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

pub async fn agenda(g: &Global, a: &AgendaArgs) -> Result<()> {
    let (store, slug, id) = a.meeting.find(g).await?;
    let item = AgendaItem {
        title: a.title.clone(),
        presenter: a.presenter.clone(),
        paper: a.paper.clone(),
        actions: list(&a.actions),
        indicators: list(&a.indicators),
    };
    store
        .add_agenda_item(&slug, Stamp::now(&actor(g)), id, &item)
        .await?;
    println!(
        "Added \"{}\" to the agenda of the meeting on {}.",
        a.title, a.meeting.date
    );
    Ok(())
}

pub async fn action(g: &Global, c: &ActionCommand) -> Result<()> {
    match c {
        ActionCommand::Add {
            meeting,
            what,
            who,
            due,
        } => {
            let due = due.as_deref().map(|d| date("--due", d)).transpose()?;
            let (store, slug, id) = meeting.find(g).await?;
            let n = store
                .add_meeting_action(&slug, Stamp::now(&actor(g)), id, what, who, due)
                .await?;
            println!(
                "Raised action {n} at the meeting on {}: {what} ({who}).",
                meeting.date
            );
        }
        ActionCommand::Done { id, date: done } => {
            let done = match done {
                Some(d) => resolve::day("--date", d, today())?,
                None => today(),
            };
            let store = open(g).await?;
            let (slug, _) = partnership(&store, g).await?;
            store
                .complete_meeting_action(&slug, Stamp::now(&actor(g)), *id, done)
                .await?;
            println!("Marked action {id} done on {done}.");
        }
        ActionCommand::Promote {
            id,
            objective,
            lead,
            due,
            plan,
        } => {
            let to = Promotion {
                plan: plan.clone(),
                objective: objective.clone(),
                lead: lead.clone(),
                due: date("--due", due)?,
            };
            let store = open(g).await?;
            let (slug, _) = partnership(&store, g).await?;
            let p = store
                .promote_meeting_action(&slug, Stamp::now(&actor(g)), *id, &to)
                .await?;
            println!(
                "Promoted action {id} into the plan: it is action {} of \"{}\" (version {}).",
                p.action, p.plan, p.version
            );
        }
    }
    Ok(())
}

pub async fn minutes(g: &Global, a: &MinutesArgs) -> Result<()> {
    let approved = a
        .approved_at
        .as_deref()
        .map(|d| date("--approved-at", d))
        .transpose()?;
    let text = match &a.file {
        Some(f) => Some(
            std::fs::read_to_string(f)
                .with_context(|| format!("could not read the minutes from {}", f.display()))?,
        ),
        None => None,
    };
    let (store, slug, id) = a.meeting.find(g).await?;
    let who = actor(g);
    match (approved, text) {
        (Some(at), _) => {
            let approver = store
                .find_meeting(&slug, at, a.meeting.subgroup.as_deref())
                .await?;
            store
                .approve_minutes(&slug, Stamp::now(&who), id, approver)
                .await?;
            println!(
                "Recorded that the meeting on {at} approved the minutes of {}.",
                a.meeting.date
            );
        }
        (None, Some(text)) => {
            store
                .set_minutes(&slug, Stamp::now(&who), id, &text)
                .await?;
            println!(
                "Saved the draft minutes of the meeting on {}.",
                a.meeting.date
            );
        }
        (None, None) => anyhow::bail!(
            "give the draft minutes (--file FILE) or the meeting that approved them (--approved-at DATE)"
        ),
    }
    Ok(())
}

pub async fn rules(g: &Global, a: &RulesArgs) -> Result<()> {
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let old = store.meeting_settings(&slug).await?;
    let new = MeetingSettings {
        quorum: QuorumRule {
            agencies: a.quorum_agencies.or(old.quorum.agencies),
            members: a.quorum_members.or(old.quorum.members),
        },
        attendance_threshold: a.attendance_threshold.unwrap_or(old.attendance_threshold),
    };
    store
        .set_meeting_settings(&slug, Stamp::now(&actor(g)), &new)
        .await?;
    println!(
        "The board's quorum: {}; agencies are flagged below {}% attendance.",
        new.quorum.describe(),
        new.attendance_threshold
    );
    Ok(())
}
