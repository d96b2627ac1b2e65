//! `boardplan qa-audit summary ID [--json]` and `qa-audit thread --action A | --objective N |
//! --risk ID | --cycle YEAR --standard N [--json]`: an audit's grades and the golden thread
//! (from the plan, or back to it from a risk or a Section 11 standard), as tables or as the
//! API's JSON. The CLI acts for the board's officers, so it sees every agency (the panel's
//! Section 11 view).

use anyhow::{Result, bail};
use clap::Args;
use domain::Partnership;
use domain::assurance::section11::Section11View;
use domain::assurance::thread::{LinkKind, Thread, ThreadStart};
use store::Store;
use web::assurance::audits::api::SummaryOut;
use web::assurance::thread::api::ThreadOut;

use crate::commands::plan_index;

#[derive(Debug, Args)]
pub struct ThreadArgs {
    /// Start from this action (4.1, 4.2#2).
    #[arg(long, conflicts_with_all = ["objective", "risk", "cycle"])]
    pub action: Option<String>,
    /// Start from this objective (priority) and all its actions.
    #[arg(long, conflicts_with_all = ["risk", "cycle"])]
    pub objective: Option<String>,
    /// Go back from this risk (its id) to the plan actions linked to it.
    #[arg(long, conflicts_with = "cycle")]
    pub risk: Option<i64>,
    /// Go back from a Section 11 standard of this cycle (with --standard) to the plan actions
    /// carrying its improvement actions.
    #[arg(long, requires = "standard")]
    pub cycle: Option<i32>,
    /// The standard's number, with --cycle.
    #[arg(long, requires = "cycle")]
    pub standard: Option<String>,
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
    let panel = Section11View::Panel;
    let t: Thread = match (&a.action, &a.objective, a.risk, (a.cycle, &a.standard)) {
        (Some(action), ..) => store.action_thread(slug, plan, action, &panel).await?,
        (None, Some(number), ..) => store.objective_thread(slug, plan, number, &panel).await?,
        (None, None, Some(id), _) => store.risk_thread(slug, plan, id).await?,
        (None, None, None, (Some(year), Some(number))) => {
            store
                .standard_thread(slug, plan, (year, number.as_str()), &panel)
                .await?
        }
        _ => bail!(
            "give --action NUMBER, --objective NUMBER, --risk ID or --cycle YEAR --standard \
             NUMBER to start the thread from"
        ),
    };
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&ThreadOut::new(slug, &t))?
        );
        return Ok(());
    }
    let kinds: &[LinkKind] = match t.start {
        ThreadStart::Risk { .. } => &[LinkKind::Action, LinkKind::Indicator],
        ThreadStart::Section11Standard { .. } => &[LinkKind::Action],
        ThreadStart::Action { .. } | ThreadStart::Objective { .. } => &LinkKind::ALL[..5],
    };
    for &kind in kinds {
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
