//! What the pages show, read from their HTML.

use crate::common::{KINGSTON, app};
use axum::http::StatusCode;

#[tokio::test]
async fn the_dashboard_counts_every_action_and_shows_ratings_as_words() {
    let app = app().await;
    let s = app.sign_in("chair@kingston.test").await;
    let res = app
        .get(&format!("/p/{KINGSTON}?as_at=2009-10-15"), Some(&s))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.body.contains("49 actions"), "{}", res.body);
    let tags = res.texts(".govuk-summary-list__key .govuk-tag");
    assert_eq!(
        tags,
        vec![
            "Red",
            "Amber",
            "Green",
            "Complete",
            "Not started",
            "Not rated"
        ]
    );
    // As at 15 October 2009 everything due in September 2009 is overdue.
    let captions = res.texts("caption");
    assert!(
        captions
            .iter()
            .any(|c| c.starts_with("Overdue (") && !c.starts_with("Overdue (0)")),
        "{captions:?}"
    );
    assert!(
        res.body
            .contains("plan as it stood on <strong>15 October 2009</strong>")
    );
}

#[tokio::test]
async fn a_bad_or_future_as_at_date_is_explained() {
    let app = app().await;
    let s = app.sign_in("chair@kingston.test").await;
    let bad = app
        .get(&format!("/p/{KINGSTON}?as_at=31-12-2009"), Some(&s))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("YYYY-MM-DD"), "{}", bad.body);
    let future = app
        .get(&format!("/p/{KINGSTON}?as_at=2090-01-01"), Some(&s))
        .await;
    assert_eq!(future.status, StatusCode::BAD_REQUEST);
    assert!(future.body.contains("in the future"));
}

#[tokio::test]
async fn the_plan_filters_by_lead_and_source() {
    let app = app().await;
    let s = app.sign_in("chair@kingston.test").await;
    let res = app
        .get(&format!("/p/{KINGSTON}/plan?lead=chair-training"), Some(&s))
        .await;
    let headings = res.texts("h2.govuk-heading-m");
    assert_eq!(headings.len(), 3, "objectives 3, 13 and 16: {headings:?}");
    assert!(headings[0].starts_with("3."));
    let res = app
        .get(&format!("/p/{KINGSTON}/plan?source=LR"), Some(&s))
        .await;
    let numbers: Vec<String> = res
        .texts("h2.govuk-heading-m")
        .iter()
        .map(|h| h.split('.').next().unwrap_or("").to_string())
        .collect();
    assert_eq!(numbers, vec!["4", "7", "9", "12", "16"]);
}

#[tokio::test]
async fn my_actions_are_those_my_lead_roles_lead() {
    let app = app().await;
    let s = app.sign_in("lead@kingston.test").await;
    let res = app
        .get(&format!("/p/{KINGSTON}/my-actions"), Some(&s))
        .await;
    assert!(res.body.contains("as Chair Training Group"), "{}", res.body);
    let links = res.texts("td a");
    assert!(
        links.contains(&"3.1".to_string()) && links.contains(&"16.1".to_string()),
        "{links:?}"
    );
    assert!(!links.contains(&"1.1".to_string()));
}

#[tokio::test]
async fn an_action_shows_its_cross_references_both_ways_and_what_it_answers() {
    let app = app().await;
    let s = app.sign_in("reader@kingston.test").await;
    let res = app
        .get(&format!("/p/{KINGSTON}/actions/2.1"), Some(&s))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let body = &res.body;
    assert!(
        body.contains("/actions/10.2"),
        "10.2 is based on 2.1: {body}"
    );
    let dup = app
        .get(&format!("/p/{KINGSTON}/actions/4.2%232"), Some(&s))
        .await;
    assert!(
        dup.body
            .contains("Another action is also numbered 4.2; this one is 4.2#2."),
        "{}",
        dup.body
    );
    let one = app
        .get(&format!("/p/{KINGSTON}/actions/1.1"), Some(&s))
        .await;
    assert!(one.body.contains("/actions/8.1") && one.body.contains("/actions/8.2"));
    let answers = one.texts(".govuk-summary-list__value li");
    assert!(
        answers
            .iter()
            .any(|a| a.starts_with("C&D 1: Ensure there is a clearer focus")),
        "{answers:?}"
    );
    assert_eq!(
        app.get(&format!("/p/{KINGSTON}/actions/99.9"), Some(&s))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_reviews_page_traces_every_recommendation() {
    let app = app().await;
    let s = app.sign_in("reader@kingston.test").await;
    let res = app.get(&format!("/p/{KINGSTON}/reviews"), Some(&s)).await;
    assert_eq!(res.texts("tbody tr").len(), 20, "7 + 8 + 5 recommendations");
    assert!(res.body.contains("No gaps"));
}

#[tokio::test]
async fn the_public_summary_has_no_names_or_internal_detail() {
    let app = app().await;
    app.publish(KINGSTON).await;
    let res = app.get(&format!("/public/{KINGSTON}"), None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.body
            .contains("Establish a lead Child Protection Training Group")
    );
    for internal in [
        "Chair Training",
        "Service Director",
        "Development Officer",
        "@kingston.test",
    ] {
        assert!(
            !res.body.contains(internal),
            "public summary shows {internal}"
        );
    }
}

/// Issue 11, item 9: the picker's "As recorded by then" (or `?as_recorded=`) shows what had
/// been recorded by the end of the day, and every link keeps it.
#[tokio::test]
async fn as_recorded_shows_what_the_board_saw_and_the_links_keep_it() {
    let app = app().await;
    let s = app.sign_in("chair@kingston.test").await;
    let res = app
        .get(&format!("/p/{KINGSTON}?as_recorded=2009-10-15"), Some(&s))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(
        res.body
            .contains("as recorded by the end of <strong>15 October 2009</strong>"),
        "{}",
        res.body
    );
    assert!(
        res.body
            .contains(&format!("/p/{KINGSTON}/plan?as_recorded=2009-10-15")),
        "the plan link keeps the moment"
    );
    let ticked = app
        .get(
            &format!("/p/{KINGSTON}?as_at=2009-10-15&recorded=yes"),
            Some(&s),
        )
        .await;
    assert_eq!(ticked.status, StatusCode::OK);
    assert!(ticked.body.contains("as recorded by the end of"));
    assert!(
        ticked
            .body
            .contains(r#"name="recorded" type="checkbox" value="yes" checked"#),
        "the box stays ticked"
    );
    let as_of = app
        .get(&format!("/p/{KINGSTON}?as_at=2009-10-15"), Some(&s))
        .await;
    assert!(as_of.body.contains("as known now"), "{}", as_of.body);
    let both = app
        .get(
            &format!("/p/{KINGSTON}?as_at=2009-10-15&as_recorded=2009-10-15"),
            Some(&s),
        )
        .await;
    assert_eq!(both.status, StatusCode::BAD_REQUEST);
    assert!(both.body.contains("not both"), "{}", both.body);
}
