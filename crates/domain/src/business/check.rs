//! What in a [`Business`] does not fit its partnership: each problem names its field's path
//! under `business` (`meetings[3].attendance[0].person`) and says what to do.

use std::collections::HashSet;

use super::{Business, MeetingRef};
use crate::meetings::{Attendance, parse_time};
use crate::model::{MeetingKind, Partnership};
use crate::validate::Problem;

struct Problems(Vec<Problem>);

impl Problems {
    fn add(&mut self, path: String, message: impl Into<String>) {
        self.0.push(Problem {
            path,
            message: message.into(),
        });
    }
}

fn key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The problems of `b` against `p`, in document order; none when it fits.
pub fn check(p: &Partnership, b: &Business) -> Vec<Problem> {
    let mut out = Problems(Vec::new());
    let agencies: HashSet<String> = p.agencies.iter().map(|a| key(&a.name)).collect();
    let subgroups: HashSet<String> = p.subgroups.iter().map(|s| key(&s.name)).collect();
    let meetings: HashSet<(crate::Date, Option<String>)> = p
        .meetings
        .iter()
        .map(|m| {
            let body = match m.kind {
                MeetingKind::Board => None,
                MeetingKind::Subgroup => m.subgroup.as_deref().map(key),
            };
            (m.date, body)
        })
        .collect();
    let meeting_known =
        |m: &MeetingRef| meetings.contains(&(m.date, m.subgroup.as_deref().map(key)));
    let people: HashSet<String> = b.people.iter().map(|m| key(&m.name)).collect();

    let mut seen = HashSet::new();
    for (i, m) in b.people.iter().enumerate() {
        let at = |f: &str| format!("people[{i}].{f}");
        if let Err((field, e)) = m.person().check() {
            out.add(at(field), format!("{} {}", e.problem, e.fix));
        }
        if !seen.insert(key(&m.name)) {
            out.add(
                at("name"),
                format!("{} is on the register twice; keep one entry.", m.name),
            );
        }
        if let Some(a) = &m.agency
            && !agencies.contains(&key(a))
        {
            out.add(
                at("agency"),
                format!("\"{a}\" is not one of partnership.agencies."),
            );
        }
        if let Some(d) = &m.deputy
            && !people.contains(&key(d))
        {
            out.add(
                at("deputy"),
                format!("\"{d}\" is not on the register (business.people)."),
            );
        }
    }

    let mut seen = HashSet::new();
    for (i, a) in b.agencies.iter().enumerate() {
        if !agencies.contains(&key(&a.name)) {
            out.add(
                format!("agencies[{i}].name"),
                format!("\"{}\" is not one of partnership.agencies.", a.name),
            );
        }
        if !seen.insert(key(&a.name)) {
            out.add(
                format!("agencies[{i}].name"),
                format!("{} is given twice; keep one entry.", a.name),
            );
        }
        let mut years = HashSet::new();
        for (j, c) in a.contributions.iter().enumerate() {
            if c.pence < 0 || !years.insert(c.year) {
                out.add(
                    format!("agencies[{i}].contributions[{j}]"),
                    "each year's contribution is given once, and is not negative.",
                );
            }
        }
    }

    let mut seen = HashSet::new();
    for (i, s) in b.subgroups.iter().enumerate() {
        let at = |f: &str| format!("subgroups[{i}].{f}");
        if !subgroups.contains(&key(&s.name)) {
            out.add(
                at("name"),
                format!("\"{}\" is not one of partnership.subgroups.", s.name),
            );
        }
        if !seen.insert(key(&s.name)) {
            out.add(
                at("name"),
                format!("{} is given twice; keep one entry.", s.name),
            );
        }
        if let Some(c) = &s.chair
            && !people.contains(&key(c))
        {
            out.add(
                at("chair"),
                format!("\"{c}\" is not on the register (business.people)."),
            );
        }
        let mut members = HashSet::new();
        for (j, m) in s.members.iter().enumerate() {
            if !people.contains(&key(m)) || !members.insert(key(m)) {
                out.add(
                    format!("subgroups[{i}].members[{j}]"),
                    format!(
                        "\"{m}\" is not on the register (business.people), or is listed twice."
                    ),
                );
            }
        }
        for (j, item) in s.items.iter().enumerate() {
            if let Err(e) = crate::documents::check_item_title(&item.title) {
                out.add(
                    format!("subgroups[{i}].items[{j}].title"),
                    format!("{} {}", e.problem, e.fix),
                );
            }
        }
    }

    if let Some(r) = &b.meeting_settings
        && r.attendance_threshold > 100
    {
        out.add(
            "meeting_settings.attendance_threshold".into(),
            "a share is at most 100 (per cent).",
        );
    }

    let mut seen = HashSet::new();
    for (i, m) in b.meetings.iter().enumerate() {
        let at = |f: &str| format!("meetings[{i}].{f}");
        if !meeting_known(&m.at()) {
            out.add(
                at("date"),
                format!(
                    "there is no meeting on {} of {} in partnership.meetings.",
                    m.date,
                    body(&m.at())
                ),
            );
        }
        if !seen.insert((m.date, m.subgroup.as_deref().map(key))) {
            out.add(at("date"), "this meeting is given twice; keep one entry.");
        }
        if let Some(t) = &m.time
            && parse_time(t).ok().as_ref() != Some(t)
        {
            out.add(
                at("time"),
                format!("\"{t}\" is not a time as HH:MM on the 24-hour clock."),
            );
        }
        let mut present = HashSet::new();
        for (j, a) in m.attendance.iter().enumerate() {
            let at = |f: &str| format!("meetings[{i}].attendance[{j}].{f}");
            if !people.contains(&key(&a.person)) || !present.insert(key(&a.person)) {
                out.add(
                    at("person"),
                    format!(
                        "\"{}\" is not on the register (business.people), or is listed twice.",
                        a.person
                    ),
                );
            }
            if (a.status == Attendance::Deputy)
                != a.deputy.as_deref().is_some_and(|d| !d.trim().is_empty())
            {
                out.add(
                    at("deputy"),
                    "a deputy is named exactly when the attendance is \"deputy\".",
                );
            }
        }
        if let Some(approved) = m.minutes.as_ref().and_then(|x| x.approved_at.as_ref()) {
            if !meeting_known(approved) {
                out.add(
                    at("minutes.approved_at"),
                    "the approving meeting is not in partnership.meetings.",
                );
            } else if approved.date <= m.date
                || approved.subgroup.as_deref().map(key) != m.subgroup.as_deref().map(key)
            {
                out.add(
                    at("minutes.approved_at"),
                    "minutes are approved at a later meeting of the same body.",
                );
            }
        }
    }

    let roles: HashSet<&str> = p.roles.iter().map(|r| r.id.as_str()).collect();
    let mut seen = HashSet::new();
    for (i, d) in b.documents.iter().enumerate() {
        let at = |f: &str| format!("documents[{i}].{f}");
        if let Err(e) = crate::documents::check_item_title(&d.title) {
            out.add(at("title"), format!("{} {}", e.problem, e.fix));
        }
        if !seen.insert(key(&d.title)) {
            out.add(
                at("title"),
                format!("{} is in the register twice; titles are unique.", d.title),
            );
        }
        if !roles.contains(d.owner.as_str()) {
            out.add(
                at("owner"),
                format!("\"{}\" is not the id of one of partnership.roles.", d.owner),
            );
        }
        if let Some(s) = &d.subgroup
            && !subgroups.contains(&key(s))
        {
            out.add(
                at("subgroup"),
                format!("\"{s}\" is not one of partnership.subgroups."),
            );
        }
        if let Some(a) = &d.approved
            && !meeting_known(&a.meeting)
        {
            out.add(
                at("approved.meeting"),
                "the approving meeting is not in partnership.meetings.",
            );
        }
        for (j, v) in d.versions.iter().enumerate() {
            let at = |f: &str| format!("documents[{i}].versions[{j}].{f}");
            if v.number as usize != j + 1 {
                out.add(
                    at("number"),
                    format!(
                        "versions are numbered 1, 2, 3... in order; this one should be {}.",
                        j + 1
                    ),
                );
            }
            if v.sha256.len() != 64
                || !v
                    .sha256
                    .bytes()
                    .all(|c| c.is_ascii_digit() || (b'a'..=b'f').contains(&c))
            {
                out.add(
                    at("sha256"),
                    "give the file's SHA-256 as 64 lowercase hex digits.",
                );
            }
            if v.name.trim().is_empty() || v.name.len() > 255 {
                out.add(at("name"), "a file needs a name of 1 to 255 characters.");
            }
            if v.added_at.parse::<jiff::Timestamp>().is_err() {
                out.add(
                    at("added_at"),
                    format!(
                        "\"{}\" is not a moment such as 2010-03-31T09:00:00Z.",
                        v.added_at
                    ),
                );
            }
        }
    }

    let items: HashSet<String> = b.induction.items.iter().map(|t| key(t)).collect();
    let mut seen = HashSet::new();
    for (i, t) in b.induction.items.iter().enumerate() {
        if let Err(e) = crate::documents::check_item_title(t) {
            out.add(
                format!("induction.items[{i}]"),
                format!("{} {}", e.problem, e.fix),
            );
        }
        if !seen.insert(key(t)) {
            out.add(
                format!("induction.items[{i}]"),
                format!("{t} is on the checklist twice."),
            );
        }
    }
    let mut seen = HashSet::new();
    for (i, r) in b.induction.people.iter().enumerate() {
        if !people.contains(&key(&r.person)) || !seen.insert(key(&r.person)) {
            out.add(
                format!("induction.people[{i}].person"),
                format!(
                    "\"{}\" is not on the register (business.people), or is listed twice.",
                    r.person
                ),
            );
        }
        let mut done = HashSet::new();
        for (j, d) in r.done.iter().enumerate() {
            if !items.contains(&key(&d.item)) || !done.insert(key(&d.item)) {
                out.add(
                    format!("induction.people[{i}].done[{j}].item"),
                    format!(
                        "\"{}\" is not on the checklist (induction.items), or is listed twice.",
                        d.item
                    ),
                );
            }
        }
    }
    out.0
}

fn body(m: &MeetingRef) -> String {
    match &m.subgroup {
        None => "the board".into(),
        Some(s) => format!("the sub-group {s}"),
    }
}
