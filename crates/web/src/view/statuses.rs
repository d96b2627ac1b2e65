//! Every action's status in a view, shared with the views refreshed from it: a write to a few
//! actions makes a view that holds their new statuses over the old view's, so refreshing
//! costs what those actions cost, not a copy of the whole plan's statuses.

use std::collections::HashMap;
use std::sync::Arc;

use domain::{ActionStatus, Plan};

use super::index::PlanIndex;

/// How many actions' newer statuses are kept over the shared ones before they are merged
/// into a new shared map: one copy of the plan's statuses per this many actions written.
const MAX_NEWER: usize = 256;

/// The statuses of a plan's actions, by action id.
#[derive(Default)]
pub struct Statuses {
    shared: Arc<HashMap<String, ActionStatus>>,
    /// Statuses assessed since `shared` was read, over it.
    newer: HashMap<String, ActionStatus>,
}

impl Statuses {
    pub fn new(all: impl IntoIterator<Item = ActionStatus>) -> Self {
        Self {
            shared: Arc::new(all.into_iter().map(|s| (s.action.clone(), s)).collect()),
            newer: HashMap::new(),
        }
    }

    pub fn get(&self, action: &str) -> Option<&ActionStatus> {
        self.newer.get(action).or_else(|| self.shared.get(action))
    }

    /// The same statuses, sharing what these share.
    pub fn share(&self) -> Self {
        Self {
            shared: Arc::clone(&self.shared),
            newer: self.newer.clone(),
        }
    }

    /// These statuses with `fresh` (assessed alone, at-risk unset) over them, and the
    /// at-risk flag set again wherever they can have moved it.
    pub fn updated(&self, plan: &Plan, index: &PlanIndex, fresh: Vec<ActionStatus>) -> Self {
        let changed: Vec<String> = fresh.iter().map(|s| s.action.clone()).collect();
        let mut next = self.share();
        next.newer
            .extend(fresh.into_iter().map(|s| (s.action.clone(), s)));
        let changed: Vec<&str> = changed.iter().map(String::as_str).collect();
        // The plan's links come from its index: walking a plan of thousands of actions
        // for them cost a refresh more than reading the action did.
        let flags = domain::at_risk_linked(&changed, |id| index.links(plan, id), |id| next.get(id));
        for (id, at_risk) in flags {
            if let Some(s) = next.get(&id).filter(|s| s.at_risk != at_risk) {
                let s = ActionStatus {
                    at_risk,
                    ..s.clone()
                };
                next.newer.insert(id, s);
            }
        }
        if next.newer.len() > MAX_NEWER {
            let mut all = (*next.shared).clone();
            all.extend(std::mem::take(&mut next.newer));
            next.shared = Arc::new(all);
        }
        next
    }

