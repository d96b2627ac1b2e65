//! The risk register (issue #13, item 4), on SQLite and, with `TEST_DATABASE_URL`,
//! PostgreSQL: ratings are dated rows, so the register as at any day is exact; every write is
//! in the change log with its actor.

use domain::assurance::risks::{Rating, RiskStatus};
use store::{NewRisk, RatingKind, StoreError};

use crate::progress_support::{KINGSTON, PLAN, by, date, imported};

fn risk(title: &str, l: i64, i: i64, appetite: Option<u8>, on: &str) -> NewRisk {
    NewRisk {
        title: title.into(),
        cause: Some("Partners' priorities compete".into()),
        consequence: None,
        owner_role: "LSCB Chair".into(),
        controls: Some("Attendance reported to each meeting".into()),
        appetite,
        review_on: Some(date("2010-03-01")),
        rating: Rating::new(l, i).unwrap(),
        rated_on: date(on),
        actions: vec![(PLAN.into(), "4.1".into())],
        indicators: vec!["cpp-subsequent-pct".into()],
    }
}

#[tokio::test]
async fn a_risks_score_as_at_any_day_is_its_latest_rating_by_then() {
    let (store, _g) = imported().await;
    let id = store
        .add_risk(
            KINGSTON,
            by("bm", "2009-05-01"),
            &risk("Attendance falls", 4, 4, Some(9), "2009-05-01"),
        )
        .await
        .unwrap();
    let low = Rating::new(2, 3).unwrap();
    store
        .rate_risk(
            KINGSTON,
            by("bm", "2009-09-02"),
            id,
            RatingKind::Residual,
            low,
            date("2009-09-01"),
        )
        .await
        .unwrap();
    // Before it was on the register, it is not listed.
    assert!(
        store
            .risks(KINGSTON, date("2009-04-30"))
            .await
            .unwrap()
            .is_empty()
    );
    let june = &store.risks(KINGSTON, date("2009-06-01")).await.unwrap()[0];
    assert_eq!((june.current().score(), june.above_appetite()), (16, true));
    assert_eq!(june.residual, None);
    let october = store.risk(KINGSTON, id, date("2009-10-01")).await.unwrap();
    assert_eq!(october.current(), low);
    assert!(!october.above_appetite());
    assert_eq!(october.inherent.score(), 16);
    assert_eq!(october.history.len(), 2);
    assert_eq!(october.actions, [format!("{PLAN} / 4.1")]);
    assert_eq!(october.indicators, ["cpp-subsequent-pct"]);
    assert_eq!(october.status, RiskStatus::Open);
    let log = store.change_log(KINGSTON).await.unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (last.entity.as_str(), last.actor.as_str()),
        ("risk_rating", "bm")
    );
    assert!(
        log.iter()
            .any(|c| c.entity == "risk" && c.entity_key == format!("R{id} Attendance falls"))
    );
}

#[tokio::test]
async fn a_rating_before_the_risk_or_of_no_such_risk_is_refused_and_nothing_is_written() {
    let (store, _g) = imported().await;
    let id = store
        .add_risk(
            KINGSTON,
            by("bm", "2009-05-01"),
            &risk("Budget falls", 3, 5, None, "2009-05-01"),
        )
        .await
        .unwrap();
    let before = store.change_log(KINGSTON).await.unwrap().len();
    let r = Rating::new(1, 1).unwrap();
    let e = store
        .rate_risk(
            KINGSTON,
            by("bm", "2009-06-01"),
            id,
            RatingKind::Residual,
            r,
            date("2009-04-01"),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("--date 2009-05-01"), "{e}");
    let e = store
        .rate_risk(
            KINGSTON,
            by("bm", "2009-06-01"),
            id + 99,
            RatingKind::Residual,
            r,
            date("2009-06-01"),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound { .. }), "{e:?}");
    let e = store
        .add_risk(
            KINGSTON,
            by("bm", "2009-06-01"),
            &risk(" ", 3, 5, None, "2009-05-01"),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("title"), "{e}");
    assert_eq!(store.change_log(KINGSTON).await.unwrap().len(), before);
    assert_eq!(
        store
            .risk(KINGSTON, id, date("2009-12-01"))
            .await
            .unwrap()
            .history
            .len(),
        1
    );
}

#[tokio::test]
async fn a_risks_status_changes_and_is_logged() {
    let (store, _g) = imported().await;
    let id = store
        .add_risk(
            KINGSTON,
            by("bm", "2009-05-01"),
            &risk("Thresholds", 3, 3, Some(4), "2009-05-01"),
        )
        .await
        .unwrap();
    store
        .set_risk_status(
            KINGSTON,
            by("chair", "2009-07-01"),
            id,
            RiskStatus::Escalated,
        )
        .await
        .unwrap();
    let r = store.risk(KINGSTON, id, date("2009-07-01")).await.unwrap();
    assert_eq!(r.status, RiskStatus::Escalated);
    let last = store.change_log(KINGSTON).await.unwrap().pop().unwrap();
    assert_eq!(
        (last.entity.as_str(), last.actor.as_str()),
        ("risk", "chair")
    );
}
