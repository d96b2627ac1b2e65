//! The board's own business as the interchange document (version 2) carries it beside the
//! plan tree: the member register, the agencies' details, sub-groups as run, the meetings'
//! records, the document register and induction.
//!
//! Everything here refers to the [`Partnership`](crate::Partnership) by name: an agency, a
//! sub-group and a role by the name or id the tree gives it, a meeting by its date and body
//! (as `partnership.meetings` lists it), a person by their name on the register. A document
//! version's file is named by its SHA-256; the bytes travel beside (the interchange's `files`).
//! [`check`] says what in a `Business` does not fit its partnership, field by field. Account
//! links are not carried: accounts are sign-in, not the board's business, and an empty
//! database has none to link to.

mod check;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::documents::DocumentKind;
use crate::governance::{AgencyDetails, BoardRole, Person};
use crate::meetings::{Attendance, QuorumRule};

pub use check::check;

/// The board's own business, whole.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Business {
    /// The member register, chairs first, then by role and name.
    #[serde(default)]
    pub people: Vec<Member>,
    /// Each agency of the partnership, in the board's order.
    #[serde(default)]
    pub agencies: Vec<AgencyDetails>,
    /// Each sub-group of the partnership, in its order.
    #[serde(default)]
    pub subgroups: Vec<SubgroupRun>,
    /// The board's quorum and attendance threshold.
    #[serde(default)]
    pub meeting_settings: Option<MeetingRules>,
    /// Each meeting of the partnership, in its order.
    #[serde(default)]
    pub meetings: Vec<MeetingRecord>,
    /// The document register, by title.
    #[serde(default)]
    pub documents: Vec<RegisterDocument>,
    #[serde(default)]
    pub induction: Induction,
}

impl Business {
    /// Nothing recorded beyond what the plan tree says.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
            && self.documents.is_empty()
            && self.induction == Induction::default()
            && self.meeting_settings.is_none()
            && self.agencies.iter().all(|a| {
                a.kind.is_none()
                    && a.representatives_expected.is_none()
                    && a.contributions.is_empty()
            })
            && self.subgroups.iter().all(SubgroupRun::is_bare)
            && self.meetings.iter().all(MeetingRecord::is_bare)
    }
}

/// A person on the member register ([`Person`] without the account link).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    pub agency: Option<String>,
    pub job_title: Option<String>,
    pub board_role: BoardRole,
    #[serde(default)]
    pub expertise: Vec<String>,
    pub part: Option<String>,
    pub appointed: Option<Date>,
    pub term_ends: Option<Date>,
    pub deputy: Option<String>,
    pub email: Option<String>,
}

impl Member {
    /// The person this member is, with no account linked.
    pub fn person(&self) -> Person {
        Person {
            name: self.name.clone(),
            agency: self.agency.clone(),
            job_title: self.job_title.clone(),
            board_role: self.board_role,
            expertise: self.expertise.clone(),
            part: self.part.clone(),
            appointed: self.appointed,
            term_ends: self.term_ends,
            deputy: self.deputy.clone(),
            email: self.email.clone(),
            account: None,
        }
    }
}

impl From<Person> for Member {
    fn from(p: Person) -> Self {
        Self {
            name: p.name,
            agency: p.agency,
            job_title: p.job_title,
            board_role: p.board_role,
            expertise: p.expertise,
            part: p.part,
            appointed: p.appointed,
            term_ends: p.term_ends,
            deputy: p.deputy,
            email: p.email,
        }
    }
}

/// A sub-group as the board runs it. Proposed or active is the tree's `status`; `closed`
/// overrides it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubgroupRun {
    pub name: String,
    #[serde(default)]
    pub closed: bool,
    /// A person on the register.
    pub chair: Option<String>,
    /// People on the register, by name.
    #[serde(default)]
    pub members: Vec<String>,
    pub frequency: Option<String>,
    #[serde(default)]
    pub quorum: QuorumRule,
    /// Its own work items, beside the plan actions its roles lead.
    #[serde(default)]
    pub items: Vec<WorkItem>,
}

