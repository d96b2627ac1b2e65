//! Posting progress updates through the API: `If-Match` is required (428), a stale tag is
//! refused (412) so that no update is lost, a good one is created (201 with `Location`) and
//! shows in the action's status; bodies are read by the domain's rules and refused by field.
//! Every response is checked against the OpenAPI document.

use crate::common;

use crate::api_support::{Api, Auth, json};
use crate::common::KINGSTON;
use serde_json::Value;

fn action(id: &str) -> String {
    format!("/api/v1/partnerships/{KINGSTON}/actions/{id}")
}

const AMBER: &str = r#"{"rag":"amber","percent":40,"narrative":"Half the sessions delivered; two cancelled for snow.","as_of":"2010-01-15","links":[{"url":"https://example.org/minutes.pdf","title":"Minutes"}]}"#;
const GREEN: &str = r#"{"rag":"green","percent":60,"narrative":"Back on track."}"#;

async fn etag(api: &Api, token: &str, id: &str) -> String {
    let res = api.get(&action(id), token).await;
    assert_eq!(res.status, 200, "{}", res.body);
    res.headers["etag"].to_str().unwrap().to_string()
}

async fn post(
    api: &Api,
    token: &str,
    id: &str,
    if_match: Option<&str>,
    body: &str,
) -> common::Response {
    let headers: Vec<(&str, &str)> = if_match.map(|t| ("if-match", t)).into_iter().collect();
    api.call(
        "POST",
        &format!("{}/updates", action(id)),
        Auth::Token(token),
        &headers,
        Some(body),
    )
    .await
}

#[tokio::test]
async fn an_update_without_if_match_is_refused_with_428_and_nothing_is_written() {
    let api = Api::new().await;
    let token = api.token("manager@kingston.test", KINGSTON).await;
    let path = format!("{}/updates", action("2.1"));
    for if_match in [None, Some(" ")] {
        let res = post(&api, &token, "2.1", if_match, AMBER).await;
        let p = api.problem(&res, 428, &path);
        assert_eq!(p["parameter"], "If-Match");
    }
    let list = json(&api.get(&path, &token).await);
    assert_eq!(list["items"], serde_json::json!([]));
}

