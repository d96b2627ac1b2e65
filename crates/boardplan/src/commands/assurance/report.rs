//! `boardplan qa-audit summary ID [--json]` and `qa-audit thread --action A | --objective N
//! [--json]`: an audit's grades and the golden thread, as tables or as the API's JSON.

use anyhow::{Result, bail};
use clap::Args;
use domain::Partnership;
use domain::assurance::thread::{LinkKind, Thread};
use store::Store;
use web::assurance::audits::api::SummaryOut;
use web::assurance::thread::api::ThreadOut;

use crate::commands::plan_index;

#[derive(Debug, Args)]
pub struct ThreadArgs {
    /// Start from this action (4.1, 4.2#2).
    #[arg(long, conflicts_with = "objective")]
    pub action: Option<String>,
    /// Start from this objective (priority) and all its actions.
    #[arg(long)]
    pub objective: Option<String>,
    /// The plan [default: the latest plan].
    #[arg(long)]
    pub plan: Option<String>,
    /// Print the API's JSON instead of a list.
    #[arg(long)]
    pub json: bool,
}

fn percent(p: Option<f64>) -> String {
    p.map(|p| format!("{p:.1}%")).unwrap_or_else(|| "-".into())
}

pub async fn summary(store: &Store, slug: &str, id: i64, json: bool) -> Result<()> {
    let s = store.audit_summary(slug, id).await?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&SummaryOut::new(slug, &s))?
        );
        return Ok(());
    }
    let a = &s.audit.audit;
    println!(
        "Audit {id}: {} ({}), {} cases",
        a.theme, a.year, s.summary.cases
    );
    println!(
        "Grades: {} (good or better: {})",
        s.summary.scale.join(", "),
        s.summary.scale[..s.summary.good_grades].join(", ")
    );
    for (title, rows) in [
        ("By practice area", &s.summary.by_area),
        ("By agency", &s.summary.by_agency),
    ] {
        println!("\n{title}");
        for t in rows {
            let counts: Vec<String> = t.counts.iter().map(u32::to_string).collect();
            println!(
                "  {:<30} {:>12}  good or better {}",
                t.name,
                counts.join(" / "),
                percent(t.good_or_better_percent)
            );
        }
    }
    match s.previous {
        Some((pid, year)) => {
            println!("\nSince audit {pid} ({year})");
            for c in &s.change {
                let points = c
                    .points
                    .map(|p| format!("{p:+.1} points"))
                    .unwrap_or_else(|| "-".into());
                println!(
                    "  {:<30} {} -> {}  {points}",
                    c.area,
                    percent(c.before),
                    percent(c.now)
                );
            }
        }
        None => println!("\nThe first audit of this theme."),
    }
    Ok(())
}

pub async fn thread(store: &Store, slug: &str, p: &Partnership, a: &ThreadArgs) -> Result<()> {
    let plan = &p.plans[plan_index(p, a.plan.as_deref())?].title;
    let t: Thread = match (&a.action, &a.objective) {
        (Some(action), _) => store.action_thread(slug, plan, action).await?,
        (None, Some(number)) => store.objective_thread(slug, plan, number).await?,
        (None, None) => {
            bail!("give --action NUMBER or --objective NUMBER to start the thread from")
        }
    };
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&ThreadOut::new(slug, &t))?
        );
        return Ok(());
    }
    for kind in [
        LinkKind::ReviewRecommendation,
        LinkKind::Audit,
        LinkKind::Indicator,
    ] {
        println!("{}", kind.label());
        let mut any = false;
        for l in t.of(kind) {
            any = true;
            println!("  {}  {}  ({})", l.key, l.title, l.via);
        }
        if !any {
            println!("  none linked");
        }
    }
    Ok(())
}
