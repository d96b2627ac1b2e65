//! `boardplan workforce [--area A] [--as-at D] [--json]`: the workforce section (13.2) — each
//! workforce indicator loaded (turnover, vacancies, agency workers, caseloads…) with its
//! latest value and the commentary written on it per period; and `boardplan workforce
//! comment CODE --period P --text T`: the business manager's commentary on one of them, kept
//! as the indicators' commentary (`pi comment`), so the indicator's page shows it too.

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use indicators::summary::show_value;
use indicators::{Catalogue, Commentary, Period};
use store::workforce_codes;

use super::{day, target_partnership, today};
use crate::cli::Global;
use crate::commands::actor;

#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct WorkforceArgs {
    #[command(subcommand)]
    pub command: Option<WorkforceCommand>,
    /// The area (a code or name the imported files use); default: the partnership's own.
    #[arg(long)]
    pub area: Option<String>,
    /// Show only what was known by the end of this day (YYYY-MM-DD).
    #[arg(long)]
    pub as_at: Option<String>,
    /// Print the section as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum WorkforceCommand {
    /// Write commentary on a workforce indicator for a period.
    #[command(
        after_help = "Example:\n  boardplan workforce comment sw-turnover-pct --period 2024 --text \"Turnover fell after the recruitment drive.\""
    )]
    Comment {
        /// The workforce indicator's code (`boardplan workforce` lists them).
        code: String,
        /// The census year it is about (2024: at 30 September 2024).
        #[arg(long)]
        period: String,
        #[arg(long)]
        text: String,
        /// The area; default: the partnership's own.
        #[arg(long)]
        area: Option<String>,
        /// Whose commentary it is (a person or role); default: the actor.
        #[arg(long)]
        author: Option<String>,
    },
}

pub async fn run(g: &Global, args: &WorkforceArgs) -> Result<()> {
    let catalogue = Catalogue::builtin();
    match &args.command {
        Some(WorkforceCommand::Comment {
            code,
            period,
            text,
            area,
            author,
        }) => {
            comment(
                g,
                &catalogue,
                code,
                period,
                text,
                area.as_deref(),
                author.as_deref(),
            )
            .await
        }
        None => show(g, &catalogue, args).await,
    }
}

async fn show(g: &Global, catalogue: &Catalogue, args: &WorkforceArgs) -> Result<()> {
    let as_at = day(args.as_at.as_deref(), "--as-at")?;
    let (store, slug) = target_partnership(g).await?;
    let section = store
        .workforce(&slug, catalogue, args.area.as_deref(), as_at)
        .await?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&section)?);
        return Ok(());
    }
    println!(
        "Workforce, {} ({}){}",
        section.area_name,
        section.area_code,
        as_at.map_or(String::new(), |d| format!(", as at {d}"))
    );
    if section.rows.is_empty() {
        println!(
            "No workforce figures yet: import DfE's children's social work workforce file with \
             boardplan pi import FILE"
        );
    }
    for row in &section.rows {
        let s = &row.summary;
        let latest = s.latest.map_or("no value".to_owned(), |l| {
            format!(
                "{} in {}",
                show_value(l.number, s.decimals, s.unit),
                l.period.label()
            )
        });
        println!("{:<22} {}: {latest}", s.indicator.as_str(), s.title);
        for c in &row.commentary {
            println!(
                "{:<22}   {} — {} ({}): {}",
                "",
                c.period.label(),
                c.author,
                c.written_on,
                c.text
            );
        }
    }
    Ok(())
}

async fn comment(
    g: &Global,
    catalogue: &Catalogue,
    code: &str,
    period_text: &str,
    text: &str,
    area: Option<&str>,
    author: Option<&str>,
) -> Result<()> {
    let codes = workforce_codes(catalogue);
    let Some(indicator) = catalogue.find(code).filter(|i| codes.contains(&i.code)) else {
        let list: Vec<&str> = codes.iter().map(|c| c.as_str()).collect();
        bail!(
            "\"{code}\" is not a workforce indicator: give one of {} (or use boardplan pi \
             comment for the others)",
            list.join(", ")
        );
    };
    let period = Period::parse(period_text, indicator.period_type)
        .map_err(|e| anyhow::anyhow!("--period: {e}"))?;
    let (store, slug) = target_partnership(g).await?;
    let area = store.indicator_area(&slug, area).await?;
    let actor = actor(g);
    let commentary = Commentary::new(
        indicator.code.clone(),
        Some(area.clone()),
        period,
        author.unwrap_or(&actor),
        today(),
        text,
    )
    .context("the commentary")?;
    store
        .add_indicator_commentary(&slug, &actor, &commentary, jiff::Timestamp::now())
        .await?;
    println!(
        "Recorded {}'s commentary on {} ({}) for {area} in {}.",
        commentary.author,
        indicator.title,
        indicator.code,
        period.label()
    );
    Ok(())
}
