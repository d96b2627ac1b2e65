//! The assurance reports (issue #13, item 6) and the assurance the plan's reports gain, read
//! from their text and from the files themselves: the risk register with its scores and heat
//! map, the audit report's grades and (only when given) its cases, the Section 11 summary's
//! heat map for the panel and counts alone for a reader; the board paper's risks above
//! appetite; the annual report's and self-assessment's assurance section; and no case
//! reference in the public summary, whatever the input holds.

use domain::assurance::audits::{
    Audit, AuditKind, AuditRecommendation, AuditStatus, Case, DEFAULT_SCALE, Reason, summarise,
};
use domain::assurance::risks::{Rating, RiskStatus};
use domain::assurance::section11::{Change, Stage, Standard};
use reports::assurance::{
    AgencyRatings, Assurance, AuditPart, Moved, OutstandingReturn, RiskLine, Section11Part,
};
use reports::render::text;
use reports::{Format, ReportInput, ReportKind, build, render};

use crate::common::{BOARD_MEETING, YEAR_END, kingston, unzip, workbook_text, xml_text};

pub const CASE_REF: &str = "Case K-17";
pub const RISK: &str = "Agencies do not attend strategy meetings";

fn risk(id: i64, title: &str, inherent: (i64, i64), residual: Option<(i64, i64)>) -> RiskLine {
    RiskLine {
        id,
        title: title.into(),
        cause: Some("Competing pressures".into()),
        consequence: Some("Decisions lack partners".into()),
        owner_role: "LSCB Chair".into(),
        controls: Some("Attendance reported to each meeting".into()),
        appetite: Some(9),
        review_on: Some("2010-04-30".parse().unwrap()),
        status: RiskStatus::Open,
        inherent: Rating::new(inherent.0, inherent.1).unwrap(),
        residual: residual.map(|(l, i)| Rating::new(l, i).unwrap()),
        actions: vec!["Plan 2009-10 / 4.1".into()],
    }
}

fn audit() -> AuditPart {
    let a = Audit {
        year: 2009,
        theme: "Neglect".into(),
        kind: AuditKind::MultiAgencyCaseFile,
        lead: Some("Chair, Quality Assurance".into()),
        starts_on: Some("2009-06-01".parse().unwrap()),
        ends_on: Some("2009-07-31".parse().unwrap()),
        status: AuditStatus::Complete,
        reasons: vec![Reason::Indicator {
            code: "NI 64".into(),
        }],
        areas: vec!["Assessment".into(), "Planning".into()],
        scale: DEFAULT_SCALE.map(String::from).into(),
        reaudit_on: None,
    };
    let case = |r: &str, agencies: &[&str], g: [&str; 2], findings: &str| Case {
        reference: r.into(),
        agencies: agencies.iter().map(|x| x.to_string()).collect(),
        grades: vec![
            ("Assessment".into(), g[0].into()),
            ("Planning".into(), g[1].into()),
        ],
        strengths: Some("Timely visits".into()),
        findings: Some(findings.into()),
    };
    let cases = vec![
        case(
            CASE_REF,
            &["Police", "Health"],
            ["good", "inadequate"],
            "Plan not shared",
        ),
        case(
            "Case K-18",
            &["Health"],
            ["outstanding", "good"],
            "Voice recorded",
        ),
        case(
            "Case K-19",
            &["Police"],
            ["good", "requires improvement"],
            "Late review",
        ),
    ];
    let summary = summarise(&a, &cases);
    AuditPart {
        id: 4,
        audit: a,
        summary,
        previous: None,
        change: vec![],
        recommendations: vec![AuditRecommendation {
            text: "Share plans with every agency".into(),
            plan: Some("Plan 2009-10".into()),
            action: Some("4.1".into()),
        }],
        cases: Some(cases),
    }
}

/// A cycle of three agencies by two standards, as the panel sees it.
fn cycle() -> Section11Part {
    let agencies = ["Metropolitan Police", "NHS Kingston", "Kingston Hospital"];
    let ratings = [
        [Some("green"), Some("amber")],
        [Some("red"), Some("green")],
        [Some("green"), None],
    ];
    Section11Part {
        year: 2010,
        previous_year: Some(2009),
        stage: Stage::Moderation,
        due_on: Some("2010-06-30".parse().unwrap()),
        scale: vec!["green".into(), "amber".into(), "red".into()],
        standards: vec![
            Standard {
                number: "1".into(),
                title: "Senior management commitment".into(),
            },
            Standard {
                number: "2".into(),
                title: "Safer recruitment".into(),
            },
        ],
        agencies: 3,
        counts: vec![vec![2, 0, 1], vec![1, 1, 0]],
        outstanding_count: 1,
        overdue: true,
        change_counts: vec![(Change::Better, 1), (Change::Worse, 1), (Change::Same, 3)],
        summary_only: false,
        rows: agencies
            .iter()
            .zip(ratings)
            .map(|(a, r)| AgencyRatings {
                agency: (*a).into(),
                ratings: r.iter().map(|w| w.map(String::from)).collect(),
            })
            .collect(),
        outstanding: vec![OutstandingReturn {
            agency: "Kingston Hospital".into(),
            rated: 1,
            of: 2,
        }],
        moved: vec![Moved {
            agency: "NHS Kingston".into(),
            standard: "1".into(),
            previous: Some("amber".into()),
            current: Some("red".into()),
            change: Change::Worse,
        }],
    }
}

