//! `boardplan s11 cycle add|stage`, `s11 rate`, `s11 moderate`, `s11 heatmap`, `s11 evidence
//! add|list` and `s11 action add|list`: the Section 11 self-assessment from the command line,
//! which acts for the board's officers (the web app applies who may see which return).

use anyhow::{Context, Result, anyhow, bail};
use clap::Subcommand;
use domain::assurance::section11::{Scale, Stage, parse_standards};
use store::{NewCycle, S11Action, S11Rating, Stamp};

use super::qa_audit::flagged;
use web::assurance::section11::api::HeatCellOut;
use web::assurance::section11::returns_api::S11ReturnOut;

use crate::cli::Global;
use crate::commands::resolve::{day, years_ahead};
use crate::commands::{actor, open, partnership, plan_index};

#[derive(Debug, Subcommand)]
pub enum S11Command {
    /// Section 11 cycles: add one (a year) or move it to its next stage.
    #[command(subcommand)]
    Cycle(CycleCommand),
    /// Record an agency's rating of a standard in a cycle.
    #[command(
        after_help = "Example:\n  boardplan s11 rate --cycle 2010 --agency \"Metropolitan Police\" --standard 3 --rating amber --evidence \"Training records show 80% of staff trained.\""
    )]
    Rate {
        #[arg(long)]
        cycle: i32,
        #[arg(long)]
        agency: String,
        /// The standard's number.
        #[arg(long)]
        standard: String,
        /// A word of the cycle's scale (default green, amber, red).
        #[arg(long)]
        rating: String,
        #[arg(long)]
        evidence: Option<String>,
        /// Who signs the return for the agency.
        #[arg(long)]
        signatory: Option<String>,
    },
    /// Record the moderation panel's agreed rating of an agency's standard.
    #[command(
        after_help = "Example:\n  boardplan s11 moderate --cycle 2010 --agency \"Metropolitan Police\" --standard 3 --agreed red --notes \"No evidence of audit.\""
    )]
    Moderate {
        #[arg(long)]
        cycle: i32,
        #[arg(long)]
        agency: String,
        #[arg(long)]
        standard: String,
        #[arg(long)]
        agreed: String,
        #[arg(long)]
        notes: Option<String>,
    },
    /// Evidence files on an agency's return: add one to a standard, or list them.
    #[command(subcommand)]
    Evidence(EvidenceCommand),
    /// An agency's improvement actions, each carried by a plan action (whose source becomes
    /// the Section 11 cycle): link one to a standard, or list them.
    #[command(subcommand)]
    Action(ActionCommand),
    /// The heat map of agencies x standards.
    Heatmap {
        #[arg(long)]
        cycle: i32,
        /// Print JSON (one cell per agency and standard: agency, standard, rating).
        #[arg(long)]
        json: bool,
    },
}

/// Which return line: the cycle, the agency and the standard.
#[derive(Debug, clap::Args)]
pub struct LineArgs {
    #[arg(long)]
    pub cycle: i32,
    #[arg(long)]
    pub agency: String,
    /// The standard's number.
    #[arg(long)]
    pub standard: String,
}

