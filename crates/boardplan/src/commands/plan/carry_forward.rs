//! `boardplan plan carry-forward`: close a plan's period and carry its unfinished actions
//! (every action not signed off) into a new plan, each keeping its history and a link to
//! where it came from.

use anyhow::{Result, bail};
use clap::Args;
use domain::Period;
use store::{CarryForward, Stamp};

use crate::cli::Global;
use crate::commands::resolve::{self, years_ahead};
use crate::commands::{actor, open, partnership, plan_index};

#[derive(Debug, Args)]
pub struct CarryForwardArgs {
    /// The new plan's title.
    #[arg(long)]
    pub to_title: String,
    /// The first day of the new plan's period (YYYY-MM-DD).
    #[arg(long)]
    pub start: String,
    /// The last day of the new plan's period (YYYY-MM-DD).
    #[arg(long)]
    pub end: String,
    /// The plan to close (default: the latest plan).
    #[arg(long)]
    pub plan: Option<String>,
}

pub async fn run(g: &Global, args: &CarryForwardArgs) -> Result<()> {
    resolve::not_blank("--to-title", &args.to_title)?;
    let start = resolve::day("--start", &args.start, years_ahead(10))?;
    let end = resolve::day("--end", &args.end, years_ahead(10))?;
    let Ok(period) = Period::new(start, end) else {
        bail!("--end ({end}) is before --start ({start})");
    };
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let from = p.plans[plan_index(&p, args.plan.as_deref())?].title.clone();
    let who = actor(g);
    let done = store
        .carry_forward(
            &slug,
            Stamp::now(&who),
            &CarryForward {
                from: from.clone(),
                title: args.to_title.trim().to_string(),
                period,
            },
        )
        .await?;
    println!(
        "Closed \"{}\" and carried {} unfinished action(s) into \"{}\" ({} to {}).",
        done.from,
        done.carried.len(),
        done.to,
        start.strftime("%-d %b %Y"),
        end.strftime("%-d %b %Y")
    );
    if !done.complete.is_empty() {
        println!("Left behind as signed off: {}.", done.complete.join(", "));
    }
    println!(
        "Each carried action keeps its story: boardplan history ACTION --plan \"{}\"",
        done.to
    );
    Ok(())
}
