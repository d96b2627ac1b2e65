//! The API's permissions beyond the matrix (`route_matrix`, which asks every route as every
//! kind of caller): more queries, members of another partnership asking for this one's ids,
//! tokens scoped to one partnership, unknown and malformed tokens, sessions and their CSRF
//! header, and who may write on which action. Every response is also checked against the
//! OpenAPI document.

use crate::api_support::{Api, Auth, figures, json};
use crate::common::{KINGSTON, OUTSIDER, PEOPLE, RIVERFORD};
use domain::AccessRole;

/// Every read route of a partnership, with a real action id of its plan.
fn reads(slug: &str, action: &str) -> Vec<String> {
    let base = format!("/api/v1/partnerships/{slug}");
    vec![
        base.clone(),
        format!("{base}/actions"),
        format!("{base}/actions?status=overdue&per_page=5"),
        format!("{base}/actions/{action}"),
        format!("{base}/actions/{action}/updates"),
        format!("{base}/reviews"),
        format!("{base}/members"),
        // Without imported figures the list is empty, and says why.
        format!("{base}/indicators"),
        format!("{base}/indicators?per_page=5"),
    ]
}

/// The indicator routes once figures are imported.
fn indicator_reads(slug: &str) -> Vec<String> {
    let base = format!("/api/v1/partnerships/{slug}/indicators");
    vec![
        format!("{base}?as_at=2026-01-31"),
        format!("{base}/cpp-subsequent-pct"),
        format!("{base}/cpp-subsequent-pct?area=E09000012&as_at=2026-01-31"),
    ]
}

#[tokio::test]
async fn every_kingston_role_reads_its_indicators_and_the_outsider_reads_none() {
    let api = Api::new().await;
    figures::import(&api.app, KINGSTON, &[figures::D3], Some("2025-11-06")).await;
    let outsider = api.token(OUTSIDER, RIVERFORD).await;
    for (email, _, _) in PEOPLE {
        let token = api.token(email, KINGSTON).await;
        for path in indicator_reads(KINGSTON) {
            let res = api.get(&path, &token).await;
            assert_eq!(res.status, 200, "{email} GET {path}: {}", res.body);
            assert!(
                res.body.contains("cpp-subsequent-pct"),
                "{email} GET {path}"
            );
            let res = api.get(&path, &outsider).await;
            api.problem(&res, 404, &path);
            assert!(
                !res.body.contains("Kingston"),
                "{OUTSIDER} GET {path} leaks the partnership's name"
            );
        }
        for path in indicator_reads(RIVERFORD) {
            api.problem(&api.get(&path, &token).await, 404, &path);
        }
    }
}

#[tokio::test]
async fn every_kingston_role_reads_every_kingston_route_and_the_outsider_reads_none() {
    let api = Api::new().await;
    let outsider = api.token(OUTSIDER, RIVERFORD).await;
    for (email, _, _) in PEOPLE {
        let token = api.token(email, KINGSTON).await;
        for path in reads(KINGSTON, "4.2%232") {
            let res = api.get(&path, &token).await;
            assert_eq!(res.status, 200, "{email} GET {path}: {}", res.body);
            let res = api.get(&path, &outsider).await;
            api.problem(&res, 404, &path);
            assert!(
                !res.body.contains("Kingston"),
                "{OUTSIDER} GET {path} leaks the partnership's name"
            );
        }
    }
}

#[tokio::test]
async fn kingston_tokens_cannot_reach_the_other_partnership_by_its_ids() {
    let api = Api::new().await;
    let outsider = api.token(OUTSIDER, RIVERFORD).await;
    let riverford = api
        .app
        .store
        .load_partnership(RIVERFORD)
        .await
        .unwrap()
        .unwrap();
    let action = riverford.plans[0].objectives[0].actions[0].id.clone();
    for path in reads(RIVERFORD, &action) {
        assert_eq!(api.get(&path, &outsider).await.status, 200, "{path}");
    }
    for (email, _, _) in PEOPLE {
        let token = api.token(email, KINGSTON).await;
        for path in reads(RIVERFORD, &action) {
            let res = api.get(&path, &token).await;
            api.problem(&res, 404, &path);
        }
    }
}

#[tokio::test]
async fn another_partnership_looks_exactly_like_one_that_does_not_exist() {
    let api = Api::new().await;
    let token = api.token("admin@kingston.test", KINGSTON).await;
    let hidden = api
        .get(&format!("/api/v1/partnerships/{RIVERFORD}"), &token)
        .await;
    let missing = api.get("/api/v1/partnerships/no-such-board", &token).await;
    let a = api.problem(&hidden, 404, &format!("/api/v1/partnerships/{RIVERFORD}"));
    let b = api.problem(&missing, 404, "/api/v1/partnerships/no-such-board");
    for field in ["type", "title", "detail"] {
        assert_eq!(a[field], b[field], "{field}");
    }
}

