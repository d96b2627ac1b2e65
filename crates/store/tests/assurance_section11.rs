//! Section 11 self-assessment (issue #13, item 3), on SQLite and, with `TEST_DATABASE_URL`,
//! PostgreSQL: cycles and their standards (copied from the last), ratings on the cycle's
//! scale, moderation, the heat map, returns outstanding, the comparison with the previous
//! cycle, and what a lead officer may see of it.

use domain::assurance::section11::{Change, Section11View, Stage, Standard};
use domain::{AccessRole, BoardRole, Membership, Person};
use store::{NewCycle, S11Rating, StoreError};

use crate::progress_support::{KINGSTON, by, date, imported};

fn standards() -> Vec<Standard> {
    ["Senior commitment", "Accountability", "Training"]
        .iter()
        .enumerate()
        .map(|(i, t)| Standard {
            number: (i + 1).to_string(),
            title: (*t).into(),
        })
        .collect()
}

fn rating(agency: &str, standard: &str, word: &str) -> S11Rating {
    S11Rating {
        agency: agency.into(),
        standard: standard.into(),
        rating: word.into(),
        evidence: Some("Audit of training records".into()),
        signatory: Some("Director".into()),
    }
}

#[tokio::test]
async fn a_cycles_heat_map_has_a_cell_per_agency_and_standard_and_lists_what_is_outstanding() {
    let (store, _g) = imported().await;
    let c = NewCycle {
        year: 2009,
        standards: Some(standards()),
        scale: None,
        due_on: Some(date("2009-06-30")),
    };
    let made = store
        .add_s11_cycle(KINGSTON, by("bm", "2009-05-01"), &c)
        .await
        .unwrap();
    assert_eq!(made.scale.words(), ["green", "amber", "red"]);
    for n in ["1", "2", "3"] {
        store
            .rate_s11(
                KINGSTON,
                by("lead", "2009-06-01"),
                2009,
                &rating("metropolitan police", n, "Amber"),
            )
            .await
            .unwrap();
    }
    store
        .rate_s11(
            KINGSTON,
            by("lead", "2009-06-01"),
            2009,
            &rating("NHS Kingston", "1", "red"),
        )
        .await
        .unwrap();
    let before = store.change_log(KINGSTON).await.unwrap().len();
    for (r, says) in [
        (rating("NHS Kingston", "2", "blue"), "green, amber, red"),
        (
            rating("NHS Kingston", "9", "red"),
            "no standard numbered \"9\"",
        ),
        (
            rating("Fire Brigade", "1", "red"),
            "not one of the partnership's agencies",
        ),
    ] {
        let e = store
            .rate_s11(KINGSTON, by("lead", "2009-06-02"), 2009, &r)
            .await
            .unwrap_err();
        assert!(
            matches!(e, StoreError::InvalidData { .. }) && e.to_string().contains(says),
            "{e}"
        );
    }
    assert_eq!(store.change_log(KINGSTON).await.unwrap().len(), before);
    store
        .moderate_s11(
            KINGSTON,
            by("bm", "2009-07-01"),
            2009,
            "NHS Kingston",
            "1",
            "amber",
            Some("Evidence seen"),
        )
        .await
        .unwrap();
    let map = store.s11_map(KINGSTON, 2009).await.unwrap();
    assert_eq!(map.agencies.len(), 5);
    assert_eq!(map.cells.len(), 15);
    let nhs = map.row("NHS Kingston");
    assert_eq!(nhs[0].rating.as_deref(), Some("amber"));
    assert_eq!(nhs[0].self_rating.as_deref(), Some("red"));
    assert_eq!(
        map.row("Metropolitan Police")[2].rating.as_deref(),
        Some("amber")
    );
    let outstanding = map.outstanding(date("2009-07-01"));
    assert_eq!(outstanding.len(), 4, "{outstanding:?}");
    assert!(outstanding.iter().all(|o| o.overdue));
    assert!(
        !outstanding
            .iter()
            .any(|o| o.agency == "Metropolitan Police")
    );
    let ret = store
        .s11_return(KINGSTON, 2009, "nhs kingston")
        .await
        .unwrap();
    assert_eq!(ret.panel_notes.as_deref(), Some("Evidence seen"));
    assert_eq!(ret.lines.len(), 3);
    assert_eq!(ret.lines[1].rating, None);
}

