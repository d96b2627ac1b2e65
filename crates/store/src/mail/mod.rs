//! The outbox: messages waiting to be sent, claimed by one worker at a time, and every send
//! attempt. A message is queued in the transaction of what caused it (`queue`), so it exists
//! exactly when that did; a worker claims it for a lease before sending and marks it sent
//! after, so a worker that dies mid-send leaves the claim to run out and another sends it.
//!
//! Depends on the ground only; `reminders` queues through it. Sending is the web crate's.

pub(crate) mod outbox;

pub use outbox::{Claimed, MailAttempt, MailOutcome, NewMail, OutboxEntry};
