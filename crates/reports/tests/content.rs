//! What each report says, read from its text: the board paper's sections and figures, the
//! public summary's silence about people and internal narrative, the annual report's carried
//! forward actions and trends, the self-assessment's evidence.

use crate::common;

use crate::common::{BOARD_MEETING, YEAR_END, kingston};
use reports::render::text;
use reports::{Audience, ReportKind, build, sample};

fn text_of(kind: ReportKind, as_at: &str) -> String {
    text::render(&build(kind, &kingston(as_at)))
}

#[test]
fn the_board_paper_has_every_section_the_board_needs_in_order() {
    let t = text_of(ReportKind::BoardPaper, BOARD_MEETING);
    let order = [
        "== Summary ==",
        "== Progress by objective ==",
        "== Exceptions ==",
        "== Completed and signed off since the last meeting ==",
        "== Decisions for the board ==",
        "== Performance indicators ==",
        "== Appendix: every action ==",
    ];
    let mut from = 0;
    for heading in order {
        let at = t[from..]
            .find(heading)
            .unwrap_or_else(|| panic!("{heading} missing or out of order"));
        from += at + heading.len();
    }
    assert!(t.contains("As at 17 September 2009"));
    assert!(t.contains("The board last met on 17 June 2009."));
}

#[test]
fn the_board_paper_counts_every_action_of_the_plan_by_rating() {
    let input = kingston(BOARD_MEETING);
    let report = build(ReportKind::BoardPaper, &input);
    let actions = input.partnership.plans[0].actions().count();
    assert_eq!(actions, 49, "the sample plan has 49 numbered outcomes");
    let chart = report
        .tables()
        .into_iter()
        .find(|t| t.id == "rag-by-objective-data")
        .expect("the RAG chart's data table");
    assert_eq!(chart.rows.len(), 16, "one bar per objective");
    let total: f64 = chart
        .rows
        .iter()
        .filter_map(|r| match r.last() {
            Some(reports::Cell::Number { value, .. }) => Some(*value),
            _ => None,
        })
        .sum();
    assert_eq!(total as usize, actions);
    let figures = report.figures();
    assert_eq!(figures[0].label, "Actions in the plan");
    assert_eq!(figures[0].value, "49");
}

#[test]
fn exceptions_carry_their_last_narrative_and_say_why_they_are_there() {
    let t = text_of(ReportKind::BoardPaper, "2009-12-17");
    let exceptions = t
        .split("== Exceptions ==")
        .nth(1)
        .unwrap()
        .split("== Completed")
        .next()
        .unwrap();
    assert!(exceptions.contains("Red (off track)"), "{exceptions}");
    assert!(exceptions.contains("rated red"));
    assert!(exceptions.contains("no update since the last board meeting"));
    assert!(
        exceptions.contains("Work has stalled")
            || exceptions.contains("Funding for the post")
            || exceptions.contains("no lead agency"),
        "an off-track narrative is quoted: {exceptions}"
    );
    assert!(
        exceptions.contains("No update has been given."),
        "never-updated actions say so"
    );
}

#[test]
fn the_board_is_asked_to_sign_off_completions_and_redate_overdue_actions() {
    let t = text_of(ReportKind::BoardPaper, "2009-12-17");
    let decisions = t
        .split("== Decisions for the board ==")
        .nth(1)
        .unwrap()
        .split("== Performance")
        .next()
        .unwrap();
    assert!(
        decisions.contains("Sign off these completions"),
        "{decisions}"
    );
    assert!(
        decisions.contains("Agree new dates for these overdue actions"),
        "{decisions}"
    );
    assert!(decisions.contains("* Completions awaiting sign-off:"));
}

#[test]
fn the_performance_section_shows_value_target_rag_direction_commentary_and_gaps() {
    let t = text_of(ReportKind::BoardPaper, YEAR_END);
    let perf = t.split("== Performance indicators ==").nth(1).unwrap();
    assert!(perf.contains("| NI 59: Initial assessments within 7 working days of referral | 2009-10 | 79.3% | 80.0% | Amber (some slippage) | improving | improving | 0 |"), "{perf}");
    assert!(perf.contains("| NI 68: Referrals"));
    assert!(
        perf.contains("2008-09 (not available)"),
        "NI 68's gap is flagged"
    );
    assert!(
        perf.contains("Three long plans for one sibling group"),
        "commentary is shown"
    );
}

