//! What every report reads off the input once: each action's status as at the report's date
//! (by `domain::assess`, the same rules the dashboard uses), the updates and sign-offs known
//! then, the board meetings either side, and the RAG marks and counts built from them.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};

use domain::{
    Action, ActionStatus, Completion, Date, Evidence, MeetingKind, Objective, Plan, Rag, SignOff,
    Update, assess,
};

use crate::input::ReportInput;
use crate::model::RagMark;

/// The input, read as at its date.
pub struct Facts<'a> {
    pub input: &'a ReportInput,
    pub plan: Cow<'a, Plan>,
    /// One per action, in plan order.
    pub statuses: Vec<ActionStatus>,
    /// Updates known as at the date (recorded by then, speaking for a day up to it, and not
    /// replaced by a correction known then), oldest first.
    pub updates: Vec<&'a Update>,
    /// Sign-offs made by the date and not withdrawn by then.
    pub signoffs: Vec<&'a SignOff>,
    /// The last board meeting before the report's date.
    pub previous_meeting: Option<Date>,
}

/// The rating columns of progress tables and charts, in the order they stack.
pub const CATEGORIES: [Option<Rag>; 6] = [
    Some(Rag::Red),
    Some(Rag::Amber),
    Some(Rag::Green),
    Some(Rag::Blue),
    Some(Rag::Grey),
    None,
];

/// The mark a table shows for a rating; `None` is an action never updated.
pub fn mark(rag: Option<Rag>) -> RagMark {
    match rag {
        Some(Rag::Red) => RagMark {
            word: "Red",
            meaning: "off track",
            fill: "#d4351c",
            ink: "#ffffff",
        },
        Some(Rag::Amber) => RagMark {
            word: "Amber",
            meaning: "some slippage",
            fill: "#f47738",
            ink: "#0b0c0c",
        },
        Some(Rag::Green) => RagMark {
            word: "Green",
            meaning: "on track",
            fill: "#00703c",
            ink: "#ffffff",
        },
        Some(Rag::Blue) => RagMark {
            word: "Blue",
            meaning: "complete",
            fill: "#1d70b8",
            ink: "#ffffff",
        },
        Some(Rag::Grey) => RagMark {
            word: "Grey",
            meaning: "not started",
            fill: "#b1b4b6",
            ink: "#0b0c0c",
        },
        None => RagMark {
            word: "Not rated",
            meaning: "no update yet",
            fill: "#f3f2f1",
            ink: "#0b0c0c",
        },
    }
}

/// The last moment of `d`, UTC: what "as at `d`" includes.
fn end_of(d: Date) -> jiff::Timestamp {
    d.tomorrow()
        .ok()
        .and_then(|t| {
            t.to_datetime(jiff::civil::Time::midnight())
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .ok()
        })
        .map_or(jiff::Timestamp::MAX, |z| z.timestamp())
}

impl<'a> Facts<'a> {
    pub fn new(input: &'a ReportInput) -> Self {
        let plan = input.plan();
        let as_at = input.as_at;
        let moment = input.moment();
        let statuses = assess(
            &plan,
            &input.updates,
            &input.signoffs,
            &input.partnership.meetings,
            moment,
            input.rules,
        );
        let end = end_of(as_at);
        let corrected: HashSet<i64> = input
            .updates
            .iter()
            .filter(|u| moment.knows(u.recorded_at))
            .filter_map(|u| u.corrects)
            .collect();
        let mut updates: Vec<&Update> = input
            .updates
            .iter()
            .filter(|u| {
                u.as_of <= as_at && moment.knows(u.recorded_at) && !corrected.contains(&u.id)
            })
            .collect();
        updates.sort_by_key(|u| (u.as_of, u.recorded_at, u.id));
        let mut signoffs: Vec<&SignOff> = input
            .signoffs
            .iter()
            .filter(|s| s.at < end && s.withdrawn.as_ref().is_none_or(|w| w.at >= end))
            .collect();
        signoffs.sort_by_key(|s| (s.at, s.id));
        let previous_meeting = input
            .partnership
            .meetings
            .iter()
            .filter(|m| m.kind == MeetingKind::Board && m.date < as_at)
            .map(|m| m.date)
            .max();
        Self {
            input,
            plan,
            statuses,
            updates,
            signoffs,
            previous_meeting,
        }
    }

    pub fn as_at(&self) -> Date {
        self.input.as_at
    }

    /// Every action with its objective and status, in plan order.
    pub fn actions(&self) -> impl Iterator<Item = (&Objective, &Action, &ActionStatus)> {
        self.plan
            .actions()
            .zip(self.statuses.iter())
            .map(|((o, a), s)| (o, a, s))
    }

