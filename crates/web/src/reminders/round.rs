//! One round of reminders: compose what is due in every partnership (or one), queue it with
//! the record of what was sent, in one transaction per partnership. On PostgreSQL only one
//! app server queues at a time (an advisory lock, tried, not waited for): another that finds
//! it held leaves that partnership's round to the holder, and the record of what was sent
//! stops a reminder going twice either way.

use domain::Date;
use store::{Stamp, Store};

use super::compose::{Outgoing, due_in};
use super::link_secret;

/// What a round did.
#[derive(Debug, Clone, Default)]
pub struct RoundOutcome {
    /// Every message composed (queued or not).
    pub composed: Vec<Outgoing>,
    /// Messages queued for sending.
    pub queued: usize,
    /// Partnerships whose round another app server was doing.
    pub left_to_another: usize,
}

/// Every reminder due as at `as_at`, in partnership `only` or in all, composed but not
/// queued (`remind --dry-run`).
pub async fn compose_all(
    store: &Store,
    as_at: Date,
    base_url: &str,
    only: Option<&str>,
) -> store::Result<Vec<Outgoing>> {
    let secret = link_secret(store).await?;
    let slugs: Vec<String> = match only {
        Some(slug) => vec![slug.to_string()],
        None => store
            .partnerships()
            .await?
            .into_iter()
            .map(|p| p.slug)
            .collect(),
    };
    let mut all = Vec::new();
    for slug in slugs {
        all.extend(due_in(store, &slug, as_at, base_url, &secret).await?);
    }
    Ok(all)
}

/// Compose and queue every reminder due as at `as_at`, recorded as `actor`'s.
pub async fn round(
    store: &Store,
    as_at: Date,
    base_url: &str,
    actor: &str,
    only: Option<&str>,
) -> store::Result<RoundOutcome> {
    let composed = compose_all(store, as_at, base_url, only).await?;
    let mut out = RoundOutcome::default();
    let mut slugs: Vec<&str> = composed.iter().map(|o| o.partnership.as_str()).collect();
    slugs.dedup();
    for slug in slugs {
        let queued: Vec<_> = composed
            .iter()
            .filter(|o| o.partnership == slug)
            .map(Outgoing::queued)
            .collect();
        match store
            .queue_reminders(slug, Stamp::now(actor), &queued)
            .await?
        {
            Some(n) => out.queued += n,
            None => out.left_to_another += 1,
        }
    }
    out.composed = composed;
    Ok(out)
}
