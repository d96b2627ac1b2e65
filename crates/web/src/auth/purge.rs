//! Deleting what no longer counts: failed sign-ins older than the throttling window (sprayed
//! email addresses would otherwise pile up for ever) and expired sessions. `serve` runs
//! [`run`] beside the server and stops it with the server. Each app server purges; the
//! deletes are idempotent, so several at once do no harm.

use std::time::Duration;

use jiff::{Timestamp, ToSpan};
use store::Store;

use crate::WebConfig;

/// How often to purge: often enough that the tables stay small, rarely enough to cost nothing.
pub const EVERY: Duration = Duration::from_secs(10 * 60);

/// Purge now, then every `every` until `stop` completes. A failed purge is logged and tried
/// again next time: it is housekeeping, not a reason to stop serving.
pub async fn run(
    store: Store,
    config: &WebConfig,
    every: Duration,
    stop: impl Future<Output = ()>,
) {
    let mut stop = std::pin::pin!(stop);
    loop {
        purge_once(&store, config).await;
        tokio::select! {
            () = &mut stop => break,
            () = tokio::time::sleep(every) => {}
        }
    }
}

async fn purge_once(store: &Store, config: &WebConfig) {
    let now = Timestamp::now();
    let window_start = now - (config.failure_window_minutes * 60).seconds();
    match store.purge_login_failures(window_start).await {
        Ok(n) => tracing::debug!(purged = n, "old failed sign-ins purged"),
        Err(e) => tracing::warn!(error = %e, "purging old failed sign-ins failed"),
    }
    match store.purge_expired_sessions(now).await {
        Ok(n) => tracing::debug!(purged = n, "expired sessions purged"),
        Err(e) => tracing::warn!(error = %e, "purging expired sessions failed"),
    }
}
