//! Reminders and digests by e-mail: which messages are due to whom as at a date, and why.
//! Pure: the caller passes the plan's statuses, the meetings, who holds each lead role and
//! what was sent before; the store records what goes out and the web crate sends it.
//!
//! Each kind of reminder is a [`ReminderKind`] and one function, so that a new kind is a
//! variant, a function and a line in [`due`]: the plan's kinds are in [`kinds`]; documents
//! whose review falls due in [`reviews`]; Section 11 returns outstanding in [`returns`].
//! [`message`] writes a reminder's subject and body (action numbers and titles, document
//! titles and review dates, agencies and counts of standards: never case details); [`link`]
//! signs the one-click unsubscribe.

pub mod kinds;
pub mod link;
pub mod message;
pub mod returns;
pub mod reviews;

use std::collections::{BTreeMap, HashSet};

use jiff::civil::{Date, Weekday};
use serde::{Deserialize, Serialize};

use crate::model::{Meeting, Plan};
use crate::status::ActionStatus;

/// What a reminder is about. Each is unsubscribed from separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReminderKind {
    /// An action the recipient leads falls due within the partnership's notice.
    DueSoon,
    /// An action the recipient leads is past its due date.
    Overdue,
    /// A board meeting is near and an action the recipient leads has no update since the
    /// last one.
    BeforeMeeting,
    /// The business manager's weekly round-up of the plan.
    WeeklyDigest,
    /// A document of the register the recipient owns (or, owned by nobody, the business
    /// manager) is due for review within the partnership's notice, or was due.
    DocumentReview,
    /// An agency's Section 11 return is not complete within the notice before its due date,
    /// or after it.
    Section11Outstanding,
}

impl ReminderKind {
    pub const ALL: [Self; 6] = [
        Self::DueSoon,
        Self::Overdue,
        Self::BeforeMeeting,
        Self::WeeklyDigest,
        Self::DocumentReview,
        Self::Section11Outstanding,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::DueSoon => "due_soon",
            Self::Overdue => "overdue",
            Self::BeforeMeeting => "before_meeting",
            Self::WeeklyDigest => "weekly_digest",
            Self::DocumentReview => "document_review",
            Self::Section11Outstanding => "section11_outstanding",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == text)
    }

    /// The kind in words, for the unsubscribe page: "reminders of actions falling due".
    pub fn describe(self) -> &'static str {
        match self {
            Self::DueSoon => "reminders of actions falling due",
            Self::Overdue => "reminders of overdue actions",
            Self::BeforeMeeting => "reminders to update actions before board meetings",
            Self::WeeklyDigest => "the weekly digest of the plan",
            Self::DocumentReview => "reminders of the board's documents falling due for review",
            Self::Section11Outstanding => "reminders of Section 11 returns outstanding",
        }
    }
}

/// A partnership's reminder settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReminderSettings {
    /// An action due within this many days gets a "due soon" reminder.
    pub due_within_days: i32,
    /// Leads are reminded this many days before a board meeting.
    pub meeting_notice_days: i32,
    /// The weekly digest goes out on the first round on or after this day of each week.
    #[serde(with = "weekday_name")]
    pub digest_weekday: Weekday,
}

/// A day of the week by its name, `monday` … `sunday`.
pub fn weekday_from_name(name: &str) -> Option<Weekday> {
    (1..=7)
        .filter_map(|n| Weekday::from_monday_one_offset(n).ok())
        .find(|d| weekday_name::of(*d).eq_ignore_ascii_case(name.trim()))
}

/// A weekday as its lowercase English name, in JSON and the change log.
mod weekday_name {
    use jiff::civil::Weekday;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn of(d: Weekday) -> &'static str {
        match d {
            Weekday::Monday => "monday",
            Weekday::Tuesday => "tuesday",
            Weekday::Wednesday => "wednesday",
            Weekday::Thursday => "thursday",
            Weekday::Friday => "friday",
            Weekday::Saturday => "saturday",
            Weekday::Sunday => "sunday",
        }
    }

    pub fn serialize<S: Serializer>(d: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(of(*d))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        let name = String::deserialize(d)?;
        super::weekday_from_name(&name)
            .ok_or_else(|| D::Error::custom(format!("\"{name}\" is not a day of the week")))
    }
}

impl Default for ReminderSettings {
    fn default() -> Self {
        Self {
            due_within_days: 14,
            meeting_notice_days: 7,
            digest_weekday: Weekday::Monday,
        }
    }
}

/// Someone who can be sent reminders: an account of the partnership with an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Recipient {
    pub account_id: i64,
    pub email: String,
    pub name: String,
}

