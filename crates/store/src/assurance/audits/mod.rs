//! The audit programme and case-file audits: writes (`write`: an audit, a case, a
//! recommendation, a change of status), reads (`read`: the programme, one audit, its cases)
//! and the summary of an audit's grades with the change since the last audit of its theme
//! (`summary`).
//!
//! Case references are checked by `domain::assurance::audits::check_reference` before they
//! are stored; they are returned only by [`crate::Store::audit_cases`], which pages for
//! readers and the public never call.

pub(crate) mod read;
mod summary;
mod write;

use domain::assurance::audits::{AreaChange, Audit, AuditRecommendation, Case, Summary};
use serde::Serialize;

pub use write::AuditChange;

/// An audit as stored: its id, the audit, how many cases it has, its recommendations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    pub id: i64,
    #[serde(flatten)]
    pub audit: Audit,
    pub cases: u32,
    pub recommendations: Vec<AuditRecommendation>,
}

/// A case as stored, with its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseRecord {
    pub id: i64,
    #[serde(flatten)]
    pub case: Case,
}

/// An audit's summary, and the change since the last audit of the same theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditSummary {
    pub audit: AuditRecord,
    pub summary: Summary,
    /// The last earlier audit of the same theme (not cancelled): its id and year.
    pub previous: Option<(i64, i32)>,
    /// Per practice area, that audit's share good or better and this one's.
    pub change: Vec<AreaChange>,
}