#[tokio::test]
async fn if_match_star_is_any_current_version_as_http_defines_it() {
    let api = Api::new().await;
    let token = api.token("manager@kingston.test", KINGSTON).await;
    let res = post(&api, &token, "2.1", Some("*"), AMBER).await;
    assert_eq!(res.status, 201, "{}", res.body);
    let list = json(&api.get(&format!("{}/updates", action("2.1")), &token).await);
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_body_wrong_in_itself_is_refused_before_if_match_is_judged() {
    let api = Api::new().await;
    let token = api.token("manager@kingston.test", KINGSTON).await;
    let path = format!("{}/updates", action("2.1"));
    // Not this action's tag: were it judged first, both would be 412.
    let res = post(&api, &token, "2.1", Some("\"\""), "\u{0}").await;
    api.problem(&res, 400, &path);
    let res = post(
        &api,
        &token,
        "2.1",
        Some("\"stale\""),
        r#"{"rag":"purple","narrative":"x"}"#,
    )
    .await;
    assert_eq!(api.problem(&res, 422, &path)["field"], "rag");
    // Longer than the document allows is the body's fault too, whatever the tag.
    let long = format!(r#"{{"rag":"red","narrative":"{}"}}"#, "x".repeat(10_001));
    let res = post(&api, &token, "2.1", Some("\"stale\""), &long).await;
    assert_eq!(api.problem(&res, 422, &path)["field"], "narrative");
}

#[tokio::test]
async fn a_good_update_is_created_with_its_location_and_changes_the_action() {
    let api = Api::new().await;
    let token = api.token("manager@kingston.test", KINGSTON).await;
    let before = etag(&api, &token, "2.1").await;
    let res = post(&api, &token, "2.1", Some(&before), AMBER).await;
    assert_eq!(res.status, 201, "{}", res.body);
    let created = json(&res);
    let location = res.location().to_string();
    assert_eq!(created["href"], location.as_str());
    assert!(location.starts_with(&format!("{}/updates/", action("2.1"))));
    assert_eq!(created["rag"], "amber");
    assert_eq!(created["percent"], 40);
    assert_eq!(created["as_of"], "2010-01-15");
    assert_eq!(created["author"], "manager@kingston.test");
    assert_eq!(created["evidence"][0]["kind"], "link");
    assert_eq!(
        created["evidence"][0]["url"],
        "https://example.org/minutes.pdf"
    );
    let fetched = json(&api.get(&location, &token).await);
    assert_eq!(fetched, created);
    let list = json(&api.get(&format!("{}/updates", action("2.1")), &token).await);
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let after = api.get(&action("2.1"), &token).await;
    assert_ne!(after.headers["etag"], before.as_str(), "the tag moves on");
    let a = json(&after);
    assert_eq!(a["version"], 1);
    assert_eq!(a["status"]["rag"], "amber");
    assert_eq!(a["status"]["percent"], 40);
    // The pages read the same core: the action page shows the new rating too.
    let session = api.app.sign_in("manager@kingston.test").await;
    let page = api
        .app
        .get(&format!("/p/{KINGSTON}/actions/2.1"), Some(&session))
        .await;
    assert!(page.body.contains("Amber"), "the page agrees with the API");
}

#[tokio::test]
async fn a_stale_etag_is_refused_with_412_so_no_update_is_lost() {
    let api = Api::new().await;
    let alice = api.token("manager@kingston.test", KINGSTON).await;
    let bob = api.token("admin@kingston.test", KINGSTON).await;
    // Both read the action; Alice posts first.
    let seen_by_alice = etag(&api, &alice, "6.1").await;
    let seen_by_bob = etag(&api, &bob, "6.1").await;
    let first = post(&api, &alice, "6.1", Some(&seen_by_alice), AMBER).await;
    assert_eq!(first.status, 201, "{}", first.body);
    // Bob's view is stale: his update would hide Alice's without his seeing it.
    let path = format!("{}/updates", action("6.1"));
    let second = post(&api, &bob, "6.1", Some(&seen_by_bob), GREEN).await;
    let p = api.problem(&second, 412, &path);
    assert_eq!(p["type"], "urn:boardplan:problem:stale-version");
    let list = json(&api.get(&path, &bob).await);
    let rags: Vec<&Value> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| &u["rag"])
        .collect();
    assert_eq!(
        rags,
        [&Value::from("amber")],
        "only Alice's update was written"
    );
    // Having looked again, Bob may post.
    let fresh = etag(&api, &bob, "6.1").await;
    let third = post(&api, &bob, "6.1", Some(&fresh), GREEN).await;
    assert_eq!(third.status, 201, "{}", third.body);
    assert_eq!(
        json(&api.get(&action("6.1"), &bob).await)["status"]["rag"],
        "green"
    );
}

#[tokio::test]
async fn the_etag_of_a_past_view_or_another_action_does_not_match() {
    let api = Api::new().await;
    let token = api.token("admin@kingston.test", KINGSTON).await;
    let past = api
        .get(&format!("{}?as_at=2009-12-31", action("7.1")), &token)
        .await;
    let past_tag = past.headers["etag"].to_str().unwrap().to_string();
    let other_tag = etag(&api, &token, "7.2").await;
    let path = format!("{}/updates", action("7.1"));
    for tag in [
        past_tag.as_str(),
        other_tag.as_str(),
        "W/\"weak\"",
        "garbage",
    ] {
        let res = post(&api, &token, "7.1", Some(tag), GREEN).await;
        api.problem(&res, 412, &path);
    }
    let current = etag(&api, &token, "7.1").await;
    let listed = format!("\"nope\", {current}");
    assert_eq!(
        post(&api, &token, "7.1", Some(&listed), GREEN).await.status,
        201
    );
}

#[tokio::test]
async fn a_body_that_breaks_the_rules_is_refused_naming_the_field_and_nothing_is_written() {
    let api = Api::new().await;
    let token = api.token("admin@kingston.test", KINGSTON).await;
    let path = format!("{}/updates", action("9.1"));
    let cases: [(&str, u16, Option<&str>); 8] = [
        (r#"{"rag":"purple","narrative":"x"}"#, 422, Some("rag")),
        (
            r#"{"rag":"red","narrative":"x","percent":140}"#,
            422,
            Some("percent"),
        ),
        (
            r#"{"rag":"red","narrative":"x","percent":-1}"#,
            422,
            Some("percent"),
        ),
        (
            r#"{"rag":"red","narrative":"x","as_of":"2999-12-31"}"#,
            422,
            Some("as_of"),
        ),
        (
            r#"{"rag":"red","narrative":"x","as_of":"soon"}"#,
            422,
            Some("as_of"),
        ),
        (r#"{"rag":"red","narrative":"   "}"#, 422, None),
        (
            r#"{"rag":"red","narrative":"x","links":[{"url":"javascript:alert(1)"}]}"#,
            422,
            None,
        ),
        (r#"{"rag":"red","#, 400, None),
    ];
    for (body, status, field) in cases {
        let tag = etag(&api, &token, "9.1").await;
        let res = post(&api, &token, "9.1", Some(&tag), body).await;
        let p = api.problem(&res, status, &path);
        if let Some(f) = field {
            assert_eq!(p["field"], f, "{body}");
        }
    }
    let tag = etag(&api, &token, "9.1").await;
    let res = api
        .call(
            "POST",
            &path,
            Auth::Token(&token),
            &[("if-match", &tag), ("content-type", "text/plain")],
            Some(GREEN),
        )
        .await;
    api.problem(&res, 415, &path);
    let list = json(&api.get(&path, &token).await);
    assert_eq!(list["items"], serde_json::json!([]), "nothing was written");
}

#[tokio::test]
async fn the_updates_of_a_past_day_leave_out_later_ones() {
    let api = Api::new().await;
    let token = api.token("admin@kingston.test", KINGSTON).await;
    let tag = etag(&api, &token, "10.1").await;
    assert_eq!(
        post(&api, &token, "10.1", Some(&tag), GREEN).await.status,
        201
    );
    let path = format!("{}/updates", action("10.1"));
    assert_eq!(
        json(&api.get(&path, &token).await)["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let then = json(&api.get(&format!("{path}?as_at=2010-03-31"), &token).await);
    assert_eq!(
        then["items"],
        serde_json::json!([]),
        "recorded today, not known then"
    );
    let missing = format!("{path}/999999");
    api.problem(&api.get(&missing, &token).await, 404, &missing);
    let not_a_number = format!("{path}/first");
    api.problem(&api.get(&not_a_number, &token).await, 404, &not_a_number);
}
