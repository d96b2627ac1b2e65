//! The sample plan (Kingston LSCB's improvement plan 2009-10, as text) imports whole: every
//! fact the product brief asks for, and every quirk reported rather than hidden.

use std::sync::LazyLock;

use domain::{Partnership, Plan, ReviewKind, SubgroupStatus, WarningKind};
use formats::plan_text::{self, Imported};

const SAMPLE: &str =
    include_str!("../../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");

static IMPORTED: LazyLock<Imported> =
    LazyLock::new(|| plan_text::import(SAMPLE).expect("the sample plan imports"));

fn partnership() -> &'static Partnership {
    &IMPORTED.partnership
}

fn plan() -> &'static Plan {
    &partnership().plans[0]
}

fn action(id: &str) -> &'static domain::Action {
    plan()
        .action(id)
        .map(|(_, a)| a)
        .unwrap_or_else(|| panic!("no action {id}"))
}

fn objective(number: &str) -> &'static domain::Objective {
    plan()
        .objectives
        .iter()
        .find(|o| o.number == number)
        .unwrap_or_else(|| panic!("no objective {number}"))
}

fn date(s: &str) -> domain::Date {
    s.parse().expect("a date")
}

fn role_title(id: &str) -> &'static str {
    &partnership()
        .role(id)
        .unwrap_or_else(|| panic!("no role {id}"))
        .title
}

#[test]
fn the_partnership_is_named_from_the_headings_with_its_area_and_meeting_frequency() {
    let p = partnership();
    assert_eq!(p.name, "Kingston LSCB");
    assert_eq!(p.area.as_deref(), Some("Kingston upon Thames"));
    assert_eq!(p.meetings_per_year, Some(4));
}

#[test]
fn the_twelve_member_agencies_are_read_from_their_list() {
    let names: Vec<&str> = partnership()
        .agencies
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names.len(), 12);
    assert_eq!(names[0], "Learning and Children's Services");
    assert_eq!(names[11], "Faith Groups");
    assert!(names.contains(&"CAFCASS"));
}

#[test]
fn eight_active_sub_groups_and_the_proposed_quality_assurance_group_are_read() {
    let subgroups = &partnership().subgroups;
    let active: Vec<&str> = subgroups
        .iter()
        .filter(|s| s.status == SubgroupStatus::Active)
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(
        active,
        [
            "Serious case Reviews",
            "Monitoring and Evaluation",
            "Domestic Violence",
            "Child Death review",
            "Communications and awareness",
            "Policy and Procedures",
            "Training",
            "E- Safety",
        ]
    );
    let proposed: Vec<&str> = subgroups
        .iter()
        .filter(|s| s.status == SubgroupStatus::Proposed)
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(proposed, ["Quality assurance"]);
}

#[test]
fn three_reviews_come_from_the_source_key_with_their_kinds_and_dates() {
    let reviews = &partnership().reviews;
    type Summary<'a> = (
        &'a str,
        &'a str,
        ReviewKind,
        Option<domain::Date>,
        Option<&'a str>,
    );
    let summary: Vec<Summary<'_>> = reviews
        .iter()
        .map(|r| {
            (
                r.code.as_str(),
                r.title.as_str(),
                r.kind,
                r.date,
                r.date_label.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                "C&D",
                "Challenge and development day",
                ReviewKind::ChallengeAndDevelopment,
                Some(date("2009-02-04")),
                Some("04 February 2009")
            ),
            (
                "PR",
                "Peer review",
                ReviewKind::PeerReview,
                Some(date("2009-03-01")),
                Some("March 2009")
            ),
            (
                "LR",
                "Laming review",
                ReviewKind::NationalReview,
                Some(date("2009-03-01")),
                Some("March 2009")
            ),
        ]
    );
}