#[derive(Debug, Subcommand)]
pub enum EvidenceCommand {
    /// Add a file as evidence for a standard of an agency's return (checked as progress
    /// evidence is: PDF, Word, Excel, OpenDocument, PNG, JPEG, plain text or CSV, at most
    /// 20 MB).
    #[command(
        after_help = "Example:\n  boardplan s11 evidence add --cycle 2010 --agency \"Metropolitan Police\" --standard 3 --file training-records.pdf"
    )]
    Add {
        #[command(flatten)]
        line: LineArgs,
        #[arg(long)]
        file: std::path::PathBuf,
    },
    /// List the evidence files of an agency's return.
    List {
        #[arg(long)]
        cycle: i32,
        #[arg(long)]
        agency: String,
        /// Print JSON (standard, id, name, media_type, size, sha256, href per file).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ActionCommand {
    /// Link an agency's improvement action on a standard to the plan action that carries it.
    #[command(
        after_help = "Example:\n  boardplan s11 action add --cycle 2010 --agency \"Metropolitan Police\" --standard 3 --action 4.1 --text \"Train every custody sergeant\""
    )]
    Add {
        #[command(flatten)]
        line: LineArgs,
        /// The plan action that carries it, by its number (4.1, 4.2#2).
        #[arg(long)]
        action: String,
        /// The plan the action is in [default: the latest plan].
        #[arg(long)]
        plan: Option<String>,
        /// The improvement action in the agency's words.
        #[arg(long)]
        text: Option<String>,
    },
    /// List the improvement actions of an agency's return.
    List {
        #[arg(long)]
        cycle: i32,
        #[arg(long)]
        agency: String,
        /// Print JSON (standard, text, plan, action, href per improvement action).
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum CycleCommand {
    /// Add a cycle with its standards (CSV: number, title); without --standards, the last
    /// cycle's are copied.
    #[command(
        after_help = "Example:\n  boardplan s11 cycle add 2010 --standards standards.csv --due 2010-06-30"
    )]
    Add {
        year: i32,
        #[arg(long)]
        standards: Option<std::path::PathBuf>,
        /// The rating words, best first, comma-separated (default green,amber,red, or the
        /// last cycle's).
        #[arg(long)]
        scale: Option<String>,
        /// When returns are due: YYYY-MM-DD.
        #[arg(long)]
        due: Option<String>,
    },
    /// Move a cycle to a stage: returns, moderation or closed.
    Stage { year: i32, stage: String },
}

