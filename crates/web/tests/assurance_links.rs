//! Section 11 returns' evidence files and improvement actions on the web and in the API, and
//! the golden thread through risks and Section 11 standards (issue #13, items 3 and 5): a
//! lead officer adds files to their own agency's return, and another agency's lead officer
//! is refused them (pages and API) until the cycle closes; an improvement action linked to a
//! plan action puts the standard on the action's thread, and the standard's thread leads back.

use axum::http::{StatusCode, header};
use domain::assurance::risks::Rating;
use domain::assurance::section11::{Stage, Standard};
use domain::{AccessRole, BoardRole, Person};
use store::{NewCycle, NewRisk, Stamp};

use crate::api_support::{Api, Auth, json};
use crate::common::{KINGSTON, PASSWORD, TestApp};

const PDF: &[u8] = b"%PDF-1.4\nTraining records for custody staff\n";

/// A cycle for 2010 with two standards; `lead@` linked to the first agency and a second lead
/// officer, `lead2@`, to the second; the two agencies' names.
async fn cycle(app: &TestApp) -> (String, String) {
    let agencies: Vec<String> = app
        .store
        .agencies(KINGSTON)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.name)
        .collect();
    let hash = web::auth::password::hash(PASSWORD).unwrap();
    let now = jiff::Timestamp::now();
    let id = app
        .store
        .create_account(
            "test",
            KINGSTON,
            "lead2@kingston.test",
            "Lou Lead",
            &hash,
            now,
        )
        .await
        .unwrap();
    app.store
        .grant_membership("test", id, KINGSTON, AccessRole::LeadOfficer, &[], now)
        .await
        .unwrap();
    for (name, email, agency) in [
        ("Lee Lead", "lead@kingston.test", &agencies[0]),
        ("Lou Lead", "lead2@kingston.test", &agencies[1]),
    ] {
        let mut p = Person::new(name, BoardRole::Member);
        p.agency = Some(agency.clone());
        p.account = Some(email.into());
        app.store
            .add_person(KINGSTON, Stamp::now("test"), &p)
            .await
            .unwrap();
    }
    let standards = ["Commitment", "Training"]
        .iter()
        .enumerate()
        .map(|(i, t)| Standard {
            number: (i + 1).to_string(),
            title: (*t).into(),
        })
        .collect();
    let c = NewCycle {
        year: 2010,
        standards: Some(standards),
        ..NewCycle::default()
    };
    app.store
        .add_s11_cycle(KINGSTON, Stamp::now("test"), &c)
        .await
        .unwrap();
    (agencies[0].clone(), agencies[1].clone())
}

fn query(agency: &str) -> String {
    agency.replace(' ', "+")
}