    /// The latest update of `action` known as at the date.
    pub fn latest_update(&self, action: &str) -> Option<&'a Update> {
        self.updates
            .iter()
            .rev()
            .find(|u| u.action == action)
            .copied()
    }

    /// Every piece of evidence given on `action`'s updates known as at the date, oldest first,
    /// without repeats.
    pub fn evidence(&self, action: &str) -> Vec<&'a Evidence> {
        let mut out: Vec<&Evidence> = Vec::new();
        for u in self.updates.iter().filter(|u| u.action == action) {
            for e in &u.evidence {
                if !out.contains(&e) {
                    out.push(e);
                }
            }
        }
        out
    }

    /// The standing sign-off of `action`, if any.
    pub fn signoff(&self, action: &str) -> Option<&'a SignOff> {
        self.signoffs
            .iter()
            .rev()
            .find(|s| s.action == action)
            .copied()
    }

    /// The titles of the roles that lead `action`, joined: "Chair, Training sub-group".
    pub fn leads(&self, o: &Objective, a: &Action) -> String {
        o.leads_for(a)
            .iter()
            .map(|id| {
                self.input
                    .partnership
                    .role(id)
                    .map_or(id.as_str(), |r| r.title.as_str())
            })
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The title of a role, by id.
    pub fn role_title(&self, id: &str) -> String {
        self.input
            .partnership
            .role(id)
            .map_or_else(|| id.to_owned(), |r| r.title.clone())
    }

    /// Counts of actions at each of [`CATEGORIES`], per objective in plan order.
    pub fn counts_by_objective(&self) -> Vec<(&Objective, [u32; 6])> {
        let mut by: BTreeMap<usize, [u32; 6]> = BTreeMap::new();
        let index: Vec<&Objective> = self.plan.objectives.iter().collect();
        for (i, o) in index.iter().enumerate() {
            by.insert(i, [0; 6]);
            for a in &o.actions {
                if let Some(s) = self.statuses.iter().find(|s| s.action == a.id) {
                    let slot = CATEGORIES.iter().position(|c| *c == s.rag).unwrap_or(5);
                    if let Some(counts) = by.get_mut(&i) {
                        counts[slot] += 1;
                    }
                }
            }
        }
        by.into_iter()
            .filter_map(|(i, counts)| index.get(i).map(|o| (*o, counts)))
            .collect()
    }

    /// Counts of every action at each of [`CATEGORIES`].
    pub fn counts(&self) -> [u32; 6] {
        let mut total = [0; 6];
        for (_, c) in self.counts_by_objective() {
            for (t, n) in total.iter_mut().zip(c) {
                *t += n;
            }
        }
        total
    }

    pub fn total(&self) -> usize {
        self.statuses.len()
    }

    pub fn signed_off(&self) -> usize {
        self.statuses
            .iter()
            .filter(|s| s.completion == Completion::SignedOff)
            .count()
    }

    pub fn awaiting_sign_off(&self) -> usize {
        self.statuses
            .iter()
            .filter(|s| s.completion == Completion::AwaitingSignOff)
            .count()
    }

    pub fn overdue(&self) -> usize {
        self.statuses.iter().filter(|s| s.overdue).count()
    }

    /// Actions signed off between `from` (exclusive) and the date (inclusive), with their
    /// sign-off, in the order they were signed.
    pub fn signed_off_since(&self, from: Option<Date>) -> Vec<(&Objective, &Action, &'a SignOff)> {
        let start = from.map(end_of);
        let mut out = Vec::new();
        for s in &self.signoffs {
            if start.is_some_and(|t| s.at < t) {
                continue;
            }
            if self.signoff(&s.action).map(|x| x.id) != Some(s.id) {
                continue;
            }
            if let Some((o, a)) = self.plan.action(&s.action) {
                out.push((o, a, *s));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rating_has_a_word_a_meaning_and_a_colour() {
        for c in CATEGORIES {
            let m = mark(c);
            assert!(!m.word.is_empty() && !m.meaning.is_empty());
            assert!(m.fill.starts_with('#') && m.fill.len() == 7);
        }
        assert_eq!(mark(Some(Rag::Red)).label(), "Red (off track)");
    }

    #[test]
    fn as_at_a_date_includes_the_whole_of_that_day() {
        let d: Date = "2009-10-14".parse().unwrap();
        assert_eq!(end_of(d).to_string(), "2009-10-15T00:00:00Z");
    }
}
