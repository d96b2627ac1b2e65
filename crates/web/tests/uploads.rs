//! Uploads: whoever may not send one is refused before the server reads its body, and the
//! limits on what one may carry read the same on the pages, in the API and in the docs.
//!
//! The refusals are checked on a real server: the test sends a request's head and only the
//! first bytes of a body that claims to be far larger, keeps the connection open, and waits
//! for the answer. A server that read the body before deciding would still be waiting.

use std::time::Duration;

use axum::http::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use web::limits::{MAX_UPLOAD_BYTES, stated};

use crate::api_support::{Api, Auth};
use crate::common::{KINGSTON, Session, TestApp, app};

const BOUNDARY: &str = "----boardplan-upload-test";

/// Serve the app on a port of its own; its address.
async fn serve(app: &TestApp) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await });
    addr
}

/// The first bytes of a multipart form: `fields` in order, then the head of a file part
/// named `file` and a little of its content. The rest never comes.
fn form_start(fields: &[(&str, &str)], file: &str) -> Vec<u8> {
    let mut body = String::new();
    for (name, value) in fields {
        body.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
        ));
    }
    body.push_str(&format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{file}\"; filename=\"big.csv\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    ));
    body.push_str(&"x".repeat(1024));
    body.into_bytes()
}

/// POST `start` to `path` as the start of a body of `declared` bytes, with the session's
/// cookie and any `headers`; the status the server answers with before the rest is sent.
async fn status_before_the_body(
    addr: std::net::SocketAddr,
    path: &str,
    s: &Session,
    headers: &[(&str, &str)],
    declared: usize,
    start: &[u8],
) -> u16 {
    let mut conn = tokio::net::TcpStream::connect(addr).await.unwrap();
    let mut head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {}\r\n\
         Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {declared}\r\n",
        s.cookie
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    conn.write_all(head.as_bytes()).await.unwrap();
    conn.write_all(start).await.unwrap();
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    let read = async {
        while !answer.windows(4).any(|w| w == b"\r\n\r\n") {
            let n = conn.read(&mut buf).await.unwrap();
            assert!(n > 0, "the server closed the connection without answering");
            answer.extend_from_slice(&buf[..n]);
        }
    };
    tokio::time::timeout(Duration::from_secs(10), read)
        .await
        .unwrap_or_else(|_| panic!("POST {path}: no answer without the rest of the body"));
    let text = String::from_utf8_lossy(&answer);
    text.split(' ').nth(1).unwrap().parse().unwrap()
}

#[tokio::test]
async fn someone_who_may_not_upload_is_refused_before_the_body_is_read() {
    let app = app().await;
    let addr = serve(&app).await;
    let reader = app.sign_in("reader@kingston.test").await;
    let over_the_limit = MAX_UPLOAD_BYTES * 2;
    let csrf = [("csrf", reader.csrf.as_str())];
    let pages = [
        ("indicators/import", "file"),
        ("import", "document"),
        ("import/confirm", "document"),
        ("actions/3.1/updates", "evidence"),
    ];
    for (page, file) in pages {
        let path = format!("/p/{KINGSTON}/{page}");
        for declared in [10 * 1024 * 1024, over_the_limit] {
            let status = status_before_the_body(
                addr,
                &path,
                &reader,
                &[],
                declared,
                &form_start(&csrf, file),
            )
            .await;
            assert_eq!(status, 403, "a reader's {declared} bytes to {path}");
        }
    }
    // The API: the role is checked before the update and its files are read, too.
    let status = status_before_the_body(
        addr,
        &format!("/api/v1/partnerships/{KINGSTON}/actions/3.1/updates"),
        &reader,
        &[("X-CSRF-Token", &reader.csrf), ("If-Match", "\"any\"")],
        over_the_limit,
        &form_start(&[("update", "{}")], "evidence"),
    )
    .await;
    assert_eq!(status, 403, "a reader's update through the API");
}

#[tokio::test]
async fn an_upload_whose_first_field_is_not_the_sessions_csrf_token_is_refused_unread() {
    let app = app().await;
    let addr = serve(&app).await;
    let manager = app.sign_in("manager@kingston.test").await;
    let path = format!("/p/{KINGSTON}/indicators/import");
    let forms = [
        form_start(&[("csrf", "forged")], "file"),
        form_start(&[("format", ""), ("csrf", &manager.csrf)], "file"),
        form_start(&[], "file"),
    ];
    for start in forms {
        let status =
            status_before_the_body(addr, &path, &manager, &[], MAX_UPLOAD_BYTES, &start).await;
        assert_eq!(status, 403, "{}", String::from_utf8_lossy(&start[..80]));
    }
}

#[tokio::test]
async fn the_pages_the_api_and_the_docs_state_the_same_upload_limits() {
    let stated = stated();
    let api = Api::new().await;

    let lead = api.app.sign_in("lead@kingston.test").await;
    let page = api
        .app
        .get(&format!("/p/{KINGSTON}/actions/3.1"), Some(&lead))
        .await;
    let hint = page.texts("#evidence-hint");
    assert!(hint[0].contains(&stated), "the page says {hint:?}");

    let files = &api.doc["components"]["schemas"]["NewUpdateWithEvidence"]["properties"]["evidence"]
        ["description"];
    assert!(
        files.as_str().unwrap().contains(&stated),
        "the OpenAPI document says {files}"
    );

    let manager = api.token("manager@kingston.test", KINGSTON).await;
    let path = format!("/api/v1/partnerships/{KINGSTON}/actions/3.1/updates");
    let action = api
        .get(
            &format!("/api/v1/partnerships/{KINGSTON}/actions/3.1"),
            &manager,
        )
        .await;
    let tag = action.headers["etag"].to_str().unwrap().to_string();
    let too_big = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"evidence\"; filename=\"big.txt\"\r\n\r\n{}\r\n--{BOUNDARY}--\r\n",
        "a".repeat(MAX_UPLOAD_BYTES)
    );
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    let res = api
        .call(
            "POST",
            &path,
            Auth::Token(&manager),
            &[("if-match", &tag), ("content-type", &content_type)],
            Some(&too_big),
        )
        .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    let detail = api.problem(&res, 413, &path)["detail"].clone();
    assert!(
        detail.as_str().unwrap().contains(&stated),
        "the API's problem says {detail}"
    );

    let docs = include_str!("../../../docs/api.md").split_whitespace();
    let docs = docs.collect::<Vec<_>>().join(" ");
    assert!(docs.contains(&stated), "docs/api.md does not say {stated}");
}
