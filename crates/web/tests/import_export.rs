//! Importing through the browser (check, then confirm) and exporting, for the board's officers.

use crate::common::{KINGSTON, OUTSIDER, SAMPLE, app};
use axum::http::StatusCode;

#[tokio::test]
async fn an_edited_sheet_is_checked_then_recorded_as_a_new_version() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let csv = app
        .get(&format!("/p/{KINGSTON}/export/csv"), Some(&s))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".csv")
    );
    let edited = csv.body.replace(
        "Develop an Induction programme for new members.",
        "Run an induction day for new members.",
    );
    assert_ne!(edited, csv.body);
    let head = app.store.log_head(KINGSTON).await.unwrap();
    let checked = app
        .post_multipart(
            &format!("/p/{KINGSTON}/import"),
            &s,
            &[("csrf", &s.csrf)],
            Some(("document", "plan.csv", edited.as_bytes())),
        )
        .await;
    assert_eq!(checked.status, StatusCode::OK, "{}", checked.body);
    assert!(checked.body.contains("Nothing has been saved yet"));
    assert_eq!(
        app.store.log_head(KINGSTON).await.unwrap(),
        head,
        "checking writes nothing"
    );
    let fields = crate::stale_import::hidden_fields(&checked);
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let done = app
        .post_multipart(&format!("/p/{KINGSTON}/import/confirm"), &s, &fields, None)
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert!(done.body.contains("version 2 recorded"), "{}", done.body);
    let plan = app.get(&format!("/p/{KINGSTON}/plan"), Some(&s)).await;
    assert!(plan.body.contains("Run an induction day for new members."));
}

#[tokio::test]
async fn the_same_plan_document_again_changes_nothing() {
    let app = app().await;
    let s = app.sign_in("admin@kingston.test").await;
    let document = SAMPLE
        .as_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>();
    let done = app
        .post_multipart(
            &format!("/p/{KINGSTON}/import/confirm"),
            &s,
            &[
                ("csrf", &s.csrf),
                ("file_name", "kingston.txt"),
                ("document", &document),
                ("seen_version", "1"),
                ("seen_edit", "0"),
            ],
            None,
        )
        .await;
    assert!(done.body.contains("is already here"), "{}", done.body);
}

#[tokio::test]
async fn a_file_that_is_not_a_plan_is_explained_and_nothing_changes() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let head = app.store.log_head(KINGSTON).await.unwrap();
    let res = app
        .post_multipart(
            &format!("/p/{KINGSTON}/import"),
            &s,
            &[("csrf", &s.csrf)],
            Some(("document", "photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let summary = res.texts(".govuk-error-summary a");
    assert_eq!(summary.len(), 1);
    assert!(
        summary[0].starts_with("photo.txt, the document:"),
        "{summary:?}"
    );
    assert_eq!(app.store.log_head(KINGSTON).await.unwrap(), head);
}

#[tokio::test]
async fn only_the_boards_officers_may_import_or_export() {
    let app = app().await;
    for email in [
        "lead@kingston.test",
        "chair@kingston.test",
        "member@kingston.test",
        "reader@kingston.test",
    ] {
        let s = app.sign_in(email).await;
        for path in ["/import", "/export/csv", "/export/json"] {
            let res = app.get(&format!("/p/{KINGSTON}{path}"), Some(&s)).await;
            assert_eq!(res.status, StatusCode::FORBIDDEN, "{email} GET {path}");
        }
        let plan = app.get(&format!("/p/{KINGSTON}/plan"), Some(&s)).await;
        assert!(
            !plan.body.contains("/import\""),
            "{email} is offered no import link"
        );
    }
    let outsider = app.sign_in(OUTSIDER).await;
    assert_eq!(
        app.get(&format!("/p/{KINGSTON}/import"), Some(&outsider))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let manager = app.sign_in("manager@kingston.test").await;
    let xlsx = app
        .get(
            &format!("/p/{KINGSTON}/export/xlsx?as_at=2009-12-31"),
            Some(&manager),
        )
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(
        xlsx.headers["content-disposition"]
            .to_str()
            .unwrap()
            .contains("2009-12-31.xlsx")
    );
}
