//! What differs between two states of a plan, action by action, in a line each for a person:
//! what a stale import would undo (see `staleness`).

use std::collections::HashMap;

use domain::{Action, Plan};
use serde::Serialize;

/// One action that differs between two states of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionChange {
    /// Its number as the plan shows it (or its id where two share a number).
    pub action: String,
    /// What changed, briefly, and by whom and when where an edit says so.
    pub what: String,
}

/// Longest a changed text is quoted in a refusal.
const QUOTE_CHARS: usize = 60;

/// The actions added, removed or changed from `base` to `current`, in `current`'s order.
pub(crate) fn diff(
    base: &Plan,
    current: &Plan,
    edits: &HashMap<String, String>,
) -> Vec<ActionChange> {
    let actions = |p: &Plan| -> Vec<Action> {
        p.objectives
            .iter()
            .flat_map(|o| o.actions.iter().cloned())
            .collect()
    };
    let (old, new) = (actions(base), actions(current));
    let old_by_id: HashMap<&str, &Action> = old.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut changes = Vec::new();
    for a in &new {
        let what = match old_by_id.get(a.id.as_str()) {
            None => "added".to_string(),
            Some(o) => {
                let mut fields = Vec::new();
                if o.text != a.text {
                    fields.push(format!("text now \"{}\"", quote(&a.text)));
                }
                if o.timescale.as_ref().map(|t| &t.label) != a.timescale.as_ref().map(|t| &t.label)
                {
                    let label = a.timescale.as_ref().map_or("its objective's", |t| &t.label);
                    fields.push(format!("timescale now {label}"));
                }
                if o.leads != a.leads {
                    fields.push("leads changed".to_string());
                }
                if o.number != a.number {
                    fields.push(format!("renumbered from {}", o.number));
                }
                if o.sources != a.sources || o.references != a.references {
                    fields.push("sources or references changed".to_string());
                }
                if fields.is_empty() {
                    continue;
                }
                fields.join("; ")
            }
        };
        let by = edits
            .get(&a.id)
            .map(|e| format!(" ({e})"))
            .unwrap_or_default();
        changes.push(ActionChange {
            action: a.number.clone(),
            what: format!("{what}{by}"),
        });
    }
    let new_ids: Vec<&str> = new.iter().map(|a| a.id.as_str()).collect();
    changes.extend(
        old.iter()
            .filter(|a| !new_ids.contains(&a.id.as_str()))
            .map(|a| ActionChange {
                action: a.number.clone(),
                what: "removed".to_string(),
            }),
    );
    changes
}

fn quote(text: &str) -> String {
    if text.chars().count() <= QUOTE_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(QUOTE_CHARS - 1).collect();
    format!("{cut}…")
}
