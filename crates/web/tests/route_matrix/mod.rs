//! The permission matrix, complete by construction: every route the router serves, as
//! `web::route_table()` writes them down while adding them, is asked by every kind of
//! caller, and the answer is compared with [`table::EXPECT`]. A route without a row there,
//! a path template without a real path in [`table::PATHS`], or a write without a body in
//! [`table::BODIES`] fails the suite, saying the line to add.
//!
//! Every request is one the caller could fully make: a session's forms carry its CSRF token
//! (its API writes the `X-CSRF-Token` header), API writes carry `If-Match` with a current tag,
//! and updates the action's current version, so that a refusal comes from who is asking, not
//! from how they asked. Answers are exact: `ok`, `sign-in`, or the status code, so that a
//! caller let through and then refused for what they sent (400, 422) is told apart from one
//! refused for who they are (401, 403, 404).

mod learning;
mod table;
mod world;

use axum::http::header;

use crate::common::{KINGSTON, Response};
use table::{BODIES, Caller, EXPECT, PATHS, Send};
use world::world;

/// What a response says, in the words of [`table::EXPECT`]: `sign-in` for being sent to sign
/// in first (`/sign-in?next=…`), `ok` for any other success or redirect (signing out, for
/// one, goes to the sign-in page itself), else the status.
fn outcome(res: &Response) -> String {
    let s = res.status;
    if s.is_redirection() && res.location().starts_with("/sign-in?next=") {
        "sign-in".into()
    } else if s.is_success() || s.is_redirection() {
        "ok".into()
    } else {
        s.as_u16().to_string()
    }
}

/// A page's title, or the start of any other body: enough to see why it answered so.
fn gist(body: &str) -> String {
    let title = body
        .split_once("<title>")
        .and_then(|(_, rest)| rest.split_once("</title>"))
        .map(|(title, _)| title.trim());
    title.map_or_else(|| body.chars().take(300).collect(), str::to_string)
}

#[tokio::test]
async fn every_route_answers_every_kind_of_caller_as_expected() {
    let routes = web::route_table();
    let mut problems = Vec::new();
    for (what, table) in [
        (
            "PATHS",
            PATHS.iter().map(|(t, _)| ("", *t)).collect::<Vec<_>>(),
        ),
        ("BODIES", BODIES.iter().map(|(m, t, _)| (*m, *t)).collect()),
        ("EXPECT", EXPECT.iter().map(|(m, t, _)| (*m, *t)).collect()),
    ] {
        for (method, template) in table {
            if !routes
                .iter()
                .any(|r| r.path == template && (method.is_empty() || r.method == method))
            {
                let route = format!("{method} {template}");
                problems.push(format!(
                    "{what} has {}, which the router does not serve: remove it",
                    route.trim()
                ));
            }
        }
    }
    let w = world().await;
    for route in &routes {
        let (method, template) = (route.method, route.path.as_str());
        let path = match PATHS.iter().find(|(t, _)| *t == template) {
            Some((_, p)) => *p,
            None if !template.contains('{') => template,
            None => {
                problems.push(format!(
                    "no real path for {template}: add to PATHS in tests/route_matrix/table.rs \
                     a line such as (\"{template}\", \"{}\"),",
                    template.replace("{slug}", KINGSTON)
                ));
                continue;
            }
        };
        let send = match (
            method,
            BODIES
                .iter()
                .find(|(m, t, _)| *m == method && *t == template),
        ) {
            (_, Some((_, _, send))) => send,
            ("GET", None) | ("ANY", None) => &Send::Nothing,
            _ => {
                problems.push(format!(
                    "no body for {method} {template}: add to BODIES in tests/route_matrix/table.rs \
                     a line such as (\"{method}\", \"{template}\", Send::Form(&[(\"field\", \"value\")])),"
                ));
                continue;
            }
        };
        let sent = if method == "ANY" { "GET" } else { method };
        let mut got = Vec::new();
        for caller in Caller::ALL {
            let path = w.fill(path, caller);
            let res = w
                .api
                .app
                .send(w.request(sent, &path, caller, send).await)
                .await;
            let json = res
                .headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("json"));
            // What the API answers in JSON must be what its document says it answers.
            if json && w.api.doc["paths"][template].is_object() {
                w.api.conform(sent, &path, &res);
            }
            if res.status == 404 {
                assert!(
                    !res.body.contains("Kingston"),
                    "{} {sent} {path} leaks the partnership's name",
                    caller.name()
                );
            }
            got.push((caller, outcome(&res), res.body));
        }
        let observed: Vec<&str> = got.iter().map(|(_, o, _)| o.as_str()).collect();
        let Some((_, _, expected)) = EXPECT
            .iter()
            .find(|(m, t, _)| *m == method && *t == template)
        else {
            problems.push(format!(
                "no expectation for {method} {template}: add to EXPECT in tests/route_matrix/table.rs, \
                 once you have checked that each of these answers is what you mean \
                 (columns: {}):\n    (\"{method}\", \"{template}\", \"{}\"),",
                Caller::ALL.map(Caller::name).join(" "),
                observed.join(" ")
            ));
            continue;
        };
        let expected: Vec<&str> = expected.split_whitespace().collect();
        if expected.len() != Caller::ALL.len() {
            problems.push(format!(
                "EXPECT for {method} {template} has {} answers, not one for each of the {} callers ({})",
                expected.len(),
                Caller::ALL.len(),
                Caller::ALL.map(Caller::name).join(" ")
            ));
            continue;
        }
        for ((caller, outcome, body), want) in got.iter().zip(&expected) {
            if outcome != want {
                problems.push(format!(
                    "{method} {template} as {}: expected {want}, got {outcome} ({})",
                    caller.name(),
                    gist(body)
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The table holds the pages and the API, from every capability, each route once.
#[tokio::test]
async fn the_route_table_lists_the_pages_and_the_api() {
    let routes = web::route_table();
    for (method, path) in [
        ("GET", "/p/{slug}/plan"),
        ("POST", "/p/{slug}/actions/{id}/updates"),
        ("GET", "/api/v1/partnerships/{slug}/actions/{id}"),
        ("POST", "/api/v1/partnerships/{slug}/actions/{id}/sign-off"),
        ("ANY", "/api/v1/{*rest}"),
        ("GET", "/healthz"),
    ] {
        assert!(
            routes.iter().any(|r| r.method == method && r.path == path),
            "{method} {path} is not in the table: {routes:#?}"
        );
    }
    let mut sorted = routes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), routes.len(), "each route is listed once");
}
