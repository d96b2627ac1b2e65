//! Other boards' plans, laid out as they really are (see shared/plan-layouts.md): other
//! column orders and headings, other review codes, more or fewer columns, objective
//! headings between tables, lettered and three-level numbering. The fixtures are invented
//! plans in these shapes.

use domain::{Partnership, Plan, Recurrence, ReviewKind, SubgroupStatus, WarningKind};
use formats::plan_text::{self, Imported};

fn fixture(name: &str) -> Imported {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    plan_text::import_bytes(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn plan(p: &Partnership) -> &Plan {
    &p.plans[0]
}

fn ids(p: &Partnership) -> Vec<&str> {
    plan(p).actions().map(|(_, a)| a.id.as_str()).collect()
}

fn answers(p: &Partnership) -> Vec<(String, u32, Vec<String>)> {
    p.reviews
        .iter()
        .flat_map(|r| {
            r.recommendations
                .iter()
                .map(move |rec| (r.code.clone(), rec.number, rec.answered_by.clone()))
        })
        .collect()
}

fn date(s: &str) -> domain::Date {
    s.parse().expect("a date")
}

#[test]
fn a_plan_with_reordered_columns_and_a_progress_column_is_read_by_its_headings() {
    let Imported { partnership: p, .. } = fixture("plan-text-variant-reordered.txt");
    assert_eq!(p.name, "Riverford Safeguarding Children Partnership");
    assert_eq!(p.area.as_deref(), Some("Riverford"));
    assert_eq!(p.meetings_per_year, Some(6));
    assert_eq!(p.agencies.len(), 4);
    assert_eq!(plan(&p).period.start, date("2012-04-01"));
    // "Priority 1:" objectives; "Action 1.1", lettered "1.1a" and three-level "3.2.1" outcomes.
    let numbers: Vec<&str> = plan(&p)
        .objectives
        .iter()
        .map(|o| o.number.as_str())
        .collect();
    assert_eq!(numbers, ["1", "2", "3"]);
    assert_eq!(
        plan(&p).objectives[0].title,
        "Tackle neglect of young children"
    );
    assert_eq!(
        ids(&p),
        [
            "1.1", "1.1a", "1.1b", "1.2", "2.1", "2.2", "3.1", "3.2", "3.2.1"
        ]
    );
    // The Progress column ("Green", "Amber") is not read into anything.
    assert!(
        plan(&p)
            .actions()
            .all(|(_, a)| !a.text.contains("Green") && !a.text.contains("Amber"))
    );
    let o2 = &plan(&p).objectives[1];
    assert_eq!(o2.sources, ["SCR", "OI"]);
    assert_eq!(
        o2.timescale.as_ref().and_then(|t| t.due),
        Some(date("2012-09-30"))
    );
    assert_eq!(
        o2.leads,
        ["chair-case-review", "head-of-service-childrens-social-care"]
    );
    assert_eq!(plan(&p).objectives[2].leads, ["independent-chair"]);
    assert_eq!(
        plan(&p).objectives[2]
            .timescale
            .as_ref()
            .and_then(|t| t.recurrence),
        Some(Recurrence::Quarterly)
    );
    assert_eq!(
        p.role("chair-learning-and-improvement")
            .and_then(|r| r.subgroup.as_deref()),
        Some("Learning and Improvement")
    );
    assert_eq!(
        plan(&p).action("2.2").map(|(_, a)| a.references.clone()),
        Some(vec!["2.1".to_string()])
    );
}

#[test]
fn other_review_codes_come_from_the_key_with_their_kinds_dates_and_recommendations() {
    let Imported {
        partnership: p,
        report,
    } = fixture("plan-text-variant-reordered.txt");
    let reviews: Vec<(&str, ReviewKind, Option<&str>, usize)> = p
        .reviews
        .iter()
        .map(|r| {
            (
                r.code.as_str(),
                r.kind,
                r.date_label.as_deref(),
                r.recommendations.len(),
            )
        })
        .collect();
    assert_eq!(
        reviews,
        [
            ("SCR", ReviewKind::SeriousCaseReview, Some("June 2011"), 3),
            ("OI", ReviewKind::Inspection, Some("November 2011"), 2),
        ]
    );
    assert_eq!(
        answers(&p),
        [
            ("SCR".into(), 1, vec!["1.2".into()]),
            ("SCR".into(), 2, vec!["1.1".into()]),
            ("SCR".into(), 3, vec!["2.2".into()]),
            ("OI".into(), 1, vec!["3.1".into()]),
            ("OI".into(), 2, vec!["2.1".into()]),
        ]
    );
    // "XY" is not in the key: left out of the sources, and said so on its line.
    let unknown: Vec<(usize, &str)> = report
        .warnings
        .iter()
        .map(|w| (w.line, w.message.as_str()))
        .filter(|(_, m)| m.contains("\"XY\""))
        .collect();
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].0, 40);
    assert_eq!(report.warnings.len(), 1);
}

