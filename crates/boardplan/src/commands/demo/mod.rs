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
//! tests and comparisons. With `--partnerships N` the demo is built N times over, one
//! partnership per English local authority (`national`), for load tests at national scale.

mod accounts;
mod assurance_audits;
mod assurance_risks;
mod documents;
mod governance;
mod indicators;
mod learning;
mod meetings;
mod national;
mod pdf;
mod progress;
mod size;

pub use size::Size;

use std::path::PathBuf;
use std::sync::Arc;
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
    /// Build N partnerships, one per English local authority in the bundled DfE figures
    /// (Kingston's sample first), each with the plan, its progress, its own area's
    /// indicators and the demo accounts as members: national scale for load tests.
    #[arg(long, value_name = "N", default_value = "1")]
    pub partnerships: national::Count,
    /// How many partnerships to build at once after the first, each on its own connection
    /// (PostgreSQL; a SQLite file takes one writer, so there they go one at a time).
    #[arg(long, value_name = "J", default_value_t = 1, value_parser = clap::value_parser!(u16).range(1..=8))]
    pub jobs: u16,
}

pub async fn run(_g: &Global, args: &DemoArgs) -> Result<()> {
    let url = args.file.display().to_string();
    let figures = indicators::Figures::read()?;
    // Checked before the database is opened, so that a refused count writes nothing.
    let places = national::places(&figures, args.partnerships)?;
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
    national::check_slugs(&imported.partnership, &source, &places)?;
    let store = Store::connect(&url)
        .await
        .with_context(|| format!("could not create the demo database {url}"))?;
    let started = Instant::now();
    let shared = Arc::new(national::Shared {
        store,
        sample: imported.partnership.clone(),
        source,
        figures,
        size: args.size,
    });
    let first = places
        .first()
        .context("no partnership to build; this is a bug")?;
    let built = build_one(&shared, &shared.sample, &shared.source, first, true).await?;
    let store = &shared.store;
    let slug = built.slug;
    match (built.fresh, built.updates) {
        (false, _) => println!("The demo database {url} is already built."),
        (true, Some(n)) => println!(
            "Built the demo database {url}, with {n} generated updates (author \"{}\") in \
             {:.1} s.",
            size::AUTHOR,
            started.elapsed().as_secs_f64()
        ),
        (true, None) => println!(
            "Built the demo database {url}, with a year of demo progress (authors \"Demo: …\")."
        ),
    }
    let p = &imported.partnership;
    let c = {
        let mut r = imported.report.clone();
        r.count(p);
        r.counts
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
    if let Some(loaded) = &built.indicators {
        println!("{loaded}");
    }
    summary(store, &slug).await?;
    let mut loaded = built.fresh;
    if places.len() > 1 {
        let rest = places[1..].to_vec();
        println!(
            "The other {} partnerships, one per English local authority, {} at a time:",
            rest.len(),
            args.jobs
        );
        let made = national::build_rest(
            Arc::clone(&shared),
            rest,
            usize::from(args.jobs),
            places.len(),
        )
        .await?;
        loaded |= made > 0;
        println!(
            "Built {} partnerships in {:.1} s.\n",
            places.len(),
            started.elapsed().as_secs_f64()
        );
    }
    // Only after a load: a demo started again on its database has nothing to settle.
    if loaded && store.backend() == store::Backend::Postgres {
        let settling = std::time::Instant::now();
        store.after_bulk_load().await?;
        println!(
            "Updates laid out by action (CLUSTER), then VACUUM (ANALYZE), after the load: {:.1} s.\n",
            settling.elapsed().as_secs_f64()
        );
    }
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
        cache_mb: None,
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

/// One partnership built: its slug, whether this run made it, how many updates were
/// generated (with `--size`), and what indicators were loaded, to print.
struct Built {
    slug: String,
    fresh: bool,
    updates: Option<usize>,
    indicators: Option<String>,
}

/// Build the partnership `p` (the sample as the board of `place`) with everything the demo
/// gives it; `first` for the sample's own, which makes the shared accounts and keeps the
/// scripted learning.
async fn build_one(
    shared: &national::Shared,
    p: &domain::Partnership,
    source: &Source,
    place: &indicators::Place,
    first: bool,
) -> Result<Built> {
    let store = &shared.store;
    let outcome = store
        .import_partnership_at("demo", p, source, ImportMode::New, IMPORTED_AT.parse()?)
        .await?;
    let (slug, fresh) = match outcome {
        ImportOutcome::AlreadyPresent { partnership, .. } => (partnership, false),
        ImportOutcome::Created { partnership, .. }
        | ImportOutcome::Replaced { partnership, .. } => (partnership, true),
    };
    let mut updates = None;
    if fresh {
        match shared.size {
            Some(size) => updates = Some(size::write(store, &slug, p, size).await?),
            None => progress::write(store, &slug, p).await?,
        }
    }
    let indicators = indicators::load(store, &slug, &shared.figures, place).await?;
    accounts::ensure(store, &slug).await?;
    governance::ensure(store, &slug).await?;
    meetings::ensure(store, &slug).await?;
    if shared.size.is_none() && first {
        learning::ensure(store, &slug).await?;
    }
    documents::ensure(store, &slug, p).await?;
    assurance_risks::ensure(store, &slug).await?;
    assurance_audits::ensure(store, &slug).await?;
    // A demo shows its public pages; a real board's stay off until its officers choose.
    store
        .set_published(&slug, Stamp::now("Demo: Business Manager"), true)
        .await?;
    Ok(Built {
        slug,
        fresh,
        updates,
        indicators,
    })
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