impl SubgroupRun {
    /// A sub-group with nothing recorded beyond its name.
    pub fn bare(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            closed: false,
            chair: None,
            members: Vec::new(),
            frequency: None,
            quorum: QuorumRule::default(),
            items: Vec::new(),
        }
    }

    pub fn is_bare(&self) -> bool {
        *self == Self::bare(self.name.clone())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkItem {
    pub title: String,
    pub due: Option<Date>,
    pub done: Option<Date>,
}

/// The board's own quorum and the attendance share below which an agency is flagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRules {
    #[serde(default)]
    pub quorum: QuorumRule,
    pub attendance_threshold: u32,
}

/// A meeting of the tree (by date and sub-group, none for the board) with what was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingRecord {
    pub date: Date,
    pub subgroup: Option<String>,
    /// HH:MM.
    pub time: Option<String>,
    /// A room or a link.
    pub place: Option<String>,
    #[serde(default)]
    pub agenda: Vec<AgendaEntry>,
    /// One line per person on the register whose attendance is recorded, by name.
    #[serde(default)]
    pub attendance: Vec<AttendanceEntry>,
    #[serde(default)]
    pub decisions: Vec<String>,
    /// The actions raised at this meeting (carried to later meetings until done).
    #[serde(default)]
    pub actions: Vec<LoggedAction>,
    pub minutes: Option<MinutesEntry>,
}

impl MeetingRecord {
    /// A meeting with nothing recorded beyond its date and body.
    pub fn bare(date: Date, subgroup: Option<String>) -> Self {
        Self {
            date,
            subgroup,
            time: None,
            place: None,
            agenda: Vec::new(),
            attendance: Vec::new(),
            decisions: Vec::new(),
            actions: Vec::new(),
            minutes: None,
        }
    }

    pub fn is_bare(&self) -> bool {
        *self == Self::bare(self.date, self.subgroup.clone())
    }

    /// The meeting this is, as other records name it.
    pub fn at(&self) -> MeetingRef {
        MeetingRef {
            date: self.date,
            subgroup: self.subgroup.clone(),
        }
    }
}

/// A meeting named by its date and body (`subgroup` none for the board).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MeetingRef {
    pub date: Date,
    pub subgroup: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaEntry {
    pub title: String,
    pub presenter: Option<String>,
    /// The paper, as a reference in words (a document's title, "Board paper as at ...").
    pub paper: Option<String>,
    /// The plan's action numbers it takes.
    #[serde(default)]
    pub actions: Vec<String>,
    /// Indicator codes it looks at.
    #[serde(default)]
    pub indicators: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceEntry {
    pub person: String,
    pub status: Attendance,
    /// Who stood in, as written: present exactly when `status` is `deputy`.
    pub deputy: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedAction {
    pub what: String,
    pub who: String,
    pub due: Option<Date>,
    pub done: Option<Date>,
    pub promoted: Option<PromotedAction>,
}

/// The plan action a meeting action became, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PromotedAction {
    pub plan: String,
    pub action: String,
    pub on: Date,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinutesEntry {
    pub text: String,
    /// The later meeting that approved them; none while they are a draft.
    pub approved_at: Option<MeetingRef>,
}

/// A document of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterDocument {
    pub kind: DocumentKind,
    pub title: String,
    /// The id of the lead role that owns it.
    pub owner: String,
    pub subgroup: Option<String>,
    pub review_due: Option<Date>,
    pub approved: Option<DocumentApproval>,
    pub superseded_on: Option<Date>,
    #[serde(default)]
    pub versions: Vec<DocumentFile>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentApproval {
    pub meeting: MeetingRef,
    /// The version that meeting approved.
    pub version: Option<u32>,
}

/// One version of a document: its file by SHA-256 (lowercase hex), with who added it when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentFile {
    pub number: u32,
    pub name: String,
    pub sha256: String,
    pub note: Option<String>,
    pub added_by: String,
    /// The moment, as Boardplan records moments (RFC 3339, UTC).
    pub added_at: String,
}

/// The induction checklist and who has done what.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Induction {
    /// The checklist's items, in order.
    #[serde(default)]
    pub items: Vec<String>,
    /// Each person with an item done or the job description acknowledged, by name.
    #[serde(default)]
    pub people: Vec<InductionRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InductionRecord {
    pub person: String,
    /// The items done, in the checklist's order.
    #[serde(default)]
    pub done: Vec<ItemDone>,
    pub job_description_acknowledged: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemDone {
    pub item: String,
    pub on: Date,
}
