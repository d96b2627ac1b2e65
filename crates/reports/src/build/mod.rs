//! Building a [`Report`] of each kind from a [`ReportInput`]: one module per report, and
//! `sections` for the parts several reports share (progress by objective, exceptions, the
//! performance indicators, the table of every action).

mod annual;
pub(crate) mod assurance;
mod board_paper;
mod public;
mod quarterly;
mod sections;
mod self_assessment;

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
    };
    let mut sections = sections;
    assurance::extend(kind, &facts, &mut sections);
    Report {
        kind,
        title: kind.title().to_owned(),
        partnership: input.partnership.name.clone(),
        plan: facts.plan.title.clone(),
        as_at: input.as_at,
        covers,
        audience: if kind == ReportKind::Public {
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
