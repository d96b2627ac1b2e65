//! The learning forms and the training page's roll-ups (issue #14), on SQLite and (with
//! `TEST_DATABASE_URL`) PostgreSQL: the business manager adds a course and a session and sets
//! a recommendation's status through the pages, each write logged with their name; a bad
//! field comes back named (400) with nothing written; "not implemented" without reasons is
//! refused on the reasons field; readers, members and forms without their token change
//! nothing; the training page shows needs beside courses, impact by priority, attendance by
//! agency and the year's evaluation; the workforce page shows the workforce indicators with
//! their commentary.

use std::path::PathBuf;

use axum::http::StatusCode;
use domain::learning::case_reviews::{CaseReviewKind, RecommendationStatus};
use domain::learning::needs::TrainingNeed;
use domain::learning::training::{Attendance, Course, Score, Session, Stage};
use indicators::{AreaCode, Catalogue, Commentary, IndicatorCode, Period, read_file};
use store::{ImportRow, IndicatorFormat, IndicatorSource, NewCaseReview, Stamp};

use crate::common::{KINGSTON, TestApp, app};

async fn log_len(app: &TestApp) -> usize {
    app.store.change_log(KINGSTON).await.unwrap().len()
}

/// A rapid review with one recommendation in progress: the recommendation's id and the
/// review's.
async fn review(app: &TestApp) -> (i64, i64) {
    let r = NewCaseReview {
        kind: CaseReviewKind::RapidReview,
        case_name: "Child D".into(),
        notified: "2009-06-01".parse().unwrap(),
        decided: None,
        published: None,
        recommendations: vec![("Share chronologies".into(), None)],
    };
    let r = app
        .store
        .add_case_review(KINGSTON, Stamp::now("t"), &r)
        .await
        .unwrap();
    (r.recommendations[0].id, r.id)
}

