//! The operator's endpoints: `/healthz`, `/readyz` (the database answers and its schema is
//! this build's) and `/metrics` (off by default; behind a bearer token; Prometheus's text
//! format, named by route templates, with counts that move).

use std::collections::HashMap;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use web::operations::MetricsToken;

use crate::common::{KINGSTON, TestApp, app, app_with};

const TOKEN: &str = "a-metrics-token-for-tests-only";

#[tokio::test]
async fn healthz_answers_without_the_database() {
    let app = app().await;
    app.store.close().await;
    let res = app.get("/healthz", None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(res.body, "ok\n");
}

#[tokio::test]
async fn readyz_is_ready_when_the_database_answers_at_this_builds_schema() {
    let app = app().await;
    let res = app.get("/readyz", None).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(res.body, "ready\n");
    assert_eq!(res.headers[header::CACHE_CONTROL], "no-store");
}

#[tokio::test]
async fn readyz_is_503_when_the_database_cannot_be_reached_and_names_no_address() {
    let app = app().await;
    app.store.close().await;
    let res = app.get("/readyz", None).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(res.body, "the database did not answer\n");
    assert!(!res.body.contains(&app.database_url));
}

#[tokio::test]
async fn readyz_is_503_when_the_schema_is_behind_or_ahead_of_this_build() {
    let app = app().await;
    let last = store::SCHEMA_VERSION;
    app.execute(&format!(
        "DELETE FROM schema_migrations WHERE version = {last}"
    ))
    .await;
    let res = app.get("/readyz", None).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(
        res.body.contains(&format!("version {}, behind", last - 1)),
        "{}",
        res.body
    );

    app.execute(&format!(
        "INSERT INTO schema_migrations (version, name, applied_at) \
         VALUES ({last}, 'back', '2026-01-01T00:00:00Z'), ({}, 'future', '2026-01-01T00:00:00Z')",
        last + 1
    ))
    .await;
    let res = app.get("/readyz", None).await;
    assert_eq!(res.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(res.body.contains("newer than this build"), "{}", res.body);
}

#[tokio::test]
async fn metrics_are_off_by_default() {
    let app = app().await;
    let res = scrape(&app, Some(TOKEN)).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert!(!res.body.contains("boardplan_"));
}

async fn metrics_app() -> TestApp {
    app_with(|c| c.metrics_token = Some(MetricsToken::new(TOKEN).unwrap())).await
}

async fn scrape(app: &TestApp, token: Option<&str>) -> crate::common::Response {
    let mut req = Request::get("/metrics");
    if let Some(t) = token {
        req = req.header(header::AUTHORIZATION, format!("Bearer {t}"));
    }
    app.send(req.body(Body::empty()).unwrap()).await
}

#[tokio::test]
async fn metrics_without_the_right_token_get_a_bare_401() {
    let app = metrics_app().await;
    let wrong = format!("{TOKEN}x");
    for token in [None, Some(wrong.as_str()), Some(""), Some(&TOKEN[1..])] {
        let res = scrape(&app, token).await;
        assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{token:?}");
        assert_eq!(res.body, "unauthorized\n");
        assert_eq!(res.headers[header::WWW_AUTHENTICATE], "Bearer");
    }
    // Basic credentials holding the token are not a bearer token.
    let req = Request::get("/metrics")
        .header(header::AUTHORIZATION, format!("Basic {TOKEN}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::UNAUTHORIZED);
}

/// Prometheus's text format, read strictly: every line a `# HELP`/`# TYPE` comment or a
/// sample `name{label="value",…} number`. Samples by their name and labels, as written.
fn parse(text: &str) -> HashMap<String, f64> {
    let mut samples = HashMap::new();
    let mut typed = HashMap::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# ") {
            let mut parts = rest.splitn(3, ' ');
            let (kind, name, what) = (parts.next(), parts.next(), parts.next());
            assert!(
                matches!(kind, Some("HELP" | "TYPE")) && name.is_some() && what.is_some(),
                "bad comment line {line:?}"
            );
            if kind == Some("TYPE") {
                let what = what.unwrap();
                assert!(
                    ["counter", "gauge", "histogram"].contains(&what),
                    "{line:?}"
                );
                typed.insert(name.unwrap().to_string(), what.to_string());
            }
            continue;
        }
        let (series, value) = line.rsplit_once(' ').expect("a sample: series and value");
        let value: f64 = value
            .parse()
            .unwrap_or_else(|_| panic!("value in {line:?}"));
        let name = series.split('{').next().unwrap();
        assert!(
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'),
            "bad name in {line:?}"
        );
        let labels = &series[name.len()..];
        if !labels.is_empty() {
            let inner = labels
                .strip_prefix('{')
                .and_then(|l| l.strip_suffix('}'))
                .unwrap_or_else(|| panic!("labels in {line:?}"));
            for pair in inner.split("\",").filter(|p| !p.is_empty()) {
                let (k, v) = pair.split_once("=\"").expect("label=\"value\"");
                assert!(k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
                assert!(!v.trim_end_matches('"').contains('"'), "{line:?}");
            }
        }
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|s| name.strip_suffix(s).filter(|f| typed.contains_key(*f)))
            .unwrap_or(name);
        assert!(typed.contains_key(family), "no TYPE before {line:?}");
        samples.insert(series.to_string(), value);
    }
    samples
}

fn sample(samples: &HashMap<String, f64>, series: &str) -> f64 {
    *samples
        .get(series)
        .unwrap_or_else(|| panic!("no {series} in {:?}", samples.keys()))
}

#[tokio::test]
async fn metrics_parse_count_requests_by_route_template_and_move() {
    let app = metrics_app().await;
    let s = app.sign_in("reader@kingston.test").await;
    let board = format!("/p/{KINGSTON}");
    assert_eq!(app.get(&board, Some(&s)).await.status, StatusCode::OK);
    let res = scrape(&app, Some(TOKEN)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert!(
        res.headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let before = parse(&res.body);
    let ok = r#"boardplan_http_requests_total{method="GET",route="/p/{slug}",status="2xx"}"#;
    assert_eq!(sample(&before, ok), 1.0);
    assert_eq!(
        sample(
            &before,
            r#"boardplan_http_request_duration_seconds_count{method="GET",route="/p/{slug}"}"#
        ),
        1.0
    );
    // The slug is a route parameter, so it is never a label value; nor is any path asked.
    assert!(!res.body.contains(KINGSTON), "{}", res.body);
    assert!(sample(&before, "boardplan_db_pool_connections") >= 1.0);
    assert!(sample(&before, "boardplan_db_pool_max_connections") >= 1.0);
    sample(&before, "boardplan_db_pool_idle_connections");
    let page_misses = sample(&before, r#"boardplan_cache_misses_total{cache="page"}"#);
    assert!(page_misses >= 1.0);

    // The same page again: one more request, served from the page cache.
    assert_eq!(app.get(&board, Some(&s)).await.status, StatusCode::OK);
    assert_eq!(
        app.get(&format!("/p/{KINGSTON}/nothing-here"), Some(&s))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let after = parse(&scrape(&app, Some(TOKEN)).await.body);
    assert_eq!(sample(&after, ok), 2.0);
    assert!(sample(&after, r#"boardplan_cache_hits_total{cache="page"}"#) >= 1.0);
    assert_eq!(
        sample(&after, r#"boardplan_cache_misses_total{cache="page"}"#),
        page_misses
    );
    // The store's cache of plan trees is counted too: the board's view read a plan.
    let plan_reads = sample(&after, r#"boardplan_cache_hits_total{cache="plan"}"#)
        + sample(&after, r#"boardplan_cache_misses_total{cache="plan"}"#);
    assert!(plan_reads >= 1.0, "{plan_reads}");
    // What matched no route is counted under one name, whatever was asked.
    assert_eq!(
        sample(
            &after,
            r#"boardplan_http_requests_total{method="GET",route="unmatched",status="4xx"}"#
        ),
        1.0
    );
    assert!(
        sample(
            &after,
            r#"boardplan_http_requests_total{method="GET",route="/metrics",status="2xx"}"#
        ) >= 1.0
    );
}

/// A wrong password for `email` posted over a connection from `peer` carrying
/// `X-Forwarded-For: forwarded`.
async fn wrong_password_via(app: &TestApp, peer: &str, forwarded: &str, email: &str) {
    let form = app.get("/sign-in", None).await;
    let pre = form
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("bp_signin="))
        .unwrap();
    let csrf = pre.trim_start_matches("bp_signin=").to_string();
    let body = format!(
        "csrf={csrf}&next=%2F&email={}&password=wrong",
        web::error::urlencode(email)
    );
    let mut req = Request::post("/sign-in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &pre)
        .header("x-forwarded-for", forwarded)
        .body(Body::from(body))
        .unwrap();
    let peer = std::net::SocketAddr::new(peer.parse().unwrap(), 40000);
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo(peer));
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED, "{}", res.body);
}

async fn failures_from(app: &TestApp, email: &str, address: &str) -> i64 {
    let since = jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1);
    app.store
        .login_failures_since(email, address, since)
        .await
        .unwrap()
        .account_here
}

#[tokio::test]
async fn the_sign_in_throttle_believes_x_forwarded_for_only_from_a_named_proxy() {
    let email = "member@kingston.test";
    // Nobody named: the header is ignored, and the proxy's address is everyone's.
    let app = app().await;
    wrong_password_via(&app, "127.0.0.1", "203.0.113.7", email).await;
    assert_eq!(failures_from(&app, email, "127.0.0.1").await, 1);
    assert_eq!(failures_from(&app, email, "203.0.113.7").await, 0);

    let app = app_with(|c| c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()]).await;
    // Through the named proxy: the client it appended, not what the client wrote before it.
    wrong_password_via(&app, "127.0.0.1", "198.51.100.1, 203.0.113.7", email).await;
    assert_eq!(failures_from(&app, email, "203.0.113.7").await, 1);
    assert_eq!(failures_from(&app, email, "198.51.100.1").await, 0);
    assert_eq!(failures_from(&app, email, "127.0.0.1").await, 0);
    // Straight from elsewhere: a header written by the client itself changes nothing.
    wrong_password_via(&app, "192.0.2.9", "203.0.113.7", email).await;
    assert_eq!(failures_from(&app, email, "192.0.2.9").await, 1);
    assert_eq!(failures_from(&app, email, "203.0.113.7").await, 1);
}

#[tokio::test]
async fn the_sign_in_throttle_believes_x_forwarded_for_from_anywhere_in_a_named_range() {
    let email = "member@kingston.test";
    let app = app_with(|c| {
        c.trusted_proxies = vec!["10.0.0.0/8".parse().unwrap(), "fd00::/8".parse().unwrap()]
    })
    .await;
    // From a proxy inside the range, past another inside it, to the client appended.
    wrong_password_via(
        &app,
        "10.1.2.3",
        "198.51.100.1, 203.0.113.7, 10.9.9.9",
        email,
    )
    .await;
    assert_eq!(failures_from(&app, email, "203.0.113.7").await, 1);
    assert_eq!(failures_from(&app, email, "10.1.2.3").await, 0);
    assert_eq!(failures_from(&app, email, "10.9.9.9").await, 0);
    // An IPv6 proxy inside the IPv6 range; the client counted by its /64.
    wrong_password_via(&app, "fd12::1", "2001:db8:1:2::7", email).await;
    assert_eq!(failures_from(&app, email, "2001:db8:1:2::/64").await, 1);
    // Just outside the range: the header is the client's own, and ignored.
    wrong_password_via(&app, "11.0.0.1", "203.0.113.7", email).await;
    assert_eq!(failures_from(&app, email, "11.0.0.1").await, 1);
    assert_eq!(failures_from(&app, email, "203.0.113.7").await, 1);
}
