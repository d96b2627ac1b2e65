//! The yearly report: its sections under each framework, the reasons a finding was not
//! implemented, the narrative and the distribution list, and the sections flagged for want
//! of evidence of impact.

use reports::yearly::{Framework, check, sample};
use reports::{Block, Format, ReportInput, ReportKind, build, render};

use crate::common::{YEAR_END, kingston};

fn input(framework: Framework) -> ReportInput {
    let mut i = kingston(YEAR_END);
    i.yearly = Some(sample::yearly(2009, framework, 24));
    i
}

fn text(r: &reports::Report) -> String {
    String::from_utf8(render(r, Format::Html).expect("renders")).expect("utf-8")
}

fn ids(r: &reports::Report) -> Vec<&str> {
    r.sections.iter().map(|s| s.id.as_str()).collect()
}

#[test]
fn a_childrens_partnership_gets_the_working_together_headings_in_order() {
    let r = build(ReportKind::Yearly, &input(Framework::WorkingTogether));
    assert_eq!(
        ids(&r),
        [
            "about-this-report",
            "summary",
            "plan",
            "indicators",
            "assurance",
            "training",
            "case-reviews",
            "engagement",
            "attendance",
            "funding",
            "next-year",
            "distribution"
        ]
    );
    assert_eq!(
        r.covers.map(|(f, t)| (f.to_string(), t.to_string())),
        Some(("2009-04-01".into(), "2010-03-31".into()))
    );
    let html = text(&r);
    assert!(html.contains("Working Together to Safeguard Children 2023"));
    // The not-implemented recommendation carries its reasons in the case reviews table.
    assert!(html.contains("A single multi-agency referral form"));
    assert!(html.contains("the cost of one system was out of proportion"));
    // The plan's part is the annual report's: its outcomes table is there.
    assert!(r.tables().iter().any(|t| t.id == "outcomes"));
    assert!(r.tables().iter().any(|t| t.id == "training-impact"));
    assert!(r.tables().iter().any(|t| t.id == "funding"));
}

#[test]
fn an_adults_board_gets_schedule_2_items_a_to_g_with_the_reasons_for_not_implementing() {
    let r = build(ReportKind::Yearly, &input(Framework::CareAct));
    let headings: Vec<&str> = r.sections.iter().map(|s| s.heading.as_str()).collect();
    for (i, letter) in ["(a)", "(b)", "(c)", "(d)", "(e)", "(f)", "(g)"]
        .iter()
        .enumerate()
    {
        assert!(headings[i + 1].starts_with(letter), "{:?}", headings);
    }
    let g = r
        .sections
        .iter()
        .find(|s| s.id == "findings-not-implemented")
        .expect("item (g)");
    let listed = g.blocks.iter().any(|b| match b {
        Block::List { items } => items.iter().any(|i| {
            i.contains("A single multi-agency referral form")
                && i.contains("not implemented because The region's boards chose")
        }),
        _ => false,
    });
    assert!(listed, "{:#?}", g.blocks);
    let html = text(&r);
    assert!(html.contains("the Care Act 2014, Schedule 2"));
    // (d) the review concluded in the year, (e) the one still open at its end.
    let d = text_of(&r, "reviews-concluded");
    assert!(d.contains("Child F") && !d.contains("Family M"), "{d}");
    let e = text_of(&r, "reviews-ongoing");
    assert!(e.contains("Family M") && !e.contains("Child F"), "{e}");
}

fn text_of(r: &reports::Report, id: &str) -> String {
    let s = r.sections.iter().find(|s| s.id == id).expect("the section");
    reports::render::html::section_fragment(s, 2)
}

#[test]
fn the_narrative_comes_first_in_its_section_and_the_distribution_list_closes_the_report() {
    let r = build(ReportKind::Yearly, &input(Framework::WorkingTogether));
    let summary = r.sections.iter().find(|s| s.id == "summary").unwrap();
    let paragraphs: Vec<&str> = summary
        .blocks
        .iter()
        .filter_map(|b| match b {
            Block::Paragraph { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert!(paragraphs[0].starts_with("What Working Together"));
    assert_eq!(
        paragraphs[1],
        "This was the first year of the improvement plan."
    );
    assert!(paragraphs[2].starts_with("The board met four times"));
    let last = r.sections.last().unwrap();
    assert_eq!(last.id, "distribution");
    assert!(
        matches!(&last.blocks[1], Block::List { items } if items.contains(&"Ofsted".to_owned()))
    );
}

#[test]
fn sections_without_evidence_of_impact_are_flagged() {
    let mut i = input(Framework::WorkingTogether);
    let checks = check(&i);
    let flagged: Vec<&str> = checks
        .iter()
        .filter(|c| c.flagged())
        .map(|c| c.key)
        .collect();
    // The sample has follow-ups, a recommendation implemented with impact, an activity that
    // changed something and indicators with comparators; no audit is recorded.
    assert_eq!(flagged, ["assurance"], "{checks:#?}");
    let training = checks.iter().find(|c| c.key == "training").unwrap();
    assert!(
        training.evidence && training.found.contains("follow-up evaluations"),
        "{training:?}"
    );
    assert!(
        checks
            .iter()
            .find(|c| c.key == "summary")
            .unwrap()
            .narrative
    );
    assert!(!checks.iter().find(|c| c.key == "funding").unwrap().assessed);
    // Take the evidence away: no follow-ups, no impact recorded, nothing changed.
    let y = i.yearly.as_mut().unwrap();
    y.training = None;
    for r in &mut y.reviews {
        for x in &mut r.recommendations {
            x.impact = None;
        }
    }
    for a in &mut y.engagement {
        a.changed = None;
    }
    let flagged: Vec<&str> = check(&i)
        .into_iter()
        .filter(|c| c.flagged())
        .map(|c| c.key)
        .collect();
    assert_eq!(
        flagged,
        ["assurance", "training", "case-reviews", "engagement"]
    );
    let checks = check(&{
        let mut c = i.clone();
        c.yearly.as_mut().unwrap().framework = Framework::CareAct;
        c
    });
    assert!(
        checks
            .iter()
            .any(|c| c.key == "findings-implemented" && c.flagged())
    );
    assert!(
        checks
            .iter()
            .any(|c| c.key == "findings-not-implemented" && !c.assessed)
    );
}

#[test]
fn the_yearly_report_renders_as_docx_odt_and_html_the_same_way_twice() {
    let i = input(Framework::WorkingTogether);
    for f in [Format::Docx, Format::Odt, Format::Html] {
        let a = render(&build(ReportKind::Yearly, &i), f).expect("renders");
        let b = render(&build(ReportKind::Yearly, &i), f).expect("renders");
        assert_eq!(a, b, "{f:?}");
        assert!(a.len() > 1000);
    }
}