#[tokio::test]
async fn a_token_acts_only_in_its_own_partnership_even_for_a_member_of_both() {
    let api = Api::new().await;
    let account = api
        .app
        .store
        .account_by_email("admin@kingston.test")
        .await
        .unwrap()
        .unwrap();
    api.app
        .store
        .grant_membership(
            "test",
            account.id,
            RIVERFORD,
            AccessRole::Reader,
            &[],
            jiff::Timestamp::now(),
        )
        .await
        .unwrap();
    let kingston_token = api.token("admin@kingston.test", KINGSTON).await;
    let path = format!("/api/v1/partnerships/{RIVERFORD}");
    api.problem(&api.get(&path, &kingston_token).await, 404, &path);
    let list = json(&api.get("/api/v1/partnerships", &kingston_token).await);
    let slugs: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, [KINGSTON]);
    // The same person signed in sees both.
    let session = api.app.sign_in("admin@kingston.test").await;
    let res = api
        .call("GET", &path, Auth::Session(&session, false), &[], None)
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
    let list = json(
        &api.call(
            "GET",
            "/api/v1/partnerships",
            Auth::Session(&session, false),
            &[],
            None,
        )
        .await,
    );
    assert_eq!(list["items"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn no_token_an_unknown_token_a_revoked_token_and_a_malformed_header_are_all_refused() {
    let api = Api::new().await;
    let (id, token) = api.token_with_id("reader@kingston.test", KINGSTON).await;
    let other = api.token("reader@kingston.test", KINGSTON).await;
    let path = format!("/api/v1/partnerships/{KINGSTON}/actions");
    assert_eq!(api.get(&path, &token).await.status, 200);
    api.revoke(id).await;
    // Refused from the very next request, and only that token.
    assert_eq!(api.get(&path, &other).await.status, 200);
    let unknown = format!("bpt_{}", "0".repeat(64));
    let cases: [(&str, Auth); 6] = [
        ("nobody", Auth::Nobody),
        ("revoked", Auth::Token(&token)),
        ("unknown", Auth::Token(&unknown)),
        ("basic", Auth::Header("Basic cmVhZGVyOnBhc3N3b3Jk")),
        ("empty bearer", Auth::Header("Bearer ")),
        ("two tokens", Auth::Header("Bearer a b")),
    ];
    for (what, auth) in cases {
        for p in [path.as_str(), "/api/v1/partnerships"] {
            let res = api.call("GET", p, auth, &[], None).await;
            api.problem(&res, 401, p);
            let challenge = res
                .headers
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_else(|| panic!("{what}: no WWW-Authenticate"));
            assert!(challenge.starts_with("Bearer"), "{what}: {challenge}");
        }
    }
}

#[tokio::test]
async fn an_expired_token_is_refused_exactly_as_an_unknown_one() {
    let api = Api::new().await;
    let expired = api.expired_token("reader@kingston.test", KINGSTON).await;
    let live = api.token("reader@kingston.test", KINGSTON).await;
    let unknown = format!("bpt_{}", "0".repeat(64));
    let path = format!("/api/v1/partnerships/{KINGSTON}/actions");
    assert_eq!(api.get(&path, &live).await.status, 200);
    let refused = api
        .call("GET", &path, Auth::Token(&expired), &[], None)
        .await;
    api.problem(&refused, 401, &path);
    let unknown = api
        .call("GET", &path, Auth::Token(&unknown), &[], None)
        .await;
    assert_eq!(
        refused.body, unknown.body,
        "nothing tells expired from unknown"
    );
    assert_eq!(
        refused.headers.get("www-authenticate"),
        unknown.headers.get("www-authenticate")
    );
}

/// Who may post an update on an action: (email, action, expected status).
const WRITES: [(&str, &str, u16); 8] = [
    ("admin@kingston.test", "1.1", 201),
    ("manager@kingston.test", "1.2", 201),
    // The lead officer holds the Training group chair, which leads objective 3.
    ("lead@kingston.test", "3.1", 201),
    ("lead@kingston.test", "1.1", 403),
    // The board chair signs off; a board member or reader changes nothing.
    ("chair@kingston.test", "1.1", 403),
    ("member@kingston.test", "1.1", 403),
    ("reader@kingston.test", "1.1", 403),
    (OUTSIDER, "1.1", 404),
];

#[tokio::test]
async fn only_officers_and_the_lead_of_an_action_may_post_an_update_on_it() {
    let api = Api::new().await;
    let admin = api.token("admin@kingston.test", KINGSTON).await;
    let body = r#"{"rag":"green","percent":50,"narrative":"On track: the first sessions ran."}"#;
    for (email, action, expect) in WRITES {
        let slug = if email == OUTSIDER {
            RIVERFORD
        } else {
            KINGSTON
        };
        let token = api.token(email, slug).await;
        let path = format!("/api/v1/partnerships/{KINGSTON}/actions/{action}");
        // Read the ETag as someone who may, so that only the role decides.
        let current = api.get(&path, &admin).await;
        let etag = current.headers["etag"].to_str().unwrap().to_string();
        let detail = json(&api.get(&path, &token).await);
        if expect != 404 {
            assert_eq!(
                detail["may_update"],
                expect == 201,
                "{email} may_update on {action}"
            );
        }
        let post = format!("{path}/updates");
        let res = api
            .call(
                "POST",
                &post,
                Auth::Token(&token),
                &[("if-match", &etag)],
                Some(body),
            )
            .await;
        assert_eq!(
            res.status.as_u16(),
            expect,
            "{email} POST {post}: {}",
            res.body
        );
        if expect != 201 {
            api.problem(&res, expect, &post);
        }
    }
}

/// Who may sign off an action rated complete with evidence, and withdraw that sign-off:
/// (email, action, expected status). Refusals come first, so that each success is the first
/// on its action.
const SIGN_OFFS: [(&str, &str, u16); 9] = [
    ("admin@kingston.test", "1.1", 403),
    ("manager@kingston.test", "1.1", 403),
    // Only a chair signs off; the lead officer chairs the Training group, which leads 3.1.
    ("lead@kingston.test", "1.1", 403),
    ("member@kingston.test", "1.1", 403),
    ("reader@kingston.test", "1.1", 403),
    ("member@kingston.test", "3.1", 403),
    (OUTSIDER, "1.1", 404),
    ("chair@kingston.test", "1.1", 200),
    ("lead@kingston.test", "3.1", 200),
];

#[tokio::test]
async fn only_a_sign_off_role_holder_may_sign_off_or_withdraw() {
    let api = Api::new().await;
    let admin = api.token("admin@kingston.test", KINGSTON).await;
    let complete = r#"{"rag":"blue","percent":100,"narrative":"Done.","links":[{"url":"https://example.org/report.pdf"}]}"#;
    for action in ["1.1", "3.1"] {
        let path = format!("/api/v1/partnerships/{KINGSTON}/actions/{action}");
        let etag = api.get(&path, &admin).await.headers["etag"]
            .to_str()
            .unwrap()
            .to_string();
        let res = api
            .call(
                "POST",
                &format!("{path}/updates"),
                Auth::Token(&admin),
                &[("if-match", &etag)],
                Some(complete),
            )
            .await;
        assert_eq!(res.status, 201, "{}", res.body);
    }
    for (email, action, expect) in SIGN_OFFS {
        let slug = if email == OUTSIDER {
            RIVERFORD
        } else {
            KINGSTON
        };
        let token = api.token(email, slug).await;
        let path = format!("/api/v1/partnerships/{KINGSTON}/actions/{action}");
        for (route, body) in [
            ("sign-off", None),
            ("sign-off/withdraw", Some(r#"{"reason":"Not agreed"}"#)),
        ] {
            // The tag is the caller's own view of the action (it says what they may do); a
            // refused caller sends the admin's, so that only the role decides.
            let reader = if expect == 200 { &token } else { &admin };
            let etag = api.get(&path, reader).await.headers["etag"]
                .to_str()
                .unwrap()
                .to_string();
            let post = format!("{path}/{route}");
            let res = api
                .call(
                    "POST",
                    &post,
                    Auth::Token(&token),
                    &[("if-match", &etag)],
                    body,
                )
                .await;
            assert_eq!(
                res.status.as_u16(),
                expect,
                "{email} POST {post}: {}",
                res.body
            );
            if expect != 200 {
                api.problem(&res, expect, &post);
            }
        }
    }
}

#[tokio::test]
async fn every_kingston_role_downloads_its_evidence_and_the_outsider_none() {
    let api = Api::new().await;
    let admin = api.token("admin@kingston.test", KINGSTON).await;
    let path = format!("/api/v1/partnerships/{KINGSTON}/actions/1.1");
    let etag = api.get(&path, &admin).await.headers["etag"]
        .to_str()
        .unwrap()
        .to_string();
    let body = "--b\r\nContent-Disposition: form-data; name=\"update\"\r\n\r\n\
                {\"rag\":\"green\",\"narrative\":\"Minutes attached.\"}\r\n--b\r\n\
                Content-Disposition: form-data; name=\"evidence\"; filename=\"minutes.txt\"\r\n\r\n\
                Minutes of the March meeting.\r\n--b--\r\n";
    let res = api
        .call(
            "POST",
            &format!("{path}/updates"),
            Auth::Token(&admin),
            &[
                ("if-match", &etag),
                ("content-type", "multipart/form-data; boundary=b"),
            ],
            Some(body),
        )
        .await;
    assert_eq!(res.status, 201, "{}", res.body);
    let href = json(&res)["evidence"][0]["href"]
        .as_str()
        .unwrap()
        .to_string();
    for (email, _, _) in PEOPLE {
        let token = api.token(email, KINGSTON).await;
        let got = api.raw("GET", &href, Auth::Token(&token), &[], None).await;
        assert_eq!(got.status, 200, "{email}");
    }
    let outsider = api.token(OUTSIDER, RIVERFORD).await;
    api.problem(&api.get(&href, &outsider).await, 404, &href);
}

#[tokio::test]
async fn a_session_may_read_but_writes_with_it_need_the_csrf_header() {
    let api = Api::new().await;
    let session = api.app.sign_in("manager@kingston.test").await;
    let path = format!("/api/v1/partnerships/{KINGSTON}/actions/2.1");
    let res = api
        .call("GET", &path, Auth::Session(&session, false), &[], None)
        .await;
    assert_eq!(res.status, 200);
    let etag = res.headers["etag"].to_str().unwrap().to_string();
    let body = r#"{"rag":"amber","narrative":"KPI work has started."}"#;
    let post = format!("{path}/updates");
    let refused = api
        .call(
            "POST",
            &post,
            Auth::Session(&session, false),
            &[("if-match", &etag)],
            Some(body),
        )
        .await;
    let p = api.problem(&refused, 403, &post);
    assert_eq!(p["parameter"], "X-CSRF-Token");
    let wrong = Auth::Session(&session, false);
    let forged = api
        .call(
            "POST",
            &post,
            wrong,
            &[("if-match", &etag), ("x-csrf-token", "not-the-token")],
            Some(body),
        )
        .await;
    api.problem(&forged, 403, &post);
    let ok = api
        .call(
            "POST",
            &post,
            Auth::Session(&session, true),
            &[("if-match", &etag)],
            Some(body),
        )
        .await;
    assert_eq!(ok.status, 201, "{}", ok.body);
}

#[tokio::test]
async fn the_openapi_document_needs_no_authentication() {
    let api = Api::new().await;
    let res = api
        .call("GET", "/api/v1/openapi.json", Auth::Nobody, &[], None)
        .await;
    assert_eq!(res.status, 200);
    assert!(json(&res)["paths"].is_object());
}

/// Who may add a person to the member register through the API: (email, expected status).
const REGISTER_WRITES: [(&str, u16); 7] = [
    ("admin@kingston.test", 201),
    ("manager@kingston.test", 201),
    ("lead@kingston.test", 403),
    ("chair@kingston.test", 403),
    ("member@kingston.test", 403),
    ("reader@kingston.test", 403),
    (OUTSIDER, 404),
];

#[tokio::test]
async fn only_officers_may_add_to_the_member_register_and_the_outsider_sees_none_of_it() {
    let api = Api::new().await;
    let post = format!("/api/v1/partnerships/{KINGSTON}/members");
    for (email, expect) in REGISTER_WRITES {
        let slug = if email == OUTSIDER {
            RIVERFORD
        } else {
            KINGSTON
        };
        let token = api.token(email, slug).await;
        let body = format!(r#"{{"name":"Added by {email}","board_role":"member"}}"#);
        let res = api
            .call("POST", &post, Auth::Token(&token), &[], Some(&body))
            .await;
        assert_eq!(
            res.status.as_u16(),
            expect,
            "{email} POST {post}: {}",
            res.body
        );
        if expect != 201 {
            api.problem(&res, expect, &post);
        }
    }
    let people = api.app.store.people(KINGSTON).await.unwrap();
    assert_eq!(
        people.len(),
        2,
        "only the two officers' additions: {people:?}"
    );
    let admin = api.token("admin@kingston.test", KINGSTON).await;
    let id = people[0].id;
    let outsider = api.token(OUTSIDER, RIVERFORD).await;
    for path in [post.clone(), format!("{post}/{id}")] {
        api.problem(&api.get(&path, &outsider).await, 404, &path);
        assert_eq!(api.get(&path, &admin).await.status, 200, "admin GET {path}");
    }
    // Kingston's person is not found under Riverford's address either.
    let theirs = format!("/api/v1/partnerships/{RIVERFORD}/members/{id}");
    api.problem(&api.get(&theirs, &outsider).await, 404, &theirs);
}
