//! Publishing the public summary: off until the board's officers choose it on the board page;
//! while off, the summary is "not found" and the list leaves it out.

use crate::common::{KINGSTON, OUTSIDER, RIVERFORD, Session, TestApp, app};
use axum::http::StatusCode;

async fn set(app: &TestApp, s: &Session, public: &str) -> crate::common::Response {
    app.post(
        &format!("/p/{KINGSTON}/publishing"),
        Some(s),
        &[("csrf", &s.csrf), ("public", public)],
    )
    .await
}

async fn listed(app: &TestApp) -> Vec<String> {
    let res = app.get("/public", None).await;
    assert_eq!(res.status, StatusCode::OK);
    res.texts("main li")
}

#[tokio::test]
async fn until_someone_publishes_it_a_summary_is_not_found_and_not_listed() {
    let app = app().await;
    let summary = app.get(&format!("/public/{KINGSTON}"), None).await;
    let missing = app.get("/public/no-such-board", None).await;
    assert_eq!(summary.status, StatusCode::NOT_FOUND);
    assert_eq!(summary.body, missing.body, "unpublished looks like absent");
    assert!(
        !summary
            .body
            .contains("Establish a lead Child Protection Training Group")
    );
    assert!(listed(&app).await.is_empty());
    assert_eq!(
        app.get(&format!("/public/{RIVERFORD}"), None).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_business_manager_publishes_it_from_the_board_page_and_can_take_it_down() {
    let app = app().await;
    let manager = app.sign_in("manager@kingston.test").await;
    let board = app
        .get(&format!("/p/{KINGSTON}/board"), Some(&manager))
        .await;
    assert!(board.body.contains("Not published"), "{}", board.body);
    assert_eq!(
        board.texts("form[action$='/publishing'] button"),
        ["Publish the public summary"]
    );

    let res = set(&app, &manager, "on").await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(res.location(), format!("/p/{KINGSTON}/board#publishing"));
    let summary = app.get(&format!("/public/{KINGSTON}"), None).await;
    assert_eq!(summary.status, StatusCode::OK);
    assert!(
        summary
            .body
            .contains("Establish a lead Child Protection Training Group")
    );
    let names = listed(&app).await;
    assert_eq!(names.len(), 1, "only Kingston: {names:?}");
    assert!(names[0].contains("Kingston"), "{names:?}");
    let log = app.store.change_log(KINGSTON).await.unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (
            last.entity.as_str(),
            last.entity_key.as_str(),
            last.actor.as_str(),
            last.after.as_deref()
        ),
        (
            "settings",
            "publishing",
            "manager@kingston.test",
            Some("true")
        )
    );

    let board = app
        .get(&format!("/p/{KINGSTON}/board"), Some(&manager))
        .await;
    assert!(board.body.contains("Published"));
    assert_eq!(
        set(&app, &manager, "off").await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        app.get(&format!("/public/{KINGSTON}"), None).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(listed(&app).await.is_empty());
}

#[tokio::test]
async fn only_the_boards_officers_may_publish() {
    let app = app().await;
    let admin = app.sign_in("admin@kingston.test").await;
    for email in [
        "lead@kingston.test",
        "chair@kingston.test",
        "member@kingston.test",
        "reader@kingston.test",
    ] {
        let s = app.sign_in(email).await;
        assert_eq!(
            set(&app, &s, "on").await.status,
            StatusCode::FORBIDDEN,
            "{email}"
        );
        let board = app.get(&format!("/p/{KINGSTON}/board"), Some(&s)).await;
        assert!(
            board.texts("form[action$='/publishing']").is_empty(),
            "{email} is offered the form"
        );
    }
    let outsider = app.sign_in(OUTSIDER).await;
    assert_eq!(
        set(&app, &outsider, "on").await.status,
        StatusCode::NOT_FOUND
    );
    let forged = app
        .post(
            &format!("/p/{KINGSTON}/publishing"),
            Some(&admin),
            &[("csrf", "forged"), ("public", "on")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert!(
        !app.store.published(KINGSTON).await.unwrap(),
        "nothing changed"
    );

    assert_eq!(set(&app, &admin, "on").await.status, StatusCode::SEE_OTHER);
    assert!(app.store.published(KINGSTON).await.unwrap());
}
