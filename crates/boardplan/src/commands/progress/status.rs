//! `boardplan status`: where every action stands as at a date (today by default): its
//! rating, percent done, last update, due date, and whether it is overdue, due soon, stale, at
//! risk or signed off. A table for people, or JSON (`docs/progress.md` describes its shape).

use std::fmt::Write;

use anyhow::Result;
use clap::Args;
use domain::{ActionStatus, Completion, Date, MeetingKind, Partnership, Plan, Rag};
use serde_json::{Value, json};

use crate::cli::Global;
use crate::commands::resolve;
use crate::commands::{open, partnership, plan_index};

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Show the plan as of this day, as known now: the plan over its period, each update by
    /// the day it speaks for (YYYY-MM-DD; default today).
    #[arg(long)]
    pub as_at: Option<String>,
    /// Show only what had been recorded by the end of this day (YYYY-MM-DD): what the board
    /// saw then, the same however much is recorded later.
    #[arg(long, conflicts_with = "as_at")]
    pub as_recorded: Option<String>,
    /// The plan's title (default: the latest active plan on that date).
    #[arg(long)]
    pub plan: Option<String>,
    /// Only actions this role leads (its id, title or another spelling).
    #[arg(long)]
    pub lead: Option<String>,
    /// Only overdue actions (these four combine: any of them).
    #[arg(long)]
    pub overdue: bool,
    /// Only stale actions: no update since the last board meeting.
    #[arg(long)]
    pub stale: bool,
    /// Only actions due soon.
    #[arg(long)]
    pub due_soon: bool,
    /// Only actions at risk: linked to a red or overdue action.
    #[arg(long)]
    pub at_risk: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

pub async fn run(g: &Global, args: &StatusArgs) -> Result<()> {
    let moment = resolve::moment(args.as_at.as_deref(), args.as_recorded.as_deref())?;
    let as_at = moment.day;
    let store = open(g).await?;
    let (slug, now) = partnership(&store, g).await?;
    let lead = args
        .lead
        .as_deref()
        .map(|l| resolve::role(&now, l))
        .transpose()?;
    let plan = match &args.plan {
        Some(_) => Some(
            now.plans[plan_index(&now, args.plan.as_deref())?]
                .title
                .clone(),
        ),
        None => None,
    };
    let view = store.status_view(&slug, plan.as_deref(), moment).await?;
    let meetings = store.meetings(&slug, resolve::known_by(moment)).await?;
    let last_board = meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::Board && m.date <= as_at)
        .map(|m| m.date)
        .max();
    let any_flag = args.overdue || args.stale || args.due_soon || args.at_risk;
    let shown: Vec<&ActionStatus> = view
        .actions
        .iter()
        .filter(|s| {
            !any_flag
                || (args.overdue && s.overdue)
                || (args.stale && s.stale)
                || (args.due_soon && s.due_soon)
                || (args.at_risk && s.at_risk)
        })
        .filter(|s| {
            lead.as_ref().is_none_or(|l| {
                view.plan
                    .action(&s.action)
                    .is_some_and(|(o, a)| o.leads_for(a).contains(l))
            })
        })
        .collect();
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json_of(&slug, &view, &shown))?
        );
        return Ok(());
    }
    print!(
        "{}",
        table(&now, &view.plan, moment, last_board, view.rules, &shown)
    );
    Ok(())
}

fn day(d: Date) -> String {
    d.strftime("%-d %b %Y").to_string()
}

fn flags(s: &ActionStatus) -> String {
    let mut f = Vec::new();
    if s.overdue {
        f.push("OVERDUE");
    }
    if s.due_soon {
        f.push("due soon");
    }
    if s.stale {
        f.push("stale");
    }
    if s.at_risk {
        f.push("at risk");
    }
    if s.to_be_retimed {
        f.push("to be re-timed");
    }
    match s.completion {
        Completion::SignedOff => f.push("signed off"),
        Completion::AwaitingSignOff => f.push("awaiting sign-off"),
        Completion::NotComplete => {}
    }
    f.join(", ")
}

fn rating(r: Option<Rag>) -> String {
    r.map_or("not rated".into(), |r| {
        format!("{} ({})", r.as_str().to_uppercase(), r.meaning())
    })
}