    /// How many statuses are held apart from the shared ones (for tests).
    #[cfg(test)]
    fn newer_len(&self) -> usize {
        self.newer.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::{Completion, Objective, PlanStatus, Rag};

    fn plan(n: usize) -> Plan {
        let actions = (1..=n)
            .map(|i| domain::Action {
                id: format!("1.{i}"),
                number: format!("1.{i}"),
                text: format!("action {i}"),
                sources: vec![],
                timescale: None,
                leads: vec![],
                // Each action after the first refers to the one before it.
                references: if i > 1 {
                    vec![format!("1.{}", i - 1)]
                } else {
                    vec![]
                },
                reference_phrases: vec![],
                duplicate_of: None,
            })
            .collect();
        Plan {
            title: "Plan".into(),
            period: domain::Period::financial_year(2009).unwrap(),
            status: PlanStatus::Active,
            objectives: vec![Objective {
                number: "1".into(),
                title: "One".into(),
                sources: vec![],
                timescale: None,
                leads: vec![],
                actions,
            }],
        }
    }

    fn status(id: &str, rag: Option<Rag>) -> ActionStatus {
        ActionStatus {
            action: id.into(),
            objective: "1".into(),
            rag,
            percent: None,
            last_update: None,
            due: None,
            completion: Completion::NotComplete,
            overdue: false,
            due_soon: false,
            stale: false,
            at_risk: false,
            to_be_retimed: false,
            occurrences: vec![],
        }
    }

    #[test]
    fn a_fresh_status_shows_over_the_shared_one_and_moves_its_neighbours_flags() {
        let plan = plan(4);
        let old = Statuses::new((1..=4).map(|i| status(&format!("1.{i}"), None)));
        let new = old.updated(
            &plan,
            &PlanIndex::of(&plan),
            vec![status("1.2", Some(Rag::Red))],
        );
        assert_eq!(new.get("1.2").unwrap().rag, Some(Rag::Red));
        assert_eq!(
            old.get("1.2").unwrap().rag,
            None,
            "the old view is unchanged"
        );
        let at_risk: Vec<bool> = (1..=4)
            .map(|i| new.get(&format!("1.{i}")).unwrap().at_risk)
            .collect();
        assert_eq!(at_risk, [true, false, true, false]);
        assert!(Arc::ptr_eq(&old.shared, &new.shared), "nothing copied");

        let calm = new.updated(
            &plan,
            &PlanIndex::of(&plan),
            vec![status("1.2", Some(Rag::Green))],
        );
        assert!((1..=4).all(|i| !calm.get(&format!("1.{i}")).unwrap().at_risk));
    }

    #[test]
    fn the_indexed_links_set_the_flags_walking_the_plan_sets() {
        // Links both ways, one action naming itself, one naming an action the plan lacks,
        // one naming another twice.
        let refs: [(&str, &[&str]); 6] = [
            ("1.1", &[]),
            ("1.2", &["1.1"]),
            ("1.3", &["1.5", "1.1", "1.5"]),
            ("1.4", &["1.4"]),
            ("1.5", &[]),
            ("1.6", &["9.9", "1.3"]),
        ];
        let mut plan = plan(refs.len());
        for (a, (_, r)) in plan.objectives[0].actions.iter_mut().zip(refs) {
            a.references = r.iter().map(|r| r.to_string()).collect();
        }
        let index = PlanIndex::of(&plan);
        for red in ["1.1", "1.3", "1.4", "1.5", "1.6"] {
            let now: Vec<ActionStatus> = refs
                .iter()
                .map(|(id, _)| status(id, (*id == red).then_some(Rag::Red)))
                .collect();
            let get = |id: &str| now.iter().find(|s| s.action == id);
            for changed in ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "9.9"] {
                let mut walked = domain::at_risk_near(&plan, &[changed], get);
                let mut indexed =
                    domain::at_risk_linked(&[changed], |id| index.links(&plan, id), get);
                walked.sort();
                indexed.sort();
                assert_eq!(indexed, walked, "{changed} written, {red} red");
            }
        }
        // Something to find: 1.5 red puts 1.3, which names it, at risk.
        let now: Vec<ActionStatus> = refs
            .iter()
            .map(|(id, _)| status(id, (*id == "1.5").then_some(Rag::Red)))
            .collect();
        let flags = domain::at_risk_linked(
            &["1.5"],
            |id| index.links(&plan, id),
            |id| now.iter().find(|s| s.action == id),
        );
        assert!(flags.contains(&("1.3".to_string(), true)), "{flags:?}");
    }

    #[test]
    fn many_writes_are_merged_into_a_new_shared_map() {
        let n = MAX_NEWER + 10;
        let plan = plan(n);
        let index = PlanIndex::of(&plan);
        let mut s = Statuses::new((1..=n).map(|i| status(&format!("1.{i}"), None)));
        for i in 1..=n {
            s = s.updated(
                &plan,
                &index,
                vec![status(&format!("1.{i}"), Some(Rag::Green))],
            );
            assert!(s.newer_len() <= MAX_NEWER);
        }
        assert!((1..=n).all(|i| s.get(&format!("1.{i}")).unwrap().rag == Some(Rag::Green)));
    }
}
