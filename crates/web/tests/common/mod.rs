//! Shared by the web tests: the real router over a fresh database (SQLite, or a new
//! PostgreSQL database when `TEST_DATABASE_URL` names a server) holding the sample plan and a
//! second partnership, accounts for every role, and requests sent in-process.

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use domain::AccessRole;
use http_body_util::BodyExt;
use store::{ImportMode, Source, Store};
use tower::ServiceExt;
use web::{AppState, WebConfig};

pub const SAMPLE: &str =
    include_str!("../../../../tests/fixtures/kingston-lscb-improvement-plan-2009-10.txt");
pub const OTHER: &str =
    include_str!("../../../formats/tests/fixtures/plan-text-variant-reordered.txt");
pub const KINGSTON: &str = "kingston-lscb";
pub const RIVERFORD: &str = "riverford-safeguarding-children-partnership";
pub const PASSWORD: &str = "a long test password";

/// (email, role in Kingston, lead roles held).
pub const PEOPLE: [(&str, AccessRole, &[&str]); 6] = [
    ("admin@kingston.test", AccessRole::Administrator, &[]),
    (
        "manager@kingston.test",
        AccessRole::BusinessManager,
        &["development-officer"],
    ),
    (
        "lead@kingston.test",
        AccessRole::LeadOfficer,
        &["chair-training"],
    ),
    (
        "chair@kingston.test",
        AccessRole::BoardMember,
        &["lscb-chair"],
    ),
    ("member@kingston.test", AccessRole::BoardMember, &[]),
    ("reader@kingston.test", AccessRole::Reader, &[]),
];
/// An administrator of the other partnership only.
pub const OUTSIDER: &str = "admin@riverford.test";

pub struct TestApp {
    pub router: Router,
    pub store: Store,
    /// What the router's handlers share, for tests that hold a report's turn themselves.
    pub state: AppState,
    /// The test's own database, for tests that must reach past the store (e.g. to revoke a token).
    pub database_url: String,
    _db: Db,
}

pub struct Db {
    _dir: tempfile::TempDir,
    pg: Option<(String, String)>,
}

impl Drop for Db {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg.take() {
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    use sqlx::Connection;
                    if let Ok(mut c) = sqlx::PgConnection::connect(&admin).await {
                        let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                            .execute(&mut c)
                            .await;
                    }
                });
            })
            .join();
        }
    }
}

async fn fresh_url() -> (String, Db) {
    let dir = tempfile::tempdir().unwrap();
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin) if admin.starts_with("postgres") => {
            use sqlx::Connection;
            static N: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
            let name = format!(
                "bp_web_{}_{}_{}",
                std::process::id(),
                N.fetch_add(1, std::sync::atomic::Ordering::SeqCst),
                jiff::Timestamp::now().as_microsecond()
            );
            let mut c = sqlx::PgConnection::connect(&admin).await.unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut c)
                .await
                .unwrap();
            let base = admin
                .rsplit_once('/')
                .map_or(admin.as_str(), |(b, _)| b)
                .to_string();
            (
                format!("{base}/{name}"),
                Db {
                    _dir: dir,
                    pg: Some((admin, name)),
                },
            )
        }
        _ => {
            let url = dir.path().join("web.db").display().to_string();
            (
                url,
                Db {
                    _dir: dir,
                    pg: None,
                },
            )
        }
    }
}

/// The app with both partnerships imported and everyone's account made.
pub async fn app() -> TestApp {
    app_with(|_| {}).await
}

