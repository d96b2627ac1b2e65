//! The rich partnership the interchange tests round-trip, built by hand so that every feature
//! the JSON, CSV and XLSX forms must carry is in it: duplicate numbers ("4.2" and "4.2#2"),
//! cross-references with their phrases, a duplicate of an earlier action, actions with their
//! own timescale, sources and leads, an inferred yearly recurrence, an unread timescale, a
//! proposed sub-group, role aliases, and reviews whose recommendations are answered (or not).

#![allow(dead_code)]

use domain::*;

pub fn d(s: &str) -> Date {
    s.parse().expect("a test date")
}

pub fn period() -> Period {
    Period::financial_year(2009).expect("2009-10")
}

fn action(id: &str, text: &str) -> Action {
    Action {
        id: id.into(),
        number: id.split('#').next().unwrap_or(id).into(),
        text: text.into(),
        sources: vec![],
        timescale: None,
        leads: vec![],
        references: vec![],
        reference_phrases: vec![],
        duplicate_of: None,
    }
}

fn role(id: &str, title: &str, aliases: &[&str], subgroup: Option<&str>) -> Role {
    Role {
        id: id.into(),
        title: title.into(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        subgroup: subgroup.map(str::to_string),
    }
}

fn subgroup(name: &str, status: SubgroupStatus) -> Subgroup {
    Subgroup {
        name: name.into(),
        status,
        terms_of_reference: None,
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// 3 objectives and 10 actions in the 2009-10 plan, and a draft 2010-11 plan whose only
/// objective has no actions yet.
pub fn rich() -> Partnership {
    let shared_text = "Establish clear set of priorities and outcome measures for the work of the LSCB, which will be monitored and reported on regularly.";
    Partnership {
        name: "Kingston LSCB".into(),
        area: Some("Kingston upon Thames".into()),
        meetings_per_year: Some(4),
        agencies: ["Housing", "Kingston Primary Care Trust", "Metropolitan Police", "CAFCASS"]
            .iter()
            .map(|n| Agency { name: n.to_string() })
            .collect(),
        subgroups: vec![
            subgroup("Policy and Procedures", SubgroupStatus::Active),
            subgroup("Training", SubgroupStatus::Active),
            Subgroup {
                terms_of_reference: Some("Approved by the board in September 2008.".into()),
                ..subgroup("E-Safety", SubgroupStatus::Active)
            },
            subgroup("Quality Assurance", SubgroupStatus::Proposed),
        ],
        roles: vec![
            role(
                "chair-policy-and-procedure",
                "Chair, Policy and Procedures sub-group",
                &["Chair Policy & Procedure Group", "Chair Policy and Procedure", "Chair Policy & procedure"],
                Some("Policy and Procedures"),
            ),
            role("chair-training", "Chair, Training sub-group", &["Chair Training Group"], Some("Training")),
            role("lscb-chair", "LSCB Chair", &[], None),
            role("development-officer", "Development Officer", &[], None),
            role("chair-quality-assurance", "Chair, Quality Assurance sub-group", &[], Some("Quality Assurance")),
        ],
        reviews: vec![
            Review {
                code: "C&D".into(),
                title: "Challenge and development day".into(),
                kind: ReviewKind::ChallengeAndDevelopment,
                date: Some(d("2009-02-04")),
                date_label: Some("04 February 2009".into()),
                recommendations: vec![
                    Recommendation {
                        number: 1,
                        text: "Ensure there is a clearer focus on outcomes for safeguarding children".into(),
                        answered_by: strings(&["1", "1.1"]),
                    },
                    Recommendation {
                        number: 2,
                        text: "Develop clearer KPIs to assess and evaluate the outcomes".into(),
                        answered_by: strings(&["2.1"]),
                    },
                ],
            },
            Review {
                code: "PR".into(),
                title: "Peer review".into(),
                kind: ReviewKind::PeerReview,
                date: Some(d("2009-03-01")),
                date_label: Some("March 2009".into()),
                recommendations: vec![
                    Recommendation {
                        number: 1,
                        text: "Clarify what is expected of board members".into(),
                        answered_by: strings(&["4.2#2"]),
                    },
                    Recommendation {
                        number: 2,
                        text: "Improve the engagement of adult services".into(),
                        answered_by: vec![],
                    },
                ],
            },
            Review {
                code: "LR".into(),
                title: "Laming review".into(),
                kind: ReviewKind::NationalReview,
                date: None,
                date_label: None,
                recommendations: vec![Recommendation {
                    number: 1,
                    text: "Strengthen the roles of board members".into(),
                    answered_by: strings(&["4"]),
                }],
            },
        ],
        meetings: vec![
            Meeting { date: d("2009-06-10"), kind: MeetingKind::Board, subgroup: None },
            Meeting { date: d("2009-07-01"), kind: MeetingKind::Subgroup, subgroup: Some("Training".into()) },
        ],
        plans: vec![
            Plan {
                title: "Improvement Plan 2009-10".into(),
                period: period(),
                status: PlanStatus::Active,
                objectives: vec![
                    Objective {
                        number: "1".into(),
                        title: "Ensure there is a clearer focus on outcomes for safeguarding children and young people".into(),
                        sources: strings(&["C&D"]),
                        timescale: Some(Timescale::parse("September 2009", Some(period()))),
                        leads: strings(&["chair-policy-and-procedure", "development-officer"]),
                        actions: vec![
                            Action {
                                references: strings(&["2.1", "2.2"]),
                                reference_phrases: strings(&["Combine with 2.1 – 2.2 below"]),
                                ..action("1.1", "An LSCB Business plan based on a clear statement of desired outcomes. Combine with 2.1 – 2.2 below")
                            },
                            Action {
                                timescale: Some(Timescale::parse("December 2009", Some(period()))),
                                ..action("1.2", "Ensure there is good preparation for Ofsted annual unannounced visits")
                            },
                        ],
                    },
                    Objective {
                        number: "2".into(),
                        title: "Develop clearer KPIs to assess and evaluate the outcomes".into(),
                        sources: strings(&["C&D", "PR"]),
                        timescale: Some(Timescale::parse("Annually", Some(period()))),
                        leads: strings(&["lscb-chair"]),
                        actions: vec![
                            action("2.1", shared_text),
                            Action {
                                leads: strings(&["chair-training", "lscb-chair"]),
                                references: strings(&["4.1"]),
                                reference_phrases: strings(&["Dovetail with work on 4.1 below"]),
                                ..action("2.2", "Report to each LSCB meeting on all relevant national and local performance indicators, with commentary and trends. Dovetail with work on 4.1 below.")
                            },
                            Action {
                                sources: strings(&["LR"]),
                                ..action("2.3", "Report on the pan-London data set")
                            },
                        ],
                    },
                    Objective {
                        number: "4".into(),
                        title: "Clarify and develop the roles of board members".into(),
                        sources: strings(&["C&D", "PR", "LR"]),
                        timescale: Some(Timescale::parse("Training Plan 2010-11", Some(period()))),
                        leads: strings(&["chair-training"]),
                        actions: vec![
                            action("4.1", "Review the LSCB chairing arrangements and implement new government guidance and protocols"),
                            action("4.2", "Develop an Induction programme for new members."),
                            action("4.2#2", "Develop a \"Job description\" for members, clarifying expectations."),
                            Action {
                                duplicate_of: Some("2.1".into()),
                                leads: strings(&["chair-quality-assurance"]),
                                ..action("4.3", shared_text)
                            },
                            Action {
                                timescale: Some(Timescale::parse("As per strategy and action plan", Some(period()))),
                                ..action("4.4", "Ensure the Register of members includes more than job titles:\nthe expertise they bring to the board’s work, and the role they play.")
                            },
                        ],
                    },
                ],
            },
            Plan {
                title: "Business Plan 2010-11".into(),
                period: Period::financial_year(2010).expect("2010-11"),
                status: PlanStatus::Draft,
                objectives: vec![Objective {
                    number: "1".into(),
                    title: "Carry forward unfinished work".into(),
                    sources: strings(&["PR"]),
                    timescale: Some(Timescale::parse("Ongoing", Period::financial_year(2010))),
                    leads: strings(&["lscb-chair"]),
                    actions: vec![],
                }],
            },
        ],
    }
}

/// The rich partnership's 2009-10 plan, objective `o` (0-based), action `a` (0-based).
pub fn action_mut(p: &mut Partnership, o: usize, a: usize) -> &mut Action {
    &mut p.plans[0].objectives[o].actions[a]
}