/// The same cycle as a reader sees it: counts only.
fn cycle_for_a_reader() -> Section11Part {
    Section11Part {
        summary_only: true,
        rows: vec![],
        outstanding: vec![],
        moved: vec![],
        ..cycle()
    }
}

pub fn with_assurance(as_at: &str, a: Assurance) -> ReportInput {
    let mut input = kingston(as_at);
    input.assurance = a;
    input
}

fn everything() -> Assurance {
    Assurance {
        risks: vec![
            risk(1, RISK, (4, 4), None),
            risk(2, "Budget contributions fall", (3, 5), Some((2, 2))),
        ],
        audits: vec![audit()],
        section11: Some(cycle()),
    }
}

fn text_of(kind: ReportKind, input: &ReportInput) -> String {
    text::render(&build(kind, input))
}

#[test]
fn the_risk_register_gives_each_risk_its_scores_appetite_and_the_heat_map() {
    let t = text_of(
        ReportKind::RiskRegister,
        &with_assurance(YEAR_END, everything()),
    );
    assert!(t.contains("== The register =="), "{t}");
    assert!(
        t.contains(&format!("| R1 {RISK} | LSCB Chair | 4 x 4 = 16 | not yet rated | 16 (very high) | 9 | Yes | Open | 30 April 2010 |")),
        "{t}"
    );
    assert!(t.contains(
        "| R2 Budget contributions fall | LSCB Chair | 3 x 5 = 15 | 2 x 2 = 4 | 4 (low) | 9 | No |"
    ));
    assert!(t.contains("* Above appetite: 1"));
    // Likelihood 4 by impact 4 holds R1; likelihood 2 by impact 2 holds R2.
    assert!(t.contains("| 4 likely | 0 | 0 | 0 | 1 | 0 |"), "{t}");
    assert!(t.contains("| 2 unlikely | 0 | 1 | 0 | 0 | 0 |"), "{t}");
    assert!(t.contains("Attendance reported to each meeting"));
}

#[test]
fn the_audit_report_counts_grades_by_area_and_agency_and_names_cases_only_when_given_them() {
    let input = with_assurance(YEAR_END, everything());
    let t = text_of(ReportKind::Audit, &input);
    assert!(t.contains("== Audit 4: Neglect =="), "{t}");
    assert!(t.contains("* Cases sampled: 3"));
    // Assessment: 1 outstanding, 2 good; Planning: 1 good, 1 requires improvement, 1 inadequate.
    assert!(
        t.contains("| Assessment | 1 | 2 | 0 | 0 | 3 | 100.0% |"),
        "{t}"
    );
    assert!(
        t.contains("| Planning | 0 | 1 | 1 | 1 | 3 | 33.3% |"),
        "{t}"
    );
    assert!(t.contains("| Police | 0 | 2 | 1 | 1 | 4 | 50.0% |"), "{t}");
    assert!(t.contains("[Chart: Grades by practice area]"));
    assert!(t.contains("This is the first audit of this theme"));
    assert!(t.contains(CASE_REF) && t.contains("Plan not shared"));
    assert!(t.contains("| Share plans with every agency | Plan 2009-10, action 4.1 |"));

    let mut unseen = everything();
    unseen.audits[0].cases = None;
    let t = text_of(ReportKind::Audit, &with_assurance(YEAR_END, unseen));
    assert!(
        !t.contains(CASE_REF) && !t.contains("Plan not shared"),
        "{t}"
    );
    assert!(t.contains("| Assessment | 1 | 2 | 0 | 0 | 3 | 100.0% |"));
}