#[tokio::test]
async fn a_new_cycle_copies_the_last_ones_standards_and_compares_with_it() {
    let (store, _g) = imported().await;
    let c = NewCycle {
        year: 2009,
        standards: Some(standards()),
        ..NewCycle::default()
    };
    store
        .add_s11_cycle(KINGSTON, by("bm", "2009-05-01"), &c)
        .await
        .unwrap();
    store
        .rate_s11(
            KINGSTON,
            by("bm", "2009-05-02"),
            2009,
            &rating("Probation", "1", "red"),
        )
        .await
        .unwrap();
    store
        .rate_s11(
            KINGSTON,
            by("bm", "2009-05-02"),
            2009,
            &rating("Probation", "2", "green"),
        )
        .await
        .unwrap();
    store
        .set_s11_stage(KINGSTON, by("bm", "2009-05-03"), 2009, Stage::Closed)
        .await
        .unwrap();
    let e = store
        .rate_s11(
            KINGSTON,
            by("bm", "2009-05-04"),
            2009,
            &rating("Probation", "3", "red"),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("closed"), "{e}");
    let next = NewCycle {
        year: 2010,
        ..NewCycle::default()
    };
    let made = store
        .add_s11_cycle(KINGSTON, by("bm", "2010-05-01"), &next)
        .await
        .unwrap();
    assert_eq!(made.standards, standards());
    assert_eq!(made.stage, Stage::Returns);
    store
        .rate_s11(
            KINGSTON,
            by("bm", "2010-05-02"),
            2010,
            &rating("Probation", "1", "amber"),
        )
        .await
        .unwrap();
    store
        .rate_s11(
            KINGSTON,
            by("bm", "2010-05-02"),
            2010,
            &rating("Probation", "2", "red"),
        )
        .await
        .unwrap();
    let map = store.s11_map(KINGSTON, 2010).await.unwrap();
    assert_eq!(map.previous_year, Some(2009));
    let change = |s: &str| {
        map.compared
            .iter()
            .find(|c| c.agency == "Probation" && c.standard == s)
            .unwrap()
            .change
    };
    assert_eq!(
        (change("1"), change("2"), change("3")),
        (Change::Better, Change::Worse, Change::NotRated)
    );
    let again = store
        .add_s11_cycle(KINGSTON, by("bm", "2010-05-03"), &next)
        .await
        .unwrap_err();
    assert!(matches!(again, StoreError::Conflict { .. }), "{again:?}");
    let first = NewCycle {
        year: 2005,
        ..NewCycle::default()
    };
    let e = store
        .add_s11_cycle(KINGSTON, by("bm", "2010-05-03"), &first)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("--standards FILE"), "{e}");
}

#[tokio::test]
async fn a_lead_officer_linked_to_an_agency_sees_only_its_row_until_the_cycle_closes() {
    let (store, _g) = imported().await;
    let id = store
        .create_account(
            "test",
            KINGSTON,
            "lead@kingston.test",
            "Lead",
            "x",
            jiff::Timestamp::now(),
        )
        .await
        .unwrap();
    store
        .grant_membership(
            "test",
            id,
            KINGSTON,
            AccessRole::LeadOfficer,
            &[],
            jiff::Timestamp::now(),
        )
        .await
        .unwrap();
    assert_eq!(store.account_agency(KINGSTON, id).await.unwrap(), None);
    let mut p = Person::new("Lee Lead", BoardRole::Member);
    p.agency = Some("Probation".into());
    p.account = Some("lead@kingston.test".into());
    store
        .add_person(KINGSTON, store::Stamp::now("bm"), &p)
        .await
        .unwrap();
    let agency = store.account_agency(KINGSTON, id).await.unwrap();
    assert_eq!(agency.as_deref(), Some("Probation"));
    let m = Membership {
        partnership: KINGSTON.into(),
        role: AccessRole::LeadOfficer,
        holds: vec![],
    };
    let view = Section11View::of(&m, false, agency);
    let c = NewCycle {
        year: 2009,
        standards: Some(standards()),
        ..NewCycle::default()
    };
    store
        .add_s11_cycle(KINGSTON, store::Stamp::now("bm"), &c)
        .await
        .unwrap();
    for a in ["Probation", "CAFCASS"] {
        store
            .rate_s11(
                KINGSTON,
                store::Stamp::now("bm"),
                2009,
                &rating(a, "1", "green"),
            )
            .await
            .unwrap();
    }
    let map = store.s11_map(KINGSTON, 2009).await.unwrap();
    let seen = map.seen_by(&view);
    assert_eq!(seen.agencies, ["Probation"]);
    assert!(seen.cells.iter().all(|c| c.agency == "Probation"));
    // The counts stay whole: two agencies rated standard 1 green.
    assert_eq!(map.summary()[0].1[0], ("green".to_string(), 2));
    store
        .set_s11_stage(KINGSTON, store::Stamp::now("bm"), 2009, Stage::Closed)
        .await
        .unwrap();
    let closed = store.s11_map(KINGSTON, 2009).await.unwrap();
    assert_eq!(closed.seen_by(&view).agencies.len(), 5);
    assert!(closed.seen_by(&Section11View::Summary).cells.is_empty());
}