/// As [`app`], with the test's settings (cookies without `Secure`) changed by `configure`.
pub async fn app_with(configure: impl FnOnce(&mut WebConfig)) -> TestApp {
    let (url, db) = fresh_url().await;
    let store = Store::connect(&url).await.unwrap();
    // Recorded when each plan was adopted, so that the plan "as at" its own year exists.
    let plans = [
        ("kingston.txt", SAMPLE, "2009-04-01T09:00:00Z"),
        ("riverford.txt", OTHER, "2012-04-01T09:00:00Z"),
    ];
    for (name, text, at) in plans {
        let imported = formats::plan_text::import(text).unwrap();
        let source = Source {
            name: name.into(),
            sha256: formats::sha256_hex(text.as_bytes()),
        };
        let at: jiff::Timestamp = at.parse().unwrap();
        store
            .import_partnership_at("test", &imported.partnership, &source, ImportMode::New, at)
            .await
            .unwrap();
    }
    // One hash for everyone: argon2 is slow on purpose.
    let hash = web::auth::password::hash(PASSWORD).unwrap();
    let now = jiff::Timestamp::now();
    for (email, role, holds) in PEOPLE {
        let id = store
            .create_account("test", KINGSTON, email, email, &hash, now)
            .await
            .unwrap();
        let holds: Vec<String> = holds.iter().map(|h| h.to_string()).collect();
        store
            .grant_membership("test", id, KINGSTON, role, &holds, now)
            .await
            .unwrap();
    }
    let id = store
        .create_account("test", RIVERFORD, OUTSIDER, "Riverford admin", &hash, now)
        .await
        .unwrap();
    store
        .grant_membership("test", id, RIVERFORD, AccessRole::Administrator, &[], now)
        .await
        .unwrap();
    let mut config = WebConfig {
        secure_cookies: false,
        ..WebConfig::default()
    };
    configure(&mut config);
    let state = AppState::new(store.clone(), config);
    let router = web::router(state.clone());
    TestApp {
        router,
        store,
        state,
        database_url: url,
        _db: db,
    }
}

pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl Response {
    pub fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }

    pub fn cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(|v| v.split(';').next().unwrap_or("").to_string())
            .collect()
    }

    pub fn html(&self) -> scraper::Html {
        scraper::Html::parse_document(&self.body)
    }

    /// The text of every element matching `selector`, whitespace folded.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        let sel = scraper::Selector::parse(selector).unwrap();
        self.html()
            .select(&sel)
            .map(|e| {
                e.text()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }
}

/// A signed-in browser: its session cookie and the CSRF token its forms carry.
#[derive(Clone)]
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

