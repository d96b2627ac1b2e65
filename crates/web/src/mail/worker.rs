//! The outbox worker: claim each message that is due, send it, record what happened. A
//! message the server could not take waits, twice as long each time, then is tried again; a
//! message refused for good is marked failed. Any number of workers, on any number of app
//! servers, can run at once: each message is claimed by one (see `store::mail`).

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use store::{MailOutcome, Store};

use super::MailConfig;
use super::transport::Sender;

/// The longest wait between two tries of one message.
pub const MAX_BACKOFF: Duration = Duration::from_secs(6 * 60 * 60);

/// The most messages one call sends, so that a huge backlog does not hold a worker for ever.
const BATCH: usize = 500;

/// What one pass of the worker did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivered {
    pub sent: usize,
    /// Not taken now; waiting to be tried again.
    pub waiting: usize,
    pub failed: usize,
}

/// A name for this worker in the attempts log: the process and a random part.
pub fn worker_name() -> String {
    format!(
        "{}-{}",
        std::process::id(),
        &crate::auth::token::random()[..8]
    )
}

/// How long to wait before try number `attempts + 1`.
pub fn backoff(first: Duration, attempts: i64) -> Duration {
    let doublings = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(20);
    first
        .saturating_mul(2u32.saturating_pow(doublings))
        .min(MAX_BACKOFF)
}

/// Send every message that is due now, as `worker`.
pub async fn deliver_due(
    store: &Store,
    sender: &Sender,
    config: &MailConfig,
    worker: &str,
) -> store::Result<Delivered> {
    let mut done = Delivered::default();
    let lease = SignedDuration::try_from(config.lease).unwrap_or(SignedDuration::from_mins(5));
    for _ in 0..BATCH {
        let Some(m) = store.claim_mail(worker, Timestamp::now(), lease).await? else {
            break;
        };
        let outcome = match sender.send(&m).await {
            Ok(()) => {
                done.sent += 1;
                MailOutcome::Sent
            }
            Err(e) if e.permanent => {
                done.failed += 1;
                tracing::warn!(id = m.id, detail = %e.detail, "a message was refused for good");
                MailOutcome::Failed { detail: e.detail }
            }
            Err(e) => {
                done.waiting += 1;
                let wait = backoff(config.retry_after, m.attempts);
                tracing::info!(id = m.id, detail = %e.detail, ?wait, "a message will be retried");
                let at = Timestamp::now()
                    + SignedDuration::try_from(wait).unwrap_or(SignedDuration::from_mins(1));
                MailOutcome::Retry {
                    at,
                    detail: e.detail,
                }
            }
        };
        if !store
            .finish_mail(m.id, worker, Timestamp::now(), &outcome)
            .await?
        {
            tracing::warn!(
                id = m.id,
                "a message's claim ran out while it was being sent"
            );
        }
        if matches!(outcome, MailOutcome::Retry { .. }) {
            // The server is not taking mail: the rest waits for the next pass.
            break;
        }
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_retry_waits_twice_as_long_up_to_a_cap() {
        let first = Duration::from_secs(60);
        assert_eq!(backoff(first, 1), Duration::from_secs(60));
        assert_eq!(backoff(first, 2), Duration::from_secs(120));
        assert_eq!(backoff(first, 4), Duration::from_secs(480));
        assert_eq!(backoff(first, 40), MAX_BACKOFF);
    }
}
