//! The reports page and the calendar feed over HTTP: every format downloads as itself, the
//! date chosen is the date reported, mistakes are named beside their fields, only members
//! may produce reports, and a private calendar address serves one partnership until revoked.

use crate::common;

use crate::common::{KINGSTON, OUTSIDER, RIVERFORD, Session, TestApp, app};
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use domain::{Meeting, MeetingKind};
use http_body_util::BodyExt;
use store::Stamp;
use tower::ServiceExt;

const BOARD_PAPER_TITLE: &str = "Board meeting paper: progress on the improvement plan";

/// A GET whose body may not be text.
async fn get_bytes(
    app: &TestApp,
    path: &str,
    session: Option<&Session>,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let mut req = Request::get(path);
    if let Some(s) = session {
        req = req.header(header::COOKIE, &s.cookie);
    }
    let res = app
        .router
        .clone()
        .oneshot(req.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let bytes = res.into_body().collect().await.unwrap().to_bytes().to_vec();
    (status, headers, bytes)
}

fn header_text(h: &HeaderMap, name: header::HeaderName) -> &str {
    h.get(name).and_then(|v| v.to_str().ok()).unwrap_or("")
}

fn paper(format: &str) -> String {
    format!("/p/{KINGSTON}/reports?report=board-paper&as_at=2010-03-31&format={format}")
}

/// A zip's entry names sit uncompressed in its central directory.
fn zip_holding(bytes: &[u8], entry: &str) -> bool {
    bytes.starts_with(b"PK\x03\x04") && bytes.windows(entry.len()).any(|w| w == entry.as_bytes())
}

/// Whether bytes are really in a format.
type IsFormat = fn(&[u8]) -> bool;

#[tokio::test]
async fn a_reader_downloads_the_board_paper_in_every_format_as_that_format() {
    let app = app().await;
    let s = app.sign_in("reader@kingston.test").await;
    let checks: [(&str, &str, IsFormat); 6] = [
        ("pdf", "application/pdf", |b| b.starts_with(b"%PDF-")),
        (
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            |b| zip_holding(b, "word/document.xml"),
        ),
        ("odt", "application/vnd.oasis.opendocument.text", |b| {
            zip_holding(b, "application/vnd.oasis.opendocument.text")
        }),
        (
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            |b| zip_holding(b, "xl/workbook.xml"),
        ),
        (
            "ods",
            "application/vnd.oasis.opendocument.spreadsheet",
            |b| zip_holding(b, "application/vnd.oasis.opendocument.spreadsheet"),
        ),
        ("csv", "text/csv; charset=utf-8", |b| {
            String::from_utf8_lossy(b)
                .lines()
                .next()
                .is_some_and(|l| l.contains(BOARD_PAPER_TITLE) && l.contains("31 March 2010"))
        }),
    ];
    for (format, media_type, is_that_format) in checks {
        let (status, h, body) = get_bytes(&app, &paper(format), Some(&s)).await;
        assert_eq!(status, StatusCode::OK, "{format}");
        assert_eq!(
            header_text(&h, header::CONTENT_TYPE),
            media_type,
            "{format}"
        );
        assert_eq!(
            header_text(&h, header::CONTENT_DISPOSITION),
            format!("attachment; filename=\"kingston-lscb-board-paper-2010-03-31.{format}\""),
        );
        assert_eq!(header_text(&h, header::CACHE_CONTROL), "no-store");
        assert!(is_that_format(&body), "{format} is not really {format}");
    }
    // HTML saved as a file is a whole document.
    let (status, h, body) = get_bytes(&app, &(paper("html") + "&download=yes"), Some(&s)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        header_text(&h, header::CONTENT_TYPE),
        "text/html; charset=utf-8"
    );
    assert!(header_text(&h, header::CONTENT_DISPOSITION).ends_with(".html\""));
    let text = String::from_utf8(body).unwrap();
    assert!(text.starts_with("<!DOCTYPE html>") && text.contains(BOARD_PAPER_TITLE));
}

#[tokio::test]
async fn html_is_shown_inside_the_site_with_links_to_save_it() {
    let app = app().await;
    let s = app.sign_in("lead@kingston.test").await;
    let res = app.get(&paper("html"), Some(&s)).await;
    assert_eq!(res.status, StatusCode::OK);
    assert!(res.headers.get(header::CONTENT_DISPOSITION).is_none());
    assert_eq!(res.texts("main h1"), [BOARD_PAPER_TITLE]);
    assert_eq!(
        res.texts(".govuk-service-navigation__link[aria-current=page]"),
        ["Reports"]
    );
    let links = res.html();
    let sel = scraper::Selector::parse("main a[download]").unwrap();
    let hrefs: Vec<&str> = links
        .select(&sel)
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(hrefs.len(), 7, "{hrefs:?}");
    assert!(hrefs.contains(&paper("pdf").as_str()), "{hrefs:?}");
    // The report colours its RAG cells with style attributes: its page lets them apply, and
    // still runs no inline script; every other page keeps the strict policy.
    let csp = |res: &common::Response| {
        res.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap()
            .to_string()
    };
    assert!(res.body.contains("class=\"rag\" style=\"background:"));
    assert!(csp(&res).contains("style-src-attr 'unsafe-inline'"));
    assert!(csp(&res).contains("script-src 'self';"));
    let form = app.get(&format!("/p/{KINGSTON}/reports"), Some(&s)).await;
    assert!(!csp(&form).contains("unsafe-inline"));
}

#[tokio::test]
async fn the_date_chosen_is_the_date_reported() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let csv =
        |as_at: &str| format!("/p/{KINGSTON}/reports?report=quarterly&as_at={as_at}&format=csv");
    let june = app.get(&csv("2009-06-30"), Some(&s)).await;
    let march = app.get(&csv("2010-03-31"), Some(&s)).await;
    assert_eq!(
        (june.status, march.status),
        (StatusCode::OK, StatusCode::OK)
    );
    assert!(june.body.contains("30 June 2009") && !june.body.contains("31 March 2010"));
    assert!(march.body.contains("31 March 2010") && !march.body.contains("30 June 2009"));
    assert_ne!(june.body, march.body);
    // The form starts at the date the site is showing.
    let page = app
        .get(&format!("/p/{KINGSTON}/reports?as_at=2009-10-15"), Some(&s))
        .await;
    let doc = page.html();
    let sel = scraper::Selector::parse("#report-as-at").unwrap();
    let value = doc.select(&sel).next().unwrap().value().attr("value");
    assert_eq!(value, Some("2009-10-15"));
}

