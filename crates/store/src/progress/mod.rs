//! Progress on a plan's actions: updates, evidence, sign-offs, edits, meetings and settings,
//! and the status and story of each action as at a moment.

pub(crate) mod as_at;
pub(crate) mod bulk;
pub(crate) mod carry_forward;
pub(crate) mod edit;
pub(crate) mod evidence;
pub(crate) mod history;
mod meeting;
mod read;
pub(crate) mod settings;
mod signoff;
pub(crate) mod state;
pub(crate) mod update;
pub(crate) mod write;
