//! The assurance reports from the reports page (issue #13, items 6 and 7): each person gets
//! what the assurance pages show them. A reader's Section 11 summary names no agency beside a
//! rating and a lead officer's shows their own agency only while returns are open; a reader's
//! audit report has the grades and no case reference, a board member's has the cases; the
//! risk register and the board paper give the risks above appetite as at the date; an audit
//! that does not exist, or is another board's, is a mistake named beside its field.

use axum::http::StatusCode;
use domain::assurance::audits::{Audit, AuditKind, AuditStatus, Case, DEFAULT_SCALE};
use domain::assurance::risks::Rating;
use domain::assurance::section11::Standard;
use domain::{BoardRole, Person};
use store::{NewCycle, NewRisk, S11Rating, Stamp};

use crate::common::{KINGSTON, RIVERFORD, TestApp, app};

const REF: &str = "Case K-17";

fn report(kind: &str, extra: &str) -> String {
    format!("/p/{KINGSTON}/reports?report={kind}&as_at=2010-03-31&format=html{extra}")
}

async fn audit(app: &TestApp, slug: &str) -> i64 {
    let a = Audit {
        year: 2009,
        theme: "Neglect".into(),
        kind: AuditKind::MultiAgencyCaseFile,
        lead: None,
        starts_on: None,
        ends_on: None,
        status: AuditStatus::Complete,
        reasons: vec![],
        areas: vec!["Assessment".into(), "Planning".into()],
        scale: DEFAULT_SCALE.map(String::from).into(),
        reaudit_on: None,
    };
    let id = app
        .store
        .add_audit(slug, Stamp::now("test"), &a)
        .await
        .unwrap()
        .id;
    let agency = app.store.agencies(slug).await.unwrap()[0].name.clone();
    let c = Case {
        reference: REF.into(),
        agencies: vec![agency],
        grades: vec![
            ("Assessment".into(), "good".into()),
            ("Planning".into(), "inadequate".into()),
        ],
        strengths: None,
        findings: Some("Plan not shared".into()),
    };
    app.store
        .add_audit_case(slug, Stamp::now("test"), id, &c)
        .await
        .unwrap();
    id
}

/// A 2010 cycle of two standards: the first agency green on standard 1, the second red; the
/// lead officer speaks for the first. The agencies' names.
async fn cycle(app: &TestApp) -> Vec<String> {
    let agencies: Vec<String> = app
        .store
        .agencies(KINGSTON)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    let mut p = Person::new("Lee Lead", BoardRole::Member);
    p.agency = Some(agencies[0].clone());
    p.account = Some("lead@kingston.test".into());
    app.store
        .add_person(KINGSTON, Stamp::now("test"), &p)
        .await
        .unwrap();
    let c = NewCycle {
        year: 2010,
        standards: Some(vec![
            Standard {
                number: "1".into(),
                title: "Senior management commitment".into(),
            },
            Standard {
                number: "2".into(),
                title: "Safer recruitment".into(),
            },
        ]),
        ..NewCycle::default()
    };
    app.store
        .add_s11_cycle(KINGSTON, Stamp::now("test"), &c)
        .await
        .unwrap();
    for (a, word) in [(&agencies[0], "green"), (&agencies[1], "red")] {
        let r = S11Rating {
            agency: a.clone(),
            standard: "1".into(),
            rating: word.into(),
            evidence: None,
            signatory: None,
        };
        app.store
            .rate_s11(KINGSTON, Stamp::now("test"), 2010, &r)
            .await
            .unwrap();
    }
    agencies
}

#[tokio::test]
async fn each_person_gets_the_section11_summary_their_view_allows() {
    let app = app().await;
    let agencies = cycle(&app).await;
    let (own, other) = (&agencies[0], &agencies[1]);
    let path = report("section11", "&cycle=2010");
    let reader = app.sign_in("reader@kingston.test").await;
    let page = app.get(&path, Some(&reader)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("id=\"s11-by-standard\""));
    assert!(!page.body.contains("id=\"s11-heat-map\""));
    let text = page.texts("main").join(" ");
    assert!(text.contains("Senior management commitment"), "{text}");
    for a in [own, other] {
        assert!(!text.contains(a.as_str()), "a reader sees {a}: {text}");
    }
    let lead = app.sign_in("lead@kingston.test").await;
    let page = app.get(&path, Some(&lead)).await;
    assert_eq!(
        page.texts("#s11-heat-map tbody th"),
        std::slice::from_ref(own)
    );
    assert!(!page.texts("main").join(" ").contains(other.as_str()));
    let manager = app.sign_in("manager@kingston.test").await;
    let page = app.get(&path, Some(&manager)).await;
    let rows = page.texts("#s11-heat-map tbody th");
    assert_eq!(rows.len(), agencies.len());
    let red = page.texts("#s11-heat-map tbody tr:nth-child(2) td");
    assert_eq!(red[0], "Red", "{other}'s rating of standard 1");
    // The same summary downloads too, named for its cycle.
    let xlsx = app
        .get(
            &format!(
                "/p/{KINGSTON}/reports?report=section11&cycle=2010&as_at=2010-03-31&format=xlsx"
            ),
            Some(&reader),
        )
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(
        xlsx.headers
            .get("content-disposition")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|d| d.contains("kingston-lscb-section11-2010-2010-03-31.xlsx"))
    );
}

