//! The reminder schedule `serve` runs beside the server: every `every`, a round of reminders
//! as at today in the UK, then the outbox worker. The first round waits one interval, so a
//! server started for a moment (a test, an upgrade) sends nothing. A failed round is logged
//! and tried again next time.

use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::TimeZone;
use store::Store;

use crate::mail::MailConfig;
use crate::mail::transport::Sender;
use crate::mail::worker::{deliver_due, worker_name};

/// What the schedule needs.
#[derive(Debug, Clone)]
pub struct Schedule {
    pub every: Duration,
    /// The address people reach Boardplan at, for the links in messages.
    pub base_url: String,
    pub mail: MailConfig,
}

/// Who the change log names for reminders the server sends.
pub const ACTOR: &str = "reminder schedule";

/// Today in the UK, where boards work.
pub fn today() -> domain::Date {
    let tz = TimeZone::get("Europe/London").unwrap_or(TimeZone::UTC);
    Timestamp::now().to_zoned_datetime(tz).date()
}

/// Run rounds until `stop` completes.
pub async fn run(store: Store, schedule: Schedule, stop: impl Future<Output = ()>) {
    let sender = match Sender::new(&schedule.mail) {
        Ok(s) => s,
        Err(e) => {
            tracing::error!(error = %e, "reminders are off: the mail settings cannot be used");
            return;
        }
    };
    let worker = worker_name();
    let mut stop = std::pin::pin!(stop);
    loop {
        tokio::select! {
            () = &mut stop => break,
            () = tokio::time::sleep(schedule.every) => {}
        }
        match super::round::round(&store, today(), &schedule.base_url, ACTOR, None).await {
            Ok(r) => tracing::info!(queued = r.queued, "reminders queued"),
            Err(e) => tracing::warn!(error = %e, "a round of reminders failed"),
        }
        match deliver_due(&store, &sender, &schedule.mail, &worker).await {
            Ok(d) => tracing::info!(
                sent = d.sent,
                waiting = d.waiting,
                failed = d.failed,
                "mail sent"
            ),
            Err(e) => tracing::warn!(error = %e, "sending mail failed"),
        }
    }
}
