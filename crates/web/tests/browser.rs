//! Real headless Chromium (Debian's chromium + chromium-driver) against the real server:
//! a lead finds an overdue action, posts an update with evidence, sees the dashboard change,
//! and the chair signs it off; and every page is scanned with axe-core for serious or
//! critical accessibility violations.
//!
//! CI installs Chromium (.ci/run) and these tests fail there if it is missing; on a
//! developer's machine without it they say `skipped:` and stop (see `testkit`).

use crate::common;

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{KINGSTON, PASSWORD};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use testkit::programs;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";
const AXE: &str = include_str!(concat!(
    env!("BOARDPLAN_NODE_MODULES"),
    "/axe-core/axe.min.js"
));

struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Chromedriver on a free port, or `None` (having said `skipped:`) where it is not installed
/// outside CI.
fn chromedriver() -> Option<Driver> {
    if !testkit::program(
        "the pages in headless Chromium",
        &[programs::CHROMIUM, programs::CHROMEDRIVER],
    ) {
        return None;
    }
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    // Wait until it accepts connections (it takes a moment to start), at most ten seconds.
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Some(Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    })
}

async fn browser(driver: &Driver) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--window-size=1280,1024"]
        }),
    );
    ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a Chromium session")
}

/// The app served on a free local port, for the browser to reach.
async fn serve() -> (String, common::TestApp) {
    let app = common::app().await;
    app.publish(common::KINGSTON).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let router = app.router.clone();
    tokio::spawn(async move { axum::serve(listener, router).await });
    (base, app)
}

async fn sign_in(c: &Client, base: &str, email: &str) {
    c.goto(&format!("{base}/sign-in")).await.unwrap();
    c.wait()
        .for_element(Locator::Id("email"))
        .await
        .unwrap()
        .send_keys(email)
        .await
        .unwrap();
    c.find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    c.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css(".govuk-service-navigation, .govuk-list"))
        .await
        .unwrap();
}

