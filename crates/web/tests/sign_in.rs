//! Signing in and out, throttling by address and account, where sign-in leads, CSRF and
//! cross-site posts.

use crate::common;

use crate::common::{KINGSTON, PASSWORD, app};
use axum::http::StatusCode;

#[tokio::test]
async fn signing_in_with_the_right_password_leads_to_the_board() {
    let app = app().await;
    let s = app.sign_in("lead@kingston.test").await;
    let home = app.get("/", Some(&s)).await;
    assert_eq!(home.status, StatusCode::SEE_OTHER);
    assert_eq!(home.location(), format!("/p/{KINGSTON}"));
    let dash = app.get(home.location(), Some(&s)).await;
    assert_eq!(dash.status, StatusCode::OK);
    assert_eq!(dash.headers.get("cache-control").unwrap(), "no-store");
}

#[tokio::test]
async fn a_wrong_password_is_refused_with_an_error_linked_to_the_field() {
    let app = app().await;
    let form = app.get("/sign-in", None).await;
    let pre = form
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("bp_signin="))
        .unwrap();
    let csrf = pre.trim_start_matches("bp_signin=").to_string();
    let s = common::Session {
        cookie: pre,
        csrf: csrf.clone(),
    };
    let res = app
        .post(
            "/sign-in",
            Some(&s),
            &[
                ("csrf", &csrf),
                ("email", "lead@kingston.test"),
                ("password", "wrong wrong wrong"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert!(res.cookies().iter().all(|c| !c.starts_with("bp_session=")));
    let summary = res.texts(".govuk-error-summary a");
    assert_eq!(summary, vec!["The email address or password is not right"]);
    let link = res
        .html()
        .select(&scraper::Selector::parse(".govuk-error-summary a").unwrap())
        .next()
        .unwrap()
        .attr("href")
        .map(String::from);
    assert_eq!(link.as_deref(), Some("#password"));
    assert!(
        res.body.contains("<title>Error: Sign in"),
        "the title says there is an error"
    );
}

#[tokio::test]
async fn an_unknown_address_gets_the_same_answer_as_a_wrong_password() {
    let app = app().await;
    let form = app.get("/sign-in", None).await;
    let pre = form
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("bp_signin="))
        .unwrap();
    let csrf = pre.trim_start_matches("bp_signin=").to_string();
    let s = common::Session {
        cookie: pre,
        csrf: csrf.clone(),
    };
    let res = app
        .post(
            "/sign-in",
            Some(&s),
            &[
                ("csrf", &csrf),
                ("email", "nobody@x.test"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        res.texts(".govuk-error-summary a"),
        vec!["The email address or password is not right"]
    );
}

#[tokio::test]
async fn five_wrong_passwords_from_one_address_hold_that_address_back_but_not_the_owner() {
    let app = app().await;
    let (guesser, owner) = ("127.0.0.2", "127.0.0.3");
    for _ in 0..5 {
        let r = app
            .try_sign_in_from(guesser, "reader@kingston.test", "nope nope nope")
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = app
        .try_sign_in_from(guesser, "reader@kingston.test", PASSWORD)
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("Wait 15 minutes"), "{}", r.body);
    // The owner, signing in from elsewhere, gets in, and that does not reset the guesser.
    let r = app
        .try_sign_in_from(owner, "reader@kingston.test", PASSWORD)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = app
        .try_sign_in_from(guesser, "reader@kingston.test", PASSWORD)
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // Nor is anyone else held back at the guesser's address.
    let r = app
        .try_sign_in_from(guesser, "lead@kingston.test", PASSWORD)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn a_spray_across_many_accounts_from_one_address_is_held_back() {
    let app = app().await;
    let sprayer = "127.0.0.4";
    for i in 0..20 {
        let r = app
            .try_sign_in_from(sprayer, &format!("person{i}@kingston.test"), "Winter2026!")
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = app
        .try_sign_in_from(sprayer, "reader@kingston.test", PASSWORD)
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("from your network"), "{}", r.body);
    let r = app
        .try_sign_in_from("127.0.0.5", "reader@kingston.test", PASSWORD)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

/// Over real connections to `web::serve`: the address throttled is each connection's peer.
#[tokio::test]
async fn the_server_throttles_by_the_address_each_connection_comes_from() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = app().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = listener.local_addr().unwrap();
    let config = web::WebConfig {
        secure_cookies: false,
        ..web::WebConfig::default()
    };
    let serving = tokio::spawn(web::serve(
        listener,
        web::AppState::new(app.store.clone(), config),
        std::future::pending(),
    ));
    let sign_in = async |from: &str, password: &str| -> String {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.bind(format!("{from}:0").parse().unwrap()).unwrap();
        let mut stream = socket.connect(server).await.unwrap();
        let body = format!(
            "csrf=t&email=reader%40kingston.test&password={}",
            web::error::urlencode(password)
        );
        let req = format!(
            "POST /sign-in HTTP/1.1\r\nHost: {server}\r\nCookie: bp_signin=t\r\n\
             Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n{body}",
            body.len()
        );
        stream.write_all(req.as_bytes()).await.unwrap();
        let mut res = String::new();
        stream.read_to_string(&mut res).await.unwrap();
        res.split(' ').nth(1).unwrap_or_default().to_string()
    };
    for _ in 0..5 {
        assert_eq!(sign_in("127.0.0.2", "nope nope nope").await, "401");
    }
    assert_eq!(sign_in("127.0.0.2", PASSWORD).await, "429");
    assert_eq!(sign_in("127.0.0.3", PASSWORD).await, "303");
    serving.abort();
}

#[tokio::test]
async fn a_sign_in_form_without_its_csrf_cookie_is_refused() {
    let app = app().await;
    let res = app
        .post(
            "/sign-in",
            None,
            &[
                ("csrf", "made-up"),
                ("email", "lead@kingston.test"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert!(res.cookies().iter().all(|c| !c.starts_with("bp_session=")));
}

#[tokio::test]
async fn signing_out_needs_the_sessions_csrf_token_and_ends_the_session() {
    let app = app().await;
    let s = app.sign_in("reader@kingston.test").await;
    let forged = app.post("/sign-out", Some(&s), &[("csrf", "forged")]).await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&format!("/p/{KINGSTON}"), Some(&s)).await.status,
        StatusCode::OK,
        "still signed in"
    );
    let out = app.post("/sign-out", Some(&s), &[("csrf", &s.csrf)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    let after = app.get(&format!("/p/{KINGSTON}"), Some(&s)).await;
    assert_eq!(after.status, StatusCode::SEE_OTHER);
    assert!(
        after.location().starts_with("/sign-in?next="),
        "{}",
        after.location()
    );
}

#[tokio::test]
async fn a_post_from_another_site_is_refused_before_anything_runs() {
    let app = app().await;
    let s = app.sign_in("reader@kingston.test").await;
    let req = axum::http::Request::post("/sign-out")
        .header("cookie", &s.cookie)
        .header("origin", "https://evil.example")
        .header("host", "boardplan.test")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(format!("csrf={}", s.csrf)))
        .unwrap();
    assert_eq!(app.send(req).await.status, StatusCode::FORBIDDEN);
    assert_eq!(
        app.get(&format!("/p/{KINGSTON}"), Some(&s)).await.status,
        StatusCode::OK,
        "session untouched"
    );
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_a_long_new_one() {
    let app = app().await;
    let s = app.sign_in("member@kingston.test").await;
    let bad = app
        .post(
            "/account/password",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("current", "wrong"),
                ("new", "short"),
                ("confirm", "short"),
            ],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        bad.texts(".govuk-error-summary a"),
        vec![
            "Your current password is not right",
            "Password must be at least 12 characters long"
        ]
    );
    let ok = app
        .post(
            "/account/password",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("current", PASSWORD),
                ("new", "a brand new passphrase"),
                ("confirm", "a brand new passphrase"),
            ],
        )
        .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let account = app
        .store
        .account_by_email("member@kingston.test")
        .await
        .unwrap()
        .unwrap();
    assert!(web::auth::password::verify(
        "a brand new passphrase",
        &account.password_hash
    ));
}

#[tokio::test]
async fn the_next_page_after_sign_in_is_never_another_site() {
    let app = app().await;
    let res = app.get("/sign-in?next=//evil.example/", None).await;
    assert!(
        res.body.contains("name=\"next\" value=\"/\""),
        "{}",
        res.body
    );
}

/// `next` values, as sent on the wire, that a browser could read as another site (or that
/// the server once could not even put in a header).
const HOSTILE_NEXT: &[&str] = &[
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%0D%0A/evil.example",
    "/%5Cevil.example",
    "/%5C/evil.example",
    "/\\/evil.example",
    "%5C%5Cevil.example",
    "//evil.example",
    "%2F%2Fevil.example",
    "/%252F/evil.example",
    "/%250A/evil.example",
    "/%255C/evil.example",
    "https://evil.example",
    "https%3A%2F%2Fevil.example",
    "+//evil.example",
    "/%E2%80%A8/evil.example",
];

/// The sign-in form's CSRF cookie, and its token.
async fn form_cookie(app: &common::TestApp, query: &str) -> (common::Response, String, String) {
    let form = app.get(&format!("/sign-in{query}"), None).await;
    let pre = form
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("bp_signin="))
        .unwrap();
    let csrf = pre.trim_start_matches("bp_signin=").to_string();
    (form, pre, csrf)
}

/// Sign in with a form body written out by hand, `next` exactly as given.
async fn sign_in_with_raw_next(app: &common::TestApp, next: &str) -> common::Response {
    let (_, cookie, csrf) = form_cookie(app, "").await;
    let body =
        format!("csrf={csrf}&email=lead%40kingston.test&password=a+long+test+password&next={next}");
    let req = axum::http::Request::post("/sign-in")
        .header("cookie", cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(axum::body::Body::from(body))
        .unwrap();
    app.send(req).await
}

#[tokio::test]
async fn a_next_page_in_the_form_that_could_lead_elsewhere_leads_home() {
    let app = app().await;
    for next in HOSTILE_NEXT {
        let res = sign_in_with_raw_next(&app, next).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{next}: {}", res.body);
        assert_eq!(res.location(), "/", "next={next}");
    }
    let res = sign_in_with_raw_next(&app, "%2Fp%2Fkingston-lscb%2Fplan%3Fas_at%3D2010-01-01").await;
    assert_eq!(res.location(), "/p/kingston-lscb/plan?as_at=2010-01-01");
}

#[tokio::test]
async fn a_next_page_in_the_address_that_could_lead_elsewhere_leads_home() {
    let app = app().await;
    for next in HOSTILE_NEXT {
        // The page carries `next` in a hidden field; the browser posts it back as it is.
        let (form, cookie, csrf) = form_cookie(&app, &format!("?next={next}")).await;
        let carried = form
            .html()
            .select(&scraper::Selector::parse("input[name=next]").unwrap())
            .next()
            .and_then(|e| e.attr("value").map(String::from))
            .unwrap();
        let s = common::Session {
            cookie,
            csrf: csrf.clone(),
        };
        let res = app
            .post(
                "/sign-in",
                Some(&s),
                &[
                    ("csrf", &csrf),
                    ("next", &carried),
                    ("email", "lead@kingston.test"),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "{next}: {}", res.body);
        assert_eq!(res.location(), "/", "next={next}");
    }
}

#[tokio::test]
async fn the_purge_schedule_removes_old_failed_sign_ins_and_expired_sessions_at_once() {
    use jiff::ToSpan;
    let app = app().await;
    let now = jiff::Timestamp::now();
    for at in [now - 2.hours(), now - 1.minute()] {
        app.store
            .record_login_attempt("someone@x.test", "192.0.2.1", at)
            .await
            .unwrap();
    }
    let reader = app
        .store
        .account_by_email("reader@kingston.test")
        .await
        .unwrap()
        .unwrap();
    app.store
        .create_session(reader.id, "expired", "c", now - 10.hours(), now - 2.hours())
        .await
        .unwrap();
    let live = app.sign_in("reader@kingston.test").await;

    // Told to stop at once, it purges once and returns.
    let config = web::WebConfig::default();
    web::auth::purge::run(app.store.clone(), &config, web::auth::purge::EVERY, async {
    })
    .await;

    let left = app
        .store
        .login_failures_since("someone@x.test", "192.0.2.1", now - 3.hours())
        .await
        .unwrap();
    assert_eq!(left.account_here, 1, "only the recent failure is kept");
    let then = now - 5.hours();
    assert!(app.store.session("expired", then).await.unwrap().is_none());
    let page = app.get(&format!("/p/{KINGSTON}"), Some(&live)).await;
    assert_eq!(page.status, StatusCode::OK, "a live session is kept");
}

#[tokio::test]
async fn guessing_the_current_password_on_the_change_form_is_held_back_too() {
    let app = app().await;
    let s = app.sign_in("member@kingston.test").await;
    let change = async |from: &str, current: &str| {
        app.post_from(
            from,
            "/account/password",
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("current", current),
                ("new", "a brand new passphrase"),
                ("confirm", "a brand new passphrase"),
            ],
        )
        .await
    };
    for _ in 0..5 {
        let r = change("127.0.0.6", "a wrong guess").await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
    }
    let r = change("127.0.0.6", PASSWORD).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("Wait 15 minutes"), "{}", r.body);
    // It is the same count as signing in: guessing here holds that back from there too.
    let r = app
        .try_sign_in_from("127.0.0.6", "member@kingston.test", PASSWORD)
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    // The owner, from elsewhere, can still change it.
    let r = change("127.0.0.7", PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}