pub async fn run(g: &Global, command: &S11Command) -> Result<()> {
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let who = actor(g);
    match command {
        S11Command::Cycle(CycleCommand::Add {
            year,
            standards,
            scale,
            due,
        }) => {
            let standards = match standards {
                Some(path) => {
                    let text = std::fs::read_to_string(path)
                        .with_context(|| format!("could not read {}", path.display()))?;
                    Some(parse_standards(&text).map_err(|e| anyhow!("{}: {e}", path.display()))?)
                }
                None => None,
            };
            let scale = scale
                .as_deref()
                .map(|s| {
                    let words: Vec<String> = s.split(',').map(str::to_string).collect();
                    Scale::new(&words).map_err(|e| anyhow!("--scale: {} {}", e.problem, e.fix))
                })
                .transpose()?;
            let due_on = due
                .as_deref()
                .map(|d| day("--due", d, years_ahead(2)))
                .transpose()?;
            let c = NewCycle {
                year: *year,
                standards,
                scale,
                due_on,
            };
            let made = store.add_s11_cycle(&slug, Stamp::now(&who), &c).await?;
            println!(
                "Added the Section 11 cycle {year} with {} standards, rated {}.",
                made.standards.len(),
                made.scale.words().join(", ")
            );
        }
        S11Command::Cycle(CycleCommand::Stage { year, stage }) => {
            let s: Stage = stage
                .parse()
                .map_err(|e: domain::InvalidValue| anyhow!("{} {}", e.problem, e.fix))?;
            store
                .set_s11_stage(&slug, Stamp::now(&who), *year, s)
                .await?;
            println!("The {year} cycle is at {}.", s.as_str());
        }
        S11Command::Rate {
            cycle,
            agency,
            standard,
            rating,
            evidence,
            signatory,
        } => {
            let r = S11Rating {
                agency: agency.clone(),
                standard: standard.clone(),
                rating: rating.clone(),
                evidence: evidence.clone(),
                signatory: signatory.clone(),
            };
            store.rate_s11(&slug, Stamp::now(&who), *cycle, &r).await?;
            println!("Recorded {agency}'s rating of standard {standard} in {cycle}.");
        }
        S11Command::Moderate {
            cycle,
            agency,
            standard,
            agreed,
            notes,
        } => {
            store
                .moderate_s11(
                    &slug,
                    Stamp::now(&who),
                    *cycle,
                    agency,
                    standard,
                    agreed,
                    notes.as_deref(),
                )
                .await?;
            println!("Recorded the panel's agreed rating of {agency}'s standard {standard}.");
        }
        S11Command::Evidence(EvidenceCommand::Add { line, file }) => {
            let size = std::fs::metadata(file)
                .with_context(|| format!("could not read {}", file.display()))?
                .len();
            if size > store::MAX_EVIDENCE_BYTES as u64 {
                bail!(
                    "--file: {} is {:.1} MB; evidence files can be at most {} MB. Nothing was \
                     written.",
                    file.display(),
                    size as f64 / 1_048_576.0,
                    store::MAX_EVIDENCE_BYTES / 1_048_576
                );
            }
            let bytes = std::fs::read(file)
                .with_context(|| format!("could not read {}", file.display()))?;
            let name = file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let added = store
                .add_s11_evidence(
                    &slug,
                    Stamp::now(&who),
                    (line.cycle, &line.agency, &line.standard),
                    &name,
                    bytes,
                )
                .await
                .map_err(|e| flagged(e, &[("file", "--file")]))?;
            println!(
                "Added {} ({}) as evidence for standard {} of {}'s {} return.",
                added.name, added.media_type, line.standard, line.agency, line.cycle
            );
        }
        S11Command::Action(ActionCommand::Add {
            line,
            action,
            plan,
            text,
        }) => {
            let a = S11Action {
                text: text.clone(),
                plan: p.plans[plan_index(&p, plan.as_deref())?].title.clone(),
                action: action.clone(),
            };
            store
                .add_s11_action(
                    &slug,
                    Stamp::now(&who),
                    (line.cycle, &line.agency, &line.standard),
                    &a,
                )
                .await
                .map_err(|e| flagged(e, &[("action", "--action"), ("text", "--text")]))?;
            println!(
                "Linked {}'s improvement action on standard {} ({}) to action {action} of \"{}\".",
                line.agency, line.standard, line.cycle, a.plan
            );
        }
        S11Command::Evidence(EvidenceCommand::List {
            cycle,
            agency,
            json,
        }) => {
            let r = S11ReturnOut::new(&slug, &store.s11_return(&slug, *cycle, agency).await?);
            let files: Vec<_> = r.lines.into_iter().flat_map(|l| l.files).collect();
            if *json {
                println!("{}", serde_json::to_string_pretty(&files)?);
                return Ok(());
            }
            if files.is_empty() {
                println!("No evidence files on {}'s {cycle} return.", r.agency);
            }
            for f in files {
                println!(
                    "{:>4}  standard {}  {}  {}  {} bytes",
                    f.id, f.standard, f.name, f.media_type, f.size
                );
            }
        }
        S11Command::Action(ActionCommand::List {
            cycle,
            agency,
            json,
        }) => {
            let r = S11ReturnOut::new(&slug, &store.s11_return(&slug, *cycle, agency).await?);
            let actions: Vec<_> = r.lines.into_iter().flat_map(|l| l.actions).collect();
            if *json {
                println!("{}", serde_json::to_string_pretty(&actions)?);
                return Ok(());
            }
            if actions.is_empty() {
                println!("No improvement actions on {}'s {cycle} return.", r.agency);
            }
            for a in actions {
                println!(
                    "standard {}  action {}  {}",
                    a.standard,
                    a.action,
                    a.text.as_deref().unwrap_or("")
                );
            }
        }
        S11Command::Heatmap { cycle, json } => {
            let map = store.s11_map(&slug, *cycle).await?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&HeatCellOut::all(&map))?);
                return Ok(());
            }
            let numbers: Vec<&str> = map
                .cycle
                .standards
                .iter()
                .map(|s| s.number.as_str())
                .collect();
            let width = map
                .agencies
                .iter()
                .map(|a| a.chars().count())
                .max()
                .unwrap_or(6);
            let heads: Vec<String> = numbers
                .iter()
                .map(|n| format!("{n:<pad$}", pad = n.chars().count().max(5)))
                .collect();
            println!("{:width$}  {}", "Agency", heads.join("  "));
            for a in &map.agencies {
                let cells: Vec<String> = map
                    .row(a)
                    .iter()
                    .zip(&numbers)
                    .map(|(c, n)| {
                        let word = c.rating.as_deref().unwrap_or("-");
                        format!("{word:<pad$}", pad = n.chars().count().max(5))
                    })
                    .collect();
                println!("{a:width$}  {}", cells.join("  "));
            }
            for o in map.outstanding(crate::commands::resolve::today()) {
                let late = if o.overdue { ", overdue" } else { "" };
                println!(
                    "Outstanding: {} ({} of {} rated{late})",
                    o.agency, o.rated, o.of
                );
            }
        }
    }
    Ok(())
}
