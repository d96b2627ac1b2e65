//! Where each action of a plan sits, and which actions refer to it. Built once when a view
//! reads its plan and shared by the views refreshed from it, so that a page or a write on one
//! action looks it up instead of walking a plan of thousands of actions (twice: to find it,
//! then to find the actions whose text names it).

use std::collections::HashMap;

use domain::{Action, Objective, Plan};

/// An action's place: its objective's position in the plan, and its own in the objective.
type Place = (usize, usize);

/// An index of one plan; asked with any other, it finds nothing or the wrong action, so
/// [`super::Loaded`] keeps the two together.
#[derive(Debug, Default)]
pub struct PlanIndex {
    places: HashMap<String, Place>,
    /// For each action id, the places of the actions that refer to it, in plan order.
    referrers: HashMap<String, Vec<Place>>,
}

impl PlanIndex {
    pub fn of(plan: &Plan) -> Self {
        let mut index = Self::default();
        for (i, o) in plan.objectives.iter().enumerate() {
            for (j, a) in o.actions.iter().enumerate() {
                // The first action of an id, as `Plan::action` finds it.
                index.places.entry(a.id.clone()).or_insert((i, j));
                for (k, target) in a.references.iter().enumerate() {
                    // An action that names another twice still refers to it once.
                    if !a.references[..k].contains(target) {
                        index
                            .referrers
                            .entry(target.clone())
                            .or_default()
                            .push((i, j));
                    }
                }
            }
        }
        index
    }

    /// Where each action sits, by id, as a refresh of a view finds the actions written to
    /// (`store::Known::places`).
    pub fn places(&self) -> &HashMap<String, Place> {
        &self.places
    }

    /// The action `id` of `plan` (the plan this index was made of), with its objective.
    pub fn find<'p>(&self, plan: &'p Plan, id: &str) -> Option<(&'p Objective, &'p Action)> {
        self.places.get(id).and_then(|&place| at(plan, place))
    }

    /// The actions of `plan` whose text refers to action `id`, in plan order.
    pub fn referrers<'p>(
        &'p self,
        plan: &'p Plan,
        id: &str,
    ) -> impl Iterator<Item = (&'p Objective, &'p Action)> + 'p {
        self.referrers
            .get(id)
            .into_iter()
            .flatten()
            .filter_map(move |&place| at(plan, place))
    }

    /// The actions action `id` of `plan` is linked to: those it names and those that name it.
    pub fn links<'p>(&'p self, plan: &'p Plan, id: &str) -> Vec<&'p str> {
        let named = self
            .find(plan, id)
            .into_iter()
            .flat_map(|(_, a)| a.references.iter().map(String::as_str));
        let naming = self.referrers(plan, id).map(|(_, a)| a.id.as_str());
        named.chain(naming).collect()
    }
}

fn at(plan: &Plan, (i, j): Place) -> Option<(&Objective, &Action)> {
    let o = plan.objectives.get(i)?;
    Some((o, o.actions.get(j)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(id: &str, references: &[&str]) -> serde_json::Value {
        serde_json::json!({ "id": id, "number": id, "text": format!("Action {id}"),
                            "references": references })
    }

    /// Two objectives; an action that names another twice, and an id used twice (which
    /// an import never makes, but `Plan::action` answers with the first).
    fn plan() -> Plan {
        serde_json::from_value(serde_json::json!({
            "title": "Plan",
            "period": { "start": "2009-04-01", "end": "2010-03-31" },
            "status": "active",
            "objectives": [
                { "number": "1", "title": "One",
                  "actions": [action("1.1", &[]), action("1.2", &["1.1", "2.1"])] },
                { "number": "2", "title": "Two",
                  "actions": [action("2.1", &["1.1", "1.1"]), action("1.2", &[])] },
            ],
        }))
        .unwrap()
    }

    #[test]
    fn it_finds_what_walking_the_plan_finds() {
        let plan = plan();
        let index = PlanIndex::of(&plan);
        for id in ["1.1", "1.2", "2.1", "9.9"] {
            let walked = plan.action(id).map(|(o, a)| (&o.number, &a.text));
            let found = index.find(&plan, id).map(|(o, a)| (&o.number, &a.text));
            assert_eq!(found, walked, "{id}");
            let walked: Vec<_> = plan
                .actions()
                .filter(|(_, other)| other.references.iter().any(|r| r == id))
                .map(|(o, a)| (&o.number, &a.id))
                .collect();
            let found: Vec<_> = index
                .referrers(&plan, id)
                .map(|(o, a)| (&o.number, &a.id))
                .collect();
            assert_eq!(found, walked, "{id}");
        }
        // The repeated id is the first one, in objective 1.
        assert_eq!(index.find(&plan, "1.2").unwrap().0.number, "1");
        assert_eq!(index.referrers(&plan, "1.1").count(), 2);
    }
}
