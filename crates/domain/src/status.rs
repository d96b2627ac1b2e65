//! Where each action stands as at a date: its latest rating, whether it is overdue, due soon,
//! stale or at risk, and whether its completion is signed off. Pure: the caller passes the
//! plan, the updates, sign-offs and meetings recorded up to that date.

use std::collections::{HashMap, HashSet};

use jiff::ToSpan;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::model::{Meeting, MeetingKind, Plan};
use crate::moment::Moment;
use crate::progress::{Rag, SignOff, Update};
use crate::timescale::Recurrence;

/// The thresholds a partnership can set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusRules {
    /// An action due within this many days is "due soon".
    pub due_soon_days: i32,
    /// Where no board meeting is recorded, an action with no update for this long is stale.
    pub stale_days: i32,
}

impl Default for StatusRules {
    fn default() -> Self {
        Self {
            due_soon_days: 30,
            stale_days: 90,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Completion {
    NotComplete,
    /// Rated blue (complete) but nobody holding a sign-off role has signed it off yet.
    AwaitingSignOff,
    SignedOff,
}

/// One due date of a recurring action ("Annually" → one a year) and whether it was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    pub due: Date,
    pub met: bool,
    pub overdue: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionStatus {
    pub action: String,
    pub objective: String,
    /// The latest rating; `None` when the action has never been updated.
    pub rag: Option<Rag>,
    pub percent: Option<u8>,
    /// The date the latest update speaks for.
    pub last_update: Option<Date>,
    /// The date it is due: for a recurring action, the next occurrence not yet met.
    pub due: Option<Date>,
    pub completion: Completion,
    pub overdue: bool,
    pub due_soon: bool,
    pub stale: bool,
    /// Linked by a cross-reference to an action that is red or overdue.
    pub at_risk: bool,
    /// Carried forward into this plan without a new date and not re-timed since
    /// ([`crate::Timescale::to_be_retimed`]): listed until someone gives it one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub to_be_retimed: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub occurrences: Vec<Occurrence>,
}

impl ActionStatus {
    pub fn is_complete(&self) -> bool {
        self.completion != Completion::NotComplete
    }
}

/// The status of every action of `plan` at `at`: a day read as of then (a bare [`Date`]), or
/// as recorded by its end ([`Moment::as_recorded`]). Updates dated after the day, sign-offs
/// and withdrawals made after it and meetings after it are ignored, and as recorded so is
/// anything recorded after it, so a caller may pass everything it has.
pub fn assess(
    plan: &Plan,
    updates: &[Update],
    signoffs: &[SignOff],
    meetings: &[Meeting],
    at: impl Into<Moment>,
    rules: StatusRules,
) -> Vec<ActionStatus> {
    let moment = at.into();
    let as_at = moment.day;
    let end_of_day = moment.after_day();
    // Sign-offs and withdrawals speak for the moment they were made.
    let made = |t: jiff::Timestamp| end_of_day.is_none_or(|e| t < e);
    let known = |t: jiff::Timestamp| moment.knows(t);

    // A correction not yet recorded does not hide what it corrects.
    let corrected: HashSet<i64> = updates
        .iter()
        .filter(|u| known(u.recorded_at))
        .filter_map(|u| u.corrects)
        .collect();
    let mut by_action: HashMap<&str, Vec<&Update>> = HashMap::new();
    for u in updates
        .iter()
        .filter(|u| u.as_of <= as_at && known(u.recorded_at) && !corrected.contains(&u.id))
    {
        by_action.entry(u.action.as_str()).or_default().push(u);
    }
    let signed: HashSet<&str> = signoffs
        .iter()
        .filter(|s| made(s.at) && s.withdrawn.as_ref().is_none_or(|w| !made(w.at)))
        .map(|s| s.action.as_str())
        .collect();
    let last_meeting = meetings
        .iter()
        .filter(|m| m.kind == MeetingKind::Board && m.date <= as_at)
        .map(|m| m.date)
        .max();
    let stale_before = match last_meeting {
        Some(d) => Some(d),
        None => as_at.checked_sub(rules.stale_days.days()).ok(),
    };

    let mut out: Vec<ActionStatus> = plan
        .actions()
        .map(|(o, a)| {
            let mut ups = by_action.get(a.id.as_str()).cloned().unwrap_or_default();
            ups.sort_by_key(|u| (u.as_of, u.recorded_at, u.id));
            let latest = ups.last().copied();
            let rag = latest.map(|u| u.rag);
            let completion = match (signed.contains(a.id.as_str()), rag) {
                (true, _) => Completion::SignedOff,
                (false, Some(Rag::Blue)) => Completion::AwaitingSignOff,
                _ => Completion::NotComplete,
            };
            let complete = completion != Completion::NotComplete;
            let timescale = o.timescale_for(a);
            let occurrences = match (
                timescale.and_then(|t| t.recurrence),
                timescale.and_then(|t| t.due),
            ) {
                (
                    Some(r @ (Recurrence::Yearly | Recurrence::Quarterly | Recurrence::Monthly)),
                    Some(first),
                ) => occurrences(first, r, &ups, as_at),
                _ => Vec::new(),
            };
            let due = if occurrences.is_empty() {
                timescale.and_then(|t| t.due)
            } else {
                occurrences.iter().find(|oc| !oc.met).map(|oc| oc.due)
            };
            let overdue = if occurrences.is_empty() {
                !complete && due.is_some_and(|d| d < as_at)
            } else {
                occurrences.iter().any(|oc| oc.overdue)
            };
            let due_soon = !complete
                && !overdue
                && due.is_some_and(|d| {
                    d >= as_at
                        && as_at
                            .checked_add(rules.due_soon_days.days())
                            .is_ok_and(|w| d <= w)
                });
            let last_update = latest.map(|u| u.as_of);
            let stale = !complete
                && plan.period.start <= as_at
                && stale_before.is_some_and(|s| last_update.unwrap_or(plan.period.start) < s);
            ActionStatus {
                action: a.id.clone(),
                objective: o.number.clone(),
                rag,
                percent: latest.and_then(|u| u.percent).map(|p| p.get()),
                last_update,
                due,
                completion,
                overdue,
                due_soon,
                stale,
                at_risk: false,
                to_be_retimed: !complete && timescale.is_some_and(|t| t.is_to_be_retimed()),
                occurrences,
            }
        })
        .collect();
    mark_at_risk(plan, &mut out);
    out
}

/// Set `at_risk` on each of `statuses` (of `plan`'s actions) from the others.
pub fn mark_at_risk(plan: &Plan, statuses: &mut [ActionStatus]) {
    let troubled: HashSet<String> = statuses
        .iter()
        .filter(|s| is_troubled(s))
        .map(|s| s.action.clone())
        .collect();
    let linked = links_of(plan);
    for s in statuses {
        s.at_risk = is_at_risk(s, linked.get(s.action.as_str()), |l| troubled.contains(l));
    }
}

/// Each action's links: the actions it names and the actions that name it.
fn links_of(plan: &Plan) -> HashMap<&str, HashSet<&str>> {
    let mut linked: HashMap<&str, HashSet<&str>> = HashMap::new();
    for (_, a) in plan.actions() {
        for r in &a.references {
            linked.entry(a.id.as_str()).or_default().insert(r.as_str());
            linked.entry(r.as_str()).or_default().insert(a.id.as_str());
        }
    }
    linked
}

/// The at-risk flag, as [`mark_at_risk`] would set it, of every action whose flag may have
/// moved when the statuses of `changed` did: those actions and each action linked to one of
/// them. `status` gives any action's status as it now stands. This walks the whole plan to
/// find the links; [`at_risk_linked`] is the same for a caller that has them indexed.
pub fn at_risk_near<'s>(
    plan: &Plan,
    changed: &[&str],
    status: impl Fn(&str) -> Option<&'s ActionStatus>,
) -> Vec<(String, bool)> {
    let linked = links_of(plan);
    at_risk_linked(
        changed,
        |id| {
            linked
                .get(id)
                .map(|l| l.iter().copied().collect())
                .unwrap_or_default()
        },
        status,
    )
}

/// [`at_risk_near`], given `links(id)`: the actions `id` names and those that name it. A
/// cache that re-assessed only the actions just written, and keeps its plan's links, sets
/// these flags in what those actions and their links cost, not in what the whole plan does.
pub fn at_risk_linked<'a, 's>(
    changed: &[&'a str],
    links: impl Fn(&str) -> Vec<&'a str>,
    status: impl Fn(&str) -> Option<&'s ActionStatus>,
) -> Vec<(String, bool)> {
    let mut near: HashSet<&'a str> = HashSet::new();
    for &id in changed {
        near.insert(id);
        near.extend(links(id));
    }
    let troubled = |id: &str| status(id).is_some_and(is_troubled);
    near.into_iter()
        .filter_map(|id| {
            let s = status(id)?;
            let linked: HashSet<&str> = links(id).into_iter().collect();
            Some((id.to_string(), is_at_risk(s, Some(&linked), troubled)))
        })
        .collect()
}

/// Red or overdue: what puts the actions linked to it at risk.
fn is_troubled(s: &ActionStatus) -> bool {
    s.overdue || s.rag == Some(Rag::Red)
}

/// Cross-references link work both ways ("combine with", "based on", "incorporate into"),
/// so an unfinished action linked to a troubled one, in either direction, is at risk.
fn is_at_risk(
    s: &ActionStatus,
    links: Option<&HashSet<&str>>,
    troubled: impl Fn(&str) -> bool,
) -> bool {
    !s.is_complete() && links.is_some_and(|ls| ls.iter().any(|l| *l != s.action && troubled(l)))
}

/// The occurrences of a recurring action from `first` up to the first one on or after `as_at`
/// that is not yet met.
/// An occurrence is met by a blue update within its cycle.
fn occurrences(first: Date, r: Recurrence, ups: &[&Update], as_at: Date) -> Vec<Occurrence> {
    let step = match r {
        Recurrence::Yearly => 12,
        Recurrence::Quarterly => 3,
        _ => 1,
    };
    let mut out = Vec::new();
    for n in 0..600 {
        let Ok(due) = first.checked_add((n * step).months()) else {
            break;
        };
        let cycle_start = due.checked_sub(step.months()).unwrap_or(due);
        let met = ups
            .iter()
            .any(|u| u.rag == Rag::Blue && u.as_of > cycle_start && u.as_of <= due);
        out.push(Occurrence {
            due,
            met,
            overdue: !met && due < as_at,
        });
        // Up to the first occurrence on or after the date that is still to be met, so that
        // an occurrence met early is followed by the next one due.
        if due >= as_at && !met {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests;
