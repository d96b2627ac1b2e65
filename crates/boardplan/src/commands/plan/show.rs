//! `boardplan plan show`: the plan as a readable tree in the terminal.

use std::fmt::Write;

use anyhow::{Context, Result, bail};
use domain::{Date, Objective, Partnership, Plan, Timescale};
use store::ActionKey;

use crate::cli::Global;
use crate::commands::{open, partnership, plan_index, resolve};
use crate::output::wrap;

const WIDTH: usize = 100;

pub async fn run(
    g: &Global,
    objective: Option<&str>,
    plan: Option<&str>,
    as_at: Option<&str>,
    as_recorded: Option<&str>,
) -> Result<()> {
    let store = open(g).await?;
    let (slug, mut p) = partnership(&store, g).await?;
    let mut index = None;
    if as_at.is_some() || as_recorded.is_some() {
        let m = resolve::moment(as_at, as_recorded)?;
        let d = m.day;
        if m.as_recorded {
            p = store
                .load_partnership_at(&slug, m)
                .await?
                .filter(|p| !p.plans.is_empty())
                .with_context(|| {
                    format!(
                        "{} had recorded no plan by {d}; use --as-at {d} for the plan over \
                         its period, as known now",
                        p.name
                    )
                })?;
        } else if plan.is_none() {
            // As of the day: the plan its status is on (the store chooses for every view).
            let title = match store.plan_title_at(&slug, None, m).await {
                Ok(t) => t,
                Err(store::StoreError::NotFound { .. }) => {
                    bail!("no plan of {} had started by {d}: {}", p.name, periods(&p))
                }
                Err(e) => return Err(e.into()),
            };
            index = p.plans.iter().position(|pl| pl.title == title);
        }
        println!("{} {}:\n", capitalised(m.phrase()), day(d));
    }
    let pl = &p.plans[match index {
        Some(i) => i,
        None => plan_index(&p, plan)?,
    }];
    let origins = store.origins(&slug, &pl.title).await?;
    if let Some(n) = objective
        && !pl.objectives.iter().any(|o| o.number == n)
    {
        bail!(
            "the plan has no objective {n}; its objectives are numbered {}",
            pl.objectives
                .iter()
                .map(|o| o.number.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    print!("{}", render_with(&p, pl, objective, &origins));
    Ok(())
}

/// "As at" or "As recorded by".
fn capitalised(phrase: &str) -> String {
    let mut c = phrase.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// "the plans: "LSCB Improvement Plan 2009-10" (1 April 2009 to 31 March 2010), …".
fn periods(p: &Partnership) -> String {
    let each: Vec<String> = p
        .plans
        .iter()
        .map(|pl| {
            format!(
                "\"{}\" ({} to {})",
                pl.title,
                day(pl.period.start),
                day(pl.period.end)
            )
        })
        .collect();
    if each.is_empty() {
        "it has no plan; import one first".to_string()
    } else {
        format!("the plans: {}", each.join(", "))
    }
}

/// The tree as text: a heading, then each objective with its actions.
pub fn render(p: &Partnership, pl: &Plan, only: Option<&str>) -> String {
    render_with(p, pl, only, &[])
}

/// [`render`], saying where each carried-forward action came from.
fn render_with(
    p: &Partnership,
    pl: &Plan,
    only: Option<&str>,
    origins: &[(String, ActionKey)],
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", pl.title);
    let _ = writeln!(
        out,
        "{} · {} to {} · {:?}\n",
        p.name,
        day(pl.period.start),
        day(pl.period.end),
        pl.status
    );
    for o in pl
        .objectives
        .iter()
        .filter(|o| only.is_none_or(|n| o.number == n))
    {
        objective(&mut out, p, o, origins);
    }
    out
}

fn objective(out: &mut String, p: &Partnership, o: &Objective, origins: &[(String, ActionKey)]) {
    let head = format!("{}. ", o.number);
    let _ = writeln!(
        out,
        "{head}{}",
        wrap(&o.title, WIDTH - head.len(), head.len())
    );
    let pad = " ".repeat(head.len());
    let mut facts = Vec::new();
    if !o.sources.is_empty() {
        facts.push(format!("Sources: {}", o.sources.join(", ")));
    }
    if let Some(t) = &o.timescale {
        facts.push(format!("Timescale: {}", timescale(t)));
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "{pad}{}", facts.join("   "));
    }
    if !o.leads.is_empty() {
        let leads = o
            .leads
            .iter()
            .map(|id| p.role(id).map_or(id.as_str(), |r| r.title.as_str()))
            .collect::<Vec<_>>()
            .join("; ");
        let _ = writeln!(
            out,
            "{pad}Leads: {}",
            wrap(&leads, WIDTH - pad.len() - 7, pad.len() + 7)
        );
    }
    for a in &o.actions {
        let num = format!("{pad}{:<7}", a.number);
        let _ = writeln!(out, "{num}{}", wrap(&a.text, WIDTH - num.len(), num.len()));
        let sub = " ".repeat(num.len());
        if let Some(t) = &a.timescale {
            let _ = writeln!(out, "{sub}Timescale: {}", timescale(t));
        }
        if !a.references.is_empty() {
            let _ = writeln!(out, "{sub}→ refers to {}", a.references.join(", "));
        }
        if a.id != a.number {
            let _ = writeln!(
                out,
                "{sub}! another action is also numbered {} (this one is {})",
                a.number, a.id
            );
        }
        if let Some(d) = &a.duplicate_of {
            let _ = writeln!(out, "{sub}! repeats {d} word for word");
        }
        if let Some((_, from)) = origins.iter().find(|(id, _)| *id == a.id) {
            let _ = writeln!(
                out,
                "{sub}← carried forward from {} in \"{}\"",
                from.action, from.plan
            );
        }
    }
    out.push('\n');
}

fn timescale(t: &Timescale) -> String {
    let mut s = t.label.clone();
    match (t.due, t.recurrence) {
        (_, Some(r)) => {
            let _ = write!(s, " ({}", format!("{r:?}").to_lowercase());
            if let Some(d) = t.due {
                let _ = write!(s, ", next due {}", day(d));
            }
            s.push(')');
        }
        (Some(d), None) => {
            let _ = write!(s, " (due {})", day(d));
        }
        (None, None) => {}
    }
    if t.inferred {
        s.push_str(" [inferred]");
    }
    s
}

fn day(d: Date) -> String {
    d.strftime("%-d %b %Y").to_string()
}