#[test]
fn each_review_has_its_listed_recommendations_and_not_the_starred_topics() {
    let counts: Vec<usize> = partnership()
        .reviews
        .iter()
        .map(|r| r.recommendations.len())
        .collect();
    assert_eq!(counts, [7, 8, 5]);
    let all: Vec<&str> = partnership()
        .reviews
        .iter()
        .flat_map(|r| &r.recommendations)
        .map(|r| r.text.as_str())
        .collect();
    assert!(all.iter().all(|t| !t.ends_with('*')), "{all:?}");
    let cd = &partnership().reviews[0].recommendations;
    assert_eq!(cd[3].text, "Induct and develop the roles of LSCB members");
    assert_eq!(cd[3].number, 4);
    // The Peer Review's first item stands apart from the rest behind a blank line.
    let pr = &partnership().reviews[1].recommendations;
    assert!(pr[0].text.starts_with("Draw up a strategic plan"));
    assert!(pr[7].text.starts_with("Review arrangements and capacity"));
    let lr = &partnership().reviews[2].recommendations;
    assert!(lr[4].text.ends_with("no later than June 2010."));
}

#[test]
fn the_plan_has_its_title_financial_year_and_status() {
    let p = plan();
    assert_eq!(p.title, "Kingston LSCB Improvement Plan 2009-2010");
    assert_eq!(
        (p.period.start, p.period.end),
        (date("2009-04-01"), date("2010-03-31"))
    );
    assert_eq!(p.status, domain::PlanStatus::Active);
}

#[test]
fn sixteen_objectives_and_forty_nine_actions_are_read_in_order() {
    let numbers: Vec<&str> = plan()
        .objectives
        .iter()
        .map(|o| o.number.as_str())
        .collect();
    let expected: Vec<String> = (1..=16).map(|n| n.to_string()).collect();
    assert_eq!(numbers, expected);
    assert_eq!(plan().actions().count(), 49);
    assert_eq!(
        objective("1").title,
        "Ensure there is a clearer focus on outcomes for safeguarding children and young people"
    );
    assert_eq!(objective("16").actions.len(), 1);
}

#[test]
fn text_broken_by_page_breaks_is_joined_again() {
    assert!(
        action("2.1")
            .text
            .ends_with("which will be monitored and reported on regularly.")
    );
    assert!(
        action("4.2#2")
            .text
            .ends_with("for members clarifying expectations.")
    );
    assert!(
        objective("11")
            .title
            .ends_with("in safeguarding arrangements")
    );
    assert!(
        action("11.2")
            .text
            .ends_with("other adult services to be reviewed and developed")
    );
    assert!(
        action("13.4")
            .text
            .ends_with("available to Ofsted for annual unannounced visits")
    );
    assert!(
        action("6.1")
            .text
            .ends_with("delivery and monitoring outcomes.")
    );
    // "Group" on the continuation line finishes a lead name, not a new role.
    assert_eq!(
        objective("2").leads,
        ["lscb-chair", "chair-monitoring-and-evaluation"]
    );
}

#[test]
fn repeated_outcome_numbers_are_kept_with_their_own_ids_and_reported() {
    for (id, number, starts) in [
        ("4.2", "4.2", "Develop an Induction programme"),
        ("4.2#2", "4.2", "Develop a \"Job description\""),
        ("9.2", "9.2", "The Business Plan will set out"),
        ("9.2#2", "9.2", "Demonstrate that Domestic Violence"),
    ] {
        let a = action(id);
        assert_eq!(a.number, number);
        assert!(a.text.starts_with(starts), "{id}: {}", a.text);
    }
    let duplicates: Vec<(usize, &str)> = IMPORTED
        .report
        .warnings
        .iter()
        .filter(|w| w.kind == WarningKind::DuplicateNumber)
        .map(|w| (w.line, w.message.as_str()))
        .collect();
    assert_eq!(duplicates.len(), 2);
    assert_eq!(duplicates[0].0, 131);
    assert!(duplicates[0].1.contains("4.2#2"));
    assert_eq!(duplicates[1].0, 141);
    assert!(duplicates[1].1.contains("9.2#2"));
}

