//! The audit programme on the web (issue #13, items 1, 2, 5 and 7): the programme and an
//! audit's page for every member, case references for members other than readers only, the
//! case form refusing a name, date or address with the reason beside the reference, the
//! golden thread page, and the API (audits, one audit, its summary, an action's thread)
//! checked against the OpenAPI document.

use axum::http::StatusCode;
use domain::assurance::audits::{
    Audit, AuditKind, AuditRecommendation, AuditStatus, Case, DEFAULT_SCALE, Reason,
};

use crate::api_support::{Api, json};
use crate::common::{KINGSTON, RIVERFORD, TestApp, app};

const REF: &str = "Child A";

async fn plan_title(app: &TestApp) -> String {
    let p = app.store.load_partnership(KINGSTON).await.unwrap().unwrap();
    p.plans.last().unwrap().title.clone()
}

/// An audit of Kingston's with one case, recommending action 10.2.
async fn audit(app: &TestApp, slug: &str) -> i64 {
    let a = Audit {
        year: 2009,
        theme: "Neglect".into(),
        kind: AuditKind::MultiAgencyCaseFile,
        lead: Some("Chair Monitoring & Evaluation".into()),
        starts_on: None,
        ends_on: None,
        status: AuditStatus::InProgress,
        reasons: vec![Reason::Indicator {
            code: "NI 64".into(),
        }],
        areas: vec!["Assessment".into(), "Planning".into()],
        scale: DEFAULT_SCALE.map(String::from).into(),
        reaudit_on: None,
    };
    let stamp = store::Stamp::now("test");
    let id = app.store.add_audit(slug, stamp, &a).await.unwrap().id;
    let agency = app.store.agencies(slug).await.unwrap()[0].name.clone();
    let c = Case {
        reference: REF.into(),
        agencies: vec![agency],
        grades: vec![("Assessment".into(), "good".into())],
        strengths: None,
        findings: Some("Plan not shared".into()),
    };
    app.store.add_audit_case(slug, stamp, id, &c).await.unwrap();
    if slug == KINGSTON {
        let rec = AuditRecommendation {
            text: "Tie the audit programme to the KPIs".into(),
            plan: Some(plan_title(app).await),
            action: Some("10.2".into()),
        };
        app.store
            .add_audit_recommendation(slug, stamp, id, &rec)
            .await
            .unwrap();
    }
    id
}

#[tokio::test]
async fn everyone_sees_the_programme_and_summary_and_only_non_readers_see_case_references() {
    let app = app().await;
    let id = audit(&app, KINGSTON).await;
    for (email, cases, form) in [
        ("reader@kingston.test", false, false),
        ("member@kingston.test", true, false),
        ("manager@kingston.test", true, true),
    ] {
        let s = app.sign_in(email).await;
        let list = app.get(&format!("/p/{KINGSTON}/audits"), Some(&s)).await;
        assert_eq!(list.status, StatusCode::OK, "{email}");
        assert!(list.body.contains("Neglect") && list.body.contains("indicator NI 64"));
        let page = app
            .get(&format!("/p/{KINGSTON}/audits/{id}"), Some(&s))
            .await;
        assert_eq!(page.status, StatusCode::OK, "{email}");
        assert!(page.body.contains("<svg") && page.body.contains("Grades by practice area"));
        assert_eq!(page.texts("#by-area tbody tr").len(), 2, "{email}");
        assert_eq!(page.body.contains(REF), cases, "{email}");
        assert_eq!(page.body.contains("Plan not shared"), cases, "{email}");
        assert_eq!(page.body.contains("Add the case"), form, "{email}");
        assert!(
            page.body.contains("/thread/actions/10.2"),
            "the way back to the plan"
        );
    }
    // Case references are never on the public pages.
    app.publish(KINGSTON).await;
    let public = app.get(&format!("/public/{KINGSTON}"), None).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(!public.body.contains(REF));
}

