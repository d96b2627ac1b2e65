//! The assurance a report draws on, read through the assurance capability's own reads and cut
//! down here to what the person asking may see: an audit's cases only for those who may see
//! them, a Section 11 cycle through `Section11View` (counts only for those who may see no
//! agency's return). What each report needs: the audit report its audit; the Section 11
//! summary its cycle; the risk register, and the board paper's risks above appetite, the
//! register as at the report's date; the annual report and the self-assessment the audits of
//! the plan's year (the yearly report of its financial year), the latest cycle by the report's date and the register.

use domain::Date;
use domain::assurance::section11::{Change, Section11View};
use reports::assurance::{
    AgencyRatings, Assurance, AuditPart, Moved, OutstandingReturn, RiskLine, Section11Part,
};
use reports::{ReportInput, ReportKind};

use crate::Store;
use crate::assurance::audits::AuditSummary;
use crate::assurance::risks::RiskRecord;
use crate::assurance::section11::Section11Map;
use crate::error::{Result, StoreError};

/// What an assurance report is about, and what the person asking may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssuranceAsk {
    /// The audit report's audit.
    pub audit: Option<i64>,
    /// The Section 11 summary's cycle; none for the latest cycle by the report's date.
    pub cycle: Option<i32>,
    /// What the person may see of a cycle's returns.
    pub view: Section11View,
    /// Whether they may see an audit's cases (references, grades, strengths, findings).
    pub cases: bool,
}

impl AssuranceAsk {
    /// Whoever holds the database (the command line): the panel's view and the cases.
    pub fn everything() -> Self {
        Self {
            audit: None,
            cycle: None,
            view: Section11View::Panel,
            cases: true,
        }
    }
}

fn risk_line(r: RiskRecord) -> RiskLine {
    RiskLine {
        id: r.id,
        title: r.title,
        cause: r.cause,
        consequence: r.consequence,
        owner_role: r.owner_role,
        controls: r.controls,
        appetite: r.appetite,
        review_on: r.review_on,
        status: r.status,
        inherent: r.inherent,
        residual: r.residual,
        actions: r.actions,
    }
}

fn audit_part(s: AuditSummary, cases: Option<Vec<domain::assurance::audits::Case>>) -> AuditPart {
    AuditPart {
        id: s.audit.id,
        audit: s.audit.audit,
        summary: s.summary,
        previous: s.previous,
        change: s.change,
        recommendations: s.audit.recommendations,
        cases,
    }
}

/// `map` as `view` may see it on day `today` (which decides what is overdue).
pub fn section11_part(map: &Section11Map, view: &Section11View, today: Date) -> Section11Part {
    let c = &map.cycle;
    let count = |change: Change| map.compared.iter().filter(|x| x.change == change).count();
    let seen = map.seen_by(view);
    Section11Part {
        year: c.year,
        previous_year: map.previous_year,
        stage: c.stage,
        due_on: c.due_on,
        scale: c.scale.words().to_vec(),
        standards: c.standards.clone(),
        agencies: map.agencies.len(),
        counts: map
            .summary()
            .into_iter()
            .map(|(_, counts)| counts.into_iter().map(|(_, n)| n).collect())
            .collect(),
        outstanding_count: map.outstanding(today).len(),
        overdue: c.due_on.is_some_and(|d| d < today),
        change_counts: [
            Change::Better,
            Change::Same,
            Change::Worse,
            Change::New,
            Change::NotRated,
        ]
        .into_iter()
        .map(|x| (x, count(x)))
        .collect(),
        summary_only: *view == Section11View::Summary,
        rows: seen
            .agencies
            .iter()
            .map(|a| AgencyRatings {
                agency: a.clone(),
                ratings: seen.row(a).iter().map(|x| x.rating.clone()).collect(),
            })
            .collect(),
        outstanding: seen
            .outstanding(today)
            .into_iter()
            .map(|o| OutstandingReturn {
                agency: o.agency,
                rated: o.rated,
                of: o.of,
            })
            .collect(),
        moved: seen
            .compared
            .into_iter()
            .filter(|x| matches!(x.change, Change::Better | Change::Worse))
            .map(|x| Moved {
                agency: x.agency,
                standard: x.standard,
                previous: x.previous,
                current: x.current,
                change: x.change,
            })
            .collect(),
    }
}

