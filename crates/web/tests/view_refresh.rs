//! A cached view brought up to date after progress on a few actions (only those actions read
//! again) says exactly what a view read afresh says: every action's rating, completion, due,
//! overdue, stale and at-risk flags, through the API's list, after updates that change an
//! action's completion and the at-risk flags of the actions linked to it.

use serde_json::Value;

use crate::api_support::{Api, Auth, json};
use crate::common::KINGSTON;

fn list() -> String {
    format!("/api/v1/partnerships/{KINGSTON}/actions?per_page=200")
}

/// The statuses the API lists, by action id.
async fn listed(api: &Api, token: &str) -> Vec<(String, Value)> {
    let page = json(&api.get(&list(), token).await);
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| (i["id"].as_str().unwrap().to_string(), i["status"].clone()))
        .collect()
}

/// The same statuses read afresh from the store, as the API writes them.
async fn afresh(api: &Api) -> Vec<(String, Value)> {
    let view = api
        .app
        .store
        .status_view(KINGSTON, None, web::view::today())
        .await
        .unwrap();
    view.plan
        .actions()
        .map(|(_, a)| {
            let s = view.actions.iter().find(|s| s.action == a.id).unwrap();
            let status = serde_json::to_value(web::api::wire::StatusOut::of(Some(s))).unwrap();
            (a.id.clone(), status)
        })
        .collect()
}

async fn post(api: &Api, token: &str, id: &str, body: &str) {
    let path = format!("/api/v1/partnerships/{KINGSTON}/actions/{id}/updates");
    let res = api
        .call(
            "POST",
            &path,
            Auth::Token(token),
            &[("if-match", "*")],
            Some(body),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.body);
}

#[tokio::test]
async fn a_view_refreshed_after_updates_agrees_with_one_read_afresh() {
    let api = Api::new().await;
    let token = api.token("manager@kingston.test", KINGSTON).await;
    // The first read caches the view; the writes after it are progress only.
    assert_eq!(listed(&api, &token).await, afresh(&api).await);

    // An action whose text refers to another: completing it changes its own at-risk flag,
    // and can change the other's.
    let before = listed(&api, &token).await;
    let of = |all: &[(String, Value)], id: &str| {
        all.iter()
            .find(|(a, _)| a == id)
            .map(|(_, s)| s.clone())
            .unwrap()
    };
    let linked: Vec<String> = api
        .app
        .store
        .status_view(KINGSTON, None, web::view::today())
        .await
        .unwrap()
        .plan
        .actions()
        .filter(|(_, a)| !a.references.is_empty())
        .map(|(_, a)| a.id.clone())
        .collect();
    assert!(!linked.is_empty(), "the sample links some actions");
    let id = &linked[0];
    assert_eq!(of(&before, id)["completion"], "not_complete");

    post(
        &api,
        &token,
        id,
        r#"{"rag":"blue","percent":100,"narrative":"Done."}"#,
    )
    .await;
    let after = listed(&api, &token).await;
    assert_eq!(of(&after, id)["completion"], "awaiting_sign_off");
    assert_eq!(of(&after, id)["at_risk"], false);
    assert_eq!(after, afresh(&api).await, "after a blue update");

    post(
        &api,
        &token,
        id,
        r#"{"rag":"red","percent":10,"narrative":"Reopened."}"#,
    )
    .await;
    let other = if id == "16.1" { "15.1" } else { "16.1" };
    post(
        &api,
        &token,
        other,
        r#"{"rag":"green","percent":50,"narrative":"On track."}"#,
    )
    .await;
    let after = listed(&api, &token).await;
    assert_eq!(of(&after, id)["rag"], "red");
    assert_eq!(of(&after, other)["rag"], "green");
    assert_eq!(after, afresh(&api).await, "after two more updates");

    // A meeting is not progress on one action: the view is read afresh, and still agrees.
    api.app
        .store
        .add_meeting(
            KINGSTON,
            store::Stamp::now("test"),
            &domain::Meeting {
                date: web::view::today(),
                kind: domain::MeetingKind::Board,
                subgroup: None,
            },
        )
        .await
        .unwrap();
    assert_eq!(
        listed(&api, &token).await,
        afresh(&api).await,
        "after a meeting"
    );
}

fn updates_of(id: &str) -> String {
    format!("/api/v1/partnerships/{KINGSTON}/actions/{id}/updates")
}