#[tokio::test]
async fn each_mistake_is_named_beside_its_field_with_status_400_and_no_file() {
    let app = app().await;
    let s = app.sign_in("reader@kingston.test").await;
    let base = format!("/p/{KINGSTON}/reports");
    let cases = [
        (
            "?report=memo&as_at=2010-03-31&format=pdf",
            "#report",
            "is not a report",
        ),
        (
            "?as_at=2010-03-31&format=pdf",
            "#report",
            "Choose which report",
        ),
        (
            "?report=annual&as_at=31/03/2010&format=pdf",
            "#report-as-at",
            "YYYY-MM-DD",
        ),
        (
            "?report=annual&as_at=2090-01-01&format=pdf",
            "#report-as-at",
            "in the future",
        ),
        (
            "?report=annual&as_at=1999-01-01&format=pdf",
            "#report-as-at",
            "no plan on 1999-01-01",
        ),
        (
            "?report=annual&as_at=2010-03-31&format=wpd",
            "#format",
            "is not a format",
        ),
        (
            "?report=annual&as_at=2010-03-31",
            "#format",
            "Choose a file format",
        ),
    ];
    for (q, field, words) in cases {
        let res = app.get(&format!("{base}{q}"), Some(&s)).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{q}");
        assert!(
            res.headers.get(header::CONTENT_DISPOSITION).is_none(),
            "{q}"
        );
        let summary = res.texts(".govuk-error-summary__list a");
        assert_eq!(summary.len(), 1, "{q}: {summary:?}");
        assert!(summary[0].contains(words), "{q}: {summary:?}");
        let doc = res.html();
        let sel = scraper::Selector::parse(".govuk-error-summary__list a").unwrap();
        let href = doc.select(&sel).next().unwrap().value().attr("href");
        assert_eq!(href, Some(field), "{q}");
        // The link leads to a field that is there.
        let target = scraper::Selector::parse(field).unwrap();
        assert!(doc.select(&target).next().is_some(), "{q}: no {field}");
    }
    // Everything wrong at once: every field named.
    let res = app
        .get(&format!("{base}?report=x&as_at=y&format=z"), Some(&s))
        .await;
    assert_eq!(res.texts(".govuk-error-summary__list a").len(), 3);
}

