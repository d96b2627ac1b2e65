//! Learning on the web (issue #14): the training, case review and engagement pages every
//! member reads, another partnership's records answered as not found, case names never on the
//! public pages, and the API's training impact and case reviews checked against the OpenAPI
//! document.

use axum::http::StatusCode;
use domain::learning::case_reviews::{CaseReviewKind, RecommendationStatus, StatusChange};
use domain::learning::engagement::Activity;
use domain::learning::training::{Course, Score, Session, Stage};
use store::{ImportRow, NewCaseReview, Stamp, Store};

use crate::api_support::{Api, json};
use crate::common::{KINGSTON, RIVERFORD, app};

const REASON: &str = "The service could not be staffed";

/// A course with scores at each stage, a rapid review of "Child C" with one recommendation
/// not implemented, and an engagement activity: (course id, review id).
async fn seed(store: &Store, slug: &str) -> (i64, i64) {
    let c = Course {
        title: "Recognising neglect".into(),
        level: "2".into(),
        priorities: vec![],
        actions: vec![],
    };
    let c = store
        .add_training_course(slug, Stamp::now("t"), &c)
        .await
        .unwrap();
    let s = Session {
        held_on: "2009-10-14".parse().unwrap(),
        trainer: "LSCB trainer".into(),
        places: 20,
    };
    let s = store
        .add_training_session(slug, Stamp::now("t"), c.id, &s)
        .await
        .unwrap();
    let scores: Vec<ImportRow<Score>> =
        [(Stage::Before, 3), (Stage::After, 8), (Stage::FollowUp, 7)]
            .into_iter()
            .map(|(stage, score)| ImportRow {
                row: 2,
                item: Score {
                    session: s.id,
                    stage,
                    respondent: "r1".into(),
                    outcome: "Spot neglect early".into(),
                    score,
                    comment: None,
                },
            })
            .collect();
    store
        .import_training_scores(slug, Stamp::now("t"), &scores)
        .await
        .unwrap();
    let r = NewCaseReview {
        kind: CaseReviewKind::RapidReview,
        case_name: "Child C".into(),
        notified: "2009-04-06".parse().unwrap(),
        decided: Some("2009-04-28".parse().unwrap()),
        published: None,
        recommendations: vec![(
            "Commission an out-of-hours service".into(),
            Some("Primary Care Trust".into()),
        )],
    };
    let r = store
        .add_case_review(slug, Stamp::now("t"), &r)
        .await
        .unwrap();
    let why = StatusChange::new(RecommendationStatus::NotImplemented, Some(REASON), None).unwrap();
    store
        .set_recommendation_status(slug, Stamp::now("t"), r.recommendations[0].id, &why, None)
        .await
        .unwrap();
    let a = Activity {
        held_on: "2009-05-20".parse().unwrap(),
        with_whom: "Children in care council".into(),
        how_many: 14,
        how: "focus group".into(),
        said: Some("Reviews feel rushed".into()),
        changed: Some("Longer review meetings".into()),
        priorities: vec![],
    };
    store
        .add_engagement_activity(slug, Stamp::now("t"), &a)
        .await
        .unwrap();
    (c.id, r.id)
}

#[tokio::test]
async fn every_member_reads_training_case_reviews_and_engagement() {
    let app = app().await;
    let (course, review) = seed(&app.store, KINGSTON).await;
    let s = app.sign_in("reader@kingston.test").await;
    let res = app.get(&format!("/p/{KINGSTON}/training"), Some(&s)).await;
    assert_eq!(res.status, StatusCode::OK);
    let rows = res.texts("#courses tbody tr");
    assert_eq!(rows.len(), 1, "{rows:?}");
    for shown in ["Recognising neglect", "3.00", "8.00", "7.00", "+4.00"] {
        assert!(rows[0].contains(shown), "{shown} in {rows:?}");
    }
    let res = app
        .get(&format!("/p/{KINGSTON}/training/{course}"), Some(&s))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let stages = res.texts("#impact tbody tr");
    assert_eq!(stages.len(), 3);
    assert!(
        stages[1].contains("Straight after") && stages[1].contains("8.00"),
        "{stages:?}"
    );
    assert!(res.texts("#change").join(" ").contains("-1.00"));
    assert!(res.texts("#outcomes tbody tr")[0].contains("Spot neglect early"));

    let res = app
        .get(&format!("/p/{KINGSTON}/case-reviews"), Some(&s))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let rows = res.texts("#case-reviews tbody tr");
    assert!(
        rows[0].contains("Child C") && rows[0].contains("Rapid review"),
        "{rows:?}"
    );
    assert!(
        rows[0].contains("Rapid review due 29 Apr 2009: met (28 Apr 2009)."),
        "{rows:?}"
    );
    let res = app
        .get(&format!("/p/{KINGSTON}/case-reviews/{review}"), Some(&s))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let recs = res.texts("#recommendations tbody tr");
    assert!(
        recs[0].contains("Not implemented") && recs[0].contains(REASON),
        "{recs:?}"
    );
    assert!(recs[0].contains("To Primary Care Trust"), "{recs:?}");
    assert!(res.texts("#clocks li")[0].contains("15 working days"));

    let res = app
        .get(&format!("/p/{KINGSTON}/engagement"), Some(&s))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    let counts = res.texts("#counts tbody tr");
    assert!(
        counts[0].contains("2009-10 Q1") && counts[0].contains("14"),
        "{counts:?}"
    );
    assert!(res.texts("#activities tbody tr")[0].contains("Longer review meetings"));
}