/// The narratives the API lists for action `id`, oldest first.
async fn narratives(api: &Api, token: &str, id: &str) -> Vec<String> {
    json(&api.get(&updates_of(id), token).await)["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|u| u["narrative"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn an_actions_updates_and_etag_read_from_memory_follow_a_write_made_on_another_server() {
    let api = Api::new().await;
    let token = api.token("manager@kingston.test", KINGSTON).await;
    post(
        &api,
        &token,
        "2.1",
        r#"{"rag":"amber","narrative":"First."}"#,
    )
    .await;
    post(
        &api,
        &token,
        "3.1",
        r#"{"rag":"green","narrative":"Other."}"#,
    )
    .await;
    // Both actions' updates and tags are read, so the server holds them.
    assert_eq!(narratives(&api, &token, "2.1").await, ["First."]);
    assert_eq!(narratives(&api, &token, "3.1").await, ["Other."]);
    let action = |id: &str| format!("/api/v1/partnerships/{KINGSTON}/actions/{id}");
    let tag = api.get(&action("2.1"), &token).await.headers["etag"].clone();
    assert_eq!(api.get(&action("2.1"), &token).await.headers["etag"], tag);
    // And the action's page, with its history.
    let session = api.app.sign_in("manager@kingston.test").await;
    let page = format!("/p/{KINGSTON}/actions/2.1");
    let before = api.app.get(&page, Some(&session)).await;
    assert!(before.body.contains("First.") && !before.body.contains("other server"));

    // Another app server on the same database records an update on 2.1.
    let plan = api
        .app
        .store
        .status_view(KINGSTON, None, web::view::today())
        .await
        .unwrap()
        .plan
        .title;
    api.app
        .store
        .record_update(
            KINGSTON,
            store::Stamp::now("elsewhere@kingston.test"),
            &store::ActionKey::new(plan, "2.1"),
            1,
            store::NewUpdate {
                rag: domain::Rag::Red,
                percent: None,
                narrative: "Second, from the other server.".into(),
                as_of: web::view::today(),
                evidence: Vec::new(),
                corrects: None,
            },
        )
        .await
        .unwrap();
    // The next request sees it, and the tag moves on; the other action is as it was.
    assert_eq!(
        narratives(&api, &token, "2.1").await,
        ["First.", "Second, from the other server."]
    );
    let moved = api.get(&action("2.1"), &token).await;
    assert_ne!(moved.headers["etag"], tag, "the tag follows the write");
    assert_eq!(json(&moved)["version"], 2);
    assert_eq!(narratives(&api, &token, "3.1").await, ["Other."]);
    let after = api.app.get(&page, Some(&session)).await;
    assert!(after.body.contains("Second, from the other server."));
    assert!(
        after.body.contains("by elsewhere@kingston.test"),
        "the history has the write"
    );
}

#[tokio::test]
async fn a_post_brings_the_view_up_to_date_before_the_next_reader_asks() {
    let api = Api::new().await;
    let token = api.token("manager@kingston.test", KINGSTON).await;
    let action = format!("/api/v1/partnerships/{KINGSTON}/actions/2.1");
    // Read once, so the server holds the view.
    assert_eq!(
        json(&api.get(&action, &token).await)["status"]["rag"],
        Value::Null
    );
    let (_, misses) = api.app.state.cache.counts();
    post(&api, &token, "2.1", r#"{"rag":"red","narrative":"Stuck."}"#).await;
    // The post's own request found the view in memory; beside its response, the view is
    // refreshed (one miss) with nobody waiting for it.
    let mut waited = 0;
    while api.app.state.cache.counts().1 == misses {
        assert!(waited < 1_000, "the view was not refreshed after the post");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        waited += 1;
    }
    assert_eq!(api.app.state.cache.counts().1, misses + 1);
    // The next reader is served from memory (no miss), and sees the post.
    let read = json(&api.get(&action, &token).await);
    assert_eq!(read["status"]["rag"], "red", "{read}");
    assert_eq!(read["version"], 1);
    assert_eq!(
        api.app.state.cache.counts().1,
        misses + 1,
        "read from memory"
    );
    // And the list agrees with the store read afresh.
    assert_eq!(listed(&api, &token).await, afresh(&api).await);
}

#[tokio::test]
async fn a_reader_who_comes_while_the_posts_refresh_runs_waits_for_it_rather_than_doing_it_again() {
    let api = Api::new().await;
    let token = api.token("manager@kingston.test", KINGSTON).await;
    let action = format!("/api/v1/partnerships/{KINGSTON}/actions/2.1");
    json(&api.get(&action, &token).await);
    let (hits, misses) = api.app.state.cache.counts();
    post(&api, &token, "2.1", r#"{"rag":"red","narrative":"Stuck."}"#).await;
    // Straight after the post, as a client on a kept connection asks: the refresh the post
    // started has not ended (this test's runtime has one thread, and it has not yet let
    // the refresh run), so the reader waits for it and is then served from memory.
    let read = json(&api.get(&action, &token).await);
    assert_eq!(read["status"]["rag"], "red", "{read}");
    assert_eq!(read["version"], 1);
    let (hits_after, misses_after) = api.app.state.cache.counts();
    assert_eq!(
        misses_after,
        misses + 1,
        "the view was brought up to date once"
    );
    assert!(
        hits_after > hits,
        "the reader was served the refreshed view"
    );
}

#[tokio::test]
async fn readers_who_all_come_to_a_view_not_yet_read_read_it_once() {
    let api = Api::new().await;
    let token = api.token("manager@kingston.test", KINGSTON).await;
    let action = |id: &str| format!("/api/v1/partnerships/{KINGSTON}/actions/{id}");
    let (a, b, c, d) = (action("1.1"), action("2.1"), action("3.1"), action("4.1"));
    let (hits, misses) = api.app.state.cache.counts();
    // Four readers at once, as after a restart: the first reads the plan, the others wait
    // for it and are served what it read.
    let read = tokio::join!(
        api.get(&a, &token),
        api.get(&b, &token),
        api.get(&c, &token),
        api.get(&d, &token)
    );
    for res in [read.0, read.1, read.2, read.3] {
        assert_eq!(res.status, 200, "{}", res.body);
    }
    let (hits_after, misses_after) = api.app.state.cache.counts();
    assert_eq!(misses_after, misses + 1, "the plan was read once");
    assert_eq!(hits_after, hits + 3, "the others were served it");
}
