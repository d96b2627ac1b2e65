//! The indicator pages, on SQLite and (with `TEST_DATABASE_URL`) PostgreSQL, with real DfE
//! figures put in through the store: the list with RAG in words and arrows with text, one
//! indicator's page with chart, table, comparators, gaps and commentary, `?as_at=`, the
//! commentary form, and the import page.

use std::path::PathBuf;

use crate::common::{KINGSTON, OUTSIDER, TestApp, app};
use axum::http::StatusCode;
use indicators::{AreaCode, Catalogue, Commentary, IndicatorCode, Period, Target, read_file};
use store::{IndicatorFormat, IndicatorSource};

const AREA: &str = "E09000021";

fn real(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/realdata")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Imports `names` for Kingston through the store, published on `published`.
async fn import(app: &TestApp, names: &[&str], published: Option<&str>) {
    let catalogue = Catalogue::builtin();
    for name in names {
        let bytes = real(name);
        let (format, contents) = read_file(name, &bytes, None, &catalogue).unwrap();
        let source = IndicatorSource {
            file_name: (*name).into(),
            sha256: format!("{name}-{published:?}"),
            format: IndicatorFormat::from(format),
            published_on: published.map(|d| d.parse().unwrap()),
        };
        let now = jiff::Timestamp::now();
        match contents {
            indicators::FileContents::Values(values) => app
                .store
                .import_indicator_values(KINGSTON, "test", &values, &source, now)
                .await
                .unwrap(),
            indicators::FileContents::Neighbours(model) => app
                .store
                .import_neighbours(KINGSTON, "test", &model, &source, now)
                .await
                .unwrap(),
        };
    }
}

const D3: &str = "d3_cpps_subsequent_plan_2013_to_2025.csv";
const B1: &str = "b1_children_in_need_2013_to_2025.csv";
const ONS: &str = "ons_mid-year_population_estimates_2012_to_2024.csv";
const CSWW: &str = "csww_indicators_2017_to_2025.csv";
const SN: &str = "sn_model_2025_wide.csv";

async fn target(app: &TestApp, code: &str, period: Period, value: f64) {
    let target = Target {
        indicator: IndicatorCode::new(code).unwrap(),
        period,
        value,
        tolerance_percent: None,
    };
    app.store
        .set_indicator_target(KINGSTON, "test", &target, jiff::Timestamp::now())
        .await
        .unwrap();
}

fn year(y: i16) -> Period {
    Period::year_to_31_march(y).unwrap()
}

#[tokio::test]
async fn the_list_shows_latest_value_target_rag_in_words_arrows_with_text_and_a_sparkline() {
    let app = app().await;
    import(&app, &[D3, CSWW], None).await;
    target(&app, "cpp-subsequent-pct", year(2025), 18.0).await;
    let s = app.sign_in("chair@kingston.test").await;
    let res = app
        .get(&format!("/p/{KINGSTON}/indicators"), Some(&s))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let rows = res.texts("tbody tr");
    let repeat = rows
        .iter()
        .find(|r| r.starts_with("Child protection plans that are a second or subsequent plan"))
        .unwrap();
    assert!(repeat.contains("17.3% 2024-25"), "{repeat}");
    assert!(repeat.contains("18.0%"), "{repeat}");
    assert!(repeat.contains("Green"), "the RAG is a word: {repeat}");
    assert!(
        repeat.contains("down, improving"),
        "the arrow has words: {repeat}"
    );
    let turnover = rows
        .iter()
        .find(|r| r.starts_with("Social worker turnover"))
        .unwrap();
    assert!(
        turnover.contains("Reported jointly as E09000021 / E09000027"),
        "{turnover}"
    );
    assert!(turnover.contains("Not rated"), "{turnover}");
    let sparklines = res.html();
    let svg = scraper::Selector::parse("td svg[role=img]").unwrap();
    assert!(sparklines.select(&svg).count() >= 2);
    let arrows = res.texts("td span[aria-hidden=true]");
    assert!(arrows.iter().any(|a| a == "↓"), "{arrows:?}");
    assert!(
        res.texts(".govuk-service-navigation__item--active")
            .contains(&"Indicators".to_owned())
    );
}

#[tokio::test]
async fn an_indicator_page_has_chart_and_table_comparators_and_commentary_with_its_author() {
    let app = app().await;
    import(&app, &[B1, ONS, SN], None).await;
    target(&app, "cin-rate", year(2025), 280.0).await;
    let note = Commentary::new(
        IndicatorCode::new("cin-rate").unwrap(),
        Some(AreaCode::new(AREA).unwrap()),
        year(2025),
        "LSCB Business Manager",
        "2026-01-10".parse().unwrap(),
        "Demand is steady and below England's.",
    )
    .unwrap();
    app.store
        .add_indicator_commentary(KINGSTON, "test", &note, jiff::Timestamp::now())
        .await
        .unwrap();
    let s = app.sign_in("member@kingston.test").await;
    let res = app
        .get(
            &format!("/p/{KINGSTON}/indicators/cin-rate?area={AREA}"),
            Some(&s),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let html = res.html();
    let chart = scraper::Selector::parse("svg.bp-chart title").unwrap();
    assert_eq!(
        html.select(&chart)
            .next()
            .map(|t| t.text().collect::<String>()),
        Some("Children in need per 10,000 children: Kingston upon Thames".to_owned())
    );
    let caption = res.texts("table caption");
    assert!(
        caption
            .iter()
            .any(|c| c.starts_with("Children in need per 10,000 children")),
        "{caption:?}"
    );
    let facts = res.texts(".govuk-summary-list__row");
    assert!(facts.iter().any(|f| f.starts_with("Statistical neighbours' mean") && f.contains("of the 10 of 10")), "{facts:?}");
    assert!(
        facts
            .iter()
            .any(|f| f.starts_with("England 330.3 per 10,000")),
        "{facts:?}"
    );
    assert!(
        facts
            .iter()
            .any(|f| f.starts_with("Rank among its neighbours")),
        "{facts:?}"
    );
    assert!(
        facts.iter().any(|f| f == "Target 280.0 per 10,000"),
        "{facts:?}"
    );
    let commentary = res.texts(".govuk-inset-text");
    assert!(
        commentary
            .iter()
            .any(|c| c.contains("LSCB Business Manager") && c.contains("Demand is steady")),
        "{commentary:?}"
    );
    assert!(!res.body.contains("No commentary yet"));
    // A board member reads; only managers get the form.
    assert!(!res.body.contains("Add commentary"));
}

#[tokio::test]
async fn years_before_an_authority_existed_are_flagged_as_such_and_not_as_gaps() {
    let app = app().await;
    import(&app, &[D3], None).await;
    let s = app.sign_in("chair@kingston.test").await;
    let res = app
        .get(
            &format!("/p/{KINGSTON}/indicators/cpp-subsequent-pct?area=E06000058"),
            Some(&s),
        )
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let flags = res.texts("tbody strong.govuk-tag");
    assert_eq!(
        flags.iter().filter(|f| *f == "Did not exist").count(),
        7,
        "{flags:?}"
    );
    assert!(!flags.iter().any(|f| f == "Gap"), "{flags:?}");
    assert!(res.texts("#did-not-exist")[0].contains("2012-13"));
}

#[tokio::test]
async fn as_at_a_day_before_a_file_was_published_its_figures_are_hidden() {
    let app = app().await;
    import(&app, &[D3], Some("2025-11-06")).await;
    let s = app.sign_in("chair@kingston.test").await;
    let now = app
        .get(&format!("/p/{KINGSTON}/indicators"), Some(&s))
        .await;
    assert!(now.body.contains("17.3%"));
    let then = app
        .get(
            &format!("/p/{KINGSTON}/indicators?as_at=2025-06-30"),
            Some(&s),
        )
        .await;
    assert_eq!(then.status, StatusCode::OK, "{}", then.body);
    assert!(!then.body.contains("17.3%"), "published later");
    assert!(then.body.contains("plan as it stood on"));
}

#[tokio::test]
async fn a_business_manager_adds_commentary_with_the_form_and_others_cannot() {
    let app = app().await;
    import(&app, &[D3], None).await;
    let path = format!("/p/{KINGSTON}/indicators/cpp-subsequent-pct");
    let manager = app.sign_in("manager@kingston.test").await;
    let page = app.get(&path, Some(&manager)).await;
    assert!(page.body.contains("Add commentary"));
    let form = [
        ("csrf", manager.csrf.as_str()),
        ("area", AREA),
        ("period", "2024-25"),
        ("text", "Repeat plans fell after the step-down review."),
    ];
    let post = format!("{path}/commentary");
    let res = app.post(&post, Some(&manager), &form).await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = app.get(res.location(), Some(&manager)).await;
    assert!(page.body.contains("Your commentary has been added"));
    let notes = page.texts(".govuk-inset-text");
    assert!(
        notes
            .iter()
            .any(|n| n.contains("year to 31 March 2025") && n.contains("manager@kingston.test")),
        "{notes:?}"
    );

    let empty = app
        .post(
            &post,
            Some(&manager),
            &[
                ("csrf", &manager.csrf),
                ("area", AREA),
                ("period", "2024-25"),
                ("text", " "),
            ],
        )
        .await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert!(empty.texts(".govuk-error-summary__list li")[0].contains("empty"));

    let forged = app
        .post(
            &post,
            Some(&manager),
            &[
                ("csrf", "nope"),
                ("area", AREA),
                ("period", "2024-25"),
                ("text", "x"),
            ],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    let reader = app.sign_in("reader@kingston.test").await;
    let refused = app
        .post(
            &post,
            Some(&reader),
            &[
                ("csrf", &reader.csrf),
                ("area", AREA),
                ("period", "2024-25"),
                ("text", "x"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let code = IndicatorCode::new("cpp-subsequent-pct").unwrap();
    let stored = app
        .store
        .indicator_commentary(KINGSTON, &code, Some(&AreaCode::new(AREA).unwrap()), None)
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
}

#[tokio::test]
async fn the_import_page_stores_a_good_file_and_refuses_a_bad_one_naming_its_line() {
    let app = app().await;
    let manager = app.sign_in("manager@kingston.test").await;
    let path = format!("/p/{KINGSTON}/indicators/import");
    assert_eq!(app.get(&path, Some(&manager)).await.status, StatusCode::OK);
    let reader = app.sign_in("reader@kingston.test").await;
    assert_eq!(
        app.get(&path, Some(&reader)).await.status,
        StatusCode::FORBIDDEN
    );

    let good = real(D3);
    let text = String::from_utf8(good.clone()).unwrap();
    // Line 3's CPP_subsequent_percent (the last column) becomes a word.
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let last = lines[2].rfind(',').unwrap();
    lines[2].replace_range(last + 1.., "plenty");
    let bad = lines.join("\n");
    let refused = app
        .post_multipart(
            &path,
            &manager,
            &[("csrf", &manager.csrf), ("format", "")],
            Some(("file", "d3_bad.csv", bad.as_bytes())),
        )
        .await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    let problems = refused.texts("#problems li");
    assert!(
        problems[0].starts_with("d3_bad.csv, line 3"),
        "{problems:?}"
    );
    assert!(
        app.store
            .indicator_imports(KINGSTON)
            .await
            .unwrap()
            .is_empty(),
        "nothing written"
    );

    let stored = app
        .post_multipart(
            &path,
            &manager,
            &[
                ("csrf", &manager.csrf),
                ("format", "dfe"),
                ("published", "2025-11-06"),
            ],
            Some(("file", D3, &good)),
        )
        .await;
    assert_eq!(stored.status, StatusCode::OK, "{}", stored.body);
    assert!(
        stored.body.contains(&format!("Imported {D3}")),
        "{}",
        stored.body
    );
    let imports = app.store.indicator_imports(KINGSTON).await.unwrap();
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0].published_on.to_string(), "2025-11-06");

    let forged = app
        .post_multipart(
            &path,
            &manager,
            &[("csrf", "forged")],
            Some(("file", D3, &good)),
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn another_partnerships_administrator_is_told_the_pages_do_not_exist() {
    let app = app().await;
    import(&app, &[D3], None).await;
    let outsider = app.sign_in(OUTSIDER).await;
    for path in [
        "indicators",
        "indicators/cpp-subsequent-pct",
        "indicators/import",
    ] {
        let res = app
            .get(&format!("/p/{KINGSTON}/{path}"), Some(&outsider))
            .await;
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn before_any_figures_are_imported_the_list_says_so_and_offers_the_import_page() {
    let app = app().await;
    let manager = app.sign_in("manager@kingston.test").await;
    let res = app
        .get(&format!("/p/{KINGSTON}/indicators"), Some(&manager))
        .await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    assert_eq!(
        res.texts(".govuk-inset-text"),
        vec!["No published figures have been imported yet.".to_owned()]
    );
    assert!(
        res.body
            .contains(&format!("/p/{KINGSTON}/indicators/import"))
    );
    let reader = app.sign_in("reader@kingston.test").await;
    let res = app
        .get(&format!("/p/{KINGSTON}/indicators"), Some(&reader))
        .await;
    assert!(
        !res.body.contains("/indicators/import"),
        "only managers import"
    );
}
