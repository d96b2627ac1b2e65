//! Signing in and out, throttling, CSRF and cross-site posts.

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
async fn after_five_failures_even_the_right_password_waits() {
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
    for _ in 0..5 {
        let r = app
            .post(
                "/sign-in",
                Some(&s),
                &[
                    ("csrf", &csrf),
                    ("email", "reader@kingston.test"),
                    ("password", "nope nope nope"),
                ],
            )
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = app
        .post(
            "/sign-in",
            Some(&s),
            &[
                ("csrf", &csrf),
                ("email", "reader@kingston.test"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.body.contains("Wait 15 minutes"), "{}", r.body);
    // Others are not locked out.
    app.sign_in("lead@kingston.test").await;
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
