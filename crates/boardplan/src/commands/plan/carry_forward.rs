//! `boardplan plan carry-forward`: close a plan's period and carry its unfinished actions
//! (every action not signed off) into a new plan, each keeping its history and a link to
//! where it came from, and each taking a new timescale: one for all (`--due`), per objective
//! (`--due-objective`), per action from a sheet (`--due-file`), or, given none, marked "to be
//! re-timed" until `plan edit --timescale` gives it one.

use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;
use domain::{Period, Timescale};
use formats::learning::sheet::SheetFormat;
use store::{CarriedForward, CarryForward, GivenTimescale, Retiming, Stamp};

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
    /// One new timescale for every carried action: a date (YYYY-MM-DD) or a timescale as a
    /// plan writes it ("March 2011", "Quarterly"), read against the new plan's period.
    #[arg(long, value_name = "DATE|TIMESCALE")]
    pub due: Option<String>,
    /// A new timescale for one objective's carried actions, as NUMBER=DATE|TIMESCALE
    /// ("3=2011-03-31"); repeat for more. Wins over --due.
    #[arg(long, value_name = "NUMBER=DATE")]
    pub due_objective: Vec<String>,
    /// A sheet (.csv or .xlsx) of new timescales per action: a heading row with "number" and
    /// "due" columns, then one row per action. Wins over --due-objective and --due.
    #[arg(long, value_name = "FILE")]
    pub due_file: Option<PathBuf>,
    /// Print what was carried and re-timed as JSON.
    #[arg(long)]
    pub json: bool,
}

pub async fn run(g: &Global, args: &CarryForwardArgs) -> Result<()> {
    resolve::not_blank("--to-title", &args.to_title)?;
    let start = resolve::day("--start", &args.start, years_ahead(10))?;
    let end = resolve::day("--end", &args.end, years_ahead(10))?;
    let Ok(period) = Period::new(start, end) else {
        bail!("--end ({end}) is before --start ({start})");
    };
    let retime = retiming(args, period)?;
    let store = open(g).await?;
    let (slug, p) = partnership(&store, g).await?;
    let from = p.plans[plan_index(&p, args.plan.as_deref())?].title.clone();
    let who = actor(g);
    let done = store
        .carry_forward_retimed(
            &slug,
            Stamp::now(&who),
            &CarryForward {
                from: from.clone(),
                title: args.to_title.trim().to_string(),
                period,
            },
            &retime,
        )
        .await?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&done)?);
        return Ok(());
    }
    print!("{}", describe(&done, period));
    Ok(())
}

/// The new timescales the flags give, each read against the new plan's period and refused,
/// naming its flag (or row), when no date can be read from it.
fn retiming(args: &CarryForwardArgs, period: Period) -> Result<Retiming> {
    let mut r = Retiming::default();
    if let Some(due) = &args.due {
        r.all = Some(given("--due".into(), due, period)?);
    }
    for typed in &args.due_objective {
        let Some((number, due)) = typed.split_once('=') else {
            bail!(
                "--due-objective \"{typed}\": write it as NUMBER=DATE, e.g. --due-objective \
                 3=2011-03-31. Nothing was written."
            );
        };
        let place = format!("--due-objective {typed}");
        r.objectives
            .push((number.trim().to_string(), given(place, due, period)?));
    }
    if let Some(path) = &args.due_file {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        let Some(format) = SheetFormat::from_file_name(&name) else {
            bail!(
                "--due-file {name}: a sheet of due dates is read from .csv or .xlsx; save it as \
                 one of those. Nothing was written."
            );
        };
        let bytes = std::fs::read(path)
            .with_context(|| format!("cannot read {}: check the path", path.display()))?;
        let rows = formats::due_sheet::read(&bytes, format)
            .map_err(|e| anyhow::anyhow!("{name}, {e} Nothing was written."))?;
        for row in rows {
            let place = format!("{name} row {}", row.row);
            r.actions
                .push((row.number, given(place, &row.due, period)?));
        }
    }
    Ok(r)
}

fn given(place: String, typed: &str, period: Period) -> Result<GivenTimescale> {
    let label = typed.trim();
    let reading = Timescale::read(label, Some(period));
    let t = reading.timescale;
    if label.is_empty() || (t.is_unread() && !t.is_to_be_confirmed()) {
        let why = reading
            .warning
            .unwrap_or_else(|| format!("Boardplan cannot read a date from \"{label}\""));
        bail!(
            "{place}: {why}; write it as a date (2011-03-31) or as a plan would (\"March 2011\", \
             \"Quarterly\"). Nothing was written."
        );
    }
    Ok(GivenTimescale {
        timescale: t,
        given: place,
    })
}

fn describe(done: &CarriedForward, period: Period) -> String {
    let mut out = format!(
        "Closed \"{}\" and carried {} unfinished action(s) into \"{}\" ({} to {}).\n",
        done.from,
        done.carried.len(),
        done.to,
        period.start.strftime("%-d %b %Y"),
        period.end.strftime("%-d %b %Y")
    );
    if !done.complete.is_empty() {
        out.push_str(&format!(
            "Left behind as signed off: {}.\n",
            done.complete.join(", ")
        ));
    }
    if !done.retimed.is_empty() {
        out.push_str(&format!("Re-timed {} action(s):\n", done.retimed.len()));
        for r in &done.retimed {
            let due = r.due.map(|d| format!(" (due {d})")).unwrap_or_default();
            out.push_str(&format!(
                "  {:<8} {}{due} — from {}\n",
                r.action, r.timescale, r.given
            ));
        }
    }
    if !done.to_be_retimed.is_empty() {
        out.push_str(&format!(
            "To be re-timed ({}): {}.\nEach has no due date until it is given one: boardplan \
             plan edit ACTION --timescale DATE --plan \"{}\"; the dashboard lists them until \
             then.\n",
            done.to_be_retimed.len(),
            done.to_be_retimed.join(", "),
            done.to
        ));
    }
    out.push_str(&format!(
        "Each carried action keeps its story: boardplan history ACTION --plan \"{}\"\n",
        done.to
    ));
    out
}
