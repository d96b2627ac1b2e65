//! The iCalendar feed (RFC 5545) of board and sub-group meetings, of action deadlines and of
//! the document register's reviews falling due, for calendar programs to subscribe to. Each
//! event is a whole day, with a UID that stays the same from one download to the next (so a calendar updates an event rather than adding it
//! twice), text escaped and lines folded at 75 octets as the RFC requires, CRLF line ends,
//! and DTSTAMP the feed's generated-at time.

use domain::{Date, MeetingKind, Recurrence};
use jiff::ToSpan;

use crate::input::ReportInput;
use crate::words;

/// One event of the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub uid: String,
    pub date: Date,
    pub summary: String,
    pub description: String,
    pub categories: &'static str,
}

/// A document of the board's register whose review falls due: an event on its review date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentReview {
    /// The document's id in the register, which keeps its event's UID stable.
    pub id: i64,
    pub title: String,
    /// What it is and who owns it, in a sentence.
    pub about: String,
    pub due: Date,
}

/// The review events of `reviews`, for [`render_with`].
pub fn review_events(input: &ReportInput, reviews: &[DocumentReview]) -> Vec<Event> {
    let host = words::slug(&input.partnership.name);
    reviews
        .iter()
        .map(|r| Event {
            uid: format!("document-review-{}-{}@{host}.boardplan", r.id, r.due),
            date: r.due,
            summary: format!("Review due: {}", r.title),
            description: r.about.clone(),
            categories: "DEADLINE",
        })
        .collect()
}

/// Every event of the feed, in date order (then by UID): the partnership's meetings, and the
/// due date of each action of the plan (each occurrence, for one that recurs within the plan's
/// period).
pub fn events(input: &ReportInput) -> Vec<Event> {
    let p = &input.partnership;
    let host = words::slug(&p.name);
    let mut out = Vec::new();
    for m in &p.meetings {
        let (summary, kind) = match (m.kind, &m.subgroup) {
            (MeetingKind::Board, _) => (format!("{}: board meeting", p.name), "board"),
            (MeetingKind::Subgroup, Some(s)) => (format!("{s} sub-group meeting"), "subgroup"),
            (MeetingKind::Subgroup, None) => ("Sub-group meeting".to_owned(), "subgroup"),
        };
        let which = m.subgroup.as_deref().map(words::slug).unwrap_or_default();
        out.push(Event {
            uid: format!(
                "meeting-{kind}{}{which}-{}@{host}.boardplan",
                if which.is_empty() { "" } else { "-" },
                m.date
            ),
            date: m.date,
            summary,
            description: format!(
                "{} meeting of {}.",
                if kind == "board" {
                    "Board"
                } else {
                    "Sub-group"
                },
                p.name
            ),
            categories: "MEETING",
        });
    }
    let plan = input.plan();
    let plan_slug = words::slug(&plan.title);
    for (o, a) in plan.actions() {
        let Some(t) = o.timescale_for(a) else {
            continue;
        };
        let Some(first) = t.due else { continue };
        let step = match t.recurrence {
            Some(Recurrence::Yearly) => Some(12),
            Some(Recurrence::Quarterly) => Some(3),
            Some(Recurrence::Monthly) => Some(1),
            Some(Recurrence::Ongoing) | None => None,
        };
        let mut dues = vec![first];
        if let Some(step) = step {
            let mut n = 1;
            while let Ok(d) = first.checked_add((n * step).months()) {
                if d > plan.period.end || n > 120 {
                    break;
                }
                dues.push(d);
                n += 1;
            }
        }
        for due in dues {
            out.push(Event {
                uid: format!(
                    "action-{plan_slug}-{}-{due}@{host}.boardplan",
                    words::slug(&a.id)
                ),
                date: due,
                summary: format!("Due: action {} of {}", a.number, plan.title),
                description: format!("{} (timescale: {})", a.text, t.label),
                categories: "DEADLINE",
            });
        }
    }
    out.sort_by(|x, y| (x.date, &x.uid).cmp(&(y.date, &y.uid)));
    out.dedup_by(|x, y| x.uid == y.uid);
    out
}

/// The feed as iCalendar text.
pub fn render(input: &ReportInput) -> String {
    render_with(input, Vec::new())
}

/// The feed as iCalendar text, with `extra` events beside the meetings and deadlines (the
/// document register's reviews, from [`review_events`]).
pub fn render_with(input: &ReportInput, extra: Vec<Event>) -> String {
    let stamp = input.generated_at.strftime("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    let mut line = |text: String| fold(&mut out, &text);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line("PRODID:-//Boardplan//Boardplan reports//EN".into());
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!(
        "X-WR-CALNAME:{}",
        escape(&format!(
            "{}: meetings and deadlines",
            input.partnership.name
        ))
    ));
    let mut all = events(input);
    all.extend(extra);
    all.sort_by(|x, y| (x.date, &x.uid).cmp(&(y.date, &y.uid)));
    for e in all {
        let end = e.date.tomorrow().unwrap_or(e.date);
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", e.uid));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("DTSTART;VALUE=DATE:{}", e.date.strftime("%Y%m%d")));
        line(format!("DTEND;VALUE=DATE:{}", end.strftime("%Y%m%d")));
        line(format!("SUMMARY:{}", escape(&e.summary)));
        line(format!("DESCRIPTION:{}", escape(&e.description)));
        line(format!("CATEGORIES:{}", e.categories));
        line("TRANSP:TRANSPARENT".into());
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

/// RFC 5545 §3.3.11: backslash, semicolon, comma and newline escaped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// RFC 5545 §3.1: lines of at most 75 octets, continued on lines that start with a space,
/// never splitting a UTF-8 character; every line ends CRLF.
fn fold(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_escape_what_the_rfc_says() {
        assert_eq!(
            escape("C&D; PR, LR\\x\nnext"),
            "C&D\\; PR\\, LR\\\\x\\nnext"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let mut out = String::new();
        let text = format!("SUMMARY:{}", "é".repeat(60));
        fold(&mut out, &text);
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.len() <= 75), "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded: String = out.replace("\r\n ", "").replace("\r\n", "");
        assert_eq!(unfolded, text);
    }
}
