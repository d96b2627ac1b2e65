//! The meetings' JSON shapes, for the API and for the CLI's `meeting show --json`,
//! `meeting list --json` and `attendance --json`, so that the two never differ.

use domain::MeetingKind;
use serde::{Deserialize, Serialize};
use store::{AttendanceReport, MeetingRecord, MeetingSummary};
use utoipa::ToSchema;

use crate::api::wire::{date, segment};

/// A meeting of the board or of a sub-group.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MeetingOut {
    pub id: i64,
    #[schema(format = Date)]
    pub date: String,
    /// board or subgroup.
    pub kind: String,
    pub subgroup: Option<String>,
    /// HH:MM.
    pub time: Option<String>,
    /// A room or a link.
    pub place: Option<String>,
    pub href: String,
}

impl MeetingOut {
    pub fn new(slug: &str, m: &MeetingSummary) -> Self {
        Self {
            id: m.id,
            date: date(m.date),
            kind: match m.kind {
                MeetingKind::Board => "board",
                MeetingKind::Subgroup => "subgroup",
            }
            .into(),
            subgroup: m.subgroup.clone(),
            time: m.time.clone(),
            place: m.place.clone(),
            href: format!("/api/v1/partnerships/{}/meetings/{}", segment(slug), m.id),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MeetingList {
    pub items: Vec<MeetingOut>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AgendaItemOut {
    pub title: String,
    pub presenter: Option<String>,
    /// A reference to the paper.
    pub paper: Option<String>,
    /// The plan's action numbers.
    pub actions: Vec<String>,
    /// Indicator codes.
    pub indicators: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttendanceOut {
    pub person: String,
    pub agency: Option<String>,
    /// present, apologies, absent or deputy.
    pub status: String,
    /// Who came instead, when `status` is deputy.
    pub deputy: Option<String>,
}

/// The quorum worked out: the rule, and the agencies and people whose seats were filled.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QuorumOut {
    pub rule: String,
    pub agencies: u32,
    pub members: u32,
}

/// An entry of the meeting action log.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ActionLogOut {
    pub id: i64,
    pub what: String,
    pub who: String,
    #[schema(format = Date)]
    pub due: Option<String>,
    /// The day it was done; none while open.
    #[schema(format = Date)]
    pub done: Option<String>,
    /// The date of the meeting that raised it.
    #[schema(format = Date)]
    pub raised: String,
    /// The plan action it became, when it was promoted into the plan.
    pub promoted_to: Option<PromotedActionOut>,
}

/// The plan action a meeting action became.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PromotedActionOut {
    /// The plan's title.
    pub plan: String,
    /// The action's id in that plan ("4.4").
    pub action: String,
    /// The day it was promoted.
    #[schema(format = Date)]
    pub on: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MinutesOut {
    /// draft or approved.
    pub status: String,
    /// The date of the meeting that approved them.
    #[schema(format = Date)]
    pub approved_at: Option<String>,
    pub text: String,
}

/// One meeting, whole.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MeetingDetail {
    pub meeting: MeetingOut,
    pub agenda: Vec<AgendaItemOut>,
    pub attendance: Vec<AttendanceOut>,
    /// Whether the meeting was quorate; null when its body has no quorum rule.
    pub quorate: Option<bool>,
    pub quorum: QuorumOut,
    pub decisions: Vec<String>,
    /// Raised here, or raised earlier by the same body and still open at it.
    pub action_log: Vec<ActionLogOut>,
    pub minutes: Option<MinutesOut>,
}

impl MeetingDetail {
    pub fn new(slug: &str, m: &MeetingRecord) -> Self {
        Self {
            meeting: MeetingOut::new(slug, &m.summary),
            agenda: m
                .agenda
                .iter()
                .map(|a| AgendaItemOut {
                    title: a.title.clone(),
                    presenter: a.presenter.clone(),
                    paper: a.paper.clone(),
                    actions: a.actions.clone(),
                    indicators: a.indicators.clone(),
                })
                .collect(),
            attendance: m
                .attendance
                .iter()
                .map(|a| AttendanceOut {
                    person: a.person.clone(),
                    agency: a.agency.clone(),
                    status: a.status.as_str().into(),
                    deputy: a.deputy.clone(),
                })
                .collect(),
            quorate: m.quorum.quorate,
            quorum: QuorumOut {
                rule: m.quorum.rule.describe(),
                agencies: m.quorum.agencies,
                members: m.quorum.members,
            },
            decisions: m.decisions.clone(),
            action_log: m
                .action_log
                .iter()
                .map(|a| ActionLogOut {
                    id: a.id,
                    what: a.what.clone(),
                    who: a.who.clone(),
                    due: a.due.map(date),
                    done: a.done.map(date),
                    raised: date(a.raised),
                    promoted_to: a.promoted_to.as_ref().map(|p| PromotedActionOut {
                        plan: p.plan.clone(),
                        action: p.action.clone(),
                        on: date(p.on),
                    }),
                })
                .collect(),
            minutes: m.minutes.as_ref().map(|n| MinutesOut {
                status: if n.approved_at.is_some() {
                    "approved"
                } else {
                    "draft"
                }
                .into(),
                approved_at: n.approved_at.map(date),
                text: n.text.clone(),
            }),
        }
    }
}

/// One agency's attendance over the period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AgencyAttendance {
    pub agency: String,
    /// Meetings it should have attended.
    pub expected: u32,
    pub attended_or_represented: u32,
    /// Per cent, rounded.
    pub share: u32,
    /// Whether the share is below the board's threshold.
    pub below_threshold: bool,
}

/// One person's attendance over the period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct PersonAttendance {
    pub person: String,
    pub agency: Option<String>,
    pub expected: u32,
    pub attended_or_represented: u32,
    pub share: u32,
}

/// Attendance over a period, by agency and by person.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AttendanceSummary {
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
    /// Meetings in the period whose attendance is recorded.
    pub meetings: u32,
    /// Per cent: agencies below it are flagged on the dashboard.
    pub threshold: u32,
    pub agencies: Vec<AgencyAttendance>,
    pub people: Vec<PersonAttendance>,
}

impl AttendanceSummary {
    pub fn new(r: &AttendanceReport) -> Self {
        Self {
            from: date(r.from),
            to: date(r.to),
            meetings: r.tally.meetings,
            threshold: r.threshold,
            agencies: r
                .tally
                .agencies
                .iter()
                .map(|s| AgencyAttendance {
                    agency: s.name.clone(),
                    expected: s.expected,
                    attended_or_represented: s.attended,
                    share: s.percent(),
                    below_threshold: s.below(r.threshold),
                })
                .collect(),
            people: r
                .tally
                .people
                .iter()
                .map(|s| PersonAttendance {
                    person: s.name.clone(),
                    agency: r.agency_of.get(&s.name).cloned(),
                    expected: s.expected,
                    attended_or_represented: s.attended,
                    share: s.percent(),
                })
                .collect(),
        }
    }
}
