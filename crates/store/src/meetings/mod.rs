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
//! Depends on the ground, `changelog` and `progress::write`. Inside: `find` (names and dates
//! to ids), `record` (one meeting read whole, and the list), `write` (one meeting's attendance, agenda and decisions), `actions` (its action log),
//! `minutes`,
//! `subgroups`, `settings` (the board's quorum and attendance threshold) and `tally`
//! (attendance over a period).

mod actions;
mod find;
mod minutes;
mod record;
mod settings;
mod subgroups;
mod tally;
mod write;

pub use record::{
    AgendaItem, AttendanceRow, MeetingAction, MeetingRecord, MeetingSummary, Minutes,
};
pub use settings::MeetingSettings;
pub use subgroups::{SubgroupChange, SubgroupItem, SubgroupRecord};
pub use tally::AttendanceReport;
