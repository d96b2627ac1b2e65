//! A meeting and the plan (issue #12, item 4): an officer promotes an action of the meeting
//! action log into the plan through the meeting's page, and the log then links the plan
//! action it became; a board meeting's page offers the board paper as at its day without
//! anyone uploading it, and the links give that paper.

use axum::http::{StatusCode, header};
use domain::{Meeting, MeetingKind};
use store::Stamp;

use crate::common::{KINGSTON, TestApp, app};

async fn meeting(app: &TestApp, date: &str, subgroup: Option<&str>) -> i64 {
    let m = Meeting {
        date: date.parse().unwrap(),
        kind: if subgroup.is_some() {
            MeetingKind::Subgroup
        } else {
            MeetingKind::Board
        },
        subgroup: subgroup.map(str::to_string),
    };
    app.store
        .add_meeting_with(KINGSTON, Stamp::now("test"), &m, None, None)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_officer_promotes_a_meeting_action_into_the_plan_and_the_log_links_it() {
    let app = app().await;
    let id = meeting(&app, "2009-06-17", None).await;
    let action = app
        .store
        .add_meeting_action(
            KINGSTON,
            Stamp::now("test"),
            id,
            "Agree a protocol for members' induction",
            "Business manager",
            None,
        )
        .await
        .unwrap();
    let path = format!("/p/{KINGSTON}/meetings/{id}");
    let action_text = action.to_string();
    let fields = |s: &crate::common::Session, objective: &'static str| {
        vec![
            ("csrf", s.csrf.clone()),
            ("action", action_text.clone()),
            ("objective", objective.to_string()),
            ("lead", "lscb-chair".to_string()),
            ("due", "2009-11-30".to_string()),
        ]
    };
    let post = |s: &crate::common::Session, f: Vec<(&'static str, String)>| {
        let (app, path) = (&app, &path);
        let s = s.clone();
        async move {
            let form: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post(&format!("{path}/promote"), Some(&s), &form).await
        }
    };

    let member = app.sign_in("member@kingston.test").await;
    let page = app.get(&path, Some(&member)).await;
    assert!(!page.body.contains("/promote\""), "a member gets no form");
    let res = post(&member, fields(&member, "4")).await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);

    let s = app.sign_in("manager@kingston.test").await;
    let page = app.get(&path, Some(&s)).await;
    assert!(page.body.contains(&format!("action=\"{path}/promote\"")));
    assert!(
        page.body
            .contains("4. Clarify and develop the roles of board members")
    );

    let res = post(&s, fields(&s, "99")).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert!(res.body.contains("objective"), "{}", res.body);
    let m = app.store.meeting(KINGSTON, id).await.unwrap();
    assert!(
        m.action_log[0].promoted_to.is_none(),
        "a refusal writes nothing"
    );

    let res = post(&s, fields(&s, "4")).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), format!("{path}#actions"));
    let page = app.get(&path, Some(&s)).await;
    assert!(
        page.body.contains(&format!(
            "Became plan action <a class=\"govuk-link\" href=\"/p/{KINGSTON}/actions/4.4\">4.4</a>"
        )),
        "{}",
        page.body
    );
    assert!(
        !page.body.contains("/promote\""),
        "nothing open is left to promote"
    );
    let plan_action = app
        .get(&format!("/p/{KINGSTON}/actions/4.4"), Some(&s))
        .await;
    assert_eq!(plan_action.status, StatusCode::OK);
    assert!(plan_action.body.contains("Agree a protocol for members"));
    let log = app.store.change_log(KINGSTON).await.unwrap();
    assert!(
        log.iter()
            .any(|c| c.entity == "meeting action" && c.actor != "test"),
        "the promotion is logged with its actor"
    );

    let res = post(&s, fields(&s, "4")).await;
    assert_eq!(res.status, StatusCode::CONFLICT, "promoted once only");
}

