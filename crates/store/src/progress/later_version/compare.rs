//! What a later version of a plan document changes in the plan as stored, worked out without
//! I/O: actions matched by id (their number, `#2` on repeats); for each matched action, a new
//! progress update where the document's status or progress differs from the latest update,
//! a re-timing where its timescale differs, a re-wording where its text does; actions only
//! the document has, added in their place (new objectives too); actions only the store has,
//! reported and kept.

use std::collections::{HashMap, HashSet};

use domain::{Action, Objective, Plan, Rag, Timescale};
use serde::Serialize;

use super::DocumentProgress;

/// What a later version changes, as the dry run shows it and the import reports it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PlanChanges {
    /// The stored plan's title.
    pub plan: String,
    /// The document's file name.
    pub document: String,
    /// The date the document's progress speaks for.
    pub as_of: Option<domain::Date>,
    /// Actions found in both.
    pub matched: usize,
    /// New progress updates, for matched and added actions.
    pub updates: Vec<ProgressChange>,
    /// Matched actions whose timescale changed: re-timings.
    pub retimed: Vec<DateChange>,
    /// Matched actions whose text changed (their status and progress notes aside).
    pub reworded: Vec<String>,
    /// Matched actions whose status and progress notes (kept in their text) changed.
    pub notes_updated: Vec<String>,
    /// Actions only the document has, added to the plan.
    pub added: Vec<AddedAction>,
    /// Objectives only the document has, added with their actions.
    pub added_objectives: Vec<String>,
    /// Actions only the plan has: kept, never deleted.
    pub removed: Vec<RemovedAction>,
    /// The plan's version after the import: a new one when actions were added.
    pub version: Option<i64>,
}