#[tokio::test]
async fn the_case_form_refuses_a_name_date_or_address_saying_why_and_writes_nothing() {
    let app = app().await;
    let id = audit(&app, KINGSTON).await;
    let s = app.sign_in("manager@kingston.test").await;
    let agency = app.store.agencies(KINGSTON).await.unwrap()[1].name.clone();
    let path = format!("/p/{KINGSTON}/audits/{id}/cases");
    for (reference, why) in [
        ("Jamie Brown", "name"),
        ("born 3 March 2004", "date of birth"),
        ("9 Penrhyn Road", "address"),
    ] {
        let form = [
            ("csrf", s.csrf.as_str()),
            ("reference", reference),
            ("agency", agency.as_str()),
            ("grade_0", "good"),
        ];
        let res = app.post(&path, Some(&s), &form).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{reference}");
        let beside = res.texts("#reference-error");
        assert!(
            beside.len() == 1 && beside[0].contains(why),
            "{reference}: {beside:?}"
        );
        assert!(res.body.contains("checked"), "the agency stays ticked");
    }
    assert_eq!(app.store.audit_cases(KINGSTON, id).await.unwrap().len(), 1);
    let form = [
        ("csrf", s.csrf.as_str()),
        ("reference", "C-2009-002"),
        ("agency", agency.as_str()),
        ("grade_0", "inadequate"),
        ("grade_1", "good"),
    ];
    let res = app.post(&path, Some(&s), &form).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let cases = app.store.audit_cases(KINGSTON, id).await.unwrap();
    assert_eq!(cases[1].case.grades.len(), 2);
    let log = app.store.change_log(KINGSTON).await.unwrap();
    assert_eq!(log.last().unwrap().actor, "manager@kingston.test");
    // A reader, or a forged form, writes nothing.
    let r = app.sign_in("reader@kingston.test").await;
    let res = app
        .post(
            &path,
            Some(&r),
            &[("csrf", r.csrf.as_str()), ("reference", "Child Z")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let res = app
        .post(
            &path,
            Some(&s),
            &[("csrf", "forged"), ("reference", "Child Z")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(app.store.audit_cases(KINGSTON, id).await.unwrap().len(), 2);
}

#[tokio::test]
async fn another_partnerships_audit_looks_like_one_that_does_not_exist() {
    let app = app().await;
    let theirs = audit(&app, RIVERFORD).await;
    let s = app.sign_in("admin@kingston.test").await;
    let res = app
        .get(&format!("/p/{KINGSTON}/audits/{theirs}"), Some(&s))
        .await;
    let missing = app
        .get(&format!("/p/{KINGSTON}/audits/999999"), Some(&s))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(res.body, missing.body);
}

#[tokio::test]
async fn the_golden_thread_page_runs_from_an_action_and_an_objective_to_the_audit() {
    let app = app().await;
    let id = audit(&app, KINGSTON).await;
    let s = app.sign_in("reader@kingston.test").await;
    for path in ["/thread/actions/10.2", "/thread/objectives/10"] {
        let res = app.get(&format!("/p/{KINGSTON}{path}"), Some(&s)).await;
        assert_eq!(res.status, StatusCode::OK, "{path}");
        assert!(
            res.body.contains(&format!("/p/{KINGSTON}/audits/{id}")),
            "{path}: {}",
            res.body
        );
        assert!(res.body.contains("NI 64"), "{path}");
        assert!(!res.body.contains(REF));
    }
    let res = app
        .get(&format!("/p/{KINGSTON}/thread/actions/99.9"), Some(&s))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_api_gives_the_programme_an_audit_its_summary_and_a_thread_without_case_references() {
    let api = Api::new().await;
    let id = audit(&api.app, KINGSTON).await;
    let reader = api.token("reader@kingston.test", KINGSTON).await;
    let base = format!("/api/v1/partnerships/{KINGSTON}");
    for path in [
        format!("{base}/audits"),
        format!("{base}/audits/{id}"),
        format!("{base}/audits/{id}/summary"),
        format!("{base}/actions/10.2/thread"),
    ] {
        let res = api.get(&path, &reader).await;
        assert_eq!(res.status, StatusCode::OK, "{path}: {}", res.body);
        api.conform("GET", &path, &res);
        assert!(!res.body.contains(REF), "{path}");
    }
    let list = json(&api.get(&format!("{base}/audits"), &reader).await);
    assert_eq!(list["items"][0]["kind"], "multi_agency_case_file");
    assert_eq!(list["items"][0]["reasons"][0], "indicator:NI 64");
    let summary = json(
        &api.get(&format!("{base}/audits/{id}/summary"), &reader)
            .await,
    );
    assert_eq!(summary["by_area"][0]["counts"][1], 1);
    assert_eq!(summary["by_area"][0]["good_or_better_percent"], 100.0);
    let thread = json(
        &api.get(&format!("{base}/actions/10.2/thread"), &reader)
            .await,
    );
    let kinds: Vec<&str> = thread["links"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"audit") && kinds.contains(&"indicator"),
        "{thread}"
    );
    let res = api.get(&format!("{base}/audits/999999"), &reader).await;
    api.problem(&res, 404, &format!("{base}/audits/999999"));
}
