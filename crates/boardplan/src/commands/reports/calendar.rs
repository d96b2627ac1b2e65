//! `boardplan calendar`: the iCalendar feed (.ics) of the board's and sub-groups' meetings,
//! the plan's action deadlines and the document register's reviews, for calendar programs to
//! import or subscribe to.

use std::path::PathBuf;

use anyhow::{Context, Result};
use clap::Args;

use super::report::{as_at_date, input};
use crate::cli::Global;

#[derive(Debug, Args)]
pub struct CalendarArgs {
    /// The .ics file to write.
    #[arg(long)]
    pub out: PathBuf,
    /// The plan's title (default: the latest plan).
    #[arg(long)]
    pub plan: Option<String>,
    /// Read the plan and meetings as they stood on this date (YYYY-MM-DD). Default: today.
    #[arg(long)]
    pub as_at: Option<String>,
}

pub async fn run(g: &Global, args: &CalendarArgs) -> Result<()> {
    let as_at = as_at_date(args.as_at.as_deref())?;
    let input = input(g, args.plan.as_deref(), as_at, false).await?;
    let store = crate::commands::open(g).await?;
    let (slug, _) = crate::commands::partnership(&store, g).await?;
    let reviews = web::documents::calendar::reviews(&store, &slug).await?;
    let extra = reports::calendar::review_events(&input, &reviews);
    let events = reports::calendar::events(&input).len() + extra.len();
    let feed = reports::calendar::render_with(&input, extra);
    std::fs::write(&args.out, &feed)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!("Wrote {events} events to {}.", args.out.display());
    Ok(())
}