#[test]
fn a_plan_without_a_lead_column_has_no_leads_and_numbers_restarting_under_each_priority() {
    let Imported {
        partnership: p,
        report,
    } = fixture("plan-text-variant-no-lead.txt");
    assert_eq!(p.name, "Eastmoor Local Safeguarding Children Board");
    assert_eq!(p.meetings_per_year, Some(4));
    assert!(p.roles.is_empty());
    assert!(plan(&p).actions().all(|(o, a)| o.leads_for(a).is_empty()));
    let numbers: Vec<&str> = plan(&p)
        .objectives
        .iter()
        .map(|o| o.number.as_str())
        .collect();
    assert_eq!(numbers, ["1a", "1b", "2a", "2b"]);
    // Plain "1.", "2." restart under each priority: the ids say which priority.
    assert_eq!(ids(&p), ["1a.1", "1a.2", "1b.1", "2a.1", "2a.2", "2b.2"]);
    assert_eq!(
        plan(&p).action("1a.2").map(|(_, a)| a.number.as_str()),
        Some("2")
    );
    // Page-break continuations: one straight after the row, one after a blank line.
    assert_eq!(
        plan(&p).action("1a.2").map(|(_, a)| a.text.as_str()),
        Some("Train children's centre staff in the early help assessment")
    );
    assert!(
        plan(&p)
            .action("1b.1")
            .is_some_and(|(_, a)| a.text.ends_with("repeated each year"))
    );
    // Timescales in prose: ongoing, the end of the financial year, a range, and one unread.
    let o = &plan(&p).objectives;
    assert_eq!(
        o[0].timescale.as_ref().and_then(|t| t.recurrence),
        Some(Recurrence::Ongoing)
    );
    assert_eq!(
        o[1].timescale.as_ref().and_then(|t| t.due),
        Some(date("2014-03-31"))
    );
    assert_eq!(
        o[3].timescale.as_ref().and_then(|t| t.due),
        Some(date("2013-07-31"))
    );
    let unread: Vec<usize> = report
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::UnreadTimescale)
        .map(|w| w.line)
        .collect();
    assert_eq!(unread, [30]);
    // "June/July 2013" is read at July's end and warned about, not only noted as inferred.
    assert_eq!(report.inferred.len(), 1);
    assert!(
        report.warnings.iter().any(|w| w.line == 31
            && w.kind == WarningKind::Other
            && w.message.contains("\"June/July 2013\" names two months")),
        "{:?}",
        report.warnings
    );
}

#[test]
fn a_source_key_written_with_colons_and_dashes_is_read() {
    let Imported { partnership: p, .. } = fixture("plan-text-variant-no-lead.txt");
    let reviews: Vec<(&str, &str, ReviewKind)> = p
        .reviews
        .iter()
        .map(|r| (r.code.as_str(), r.title.as_str(), r.kind))
        .collect();
    assert_eq!(
        reviews,
        [
            ("AR", "Annual report of the board", ReviewKind::Other),
            ("S11", "Section 11 audit", ReviewKind::Audit)
        ]
    );
    assert_eq!(p.reviews[1].date, Some(date("2013-01-01")));
    assert_eq!(plan(&p).objectives[2].sources, ["S11", "AR"]);
    assert_eq!(
        answers(&p),
        [
            ("AR".into(), 1, vec!["1a.1".into()]),
            ("AR".into(), 2, vec!["2a.2".into()]),
            ("S11".into(), 1, vec!["1b.1".into()]),
            ("S11".into(), 2, vec!["2a.1".into()]),
        ]
    );
}

#[test]
fn objective_headings_between_tables_give_each_table_its_objective() {
    let Imported {
        partnership: p,
        report,
    } = fixture("plan-text-variant-headings.txt");
    assert_eq!(p.name, "Westbrook Local Safeguarding Children Board");
    assert_eq!(p.meetings_per_year, Some(12));
    let objectives: Vec<(&str, &str)> = plan(&p)
        .objectives
        .iter()
        .map(|o| (o.number.as_str(), o.title.as_str()))
        .collect();
    assert_eq!(
        objectives,
        [
            ("1", "To keep children living with domestic abuse safe"),
            ("2", "To know how well the board is doing")
        ]
    );
    assert_eq!(ids(&p), ["1.1", "1.1a", "1.2", "2.1", "2.2"]);
    // Each row carries its own lead and timescale; the OUTCOME column is not the action.
    let (_, a) = plan(&p).action("1.2").expect("1.2");
    assert_eq!(a.text, "Report the number of repeat referrals to the board");
    assert_eq!(a.leads, ["monitoring-and-evaluation"]);
    // "Page 1of 4" footer noise is gone from the cell.
    assert_eq!(
        a.timescale.as_ref().map(|t| t.label.as_str()),
        Some("September 2011")
    );
    assert_eq!(
        plan(&p).action("2.2").map(|(_, a)| a.leads.clone()),
        Some(vec![
            "learning-and-development".into(),
            "business-manager".into()
        ])
    );
    // A footnote digit after a lead does not make a second role.
    let roles: Vec<(&str, Option<&str>)> = p
        .roles
        .iter()
        .map(|r| (r.id.as_str(), r.subgroup.as_deref()))
        .collect();
    assert_eq!(
        roles,
        [
            ("domestic-abuse", Some("Domestic Abuse")),
            (
                "monitoring-and-evaluation",
                Some("Monitoring and Evaluation")
            ),
            ("learning-and-development", Some("Learning and Development")),
            ("business-manager", None),
        ]
    );
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
}

