//! The board's own business, first part: the agencies' details (what each is in law, the
//! representatives it should send, its yearly contribution) and the member register.
//!
//! Agencies are the rows the plan's board import writes (`plan::board_write`); this folder
//! adds to them and never keeps a second list. Every write opens a partnership write
//! (`progress::write`: actor, time checks, queueing) and appends the change log in its
//! transaction.
//!
//! Depends on the ground, `changelog`, and `progress::write` for the partnership write. Inside:
//! `lookup` (names to ids within one partnership), then `agencies`, `people` (reads and single
//! writes) and `import` (a whole register at once, all or nothing).

mod agencies;
mod import;
pub(crate) mod lookup;
pub(crate) mod people;

pub use agencies::AgencyChange;
pub use import::{PeopleImported, RegisterRow};
pub use people::PersonRecord;
