//! `boardplan risk add|rate|status|list`: the risk register. A re-rating is a new dated row,
//! so `risk list --as-at D` shows the register exactly as it stood on D.

use anyhow::{Result, anyhow};
use clap::Subcommand;
use domain::assurance::risks::{Rating, RiskStatus, appetite};
use domain::find_action;
use store::{NewRisk, RatingKind, Stamp};
use web::assurance::risks::api::RiskRow;

use crate::cli::Global;
use crate::commands::resolve::{day, today};
use crate::commands::{actor, open, partnership, plan_index};

#[derive(Debug, Subcommand)]
pub enum RiskCommand {
    /// Add a risk to the register, with its inherent rating (before controls).
    #[command(
        after_help = "Example:\n  boardplan risk add --title \"Agencies miss strategy meetings\" --owner \"Business Manager\" --likelihood 4 --impact 4 --appetite 9 --action 4.1 --date 2009-06-01"
    )]
    Add {
        #[arg(long)]
        title: String,
        /// The role that owns the risk (plans name roles, never people).
        #[arg(long)]
        owner: String,
        /// 1 (rare) to 5 (almost certain).
        #[arg(long)]
        likelihood: i64,
        /// 1 (negligible) to 5 (catastrophic).
        #[arg(long)]
        impact: i64,
        /// The highest score (likelihood x impact) the board accepts: 1 to 25.
        #[arg(long)]
        appetite: Option<i64>,
        /// A plan action the risk is linked to (e.g. 4.1); repeat for more.
        #[arg(long = "action")]
        actions: Vec<String>,
        /// An indicator code the risk is linked to; repeat for more.
        #[arg(long = "indicator")]
        indicators: Vec<String>,
        #[arg(long)]
        cause: Option<String>,
        #[arg(long)]
        consequence: Option<String>,
        /// What is in place to reduce the risk.
        #[arg(long)]
        controls: Option<String>,
        /// When the risk is next reviewed: YYYY-MM-DD.
        #[arg(long)]
        review: Option<String>,
        /// The day the rating speaks for (default today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Rate a risk again (residual, with its controls; `--inherent` to re-rate before them).
    #[command(
        after_help = "Example:\n  boardplan risk rate 3 --likelihood 2 --impact 4 --date 2009-12-01"
    )]
    Rate {
        /// The risk's id (3 or R3).
        id: String,
        #[arg(long)]
        likelihood: i64,
        #[arg(long)]
        impact: i64,
        #[arg(long)]
        date: Option<String>,
        #[arg(long)]
        inherent: bool,
    },
    /// Set a risk's status: open, escalated or closed.
    #[command(after_help = "Example:\n  boardplan risk status 3 escalated")]
    Status { id: String, status: String },
    /// List the register as at a day, with each risk's current score against its appetite.
    List {
        #[arg(long)]
        as_at: Option<String>,
        /// Print JSON (id, title, likelihood, impact, score, above_appetite) instead of a table.
        #[arg(long)]
        json: bool,
    },
}

fn risk_id(typed: &str) -> Result<i64> {
    typed
        .trim()
        .trim_start_matches(['R', 'r'])
        .parse()
        .map_err(|_| anyhow!("\"{typed}\" is not a risk's id: give its number, e.g. 3 or R3 (boardplan risk list shows them)"))
}

fn rating(likelihood: i64, impact: i64) -> Result<Rating> {
    Rating::new(likelihood, impact)
        .map_err(|e| anyhow!("--likelihood/--impact: {} {}", e.problem, e.fix))
}

fn on(date: Option<&str>) -> Result<domain::Date> {
    date.map_or(Ok(today()), |d| day("--date", d, today()))
}

pub async fn run(g: &Global, command: &RiskCommand) -> Result<()> {
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let who = actor(g);
    match command {
        RiskCommand::Add {
            title,
            owner,
            likelihood,
            impact,
            appetite: a,
            actions,
            indicators,
            cause,
            consequence,
            controls,
            review,
            date,
        } => {
            let rating = rating(*likelihood, *impact)?;
            let appetite = a
                .map(appetite)
                .transpose()
                .map_err(|e| anyhow!("--appetite: {} {}", e.problem, e.fix))?;
            let rated_on = on(date.as_deref())?;
            let review_on = review
                .as_deref()
                .map(|d| {
                    d.trim()
                        .parse::<domain::Date>()
                        .map_err(|_| anyhow!("--review: \"{d}\" is not a date; give YYYY-MM-DD"))
                })
                .transpose()?;
            let mut linked = Vec::new();
            if !actions.is_empty() {
                let plan = &p.plans[plan_index(&p, None)?];
                for typed in actions {
                    let (_, action) =
                        find_action(plan, typed).map_err(|e| anyhow!("--action {typed}: {e}"))?;
                    linked.push((plan.title.clone(), action.id.clone()));
                }
            }
            let r = NewRisk {
                title: title.clone(),
                cause: cause.clone(),
                consequence: consequence.clone(),
                owner_role: owner.clone(),
                controls: controls.clone(),
                appetite,
                review_on,
                rating,
                rated_on,
                actions: linked,
                indicators: indicators.clone(),
            };
            let id = store.add_risk(&slug, Stamp::now(&who), &r).await?;
            println!(
                "Added R{id} {} (score {}{}).",
                title.trim(),
                rating.score(),
                if rating.above(appetite) {
                    ", above appetite"
                } else {
                    ""
                }
            );
        }
        RiskCommand::Rate {
            id,
            likelihood,
            impact,
            date,
            inherent,
        } => {
            let id = risk_id(id)?;
            let rating = rating(*likelihood, *impact)?;
            let kind = if *inherent {
                RatingKind::Inherent
            } else {
                RatingKind::Residual
            };
            let d = on(date.as_deref())?;
            store
                .rate_risk(&slug, Stamp::now(&who), id, kind, rating, d)
                .await?;
            println!(
                "Rated R{id} {} x {} = {} as at {d}.",
                rating.likelihood(),
                rating.impact(),
                rating.score()
            );
        }
        RiskCommand::Status { id, status } => {
            let id = risk_id(id)?;
            let s: RiskStatus = status
                .parse()
                .map_err(|e: domain::InvalidValue| anyhow!("{} {}", e.problem, e.fix))?;
            store
                .set_risk_status(&slug, Stamp::now(&who), id, s)
                .await?;
            println!("R{id} is now {}.", s.as_str());
        }
        RiskCommand::List { as_at, json } => {
            let d = match as_at {
                Some(t) => day("--as-at", t, today())?,
                None => today(),
            };
            let risks = store.risks(&slug, d).await?;
            if *json {
                let rows: Vec<RiskRow> = risks.iter().map(RiskRow::new).collect();
                println!("{}", serde_json::to_string_pretty(&rows)?);
                return Ok(());
            }
            if risks.is_empty() {
                println!("No risk was on the register on {d}.");
            }
            for r in &risks {
                let c = r.current();
                let flag = if r.above_appetite() {
                    "  ABOVE APPETITE"
                } else {
                    ""
                };
                let appetite = r
                    .appetite
                    .map(|a| format!(" (appetite {a})"))
                    .unwrap_or_default();
                println!(
                    "R{}  {}  {} x {} = {}{appetite}  {}  [{}]{flag}",
                    r.id,
                    r.title,
                    c.likelihood(),
                    c.impact(),
                    c.score(),
                    r.owner_role,
                    r.status.as_str()
                );
            }
        }
    }
    Ok(())
}
