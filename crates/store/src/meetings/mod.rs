//! The board's own business, second part: sub-groups as the board runs them (status, chair,
//! members, how often they meet, quorum, their own work items) and meetings (time and place,
//! agenda, attendance, quorum, decisions, the action log carried from meeting to meeting,
//! minutes and their approval), with attendance over a period.
//!
//! Sub-groups and meetings are the rows the plan's board import writes
//! (`plan::board_write`, `progress::meeting`); this folder adds to them and never keeps a
//! second list. Every write opens a partnership write (`progress::write`) and appends the
//! change log in its transaction.
//!
//! Depends on the ground, `changelog` and `progress::write`; `promote` (a meeting action
//! becoming a plan action) also on `plan` (it writes the plan's next version). Inside: `find` (names and dates
//! to ids), `record` (one meeting read whole, and the list), `write` (one meeting's attendance, agenda and decisions), `actions` (its action log),
//! `minutes`,
//! `subgroups`, `settings` (the board's quorum and attendance threshold) and `tally`
//! (attendance over a period), `import` (attendance from a file, all or nothing).

mod actions;
mod find;
mod import;
mod minutes;
mod promote;
mod record;
mod settings;
pub(crate) mod subgroups;
mod tally;
mod write;

pub use import::AttendanceImported;
pub use promote::{Promoted, Promotion};
pub use record::{
    AgendaItem, AttendanceRow, MeetingAction, MeetingRecord, MeetingSummary, Minutes, PromotedTo,
};
pub use settings::MeetingSettings;
pub use subgroups::{SubgroupChange, SubgroupItem, SubgroupRecord};
pub use tally::AttendanceReport;
