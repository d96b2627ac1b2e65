//! What reminders are due for one partnership as at a date, composed as messages: subject,
//! body (each action linking to its update form at the server's address, each document to
//! its page, each Section 11 return to its form), a signed
//! unsubscribe link and a Message-ID made from what the message is, so that the same reminder
//! composed twice is the same message.

use domain::Date;
use domain::reminders::link::Unsubscribe;
use domain::reminders::message::{Links, body, subject};
use domain::reminders::{Reminder, Situation, due};
use jiff::Timestamp;
use serde::Serialize;
use sha2::{Digest, Sha256};
use store::{NewMail, QueuedReminder, Store, StoreError};

use crate::assurance::section11::page::urlencoded;
use crate::error::urlencode;

/// A reminder composed as a message.
#[derive(Debug, Clone, Serialize)]
pub struct Outgoing {
    /// The partnership's slug.
    pub partnership: String,
    pub reminder: Reminder,
    pub subject: String,
    #[serde(skip)]
    pub body: String,
    #[serde(skip)]
    pub message_id: String,
}

impl Outgoing {
    /// As the store queues it.
    pub fn queued(&self) -> QueuedReminder {
        QueuedReminder {
            account_id: self.reminder.to.account_id,
            kind: self.reminder.kind,
            keys: self
                .reminder
                .keys()
                .into_iter()
                .map(|(_, _, action, period)| (action, period))
                .collect(),
            actions: self.reminder.names(),
            mail: NewMail {
                message_id: self.message_id.clone(),
                to: self.reminder.to.email.clone(),
                subject: self.subject.clone(),
                body: self.body.clone(),
            },
        }
    }
}

/// The host part of `base_url`, for Message-IDs.
fn host(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, r)| r);
    let host = rest.split(['/', ':']).next().unwrap_or("");
    if host.is_empty() {
        "boardplan.invalid"
    } else {
        host
    }
}

fn message_id(pid: i64, r: &Reminder, base_url: &str) -> String {
    let mut h = Sha256::new();
    h.update(format!("{pid}\n{}\n{}", r.to.account_id, r.kind.as_str()));
    for (_, _, action, period) in r.keys() {
        h.update(format!("\n{action}\n{period}"));
    }
    let digest = hex::encode(h.finalize());
    format!("{}.reminder@{}", &digest[..32], host(base_url))
}

/// An empty plan, for a board with none in force on the day.
fn no_plan(as_at: Date) -> domain::Plan {
    domain::Plan {
        title: "(no plan)".to_owned(),
        period: domain::Period {
            start: as_at,
            end: as_at,
        },
        status: domain::PlanStatus::Draft,
        objectives: Vec::new(),
    }
}

/// Every reminder due in partnership `slug` as at `as_at`, less those sent before and those
/// turned off. A partnership with no plan in force then has no reminders about actions, but
/// still those about its documents and Section 11 returns.
pub async fn due_in(
    store: &Store,
    slug: &str,
    as_at: Date,
    base_url: &str,
    secret: &[u8],
) -> store::Result<Vec<Outgoing>> {
    // Checked first: an unknown board is an error, not a board with no plan.
    let c = store.reminder_context(slug).await?;
    let (plan, statuses) = match store.status_view(slug, None, as_at).await {
        Ok(v) => (v.plan, v.actions),
        Err(StoreError::NotFound { .. } | StoreError::InvalidData { .. }) => {
            (no_plan(as_at), Vec::new())
        }
        Err(e) => return Err(e),
    };
    let meetings = store.meetings(slug, Timestamp::now()).await?;
    let business = store
        .reminder_business(slug, as_at, c.settings.due_within_days)
        .await?;
    let situation = Situation {
        as_at,
        plan: &plan,
        statuses: &statuses,
        meetings: &meetings,
        leads: &c.leads,
        managers: &c.managers,
        settings: c.settings,
        documents: &business.documents,
        returns: &business.returns,
        agency_members: &c.agency_members,
    };
    let base = base_url.trim_end_matches('/');
    let update = |id: &str| format!("{base}/p/{slug}/actions/{}#update", urlencode(id));
    let document = |id: i64| format!("{base}/p/{slug}/documents/{id}");
    let s11_return = |year: i32, agency: &str| {
        format!(
            "{base}/p/{slug}/s11/{year}/return?agency={}",
            urlencoded(agency)
        )
    };
    Ok(due(&situation, &c.sent, &c.unsubscribed)
        .into_iter()
        .map(|reminder| {
            let token = Unsubscribe {
                partnership_id: c.partnership_id,
                account_id: reminder.to.account_id,
                kind: reminder.kind,
            }
            .sign(secret);
            let links = Links {
                update: &update,
                document: &document,
                s11_return: &s11_return,
                unsubscribe: format!("{base}/unsubscribe/{token}"),
            };
            Outgoing {
                partnership: slug.to_string(),
                subject: subject(&reminder, &c.name),
                body: body(&reminder, &c.name, &links),
                message_id: message_id(c.partnership_id, &reminder, base),
                reminder,
            }
        })
        .collect())
}
