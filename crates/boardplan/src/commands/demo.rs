//! `boardplan demo`: a demo database built from the sample plan bundled into the binary, so a
//! new user sees Boardplan working with nothing but the Rust toolchain installed.

use anyhow::{Context, Result};
use store::{ImportMode, ImportOutcome, Source, Store};

use crate::cli::{DemoArgs, Global};

/// The Kingston LSCB improvement plan 2009-10: the sample document Boardplan is built around.
pub const SAMPLE_PLAN: &str =
    include_str!("../../../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");

pub async fn run(_g: &Global, args: &DemoArgs) -> Result<()> {
    let url = args.file.display().to_string();
    let store = Store::connect(&url)
        .await
        .with_context(|| format!("could not create the demo database {url}"))?;
    let imported = formats::plan_text::import(SAMPLE_PLAN)
        .context("the bundled sample plan did not import; this is a bug in Boardplan")?;
    let source = Source {
        name: "kingston-lscb-improvement-plan-2009-10.txt (demo)".into(),
        sha256: formats::sha256_hex(SAMPLE_PLAN.as_bytes()),
    };
    let outcome = store
        .import_partnership("demo", &imported.partnership, &source, ImportMode::New)
        .await?;
    super::demo_indicators::load(&store, &store::slugify(&imported.partnership.name)).await?;
    let p = &imported.partnership;
    let c = {
        let mut r = imported.report.clone();
        r.count(p);
        r.counts
    };
    match outcome {
        ImportOutcome::AlreadyPresent { .. } => {
            println!("The demo database {url} is already built.")
        }
        _ => println!("Built the demo database {url}."),
    }
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
    if let Some(pl) = p.plans.first() {
        print!("{}", super::plan_show::render(p, pl, None));
    }
    println!(
        "Next:\n  boardplan --db {url} plan show --objective 4\n  boardplan --db {url} export --format xlsx --out plan.xlsx"
    );
    Ok(())
}