impl TestApp {
    pub async fn send(&self, req: Request<Body>) -> Response {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Response {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// The answer as sent, its body's bytes untouched (a gzipped page, say).
    pub async fn send_raw(&self, req: Request<Body>) -> (StatusCode, HeaderMap, axum::body::Bytes) {
        let res = self.router.clone().oneshot(req).await.unwrap();
        let (parts, body) = res.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes();
        (parts.status, parts.headers, bytes)
    }

    pub async fn get(&self, path: &str, session: Option<&Session>) -> Response {
        let mut req = Request::get(path);
        if let Some(s) = session {
            req = req.header(header::COOKIE, &s.cookie);
        }
        self.send(req.body(Body::empty()).unwrap()).await
    }

    pub async fn post(
        &self,
        path: &str,
        session: Option<&Session>,
        form: &[(&str, &str)],
    ) -> Response {
        self.send(form_request(path, session, form)).await
    }

    /// Post a form as if from the client address `ip` (the server reads it from the
    /// connection, which in-process requests carry as `ConnectInfo`).
    pub async fn post_from(
        &self,
        ip: &str,
        path: &str,
        session: Option<&Session>,
        form: &[(&str, &str)],
    ) -> Response {
        let mut req = form_request(path, session, form);
        let peer = std::net::SocketAddr::new(ip.parse().unwrap(), 40000);
        req.extensions_mut()
            .insert(axum::extract::ConnectInfo(peer));
        self.send(req).await
    }

    /// Post the real sign-in form from `ip`; the answer.
    pub async fn try_sign_in_from(&self, ip: &str, email: &str, password: &str) -> Response {
        let form = self.get("/sign-in", None).await;
        let pre = form
            .cookies()
            .into_iter()
            .find(|c| c.starts_with("bp_signin="))
            .unwrap();
        let csrf = pre.trim_start_matches("bp_signin=").to_string();
        let pre_session = Session {
            cookie: pre,
            csrf: csrf.clone(),
        };
        self.post_from(
            ip,
            "/sign-in",
            Some(&pre_session),
            &[
                ("csrf", &csrf),
                ("next", "/"),
                ("email", email),
                ("password", password),
            ],
        )
        .await
    }

    /// Sign in through the real form and return the session.
    pub async fn sign_in(&self, email: &str) -> Session {
        let res = self.try_sign_in_from("127.0.0.1", email, PASSWORD).await;
        assert_eq!(
            res.status,
            StatusCode::SEE_OTHER,
            "sign-in as {email}: {}",
            res.body
        );
        let cookie = res
            .cookies()
            .into_iter()
            .find(|c| c.starts_with("bp_session="))
            .unwrap();
        let token = cookie.trim_start_matches("bp_session=");
        let record = self
            .store
            .session(&web::auth::token::hash(token), jiff::Timestamp::now())
            .await
            .unwrap()
            .unwrap();
        Session {
            cookie,
            csrf: record.csrf_token,
        }
    }
}

// ---- Publishing ----

impl TestApp {
    /// Publish `slug`'s public summary, as its business manager would: nothing is public
    /// until someone chooses it, so a test of the public pages says so first.
    pub async fn publish(&self, slug: &str) {
        self.store
            .set_published(slug, store::Stamp::now("test"), true)
            .await
            .unwrap();
    }
}

/// A form post, its fields URL-encoded.
fn form_request(path: &str, session: Option<&Session>, form: &[(&str, &str)]) -> Request<Body> {
    let body = form
        .iter()
        .map(|(k, v)| format!("{}={}", web::error::urlencode(k), web::error::urlencode(v)))
        .collect::<Vec<_>>()
        .join("&");
    let mut req =
        Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(s) = session {
        req = req.header(header::COOKIE, &s.cookie);
    }
    req.body(Body::from(body)).unwrap()
}

// ---- Behind the store's back ----

impl TestApp {
    /// Run `sql` on the test's own database, for changes Boardplan has no command for yet
    /// (disabling an account, ending a membership); how many rows it changed.
    pub async fn execute(&self, sql: &str) -> u64 {
        use sqlx::Connection;
        let sql = sqlx::AssertSqlSafe(sql.to_owned());
        let url = &self.database_url;
        if url.starts_with("postgres") {
            let mut c = sqlx::PgConnection::connect(url).await.unwrap();
            sqlx::raw_sql(sql)
                .execute(&mut c)
                .await
                .unwrap()
                .rows_affected()
        } else {
            let mut c = sqlx::SqliteConnection::connect(&format!("sqlite:{url}"))
                .await
                .unwrap();
            sqlx::raw_sql(sql)
                .execute(&mut c)
                .await
                .unwrap()
                .rows_affected()
        }
    }
}

// ---- Multipart forms (the update form carries a file) ----

impl TestApp {
    /// Post a multipart form; `file` is (field, file name, bytes).
    pub async fn post_multipart(
        &self,
        path: &str,
        session: &Session,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, &[u8])>,
    ) -> Response {
        let boundary = "----boardplan-test-boundary";
        let mut body: Vec<u8> = Vec::new();
        for (k, v) in fields {
            body.extend(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
                )
                .as_bytes(),
            );
        }
        if let Some((field, name, bytes)) = file {
            body.extend(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .as_bytes(),
            );
            body.extend(bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{boundary}--\r\n").as_bytes());
        let req = Request::post(path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header(header::COOKIE, &session.cookie)
            .body(Body::from(body))
            .unwrap();
        self.send(req).await
    }

    /// The version of an action of the Kingston plan, as the update form would carry it.
    pub async fn version(&self, action: &str) -> i64 {
        let p = self
            .store
            .load_partnership(KINGSTON)
            .await
            .unwrap()
            .unwrap();
        let key = store::ActionKey::new(p.plans[0].title.clone(), action);
        self.store
            .action_state(KINGSTON, &key)
            .await
            .unwrap()
            .version
    }
}