#[tokio::test]
async fn a_board_meetings_page_offers_the_board_paper_as_at_its_day() {
    let app = app().await;
    let board = meeting(&app, "2009-06-17", None).await;
    let training = meeting(&app, "2009-07-08", Some("Training")).await;
    let s = app.sign_in("reader@kingston.test").await;
    let page = app
        .get(&format!("/p/{KINGSTON}/meetings/{board}"), Some(&s))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"board-paper\""));
    assert!(
        page.body.contains("the plan as recorded by 17 Jun 2009"),
        "{}",
        page.body
    );
    let paper = format!("/p/{KINGSTON}/reports?report=board-paper&as_at=2009-06-17");
    let view = format!("{paper}&format=html&recorded=yes");
    let docx = format!("{paper}&format=docx&recorded=yes");
    for href in [&view, &docx] {
        assert!(
            page.body.contains(&href.replace('&', "&#38;")),
            "the page links {href}"
        );
    }
    let res = app.get(&view, Some(&s)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        res.body.contains("17 June 2009"),
        "the paper is as at the meeting"
    );
    let res = app.get(&docx, Some(&s)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.headers
            .get(header::CONTENT_DISPOSITION)
            .and_then(|v| v.to_str().ok()),
        Some("attachment; filename=\"kingston-lscb-board-paper-2009-06-17.docx\"")
    );

    let page = app
        .get(&format!("/p/{KINGSTON}/meetings/{training}"), Some(&s))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains("board-paper"),
        "a sub-group's meeting has none"
    );
}

#[tokio::test]
async fn the_api_promotes_a_meeting_action_as_documented_once_and_only_by_an_officer() {
    use crate::api_support::{Api, Auth, json};
    let api = Api::new().await;
    let app = &api.app;
    let id = meeting(app, "2009-06-17", None).await;
    // A sub-group's meeting: another body, whose log does not carry the board's actions.
    let other = meeting(app, "2009-09-16", Some("Training")).await;
    let action = app
        .store
        .add_meeting_action(
            KINGSTON,
            Stamp::now("test"),
            id,
            "Write a job description for board members",
            "Business manager",
            None,
        )
        .await
        .unwrap();
    let path = format!("/api/v1/partnerships/{KINGSTON}/meetings/{id}/actions/{action}/promote");
    let body = r#"{"objective":"4","lead":"lscb-chair","due":"2009-11-30"}"#;
    let call = |token: String, path: String, body: &'static str| {
        let api = &api;
        async move {
            api.call("POST", &path, Auth::Token(&token), &[], Some(body))
                .await
        }
    };

    let member = api.token("member@kingston.test", KINGSTON).await;
    api.problem(&call(member, path.clone(), body).await, 403, &path);
    let manager = api.token("manager@kingston.test", KINGSTON).await;
    // The action is not on that meeting's log: not found through it.
    let elsewhere =
        format!("/api/v1/partnerships/{KINGSTON}/meetings/{other}/actions/{action}/promote");
    api.problem(
        &call(manager.clone(), elsewhere.clone(), body).await,
        404,
        &elsewhere,
    );
    let p = api.problem(
        &call(
            manager.clone(),
            path.clone(),
            r#"{"objective":"99","lead":"lscb-chair","due":"2009-11-30"}"#,
        )
        .await,
        422,
        &path,
    );
    assert!(p["detail"].as_str().unwrap().contains("objective"), "{p}");
    let p = api.problem(
        &call(
            manager.clone(),
            path.clone(),
            r#"{"objective":"4","lead":"lscb-chair","due":"30/11/2009"}"#,
        )
        .await,
        422,
        &path,
    );
    assert_eq!(p["field"], "due", "{p}");
    let res = call(
        manager.clone(),
        path.clone(),
        r#"{"objective":"4","lead":"lscb-chair","due":"2009-11-30","extra":1}"#,
    )
    .await;
    assert!(res.status.is_client_error(), "{}", res.body);
    assert!(
        res.body.contains("extra"),
        "the unknown field is named: {}",
        res.body
    );
    let m = app.store.meeting(KINGSTON, id).await.unwrap();
    assert!(
        m.action_log[0].promoted_to.is_none(),
        "refusals write nothing"
    );

    let res = call(manager.clone(), path.clone(), body).await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let out = json(&res);
    assert_eq!(out["action"], "4.4");
    let href = out["href"].as_str().unwrap().to_string();
    assert_eq!(res.headers["location"], href.as_str());
    let got = json(&api.get(&href, &manager).await);
    assert!(
        got.to_string()
            .contains("Write a job description for board members"),
        "{got}"
    );
    let m = app.store.meeting(KINGSTON, id).await.unwrap();
    assert!(m.action_log[0].promoted_to.is_some(), "the log links it");
    let log = app.store.change_log(KINGSTON).await.unwrap();
    assert!(
        log.iter()
            .any(|c| c.entity == "meeting action" && c.actor != "test"),
        "the promotion is logged with its actor"
    );
    api.problem(&call(manager, path.clone(), body).await, 409, &path);
}
