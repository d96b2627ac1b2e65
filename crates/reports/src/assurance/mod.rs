//! What the assurance reports (the audit report, the Section 11 summary, the risk register)
//! and the assurance sections of the board paper, the annual report and the self-assessment
//! are made from: plain values the caller reads from the store, already cut down to what the
//! person asking may see. Case references arrive only for those who may see an audit's cases,
//! and a Section 11 cycle's agencies only as `Section11View` allows; nothing here decides
//! access, so a report can never show more than its input holds.

use domain::Date;
use domain::assurance::audits::{AreaChange, Audit, AuditRecommendation, Case, Summary};
use domain::assurance::risks::{Rating, RiskStatus};
use domain::assurance::section11::{Change, Stage, Standard};

/// The assurance a report draws on. Empty for a board that keeps none in Boardplan: the
/// annual report and the self-assessment then have no assurance section.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assurance {
    /// The risk register as at the report's date, by id.
    pub risks: Vec<RiskLine>,
    /// The audit report's one audit, or the year's audits for the annual report.
    pub audits: Vec<AuditPart>,
    /// The Section 11 cycle reported on.
    pub section11: Option<Section11Part>,
}

impl Assurance {
    pub fn is_empty(&self) -> bool {
        self.risks.is_empty() && self.audits.is_empty() && self.section11.is_none()
    }
}

/// A risk as at the report's date.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskLine {
    pub id: i64,
    pub title: String,
    pub cause: Option<String>,
    pub consequence: Option<String>,
    pub owner_role: String,
    pub controls: Option<String>,
    /// The highest score the board accepts.
    pub appetite: Option<u8>,
    pub review_on: Option<Date>,
    pub status: RiskStatus,
    /// Before controls.
    pub inherent: Rating,
    /// With controls, once rated so.
    pub residual: Option<Rating>,
    /// Linked plan actions, "plan title / number".
    pub actions: Vec<String>,
}

impl RiskLine {
    /// The rating that counts: the residual one, else the inherent.
    pub fn current(&self) -> Rating {
        self.residual.unwrap_or(self.inherent)
    }

    /// Above the board's appetite and not closed: what the board must look at.
    pub fn above_appetite(&self) -> bool {
        self.status != RiskStatus::Closed && self.current().above(self.appetite)
    }

    /// "R3".
    pub fn key(&self) -> String {
        format!("R{}", self.id)
    }
}

/// One audit with its summary.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditPart {
    pub id: i64,
    pub audit: Audit,
    pub summary: Summary,
    /// The last earlier audit of the same theme: its id and programme year.
    pub previous: Option<(i64, i32)>,
    /// Per practice area, the share good or better then and now.
    pub change: Vec<AreaChange>,
    pub recommendations: Vec<AuditRecommendation>,
    /// The cases, by pseudonymous reference: only for those who may see them (never for a
    /// reader, never on anything public).
    pub cases: Option<Vec<Case>>,
}

/// A Section 11 cycle as one person may see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Section11Part {
    pub year: i32,
    pub previous_year: Option<i32>,
    pub stage: Stage,
    pub due_on: Option<Date>,
    /// The rating words, best first.
    pub scale: Vec<String>,
    pub standards: Vec<Standard>,
    /// How many agencies the board has.
    pub agencies: usize,
    /// Per standard (in order), how many agencies gave each word of the scale: what anyone
    /// may see.
    pub counts: Vec<Vec<usize>>,
    /// How many agencies' returns are not complete, and whether the due date has passed.
    pub outstanding_count: usize,
    pub overdue: bool,
    /// Against the previous cycle, over every agency and standard: how many of each change.
    pub change_counts: Vec<(Change, usize)>,
    /// Only counts: the person may see no agency's return.
    pub summary_only: bool,
    /// The agencies whose returns the person may see, each with a rating per standard (the
    /// agreed one once moderated).
    pub rows: Vec<AgencyRatings>,
    /// Of those agencies, the returns not complete.
    pub outstanding: Vec<OutstandingReturn>,
    /// Of those agencies, each rating that moved since the previous cycle.
    pub moved: Vec<Moved>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AgencyRatings {
    pub agency: String,
    pub ratings: Vec<Option<String>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutstandingReturn {
    pub agency: String,
    pub rated: usize,
    pub of: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    pub agency: String,
    pub standard: String,
    pub previous: Option<String>,
    pub current: Option<String>,
    pub change: Change,
}