#[tokio::test]
async fn a_lead_officer_adds_evidence_files_that_another_agencys_lead_officer_is_refused() {
    let api = Api::new().await;
    let app = &api.app;
    let (own, other) = cycle(app).await;
    let lead = app.sign_in("lead@kingston.test").await;
    let upload = format!("/p/{KINGSTON}/s11/2010/return/evidence");
    let res = app
        .post_multipart(
            &upload,
            &lead,
            &[("csrf", &lead.csrf), ("standard", "2")],
            Some(("file", "records.pdf", PDF)),
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(
        res.location()
            .starts_with(&format!("/p/{KINGSTON}/s11/2010/return?agency="))
    );
    let r = app.store.s11_return(KINGSTON, 2010, &own).await.unwrap();
    let file = r.lines[1].files[0].clone();
    assert_eq!(
        (file.name.as_str(), file.media_type.as_str()),
        ("records.pdf", "application/pdf")
    );
    let href = format!("/p/{KINGSTON}/s11/2010/evidence/{}", file.id);
    let page = app
        .get(&format!("/p/{KINGSTON}/s11/2010/return"), Some(&lead))
        .await;
    assert!(
        page.body.contains(&href) && page.body.contains("records.pdf"),
        "{}",
        page.body
    );

    // A file Boardplan does not keep is refused with the reason, and nothing is written.
    let html = app
        .post_multipart(
            &upload,
            &lead,
            &[("csrf", &lead.csrf), ("standard", "1")],
            Some(("file", "evidence.html", b"<p>hi</p>")),
        )
        .await;
    assert_eq!(html.status, StatusCode::BAD_REQUEST);
    assert!(
        html.body.contains("a .html file can run in a browser"),
        "{}",
        html.body
    );

    // Their own lead officer and the panel download it; another agency's lead officer and a
    // reader are refused it, and cannot add to the return.
    for (email, status) in [
        ("lead@kingston.test", StatusCode::OK),
        ("manager@kingston.test", StatusCode::OK),
        ("lead2@kingston.test", StatusCode::FORBIDDEN),
        ("reader@kingston.test", StatusCode::FORBIDDEN),
    ] {
        let s = app.sign_in(email).await;
        let got = app.get(&href, Some(&s)).await;
        assert_eq!(got.status, status, "{email}");
        if status == StatusCode::OK {
            assert_eq!(got.body.as_bytes(), PDF, "{email}");
            let disposition = got.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
            assert_eq!(disposition, "attachment; filename=\"records.pdf\"");
            assert!(
                got.headers[header::CONTENT_SECURITY_POLICY]
                    .to_str()
                    .unwrap()
                    .contains("sandbox")
            );
        }
    }
    let lead2 = app.sign_in("lead2@kingston.test").await;
    let theirs = format!("{upload}?agency={}", query(&own));
    let refused = app
        .post_multipart(
            &theirs,
            &lead2,
            &[("csrf", &lead2.csrf), ("standard", "1")],
            Some(("file", "other.pdf", b"%PDF-1.4 other")),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let r = app.store.s11_return(KINGSTON, 2010, &own).await.unwrap();
    assert_eq!(r.lines.iter().map(|l| l.files.len()).sum::<usize>(), 1);
    // Their own return is theirs to add to.
    let mine = app
        .post_multipart(
            &format!("{upload}?agency={}", query(&other)),
            &lead2,
            &[("csrf", &lead2.csrf), ("standard", "1")],
            Some(("file", "mine.txt", b"Our training plan.")),
        )
        .await;
    assert_eq!(mine.status, StatusCode::SEE_OTHER, "{}", mine.body);

    // The API: the return with its files, and each file, only to whoever may see the return.
    let ret = format!(
        "/api/v1/partnerships/{KINGSTON}/s11/2010/returns/{}",
        own.replace(' ', "%20")
    );
    let token = api.token("lead@kingston.test", KINGSTON).await;
    let body = json(&api.get(&ret, &token).await);
    let f = &body["lines"][1]["files"][0];
    assert_eq!(f["name"], "records.pdf");
    let api_href = f["href"].as_str().unwrap().to_string();
    assert_eq!(
        api_href,
        format!(
            "/api/v1/partnerships/{KINGSTON}/s11/2010/evidence/{}",
            file.id
        )
    );
    let got = api
        .raw("GET", &api_href, Auth::Token(&token), &[], None)
        .await;
    assert_eq!((got.status, got.body.as_bytes()), (StatusCode::OK, PDF));
    let token2 = api.token("lead2@kingston.test", KINGSTON).await;
    api.problem(&api.get(&ret, &token2).await, 403, &ret);
    api.problem(&api.get(&api_href, &token2).await, 403, &api_href);
    let missing = format!("/api/v1/partnerships/{KINGSTON}/s11/2010/evidence/999");
    api.problem(&api.get(&missing, &token).await, 404, &missing);

    // Once the cycle is closed, every agency's return is shared.
    app.store
        .set_s11_stage(KINGSTON, Stamp::now("test"), 2010, Stage::Closed)
        .await
        .unwrap();
    assert_eq!(app.get(&href, Some(&lead2)).await.status, StatusCode::OK);
    let got = api
        .raw("GET", &api_href, Auth::Token(&token2), &[], None)
        .await;
    assert_eq!(got.status, StatusCode::OK);
}

#[tokio::test]
async fn an_improvement_action_puts_the_standard_on_the_actions_thread_and_back() {
    let api = Api::new().await;
    let app = &api.app;
    let (own, _) = cycle(app).await;
    let lead = app.sign_in("lead@kingston.test").await;
    let link = format!("/p/{KINGSTON}/s11/2010/return/actions");
    let bad = app
        .post(
            &link,
            Some(&lead),
            &[("csrf", &lead.csrf), ("standard", "2"), ("action", "99.9")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("has no action 99.9"), "{}", bad.body);
    let res = app
        .post(
            &link,
            Some(&lead),
            &[
                ("csrf", &lead.csrf),
                ("standard", "2"),
                ("action", "4.1"),
                ("text", "Train every custody sergeant"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let r = app.store.s11_return(KINGSTON, 2010, &own).await.unwrap();
    assert_eq!(r.lines[1].actions[0].action, "4.1");
    let risk = NewRisk {
        title: "Custody staff miss training".into(),
        cause: None,
        consequence: None,
        owner_role: "LSCB Chair".into(),
        controls: None,
        appetite: Some(6),
        review_on: None,
        rating: Rating::new(3, 4).unwrap(),
        rated_on: "2009-06-01".parse().unwrap(),
        actions: vec![(r.lines[1].actions[0].plan.clone(), "4.1".into())],
        indicators: vec![],
    };
    let risk = app
        .store
        .add_risk(KINGSTON, Stamp::now("test"), &risk)
        .await
        .unwrap();

    // The action's thread names the risk and the standard; the agency and its words only to
    // whoever may see its return.
    let thread = format!("/p/{KINGSTON}/thread/actions/4.1");
    let bm = app.sign_in("manager@kingston.test").await;
    let page = app.get(&thread, Some(&bm)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("Section 11 standards") && page.body.contains("Risks"));
    assert!(
        page.body
            .contains(&format!("/p/{KINGSTON}/thread/s11/2010/2"))
    );
    assert!(
        page.body
            .contains(&format!("/p/{KINGSTON}/thread/risks/{risk}"))
    );
    assert!(page.body.contains("Train every custody sergeant"));
    let reader = app.sign_in("reader@kingston.test").await;
    let page = app.get(&thread, Some(&reader)).await;
    assert!(page.body.contains("improvement action, carried by 4.1"));
    assert!(!page.body.contains("Train every custody sergeant"));

    // And back: from the standard and from the risk to action 4.1.
    for (path, who) in [
        (format!("/p/{KINGSTON}/thread/s11/2010/2"), &bm),
        (format!("/p/{KINGSTON}/thread/risks/{risk}"), &reader),
    ] {
        let page = app.get(&path, Some(who)).await;
        assert_eq!(page.status, StatusCode::OK, "{path}: {}", page.body);
        assert!(page.body.contains(&thread), "{path}: {}", page.body);
    }
    let cycle_page = app.get(&format!("/p/{KINGSTON}/s11"), Some(&reader)).await;
    assert!(
        cycle_page
            .body
            .contains(&format!("/p/{KINGSTON}/thread/s11/2010/2"))
    );
    let register = app
        .get(&format!("/p/{KINGSTON}/risks"), Some(&reader))
        .await;
    assert!(
        register
            .body
            .contains(&format!("/p/{KINGSTON}/thread/risks/{risk}"))
    );
    for missing in [
        "/thread/risks/999",
        "/thread/s11/2010/9",
        "/thread/s11/1990/1",
    ] {
        let res = app
            .get(&format!("/p/{KINGSTON}{missing}"), Some(&reader))
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{missing}");
    }

    // The API's thread carries both kinds, cut the same way.
    let path = format!("/api/v1/partnerships/{KINGSTON}/actions/4.1/thread");
    for (email, shown) in [
        ("manager@kingston.test", true),
        ("reader@kingston.test", false),
    ] {
        let token = api.token(email, KINGSTON).await;
        let body = json(&api.get(&path, &token).await);
        let links = body["links"].as_array().unwrap();
        let s11 = links
            .iter()
            .find(|l| l["kind"] == "section11_standard")
            .unwrap();
        assert_eq!(s11["key"], "2010/2");
        assert_eq!(
            s11["href"],
            format!("/api/v1/partnerships/{KINGSTON}/s11/2010/heatmap")
        );
        let via = s11["via"].as_str().unwrap();
        assert_eq!(
            via.contains("Train every custody sergeant"),
            shown,
            "{email}: {via}"
        );
        assert!(links.iter().any(|l| l["kind"] == "risk"
            && l["key"].as_str().and_then(|k| k.parse::<i64>().ok()) == Some(risk)));
    }
}
