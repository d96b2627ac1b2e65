//! Signing off through the API: only a sign-off role holder may (403 otherwise, as on the
//! pages), only once the action is rated complete with evidence (422), with `If-Match` as
//! for updates (428, 412); a sign-off is withdrawn only with a reason; another partnership's
//! actions are not there (404). Every response is checked against the OpenAPI document.

use crate::common;

use crate::api_support::{Api, Auth, json};
use crate::common::{KINGSTON, OUTSIDER, RIVERFORD};
use serde_json::Value;

fn action(id: &str) -> String {
    format!("/api/v1/partnerships/{KINGSTON}/actions/{id}")
}

const COMPLETE: &str = r#"{"rag":"blue","percent":100,"narrative":"Training plan agreed and published.","links":[{"url":"https://example.org/training-plan.pdf","title":"Training plan"}]}"#;
const COMPLETE_NO_EVIDENCE: &str =
    r#"{"rag":"blue","percent":100,"narrative":"Done, papers to follow."}"#;

async fn etag(api: &Api, token: &str, id: &str) -> String {
    let res = api.get(&action(id), token).await;
    assert_eq!(res.status, 200, "{}", res.body);
    res.headers["etag"].to_str().unwrap().to_string()
}

async fn post(
    api: &Api,
    token: &str,
    path: &str,
    if_match: Option<&str>,
    body: Option<&str>,
) -> common::Response {
    let headers: Vec<(&str, &str)> = if_match.map(|t| ("if-match", t)).into_iter().collect();
    api.call("POST", path, Auth::Token(token), &headers, body)
        .await
}

/// Rate `id` complete, as the business manager.
async fn complete(api: &Api, id: &str, body: &str) {
    let manager = api.token("manager@kingston.test", KINGSTON).await;
    let tag = etag(api, &manager, id).await;
    let path = format!("{}/updates", action(id));
    let res = post(api, &manager, &path, Some(&tag), Some(body)).await;
    assert_eq!(res.status, 201, "{}", res.body);
}

#[tokio::test]
async fn the_chair_signs_off_a_complete_action_with_evidence_and_cannot_twice() {
    let api = Api::new().await;
    complete(&api, "3.1", COMPLETE).await;
    let chair = api.token("chair@kingston.test", KINGSTON).await;
    let before = etag(&api, &chair, "3.1").await;
    let path = format!("{}/sign-off", action("3.1"));
    let res = post(&api, &chair, &path, Some(&before), None).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let s = json(&res);
    assert_eq!(s["by"], "chair@kingston.test");
    assert_eq!(s["role"], "lscb-chair");
    assert_eq!(s["action"], "3.1");
    assert_eq!(s["withdrawn"], Value::Null);
    let after = etag(&api, &chair, "3.1").await;
    assert_ne!(after, before, "a sign-off moves the action's tag on");
    let again = post(&api, &chair, &path, Some(&after), None).await;
    let p = api.problem(&again, 409, &path);
    assert!(p["detail"].as_str().unwrap().contains("withdraw"), "{p}");
    // The pages read the same core.
    let session = api.app.sign_in("chair@kingston.test").await;
    let page = api
        .app
        .get(&format!("/p/{KINGSTON}/actions/3.1"), Some(&session))
        .await;
    assert!(page.body.contains("Signed off by chair@kingston.test"));
}

