//! How a person was at a meeting.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Date;
use crate::progress::InvalidValue;

/// The columns of an attendance file, `(field, heading)`: one row per person per meeting.
/// "Sub-group" is blank for the board's own meetings; "Deputy" only for `deputy`.
pub const ATTENDANCE_COLUMNS: [(&str, &str); 5] = [
    ("date", "Date"),
    ("subgroup", "Sub-group"),
    ("name", "Name"),
    ("attendance", "Attendance"),
    ("deputy", "Deputy"),
];

/// The heading of an attendance file's `field`, as errors name its column.
pub fn attendance_heading(field: &str) -> &str {
    ATTENDANCE_COLUMNS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(field, |(_, h)| h)
}

/// One row of an attendance file: how `person` was at the meeting of the board (no
/// `subgroup`) or of a sub-group on `date`, with the row it is on (for errors).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendanceLine {
    pub row: usize,
    pub date: Date,
    pub subgroup: Option<String>,
    pub person: String,
    pub status: Attendance,
    pub deputy: Option<String>,
}

/// How a person was at a meeting: there, sent apologies, missing without a word, or
/// represented by a named deputy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Attendance {
    Present,
    Apologies,
    Absent,
    Deputy,
}

impl Attendance {
    pub const ALL: [Attendance; 4] = [
        Attendance::Present,
        Attendance::Apologies,
        Attendance::Absent,
        Attendance::Deputy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::Apologies => "apologies",
            Attendance::Absent => "absent",
            Attendance::Deputy => "deputy",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Attendance::Present => "Present",
            Attendance::Apologies => "Apologies",
            Attendance::Absent => "Absent",
            Attendance::Deputy => "Represented by deputy",
        }
    }

    /// Whether the person's seat was filled: by them, or by their deputy. Apologies are
    /// courteous but the seat was empty.
    pub fn counts(self) -> bool {
        matches!(self, Attendance::Present | Attendance::Deputy)
    }
}

impl fmt::Display for Attendance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Attendance {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let k = s.trim().to_lowercase();
        Attendance::ALL
            .into_iter()
            .find(|a| a.as_str() == k)
            .ok_or_else(|| InvalidValue {
                problem: format!("\"{s}\" is not a way of attending."),
                fix: "Use present, apologies, absent or deputy.".into(),
            })
    }
}
