//! Shared by the JSON API tests (`tests/api_*.rs`): calls with an API token or a session, and
//! a check of every response against the OpenAPI document the server itself serves — the
//! status must be documented for that operation, the media type must be the documented one,
//! and the body must validate (JSON Schema 2020-12, formats asserted) against its schema.

#![allow(dead_code)]

pub mod figures;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::Value;

use crate::common::{Response, Session, TestApp, app};

/// How a call authenticates.
#[derive(Clone, Copy)]
pub enum Auth<'a> {
    Nobody,
    Token(&'a str),
    /// A session cookie, with the CSRF header when the second field is true.
    Session(&'a Session, bool),
    /// A raw `Authorization` header value.
    Header(&'a str),
}

/// The test app and the OpenAPI document it serves.
pub struct Api {
    pub app: TestApp,
    pub doc: Value,
}

impl Api {
    pub async fn new() -> Self {
        let app = app().await;
        let res = app.get("/api/v1/openapi.json", None).await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let doc: Value = serde_json::from_str(&res.body).expect("the document is JSON");
        Api { app, doc }
    }

    /// A new API token for `email` in partnership `slug`, as `boardplan token create` makes.
    pub async fn token(&self, email: &str, slug: &str) -> String {
        self.token_with_id(email, slug).await.1
    }

    /// As [`Api::token`], with the token's id, for revoking it.
    pub async fn token_with_id(&self, email: &str, slug: &str) -> (i64, String) {
        self.issue(email, slug, None, jiff::Timestamp::now()).await
    }

    /// A token whose last day was yesterday, made the day before, as `boardplan token create
    /// --expires` would have made it then.
    pub async fn expired_token(&self, email: &str, slug: &str) -> String {
        let now = jiff::Timestamp::now();
        let yesterday = now
            .in_tz("Europe/London")
            .unwrap()
            .date()
            .yesterday()
            .unwrap();
        self.issue(
            email,
            slug,
            Some(yesterday),
            now - jiff::SignedDuration::from_hours(48),
        )
        .await
        .1
    }

    async fn issue(
        &self,
        email: &str,
        slug: &str,
        expires_on: Option<jiff::civil::Date>,
        at: jiff::Timestamp,
    ) -> (i64, String) {
        let account = self
            .app
            .store
            .account_by_email(email)
            .await
            .unwrap()
            .unwrap();
        let token = format!("bpt_{}", web::auth::token::random());
        let id = self
            .app
            .store
            .create_api_token(
                "test",
                &store::NewApiToken {
                    account_id: account.id,
                    partnership: slug,
                    name: "test",
                    token_hash: &web::auth::token::hash(&token),
                    expires_on,
                },
                at,
            )
            .await
            .unwrap();
        (id, token)
    }

    /// Revoke token `id` as `boardplan token revoke` does, through the app's own store.
    pub async fn revoke(&self, id: i64) {
        self.app
            .store
            .revoke_api_token("test", id, jiff::Timestamp::now())
            .await
            .unwrap();
    }

    /// Send a request without checking it against the document (for routes it cannot
    /// describe: unknown paths and methods).
    pub async fn raw(
        &self,
        method: &str,
        path: &str,
        auth: Auth<'_>,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Response {
        let mut req = Request::builder().method(method).uri(path);
        match auth {
            Auth::Nobody => {}
            Auth::Token(t) => req = req.header(header::AUTHORIZATION, format!("Bearer {t}")),
            Auth::Header(h) => req = req.header(header::AUTHORIZATION, h),
            Auth::Session(s, csrf) => {
                req = req.header(header::COOKIE, &s.cookie);
                if csrf {
                    req = req.header("x-csrf-token", &s.csrf);
                }
            }
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if body.is_some()
            && !headers
                .iter()
                .any(|(k, _)| k.eq_ignore_ascii_case("content-type"))
        {
            req = req.header(header::CONTENT_TYPE, "application/json");
        }
        let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
        self.app.send(req.body(body).unwrap()).await
    }

    /// Send a request, and check the response against the document.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        auth: Auth<'_>,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Response {
        let res = self.raw(method, path, auth, headers, body).await;
        self.conform(method, path, &res);
        res
    }

    /// GET with a token, checked against the document.
    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.call("GET", path, Auth::Token(token), &[], None).await
    }

    /// The operation's path template that `path` (without its query) matches.
    pub fn template(&self, path: &str) -> Option<String> {
        let path = path.split('?').next().unwrap_or(path);
        let segments: Vec<&str> = path.split('/').collect();
        self.doc["paths"]
            .as_object()?
            .keys()
            .find(|t| {
                let ts: Vec<&str> = t.split('/').collect();
                ts.len() == segments.len()
                    && ts
                        .iter()
                        .zip(&segments)
                        .all(|(t, s)| (t.starts_with('{') && !s.is_empty()) || t == s)
            })
            .cloned()
    }

    /// Panic unless the response is one the document describes for this operation.
    pub fn conform(&self, method: &str, path: &str, res: &Response) {
        let template = self
            .template(path)
            .unwrap_or_else(|| panic!("{method} {path}: no documented path matches"));
        let op = &self.doc["paths"][&template][method.to_lowercase()];
        assert!(op.is_object(), "{method} {template} is not documented");
        let status = res.status.as_str();
        let documented = &op["responses"][status];
        assert!(
            documented.is_object(),
            "{method} {path} answered {status}, which {method} {template} does not document: {}",
            res.body
        );
        let media = res
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or("").trim().to_string());
        match documented["content"].as_object() {
            None => assert!(
                res.body.is_empty(),
                "{method} {path} {status}: documented without a body, but sent {}",
                res.body
            ),
            Some(content) => {
                let media = media.unwrap_or_else(|| panic!("{method} {path}: no Content-Type"));
                let schema = &content.get(&media).unwrap_or_else(|| {
                    panic!("{method} {path} {status}: {media} is not documented")
                })["schema"];
                let body: Value = serde_json::from_str(&res.body)
                    .unwrap_or_else(|e| panic!("{method} {path}: body is not JSON ({e})"));
                let errors = self.validate(schema, &body);
                assert!(
                    errors.is_empty(),
                    "{method} {path} {status}: the body does not match the document: {errors:#?}\n{}",
                    res.body
                );
            }
        }
    }

    /// Problems with `instance` against `schema`, whose `$ref`s point into the document.
    pub fn validate(&self, schema: &Value, instance: &Value) -> Vec<String> {
        let mut rooted = schema.clone();
        if let Value::Object(m) = &mut rooted {
            m.insert("components".into(), self.doc["components"].clone());
        } else {
            rooted = serde_json::json!({"allOf": [schema], "components": self.doc["components"]});
        }
        let validator = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(&rooted)
            .unwrap_or_else(|e| panic!("the document's schema does not compile: {e}"));
        validator
            .iter_errors(instance)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect()
    }

    /// Panic unless `res` is a problem report for `path` with this status.
    pub fn problem(&self, res: &Response, status: u16, path: &str) -> Value {
        assert_eq!(res.status.as_u16(), status, "{}", res.body);
        assert_eq!(
            res.headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            Some("application/problem+json")
        );
        let p: Value = serde_json::from_str(&res.body).unwrap();
        let schema = serde_json::json!({"$ref": "#/components/schemas/Problem"});
        let errors = self.validate(&schema, &p);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(p["status"], status);
        assert_eq!(p["instance"], path.split('?').next().unwrap());
        assert!(
            p["type"]
                .as_str()
                .unwrap()
                .starts_with("urn:boardplan:problem:")
        );
        assert!(!p["title"].as_str().unwrap().is_empty());
        assert!(!p["detail"].as_str().unwrap().is_empty());
        p
    }
}

/// A response body as JSON.
pub fn json(res: &Response) -> Value {
    serde_json::from_str(&res.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", res.body))
}