#[test]
fn each_objective_has_its_sources_as_review_codes() {
    assert_eq!(objective("1").sources, ["C&D"]);
    assert_eq!(objective("4").sources, ["C&D", "PR", "LR"]);
    assert_eq!(objective("5").sources, ["C&D", "PR"]);
    assert_eq!(objective("9").sources, ["PR", "LR"]);
    assert_eq!(objective("16").sources, ["LR"]);
}

#[test]
fn timescales_are_read_against_the_plan_period() {
    let due = |n: &str| objective(n).timescale.as_ref().and_then(|t| t.due);
    assert_eq!(due("1"), Some(date("2009-09-30")));
    assert_eq!(due("2"), Some(date("2009-12-31")));
    let training = objective("3").timescale.as_ref().expect("a timescale");
    assert_eq!(training.label, "Training Plan 2010-11");
    assert_eq!(training.due, Some(date("2011-03-31")));
    let annual = objective("13").timescale.as_ref().expect("a timescale");
    assert_eq!(annual.recurrence, Some(domain::Recurrence::Yearly));
    assert!(annual.inferred);
    let inferred = &IMPORTED.report.inferred;
    assert_eq!(inferred.len(), 1);
    assert_eq!(inferred[0].line, 147);
    assert!(inferred[0].what.contains("Annually"));
}

#[test]
fn lead_spellings_are_merged_into_fifteen_roles() {
    let roles: Vec<(&str, &str, Option<&str>)> = partnership()
        .roles
        .iter()
        .map(|r| (r.id.as_str(), r.title.as_str(), r.subgroup.as_deref()))
        .collect();
    assert_eq!(
        roles,
        [
            (
                "chair-policy-and-procedure",
                "Chair Policy and Procedure",
                Some("Policy and Procedures")
            ),
            (
                "service-director-prevention-and-safeguarding",
                "Service Director Prevention and Safeguarding",
                None
            ),
            (
                "strategic-manager-safeguarding-service",
                "Strategic Manager Safeguarding Service",
                None
            ),
            ("lscb-chair", "LSCB Chair", None),
            (
                "chair-monitoring-and-evaluation",
                "Chair Monitoring & Evaluation",
                Some("Monitoring and Evaluation")
            ),
            ("chair-training", "Chair Training Group", Some("Training")),
            ("lscb", "LSCB", None),
            (
                "strategic-director-learning-and-childrens-services",
                "Strategic Director learning and Children's Services",
                None
            ),
            ("development-officer", "Development Officer", None),
            (
                "chair-communications-and-awareness",
                "Chair Communications and Awareness",
                Some("Communications and awareness")
            ),
            ("participation-officer", "Participation officer", None),
            (
                "chair-domestic-violence",
                "Chair Domestic Violence group",
                Some("Domestic Violence")
            ),
            (
                "quality-assurance",
                "Quality assurance group",
                Some("Quality assurance")
            ),
            ("deputy-chair-lscb", "Deputy Chair, LSCB", None),
            (
                "chair-serious-case-review",
                "Chair Serious Case Review sub group",
                Some("Serious case Reviews")
            ),
        ]
    );
    let policy = partnership()
        .role("chair-policy-and-procedure")
        .expect("the policy chair");
    assert_eq!(
        policy.aliases,
        [
            "Chair Policy & Procedure Group",
            "Chair Policy & Procedure",
            "Chair Policy & procedure"
        ]
    );
    let chair = partnership().role("lscb-chair").expect("the board chair");
    assert_eq!(chair.aliases, ["Chair of Board", "Chair of the LSCB"]);
}

