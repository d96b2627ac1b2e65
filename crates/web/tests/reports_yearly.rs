//! The yearly report's page (issue #14, item 5), on SQLite and (with `TEST_DATABASE_URL`)
//! PostgreSQL: the business manager sees each section with what its framework asks, its flag
//! for evidence of impact and a box for the narrative; saves a narrative and the
//! distribution list (logged with their name) and downloads the report holding them; an
//! overlong narrative comes back named with nothing written; readers and members are
//! refused, and so is a form without its token; a year not written YYYY-YY is refused
//! saying how to write it.

use axum::http::{StatusCode, header};

use crate::common::{KINGSTON, TestApp, app};

async fn log_len(app: &TestApp) -> usize {
    app.store.change_log(KINGSTON).await.unwrap().len()
}

fn page() -> String {
    format!("/p/{KINGSTON}/reports/yearly/2009-10")
}

#[tokio::test]
async fn the_business_manager_writes_each_sections_narrative_and_the_report_carries_it() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let res = app.get(&page(), Some(&s)).await;
    assert_eq!(res.status, StatusCode::OK, "{}", res.body);
    let headings = res.texts("h2.govuk-heading-m");
    assert!(
        headings.contains(&"Training and its impact".to_string()),
        "{headings:?}"
    );
    assert!(headings.contains(&"Distribution".to_string()));
    // Nothing but the plan is recorded: training is flagged before publication.
    assert!(res.body.contains("Before publishing"));
    let flagged = res.texts(".govuk-warning-text a");
    assert!(
        flagged.contains(&"Training and its impact".to_string()),
        "{flagged:?}"
    );
    assert!(res.body.contains("id=\"training-text\""));
    assert!(res.body.contains("What the records show"));

    let res = app
        .post(
            &page(),
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("section", "training"),
                ("framework", "working-together"),
                ("text", "Training reached every agency."),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        res.location(),
        format!("{}?framework=working-together#training", page())
    );
    let res = app
        .post(
            &page(),
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("section", "distribution"),
                ("framework", "working-together"),
                ("text", "Council Cabinet\nOfsted"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER);
    let log = app.store.change_log(KINGSTON).await.unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (last.entity.as_str(), last.entity_key.as_str()),
        ("yearly_report_text", "2009-10/distribution")
    );
    assert_ne!(last.actor, "t", "the signed-in person is the actor");

    let res = app.get(&page(), Some(&s)).await;
    assert_eq!(
        res.texts("#training-text"),
        ["Training reached every agency."]
    );
    let res = app.get(&format!("{}?format=html", page()), Some(&s)).await;
    assert_eq!(res.status, StatusCode::OK);
    let disposition = res.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(
        disposition.contains("yearly-report-2009-10.html"),
        "{disposition}"
    );
    assert!(res.body.contains("Training reached every agency."));
    assert!(res.body.contains("Council Cabinet"));
    let res = app.get(&format!("{}?format=docx", page()), Some(&s)).await;
    assert_eq!(res.status, StatusCode::OK);

    // The adults board's headings, (g) among them.
    let res = app
        .get(&format!("{}?framework=care-act", page()), Some(&s))
        .await;
    assert!(
        res.texts("h2.govuk-heading-m")
            .iter()
            .any(|h| h.starts_with("(g) Findings not implemented"))
    );
}

#[tokio::test]
async fn an_overlong_narrative_comes_back_named_and_nothing_is_written() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let before = log_len(&app).await;
    let long = "x".repeat(20_001);
    let res = app
        .post(
            &page(),
            Some(&s),
            &[("csrf", &s.csrf), ("section", "summary"), ("text", &long)],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let error = res.texts("#summary-error").join(" ");
    assert!(error.contains("longer than 20000 characters"), "{error}");
    assert_eq!(log_len(&app).await, before);

    let res = app
        .get(&format!("/p/{KINGSTON}/reports/yearly/2009"), Some(&s))
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert!(res.body.contains("YYYY-YY"), "{}", res.body);
    let res = app.get(&format!("{}?format=xlsx", page()), Some(&s)).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn readers_members_and_forms_without_their_token_change_nothing() {
    let app = app().await;
    let before = log_len(&app).await;
    for who in [
        "reader@kingston.test",
        "member@kingston.test",
        "lead@kingston.test",
    ] {
        let s = app.sign_in(who).await;
        assert_eq!(
            app.get(&page(), Some(&s)).await.status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
        let res = app
            .post(
                &page(),
                Some(&s),
                &[
                    ("csrf", &s.csrf),
                    ("section", "summary"),
                    ("text", "Sneaky"),
                ],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{who}");
        let reports = app.get(&format!("/p/{KINGSTON}/reports"), Some(&s)).await;
        assert!(
            !reports.body.contains("/reports/yearly/"),
            "{who} is not offered the page"
        );
    }
    let s = app.sign_in("manager@kingston.test").await;
    let res = app
        .post(
            &page(),
            Some(&s),
            &[
                ("csrf", "forged"),
                ("section", "summary"),
                ("text", "Sneaky"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(log_len(&app).await, before);
    assert!(
        app.store
            .yearly_texts(KINGSTON, "2009-10")
            .await
            .unwrap()
            .is_empty()
    );
    let reports = app.get(&format!("/p/{KINGSTON}/reports"), Some(&s)).await;
    assert!(
        reports.body.contains("/reports/yearly/"),
        "the officers are offered it"
    );
}