#[tokio::test]
async fn a_withdrawal_without_a_reason_is_refused_before_its_if_match_is_judged() {
    let api = Api::new().await;
    complete(&api, "3.1", COMPLETE).await;
    let chair = api.token("chair@kingston.test", KINGSTON).await;
    let path = format!("{}/sign-off", action("3.1"));
    let res = post(&api, &chair, &path, Some("*"), None).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let withdraw = format!("{path}/withdraw");
    let headers = [
        ("if-match", "\"stale\""),
        ("content-type", "application/json"),
    ];
    let res = api
        .call("POST", &withdraw, Auth::Token(&chair), &headers, Some("{}"))
        .await;
    assert_eq!(api.problem(&res, 422, &withdraw)["field"], "reason");
    let long = format!(r#"{{"reason":"{}"}}"#, "x".repeat(2001));
    let res = api
        .call(
            "POST",
            &withdraw,
            Auth::Token(&chair),
            &headers,
            Some(&long),
        )
        .await;
    assert_eq!(api.problem(&res, 422, &withdraw)["field"], "reason");
    let headers = [("if-match", "*"), ("content-type", "application/json")];
    let res = api
        .call(
            "POST",
            &withdraw,
            Auth::Token(&chair),
            &headers,
            Some(r#"{"reason":"Signed off in error"}"#),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.body);
}

#[tokio::test]
async fn only_a_sign_off_role_holder_may_sign_off_or_withdraw_not_officers_or_readers() {
    let api = Api::new().await;
    // 1.1 is not led from the Training group, whose chair the lead officer is.
    complete(&api, "1.1", COMPLETE).await;
    let admin = api.token("admin@kingston.test", KINGSTON).await;
    let tag = etag(&api, &admin, "1.1").await;
    let sign = format!("{}/sign-off", action("1.1"));
    let withdraw = format!("{sign}/withdraw");
    let reason = Some(r#"{"reason":"Not agreed by the board"}"#);
    for email in [
        "lead@kingston.test",
        "manager@kingston.test",
        "admin@kingston.test",
        "member@kingston.test",
        "reader@kingston.test",
    ] {
        let token = api.token(email, KINGSTON).await;
        let res = post(&api, &token, &sign, Some(&tag), None).await;
        let p = api.problem(&res, 403, &sign);
        assert!(p["detail"].as_str().unwrap().contains("chair"), "{p}");
        let res = post(&api, &token, &withdraw, Some(&tag), reason).await;
        api.problem(&res, 403, &withdraw);
    }
    assert_eq!(etag(&api, &admin, "1.1").await, tag, "nothing was written");
    // The chair of the sub-group an action's lead belongs to may sign it off, as on the pages.
    complete(&api, "3.1", COMPLETE).await;
    let lead = api.token("lead@kingston.test", KINGSTON).await;
    let tag = etag(&api, &lead, "3.1").await;
    let sign = format!("{}/sign-off", action("3.1"));
    let res = post(&api, &lead, &sign, Some(&tag), None).await;
    assert_eq!(res.status, 200, "{}", res.body);
    assert_eq!(json(&res)["role"], "chair-training");
}

#[tokio::test]
async fn an_action_not_rated_complete_or_without_evidence_is_not_signed_off() {
    let api = Api::new().await;
    let chair = api.token("chair@kingston.test", KINGSTON).await;
    let path = format!("{}/sign-off", action("3.1"));
    let tag = etag(&api, &chair, "3.1").await;
    let p = api.problem(
        &post(&api, &chair, &path, Some(&tag), None).await,
        422,
        &path,
    );
    assert!(p["detail"].as_str().unwrap().contains("blue"), "{p}");
    complete(&api, "3.1", COMPLETE_NO_EVIDENCE).await;
    let tag = etag(&api, &chair, "3.1").await;
    let p = api.problem(
        &post(&api, &chair, &path, Some(&tag), None).await,
        422,
        &path,
    );
    assert!(p["detail"].as_str().unwrap().contains("evidence"), "{p}");
    assert_eq!(etag(&api, &chair, "3.1").await, tag, "nothing was written");
}

#[tokio::test]
async fn a_sign_off_is_withdrawn_only_with_a_reason() {
    let api = Api::new().await;
    complete(&api, "3.1", COMPLETE).await;
    let chair = api.token("chair@kingston.test", KINGSTON).await;
    let sign = format!("{}/sign-off", action("3.1"));
    let withdraw = format!("{sign}/withdraw");
    let tag = etag(&api, &chair, "3.1").await;
    // Nothing to withdraw yet.
    let body = Some(r#"{"reason":"The plan was not agreed by the board"}"#);
    api.problem(
        &post(&api, &chair, &withdraw, Some(&tag), body).await,
        422,
        &withdraw,
    );
    assert_eq!(
        post(&api, &chair, &sign, Some(&tag), None).await.status,
        200
    );
    let tag = etag(&api, &chair, "3.1").await;
    for blank in [r#"{"reason":"  "}"#, "{}"] {
        let res = post(&api, &chair, &withdraw, Some(&tag), Some(blank)).await;
        let p = api.problem(&res, 422, &withdraw);
        assert_eq!(p["field"], "reason");
    }
    let broken = post(&api, &chair, &withdraw, Some(&tag), Some(r#"{"reason":"#)).await;
    api.problem(&broken, 400, &withdraw);
    assert_eq!(etag(&api, &chair, "3.1").await, tag, "nothing was written");
    let res = post(&api, &chair, &withdraw, Some(&tag), body).await;
    assert_eq!(res.status, 200, "{}", res.body);
    let s = json(&res);
    assert_eq!(s["withdrawn"]["by"], "chair@kingston.test");
    assert_eq!(
        s["withdrawn"]["reason"],
        "The plan was not agreed by the board"
    );
    // Withdrawn, it may be signed off again.
    let tag = etag(&api, &chair, "3.1").await;
    assert_eq!(
        post(&api, &chair, &sign, Some(&tag), None).await.status,
        200
    );
}

#[tokio::test]
async fn a_sign_off_without_if_match_is_428_and_with_a_stale_one_412() {
    let api = Api::new().await;
    complete(&api, "3.1", COMPLETE).await;
    let chair = api.token("chair@kingston.test", KINGSTON).await;
    let sign = format!("{}/sign-off", action("3.1"));
    let withdraw = format!("{sign}/withdraw");
    let body = Some(r#"{"reason":"Not agreed"}"#);
    for if_match in [None, Some(" ")] {
        let p = api.problem(&post(&api, &chair, &sign, if_match, None).await, 428, &sign);
        assert_eq!(p["parameter"], "If-Match");
        let p = api.problem(
            &post(&api, &chair, &withdraw, if_match, body).await,
            428,
            &withdraw,
        );
        assert_eq!(p["parameter"], "If-Match");
    }
    let stale = etag(&api, &chair, "3.1").await;
    // Someone rates it again after the chair looked: the chair has not seen that.
    complete(&api, "3.1", COMPLETE).await;
    let p = api.problem(
        &post(&api, &chair, &sign, Some(&stale), None).await,
        412,
        &sign,
    );
    assert_eq!(p["type"], "urn:boardplan:problem:stale-version");
    let fresh = etag(&api, &chair, "3.1").await;
    assert_eq!(
        post(&api, &chair, &sign, Some(&fresh), None).await.status,
        200
    );
    let p = api.problem(
        &post(&api, &chair, &withdraw, Some(&fresh), body).await,
        412,
        &withdraw,
    );
    assert_eq!(p["parameter"], "If-Match");
}

#[tokio::test]
async fn another_partnerships_actions_cannot_be_signed_off() {
    let api = Api::new().await;
    complete(&api, "3.1", COMPLETE).await;
    let chair = api.token("chair@kingston.test", KINGSTON).await;
    let tag = etag(&api, &chair, "3.1").await;
    let outsider = api.token(OUTSIDER, RIVERFORD).await;
    let sign = format!("{}/sign-off", action("3.1"));
    api.problem(
        &post(&api, &outsider, &sign, Some(&tag), None).await,
        404,
        &sign,
    );
    let theirs = format!("/api/v1/partnerships/{RIVERFORD}/actions/1.1/sign-off");
    api.problem(
        &post(&api, &chair, &theirs, Some(&tag), None).await,
        404,
        &theirs,
    );
    assert_eq!(etag(&api, &chair, "3.1").await, tag);
}

const BOUNDARY: &str = "boardplan-test-boundary";

/// A multipart body: the update as JSON, then each (filename, content) as an evidence file.
fn multipart(update: &str, files: &[(&str, &str)]) -> String {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"update\"\r\n\
         Content-Type: application/json\r\n\r\n{update}\r\n"
    );
    for (name, content) in files {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"evidence\"; \
             filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n{content}\r\n"
        ));
    }
    body.push_str(&format!("--{BOUNDARY}--\r\n"));
    body
}

async fn post_multipart(
    api: &Api,
    token: &str,
    id: &str,
    if_match: &str,
    body: &str,
) -> common::Response {
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    api.call(
        "POST",
        &format!("{}/updates", action(id)),
        Auth::Token(token),
        &[("if-match", if_match), ("content-type", &content_type)],
        Some(body),
    )
    .await
}

const DONE: &str = r#"{"rag":"blue","percent":100,"narrative":"Training plan agreed."}"#;

#[tokio::test]
async fn the_chair_signs_off_after_an_update_with_an_evidence_file_which_downloads_sandboxed() {
    let api = Api::new().await;
    let manager = api.token("manager@kingston.test", KINGSTON).await;
    let tag = etag(&api, &manager, "3.1").await;
    let plan = "Training plan 2010-11: four multi-agency courses.";
    let body = multipart(DONE, &[("training plan.txt", plan)]);
    let res = post_multipart(&api, &manager, "3.1", &tag, &body).await;
    assert_eq!(res.status, 201, "{}", res.body);
    let file = &json(&res)["evidence"][0];
    assert_eq!(file["kind"], "file");
    assert_eq!(file["name"], "training plan.txt");
    assert_eq!(file["media_type"], "text/plain; charset=utf-8");
    assert_eq!(file["size"], plan.len());
    // Any member may read it, as on the pages; always as a sandboxed attachment.
    let reader = api.token("reader@kingston.test", KINGSTON).await;
    let href = file["href"].as_str().unwrap();
    let got = api.raw("GET", href, Auth::Token(&reader), &[], None).await;
    assert_eq!(got.status, 200);
    assert_eq!(got.body, plan);
    assert_eq!(got.headers["content-type"], "text/plain; charset=utf-8");
    assert_eq!(
        got.headers["content-disposition"],
        "attachment; filename=\"training plan.txt\""
    );
    assert_eq!(
        got.headers["content-security-policy"],
        "sandbox; default-src 'none'"
    );
    assert_eq!(got.headers["cache-control"], "no-store");
    let chair = api.token("chair@kingston.test", KINGSTON).await;
    let tag = etag(&api, &chair, "3.1").await;
    let sign = format!("{}/sign-off", action("3.1"));
    let res = post(&api, &chair, &sign, Some(&tag), None).await;
    assert_eq!(res.status, 200, "{}", res.body);
    // Another partnership cannot read the file, nor is an unknown one there.
    let outsider = api.token(OUTSIDER, RIVERFORD).await;
    let path = href.split('?').next().unwrap();
    api.problem(&api.get(path, &outsider).await, 404, path);
    let theirs = path.replace(KINGSTON, RIVERFORD);
    api.problem(&api.get(&theirs, &outsider).await, 404, &theirs);
    let unknown = format!(
        "/api/v1/partnerships/{KINGSTON}/evidence/{}",
        "0".repeat(64)
    );
    api.problem(&api.get(&unknown, &reader).await, 404, &unknown);
}

#[tokio::test]
async fn oversized_or_html_evidence_is_refused_naming_the_fix_and_nothing_changes() {
    let api = Api::new().await;
    let manager = api.token("manager@kingston.test", KINGSTON).await;
    let path = format!("{}/updates", action("3.1"));
    let tag = etag(&api, &manager, "3.1").await;
    let just_over = "a".repeat(20 * 1024 * 1024 + 1);
    let far_over = "a".repeat(22 * 1024 * 1024);
    let cases: [(&str, &str, u16, &str); 5] = [
        ("minutes.html", "<p>Minutes</p>", 422, "PDF"),
        (
            "minutes.txt",
            "<html><script>alert(1)</script>",
            422,
            "minutes.txt",
        ),
        ("drawing.svg", "<svg/>", 422, "PDF"),
        ("big.txt", &just_over, 422, "link to a larger one"),
        ("huge.txt", &far_over, 413, "link to a larger file"),
    ];
    for (name, content, status, fix) in cases {
        let res = post_multipart(
            &api,
            &manager,
            "3.1",
            &tag,
            &multipart(DONE, &[(name, content)]),
        )
        .await;
        let p = api.problem(&res, status, &path);
        assert!(p["detail"].as_str().unwrap().contains(fix), "{name}: {p}");
    }
    // A file without its name, an update missing, a part that is not one.
    let nameless = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"update\"\r\n\r\n{DONE}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"evidence\"\r\n\r\nx\r\n--{BOUNDARY}--\r\n"
    );
    let p = api.problem(
        &post_multipart(&api, &manager, "3.1", &tag, &nameless).await,
        422,
        &path,
    );
    assert_eq!(p["field"], "evidence");
    let p = api.problem(
        &post_multipart(
            &api,
            &manager,
            "3.1",
            &tag,
            &multipart(DONE, &[]).replace("\"update\"", "\"note\""),
        )
        .await,
        422,
        &path,
    );
    assert_eq!(p["field"], "note");
    let bad_json = multipart(r#"{"rag":"purple","narrative":"x"}"#, &[("a.txt", "a")]);
    let p = api.problem(
        &post_multipart(&api, &manager, "3.1", &tag, &bad_json).await,
        422,
        &path,
    );
    assert_eq!(p["field"], "rag");
    assert_eq!(
        etag(&api, &manager, "3.1").await,
        tag,
        "nothing was written"
    );
    let list = json(&api.get(&path, &manager).await);
    assert_eq!(list["items"], serde_json::json!([]));
    // The same update with a kept file is accepted.
    let ok = multipart(DONE, &[("minutes.pdf", "%PDF-1.4 minutes")]);
    let res = post_multipart(&api, &manager, "3.1", &tag, &ok).await;
    assert_eq!(res.status, 201, "{}", res.body);
    assert_eq!(json(&res)["evidence"][0]["media_type"], "application/pdf");
}
