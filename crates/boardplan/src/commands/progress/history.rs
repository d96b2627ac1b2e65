//! `boardplan history ACTION`: an action's whole story from the change log, oldest first —
//! the imports that recorded it, its edits, updates, sign-offs and withdrawals, and, for an
//! action carried forward, the story of the action it came from.

use anyhow::Result;
use clap::Args;
use serde_json::Value;
use store::{ChangeOp, HistoryEntry};

use crate::cli::Global;
use crate::commands::{open, resolve};
use crate::output::wrap;

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The action: its number ("4.1") or, where two share a number, its id ("4.2#2").
    pub action: String,
    /// The plan's title (default: the latest plan).
    #[arg(long)]
    pub plan: Option<String>,
}

pub async fn run(g: &Global, args: &HistoryArgs) -> Result<()> {
    let store = open(g).await?;
    let named = resolve::action(&store, g, args.plan.as_deref(), &args.action).await?;
    let story = store.action_history(&named.slug, &named.key).await?;
    let state = store.action_state(&named.slug, &named.key).await?;
    let text = named
        .plan()
        .action(&named.key.action)
        .map(|(_, a)| a.text.clone())
        .unwrap_or_default();
    println!(
        "{} {}",
        named.key.action,
        wrap(&text, 90, named.key.action.len() + 1)
    );
    println!(
        "in \"{}\" · version {} (give it as --expect-version to change it)",
        named.key.plan, state.version
    );
    if let Some(o) = &state.origin {
        println!("carried forward from {} in \"{}\"", o.action, o.plan);
    }
    println!();
    for h in &story {
        let when = h
            .change
            .at
            .replace('T', " ")
            .trim_end_matches('Z')
            .to_string();
        let when = when.get(..16).unwrap_or(&when).to_string();
        let place = if h.action.plan == named.key.plan {
            String::new()
        } else {
            format!("[{}] ", h.action.plan)
        };
        let line = format!("{}: {place}{}", h.change.actor, describe(h));
        println!("{when}  {}", wrap(&line, 80, 18));
    }
    if story.is_empty() {
        println!("Nothing is recorded about this action yet.");
    }
    Ok(())
}

fn json(text: Option<&str>) -> Value {
    text.and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or(Value::Null)
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "(none)".into(),
        Value::Array(items) => items.iter().map(s).collect::<Vec<_>>().join(", "),
        Value::Object(o) => o.get("label").map(s).unwrap_or_else(|| v.to_string()),
        other => other.to_string(),
    }
}

/// One entry in words.
fn describe(h: &HistoryEntry) -> String {
    let c = &h.change;
    let before = json(c.before.as_deref());
    let after = json(c.after.as_deref());
    let version = c
        .entity_key
        .rsplit_once(" / ")
        .and_then(|(plan, _)| plan.rsplit_once(" v"))
        .map(|(_, v)| v.to_string())
        .unwrap_or_default();
    match (c.entity.as_str(), c.op) {
        ("action", ChangeOp::Create) => format!("recorded in version {version} of the plan"),
        ("action", _) => {
            let fields: Vec<String> = after
                .as_object()
                .map(|o| {
                    o.iter()
                        .map(|(k, new)| format!("{k}: \"{}\" → \"{}\"", s(&before[k]), s(new)))
                        .collect()
                })
                .unwrap_or_default();
            format!("edited {}", fields.join("; "))
        }
        ("update", _) => {
            let rag = after["rag"].as_str().unwrap_or("?").to_uppercase();
            let percent = after["percent"]
                .as_u64()
                .map(|p| format!(" {p}%"))
                .unwrap_or_default();
            let evidence: Vec<String> = after["evidence"]
                .as_array()
                .map(|e| {
                    e.iter()
                        .map(|e| {
                            e["name"]
                                .as_str()
                                .or(e["url"].as_str())
                                .unwrap_or("?")
                                .to_string()
                        })
                        .collect()
                })
                .unwrap_or_default();
            let evidence = if evidence.is_empty() {
                String::new()
            } else {
                format!(" [evidence: {}]", evidence.join(", "))
            };
            let corrects = after["corrects"]
                .as_i64()
                .map(|c| format!(" (corrects update {c})"))
                .unwrap_or_default();
            format!(
                "update {}: {rag}{percent} as of {}{corrects} — \"{}\"{evidence}",
                after["id"],
                s(&after["as_of"]),
                s(&after["narrative"])
            )
        }
        ("signoff", ChangeOp::Create) => format!("signed off as {}", s(&after["role"])),
        ("signoff", _) => format!(
            "withdrew the sign-off: \"{}\"",
            s(&after["withdrawn"]["reason"])
        ),
        ("carry_forward", _) => {
            let label = after["timescale"]["label"].as_str().unwrap_or("");
            let timescale = if label.is_empty() {
                String::new()
            } else if domain::Timescale::parse(label, None).is_to_be_retimed() {
                ", to be re-timed".to_string()
            } else {
                format!(", re-timed to \"{label}\"")
            };
            format!(
                "carried forward from {} in \"{}\"{timescale}",
                s(&after["action"]),
                s(&after["plan"])
            )
        }
        (entity, op) => format!("{entity} {}", op.as_str()),
    }
}
