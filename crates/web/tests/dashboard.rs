//! The dashboard's lists stay short enough to read, link to the whole list, and a dashboard
//! rendered once is drawn again the moment anything changes.

use crate::common;

use crate::common::{KINGSTON, app};
use axum::http::StatusCode;

/// Rows of the table whose caption starts with `caption`, and the link after it, if any.
fn list(res: &common::Response, caption: &str) -> (String, usize, Option<String>) {
    let html = res.html();
    let table_sel = scraper::Selector::parse("table").unwrap();
    let caption_sel = scraper::Selector::parse("caption").unwrap();
    let row_sel = scraper::Selector::parse("tbody tr").unwrap();
    let table = html
        .select(&table_sel)
        .find(|t| {
            t.select(&caption_sel)
                .next()
                .is_some_and(|c| c.text().collect::<String>().starts_with(caption))
        })
        .unwrap_or_else(|| panic!("no {caption} table in {}", res.body));
    let title: String = table.select(&caption_sel).next().unwrap().text().collect();
    let rows = table.select(&row_sel).count();
    let link = table
        .next_siblings()
        .filter_map(scraper::ElementRef::wrap)
        .next()
        .filter(|e| e.value().name() == "p")
        .and_then(|p| {
            p.select(&scraper::Selector::parse("a").unwrap())
                .next()
                .and_then(|a| a.attr("href").map(String::from))
        });
    (title, rows, link)
}

/// "Overdue (38)" → 38.
fn count(caption: &str) -> usize {
    caption
        .rsplit_once('(')
        .and_then(|(_, n)| n.trim_end_matches(')').parse().ok())
        .unwrap_or_else(|| panic!("no count in {caption}"))
}

#[tokio::test]
async fn a_long_list_shows_the_ten_longest_overdue_and_links_to_all_of_them() {
    let app = app().await;
    let s = app.sign_in("chair@kingston.test").await;
    // Seen today, a 2009 plan is mostly overdue: far more than ten actions.
    let dash = app.get(&format!("/p/{KINGSTON}"), Some(&s)).await;
    assert_eq!(dash.status, StatusCode::OK);
    let (caption, rows, link) = list(&dash, "Overdue");
    let total = count(&caption);
    assert!(total > 10, "{caption}");
    assert_eq!(rows, 10, "only the first ten are listed");
    let link = link.expect("a link to every overdue action");
    assert_eq!(link, format!("/p/{KINGSTON}/plan?status=overdue"));
    assert!(
        dash.body
            .contains(&format!("See all {total} overdue actions in the plan"))
    );

    // The plan, filtered, lists every one of them.
    let plan = app.get(&link, Some(&s)).await;
    assert_eq!(plan.status, StatusCode::OK);
    let listed = plan
        .html()
        .select(&scraper::Selector::parse("tbody tr").unwrap())
        .count();
    assert_eq!(listed, total);

    // The longest overdue come first: the first row's due date is no later than the last's.
    let dues: Vec<jiff::civil::Date> = dash
        .texts("table:nth-of-type(1) tbody td.bp-nowrap")
        .iter()
        .filter_map(|d| jiff::civil::Date::strptime("%d %B %Y", d).ok())
        .collect();
    assert_eq!(dues.len(), 10, "every listed action has a due date");
    assert!(dues.windows(2).all(|w| w[0] <= w[1]), "{dues:?}");
}

#[tokio::test]
async fn a_short_list_shows_every_action_and_no_link() {
    let app = app().await;
    let s = app.sign_in("chair@kingston.test").await;
    let dash = app
        .get(&format!("/p/{KINGSTON}?as_at=2009-10-15"), Some(&s))
        .await;
    let (caption, rows, link) = list(&dash, "Due soon");
    let total = count(&caption);
    assert!(total <= 10, "{caption}");
    // An empty list still has its one "None." row.
    assert_eq!(rows, total.max(1));
    assert_eq!(link, None);
}

#[tokio::test]
async fn a_past_dates_link_keeps_that_date() {
    let app = app().await;
    let s = app.sign_in("chair@kingston.test").await;
    let dash = app
        .get(&format!("/p/{KINGSTON}?as_at=2010-06-30"), Some(&s))
        .await;
    let (caption, _, link) = list(&dash, "Overdue");
    assert!(count(&caption) > 10, "{caption}");
    assert_eq!(
        link.as_deref(),
        Some(format!("/p/{KINGSTON}/plan?as_at=2010-06-30&status=overdue").as_str())
    );
}

#[tokio::test]
async fn a_dashboard_already_seen_is_drawn_again_after_an_update() {
    let app = app().await;
    let lead = app.sign_in("lead@kingston.test").await;
    let first = app.get(&format!("/p/{KINGSTON}"), Some(&lead)).await;
    let again = app.get(&format!("/p/{KINGSTON}"), Some(&lead)).await;
    assert_eq!(first.body, again.body, "nothing changed, so the same page");
    let amber = |res: &common::Response| {
        res.texts(".govuk-summary-list__row")
            .into_iter()
            .find(|r| r.starts_with("Amber"))
            .unwrap()
    };
    assert_eq!(amber(&first), "Amber 0");

    post_amber_on_3_1(&app, &lead).await;

    let after = app.get(&format!("/p/{KINGSTON}"), Some(&lead)).await;
    assert_eq!(amber(&after), "Amber 1");
}

