//! How many reports a server makes at once: beyond its cap a request waits briefly for a turn,
//! then is told to come back (503, `Retry-After`), so readers asking for papers cannot take
//! all its memory.

use std::time::Duration;

use axum::http::{StatusCode, header};

use crate::common::{KINGSTON, Response, Session, TestApp, app_with};

const PAPER: &str = "/reports?report=board-paper&as_at=2010-03-31&format=csv";

async fn paper(app: &TestApp, reader: &Session) -> Response {
    app.get(&format!("/p/{KINGSTON}{PAPER}"), Some(reader))
        .await
}

#[tokio::test]
async fn with_no_turn_free_a_report_waits_briefly_then_is_refused_with_retry_after() {
    let app = app_with(|c| {
        c.max_concurrent_reports = 0;
        c.report_wait = Duration::from_millis(50);
    })
    .await;
    let s = app.sign_in("reader@kingston.test").await;
    let res = paper(&app, &s).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE, "{}", res.body);
    assert_eq!(res.headers[header::RETRY_AFTER], "1");
    assert!(res.body.contains("Try again shortly"), "{}", res.body);
    let page = app.get(&format!("/p/{KINGSTON}/reports"), Some(&s)).await;
    assert_eq!(
        page.status,
        StatusCode::OK,
        "the page itself makes no report"
    );
}

#[tokio::test]
async fn beyond_the_cap_a_report_waits_for_the_one_being_made_and_then_is_made() {
    let app = app_with(|c| {
        c.max_concurrent_reports = 1;
        c.report_wait = Duration::from_secs(30);
    })
    .await;
    let s = app.sign_in("reader@kingston.test").await;
    // A report being made: the only turn is taken.
    let turn = app.state.reports.clone().acquire_owned().await.unwrap();
    let waiting = paper(&app, &s);
    tokio::pin!(waiting);
    assert!(
        tokio::time::timeout(Duration::from_millis(300), &mut waiting)
            .await
            .is_err(),
        "a second report is made while the first one is"
    );
    drop(turn);
    let res = waiting.await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(res.body.contains("Objective"), "{}", res.body);
    assert_eq!(
        app.state.reports.available_permits(),
        1,
        "the turn is given back"
    );
}

#[tokio::test]
async fn concurrent_requests_beyond_the_cap_take_turns_or_are_told_to_come_back() {
    let app = app_with(|c| {
        c.max_concurrent_reports = 1;
        c.report_wait = Duration::from_millis(100);
    })
    .await;
    let s = app.sign_in("reader@kingston.test").await;
    let turn = app.state.reports.clone().acquire_owned().await.unwrap();
    let (a, b) = tokio::join!(paper(&app, &s), paper(&app, &s));
    assert_eq!(
        (a.status, b.status),
        (
            StatusCode::SERVICE_UNAVAILABLE,
            StatusCode::SERVICE_UNAVAILABLE
        )
    );
    drop(turn);
    let (a, b, c) = tokio::join!(paper(&app, &s), paper(&app, &s), paper(&app, &s));
    for res in [a, b, c] {
        assert!(
            [StatusCode::OK, StatusCode::SERVICE_UNAVAILABLE].contains(&res.status),
            "{}",
            res.status
        );
    }
    assert_eq!(app.state.reports.available_permits(), 1);
    assert_eq!(paper(&app, &s).await.status, StatusCode::OK);
}