/// The text of the first element matching `css`, waiting for it to appear (after a click
/// the next page may still be loading).
async fn text(c: &Client, css: &str) -> String {
    c.wait()
        .for_element(Locator::Css(css))
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_updates_an_overdue_action_with_evidence_and_the_chair_signs_it_off() {
    let Some(driver) = chromedriver() else { return };
    let (base, _app) = serve().await;
    let c = browser(&driver).await;

    sign_in(&c, &base, "lead@kingston.test").await;
    assert!(c.current_url().await.unwrap().path().ends_with(KINGSTON));
    // The overdue list leads to one of the lead's actions.
    c.goto(&format!(
        "{base}/p/{KINGSTON}/plan?lead=chair-training&status=overdue"
    ))
    .await
    .unwrap();
    c.wait()
        .for_element(Locator::LinkText("3.1"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(text(&c, "h1").await.contains("Action 3.1"));

    let evidence = std::env::temp_dir().join(format!("bp-evidence-{}.txt", std::process::id()));
    std::fs::write(&evidence, "Training plan 2010-11, agreed at the sub-group").unwrap();
    c.find(Locator::Css("label[for=rag-blue]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.find(Locator::Id("percent"))
        .await
        .unwrap()
        .send_keys("100")
        .await
        .unwrap();
    c.find(Locator::Id("narrative"))
        .await
        .unwrap()
        .send_keys("The training plan is based on a needs analysis.")
        .await
        .unwrap();
    c.find(Locator::Id("evidence"))
        .await
        .unwrap()
        .send_keys(&evidence.display().to_string())
        .await
        .unwrap();
    c.find(Locator::Css("form[enctype] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert_eq!(
        text(&c, ".govuk-notification-banner__heading").await,
        "Your update has been posted."
    );
    assert!(
        c.source().await.unwrap().contains("bp-evidence-"),
        "the evidence is listed"
    );
    let _ = std::fs::remove_file(&evidence);

    c.goto(&format!("{base}/p/{KINGSTON}")).await.unwrap();
    c.wait()
        .for_element(Locator::Css(".govuk-summary-list__row"))
        .await
        .unwrap();
    let rows = c
        .find_all(Locator::Css(".govuk-summary-list__row"))
        .await
        .unwrap();
    let mut complete = String::new();
    for r in rows {
        let t = r.text().await.unwrap();
        if t.starts_with("Complete") {
            complete = t;
        }
    }
    assert_eq!(
        complete.split_whitespace().collect::<Vec<_>>(),
        vec!["Complete", "1"]
    );

    // The chair signs it off.
    c.delete_all_cookies().await.unwrap();
    sign_in(&c, &base, "chair@kingston.test").await;
    c.goto(&format!("{base}/p/{KINGSTON}/actions/3.1"))
        .await
        .unwrap();
    c.find(Locator::XPath(
        "//button[normalize-space()='Sign off as complete']",
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    assert_eq!(
        text(&c, ".govuk-notification-banner__heading").await,
        "The action has been signed off as complete."
    );
    assert!(
        text(&c, "#sign-off + p")
            .await
            .starts_with("Signed off by chair@kingston.test")
    );
    c.close().await.unwrap();
}

/// axe-core's serious and critical violations on the page the browser shows now.
async fn axe(c: &Client) -> Vec<String> {
    c.execute(AXE, vec![]).await.unwrap();
    let found = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {resultTypes: ['violations']}).then(r => done(
               r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))));",
            vec![],
        )
        .await
        .unwrap();
    serde_json::from_value(found).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_has_no_serious_or_critical_accessibility_violations() {
    let Some(driver) = chromedriver() else { return };
    let (base, _app) = serve().await;
    let c = browser(&driver).await;
    let mut failures = Vec::new();
    for path in [
        "/sign-in",
        "/public",
        &format!("/public/{KINGSTON}"),
        "/no-such-page",
    ] {
        c.goto(&format!("{base}{path}")).await.unwrap();
        failures.extend(axe(&c).await.into_iter().map(|v| format!("{path}: {v}")));
    }
    sign_in(&c, &base, "lead@kingston.test").await;
    let pages = [
        "",
        "/plan",
        "/my-actions",
        "/actions/3.1",
        "/actions/4.2%232",
        "/reviews",
        "/board",
        "?as_at=2009-10-15",
        "/reports",
        "/reports?report=board-paper&as_at=2010-03-31&format=html",
        "/reports?report=memo&as_at=31-03-2010&format=pdf",
        "/documents",
        "/induction",
    ];
    for p in pages {
        let path = format!("/p/{KINGSTON}{p}");
        c.goto(&format!("{base}{path}")).await.unwrap();
        failures.extend(axe(&c).await.into_iter().map(|v| format!("{path}: {v}")));
    }
    // A form with errors: the error summary and the fields' error messages.
    c.goto(&format!("{base}/p/{KINGSTON}/actions/3.1"))
        .await
        .unwrap();
    c.find(Locator::Css("form[enctype] button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    c.wait()
        .for_element(Locator::Css(".govuk-error-summary"))
        .await
        .unwrap();
    failures.extend(
        axe(&c)
            .await
            .into_iter()
            .map(|v| format!("update form with errors: {v}")),
    );
    c.goto(&format!("{base}/account/password")).await.unwrap();
    failures.extend(
        axe(&c)
            .await
            .into_iter()
            .map(|v| format!("/account/password: {v}")),
    );
    // The scan itself works: an image with no text alternative is caught.
    c.execute("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\\'/assets/favicon.svg\\'>')", vec![])
        .await
        .unwrap();
    let control = axe(&c).await;
    assert!(
        control.iter().any(|v| v.starts_with("image-alt")),
        "axe did not run: {control:?}"
    );
    c.close().await.unwrap();
    assert!(
        failures.is_empty(),
        "accessibility violations:\n{}",
        failures.join("\n")
    );
}