#[tokio::test]
async fn a_readers_audit_report_has_the_grades_and_no_case_reference() {
    let app = app().await;
    let id = audit(&app, KINGSTON).await;
    let path = report("audit", &format!("&audit={id}"));
    for (email, cases) in [
        ("reader@kingston.test", false),
        ("member@kingston.test", true),
        ("manager@kingston.test", true),
    ] {
        let s = app.sign_in(email).await;
        let page = app.get(&path, Some(&s)).await;
        assert_eq!(page.status, StatusCode::OK, "{email}: {}", page.body);
        assert!(
            page.body.contains(&format!("Audit {id}: Neglect")),
            "{email}"
        );
        let area = page.texts("#grades-by-area tbody tr:first-child td");
        assert_eq!(area[..5], ["0", "1", "0", "0", "1"], "{email}: Assessment");
        assert_eq!(page.body.contains(REF), cases, "{email}");
        assert_eq!(page.body.contains("Plan not shared"), cases, "{email}");
    }
    // The public summary holds no case, whoever produces it.
    let s = app.sign_in("manager@kingston.test").await;
    let public = app.get(&report("public", ""), Some(&s)).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(!public.body.contains(REF));
}

#[tokio::test]
async fn an_audit_that_is_missing_or_another_boards_is_named_beside_its_field() {
    let app = app().await;
    let theirs = audit(&app, RIVERFORD).await;
    let s = app.sign_in("manager@kingston.test").await;
    for extra in [
        format!("&audit={theirs}"),
        "&audit=999".to_owned(),
        String::new(),
    ] {
        let page = app.get(&report("audit", &extra), Some(&s)).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{extra}");
        assert!(page.body.contains("href=\"#report-audit\""), "{extra}");
        assert!(!page.body.contains(REF), "{extra}");
    }
    let page = app.get(&report("section11", "&cycle=1999"), Some(&s)).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("There is no Section 11 cycle 1999"));
}

#[tokio::test]
async fn the_register_and_the_board_paper_give_the_risks_above_appetite_as_at_the_date() {
    let app = app().await;
    let r = NewRisk {
        title: "Agencies miss meetings".into(),
        cause: Some("Competing pressures".into()),
        consequence: None,
        owner_role: "LSCB Chair".into(),
        controls: Some("Attendance reported".into()),
        appetite: Some(9),
        review_on: None,
        rating: Rating::new(4, 4).unwrap(),
        rated_on: "2009-06-01".parse().unwrap(),
        actions: vec![],
        indicators: vec![],
    };
    app.store
        .add_risk(KINGSTON, Stamp::now("test"), &r)
        .await
        .unwrap();
    let s = app.sign_in("reader@kingston.test").await;
    let page = app.get(&report("risk-register", ""), Some(&s)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let row = page.texts("#risk-register tbody tr:first-child td");
    assert_eq!(row[3], "16 (very high)", "{row:?}");
    assert!(
        page.body.contains("Agencies miss meetings") && page.body.contains("Attendance reported")
    );
    assert!(page.body.contains("id=\"risk-heat-map\""));
    let paper = app
        .get(
            &format!("/p/{KINGSTON}/reports?report=board-paper&as_at=2009-09-17&format=html"),
            Some(&s),
        )
        .await;
    assert_eq!(paper.status, StatusCode::OK);
    assert!(paper.body.contains("id=\"risks-above-appetite\""));
    let before = app
        .get(
            &format!("/p/{KINGSTON}/reports?report=board-paper&as_at=2009-05-01&format=html"),
            Some(&s),
        )
        .await;
    assert!(
        !before.body.contains("Agencies miss meetings"),
        "not on the register before it was rated"
    );
}