#[tokio::test]
async fn another_partnerships_records_look_like_ones_that_do_not_exist_and_case_names_stay_private()
{
    let app = app().await;
    let (course, review) = seed(&app.store, RIVERFORD).await;
    let s = app.sign_in("admin@kingston.test").await;
    for (theirs, missing) in [
        (
            format!("/p/{KINGSTON}/training/{course}"),
            format!("/p/{KINGSTON}/training/999999"),
        ),
        (
            format!("/p/{KINGSTON}/case-reviews/{review}"),
            format!("/p/{KINGSTON}/case-reviews/999999"),
        ),
    ] {
        let a = app.get(&theirs, Some(&s)).await;
        let b = app.get(&missing, Some(&s)).await;
        assert_eq!(a.status, StatusCode::NOT_FOUND, "{theirs}");
        assert_eq!(a.body, b.body);
    }
    let list = app
        .get(&format!("/p/{KINGSTON}/case-reviews"), Some(&s))
        .await;
    assert!(list.texts("#case-reviews tbody tr").is_empty());
    assert!(list.body.contains("No case reviews yet"));
    app.publish(RIVERFORD).await;
    let public = app.get(&format!("/public/{RIVERFORD}"), None).await;
    assert_eq!(public.status, StatusCode::OK);
    assert!(
        !public.body.contains("Child C"),
        "a case name must never be public"
    );
}

#[tokio::test]
async fn the_api_gives_training_impact_and_case_reviews_as_documented() {
    let api = Api::new().await;
    let (course, review) = seed(&api.app.store, KINGSTON).await;
    let reader = api.token("reader@kingston.test", KINGSTON).await;
    let base = format!("/api/v1/partnerships/{KINGSTON}");
    let v = json(
        &api.get(&format!("{base}/training/impact?course={course}"), &reader)
            .await,
    );
    let c = &v["items"][0];
    assert_eq!(c["title"], "Recognising neglect");
    assert_eq!(c["stages"][0]["stage"], "before");
    assert_eq!(c["stages"][0]["responses"], 1);
    assert_eq!(c["stages"][2]["mean_score"], 7.0);
    assert_eq!(c["change"]["before_to_after"], 5.0);
    let res = api
        .get(&format!("{base}/training/impact?course=abc"), &reader)
        .await;
    let problem = api.problem(&res, 400, &format!("{base}/training/impact"));
    assert_eq!(problem["parameter"], "course", "{problem}");

    let list = json(&api.get(&format!("{base}/case-reviews"), &reader).await);
    assert_eq!(list["items"].as_array().unwrap().len(), 1);
    let href = list["items"][0]["href"].as_str().unwrap().to_string();
    assert_eq!(href, format!("{base}/case-reviews/{review}"));
    let one = json(&api.get(&href, &reader).await);
    assert_eq!(one["case_name"], "Child C");
    assert_eq!(one["clocks"][0]["state"], "met");
    let rec = &one["recommendations"][0];
    assert_eq!(
        (rec["status"].as_str(), rec["reason"].as_str()),
        (Some("not_implemented"), Some(REASON))
    );
    let res = api
        .get(&format!("{base}/case-reviews/999999"), &reader)
        .await;
    api.problem(&res, 404, &format!("{base}/case-reviews/999999"));
}