#[tokio::test]
async fn reports_are_for_members_only() {
    let app = app().await;
    let reader = app.sign_in("reader@kingston.test").await;
    let outsider = app.sign_in(OUTSIDER).await;
    let page = app
        .get(&format!("/p/{KINGSTON}/reports"), Some(&reader))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("main h1"), ["Reports"]);
    assert_eq!(
        page.texts("#report-board-paper-hint, #report-hint").len(),
        1
    );
    assert_eq!(
        page.texts(".govuk-radios__input[name=report] + label")
            .len(),
        // The plan's reports, the assurance reports, and the member registers and attendance
        // (a meeting's pack and minutes are made from the meeting's page).
        reports::ReportKind::ALL.len() + reports::ReportKind::ASSURANCE.len() + 3
    );
    assert_eq!(
        page.texts(".govuk-radios__input[name=format] + label")
            .len(),
        7
    );
    // Linked from the partnership's navigation.
    let dash = app.get(&format!("/p/{KINGSTON}"), Some(&reader)).await;
    assert!(
        dash.body
            .contains(&format!("href=\"/p/{KINGSTON}/reports\""))
    );
    for path in [
        format!("/p/{KINGSTON}/reports"),
        paper("csv"),
        format!("/p/{KINGSTON}/calendar.ics"),
    ] {
        let res = app.get(&path, Some(&outsider)).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "outsider {path}");
        assert!(!res.body.contains("Kingston"), "outsider {path}");
        let res = app.get(&path, None).await;
        assert_eq!(res.status, StatusCode::SEE_OTHER, "anonymous {path}");
        assert!(
            res.location().starts_with("/sign-in?next="),
            "anonymous {path}"
        );
    }
}

/// A board meeting of each partnership, so that the feeds have meetings to show. Recorded
/// now: the accounts were made now, and history is only added to.
async fn meetings(app: &TestApp) {
    let board = |date: &str| Meeting {
        date: date.parse().unwrap(),
        kind: MeetingKind::Board,
        subgroup: None,
    };
    app.store
        .add_meeting(KINGSTON, Stamp::now("test"), &board("2010-03-17"))
        .await
        .unwrap();
    app.store
        .add_meeting(RIVERFORD, Stamp::now("test"), &board("2013-01-09"))
        .await
        .unwrap();
}

