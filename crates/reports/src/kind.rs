//! The five reports a board owes, by name.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// Which report to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReportKind {
    /// The paper for a board meeting, as at the meeting's date [2.2].
    BoardPaper,
    /// The quarterly report to the Lead Member and the Children's Trust [13.3].
    Quarterly,
    /// The annual report on the effectiveness of safeguarding [12.2, 13.1].
    Annual,
    /// The annual self-assessment for inspectors, against the plan's objectives [13.4, 1.2].
    SelfAssessment,
    /// The public summary of the plan and its outcomes, in plain language [5.5].
    Public,
    /// One audit of the programme: its sample, grades, findings and recommendations [10].
    Audit,
    /// A Section 11 cycle: the heat map of agencies by standards, what is outstanding, the
    /// change since the previous cycle.
    Section11,
    /// The risk register as at a date, with its heat map [10].
    RiskRegister,
    /// The member register: name, agency, job title, board role, expertise, term end [4.3].
    MemberRegister,
    /// The member register for the public: name, agency, board role and expertise only.
    PublicRegister,
    /// Attendance by agency and by person over a period, with its chart.
    Attendance,
    /// A meeting's pack: agenda, papers, the last minutes and the action log (one PDF).
    MeetingPack,
    /// A meeting's minutes: attendance, quorum, decisions, the action log and the minutes.
    Minutes,
    /// The partnership's yearly report for a financial year, under its framework's headings
    /// (Working Together 2023, or the Care Act 2014, Schedule 2), with the business manager's
    /// narrative and the distribution list (issue #14). Made from `ReportInput::yearly`.
    Yearly,
}

impl ReportKind {
    pub const ALL: [ReportKind; 5] = [
        ReportKind::BoardPaper,
        ReportKind::Quarterly,
        ReportKind::Annual,
        ReportKind::SelfAssessment,
        ReportKind::Public,
    ];

    /// The assurance reports: each is about one audit, one cycle or the register, so they are
    /// asked for with what they are about rather than listed with the plan's reports.
    pub const ASSURANCE: [ReportKind; 3] = [
        ReportKind::Audit,
        ReportKind::Section11,
        ReportKind::RiskRegister,
    ];

    /// The reports on the board's own business (issue 12), made from
    /// `ReportInput::governance` rather than from the plan.
    pub const GOVERNANCE: [ReportKind; 5] = [
        ReportKind::MemberRegister,
        ReportKind::PublicRegister,
        ReportKind::Attendance,
        ReportKind::MeetingPack,
        ReportKind::Minutes,
    ];

    /// The yearly report: asked for with its year (`--year 2009-10`), so listed apart.
    pub const YEARLY: [ReportKind; 1] = [ReportKind::Yearly];

    /// The name on the command line and in file names: `board-paper`.
    pub fn slug(self) -> &'static str {
        match self {
            ReportKind::BoardPaper => "board-paper",
            ReportKind::Quarterly => "quarterly",
            ReportKind::Annual => "annual",
            ReportKind::SelfAssessment => "self-assessment",
            ReportKind::Public => "public",
            ReportKind::Audit => "audit",
            ReportKind::Section11 => "section11",
            ReportKind::RiskRegister => "risk-register",
            ReportKind::MemberRegister => "member-register",
            ReportKind::PublicRegister => "public-register",
            ReportKind::Attendance => "attendance",
            ReportKind::MeetingPack => "meeting-pack",
            ReportKind::Minutes => "minutes",
            ReportKind::Yearly => "yearly",
        }
    }

    /// The report's title.
    pub fn title(self) -> &'static str {
        match self {
            ReportKind::BoardPaper => "Board meeting paper: progress on the improvement plan",
            ReportKind::Quarterly => "Quarterly report to the Lead Member and the Children's Trust",
            ReportKind::Annual => "Annual report on the effectiveness of safeguarding",
            ReportKind::SelfAssessment => "Annual self-assessment for inspectors",
            ReportKind::Public => "Our improvement plan: a summary for the public",
            ReportKind::Audit => "Audit report",
            ReportKind::Section11 => "Section 11 self-assessment: summary and heat map",
            ReportKind::RiskRegister => "Risk register",
            ReportKind::MemberRegister => "Register of board members",
            ReportKind::PublicRegister => "Who sits on the board",
            ReportKind::Attendance => "Attendance at meetings by agency and by person",
            ReportKind::MeetingPack => "Meeting pack",
            ReportKind::Minutes => "Minutes",
            ReportKind::Yearly => "Yearly report",
        }
    }
}

impl fmt::Display for ReportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.slug())
    }
}

/// A report name nobody knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{0}\" is not a report. Use board-paper, quarterly, annual, self-assessment, public, audit, section11, risk-register, member-register, public-register, attendance, meeting-pack, minutes or yearly."
)]
pub struct UnknownReport(pub String);

impl FromStr for ReportKind {
    type Err = UnknownReport;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let k = s.trim().to_lowercase().replace(['_', ' '], "-");
        ReportKind::ALL
            .into_iter()
            .chain(ReportKind::ASSURANCE)
            .chain(ReportKind::GOVERNANCE)
            .chain(ReportKind::YEARLY)
            .find(|r| r.slug() == k)
            .ok_or_else(|| UnknownReport(s.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_names_round_trip_and_an_unknown_one_says_what_to_use() {
        for k in ReportKind::ALL
            .into_iter()
            .chain(ReportKind::ASSURANCE)
            .chain(ReportKind::GOVERNANCE)
            .chain(ReportKind::YEARLY)
        {
            assert_eq!(k.slug().parse::<ReportKind>(), Ok(k));
        }
        assert_eq!(
            "Board paper".parse::<ReportKind>(),
            Ok(ReportKind::BoardPaper)
        );
        let e = "memo".parse::<ReportKind>().unwrap_err();
        assert!(e.to_string().contains("board-paper, quarterly"));
        assert!(e.to_string().contains("meeting-pack, minutes or yearly"));
    }
}