/// A browser that takes gzip gets the kept dashboard and plan gzipped, the same page as the
/// one sent plain; the API's list of actions likewise. A client that refuses it gets plain.
#[tokio::test]
async fn kept_pages_and_the_action_list_are_gzipped_for_a_client_that_takes_it() {
    use axum::body::Body;
    use axum::http::{Request, header};
    use std::io::Read;

    let api = crate::api_support::Api::new().await;
    let app = &api.app;
    let lead = app.sign_in("lead@kingston.test").await;
    let token = api.token("lead@kingston.test", KINGSTON).await;
    let pages = [
        (format!("/p/{KINGSTON}"), "text/html; charset=utf-8"),
        (format!("/p/{KINGSTON}/plan"), "text/html; charset=utf-8"),
        (
            format!("/api/v1/partnerships/{KINGSTON}/actions?per_page=50"),
            "application/json",
        ),
    ];
    for (path, kind) in pages {
        let ask = |encoding: &str| {
            let req = Request::get(&path).header(header::ACCEPT_ENCODING, encoding);
            let req = if path.starts_with("/api/") {
                req.header(header::AUTHORIZATION, format!("Bearer {token}"))
            } else {
                req.header(header::COOKIE, &lead.cookie)
            };
            app.send_raw(req.body(Body::empty()).unwrap())
        };
        let (status, plain_headers, plain) = ask("identity").await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            plain_headers.get(header::CONTENT_ENCODING).is_none(),
            "{path}"
        );
        let (status, headers, zipped) = ask("gzip, deflate, br").await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert_eq!(headers[header::CONTENT_ENCODING], "gzip", "{path}");
        assert_eq!(headers[header::CONTENT_TYPE], kind, "{path}");
        for h in [&headers, &plain_headers] {
            let vary = h[header::VARY].to_str().unwrap().to_ascii_lowercase();
            assert!(vary.contains("accept-encoding"), "{path}: {vary}");
        }
        assert!(
            zipped.len() * 4 <= plain.len(),
            "{path}: {} of {}",
            zipped.len(),
            plain.len()
        );
        let mut back = Vec::new();
        flate2::read::GzDecoder::new(&zipped[..])
            .read_to_end(&mut back)
            .unwrap();
        assert_eq!(back, plain, "{path}: the same page either way");
    }
}

/// A dashboard kept from an earlier request is served without reading the register again;
/// a risk added since makes a new view, so the next request draws it with the risk.
#[tokio::test]
async fn a_dashboard_already_seen_shows_a_risk_added_since() {
    use domain::assurance::risks::Rating;
    let app = app().await;
    let reader = app.sign_in("reader@kingston.test").await;
    let first = app.get(&format!("/p/{KINGSTON}"), Some(&reader)).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert!(!first.body.contains("risks-above-appetite"));
    let again = app.get(&format!("/p/{KINGSTON}"), Some(&reader)).await;
    assert_eq!(first.body, again.body, "kept: nothing changed");

    let risk = store::NewRisk {
        title: "Agencies miss meetings".into(),
        cause: None,
        consequence: None,
        owner_role: "LSCB Chair".into(),
        controls: None,
        appetite: Some(9),
        review_on: None,
        rating: Rating::new(4, 4).unwrap(),
        rated_on: "2009-06-01".parse().unwrap(),
        actions: vec![],
        indicators: vec![],
    };
    app.store
        .add_risk(KINGSTON, store::Stamp::now("test"), &risk)
        .await
        .unwrap();
    let after = app.get(&format!("/p/{KINGSTON}"), Some(&reader)).await;
    assert!(
        after.body.contains("id=\"risks-above-appetite\""),
        "{}",
        after.body
    );
    assert!(
        after
            .body
            .contains("Agencies miss meetings</a>: score 16, appetite 9"),
        "{}",
        after.body
    );
}

/// The whole plan page is kept per view like the dashboard, and drawn again once an update is
/// posted; a filtered page is drawn for its filter.
#[tokio::test]
async fn a_plan_page_already_seen_is_drawn_again_after_an_update() {
    let app = app().await;
    let lead = app.sign_in("lead@kingston.test").await;
    let plan = format!("/p/{KINGSTON}/plan");
    let first = app.get(&plan, Some(&lead)).await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    let again = app.get(&plan, Some(&lead)).await;
    assert_eq!(first.body, again.body, "nothing changed, so the same page");
    let amber = |res: &common::Response| res.body.matches(">Amber<").count();
    let before = amber(&first);

    post_amber_on_3_1(&app, &lead).await;
    let after = app.get(&plan, Some(&lead)).await;
    assert_eq!(amber(&after), before + 1, "{}", after.body);
    let filtered = app
        .get(&format!("{plan}?status=overdue"), Some(&lead))
        .await;
    assert_eq!(filtered.status, StatusCode::OK);
    assert_ne!(filtered.body, after.body, "a filter draws its own page");
}

/// The lead posts an amber update on 3.1 through the action page's form.
async fn post_amber_on_3_1(app: &common::TestApp, lead: &common::Session) {
    let version = app.version("3.1").await.to_string();
    let fields = [
        ("csrf", lead.csrf.as_str()),
        ("version", version.as_str()),
        ("rag", "amber"),
        ("percent", "40"),
        ("as_of", "2026-01-15"),
        ("narrative", "Needs analysis under way."),
    ];
    let posted = app
        .post_multipart(
            &format!("/p/{KINGSTON}/actions/3.1/updates"),
            lead,
            &fields,
            None,
        )
        .await;
    assert_eq!(posted.status, StatusCode::SEE_OTHER, "{}", posted.body);
}
