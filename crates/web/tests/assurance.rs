//! The risk register and Section 11 on the web (issue #13, items 3, 4 and 7): the register
//! page with its heat map, the API checked against the OpenAPI document, and the Section 11
//! rule: a lead officer completes their own agency's return and sees no other agency's until
//! the cycle closes; the panel sees all; readers see counts only.

use axum::http::StatusCode;
use domain::assurance::risks::Rating;
use domain::assurance::section11::{Stage, Standard};
use domain::{BoardRole, Person};
use store::{NewCycle, NewRisk, RatingKind, S11Rating, Stamp};

use crate::api_support::{Api, json};
use crate::common::{KINGSTON, TestApp};

fn day(s: &str) -> domain::Date {
    s.parse().unwrap()
}

async fn add_risk(app: &TestApp) -> i64 {
    let r = NewRisk {
        title: "Agencies miss meetings".into(),
        cause: None,
        consequence: None,
        owner_role: "LSCB Chair".into(),
        controls: Some("Attendance reported".into()),
        appetite: Some(9),
        review_on: None,
        rating: Rating::new(4, 4).unwrap(),
        rated_on: day("2009-06-01"),
        actions: vec![],
        indicators: vec![],
    };
    let id = app
        .store
        .add_risk(KINGSTON, Stamp::now("test"), &r)
        .await
        .unwrap();
    let low = Rating::new(2, 2).unwrap();
    app.store
        .rate_risk(
            KINGSTON,
            Stamp::now("test"),
            id,
            RatingKind::Residual,
            low,
            day("2009-09-01"),
        )
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn every_member_reads_the_register_with_its_heat_map_as_at_a_day() {
    let api = Api::new().await;
    let app = &api.app;
    let id = add_risk(app).await;
    let s = app.sign_in("reader@kingston.test").await;
    let june = app
        .get(&format!("/p/{KINGSTON}/risks?as_at=2009-07-01"), Some(&s))
        .await;
    assert_eq!(june.status, StatusCode::OK, "{}", june.body);
    assert!(june.body.contains("id=\"risk-heat-map\""));
    assert!(june.body.contains("Above appetite") && june.body.contains("16 (4 x 4)"));
    let now = app.get(&format!("/p/{KINGSTON}/risks"), Some(&s)).await;
    assert!(now.body.contains("4 (2 x 2)") && !now.body.contains("Above appetite</strong>"));
    let dashboard = app
        .get(&format!("/p/{KINGSTON}?as_at=2009-07-01"), Some(&s))
        .await;
    assert_eq!(dashboard.status, StatusCode::OK, "{}", dashboard.body);
    assert!(dashboard.body.contains("id=\"risks-above-appetite\""));
    assert!(
        dashboard
            .body
            .contains("Agencies miss meetings</a>: score 16, appetite 9")
    );
    let dashboard = app.get(&format!("/p/{KINGSTON}"), Some(&s)).await;
    assert!(!dashboard.body.contains("risks-above-appetite"));
    let token = api.token("reader@kingston.test", KINGSTON).await;
    let list = json(
        &api.get(
            &format!("/api/v1/partnerships/{KINGSTON}/risks?as_at=2009-07-01"),
            &token,
        )
        .await,
    );
    assert_eq!(list["items"][0]["score"], 16);
    assert_eq!(list["items"][0]["above_appetite"], true);
    let one = api
        .get(
            &format!("/api/v1/partnerships/{KINGSTON}/risks/{id}"),
            &token,
        )
        .await;
    assert_eq!(one.status, StatusCode::OK);
    let one = json(&one);
    assert_eq!(
        (
            one["score"].as_i64(),
            one["history"].as_array().unwrap().len()
        ),
        (Some(4), 2)
    );
    let missing = api
        .get(
            &format!("/api/v1/partnerships/{KINGSTON}/risks/{}", id + 5),
            &token,
        )
        .await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

/// A cycle with two standards, the lead officer linked to the first agency, and the first two
/// agencies' ratings of standard 1; the agencies' names.
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
    for (a, word) in [(&agencies[0], "green"), (&agencies[1], "red")] {
        let r = S11Rating {
            agency: a.clone(),
            standard: "1".into(),
            rating: word.into(),
            evidence: Some("Evidence".into()),
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
async fn a_lead_officer_sees_and_completes_only_their_own_agencys_return_until_the_cycle_closes() {
    let api = Api::new().await;
    let app = &api.app;
    let agencies = cycle(app).await;
    let (own, other) = (&agencies[0], &agencies[1]);
    let lead = app.sign_in("lead@kingston.test").await;
    let page = app.get(&format!("/p/{KINGSTON}/s11"), Some(&lead)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let rows = page.texts("#s11-heat-map tbody th");
    assert_eq!(rows, std::slice::from_ref(own));
    let theirs = format!(
        "/p/{KINGSTON}/s11/2010/return?agency={}",
        other.replace(' ', "+")
    );
    assert_eq!(
        app.get(&theirs, Some(&lead)).await.status,
        StatusCode::FORBIDDEN
    );
    let post = app
        .post(
            &theirs,
            Some(&lead),
            &[("csrf", &lead.csrf), ("rating_2", "green")],
        )
        .await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    let mine = format!("/p/{KINGSTON}/s11/2010/return");
    let form = app.get(&mine, Some(&lead)).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("name=\"rating_2\"") && !form.body.contains("name=\"agreed_1\""));
    let saved = app
        .post(
            &mine,
            Some(&lead),
            &[
                ("csrf", &lead.csrf),
                ("rating_2", "amber"),
                ("signatory", "Director"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let ret = app.store.s11_return(KINGSTON, 2010, own).await.unwrap();
    assert_eq!(
        (ret.lines[1].rating.as_deref(), ret.signatory.as_deref()),
        (Some("amber"), Some("Director"))
    );
    let token = api.token("lead@kingston.test", KINGSTON).await;
    let heat = format!("/api/v1/partnerships/{KINGSTON}/s11/2010/heatmap");
    let cells = json(&api.get(&heat, &token).await)["cells"].clone();
    assert!(
        cells
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["agency"] == own.as_str())
    );
    assert_eq!(cells.as_array().unwrap().len(), 2);
    app.store
        .set_s11_stage(KINGSTON, Stamp::now("test"), 2010, Stage::Closed)
        .await
        .unwrap();
    assert_eq!(app.get(&theirs, Some(&lead)).await.status, StatusCode::OK);
    let cells = json(&api.get(&heat, &token).await)["cells"].clone();
    assert_eq!(cells.as_array().unwrap().len(), agencies.len() * 2);
}

#[tokio::test]
async fn the_panel_sees_every_return_and_readers_see_counts_only() {
    let api = Api::new().await;
    let app = &api.app;
    let agencies = cycle(app).await;
    let heat = format!("/api/v1/partnerships/{KINGSTON}/s11/2010/heatmap");
    for (email, cells) in [
        ("manager@kingston.test", agencies.len() * 2),
        ("chair@kingston.test", agencies.len() * 2),
        ("reader@kingston.test", 0),
        ("member@kingston.test", 0),
    ] {
        let token = api.token(email, KINGSTON).await;
        let body = json(&api.get(&heat, &token).await);
        assert_eq!(body["cells"].as_array().unwrap().len(), cells, "{email}");
        assert_eq!(body["summary"][0]["counts"][0]["count"], 1, "{email}");
    }
    let reader = app.sign_in("reader@kingston.test").await;
    let page = app.get(&format!("/p/{KINGSTON}/s11"), Some(&reader)).await;
    assert!(!page.body.contains("s11-heat-map") && page.body.contains("s11-summary"));
    assert!(
        !page.body.contains(&agencies[1]),
        "a reader sees no agency's return"
    );
    let form = app
        .get(&format!("/p/{KINGSTON}/s11/2010/return"), Some(&reader))
        .await;
    assert_eq!(form.status, StatusCode::FORBIDDEN);
    let bm = app.sign_in("manager@kingston.test").await;
    let other = format!(
        "/p/{KINGSTON}/s11/2010/return?agency={}",
        agencies[1].replace(' ', "+")
    );
    let moderated = app
        .post(
            &other,
            Some(&bm),
            &[
                ("csrf", &bm.csrf),
                ("agreed_1", "amber"),
                ("panel_notes", "Seen"),
            ],
        )
        .await;
    assert_eq!(
        moderated.status,
        StatusCode::SEE_OTHER,
        "{}",
        moderated.body
    );
    let map = app.store.s11_map(KINGSTON, 2010).await.unwrap();
    assert_eq!(map.row(&agencies[1])[0].rating.as_deref(), Some("amber"));
}
