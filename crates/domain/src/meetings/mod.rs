//! The board's own business, second part: meetings and sub-groups as the board runs them.
//! How a person was at a meeting ([`attendance`]), whether a meeting was quorate
//! ([`quorum`]), who may see and run a meeting ([`access`]), a sub-group's status ([`subgroup`]), and the share of meetings each agency
//! and person attended or was represented at over a period ([`tally`]).
//!
//! Pure types and rules; the store reads the rows they are worked out from.

pub mod access;
pub mod attendance;
pub mod quorum;
pub mod subgroup;
pub mod tally;

pub use attendance::{ATTENDANCE_COLUMNS, Attendance, AttendanceLine, attendance_heading};
pub use quorum::{Quorum, QuorumRule};
pub use subgroup::{SubgroupState, WorkPlanAction, work_plan};
pub use tally::{Expected, Share, Tally, year_to};

/// The attendance share (per cent) below which an agency is flagged, unless the board sets
/// its own.
pub const DEFAULT_ATTENDANCE_THRESHOLD: u32 = 75;

/// A time of day as `HH:MM` (24-hour), or what is wrong with it.
pub fn parse_time(text: &str) -> Result<String, crate::InvalidValue> {
    let t = text.trim();
    let bad = || crate::InvalidValue {
        problem: format!("\"{text}\" is not a time of day."),
        fix: "Give it as HH:MM on the 24-hour clock, e.g. 09:30 or 14:00.".into(),
    };
    let (h, m) = t.split_once(':').ok_or_else(bad)?;
    let (h, m): (u32, u32) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    if h > 23 || m > 59 || t.len() > 5 {
        return Err(bad());
    }
    Ok(format!("{h:02}:{m:02}"))
}

#[cfg(test)]
mod tests {
    use super::parse_time;

    #[test]
    fn a_time_is_read_as_hours_and_minutes_and_nonsense_is_refused() {
        assert_eq!(parse_time("9:30").unwrap(), "09:30");
        assert_eq!(parse_time(" 14:00 ").unwrap(), "14:00");
        assert!(parse_time("24:00").is_err());
        assert!(parse_time("2pm").is_err());
        assert!(parse_time("12:60").is_err());
    }
}
