//! The change log: every write, with its actor and time, appended in the same transaction and
//! hash-chained per partnership. `chain` holds the entries, the batch a write appends and the
//! chain's verification; `order` says when a change may be recorded (never before the last);
//! `read` reads the log back (all of it, or after an id and of a kind), checks it (against an
//! anchor) and gives its head; `describe` puts an entry in a line for a person; `freshness`
//! gives the newest entry's id, for caches.
//!
//! Depends only on the ground (`error`, `sql`, `scope`). Every capability that writes uses
//! it, so it uses none of them.

pub(crate) mod chain;
mod describe;
pub(crate) mod freshness;
pub(crate) mod order;
mod read;
