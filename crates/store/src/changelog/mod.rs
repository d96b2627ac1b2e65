//! The change log: every write, with its actor and time, appended in the same transaction and
//! hash-chained per partnership. `chain` holds the entries, the batch a write appends and the
//! chain's verification; `order` says when a change may be recorded (never before the last);
//! `read` reads the log back, checks it (against an anchor) and gives its head; `freshness`
//! gives the newest entry's id, for caches.
//!
//! Depends only on the ground (`error`, `sql`, `scope`). Every capability that writes uses
//! it, so it uses none of them.

pub(crate) mod chain;
mod freshness;
pub(crate) mod order;
mod read;
