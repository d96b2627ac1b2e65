//! A reminder as a person reads it: its subject and plain-text body. Both name actions by
//! number and title only — the titles of plan actions are not case details — documents by
//! title and review date, Section 11 returns by agency, cycle, due date and a count of
//! standards unrated; never a narrative, evidence, a rating or a child. Each action links
//! straight to its update form, each document to its page, each return to its form; the foot
//! says why the message came and links to turning that kind off.

use super::{Reminder, ReminderKind};

/// Where a message's links go, built by the caller (which knows the server's address).
pub struct Links<'a> {
    /// The update form of the action with this id.
    pub update: &'a dyn Fn(&str) -> String,
    /// The page of the document with this id.
    pub document: &'a dyn Fn(i64) -> String,
    /// The Section 11 return of this cycle's year and agency.
    pub s11_return: &'a dyn Fn(i32, &str) -> String,
    /// The signed one-click link that turns this kind off for this recipient.
    pub unsubscribe: String,
}

fn numbers(r: &Reminder) -> String {
    let n: Vec<&str> = r.actions.iter().map(|a| a.number.as_str()).collect();
    match n.as_slice() {
        [one] => format!("action {one}"),
        _ => format!("actions {}", n.join(", ")),
    }
}

/// The subject line: the board, the kind and the action numbers.
pub fn subject(r: &Reminder, board: &str) -> String {
    match r.kind {
        ReminderKind::DueSoon => format!("{board}: {} due soon", numbers(r)),
        ReminderKind::Overdue => format!("{board}: {} overdue", numbers(r)),
        ReminderKind::BeforeMeeting => {
            format!(
                "{board}: please update {} before the board meets",
                numbers(r)
            )
        }
        ReminderKind::WeeklyDigest => format!(
            "{board}: weekly digest, {}",
            r.whole_plan.as_deref().unwrap_or_default()
        ),
        ReminderKind::DocumentReview => match r.documents.as_slice() {
            [d] if d.passed => format!(
                "{board}: review of \"{}\" was due on {}",
                d.title, d.review_due
            ),
            [d] => format!("{board}: review of \"{}\" due on {}", d.title, d.review_due),
            many => format!("{board}: {} documents due for review", many.len()),
        },
        ReminderKind::Section11Outstanding => match r.returns.as_slice() {
            [t] if t.overdue => format!(
                "{board}: Section 11 return {} for {} overdue (due {})",
                t.year, t.agency, t.due
            ),
            [t] => format!(
                "{board}: Section 11 return {} for {} due on {}",
                t.year, t.agency, t.due
            ),
            many => format!("{board}: {} Section 11 returns outstanding", many.len()),
        },
    }
}

fn opening(r: &Reminder) -> &'static str {
    match r.kind {
        ReminderKind::DueSoon => "These actions you lead are due soon:",
        ReminderKind::Overdue => "These actions you lead are past their due date:",
        ReminderKind::BeforeMeeting => {
            "Please post a progress update on these actions before the board meets:"
        }
        ReminderKind::WeeklyDigest => {
            "This week's digest: the actions that are overdue, due soon or have had no \
             update since the last board meeting."
        }
        ReminderKind::DocumentReview => {
            "These documents of the board's register are due for review:"
        }
        ReminderKind::Section11Outstanding => "These Section 11 returns are not complete:",
    }
}

/// The lines naming each document and each return, with their links.
fn business_lines(r: &Reminder, links: &Links<'_>) -> String {
    let mut out = String::new();
    for d in &r.documents {
        let when = if d.passed { "was due" } else { "due" };
        out.push_str(&format!(
            "  {}\n      review {when} on {}\n      See it: {}\n\n",
            d.title,
            d.review_due,
            (links.document)(d.id)
        ));
    }
    for t in &r.returns {
        let late = if t.overdue { "; overdue" } else { "" };
        out.push_str(&format!(
            "  {}, Section 11 cycle {}\n      due {}{late}; {} of {} standards not yet rated\n      \
             Complete it: {}\n\n",
            t.agency,
            t.year,
            t.due,
            t.unrated,
            t.of,
            (links.s11_return)(t.year, &t.agency)
        ));
    }
    out
}

/// The plain-text body.
pub fn body(r: &Reminder, board: &str, links: &Links<'_>) -> String {
    let mut out = format!("Dear {},\n\n{}\n\n", r.to.name, opening(r));
    if r.kind == ReminderKind::WeeklyDigest && r.actions.is_empty() {
        out.push_str("Nothing is overdue, due soon or waiting for an update.\n\n");
    }
    for a in &r.actions {
        out.push_str(&format!("  {}  {}\n", a.number, a.title));
        let mut facts = Vec::new();
        if let Some(d) = a.due {
            facts.push(format!("due {d}"));
        }
        if !a.note.is_empty() {
            facts.push(a.note.clone());
        }
        if !facts.is_empty() {
            out.push_str(&format!("      {}\n", facts.join("; ")));
        }
        out.push_str(&format!("      Update it: {}\n\n", (links.update)(&a.id)));
    }
    out.push_str(&business_lines(r, links));
    out.push_str(&format!(
        "Why you are getting this: {}\n\nThis message was sent by Boardplan for {board}. To stop \
         {}, follow this link: {}\n",
        r.why,
        r.kind.describe(),
        links.unsubscribe
    ));
    out
}
