//! The board's own business in its reports: what the member register, attendance, meeting
//! pack and minutes reports are made from ([`input`], plain values the store reads, carried
//! on [`ReportInput::governance`](crate::ReportInput)) and the chart attendance is drawn as
//! ([`chart`]: a bar per agency against the board's threshold, the one the attendance page
//! shows). The reports themselves are built in `build/` like every other report.
//!
//! Uses the model only; the renderers use [`chart`] through `model::Chart::Shares`.

pub mod chart;
pub mod input;
pub mod sample;

pub use chart::{Share, Shares};
pub use input::{
    AgendaEntry, AttendanceInput, Governance, LoggedAction, MeetingInput, MinutesInput, Paper,
    PaperFile, PaperInput, Seat,
};
