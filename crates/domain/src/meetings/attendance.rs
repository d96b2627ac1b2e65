//! How a person was at a meeting.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::progress::InvalidValue;

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
