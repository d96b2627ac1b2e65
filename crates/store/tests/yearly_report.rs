//! The yearly report's narratives and distribution list, and what the report is read from
//! (issue #14, item 5), on SQLite and, with `TEST_DATABASE_URL`, PostgreSQL: a narrative is
//! saved, replaced and removed through the change log with its actor; a section no
//! framework has, a year not written YYYY-YY and an overlong text are refused with nothing
//! written; partnerships are kept apart; and the year's input carries the narratives, the
//! distribution list, the case reviews with reasons and the year's engagement.

use domain::learning::case_reviews::{CaseReviewKind, RecommendationStatus, StatusChange};
use domain::learning::engagement::Activity;
use reports::yearly::Framework;
use store::{AssuranceAsk, ChangeOp, ImportMode, NewCaseReview, Stamp, Store, StoreError};

use crate::common::{source, sutton};
use crate::progress_support::{KINGSTON, date, imported, ts};

const SUTTON: &str = "sutton-safeguarding-children-partnership";

async fn log_len(store: &Store) -> usize {
    store.change_log(KINGSTON).await.unwrap().len()
}

#[tokio::test]
async fn a_narrative_is_saved_replaced_and_removed_through_the_change_log() {
    let (store, _g) = imported().await;
    let saved = store
        .set_yearly_text(
            KINGSTON,
            Stamp::new("Business Manager", ts("2010-04-20")),
            "2009-10",
            "training",
            "  Training reached 400 staff.\r\n\r\nFollow-ups show it stuck.  ",
        )
        .await
        .unwrap()
        .expect("saved");
    assert_eq!(
        saved.text,
        "Training reached 400 staff.\n\nFollow-ups show it stuck."
    );
    store
        .set_yearly_text(
            KINGSTON,
            Stamp::now("Business Manager"),
            "2009-10",
            "distribution",
            "Council\nOfsted",
        )
        .await
        .unwrap();
    let texts = store.yearly_texts(KINGSTON, "2009-10").await.unwrap();
    let keys: Vec<&str> = texts.iter().map(|t| t.section.as_str()).collect();
    assert_eq!(keys, ["distribution", "training"]);
    assert_eq!(texts[1].updated_by, "Business Manager");
    assert!(
        store
            .yearly_texts(KINGSTON, "2010-11")
            .await
            .unwrap()
            .is_empty()
    );

    // Replaced, then the same text again (nothing to log), then removed.
    store
        .set_yearly_text(
            KINGSTON,
            Stamp::now("Chair"),
            "2009-10",
            "training",
            "Reached 410 staff.",
        )
        .await
        .unwrap();
    let before = log_len(&store).await;
    store
        .set_yearly_text(
            KINGSTON,
            Stamp::now("Chair"),
            "2009-10",
            "training",
            "Reached 410 staff.",
        )
        .await
        .unwrap();
    assert_eq!(log_len(&store).await, before);
    let gone = store
        .set_yearly_text(KINGSTON, Stamp::now("Chair"), "2009-10", "training", "   ")
        .await
        .unwrap();
    assert!(gone.is_none());
    let log = store.change_log(KINGSTON).await.unwrap();
    let ops: Vec<(ChangeOp, &str)> = log
        .iter()
        .filter(|c| c.entity == "yearly_report_text" && c.entity_key == "2009-10/training")
        .map(|c| (c.op, c.actor.as_str()))
        .collect();
    assert_eq!(
        ops,
        [
            (ChangeOp::Create, "Business Manager"),
            (ChangeOp::Update, "Chair"),
            (ChangeOp::Delete, "Chair"),
        ]
    );
    let texts = store.yearly_texts(KINGSTON, "2009-10").await.unwrap();
    assert_eq!(texts.len(), 1);
}

