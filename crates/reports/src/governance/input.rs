//! What the governance reports are read from: the member register, attendance over a period
//! and one meeting whole (with the minutes of the same body's meeting before it and the
//! papers its agenda names). Plain values, so a report is built without I/O; the store
//! gathers them (`store::reports::governance`).

use std::collections::BTreeMap;

use domain::meetings::{Attendance, Quorum, Tally};
use domain::{Date, Person};

/// The board's own business, as far as the report being made needs it. Empty by default:
/// a plan report leaves it so, and the annual report shows membership and attendance only
/// when they were read.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Governance {
    /// The member register in its own order (chairs first). Contact details are carried but
    /// no report prints them.
    pub people: Vec<Person>,
    /// Attendance over a period, when read.
    pub attendance: Option<AttendanceInput>,
    /// One meeting, for its pack or its minutes.
    pub meeting: Option<MeetingInput>,
}

/// Attendance from `from` to `to` (both days included), and the share below which the board
/// flags an agency.
#[derive(Debug, Clone, PartialEq)]
pub struct AttendanceInput {
    pub from: Date,
    pub to: Date,
    /// Per cent.
    pub threshold: u32,
    pub tally: Tally,
    /// Each person's agency, by the person's name.
    pub agency_of: BTreeMap<String, String>,
}

/// One meeting, whole.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingInput {
    pub date: Date,
    /// The sub-group's name; none for the board's meeting.
    pub subgroup: Option<String>,
    /// `HH:MM`.
    pub time: Option<String>,
    pub place: Option<String>,
    pub agenda: Vec<AgendaEntry>,
    pub attendance: Vec<Seat>,
    pub quorum: Quorum,
    pub decisions: Vec<String>,
    /// Raised at this meeting, or earlier by the same body and still open.
    pub action_log: Vec<LoggedAction>,
    pub minutes: Option<MinutesInput>,
    /// The minutes of the same body's meeting before this one, with its date: the pack
    /// carries them for approval.
    pub last_minutes: Option<(Date, MinutesInput)>,
}

impl MeetingInput {
    /// "Board meeting", "Training sub-group meeting".
    pub fn body(&self) -> String {
        match &self.subgroup {
            Some(s) => format!("{s} meeting"),
            None => "Board meeting".to_owned(),
        }
    }
}

/// An item on the agenda.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaEntry {
    pub title: String,
    pub presenter: Option<String>,
    pub paper: Option<PaperInput>,
    /// The plan's action numbers and the indicator codes the item is about.
    pub actions: Vec<String>,
    pub indicators: Vec<String>,
}

/// The paper an agenda item names, and what the document register holds for it.
#[derive(Debug, Clone, PartialEq)]
pub struct PaperInput {
    /// As the agenda gives it ("Paper 3", "Training strategy").
    pub reference: String,
    pub file: PaperFile,
}

/// What the register holds for a paper: whether the pack can include it.
#[derive(Debug, Clone, PartialEq)]
pub enum PaperFile {
    /// A PDF: its pages go into the pack, after the action log.
    Pdf { title: String, version: i64 },
    /// A file of another kind: listed by its title, not included.
    Other {
        title: String,
        version: i64,
        media_type: String,
    },
    /// In the register, but no version has a file yet.
    NoFile { title: String },
    /// No document in the register has this title.
    NotInRegister,
}

impl PaperFile {
    /// Whether the pack includes the paper's pages.
    pub fn included(&self) -> bool {
        matches!(self, PaperFile::Pdf { .. })
    }
}

/// A PDF paper's bytes, for the meeting pack's PDF (kept out of [`MeetingInput`] so that the
/// report model stays small and printable).
#[derive(Clone, PartialEq, Eq)]
pub struct Paper {
    /// The document's title in the register.
    pub title: String,
    pub bytes: Vec<u8>,
}

impl std::fmt::Debug for Paper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Paper({:?}, {} bytes)", self.title, self.bytes.len())
    }
}

/// One person's place at the meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct Seat {
    pub person: String,
    pub agency: Option<String>,
    pub status: Attendance,
    /// Who came in their place, when `status` is a deputy.
    pub deputy: Option<String>,
}

/// An entry of the meeting's action log.
#[derive(Debug, Clone, PartialEq)]
pub struct LoggedAction {
    pub what: String,
    pub who: String,
    pub due: Option<Date>,
    pub done: Option<Date>,
    /// The date of the meeting that raised it.
    pub raised: Date,
}

/// A meeting's minutes: a draft until a later meeting approves them.
#[derive(Debug, Clone, PartialEq)]
pub struct MinutesInput {
    pub text: String,
    pub approved_at: Option<Date>,
}
