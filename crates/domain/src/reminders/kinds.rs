//! One function per kind of reminder: each reads the [`Situation`] and says which messages
//! are due, to whom, naming which actions, and why. Nothing here knows what was sent before
//! ([`super::due`] takes that away), so each function is the rule alone.

use std::collections::{BTreeMap, HashMap};

use jiff::ToSpan;
use jiff::civil::Date;

use super::{ActionRef, Recipient, Reminder, ReminderKind, Situation};
use crate::model::{Action, MeetingKind};
use crate::status::ActionStatus;

/// Longest an action's title is quoted in a message: the first line of its text, cut short.
const TITLE_CHARS: usize = 100;

/// An action's title as a message quotes it.
pub fn title(a: &Action) -> String {
    let line = a.text.lines().next().unwrap_or("").trim();
    if line.chars().count() <= TITLE_CHARS {
        return line.to_string();
    }
    let cut: String = line.chars().take(TITLE_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

fn date_text(d: Date) -> String {
    d.to_string()
}

/// For each action that `pick` selects (with the period it is reminded for), a message to
/// every account holding one of its lead roles, the actions grouped per recipient.
fn to_leads(
    s: &Situation<'_>,
    kind: ReminderKind,
    why: &str,
    pick: impl Fn(&ActionStatus) -> Option<String>,
) -> Vec<Reminder> {
    let statuses: HashMap<&str, &ActionStatus> = s
        .statuses
        .iter()
        .map(|st| (st.action.as_str(), st))
        .collect();
    let mut by_recipient: BTreeMap<&Recipient, Vec<ActionRef>> = BTreeMap::new();
    for (o, a) in s.plan.actions() {
        let Some(st) = statuses.get(a.id.as_str()) else {
            continue;
        };
        if st.is_complete() {
            continue;
        }
        let Some(period) = pick(st) else {
            continue;
        };
        let mut holders: Vec<&Recipient> = o
            .leads_for(a)
            .iter()
            .filter_map(|role| s.leads.get(role))
            .flatten()
            .collect();
        holders.sort();
        holders.dedup();
        for r in holders {
            by_recipient.entry(r).or_default().push(ActionRef {
                id: a.id.clone(),
                number: a.number.clone(),
                title: title(a),
                due: st.due,
                period: period.clone(),
                note: String::new(),
            });
        }
    }
    by_recipient
        .into_iter()
        .map(|(to, actions)| Reminder {
            to: to.clone(),
            kind,
            actions,
            documents: Vec::new(),
            returns: Vec::new(),
            whole_plan: None,
            why: why.to_string(),
        })
        .collect()
}

/// Actions due within the partnership's notice (default 14 days), not yet overdue: once per
/// due date.
pub fn due_soon(s: &Situation<'_>) -> Vec<Reminder> {
    let until = s
        .as_at
        .checked_add(s.settings.due_within_days.days())
        .unwrap_or(s.as_at);
    let why = format!(
        "You hold a lead role for these actions, and they are due within {} days.",
        s.settings.due_within_days
    );
    to_leads(s, ReminderKind::DueSoon, &why, |st| {
        let due = st.due?;
        (!st.overdue && due >= s.as_at && due <= until).then(|| date_text(due))
    })
}

/// The earliest due date an overdue action missed: for a recurring action, its first missed
/// occurrence.
fn missed(st: &ActionStatus) -> Option<Date> {
    if !st.overdue {
        return None;
    }
    st.occurrences
        .iter()
        .find(|oc| oc.overdue)
        .map(|oc| oc.due)
        .or(st.due)
}

/// Actions past their due date: once per missed due date.
pub fn overdue(s: &Situation<'_>) -> Vec<Reminder> {
    to_leads(
        s,
        ReminderKind::Overdue,
        "You hold a lead role for these actions, and they are past their due date.",
        |st| missed(st).map(date_text),
    )
}

/// The next board meeting within the notice (after the date, not on it), and the last one
/// before the date, if any.
fn meetings_around(s: &Situation<'_>) -> Option<(Date, Option<Date>)> {
    let until = s
        .as_at
        .checked_add(s.settings.meeting_notice_days.days())
        .ok()?;
    let board = s.meetings.iter().filter(|m| m.kind == MeetingKind::Board);
    let next = board
        .clone()
        .map(|m| m.date)
        .filter(|d| *d > s.as_at && *d <= until)
        .min()?;
    let last = board.map(|m| m.date).filter(|d| *d <= s.as_at).max();
    Some((next, last))
}

/// Before each board meeting, to each lead whose actions have had no update since the last
/// one (or none at all, before the first): once per meeting.
pub fn before_meeting(s: &Situation<'_>) -> Vec<Reminder> {
    let Some((next, last)) = meetings_around(s) else {
        return Vec::new();
    };
    let why = format!(
        "The board meets on {next}, and these actions you lead have had no update since {}.",
        last.map_or("the plan began".to_string(), date_text)
    );
    to_leads(s, ReminderKind::BeforeMeeting, &why, |st| {
        let behind = match (st.last_update, last) {
            (None, _) => true,
            (Some(u), Some(l)) => u < l,
            (Some(_), None) => false,
        };
        behind.then(|| date_text(next))
    })
}

/// Why the digest lists an action.
fn digest_note(st: &ActionStatus) -> &'static str {
    if st.overdue {
        "overdue"
    } else if st.due_soon {
        "due soon"
    } else {
        "no update since the last board meeting"
    }
}

/// The week `d` falls in, as ISO 8601 writes it: `2009-W38`.
pub fn iso_week(d: Date) -> String {
    let w = d.iso_week_date();
    format!("{}-W{:02}", w.year(), w.week())
}

/// The business managers' weekly digest: the plan's overdue, due-soon and stale actions,
/// once a week, from the partnership's digest day on.
pub fn weekly_digest(s: &Situation<'_>) -> Vec<Reminder> {
    let day = |w: jiff::civil::Weekday| w.to_monday_zero_offset();
    if day(s.as_at.weekday()) < day(s.settings.digest_weekday) || s.managers.is_empty() {
        return Vec::new();
    }
    let week = iso_week(s.as_at);
    let statuses: HashMap<&str, &ActionStatus> = s
        .statuses
        .iter()
        .map(|st| (st.action.as_str(), st))
        .collect();
    let actions: Vec<ActionRef> = s
        .plan
        .actions()
        .filter_map(|(_, a)| {
            let st = statuses.get(a.id.as_str())?;
            (!st.is_complete() && (st.overdue || st.due_soon || st.stale)).then(|| ActionRef {
                id: a.id.clone(),
                number: a.number.clone(),
                title: title(a),
                due: st.due,
                period: week.clone(),
                note: digest_note(st).to_string(),
            })
        })
        .collect();
    s.managers
        .iter()
        .map(|m| Reminder {
            to: m.clone(),
            kind: ReminderKind::WeeklyDigest,
            actions: actions.clone(),
            documents: Vec::new(),
            returns: Vec::new(),
            whole_plan: Some(week.clone()),
            why: "You are a business manager of the board, who gets the weekly digest.".to_string(),
        })
        .collect()
}
