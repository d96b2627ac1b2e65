//! `boardplan member add NAME`, `member list`, `member import FILE`: the member register.

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};
use domain::governance::expertise_tags;
use domain::{BoardRole, Person};
use formats::governance::register::{self, RegisterFormat};
use store::{RegisterRow, Stamp};
use web::governance::api::{MemberList, MemberOut};

use crate::cli::Global;
use crate::commands::resolve::{self, years_ahead};
use crate::commands::{actor, open, partnership};

#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Add a person to the member register.
    #[command(
        after_help = "Examples:\n  boardplan member add \"Ann Lee\" --agency \"Metropolitan Police\" --board-role member --job-title \"Detective Superintendent\" --expertise \"policing, exploitation\"\n  boardplan member add \"Sam Cole\" --board-role lay-member"
    )]
    Add(Box<AddArgs>),
    /// List the member register, chairs first.
    #[command(after_help = "Examples:\n  boardplan member list\n  boardplan member list --json")]
    List {
        /// Print the API's JSON ({\"items\": [...]}) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Bring the register up to date from a spreadsheet (.csv or .xlsx): one row per person
    /// under a heading row (Name, Agency, Job title, Board role, Expertise, Part played,
    /// Appointed, Term ends, Deputy, Email, Account). All or nothing; nobody is removed.
    #[command(after_help = "Example:\n  boardplan member import register.xlsx")]
    Import {
        /// The file: .csv (UTF-8) or .xlsx.
        file: std::path::PathBuf,
        /// Print what was done as JSON ({added, updated, unchanged}).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The person's name, as the register should show it.
    pub name: String,
    /// The agency they come from, as the board names it (leave out for a lay member).
    #[arg(long)]
    pub agency: Option<String>,
    /// chair, vice-chair, member, adviser, lay-member, observer or participant.
    #[arg(long)]
    pub board_role: String,
    #[arg(long)]
    pub job_title: Option<String>,
    /// Tags separated by commas: "health, education".
    #[arg(long)]
    pub expertise: Option<String>,
    /// Their e-mail (never shown on the public register).
    #[arg(long)]
    pub email: Option<String>,
    /// The part they play, in a sentence.
    #[arg(long)]
    pub part: Option<String>,
    /// When they were appointed (YYYY-MM-DD).
    #[arg(long)]
    pub appointed: Option<String>,
    /// When their term ends (YYYY-MM-DD).
    #[arg(long)]
    pub term_ends: Option<String>,
    /// Who deputises for them: someone already on the register.
    #[arg(long)]
    pub deputy: Option<String>,
    /// The e-mail of the Boardplan account this person signs in with.
    #[arg(long)]
    pub account: Option<String>,
}

pub async fn run(g: &Global, command: &MemberCommand) -> Result<()> {
    match command {
        MemberCommand::Add(args) => add(g, args).await,
        MemberCommand::List { json } => list(g, *json).await,
        MemberCommand::Import { file, json } => import(g, file, *json).await,
    }
}

async fn add(g: &Global, a: &AddArgs) -> Result<()> {
    let board_role: BoardRole = a.board_role.parse().map_err(|e: domain::InvalidValue| {
        anyhow::anyhow!("--board-role: {} {}", e.problem, e.fix)
    })?;
    let latest = years_ahead(10);
    let day = |flag: &str, v: &Option<String>| {
        v.as_deref()
            .map(|t| resolve::day(flag, t, latest))
            .transpose()
    };
    let person = Person {
        name: a.name.clone(),
        agency: a.agency.clone(),
        job_title: a.job_title.clone(),
        board_role,
        expertise: expertise_tags(a.expertise.as_deref().unwrap_or_default()),
        part: a.part.clone(),
        appointed: day("--appointed", &a.appointed)?,
        term_ends: day("--term-ends", &a.term_ends)?,
        deputy: a.deputy.clone(),
        email: a.email.clone(),
        account: a.account.clone(),
    };
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let who = actor(g);
    let added = store.add_person(&slug, Stamp::now(&who), &person).await?;
    let from = added
        .person
        .agency
        .as_deref()
        .map(|a| format!(" ({a})"))
        .unwrap_or_default();
    println!(
        "Added {}{from} to the member register of {} as {}.",
        added.person.name,
        p.name,
        added.person.board_role.label().to_lowercase()
    );
    Ok(())
}

async fn list(g: &Global, json: bool) -> Result<()> {
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let people = store.people(&slug).await?;
    if json {
        let out = MemberList {
            items: people.iter().map(|r| MemberOut::new(&slug, r)).collect(),
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    if people.is_empty() {
        println!(
            "Nobody is on the member register yet: boardplan member add NAME --agency A --board-role R, or boardplan member import FILE"
        );
    }
    for r in &people {
        let p = &r.person;
        let mut line = format!("{:<28} {:<12}", p.name, p.board_role.label());
        if let Some(a) = &p.agency {
            line.push_str(&format!(" {a}"));
        }
        if let Some(t) = &p.job_title {
            line.push_str(&format!(", {t}"));
        }
        if !p.expertise.is_empty() {
            line.push_str(&format!(" [{}]", p.expertise.join(", ")));
        }
        println!("{}", line.trim_end());
    }
    Ok(())
}

async fn import(g: &Global, file: &std::path::Path, json: bool) -> Result<()> {
    let name = file.display().to_string();
    let Some(format) = RegisterFormat::from_file_name(&name) else {
        bail!("{name}: the member register is read from .csv or .xlsx; save it as one of those");
    };
    let bytes = std::fs::read(file).with_context(|| format!("could not read {name}"))?;
    let rows: Vec<RegisterRow> = register::import(&bytes, format)
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?
        .into_iter()
        .map(|(row, person)| RegisterRow { row, person })
        .collect();
    let store = open(g).await?;
    let (slug, _) = partnership(&store, g).await?;
    let who = actor(g);
    let done = store
        .import_people(&slug, Stamp::now(&who), &rows)
        .await
        .map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    if json {
        println!("{}", serde_json::to_string_pretty(&done)?);
    } else {
        println!(
            "Read {} people from {name}: {} added, {} updated, {} unchanged.",
            rows.len(),
            done.added,
            done.updated,
            done.unchanged
        );
    }
    Ok(())
}
