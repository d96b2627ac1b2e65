//! Building a [`Report`] of each kind from a [`ReportInput`]: one module per report, and
//! `sections` for the parts several reports share (progress by objective, exceptions, the
//! performance indicators, the table of every action).

mod annual;
pub(crate) mod assurance;
mod attendance;
mod board_paper;
mod meeting_pack;
mod member_register;
mod minutes;
mod public;
mod quarterly;
mod sections;
mod self_assessment;
pub(crate) mod yearly;

use crate::facts::Facts;
use crate::input::ReportInput;
use crate::kind::ReportKind;
use crate::model::{Audience, Report, Section};

/// The report of `kind` on `input`, as at `input.as_at`. Pure and deterministic: the same
/// input gives the same report.
pub fn build(kind: ReportKind, input: &ReportInput) -> Report {
    let facts = Facts::new(input);
    let (covers, sections): (_, Vec<Section>) = match kind {
        ReportKind::BoardPaper => (None, board_paper::sections(&facts)),
        ReportKind::Quarterly => {
            let covers = quarterly::covers(input.as_at);
            (Some(covers), quarterly::sections(&facts, covers))
        }
        ReportKind::Annual => {
            let covers = annual::covers(&facts);
            (Some(covers), annual::sections(&facts, covers))
        }
        ReportKind::SelfAssessment => (None, self_assessment::sections(&facts)),
        ReportKind::Public => (None, public::sections(&facts)),
        ReportKind::Audit => (None, assurance::audit::sections(&facts)),
        ReportKind::Section11 => (None, assurance::section11::sections(&facts)),
        ReportKind::RiskRegister => (None, assurance::risks::sections(&facts)),
        ReportKind::MemberRegister => (None, member_register::sections(&facts, false)),
        ReportKind::PublicRegister => (None, member_register::sections(&facts, true)),
        ReportKind::Attendance => {
            let covers = attendance::covers(&facts);
            (Some(covers), attendance::sections(&facts))
        }
        ReportKind::MeetingPack => (None, meeting_pack::sections(&facts)),
        ReportKind::Minutes => (None, minutes::sections(&facts)),
        ReportKind::Yearly => (Some(yearly::covers(&facts)), yearly::sections(&facts)),
    };
    // The governance reports are not on the plan: their subtitle names what they are on.
    let subtitle = match kind {
        ReportKind::MemberRegister | ReportKind::PublicRegister => {
            Some("Member register".to_owned())
        }
        ReportKind::Attendance => Some("Board and sub-group meetings".to_owned()),
        ReportKind::MeetingPack | ReportKind::Minutes => {
            input.governance.meeting.as_ref().map(minutes::subtitle)
        }
        ReportKind::Yearly => input
            .yearly
            .as_ref()
            .map(|y| format!("{} ({})", y.year, y.framework.label())),
        _ => None,
    };
    let mut sections = sections;
    assurance::extend(kind, &facts, &mut sections);
    Report {
        kind,
        title: kind.title().to_owned(),
        partnership: input.partnership.name.clone(),
        plan: subtitle.unwrap_or_else(|| facts.plan.title.clone()),
        as_at: input.as_at,
        covers,
        audience: if matches!(kind, ReportKind::Public | ReportKind::PublicRegister) {
            Audience::Public
        } else {
            Audience::Internal
        },
        generated_at: input.generated_at,
        change_log: match kind {
            ReportKind::BoardPaper => input.change_log.clone(),
            _ => None,
        },
        sections,
    }
}