/// What the rules read: the plan as at the date, its statuses, meetings, the documents and
/// Section 11 returns falling due, and who is who.
pub struct Situation<'a> {
    pub as_at: Date,
    pub plan: &'a Plan,
    pub statuses: &'a [ActionStatus],
    pub meetings: &'a [Meeting],
    /// Accounts holding each lead role, by role id.
    pub leads: &'a BTreeMap<String, Vec<Recipient>>,
    /// The partnership's business managers: the digest's readers.
    pub managers: &'a [Recipient],
    pub settings: ReminderSettings,
    /// Documents not superseded whose review date falls within the notice or has passed
    /// (more may be given: the rule picks).
    pub documents: &'a [reviews::DocumentDue],
    /// Incomplete returns of Section 11 cycles taking returns, with a due date.
    pub returns: &'a [returns::ReturnDue],
    /// The accounts linked to a person of an agency on the member register.
    pub agency_members: &'a [returns::AgencyMember],
}

/// An action named in a reminder: its id (for the link), number and title, and when due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionRef {
    pub id: String,
    pub number: String,
    pub title: String,
    pub due: Option<Date>,
    /// The period this action is reminded for (a due date, a meeting's date): with the
    /// recipient, kind and action, what makes a reminder sent once.
    pub period: String,
    /// Why a digest lists it ("overdue", "due soon"…); empty in a lead's reminder, whose
    /// kind says why.
    pub note: String,
}

/// One message due to one recipient.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reminder {
    pub to: Recipient,
    pub kind: ReminderKind,
    /// The actions it names, in plan order (for the digest, those it lists).
    pub actions: Vec<ActionRef>,
    /// The documents it names (a document review), soonest first.
    pub documents: Vec<reviews::DocumentRef>,
    /// The Section 11 returns it names (returns outstanding).
    pub returns: Vec<returns::ReturnRef>,
    /// For a message about the plan as a whole (the digest), its period; `None` when each
    /// action carries its own.
    pub whole_plan: Option<String>,
    /// Why the recipient gets it, in a sentence.
    pub why: String,
}

/// What identifies a reminder once sent: (account, kind, action id — or a document's id, or
/// a return's `YEAR/AGENCY`, or "" for the whole plan — and period).
pub type SentKey = (i64, ReminderKind, String, String);

impl Reminder {
    /// The keys this reminder records when sent.
    pub fn keys(&self) -> Vec<SentKey> {
        let id = self.to.account_id;
        if let Some(period) = &self.whole_plan {
            return vec![(id, self.kind, String::new(), period.clone())];
        }
        let actions = self
            .actions
            .iter()
            .map(|a| (a.id.clone(), a.period.clone()));
        let documents = self.documents.iter().map(|d| (d.key(), d.period.clone()));
        let returns = self.returns.iter().map(|r| (r.key(), r.period.clone()));
        actions
            .chain(documents)
            .chain(returns)
            .map(|(item, period)| (id, self.kind, item, period))
            .collect()
    }

    /// What it names, in words for a list or the change log: action numbers, document
    /// titles, agencies.
    pub fn names(&self) -> Vec<String> {
        let actions = self.actions.iter().map(|a| a.number.clone());
        let documents = self.documents.iter().map(|d| d.title.clone());
        let returns = self.returns.iter().map(|r| r.agency.clone());
        actions.chain(documents).chain(returns).collect()
    }

    /// Drop what `sent` says went already; whether anything is left to say.
    fn forget_sent(&mut self, sent: &HashSet<SentKey>) -> bool {
        let (id, kind) = (self.to.account_id, self.kind);
        let fresh =
            |item: String, period: &str| !sent.contains(&(id, kind, item, period.to_string()));
        self.actions.retain(|a| fresh(a.id.clone(), &a.period));
        self.documents.retain(|d| fresh(d.key(), &d.period));
        self.returns.retain(|r| fresh(r.key(), &r.period));
        !(self.actions.is_empty() && self.documents.is_empty() && self.returns.is_empty())
    }
}

/// Every reminder due as at the situation's date, less what was sent before (`sent`) and the
/// kinds each account turned off (`unsubscribed`). An action already reminded for its period
/// is dropped from a message; a message left with nothing to say is dropped.
pub fn due(
    s: &Situation<'_>,
    sent: &HashSet<SentKey>,
    unsubscribed: &HashSet<(i64, ReminderKind)>,
) -> Vec<Reminder> {
    let all = [
        kinds::due_soon(s),
        kinds::overdue(s),
        kinds::before_meeting(s),
        kinds::weekly_digest(s),
        reviews::document_review(s),
        returns::section11_outstanding(s),
    ];
    all.into_iter()
        .flatten()
        .filter(|r| !unsubscribed.contains(&(r.to.account_id, r.kind)))
        .filter_map(|mut r| {
            if r.whole_plan.is_some() {
                return (!r.keys().iter().all(|k| sent.contains(k))).then_some(r);
            }
            r.forget_sent(sent).then_some(r)
        })
        .collect()
}

#[cfg(test)]
mod tests;