#[tokio::test]
async fn the_business_manager_adds_a_course_and_a_session_through_the_pages() {
    let app = app().await;
    let s = app.sign_in("manager@kingston.test").await;
    let page = app
        .get(&format!("/p/{KINGSTON}/training/new"), Some(&s))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("name=\"csrf\""));

    // A priority the plan does not have: named beside its field, nothing written.
    let before = log_len(&app).await;
    let bad = [
        ("csrf", s.csrf.as_str()),
        ("title", "Recognising neglect"),
        ("level", "2"),
        ("priorities", "3, 99"),
        ("actions", ""),
    ];
    let res = app
        .post(&format!("/p/{KINGSTON}/training"), Some(&s), &bad)
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let error = res.texts("#priorities-error").join(" ");
    assert!(error.contains("\"99\" is not an objective"), "{error}");
    assert!(
        res.body.contains("value=\"Recognising neglect\""),
        "kept as typed"
    );
    assert_eq!(log_len(&app).await, before);
    assert!(
        app.store
            .training_courses(KINGSTON)
            .await
            .unwrap()
            .is_empty()
    );

    let good = [
        ("csrf", s.csrf.as_str()),
        ("title", "Recognising neglect"),
        ("level", "2"),
        ("priorities", "3"),
        ("actions", "3.1"),
    ];
    let res = app
        .post(&format!("/p/{KINGSTON}/training"), Some(&s), &good)
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let courses = app.store.training_courses(KINGSTON).await.unwrap();
    assert_eq!(courses.len(), 1);
    let c = &courses[0];
    assert_eq!(res.location(), format!("/p/{KINGSTON}/training/{}", c.id));
    assert_eq!(
        (c.course.priorities.as_slice(), c.course.actions.as_slice()),
        (&["3".to_string()][..], &["3.1".to_string()][..])
    );
    let log = app.store.change_log(KINGSTON).await.unwrap();
    let last = log.last().unwrap();
    assert_eq!(last.entity, "training_course");
    assert_ne!(last.actor, "t", "the signed-in person is the actor");

    // A session with no date: named; then one as it should be.
    let sessions = format!("/p/{KINGSTON}/training/{}/sessions", c.id);
    let form = app.get(&format!("{sessions}/new"), Some(&s)).await;
    assert_eq!(form.status, StatusCode::OK);
    let before = log_len(&app).await;
    let res = app
        .post(
            &sessions,
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("date", "14/10/2009"),
                ("trainer", ""),
                ("places", "twenty"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    for field in ["#date-error", "#trainer-error", "#places-error"] {
        assert_eq!(res.texts(field).len(), 1, "{field} in {}", res.body);
    }
    assert_eq!(log_len(&app).await, before);
    let res = app
        .post(
            &sessions,
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("date", "2009-10-14"),
                ("trainer", "LSCB trainer"),
                ("places", "20"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    let page = app
        .get(&format!("/p/{KINGSTON}/training/{}", c.id), Some(&s))
        .await;
    let rows = page.texts("#sessions tbody tr");
    assert!(
        rows[0].contains("LSCB trainer") && rows[0].contains("20"),
        "{rows:?}"
    );
    assert!(page.body.contains("Add a session"));
}

#[tokio::test]
async fn not_implemented_without_reasons_is_refused_on_the_reasons_field() {
    let app = app().await;
    let (rec, review) = review(&app).await;
    let s = app.sign_in("manager@kingston.test").await;
    let page = app
        .get(&format!("/p/{KINGSTON}/case-reviews/{review}"), Some(&s))
        .await;
    assert!(
        page.body
            .contains(&format!("/p/{KINGSTON}/recommendations/{rec}"))
    );
    let form = app
        .get(&format!("/p/{KINGSTON}/recommendations/{rec}"), Some(&s))
        .await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.texts("#about").join("").contains("Share chronologies"));

    let path = format!("/p/{KINGSTON}/recommendations/{rec}");
    let before = log_len(&app).await;
    let res = app
        .post(
            &path,
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("status", "not_implemented"),
                ("reason", "  "),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    let error = res.texts("#reason-error").join(" ");
    assert!(error.contains("needs its reasons"), "{error}");
    assert_eq!(log_len(&app).await, before);
    let stored = app.store.recommendation(KINGSTON, rec).await.unwrap();
    assert_eq!(stored.status, RecommendationStatus::InProgress);

    let res = app
        .post(
            &path,
            Some(&s),
            &[
                ("csrf", &s.csrf),
                ("status", "not_implemented"),
                ("reason", "The service was decommissioned"),
                ("impact", ""),
                ("to_whom", "Primary Care Trust"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::SEE_OTHER, "{}", res.body);
    assert_eq!(
        res.location(),
        format!("/p/{KINGSTON}/case-reviews/{review}#recommendations")
    );
    let stored = app.store.recommendation(KINGSTON, rec).await.unwrap();
    assert_eq!(stored.status, RecommendationStatus::NotImplemented);
    assert_eq!(
        stored.reason.as_deref(),
        Some("The service was decommissioned")
    );
    assert_eq!(stored.to_whom.as_deref(), Some("Primary Care Trust"));
    let log = app.store.change_log(KINGSTON).await.unwrap();
    assert_eq!(log.last().unwrap().entity, "case_review_recommendation");
}

#[tokio::test]
async fn readers_members_and_forms_without_their_token_change_nothing() {
    let app = app().await;
    let (rec, _) = review(&app).await;
    let before = log_len(&app).await;
    let course = [("title", "Sneaky"), ("level", "1")];
    for who in [
        "reader@kingston.test",
        "member@kingston.test",
        "lead@kingston.test",
    ] {
        let s = app.sign_in(who).await;
        let page = app
            .get(&format!("/p/{KINGSTON}/training/new"), Some(&s))
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{who}");
        let training = app.get(&format!("/p/{KINGSTON}/training"), Some(&s)).await;
        assert!(!training.body.contains("Add a course"), "{who}");
        let mut form = vec![("csrf", s.csrf.as_str())];
        form.extend(course);
        let res = app
            .post(&format!("/p/{KINGSTON}/training"), Some(&s), &form)
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{who}");
        let res = app
            .post(
                &format!("/p/{KINGSTON}/recommendations/{rec}"),
                Some(&s),
                &[("csrf", &s.csrf), ("status", "implemented")],
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{who}");
    }
    let s = app.sign_in("manager@kingston.test").await;
    let res = app
        .post(
            &format!("/p/{KINGSTON}/training"),
            Some(&s),
            &[("csrf", "forged"), ("title", "Sneaky"), ("level", "1")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN);
    assert_eq!(log_len(&app).await, before);
    assert!(
        app.store
            .training_courses(KINGSTON)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn the_training_page_shows_needs_priorities_agencies_and_the_years_evaluation() {
    let app = app().await;
    let store = &app.store;
    let c = Course {
        title: "Recognising neglect".into(),
        level: "2".into(),
        priorities: vec!["3".into()],
        actions: vec![],
    };
    let c = store
        .add_training_course(KINGSTON, Stamp::now("t"), &c)
        .await
        .unwrap();
    let session = Session {
        held_on: "2009-10-14".parse().unwrap(),
        trainer: "LSCB trainer".into(),
        places: 20,
    };
    let s = store
        .add_training_session(KINGSTON, Stamp::now("t"), c.id, &session)
        .await
        .unwrap();
    let attended = [ImportRow {
        row: 2,
        item: Attendance {
            session: s.id,
            agency: "NHS Kingston".into(),
            role: "GP".into(),
            count: 6,
        },
    }];
    store
        .import_attendance(KINGSTON, Stamp::now("t"), &attended)
        .await
        .unwrap();
    let scores: Vec<_> = [(Stage::Before, 3), (Stage::After, 8)]
        .into_iter()
        .map(|(stage, score)| ImportRow {
            row: 2,
            item: Score {
                session: s.id,
                stage,
                respondent: "r1".into(),
                outcome: "Spot neglect".into(),
                score,
                comment: None,
            },
        })
        .collect();
    store
        .import_training_scores(KINGSTON, Stamp::now("t"), &scores)
        .await
        .unwrap();
    for (priority, agency) in [("3", "NHS Kingston"), ("1", "Police")] {
        let n = TrainingNeed {
            priority: priority.into(),
            agency: agency.into(),
            need: "Neglect".into(),
            staff: 30,
        };
        store
            .add_training_need(KINGSTON, Stamp::now("t"), &n)
            .await
            .unwrap();
    }

    let reader = app.sign_in("reader@kingston.test").await;
    let page = app
        .get(&format!("/p/{KINGSTON}/training"), Some(&reader))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let needs = page.texts("#needs tbody tr");
    assert_eq!(needs.len(), 2, "{needs:?}");
    assert!(
        needs[0].contains("Police") && needs[0].contains("No course yet"),
        "{needs:?}"
    );
    assert!(
        needs[1].contains("NHS Kingston") && needs[1].contains("Recognising neglect"),
        "{needs:?}"
    );
    let by_priority = page.texts("#by-priority tbody tr");
    assert!(
        by_priority[0].starts_with('3') && by_priority[0].contains("3.00 8.00"),
        "{by_priority:?}"
    );
    let by_agency = page.texts("#by-agency tbody tr");
    assert!(
        by_agency[0].contains("NHS Kingston") && by_agency[0].contains("GP 6"),
        "{by_agency:?}"
    );
    // By default the year of the latest session.
    let year = page.texts("#year-impact").join(" ");
    assert!(page.body.contains("2009-10"), "the latest session's year");
    assert!(
        year.contains("3.00, 8.00") && year.contains("+5.00"),
        "{year}"
    );

    let other = app
        .get(
            &format!("/p/{KINGSTON}/training?year=2010-11"),
            Some(&reader),
        )
        .await;
    assert_eq!(other.status, StatusCode::OK);
    assert!(
        other
            .body
            .contains("No sessions were held from 1 April 2010 to 31 March 2011")
    );
    let bad = app
        .get(&format!("/p/{KINGSTON}/training?year=next"), Some(&reader))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("is not a financial year"), "{}", bad.body);
}

#[tokio::test]
async fn the_workforce_page_shows_the_workforce_indicators_with_their_commentary() {
    let app = app().await;
    let reader = app.sign_in("reader@kingston.test").await;
    let empty = app
        .get(
            &format!("/p/{KINGSTON}/workforce?area=E09000021"),
            Some(&reader),
        )
        .await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("govuk-inset-text"), "{}", empty.body);

    let catalogue = Catalogue::builtin();
    // The workforce file, and one in which Kingston has figures of its own (its workforce is
    // reported jointly with Richmond's).
    for name in [
        "csww_indicators_2017_to_2025.csv",
        "b1_children_in_need_2013_to_2025.csv",
    ] {
        let bytes = std::fs::read(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../tests/fixtures/realdata")
                .join(name),
        )
        .unwrap();
        let (format, contents) = read_file(name, &bytes, None, &catalogue).unwrap();
        let indicators::FileContents::Values(values) = contents else {
            panic!("{name} holds values");
        };
        let source = IndicatorSource {
            file_name: name.into(),
            sha256: name.into(),
            format: IndicatorFormat::from(format),
            published_on: None,
        };
        app.store
            .import_indicator_values(KINGSTON, "test", &values, &source, jiff::Timestamp::now())
            .await
            .unwrap();
    }
    let c = Commentary::new(
        IndicatorCode::new("sw-caseload").unwrap(),
        Some(AreaCode::new("E09000021").unwrap()),
        Period::year_to_30_september(2024).unwrap(),
        "Business Manager",
        "2025-01-10".parse().unwrap(),
        "Caseloads fell after two teams were recruited.",
    )
    .unwrap();
    app.store
        .add_indicator_commentary(KINGSTON, "Business Manager", &c, jiff::Timestamp::now())
        .await
        .unwrap();

    let page = app
        .get(
            &format!("/p/{KINGSTON}/workforce?area=E09000021"),
            Some(&reader),
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    let caseload = page.texts("#sw-caseload").join(" ");
    assert!(
        caseload.contains("Average caseload per social worker"),
        "{caseload}"
    );
    assert!(
        caseload.contains("Caseloads fell after two teams were recruited."),
        "{caseload}"
    );
    assert!(caseload.contains("Business Manager"), "{caseload}");
    let turnover = page.texts("#sw-turnover-pct").join(" ");
    assert!(turnover.contains("No commentary yet"), "{turnover}");
    assert!(
        page.texts("#cin-rate").is_empty(),
        "only workforce measures"
    );
}
