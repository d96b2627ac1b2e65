//! Reminders and digests: what the rules (`domain::reminders`) read about a partnership —
//! its reminder settings, who holds each lead role, its business managers, what was sent
//! and which kinds each account turned off (`context`); the documents and Section 11 returns
//! falling due (`business`) — and recording what is sent, with the
//! message queued in the outbox in the same transaction (`record`). Unsubscribing (`optout`)
//! and the settings (`settings`) are writes with the change log; `secret` keeps the
//! server-wide key that signs unsubscribe links.
//!
//! Depends on the ground, `changelog`, `progress::write` (the partnership write) and
//! `progress::settings` (the board's chair), `assurance::section11` (returns outstanding)
//! and `mail` (the outbox); reads the `documents` and `people` tables.

mod business;
mod context;
mod optout;
mod record;
mod secret;
mod settings;

pub use business::BusinessDue;
pub use context::ReminderContext;
pub use record::QueuedReminder;
