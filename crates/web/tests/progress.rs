//! Posting progress updates with evidence, refusals that change nothing, conflicts, and
//! signing off — through the real forms.

use crate::common;

use crate::common::{KINGSTON, Session, TestApp, app};
use axum::http::StatusCode;

const TODAY_ISH: &str = "2026-01-15";

async fn update(
    app: &TestApp,
    s: &Session,
    action: &str,
    rag: &str,
    file: Option<(&str, &[u8])>,
) -> common::Response {
    let version = app.version(action).await.to_string();
    let fields = [
        ("csrf", s.csrf.as_str()),
        ("version", version.as_str()),
        ("rag", rag),
        ("percent", "40"),
        ("as_of", TODAY_ISH),
        (
            "narrative",
            "Training needs analysis done with all agencies.",
        ),
    ];
    let path = format!("/p/{KINGSTON}/actions/{action}/updates");
    app.post_multipart(&path, s, &fields, file.map(|(n, b)| ("evidence", n, b)))
        .await
}

#[tokio::test]
async fn a_lead_posts_an_update_with_evidence_and_the_dashboard_changes() {
    let app = app().await;
    let lead = app.sign_in("lead@kingston.test").await;
    let res = update(
        &app,
        &lead,
        "3.1",
        "amber",
        Some(("needs.txt", b"Needs analysis, March")),
    )
    .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert!(res.location().ends_with("/actions/3.1?done=update#updates"));
    let page = app
        .get(
            &format!("/p/{KINGSTON}/actions/3.1?done=update"),
            Some(&lead),
        )
        .await;
    assert!(page.body.contains("Your update has been posted."));
    assert!(
        page.body
            .contains("Training needs analysis done with all agencies.")
    );
    let link = page
        .html()
        .select(&scraper::Selector::parse("a[href*='/evidence/']").unwrap())
        .next()
        .and_then(|a| a.attr("href").map(String::from))
        .expect("an evidence link");
    let file = app.get(&link, Some(&lead)).await;
    assert_eq!(file.status, StatusCode::OK);
    assert_eq!(file.body, "Needs analysis, March");
    assert!(
        file.headers["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    assert!(
        file.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("sandbox")
    );
    assert_eq!(
        app.get(&link, None).await.status,
        StatusCode::SEE_OTHER,
        "evidence needs sign-in"
    );
    let dash = app.get(&format!("/p/{KINGSTON}"), Some(&lead)).await;
    let amber = dash
        .texts(".govuk-summary-list__row")
        .into_iter()
        .find(|r| r.starts_with("Amber"))
        .unwrap();
    assert_eq!(amber, "Amber 1");
}

#[tokio::test]
async fn only_the_lead_and_the_boards_officers_may_post_updates() {
    let app = app().await;
    let lead = app.sign_in("lead@kingston.test").await;
    assert_eq!(
        update(&app, &lead, "1.1", "green", None).await.status,
        StatusCode::FORBIDDEN,
        "not their action"
    );
    for email in ["reader@kingston.test", "member@kingston.test"] {
        let s = app.sign_in(email).await;
        assert_eq!(
            update(&app, &s, "3.1", "green", None).await.status,
            StatusCode::FORBIDDEN,
            "{email}"
        );
        let page = app
            .get(&format!("/p/{KINGSTON}/actions/3.1"), Some(&s))
            .await;
        assert!(
            !page.body.contains("Post a progress update"),
            "{email} sees no form"
        );
    }
    let manager = app.sign_in("manager@kingston.test").await;
    assert_eq!(
        update(&app, &manager, "1.1", "green", None).await.status,
        StatusCode::SEE_OTHER
    );
}

#[tokio::test]
async fn impossible_values_are_explained_field_by_field_and_nothing_is_saved() {
    let app = app().await;
    let lead = app.sign_in("lead@kingston.test").await;
    let version = app.version("3.1").await.to_string();
    let fields = [
        ("csrf", lead.csrf.as_str()),
        ("version", version.as_str()),
        ("rag", "purple"),
        ("percent", "140"),
        ("as_of", "2090-01-01"),
        ("narrative", " "),
    ];
    let res = app
        .post_multipart(
            &format!("/p/{KINGSTON}/actions/3.1/updates"),
            &lead,
            &fields,
            None,
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let summary = res.texts(".govuk-error-summary a");
    assert_eq!(summary.len(), 4, "{summary:?}");
    assert!(summary[1].contains("0 to 100"));
    let hrefs: Vec<String> = res
        .html()
        .select(&scraper::Selector::parse(".govuk-error-summary a").unwrap())
        .filter_map(|a| a.attr("href").map(String::from))
        .collect();
    assert_eq!(hrefs, vec!["#rag", "#percent", "#as_of", "#narrative"]);
    assert!(res.body.contains("value=\"140\""), "what was typed is kept");
    assert_eq!(app.version("3.1").await, 0, "nothing written");
}

#[tokio::test]
async fn an_html_file_is_refused_as_evidence() {
    let app = app().await;
    let lead = app.sign_in("lead@kingston.test").await;
    let res = update(
        &app,
        &lead,
        "3.1",
        "green",
        Some(("report.html", b"<html><script>alert(1)</script></html>")),
    )
    .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    assert_eq!(res.texts(".govuk-error-summary a").len(), 1);
    assert_eq!(app.version("3.1").await, 0);
}

#[tokio::test]
async fn a_second_update_from_a_stale_page_is_a_conflict_not_an_overwrite() {
    let app = app().await;
    let lead = app.sign_in("lead@kingston.test").await;
    let manager = app.sign_in("manager@kingston.test").await;
    // Both open the form at version 0; the manager posts first.
    let fields = |s: &Session| {
        vec![
            ("csrf".to_string(), s.csrf.clone()),
            ("version".to_string(), "0".to_string()),
            ("rag".to_string(), "green".to_string()),
            ("as_of".to_string(), TODAY_ISH.to_string()),
            ("narrative".to_string(), "On track".to_string()),
        ]
    };
    let path = format!("/p/{KINGSTON}/actions/3.1/updates");
    let post = |s: &Session| {
        let f = fields(s);
        let app = &app;
        let path = path.clone();
        let s = s.clone();
        async move {
            let refs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            app.post_multipart(&path, &s, &refs, None).await
        }
    };
    assert_eq!(post(&manager).await.status, StatusCode::SEE_OTHER);
    let second = post(&lead).await;
    assert_eq!(second.status, StatusCode::CONFLICT);
    assert!(
        second.body.contains("Nothing you entered has been saved"),
        "{}",
        second.body
    );
    assert_eq!(app.version("3.1").await, 1);
}

#[tokio::test]
async fn the_board_chair_signs_off_a_completion_with_evidence_and_readers_cannot() {
    let app = app().await;
    let lead = app.sign_in("lead@kingston.test").await;
    assert_eq!(
        update(
            &app,
            &lead,
            "3.1",
            "blue",
            Some(("plan.txt", b"Training plan 2010-11"))
        )
        .await
        .status,
        StatusCode::SEE_OTHER
    );
    let reader = app.sign_in("reader@kingston.test").await;
    let v = app.version("3.1").await.to_string();
    let refused = app
        .post(
            &format!("/p/{KINGSTON}/actions/3.1/sign-off"),
            Some(&reader),
            &[("csrf", &reader.csrf), ("version", &v)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let chair = app.sign_in("chair@kingston.test").await;
    let page = app
        .get(&format!("/p/{KINGSTON}/actions/3.1"), Some(&chair))
        .await;
    assert!(page.body.contains("Sign off as complete"), "{}", page.body);
    let ok = app
        .post(
            &format!("/p/{KINGSTON}/actions/3.1/sign-off"),
            Some(&chair),
            &[("csrf", &chair.csrf), ("version", &v)],
        )
        .await;
    assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.body);
    let page = app
        .get(&format!("/p/{KINGSTON}/actions/3.1"), Some(&chair))
        .await;
    assert!(
        page.body.contains("Signed off by chair@kingston.test"),
        "{}",
        page.body
    );
    let v = app.version("3.1").await.to_string();
    let no_reason = app
        .post(
            &format!("/p/{KINGSTON}/actions/3.1/sign-off/withdraw"),
            Some(&chair),
            &[("csrf", &chair.csrf), ("version", &v), ("reason", "")],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::BAD_REQUEST);
    let withdrawn = app
        .post(
            &format!("/p/{KINGSTON}/actions/3.1/sign-off/withdraw"),
            Some(&chair),
            &[
                ("csrf", &chair.csrf),
                ("version", &v),
                ("reason", "The plan was not agreed by the board"),
            ],
        )
        .await;
    assert_eq!(
        withdrawn.status,
        StatusCode::SEE_OTHER,
        "{}",
        withdrawn.body
    );
}

#[tokio::test]
async fn an_update_without_the_sessions_csrf_token_is_refused() {
    let app = app().await;
    let lead = app.sign_in("lead@kingston.test").await;
    let forged = Session {
        cookie: lead.cookie.clone(),
        csrf: "forged".into(),
    };
    assert_eq!(
        update(&app, &forged, "3.1", "green", None).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.version("3.1").await, 0);
}
