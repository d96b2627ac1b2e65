//! The reminder settings page (issue #15): the board's officers change the notice reminders
//! give and the digest's day, with the change log; anyone else is refused; a bad value is
//! refused naming its field, and nothing changes.

use axum::http::StatusCode;
use domain::reminders::ReminderSettings;
use jiff::civil::Weekday;

use crate::common::{KINGSTON, app};

const PAGE: &str = "/p/kingston-lscb/reminders";

#[tokio::test]
async fn a_business_manager_saves_the_settings_with_the_change_log() {
    let a = app().await;
    let s = a.sign_in("manager@kingston.test").await;
    let board = a.get("/p/kingston-lscb/board", Some(&s)).await;
    assert!(
        board.body.contains(&format!("href=\"{PAGE}\"")),
        "linked from the board page"
    );
    let page = a.get(PAGE, Some(&s)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("name=\"csrf\""), "{}", page.body);
    assert!(
        page.body.contains("value=\"14\""),
        "the default notice: {}",
        page.body
    );
    let saved = a
        .post(
            PAGE,
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("due_within_days", "21"),
                ("meeting_notice_days", "5"),
                ("digest_weekday", "friday"),
            ],
        )
        .await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    assert_eq!(
        a.store.reminder_settings(KINGSTON).await.unwrap(),
        ReminderSettings {
            due_within_days: 21,
            meeting_notice_days: 5,
            digest_weekday: Weekday::Friday,
        }
    );
    let log = a.store.change_log(KINGSTON).await.unwrap();
    let last = log.last().unwrap();
    assert_eq!(last.entity, "reminder_settings");
    assert_eq!(last.actor, "manager@kingston.test");
    let shown = a.get(saved.location(), Some(&s)).await;
    assert!(shown.body.contains("value=\"21\""), "{}", shown.body);
    assert!(shown.body.contains("are saved"), "{}", shown.body);
}

#[tokio::test]
async fn a_reader_is_refused_and_a_form_without_its_token_writes_nothing() {
    let a = app().await;
    let before = a.store.change_log(KINGSTON).await.unwrap().len();
    let r = a.sign_in("reader@kingston.test").await;
    assert_eq!(a.get(PAGE, Some(&r)).await.status, StatusCode::FORBIDDEN);
    let board = a.get("/p/kingston-lscb/board", Some(&r)).await;
    assert!(!board.body.contains(PAGE), "no link for a reader");
    let form = [
        ("csrf", r.csrf.as_str()),
        ("due_within_days", "3"),
        ("meeting_notice_days", "3"),
        ("digest_weekday", "friday"),
    ];
    assert_eq!(
        a.post(PAGE, Some(&r), &form).await.status,
        StatusCode::FORBIDDEN
    );
    let lead = a.sign_in("lead@kingston.test").await;
    assert_eq!(a.get(PAGE, Some(&lead)).await.status, StatusCode::FORBIDDEN);
    let m = a.sign_in("manager@kingston.test").await;
    let forged = [
        ("csrf", "not the token"),
        ("due_within_days", "3"),
        ("meeting_notice_days", "3"),
        ("digest_weekday", "friday"),
    ];
    assert_ne!(
        a.post(PAGE, Some(&m), &forged).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        a.store.reminder_settings(KINGSTON).await.unwrap(),
        ReminderSettings::default()
    );
    assert_eq!(a.store.change_log(KINGSTON).await.unwrap().len(), before);
}

#[tokio::test]
async fn a_bad_value_is_refused_naming_its_field_and_nothing_changes() {
    let a = app().await;
    let s = a.sign_in("admin@kingston.test").await;
    let before = a.store.change_log(KINGSTON).await.unwrap().len();
    for (field, form) in [
        (
            "due_within_days",
            [
                ("due_within_days", "0"),
                ("meeting_notice_days", "7"),
                ("digest_weekday", "monday"),
            ],
        ),
        (
            "meeting_notice_days",
            [
                ("due_within_days", "14"),
                ("meeting_notice_days", "a week"),
                ("digest_weekday", "monday"),
            ],
        ),
        (
            "digest_weekday",
            [
                ("due_within_days", "14"),
                ("meeting_notice_days", "7"),
                ("digest_weekday", "someday"),
            ],
        ),
    ] {
        let mut sent = vec![("csrf", s.csrf.as_str())];
        sent.extend(form);
        let res = a.post(PAGE, Some(&s), &sent).await;
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{field}: {}", res.body);
        let summary = res.texts(".govuk-error-summary__list a");
        assert_eq!(summary.len(), 1, "{field}: {summary:?}");
        let links = res.html();
        let sel = scraper::Selector::parse(".govuk-error-summary__list a").unwrap();
        let href = links.select(&sel).next().unwrap().value().attr("href");
        assert_eq!(href, Some(format!("#{field}").as_str()));
        assert!(
            res.body.contains(&format!("id=\"{field}-error\"")),
            "the message beside {field}: {}",
            res.body
        );
    }
    assert_eq!(
        a.store.reminder_settings(KINGSTON).await.unwrap(),
        ReminderSettings::default()
    );
    assert_eq!(a.store.change_log(KINGSTON).await.unwrap().len(), before);
}