#[test]
fn the_panels_section11_summary_has_the_heat_map_and_a_readers_has_counts_only() {
    let t = text_of(
        ReportKind::Section11,
        &with_assurance(YEAR_END, everything()),
    );
    assert!(t.contains("== Heat map =="), "{t}");
    assert!(t.contains("| NHS Kingston | Red | Green |"), "{t}");
    assert!(t.contains("| Kingston Hospital | Green | not rated |"));
    assert!(t.contains("| 1. Senior management commitment | 2 | 0 | 1 | 0 |"));
    assert!(t.contains(
        "1 of 3 agencies' returns is not complete; the due date, 30 June 2010, has passed."
    ));
    assert!(
        t.contains("| NHS Kingston | 1 | Amber | Red | Worse |"),
        "{t}"
    );

    let reader = Assurance {
        section11: Some(cycle_for_a_reader()),
        ..everything()
    };
    let input = with_assurance(YEAR_END, reader);
    let t = text_of(ReportKind::Section11, &input);
    assert!(!t.contains("== Heat map =="), "{t}");
    assert!(t.contains("| 1. Senior management commitment | 2 | 0 | 1 | 0 |"));
    assert!(t.contains("* Worse: 1"));
    for agency in ["Metropolitan Police", "NHS Kingston", "Kingston Hospital"] {
        assert!(!t.contains(agency), "a reader sees {agency}: {t}");
    }
    // The files say no more than the text: no agency in any of them.
    let report = build(ReportKind::Section11, &input);
    for format in [
        Format::Docx,
        Format::Odt,
        Format::Xlsx,
        Format::Ods,
        Format::Html,
        Format::Csv,
    ] {
        let bytes = render(&report, format).expect("renders");
        let words = match format {
            Format::Xlsx | Format::Ods => workbook_text(&bytes),
            Format::Docx | Format::Odt => unzip(&bytes)
                .into_iter()
                .filter(|(n, _)| n == "word/document.xml" || n == "content.xml")
                .map(|(_, x)| xml_text(&String::from_utf8_lossy(&x), &["w:p", "text:p"]))
                .collect(),
            _ => String::from_utf8_lossy(&bytes).into_owned(),
        };
        assert!(words.contains("Senior management commitment"), "{format}");
        assert!(!words.contains("NHS Kingston"), "{format}: {words}");
    }
}

#[test]
fn the_board_paper_lists_the_risks_above_appetite_before_its_appendix() {
    let t = text_of(
        ReportKind::BoardPaper,
        &with_assurance(BOARD_MEETING, everything()),
    );
    let risks = t
        .find("== Risks above the board's appetite ==")
        .expect("the section");
    assert!(risks < t.find("== Appendix: every action ==").unwrap());
    assert!(
        t.contains(&format!(
            "| R1 {RISK} | LSCB Chair | 16 (very high) | 9 | 7 | Open |"
        )),
        "{t}"
    );
    assert!(
        !t.contains("Budget contributions fall"),
        "R2 is within appetite"
    );
    // A board with no register gets the paper it always had.
    let plain = text_of(ReportKind::BoardPaper, &kingston(BOARD_MEETING));
    assert!(!plain.contains("appetite"));
}

#[test]
fn the_annual_report_and_self_assessment_gain_the_years_assurance_without_cases() {
    for kind in [ReportKind::Annual, ReportKind::SelfAssessment] {
        let t = text_of(kind, &with_assurance(YEAR_END, everything()));
        for heading in [
            "== Assurance ==",
            "=== Audits of the year ===",
            "=== Section 11 self-assessment ===",
            "=== Risks above the board's appetite ===",
        ] {
            assert!(t.contains(heading), "{kind}: {heading}");
        }
        assert!(
            t.contains("| 4. Neglect | Multi-agency case-file audit | Complete | 3 | outstanding 1, good 3, requires improvement 1, inadequate 1 | 66.7% | first audit of the theme |"),
            "{kind}: {t}"
        );
        assert!(t.contains("| 2. Safer recruitment | 1 | 1 | 0 | 1 |"));
        assert!(
            t.contains("| Kingston Hospital | 1 | 2 |"),
            "outstanding, for the panel"
        );
        assert!(t.contains(&format!("R1 {RISK}")));
        assert!(!t.contains(CASE_REF), "{kind} names no case");
        let plain = text_of(kind, &kingston(YEAR_END));
        assert!(!plain.contains("== Assurance =="));
    }
}

#[test]
fn no_case_reference_reaches_the_public_summary_in_any_format() {
    let report = build(ReportKind::Public, &with_assurance(YEAR_END, everything()));
    for format in [
        Format::Html,
        Format::Csv,
        Format::Docx,
        Format::Odt,
        Format::Xlsx,
        Format::Ods,
    ] {
        let bytes = render(&report, format).expect("renders");
        let all: String = match format {
            Format::Html | Format::Csv => String::from_utf8_lossy(&bytes).into_owned(),
            Format::Xlsx | Format::Ods => workbook_text(&bytes),
            _ => unzip(&bytes)
                .into_iter()
                .map(|(_, x)| String::from_utf8_lossy(&x).into_owned())
                .collect(),
        };
        for case in ["K-17", "K-18", "K-19", "Plan not shared"] {
            assert!(!all.contains(case), "{format} holds {case}");
        }
    }
}

#[test]
fn an_assurance_report_without_its_subject_says_what_to_give() {
    let input = kingston(YEAR_END);
    assert!(text_of(ReportKind::Audit, &input).contains("give the audit's number"));
    assert!(text_of(ReportKind::Section11, &input).contains("boardplan s11 cycle add"));
    assert!(text_of(ReportKind::RiskRegister, &input).contains("No risk was on the register"));
}