fn table(
    p: &Partnership,
    plan: &Plan,
    moment: domain::Moment,
    last_board: Option<Date>,
    rules: domain::StatusRules,
    shown: &[&ActionStatus],
) -> String {
    let mut out = String::new();
    let as_at = moment.day;
    let _ = writeln!(
        out,
        "{} — {}, {} {}",
        p.name,
        plan.title,
        moment.phrase(),
        day(as_at)
    );
    let stale = match last_board {
        Some(d) => format!("no update since the board met on {}", day(d)),
        None => format!(
            "no update for {} days (no board meeting recorded)",
            rules.stale_days
        ),
    };
    let _ = writeln!(
        out,
        "Due soon: within {} days. Stale: {stale}.\n",
        rules.due_soon_days
    );
    let _ = writeln!(
        out,
        "{:<7} {:<26} {:>4}  {:<11}  {:<11}  {:<34}  What",
        "Action", "Rating", "Done", "Updated", "Due", "Flags"
    );
    for s in shown {
        let what = plan
            .action(&s.action)
            .map(|(_, a)| domain::lookup::first_words(&a.text, 6))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{:<7} {:<26} {:>4}  {:<11}  {:<11}  {:<34}  {}",
            s.action,
            rating(s.rag),
            s.percent.map(|p| format!("{p}%")).unwrap_or_default(),
            s.last_update.map(day).unwrap_or_else(|| "never".into()),
            s.due.map(day).unwrap_or_else(|| "—".into()),
            flags(s),
            what
        );
    }
    let c = counts(shown);
    let _ = writeln!(
        out,
        "\n{} actions: {} red, {} amber, {} green, {} blue, {} grey, {} not rated. {} overdue, {} due \
         soon, {} stale, {} at risk, {} to be re-timed; {} signed off, {} awaiting sign-off.",
        c["actions"],
        c["red"],
        c["amber"],
        c["green"],
        c["blue"],
        c["grey"],
        c["not_rated"],
        c["overdue"],
        c["due_soon"],
        c["stale"],
        c["at_risk"],
        c["to_be_retimed"],
        c["signed_off"],
        c["awaiting_sign_off"]
    );
    out
}

fn counts(shown: &[&ActionStatus]) -> Value {
    let n = |f: &dyn Fn(&ActionStatus) -> bool| shown.iter().filter(|s| f(s)).count();
    json!({
        "actions": shown.len(),
        "red": n(&|s| s.rag == Some(Rag::Red)),
        "amber": n(&|s| s.rag == Some(Rag::Amber)),
        "green": n(&|s| s.rag == Some(Rag::Green)),
        "blue": n(&|s| s.rag == Some(Rag::Blue)),
        "grey": n(&|s| s.rag == Some(Rag::Grey)),
        "not_rated": n(&|s| s.rag.is_none()),
        "overdue": n(&|s| s.overdue),
        "due_soon": n(&|s| s.due_soon),
        "stale": n(&|s| s.stale),
        "at_risk": n(&|s| s.at_risk),
        "to_be_retimed": n(&|s| s.to_be_retimed),
        "signed_off": n(&|s| s.completion == Completion::SignedOff),
        "awaiting_sign_off": n(&|s| s.completion == Completion::AwaitingSignOff),
    })
}

/// The JSON document `docs/progress.md` describes.
fn json_of(slug: &str, view: &store::StatusView, shown: &[&ActionStatus]) -> Value {
    let actions: Vec<Value> = shown
        .iter()
        .map(|s| {
            let (number, text, leads) = view
                .plan
                .action(&s.action)
                .map_or((String::new(), String::new(), Vec::new()), |(o, a)| {
                    (a.number.clone(), a.text.clone(), o.leads_for(a).to_vec())
                });
            json!({
                "action": s.action,
                "number": number,
                "objective": s.objective,
                "text": text,
                "leads": leads,
                "rag": s.rag,
                "rag_meaning": s.rag.map(Rag::meaning),
                "percent": s.percent,
                "last_update": s.last_update,
                "due": s.due,
                "completion": s.completion,
                "overdue": s.overdue,
                "due_soon": s.due_soon,
                "stale": s.stale,
                "at_risk": s.at_risk,
                "to_be_retimed": s.to_be_retimed,
                "occurrences": s.occurrences,
            })
        })
        .collect();
    json!({
        "partnership": slug,
        "plan": view.plan.title,
        "as_at": view.as_at,
        "as_recorded": view.as_recorded,
        "rules": view.rules,
        "counts": counts(shown),
        "actions": actions,
    })
}