#[test]
fn a_lead_cell_naming_several_roles_gives_each_one() {
    assert_eq!(
        objective("1").leads,
        [
            "chair-policy-and-procedure",
            "service-director-prevention-and-safeguarding",
            "strategic-manager-safeguarding-service"
        ]
    );
    assert_eq!(
        objective("4").leads,
        [
            "lscb",
            "strategic-director-learning-and-childrens-services",
            "chair-policy-and-procedure",
            "development-officer"
        ]
    );
    assert_eq!(
        objective("6").leads,
        [
            "chair-communications-and-awareness",
            "participation-officer"
        ]
    );
    assert_eq!(
        objective("8").leads,
        ["chair-policy-and-procedure", "lscb", "lscb-chair"]
    );
    // "Service Director, Prevention and Safeguarding, Chair of the LSCB": objective 1's
    // service director, and the board chair.
    assert_eq!(
        objective("13").leads,
        [
            "lscb-chair",
            "strategic-director-learning-and-childrens-services",
            "quality-assurance",
            "chair-training",
            "service-director-prevention-and-safeguarding"
        ]
    );
    assert_eq!(
        objective("14").leads,
        ["chair-policy-and-procedure", "deputy-chair-lscb"]
    );
    assert_eq!(role_title("lscb"), "LSCB");
}

#[test]
fn cross_references_become_links_between_actions() {
    let links = |id: &str| {
        (
            action(id).references.clone(),
            action(id).reference_phrases.clone(),
        )
    };
    assert_eq!(
        links("1.1"),
        (
            vec!["8.1".into(), "8.2".into()],
            vec!["Combine with 8.1 – 8.2 below".into()]
        )
    );
    assert_eq!(
        links("2.2"),
        (
            vec!["7.1".into(), "7.2".into(), "7.3".into()],
            vec!["Dovetail with work on 7.1 -7.3 below".into()]
        )
    );
    assert_eq!(
        links("5.3"),
        (
            vec!["6.1".into(), "6.2".into()],
            vec!["see 6.1 – 6.2".into()]
        )
    );
    assert_eq!(
        links("8.1"),
        (
            vec!["1.1".into()],
            vec!["incorporate into Business plan 1.1".into()]
        )
    );
    assert_eq!(
        links("10.2"),
        (
            vec!["2.1".into()],
            vec!["based on KPI work in 2.1 above".into()]
        )
    );
    let linked: Vec<&str> = plan()
        .actions()
        .filter(|(_, a)| !a.references.is_empty())
        .map(|(_, a)| a.id.as_str())
        .collect();
    assert_eq!(linked, ["1.1", "2.2", "5.3", "8.1", "10.2"]);
}

#[test]
fn outcome_8_3_is_flagged_as_repeating_2_1() {
    assert_eq!(action("8.3").duplicate_of.as_deref(), Some("2.1"));
    let flagged: Vec<&str> = plan()
        .actions()
        .filter(|(_, a)| a.duplicate_of.is_some())
        .map(|(_, a)| a.id.as_str())
        .collect();
    assert_eq!(flagged, ["8.3"]);
    let warning = IMPORTED
        .report
        .warnings
        .iter()
        .find(|w| w.kind == WarningKind::DuplicateText)
        .expect("a duplicate-text warning");
    assert_eq!(warning.line, 139);
}

#[test]
fn every_recommendation_is_traced_to_what_answers_it() {
    let answered = |review: usize| -> Vec<Vec<String>> {
        partnership().reviews[review]
            .recommendations
            .iter()
            .map(|r| r.answered_by.clone())
            .collect()
    };
    // The Challenge and Development day's priorities are nearly the titles of objectives 1-7.
    for (i, answers) in answered(0).iter().enumerate() {
        let objective = (i + 1).to_string();
        assert!(answers.contains(&objective), "C&D {}: {answers:?}", i + 1);
    }
    assert!(
        answered(0)[3].contains(&"4.2".to_string()),
        "Induct ~ Induction"
    );
    // The Peer Review's areas for improvement are the titles of objectives 8-15.
    for (i, answers) in answered(1).iter().enumerate() {
        assert_eq!(answers[0], (i + 8).to_string(), "PR {}", i + 1);
    }
    let laming: Vec<String> = answered(2).iter().map(|a| a[0].clone()).collect();
    assert_eq!(laming, ["7.2", "9.3", "16", "4.1", "12.2"]);
    assert!(
        IMPORTED.report.gaps.is_empty(),
        "{:?}",
        IMPORTED.report.gaps
    );
}

