//! What happens to a plan's actions after import, and the status it adds up to. `write` opens
//! every write to an action (actor and time checks, queueing, optimistic versions, tracked
//! actions) for `update` (progress updates), `evidence` (files and links, the type
//! allow-list), `signoff`, `edit` (an action's text, timescale or leads, as plan revisions),
//! `bulk` (a history of updates at once), `meeting`, `settings` (status thresholds and
//! sign-off policy), `publishing` (whether the public summary is published) and
//! `carry_forward` (closing a plan into the next), `later_version` (a plan document imported
//! again: its changes as updates, re-timings and added actions) and `first_updates` (the
//! status a board's own plan document gives each action, as its first update). Reads as at a moment:
//! `read` (updates and ratings), `as_at` (the plan and its status), `state` (one action now)
//! `history` (an action's story, from the change log) and `one_action` (one action's
//! latest update and the status of a few actions, without reading the whole plan's).
//!
//! Depends on the ground, `changelog` and `plan` (the plans whose actions it tracks; edits
//! and carry-forward write plan revisions and versions). Of the other capabilities only
//! `reports` uses it. Inside, each file uses only those before it in: write, read, evidence,
//! settings, publishing, update, signoff, history, meeting, bulk, as_at, one_action,
//! state, edit, carry_forward, later_version, first_updates.

pub(crate) mod as_at;
pub(crate) mod bulk;
pub(crate) mod carry_forward;
pub(crate) mod edit;
pub(crate) mod evidence;
pub(crate) mod first_updates;
pub(crate) mod history;
pub(crate) mod later_version;
mod locate;
mod meeting;
pub(crate) mod one_action;
pub(crate) mod page;
mod publishing;
mod read;
pub(crate) mod settings;
mod signoff;
pub(crate) mod state;
pub(crate) mod update;
pub(crate) mod write;
