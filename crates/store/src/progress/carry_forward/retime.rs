//! The timescales carried actions take in the new plan: one given for all, one per objective,
//! one per action (the most particular wins); an action given none is marked "to be re-timed"
//! (no due date, so nothing is overdue on the new plan's first day, and listed until someone
//! re-times it). Checked whole before anything is written: an objective or action the new
//! plan does not carry, one named twice, or a date before the new plan starts is refused,
//! naming where it was given.

use std::collections::{HashMap, HashSet};

use domain::{Period, Plan, Timescale};
use serde::Serialize;

use crate::error::{Result, StoreError};

/// A timescale given for carried actions, and where it was given ("--due", "--due-objective
/// 3=2011-03-31", "dates.csv row 4"), which an error names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GivenTimescale {
    pub timescale: Timescale,
    pub given: String,
}

/// The new timescales of a carry-forward. Empty: every carried action is to be re-timed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Retiming {
    /// For every carried action.
    pub all: Option<GivenTimescale>,
    /// By objective number, for the actions of that objective.
    pub objectives: Vec<(String, GivenTimescale)>,
    /// By action id ("4.2#2") or number ("4.1", when only one action has it).
    pub actions: Vec<(String, GivenTimescale)>,
}

/// What one carried action's timescale became.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Retimed {
    pub action: String,
    /// The timescale as written.
    pub timescale: String,
    pub due: Option<domain::Date>,
    /// Where the timescale was given.
    pub given: String,
}

/// What re-timing the new plan did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Outcome {
    pub retimed: Vec<Retimed>,
    pub to_be_retimed: Vec<String>,
}

/// Give `next`'s actions their timescales by `r`. `old` is the plan they were carried from
/// (to tell a signed-off action from one that never was).
pub(crate) fn apply(old: &Plan, next: &mut Plan, r: &Retiming) -> Result<Outcome> {
    let period = next.period;
    let by_objective = objectives(old, next, r)?;
    let by_action = actions(old, next, r)?;
    for g in r
        .all
        .iter()
        .chain(by_objective.values().copied())
        .chain(by_action.values().copied())
    {
        starts_in_time(g, period)?;
    }
    let mut out = Outcome::default();
    for o in &mut next.objectives {
        let given = by_objective
            .get(o.number.as_str())
            .copied()
            .or(r.all.as_ref());
        let was_objective = o.timescale.clone();
        match given {
            Some(g) => o.timescale = Some(g.timescale.clone()),
            None => {
                o.timescale = was_objective
                    .as_ref()
                    .map(|t| Timescale::to_be_retimed(Some(t)));
            }
        }
        for a in &mut o.actions {
            let was = a.timescale.clone().or_else(|| was_objective.clone());
            let mine = by_action.get(a.id.as_str()).copied().or(given);
            match mine {
                Some(g) => {
                    // Given for its objective (or all): it follows the objective's.
                    a.timescale = by_action.get(a.id.as_str()).map(|g| g.timescale.clone());
                    out.retimed.push(Retimed {
                        action: a.id.clone(),
                        timescale: g.timescale.label.clone(),
                        due: g.timescale.due,
                        given: g.given.clone(),
                    });
                }
                None => {
                    a.timescale = Some(Timescale::to_be_retimed(was.as_ref()));
                    out.to_be_retimed.push(a.id.clone());
                }
            }
        }
    }
    Ok(out)
}

fn starts_in_time(g: &GivenTimescale, period: Period) -> Result<()> {
    match g.timescale.due {
        Some(due) if due < period.start => Err(StoreError::invalid(format!(
            "{}: \"{}\" is due on {due}, before the new plan starts ({}); give a date in the new \
             plan. Nothing was written.",
            g.given, g.timescale.label, period.start
        ))),
        _ => Ok(()),
    }
}

/// The per-objective timescales by objective number, each objective carried and named once.
fn objectives<'r>(
    old: &Plan,
    next: &Plan,
    r: &'r Retiming,
) -> Result<HashMap<&'r str, &'r GivenTimescale>> {
    let mut out = HashMap::new();
    for (number, g) in &r.objectives {
        let number = number.trim();
        if !next.objectives.iter().any(|o| o.number == number) {
            let why = if old.objectives.iter().any(|o| o.number == number) {
                format!("every action of objective {number} was signed off, so none is carried")
            } else {
                format!("the plan \"{}\" has no objective {number}", old.title)
            };
            return Err(refused(g, &why, "name an objective that is carried"));
        }
        if out.insert(number, g).is_some() {
            return Err(refused(
                g,
                &format!("objective {number} is given a timescale twice"),
                "give each objective one",
            ));
        }
    }
    Ok(out)
}

/// The per-action timescales by action id, each action carried and named once.
fn actions<'r>(
    old: &Plan,
    next: &Plan,
    r: &'r Retiming,
) -> Result<HashMap<String, &'r GivenTimescale>> {
    let carried: HashSet<&str> = next.actions().map(|(_, a)| a.id.as_str()).collect();
    let mut out = HashMap::new();
    for (named, g) in &r.actions {
        let named = named.trim();
        let id = match old.action(named) {
            Some((_, a)) => a.id.clone(),
            None => {
                let same: Vec<&str> = old
                    .actions()
                    .filter(|(_, a)| a.number == named)
                    .map(|(_, a)| a.id.as_str())
                    .collect();
                match same.as_slice() {
                    [one] => (*one).to_string(),
                    [] => {
                        return Err(refused(
                            g,
                            &format!("the plan \"{}\" has no action {named}", old.title),
                            "check the number",
                        ));
                    }
                    many => {
                        return Err(refused(
                            g,
                            &format!("{} actions are numbered {named}", many.len()),
                            &format!("name one by its id ({})", many.join(", ")),
                        ));
                    }
                }
            }
        };
        if !carried.contains(id.as_str()) {
            return Err(refused(
                g,
                &format!("{id} was signed off, so it is not carried"),
                "leave it out",
            ));
        }
        if out.insert(id.clone(), g).is_some() {
            return Err(refused(
                g,
                &format!("{id} is given a timescale twice"),
                "give each action one",
            ));
        }
    }
    Ok(out)
}

fn refused(g: &GivenTimescale, why: &str, fix: &str) -> StoreError {
    StoreError::invalid(format!("{}: {why}; {fix}. Nothing was written.", g.given))
}