/// Whether programme year `year` (April to March) overlaps the period `from`..=`to`.
fn in_period(year: i32, from: Date, to: Date) -> bool {
    let (Ok(start), Ok(end)) = (
        Date::new(i16::try_from(year).unwrap_or(i16::MAX), 4, 1),
        Date::new(i16::try_from(year + 1).unwrap_or(i16::MAX), 3, 31),
    ) else {
        return false;
    };
    start <= to && end >= from
}

impl Store {
    /// Fill `input.assurance` with what report `kind` on partnership `slug` needs, as `ask`
    /// says, as at `input.as_at`.
    #[tracing::instrument(skip_all, fields(partnership = slug, kind = %kind))]
    pub async fn add_report_assurance(
        &self,
        slug: &str,
        kind: ReportKind,
        input: &mut ReportInput,
        ask: &AssuranceAsk,
    ) -> Result<()> {
        let as_at = input.as_at;
        let mut out = Assurance::default();
        match kind {
            ReportKind::Audit => {
                let id = ask.audit.ok_or_else(|| {
                    StoreError::invalid(
                        "the audit report is about one audit: give its number (boardplan qa-audit list shows them)",
                    )
                })?;
                out.audits.push(self.audit_part(slug, id, ask.cases).await?);
            }
            ReportKind::Section11 => {
                out.section11 = self.section11_part(slug, ask, as_at).await?;
            }
            ReportKind::RiskRegister | ReportKind::BoardPaper => {
                out.risks = self.risk_lines(slug, as_at).await?;
            }
            ReportKind::Annual | ReportKind::SelfAssessment | ReportKind::Yearly => {
                out.risks = self.risk_lines(slug, as_at).await?;
                // The yearly report's year is its own; the others' the plan's.
                let (from, to) = match &input.yearly {
                    Some(y) => (y.from, y.to.min(as_at)),
                    None => {
                        let period = input.plan().period;
                        (period.start, period.end.min(as_at))
                    }
                };
                for a in self.audits(slug).await? {
                    if in_period(a.audit.year, from, to)
                        && a.audit.status != domain::assurance::audits::AuditStatus::Cancelled
                    {
                        // The annual report gives grades, never cases.
                        out.audits.push(self.audit_part(slug, a.id, false).await?);
                    }
                }
                let latest = AssuranceAsk {
                    cycle: None,
                    ..ask.clone()
                };
                out.section11 = self.section11_part(slug, &latest, as_at).await?;
            }
            // The quarterly report, the public summary and the reports on the board's own
            // business carry no assurance.
            ReportKind::Quarterly
            | ReportKind::Public
            | ReportKind::MemberRegister
            | ReportKind::PublicRegister
            | ReportKind::Attendance
            | ReportKind::MeetingPack
            | ReportKind::Minutes => {}
        }
        input.assurance = out;
        Ok(())
    }

    async fn risk_lines(&self, slug: &str, as_at: Date) -> Result<Vec<RiskLine>> {
        Ok(self
            .risks(slug, as_at)
            .await?
            .into_iter()
            .map(risk_line)
            .collect())
    }

    async fn audit_part(&self, slug: &str, id: i64, with_cases: bool) -> Result<AuditPart> {
        let summary = self.audit_summary(slug, id).await?;
        let cases = if with_cases {
            Some(
                self.audit_cases(slug, id)
                    .await?
                    .into_iter()
                    .map(|c| c.case)
                    .collect(),
            )
        } else {
            None
        };
        Ok(audit_part(summary, cases))
    }

    /// Cycle `ask.cycle`, or the latest one of a year on or before `as_at`'s; none if there
    /// is no such cycle and none was named.
    async fn section11_part(
        &self,
        slug: &str,
        ask: &AssuranceAsk,
        as_at: Date,
    ) -> Result<Option<Section11Part>> {
        let year = match ask.cycle {
            Some(y) => y,
            None => {
                let years = self.s11_years(slug).await?;
                match years
                    .into_iter()
                    .filter(|y| *y <= i32::from(as_at.year()))
                    .max()
                {
                    Some(y) => y,
                    None => return Ok(None),
                }
            }
        };
        let map = self.s11_map(slug, year).await?;
        Ok(Some(section11_part(&map, &ask.view, as_at)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_programme_year_runs_april_to_march() {
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert!(in_period(2009, d("2009-04-01"), d("2010-03-31")));
        assert!(!in_period(2010, d("2009-04-01"), d("2010-03-31")));
        assert!(!in_period(2008, d("2009-04-01"), d("2010-03-31")));
        assert!(in_period(2009, d("2009-04-01"), d("2009-09-17")));
    }
}