#[test]
fn without_a_source_column_recommendations_are_traced_across_the_whole_plan() {
    let Imported {
        partnership: p,
        report,
    } = fixture("plan-text-variant-headings.txt");
    assert_eq!(p.reviews.len(), 1);
    assert_eq!(p.reviews[0].kind, ReviewKind::PeerReview);
    assert_eq!(p.reviews[0].date_label.as_deref(), Some("May 2011"));
    assert_eq!(
        answers(&p),
        [
            ("PC".into(), 1, vec!["1.1".into()]),
            ("PC".into(), 2, vec!["2.1".into()]),
            ("PC".into(), 3, vec!["2.2".into()]),
        ]
    );
    assert_eq!(report.counts.cross_references, 1);
    assert!(
        p.subgroups
            .iter()
            .all(|s| s.status == SubgroupStatus::Active)
    );
}

#[test]
fn a_recommendation_nothing_answers_is_the_one_gap() {
    let Imported {
        partnership: p,
        report,
    } = fixture("plan-text-variant-gap.txt");
    assert_eq!(p.name, "Northgate LSCB");
    assert_eq!(p.reviews[0].date, Some(date("2010-01-12")));
    let gaps: Vec<(&str, u32, &str)> = report
        .gaps
        .iter()
        .map(|g| (g.review.as_str(), g.recommendation, g.text.as_str()))
        .collect();
    assert_eq!(
        gaps,
        [("C&D", 3, "Recruit extra foster carers for teenagers")]
    );
    assert!(p.reviews[0].recommendations[2].answered_by.is_empty());
    assert_eq!(p.reviews[0].recommendations[0].answered_by, ["1"]);
    assert_eq!(p.reviews[0].recommendations[1].answered_by, ["2"]);
    assert_eq!(report.counts.trace_links, 2);
}

#[test]
fn a_plan_without_numbers_is_numbered_by_position_and_says_so() {
    let doc = "Southvale LSCB Strategic Business Plan 2014-15\n\n\
        Priority theme\tWhat will it do?\tResponsible lead/ group\tBy when\n\
        Early help\tAgree an early help strategy with partners\tEarly Help Sub Group\tSeptember 2014\n\
        Neglect\tTrain staff to use the neglect toolkit\tTraining Sub Group\tMarch 2015 as per training strategy\n";
    let Imported {
        partnership: p,
        report,
    } = plan_text::import(doc).expect("imports");
    assert_eq!(p.name, "Southvale LSCB");
    let objectives: Vec<(&str, &str)> = plan(&p)
        .objectives
        .iter()
        .map(|o| (o.number.as_str(), o.title.as_str()))
        .collect();
    assert_eq!(objectives, [("1", "Early help"), ("2", "Neglect")]);
    assert_eq!(ids(&p), ["1.1", "2.1"]);
    assert_eq!(
        plan(&p).objectives[1]
            .timescale
            .as_ref()
            .and_then(|t| t.due),
        Some(date("2015-03-31"))
    );
    // Two objectives and two outcomes numbered by position: four guesses, each on its line.
    let lines: Vec<usize> = report.inferred.iter().map(|i| i.line).collect();
    assert_eq!(lines, [4, 4, 5, 5]);
}

#[test]
fn a_reference_to_an_outcome_the_plan_lacks_is_reported_on_its_line() {
    let doc = "Testshire LSCB Improvement Plan 2009-2010\n\n\
        Objectives\tOutcomes\tLead\n\
        1. Improve training\t<p>1.1 Plan the courses, see 1.2</p> <p>1.2 Run them, see 4.7</p>\tChair Training\n";
    let Imported {
        partnership: p,
        report,
    } = plan_text::import(doc).expect("imports");
    assert_eq!(
        plan(&p).action("1.1").map(|(_, a)| a.references.clone()),
        Some(vec!["1.2".to_string()])
    );
    let unresolved: Vec<(usize, &str)> = report
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::UnresolvedReference)
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(unresolved.len(), 1);
    assert_eq!(unresolved[0].0, 4);
    assert!(unresolved[0].1.contains("4.7"), "{}", unresolved[0].1);
}
