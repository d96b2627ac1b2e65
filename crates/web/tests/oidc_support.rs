//! For the sign-in tests: a real OpenID provider (`tests/oidc/provider.js`, the `oidc-provider`
//! package from npm) started for one test on a free loopback port, and a browser that goes
//! from Boardplan to it and back, keeping each side's cookies as a browser would.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use web::WebConfig;
use web::identity::{IdentityConfig, ProviderConfig, Secret};

use crate::common::{Response, TestApp, app_with};

pub const CLIENT_ID: &str = "boardplan";
const CLIENT_SECRET: &str = "a client secret only the tests know";
/// Where people reach the Boardplan under test; only its path is ever requested.
const PUBLIC_URL: &str = "http://127.0.0.1:8080";
/// The provider's accounts: (sub, e-mail, verified).
const ACCOUNTS: [(&str, &str, bool); 4] = [
    ("lead", "lead@kingston.test", true),
    ("reader", "Reader@Kingston.test", true),
    ("unverified", "member@kingston.test", false),
    ("stranger", "someone@elsewhere.test", true),
];

pub struct Provider {
    child: Child,
    pub issuer: String,
    http: reqwest::Client,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oidc")
}

impl Provider {
    /// The provider, started; `None` (having said why) where node or the package is missing
    /// outside CI, a failure in CI.
    pub fn start() -> Option<Provider> {
        let script = testkit::npm_installed(&folder(), "oidc-provider");
        let package = testkit::Program {
            command: "node",
            probe: &["-e", &script],
            install: "npm ci in crates/web/tests/oidc (.ci/run does it)",
        };
        let what = "sign-in through a real OpenID provider";
        if !testkit::program(what, &[testkit::programs::NODE, package]) {
            return None;
        }
        let accounts: serde_json::Map<String, serde_json::Value> = ACCOUNTS
            .iter()
            .map(|(sub, email, verified)| {
                let claims = serde_json::json!({ "email": email, "email_verified": verified });
                (sub.to_string(), claims)
            })
            .collect();
        let config = serde_json::json!({
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uri": format!("{PUBLIC_URL}/sign-in/oidc/test/callback"),
            "accounts": accounts,
        });
        let mut child = Command::new("node")
            .arg("provider.js")
            .current_dir(folder())
            .env("OIDC_TEST_CONFIG", config.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node starts");
        // The first line says where it listens; wait for it on a thread, with a limit.
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(issuer) = line.strip_prefix("listening ") {
                    let _ = tx.send(issuer.to_string());
                }
            }
        });
        let issuer = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the OpenID provider said where it listens");
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Some(Provider {
            child,
            issuer,
            http,
        })
    }

    /// Boardplan's configuration with this provider in it, as "test".
    pub fn config(&self) -> IdentityConfig {
        let p = ProviderConfig::new(
            "test",
            "Test Council",
            &self.issuer,
            CLIENT_ID,
            Secret::new(CLIENT_SECRET),
            None,
        )
        .unwrap();
        IdentityConfig::new(PUBLIC_URL, vec![p]).unwrap()
    }

    /// The app, with this provider configured and `configure` applied after.
    pub async fn app(&self, configure: impl FnOnce(&mut WebConfig)) -> TestApp {
        let identity = self.config();
        app_with(move |c| {
            c.identity = identity;
            configure(c);
        })
        .await
    }

    /// Make the provider's next ID token `mode` (see provider.js).
    pub async fn next_id_token(&self, mode: &str) {
        let url = format!("{}/test/next-id-token?mode={mode}", self.issuer);
        let res = self.http.post(url).send().await.unwrap();
        assert_eq!(res.status(), reqwest::StatusCode::NO_CONTENT);
    }

    /// A browser starts signing in on Boardplan, chooses the provider's account `sub`, and is
    /// sent back: the address it comes back to (path and query) and its Boardplan cookie.
    pub async fn go_to_provider_and_back(&self, app: &TestApp, sub: &str) -> Back {
        let start = app
            .get("/sign-in/oidc/test?next=/p/kingston-lscb", None)
            .await;
        assert_eq!(start.status, StatusCode::SEE_OTHER, "{}", start.body);
        let browser = start
            .cookies()
            .into_iter()
            .find(|c| c.starts_with("bp_oidc="))
            .expect("the sign-in is tied to this browser");
        let mut jar: HashMap<String, String> = HashMap::new();
        let mut url = start.location().to_string();
        for _ in 0..5 {
            let cookie = jar
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            let res = self
                .http
                .get(&url)
                .header(header::COOKIE, cookie)
                .send()
                .await
                .unwrap();
            for c in res.headers().get_all(header::SET_COOKIE) {
                let pair = c.to_str().unwrap().split(';').next().unwrap();
                if let Some((k, v)) = pair.split_once('=') {
                    jar.insert(k.to_string(), v.to_string());
                }
            }
            let location = res.headers()[header::LOCATION]
                .to_str()
                .unwrap()
                .to_string();
            let next = reqwest::Url::parse(&url).unwrap().join(&location).unwrap();
            if let Some(back) = next.as_str().strip_prefix(PUBLIC_URL) {
                return Back {
                    path: back.to_string(),
                    browser,
                };
            }
            url = next.to_string();
            // The provider's login step: the person chooses their account.
            if next.path().starts_with("/interaction/") {
                url = format!("{url}?sub={sub}");
            }
        }
        panic!("the provider never sent the browser back to Boardplan");
    }
}

/// Where the provider sent the browser back to, and the browser's Boardplan cookie.
pub struct Back {
    pub path: String,
    pub browser: String,
}

impl Back {
    /// The browser arrives back at Boardplan.
    pub async fn arrive(&self, app: &TestApp) -> Response {
        self.arrive_with(app, &self.browser).await
    }

    /// The same address, from a browser with `cookie` (another browser, or none).
    pub async fn arrive_with(&self, app: &TestApp, cookie: &str) -> Response {
        let req = Request::get(&self.path)
            .header(header::COOKIE, cookie)
            .body(Body::empty())
            .unwrap();
        app.send(req).await
    }
}

/// The session a response to signing in started, if any.
pub fn session_cookie(res: &Response) -> Option<String> {
    res.cookies()
        .into_iter()
        .find(|c| c.starts_with("bp_session=") && c.len() > "bp_session=".len())
}