#[test]
fn the_public_summary_holds_no_narrative_evidence_or_names() {
    let input = kingston(YEAR_END);
    let report = build(ReportKind::Public, &input);
    assert_eq!(report.audience, Audience::Public);
    let text = text::render(&report);
    let html = reports::render::html::document(&report);
    let mut forbidden: Vec<String> = sample::AUTHORS.iter().map(|a| a.to_string()).collect();
    forbidden.push(sample::CHAIR.to_owned());
    forbidden.extend(input.updates.iter().map(|u| u.narrative.clone()));
    forbidden.extend(
        input
            .updates
            .iter()
            .flat_map(|u| &u.evidence)
            .map(|e| match e {
                domain::Evidence::File { name, .. } => name.clone(),
                domain::Evidence::Link { url, .. } => url.clone(),
            }),
    );
    // Lead roles, except the one that is the board itself ("LSCB"), which the summary names.
    forbidden.extend(
        input
            .partnership
            .roles
            .iter()
            .map(|r| r.title.clone())
            .filter(|t| !input.partnership.name.contains(t.as_str())),
    );
    forbidden.extend(input.indicators.iter().filter_map(|i| i.commentary.clone()));
    forbidden.sort();
    forbidden.dedup();
    assert!(
        forbidden.len() > 20,
        "the test checks something: {}",
        forbidden.len()
    );
    for word in &forbidden {
        assert!(
            !text.contains(word.as_str()),
            "the public summary's text shows {word:?}"
        );
        assert!(
            !html.contains(&word.replace('&', "&amp;")),
            "the public summary's HTML shows {word:?}"
        );
    }
    assert!(text.contains("Done"));
    assert!(text.contains("How we measure the difference"));
}

#[test]
fn the_annual_report_gives_the_completion_rate_what_carries_forward_and_trends() {
    let input = kingston(YEAR_END);
    let report = build(ReportKind::Annual, &input);
    let t = text::render(&report);
    let figures = report.figures();
    let rate = figures
        .iter()
        .find(|f| f.label == "Completion rate (signed off)")
        .unwrap();
    assert!(rate.value.ends_with('%'));
    assert!(t.contains("carry forward into the next plan"));
    assert!(t.contains("Table: Actions carried forward into the next plan"));
    assert!(t.contains("[Chart: NI 65"), "a trend chart per indicator");
    assert!(
        t.contains("| 2006-07 | 9.8% | 13.4% |"),
        "the trend's data year on year: {t}"
    );
    assert_eq!(
        report.covers.map(|c| c.0.to_string()),
        Some("2009-04-01".to_owned())
    );
}

#[test]
fn the_annual_report_names_actions_carried_in_from_the_previous_plan() {
    let mut input = kingston(YEAR_END);
    input.previous_plan = Some(reports::PreviousPlan {
        title: "Business plan 2008-09".into(),
        carried: vec![reports::CarriedAction {
            action: "1.1".into(),
            from: "3.4".into(),
        }],
    });
    let t = text::render(&build(ReportKind::Annual, &input));
    assert!(t.contains("=== Carried in from the previous plan ==="));
    assert!(t.contains("- 1.1 (was 3.4 in Business plan 2008-09):"));
}

#[test]
fn the_self_assessment_lays_out_each_objective_with_the_evidence_behind_completions() {
    let t = text_of(ReportKind::SelfAssessment, YEAR_END);
    assert_eq!(
        t.matches("Table: Objective ").count(),
        16,
        "one table per objective"
    );
    assert!(t.contains("signed off by"), "{t}");
    assert!(t.contains("Sub-group minutes approving action") || t.contains("-final-report.pdf"));
    assert!(t.contains("== Review recommendations traced to the plan =="));
    assert!(t.contains("Indicators that evidence this objective:"));
}

#[test]
fn the_quarterly_report_covers_the_three_months_to_its_date() {
    let report = build(ReportKind::Quarterly, &kingston("2009-12-31"));
    assert_eq!(
        report.covers.map(|(a, b)| (a.to_string(), b.to_string())),
        Some(("2009-10-01".to_owned(), "2009-12-31".to_owned()))
    );
    let t = text::render(&report);
    assert!(t.contains("== Completed this quarter =="));
    assert!(t.contains("== Coming up next quarter =="));
    assert!(t.contains("- Board meeting, 17 March 2010"));
}

#[test]
fn a_plan_with_no_progress_still_makes_every_report() {
    let imported = formats::plan_text::import(common::SAMPLE_PLAN).unwrap();
    let input = reports::ReportInput {
        partnership: imported.partnership,
        plan_index: 0,
        updates: vec![],
        signoffs: vec![],
        as_at: "2009-05-01".parse().unwrap(),
        as_recorded: false,
        previous_plan: None,
        indicators: vec![],
        rules: domain::StatusRules::default(),
        generated_at: common::generated_at(),
        change_log: None,
        assurance: Default::default(),
        governance: Default::default(),
        yearly: None,
    };
    for kind in ReportKind::ALL {
        let t = text::render(&build(kind, &input));
        assert!(t.contains(kind.title()), "{kind}");
    }
    let t = text::render(&build(ReportKind::BoardPaper, &input));
    assert!(t.contains("No performance indicator values have been recorded"));
}

#[test]
fn a_board_paper_prints_the_change_logs_newest_entry_beside_its_stamp_and_no_other_report_does() {
    let mut input = kingston(BOARD_MEETING);
    input.change_log = Some(reports::ChangeLogHead {
        entry: 1234,
        hash: "9f2c41d07a6be853".repeat(4),
    });
    let line = "Generated by Boardplan on 2009-10-14 08:30 UTC; change log: entry 1234, \
                fingerprint 9f2c41d07a6be853\n";
    let paper = text::render(&build(ReportKind::BoardPaper, &input));
    assert!(paper.contains(line), "{paper}");
    for kind in ReportKind::ALL {
        if kind != ReportKind::BoardPaper {
            let t = text::render(&build(kind, &input));
            assert!(!t.contains("change log:"), "{kind}");
        }
    }
}
