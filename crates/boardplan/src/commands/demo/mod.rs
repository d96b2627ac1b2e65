//! `boardplan demo`: a demo database built from the sample plan bundled into the binary, so a
//! new user sees Boardplan working with nothing but the Rust toolchain installed.
//!
//! This module imports the plan and prints what was built; the parts it adds are beside it:
//! a year of progress (`progress`, with evidence files from `pdf`), published indicators
//! (`indicators`), an account for each role (`accounts`), a member register (`governance`),
//! a year of meetings with attendance (`meetings`), a document register with induction
//! (`documents`), a year of training, case reviews and engagement (`learning`), a risk
//! register and Section 11 cycles (`assurance_risks`), and a year of audits
//! (`assurance_audits`). Its public summary is published. With `--size AxU` the plan is grown
//! to A actions with U generated updates each (`size`) in place of the scripted year, for load
//! tests and comparisons.

mod accounts;
mod assurance_audits;
mod assurance_risks;
mod documents;
mod governance;
mod indicators;
mod learning;
mod meetings;
mod pdf;
mod progress;
mod size;

pub use size::Size;

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::Args;
use store::{ImportMode, ImportOutcome, Source, Stamp, Store};

use crate::cli::Global;
use crate::commands::plan;

/// The Kingston LSCB improvement plan 2009-10: the sample document Boardplan is built around.
pub const SAMPLE_PLAN: &str =
    include_str!("../../../../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");

/// When the demo's plan is recorded as imported: the start of the 2009-10 year.
const IMPORTED_AT: &str = "2009-04-01T09:00:00Z";
/// The day the demo's pages open at: the end of its plan's year (see `summary`).
const OPENING_DATE: &str = "2010-03-31";

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where to write the demo database (a SQLite file). `--db` is ignored by demo so that
    /// it never touches a real database by accident.
    #[arg(long, default_value = "boardplan-demo.db")]
    pub file: PathBuf,
    /// Where the demo's web application listens.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: String,
    /// Build the demo database and stop, without serving it.
    #[arg(long)]
    pub no_serve: bool,
    /// Grow the plan to ACTIONS actions (over its 16 objectives) with UPDATES generated
    /// updates of about 200 characters on each, in place of the scripted year: a database
    /// for load tests and comparisons, e.g. 2000x50.
    #[arg(long, value_name = "ACTIONSxUPDATES")]
    pub size: Option<Size>,
}

pub async fn run(_g: &Global, args: &DemoArgs) -> Result<()> {
    let url = args.file.display().to_string();
    let store = Store::connect(&url)
        .await
        .with_context(|| format!("could not create the demo database {url}"))?;
    let started = Instant::now();
    let mut imported = formats::plan_text::import(SAMPLE_PLAN)
        .context("the bundled sample plan did not import; this is a bug in Boardplan")?;
    let mut source = Source {
        name: "kingston-lscb-improvement-plan-2009-10.txt (demo)".into(),
        sha256: formats::sha256_hex(SAMPLE_PLAN.as_bytes()),
    };
    if let Some(size) = args.size {
        imported.partnership = size::grow(&imported.partnership, size)?;
        source.name = format!("kingston-lscb-improvement-plan-2009-10.txt (demo, {size})");
        source.sha256 = formats::sha256_hex(format!("{SAMPLE_PLAN}\n{size}").as_bytes());
    }
    let outcome = store
        .import_partnership_at(
            "demo",
            &imported.partnership,
            &source,
            ImportMode::New,
            IMPORTED_AT.parse()?,
        )
        .await?;
    let p = &imported.partnership;
    let c = {
        let mut r = imported.report.clone();
        r.count(p);
        r.counts
    };
    let slug = match &outcome {
        ImportOutcome::AlreadyPresent { partnership, .. } => {
            println!("The demo database {url} is already built.");
            partnership.clone()
        }
        ImportOutcome::Created { partnership, .. }
        | ImportOutcome::Replaced { partnership, .. } => {
            if let Some(size) = args.size {
                let n = size::write(&store, partnership, &imported.partnership, size).await?;
                println!(
                    "Built the demo database {url}, with {n} generated updates (author \"{}\") \
                     in {:.1} s.",
                    size::AUTHOR,
                    started.elapsed().as_secs_f64()
                );
            } else {
                progress::write(&store, partnership, &imported.partnership).await?;
                println!(
                    "Built the demo database {url}, with a year of demo progress (authors \"Demo: …\")."
                );
            }
            partnership.clone()
        }
    };
    println!(
        "{}: {} agencies, {} sub-groups (+{} proposed), {} reviews, {} objectives, {} actions, {} lead roles.\n",
        p.name,
        c.agencies,
        c.subgroups,
        c.proposed_subgroups,
        c.reviews,
        c.objectives,
        c.actions,
        c.roles
    );
    // A grown plan is too long to print.
    if let (Some(pl), None) = (p.plans.first(), args.size) {
        print!("{}", plan::show::render(p, pl, None));
    }
    indicators::load(&store, &slug).await?;
    accounts::ensure(&store, &slug).await?;
    governance::ensure(&store, &slug).await?;
    meetings::ensure(&store, &slug).await?;
    if args.size.is_none() {
        learning::ensure(&store, &slug).await?;
    }
    documents::ensure(&store, &slug, p).await?;
    assurance_risks::ensure(&store, &slug).await?;
    assurance_audits::ensure(&store, &slug).await?;
    // A demo shows its public pages; a real board's stay off until its officers choose.
    store
        .set_published(&slug, Stamp::now("Demo: Business Manager"), true)
        .await?;
    summary(&store, &slug).await?;
    println!(
        "Try:\n  boardplan --db {url} status --as-at 2010-03-31\n  boardplan --db {url} status --as-at 2009-12-01 --overdue\n  boardplan --db {url} history 4.1\n  boardplan --db {url} plan show --objective 4\n  boardplan --db {url} export --format xlsx --out plan.xlsx\n"
    );
    print!("{}", accounts::table());
    if args.no_serve {
        return Ok(());
    }
    let serve = crate::commands::serve::ServeArgs {
        addr: Some(args.addr.clone()),
        secure_cookies: Some(false),
        metrics: None,
        metrics_token: None,
        trusted_proxies: Vec::new(),
        // Seen from today nearly every action of a 2009-10 plan is overdue: the pages open
        // as the plan stood at the end of its year instead.
        opening_date: Some(OPENING_DATE.parse()?),
        // No mail server: reminders are written as .eml files beside the demo database.
        mail: Default::default(),
        identity: Default::default(),
    };
    let g = crate::cli::Global {
        db: Some(url),
        partnership: None,
        actor: None,
        config: None,
        log_format: None,
    };
    crate::commands::serve::run(&g, &serve).await
}

/// How the plan stood at the end of 2009-10.
async fn summary(store: &Store, slug: &str) -> Result<()> {
    let as_at: domain::Date = OPENING_DATE.parse()?;
    let view = store.status_view(slug, None, as_at).await?;
    let count =
        |f: &dyn Fn(&domain::ActionStatus) -> bool| view.actions.iter().filter(|s| f(s)).count();
    println!(
        "As at 31 March 2010: {} overdue, {} due soon, {} stale, {} at risk, {} signed off, {} \
         awaiting sign-off, {} red.\n",
        count(&|s| s.overdue),
        count(&|s| s.due_soon),
        count(&|s| s.stale),
        count(&|s| s.at_risk),
        count(&|s| s.completion == domain::Completion::SignedOff),
        count(&|s| s.completion == domain::Completion::AwaitingSignOff),
        count(&|s| s.rag == Some(domain::Rag::Red)),
    );
    Ok(())
}