#[tokio::test]
async fn bad_narratives_are_refused_naming_the_fix_and_nothing_is_written() {
    let (store, _g) = imported().await;
    let before = log_len(&store).await;
    let e = store
        .set_yearly_text(KINGSTON, Stamp::now("bm"), "2009-10", "gossip", "x")
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::InvalidData { .. }), "{e:?}");
    assert!(e.to_string().contains("--section: \"gossip\""), "{e}");
    assert!(
        e.to_string().contains("training") && e.to_string().contains("distribution"),
        "{e}"
    );
    let e = store
        .set_yearly_text(KINGSTON, Stamp::now("bm"), "2009", "training", "x")
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("--year: \"2009\"") && e.to_string().contains("2009-10"),
        "{e}"
    );
    let long = "x".repeat(20_001);
    let e = store
        .set_yearly_text(KINGSTON, Stamp::now("bm"), "2009-10", "training", &long)
        .await
        .unwrap_err();
    assert!(e.to_string().starts_with("text:"), "{e}");
    assert_eq!(log_len(&store).await, before);
    assert!(
        store
            .yearly_texts(KINGSTON, "2009-10")
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn another_partnership_sees_none_of_the_narratives() {
    let (store, _g) = imported().await;
    store
        .import_partnership_at(
            "bob",
            &sutton(),
            &source("s.txt", "s"),
            ImportMode::New,
            ts("2009-04-01"),
        )
        .await
        .unwrap();
    store
        .set_yearly_text(
            KINGSTON,
            Stamp::now("bm"),
            "2009-10",
            "summary",
            "Kingston's year",
        )
        .await
        .unwrap();
    assert!(
        store
            .yearly_texts(SUTTON, "2009-10")
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test]
async fn the_years_input_carries_narratives_distribution_reviews_with_reasons_and_engagement() {
    let (store, _g) = imported().await;
    let bm = "Business Manager";
    store
        .set_yearly_text(
            KINGSTON,
            Stamp::now(bm),
            "2009-10",
            "engagement",
            "We listened.",
        )
        .await
        .unwrap();
    store
        .set_yearly_text(
            KINGSTON,
            Stamp::now(bm),
            "2009-10",
            "distribution",
            "Council\n\n Ofsted ",
        )
        .await
        .unwrap();
    let review = store
        .add_case_review(
            KINGSTON,
            Stamp::now(bm),
            &NewCaseReview {
                kind: CaseReviewKind::SeriousCaseReview,
                case_name: "Child F".into(),
                notified: date("2009-05-01"),
                decided: None,
                published: Some(date("2009-12-01")),
                recommendations: vec![("One regional referral form".into(), None)],
            },
        )
        .await
        .unwrap();
    let change = StatusChange::new(
        RecommendationStatus::NotImplemented,
        Some("Out of proportion to the benefit"),
        None,
    )
    .unwrap();
    store
        .set_recommendation_status(
            KINGSTON,
            Stamp::now(bm),
            review.recommendations[0].id,
            &change,
            None,
        )
        .await
        .unwrap();
    for (on, changed) in [
        ("2009-06-01", Some("Reviews after school")),
        ("2010-06-01", None),
    ] {
        store
            .add_engagement_activity(
                KINGSTON,
                Stamp::now(bm),
                &Activity {
                    held_on: date(on),
                    with_whom: "Children in care council".into(),
                    how_many: 12,
                    how: "focus group".into(),
                    said: None,
                    changed: changed.map(str::to_owned),
                    priorities: vec![],
                },
            )
            .await
            .unwrap();
    }
    let input = store
        .yearly_report_input(
            KINGSTON,
            "2009-10",
            Framework::CareAct,
            date("2011-01-01"),
            &AssuranceAsk::everything(),
            ts("2011-01-01"),
        )
        .await
        .unwrap()
        .expect("a plan by then");
    assert_eq!(input.as_at, date("2010-03-31"));
    let y = input.yearly.as_ref().unwrap();
    assert_eq!(
        (y.year.as_str(), y.framework),
        ("2009-10", Framework::CareAct)
    );
    assert_eq!(
        y.narratives.get("engagement").map(String::as_str),
        Some("We listened.")
    );
    assert_eq!(y.distribution, ["Council", "Ofsted"]);
    assert_eq!(y.engagement.len(), 1, "only the year's activity");
    assert_eq!(y.reviews.len(), 1);
    let rec = &y.reviews[0].recommendations[0];
    assert_eq!(
        rec.reason.as_deref(),
        Some("Out of proportion to the benefit")
    );
    let checks = reports::yearly::check(&input);
    assert!(checks.iter().any(|c| c.key == "engagement" && c.evidence));
    assert!(
        checks
            .iter()
            .any(|c| c.key == "findings-implemented" && c.flagged())
    );

    let e = store
        .yearly_report_input(
            KINGSTON,
            "2030-31",
            Framework::WorkingTogether,
            date("2011-01-01"),
            &AssuranceAsk::everything(),
            ts("2011-01-01"),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("has not begun"), "{e}");
}