/// Create a feed from the reports page as `s`; its path (`/calendar/….ics`).
async fn create_feed(app: &TestApp, s: &Session) -> String {
    let res = app
        .post(
            &format!("/p/{KINGSTON}/calendar-feeds"),
            Some(s),
            &[("csrf", &s.csrf)],
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let doc = res.html();
    let sel = scraper::Selector::parse("#feed-url").unwrap();
    let url = doc
        .select(&sel)
        .next()
        .unwrap()
        .value()
        .attr("value")
        .unwrap();
    let path = url.split_once("/calendar/").map(|(_, p)| p).unwrap();
    format!("/calendar/{path}")
}

/// The VEVENTs of an iCalendar text, each as its lines.
fn events(ics: &str) -> Vec<Vec<&str>> {
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    let mut out = Vec::new();
    let mut current: Option<Vec<&str>> = None;
    for line in ics.split("\r\n") {
        match line {
            "BEGIN:VEVENT" => current = Some(Vec::new()),
            "END:VEVENT" => out.extend(current.take()),
            l => {
                if let Some(c) = current.as_mut() {
                    c.push(l);
                }
            }
        }
    }
    out
}

#[tokio::test]
async fn a_private_calendar_address_serves_meetings_and_deadlines_until_revoked() {
    let app = app().await;
    meetings(&app).await;
    let s = app.sign_in("reader@kingston.test").await;
    let feed = create_feed(&app, &s).await;
    // No cookie: a calendar program cannot sign in.
    let res = app.get(&feed, None).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.headers.get(header::CONTENT_TYPE).unwrap(),
        "text/calendar; charset=utf-8"
    );
    assert_eq!(res.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
    let events = events(&res.body);
    let meeting: Vec<_> = events
        .iter()
        .filter(|e| e.contains(&"CATEGORIES:MEETING"))
        .collect();
    assert_eq!(meeting.len(), 1, "{meeting:?}");
    assert!(meeting[0].contains(&"DTSTART;VALUE=DATE:20100317"));
    assert!(
        events
            .iter()
            .filter(|e| e.contains(&"CATEGORIES:DEADLINE"))
            .count()
            > 10
    );
    // Nothing of the other partnership.
    assert!(!res.body.contains("20130109"));
    assert!(!res.body.to_lowercase().contains("riverford"));
    // Listed on the reports page, then revoked there.
    let page = app.get(&format!("/p/{KINGSTON}/reports"), Some(&s)).await;
    let doc = page.html();
    let sel = scraper::Selector::parse("#calendar ~ table form").unwrap();
    let forms: Vec<&str> = doc
        .select(&sel)
        .filter_map(|f| f.value().attr("action"))
        .collect();
    assert_eq!(forms.len(), 1, "{}", page.body);
    assert!(!page.body.contains(feed.trim_start_matches("/calendar/")));
    let refused = app.post(forms[0], Some(&s), &[("csrf", "wrong")]).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(&feed, None).await.status, StatusCode::OK);
    let done = app.post(forms[0], Some(&s), &[("csrf", &s.csrf)]).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(app.get(&feed, None).await.status, StatusCode::NOT_FOUND);
    // Revoking again, or an address never made, is not found.
    let again = app.post(forms[0], Some(&s), &[("csrf", &s.csrf)]).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    let made_up = format!("/calendar/{}.ics", "ab".repeat(32));
    assert_eq!(app.get(&made_up, None).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_address_needs_a_form_from_boardplan_and_is_not_anyone_elses_to_revoke() {
    let app = app().await;
    let s = app.sign_in("member@kingston.test").await;
    let res = app
        .post(
            &format!("/p/{KINGSTON}/calendar-feeds"),
            Some(&s),
            &[("csrf", "forged")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    let feed = create_feed(&app, &s).await;
    let other = app.sign_in("chair@kingston.test").await;
    let page = app
        .get(&format!("/p/{KINGSTON}/reports"), Some(&other))
        .await;
    assert!(
        !page.body.contains("/revoke"),
        "another member's address is listed"
    );
    let feeds = app
        .store
        .calendar_feeds(
            app.store
                .account_by_email("member@kingston.test")
                .await
                .unwrap()
                .unwrap()
                .id,
            KINGSTON,
        )
        .await
        .unwrap();
    let revoke = format!("/p/{KINGSTON}/calendar-feeds/{}/revoke", feeds[0].id);
    let res = app
        .post(&revoke, Some(&other), &[("csrf", &other.csrf)])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&feed, None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn an_address_stops_when_its_owner_leaves_or_is_disabled() {
    let app = app().await;
    let leaver = app.sign_in("reader@kingston.test").await;
    let leaver_feed = create_feed(&app, &leaver).await;
    let disabled = app.sign_in("member@kingston.test").await;
    let disabled_feed = create_feed(&app, &disabled).await;
    let stays = app.sign_in("chair@kingston.test").await;
    let stays_feed = create_feed(&app, &stays).await;
    let n = app
        .execute(
            "DELETE FROM memberships WHERE account_id = \
         (SELECT id FROM accounts WHERE email = 'reader@kingston.test')",
        )
        .await;
    assert_eq!(n, 1);
    let n = app
        .execute(
            "UPDATE accounts SET disabled_at = '2020-01-01T00:00:00Z' \
         WHERE email = 'member@kingston.test'",
        )
        .await;
    assert_eq!(n, 1);
    assert_eq!(
        app.get(&leaver_feed, None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get(&disabled_feed, None).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get(&stays_feed, None).await.status, StatusCode::OK);
}

#[tokio::test]
async fn a_member_downloads_the_calendar_once_without_an_address() {
    let app = app().await;
    meetings(&app).await;
    let s = app.sign_in("lead@kingston.test").await;
    let res = app
        .get(&format!("/p/{KINGSTON}/calendar.ics"), Some(&s))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(
        res.headers.get(header::CONTENT_DISPOSITION).unwrap(),
        "attachment; filename=\"kingston-lscb-calendar.ics\""
    );
    assert!(
        events(&res.body)
            .iter()
            .any(|e| e.contains(&"DTSTART;VALUE=DATE:20100317"))
    );
}

/// What the server logs, kept for the test to read.
#[derive(Clone, Default)]
struct Log(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_calendar_address_never_reaches_the_log() {
    let log = Log::default();
    let writer = log.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // Global, not per thread: the database driver logs from its own threads, and a
    // thread's subscriber misses callsites another test's thread saw first. No other test
    // here sets one.
    tracing::subscriber::set_global_default(subscriber).unwrap();
    let app = app().await;
    let s = app.sign_in("reader@kingston.test").await;
    let feed = create_feed(&app, &s).await;
    let secret = feed
        .trim_start_matches("/calendar/")
        .trim_end_matches(".ics")
        .to_owned();
    assert_eq!(app.get(&feed, None).await.status, StatusCode::OK);
    let wrong = format!("/calendar/{}.ics", secret.chars().rev().collect::<String>());
    assert_eq!(app.get(&wrong, None).await.status, StatusCode::NOT_FOUND);
    let logged = String::from_utf8(log.0.lock().unwrap().clone()).unwrap();
    assert!(
        logged.contains("calendar_feed"),
        "the feed's lookup was not traced, so this test sees nothing"
    );
    assert!(!logged.contains(&secret), "the secret was logged");
    let reversed: String = secret.chars().rev().collect();
    assert!(!logged.contains(&reversed), "a guessed secret was logged");
}
