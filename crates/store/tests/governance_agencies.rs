//! The agencies' details (issue #12, item 2), on SQLite and, with `TEST_DATABASE_URL`,
//! PostgreSQL: added to the board's own list of agencies, never a second one, and every change
//! in the change log.

use domain::{AgencyKind, Contribution};
use store::{AgencyChange, ChangeOp, StoreError};

use crate::progress_support::{KINGSTON, by, imported};

#[tokio::test]
async fn agencies_carry_their_kind_representatives_and_money_and_every_change_is_logged() {
    let (store, _g) = imported().await;
    let statutory = AgencyChange {
        kind: Some(AgencyKind::StatutoryPartner),
        representatives_expected: Some(2),
    };
    store
        .set_agency(
            KINGSTON,
            by("bm", "2009-05-01"),
            "metropolitan police",
            &statutory,
        )
        .await
        .unwrap();
    store
        .add_agency(
            KINGSTON,
            by("bm", "2009-05-01"),
            "Kingston College",
            &AgencyChange {
                kind: Some(AgencyKind::RelevantAgency),
                representatives_expected: None,
            },
        )
        .await
        .unwrap();
    let e = store
        .add_agency(
            KINGSTON,
            by("bm", "2009-05-01"),
            "kingston college",
            &AgencyChange::default(),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
    for (pounds, at) in [(1_000_000, "2009-05-02"), (1_250_050, "2009-05-03")] {
        let c = Contribution {
            year: 2009,
            pence: pounds,
        };
        store
            .set_contribution(KINGSTON, by("bm", at), "Metropolitan Police", c)
            .await
            .unwrap();
    }
    let agencies = store.agencies(KINGSTON).await.unwrap();
    let police = agencies
        .iter()
        .find(|a| a.name == "Metropolitan Police")
        .unwrap();
    assert_eq!(police.kind, Some(AgencyKind::StatutoryPartner));
    assert_eq!(police.representatives_expected, Some(2));
    assert_eq!(
        police.contributions,
        [Contribution {
            year: 2009,
            pence: 1_250_050
        }]
    );
    assert_eq!(agencies.last().unwrap().name, "Kingston College");
    assert_eq!(
        agencies.len(),
        6,
        "added to the board's own list, not a second one"
    );
    let partnership = store.load_partnership(KINGSTON).await.unwrap().unwrap();
    assert!(
        partnership
            .agencies
            .iter()
            .any(|a| a.name == "Kingston College")
    );

    let log = store.change_log(KINGSTON).await.unwrap();
    let kinds: Vec<(&str, ChangeOp)> = log
        .iter()
        .rev()
        .take(4)
        .map(|c| (c.entity.as_str(), c.op))
        .collect();
    assert_eq!(
        kinds,
        [
            ("contribution", ChangeOp::Update),
            ("contribution", ChangeOp::Create),
            ("agency", ChangeOp::Create),
            ("agency", ChangeOp::Update),
        ]
    );
    let e = store
        .set_agency(
            KINGSTON,
            by("bm", "2009-05-04"),
            "Metropolitan Police",
            &AgencyChange {
                kind: None,
                representatives_expected: Some(500),
            },
        )
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("0 to 50"), "{e}");
}