#[test]
fn the_report_counts_everything_under_the_documented_names() {
    let c = &IMPORTED.report.counts;
    assert_eq!(
        (
            c.agencies,
            c.subgroups,
            c.proposed_subgroups,
            c.reviews,
            c.recommendations
        ),
        (12, 8, 1, 3, 20)
    );
    assert_eq!(
        (c.objectives, c.actions, c.roles, c.cross_references),
        (16, 49, 15, 9)
    );
    assert_eq!(c.trace_links, 22);
    let json = serde_json::to_value(c).expect("counts serialise");
    for field in [
        "agencies",
        "subgroups",
        "proposed_subgroups",
        "reviews",
        "recommendations",
        "objectives",
        "actions",
        "roles",
        "cross_references",
        "trace_links",
    ] {
        assert!(json.get(field).is_some(), "{field}");
    }
}

#[test]
fn the_sample_gives_exactly_these_warnings_each_with_its_line() {
    let warnings: Vec<(usize, WarningKind)> = IMPORTED
        .report
        .warnings
        .iter()
        .map(|w| (w.line, w.kind))
        .collect();
    assert_eq!(
        warnings,
        [
            (126, WarningKind::RoleVariantsMerged), // Chair Policy and Procedure ×4
            (126, WarningKind::RoleVariantsMerged), // Service Director, with and without a comma
            (127, WarningKind::RoleVariantsMerged), // LSCB Chair, Chair of Board, Chair of the LSCB
            (127, WarningKind::RoleVariantsMerged), // Chair Monitoring & Evaluation ×3
            (130, WarningKind::RoleVariantsMerged), // Chair Training Group / sub group
            (131, WarningKind::DuplicateNumber),    // 4.2
            (131, WarningKind::RoleVariantsMerged), // Strategic Director learning / Learning
            (139, WarningKind::DuplicateText),      // 8.3 = 2.1
            (141, WarningKind::DuplicateNumber),    // 9.2
        ]
    );
    let policy = &IMPORTED.report.warnings[0].message;
    for spelling in [
        "Chair Policy & Procedure Group",
        "Chair Policy and Procedure",
        "Chair Policy & procedure",
    ] {
        assert!(policy.contains(spelling), "{policy}");
    }
}

#[test]
fn an_extra_unanswered_recommendation_is_the_only_gap() {
    let anchor = "- Induct and develop the roles of LSCB members\n";
    let extra = "- Commission a fleet of minibuses for weekend sports clubs\n";
    let text = SAMPLE.replacen(anchor, &format!("{anchor}{extra}"), 1);
    let imported = plan_text::import(&text).expect("the changed sample imports");
    assert_eq!(imported.report.counts.recommendations, 21);
    let gaps: Vec<(&str, u32, &str)> = imported
        .report
        .gaps
        .iter()
        .map(|g| (g.review.as_str(), g.recommendation, g.text.as_str()))
        .collect();
    assert_eq!(
        gaps,
        [(
            "C&D",
            5,
            "Commission a fleet of minibuses for weekend sports clubs"
        )]
    );
}

#[test]
fn bytes_with_a_byte_order_mark_and_windows_line_ends_import_the_same() {
    let windows = format!("\u{feff}{}", SAMPLE.replace('\n', "\r\n"));
    let imported = plan_text::import_bytes(windows.as_bytes()).expect("imports");
    assert_eq!(imported.report.counts, IMPORTED.report.counts);
    assert_eq!(imported.partnership, IMPORTED.partnership);
}