impl PlanChanges {
    /// True when the document says nothing the plan does not already hold.
    pub fn is_empty(&self) -> bool {
        self.updates.is_empty()
            && self.retimed.is_empty()
            && self.reworded.is_empty()
            && self.notes_updated.is_empty()
            && self.added.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProgressChange {
    pub action: String,
    pub rag: Rag,
    /// The rating of the latest update before, if any.
    pub was: Option<Rag>,
    pub narrative: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateChange {
    pub action: String,
    /// The timescale as written before, if any.
    pub from: Option<String>,
    pub to: String,
    pub due: Option<domain::Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AddedAction {
    pub action: String,
    pub objective: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RemovedAction {
    pub action: String,
    pub text: String,
}

/// A matched action's new text and timescale (each only when it changed), for its revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Edit {
    pub action: String,
    pub text: Option<String>,
    pub timescale: Option<Timescale>,
    /// What the revision is, for the action's last change: "re-timed", "re-worded"...
    pub what: String,
}

/// The comparison, and what writing it takes.
pub(crate) struct Compared {
    pub changes: PlanChanges,
    /// The plan with the added actions in place, when there are any.
    pub merged: Option<Plan>,
    pub edits: Vec<Edit>,
}

/// The latest update of each action of the stored plan, by action id: (rating, narrative).
pub(crate) type Latest = HashMap<String, (Rag, String)>;

/// Compare the stored plan with the document's plan.
pub(crate) fn compare(
    stored: &Plan,
    doc: &Plan,
    latest: &Latest,
    progress: &[DocumentProgress],
) -> Compared {
    let mut changes = PlanChanges {
        plan: stored.title.clone(),
        ..PlanChanges::default()
    };
    let mut edits = Vec::new();
    let in_doc: HashSet<&str> = doc.actions().map(|(_, a)| a.id.as_str()).collect();
    let in_store: HashSet<&str> = stored.actions().map(|(_, a)| a.id.as_str()).collect();
    for (o, a) in doc.actions() {
        let Some((so, sa)) = stored.action(&a.id) else {
            changes.added.push(AddedAction {
                action: a.id.clone(),
                objective: o.number.clone(),
                text: first_line(&a.text),
            });
            continue;
        };
        changes.matched += 1;
        if let Some(e) = edit(so, sa, o, a) {
            if e.what.contains("re-timed") {
                changes.retimed.push(DateChange {
                    action: a.id.clone(),
                    from: so.timescale_for(sa).map(|t| t.label.clone()),
                    to: e
                        .timescale
                        .as_ref()
                        .map_or(String::new(), |t| t.label.clone()),
                    due: e.timescale.as_ref().and_then(|t| t.due),
                });
            }
            if e.what.contains("re-worded") {
                changes.reworded.push(a.id.clone());
            }
            if e.what.contains("notes") {
                changes.notes_updated.push(a.id.clone());
            }
            edits.push(e);
        }
    }
    for p in progress {
        let said = latest.get(&p.action);
        if said.is_some_and(|(rag, narrative)| *rag == p.rag && same_words(narrative, &p.narrative))
        {
            continue;
        }
        changes.updates.push(ProgressChange {
            action: p.action.clone(),
            rag: p.rag,
            was: said.map(|(rag, _)| *rag),
            narrative: p.narrative.clone(),
        });
    }
    changes.removed = stored
        .actions()
        .filter(|(_, a)| !in_doc.contains(a.id.as_str()))
        .map(|(_, a)| RemovedAction {
            action: a.id.clone(),
            text: first_line(&a.text),
        })
        .collect();
    let merged = (!changes.added.is_empty()).then(|| merge(stored, doc, &in_store));
    if let Some(m) = &merged {
        let before: HashSet<&str> = stored
            .objectives
            .iter()
            .map(|o| o.number.as_str())
            .collect();
        changes.added_objectives = m
            .objectives
            .iter()
            .filter(|o| !before.contains(o.number.as_str()))
            .map(|o| o.number.clone())
            .collect();
    }
    Compared {
        changes,
        merged,
        edits,
    }
}

/// The revision a matched action takes: the document's text (with its notes) and timescale,
/// when either differs from the plan's. A document without a timescale for it keeps the
/// plan's.
fn edit(so: &Objective, sa: &Action, o: &Objective, a: &Action) -> Option<Edit> {
    let was = so.timescale_for(sa);
    let now = o.timescale_for(a).or(was);
    let retimed = match (was, now) {
        (Some(w), Some(n)) => !same_words(&w.label, &n.label),
        (None, Some(_)) => true,
        _ => false,
    };
    let text_changed = sa.text.trim() != a.text.trim();
    if !retimed && !text_changed {
        return None;
    }
    let mut what = Vec::new();
    if retimed {
        what.push("re-timed");
    }
    if text_changed && core(&sa.text) != core(&a.text) {
        what.push("re-worded");
    } else if text_changed {
        what.push("notes brought up to date");
    }
    Some(Edit {
        action: a.id.clone(),
        text: text_changed.then(|| a.text.clone()),
        timescale: now.filter(|_| retimed).cloned(),
        what: what.join(" and "),
    })
}

/// The stored plan with the document's new actions (and objectives) inserted after what
/// comes before them in the document; links to actions the plan does not hold are dropped.
fn merge(stored: &Plan, doc: &Plan, in_store: &HashSet<&str>) -> Plan {
    let mut m = stored.clone();
    let mut ids: HashSet<String> = in_store.iter().map(|s| s.to_string()).collect();
    ids.extend(doc.actions().map(|(_, a)| a.id.clone()));
    let mut after_objective: Option<usize> = None;
    for o in &doc.objectives {
        let at = match m.objectives.iter().position(|x| x.number == o.number) {
            Some(i) => i,
            None => {
                let i = after_objective.map_or(m.objectives.len(), |i| i + 1);
                m.objectives.insert(
                    i,
                    Objective {
                        actions: Vec::new(),
                        ..o.clone()
                    },
                );
                i
            }
        };
        after_objective = Some(at);
        let mut after_action: Option<usize> = None;
        for a in &o.actions {
            let target = &mut m.objectives[at].actions;
            if let Some(i) = target.iter().position(|x| x.id == a.id) {
                after_action = Some(i);
                continue;
            }
            if in_store.contains(a.id.as_str()) {
                // Moved to another objective in the document: it stays where the plan has it.
                continue;
            }
            let mut added = a.clone();
            added.references.retain(|r| ids.contains(r));
            added.duplicate_of = added.duplicate_of.filter(|d| ids.contains(d));
            let i = after_action.map_or(0, |i| i + 1);
            target.insert(i, added);
            after_action = Some(i);
        }
    }
    m
}

/// The action's own words: its text before the notes an import adds ("\n\nStatus: ...").
fn core(text: &str) -> &str {
    let cut = ["\n\nStatus: ", "\n\nProgress: "]
        .iter()
        .filter_map(|m| text.find(m))
        .min()
        .unwrap_or(text.len());
    text[..cut].trim()
}

/// Equal but for case, spacing and the "Imported from FILE: " an imported update begins with.
fn same_words(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        let s = s.trim();
        let s = match s.strip_prefix("Imported from ") {
            Some(rest) => rest.split_once(": ").map_or(rest, |(_, said)| said),
            None => s,
        };
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or("").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{Period, PlanStatus};

    fn action(id: &str, text: &str, due: &str) -> Action {
        Action {
            id: id.into(),
            number: id.into(),
            text: text.into(),
            sources: vec![],
            timescale: Some(Timescale::parse(due, Period::financial_year(2012))),
            leads: vec![],
            references: vec![],
            reference_phrases: vec![],
            duplicate_of: None,
        }
    }

    fn plan(objectives: Vec<(&str, Vec<Action>)>) -> Plan {
        Plan {
            title: "Plan".into(),
            period: Period::financial_year(2012).unwrap(),
            status: PlanStatus::Active,
            objectives: objectives
                .into_iter()
                .map(|(n, actions)| Objective {
                    number: n.into(),
                    title: format!("Objective {n}"),
                    sources: vec![],
                    timescale: None,
                    leads: vec![],
                    actions,
                })
                .collect(),
        }
    }

    #[test]
    fn matched_actions_are_retimed_reworded_and_updated_new_ones_added_in_place_and_removed_ones_kept()
     {
        let stored = plan(vec![
            (
                "1",
                vec![
                    action("1.1", "Agree the plan\n\nProgress: drafted", "March 2013"),
                    action("1.2", "Train staff", "June 2012"),
                    action("1.3", "Audit files", "June 2012"),
                ],
            ),
            ("3", vec![action("3.1", "Report", "March 2013")]),
        ]);
        let doc = plan(vec![
            (
                "1",
                vec![
                    action("1.1", "Agree the plan\n\nProgress: agreed", "March 2013"),
                    action("1.1a", "Publish the plan", "April 2012"),
                    action("1.2", "Train all staff", "September 2012"),
                ],
            ),
            ("2", vec![action("2.1", "Engage families", "May 2012")]),
            ("3", vec![action("3.1", "Report", "March 2013")]),
        ]);
        let mut latest = Latest::new();
        latest.insert(
            "1.1".into(),
            (Rag::Amber, "Imported from v7.docx: drafted".into()),
        );
        latest.insert("3.1".into(), (Rag::Green, "On track".into()));
        let progress = [
            DocumentProgress {
                action: "1.1".into(),
                rag: Rag::Green,
                narrative: "Imported from v9.docx: agreed".into(),
            },
            DocumentProgress {
                action: "3.1".into(),
                rag: Rag::Green,
                narrative: "Imported from v9.docx: on track".into(),
            },
        ];
        let c = compare(&stored, &doc, &latest, &progress);
        let ch = &c.changes;
        assert_eq!(ch.matched, 3);
        assert_eq!(ch.updates.len(), 1, "3.1 says what its latest update says");
        assert_eq!(ch.updates[0].action, "1.1");
        assert_eq!(ch.updates[0].was, Some(Rag::Amber));
        assert_eq!(ch.retimed.len(), 1);
        assert_eq!(ch.retimed[0].from.as_deref(), Some("June 2012"));
        assert_eq!(ch.retimed[0].to, "September 2012");
        assert_eq!(ch.reworded, ["1.2"], "1.1's notes changed, not its words");
        assert_eq!(
            c.edits.iter().map(|e| e.what.as_str()).collect::<Vec<_>>(),
            ["notes brought up to date", "re-timed and re-worded"]
        );
        assert_eq!(
            ch.added
                .iter()
                .map(|a| a.action.as_str())
                .collect::<Vec<_>>(),
            ["1.1a", "2.1"]
        );
        assert_eq!(ch.added_objectives, ["2"]);
        assert_eq!(ch.removed.len(), 1);
        assert_eq!(ch.removed[0].action, "1.3");
        let m = c.merged.unwrap();
        let order: Vec<&str> = m.actions().map(|(_, a)| a.id.as_str()).collect();
        assert_eq!(order, ["1.1", "1.1a", "1.2", "1.3", "2.1", "3.1"]);
    }

    #[test]
    fn the_same_document_again_changes_nothing() {
        let p = plan(vec![("1", vec![action("1.1", "Agree", "March 2013")])]);
        let mut latest = Latest::new();
        latest.insert(
            "1.1".into(),
            (Rag::Red, "Imported from a.docx: late".into()),
        );
        let progress = [DocumentProgress {
            action: "1.1".into(),
            rag: Rag::Red,
            narrative: "Imported from a.docx: late".into(),
        }];
        let c = compare(&p, &p, &latest, &progress);
        assert!(c.changes.is_empty());
        assert!(c.merged.is_none());
        assert!(c.edits.is_empty());
    }
}
