//! A reminder as a person reads it: its subject and plain-text body. Both name actions by
//! number and title only — the titles of plan actions are not case details — and never a
//! narrative, evidence or a child. Each action links straight to its update form; the foot
//! says why the message came and links to turning that kind off.

use super::{Reminder, ReminderKind};

/// Where a message's links go, built by the caller (which knows the server's address).
pub struct Links<'a> {
    /// The update form of the action with this id.
    pub update: &'a dyn Fn(&str) -> String,
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
    }
}

/// The plain-text body.
pub fn body(r: &Reminder, board: &str, links: &Links<'_>) -> String {
    let mut out = format!("Dear {},\n\n{}\n\n", r.to.name, opening(r));
    if r.actions.is_empty() {
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
    out.push_str(&format!(
        "Why you are getting this: {}\n\nThis message was sent by Boardplan for {board}. To stop \
         {}, follow this link: {}\n",
        r.why,
        r.kind.describe(),
        links.unsubscribe
    ));
    out
}
