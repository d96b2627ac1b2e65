//! What the reminders of the board's business read (issue #15, item 3): documents whose
//! review falls due (not superseded, not beyond the notice), the incomplete returns of
//! Section 11 cycles taking returns, and the accounts linked to an agency with what they may
//! do with its return. On SQLite and, with `TEST_DATABASE_URL`, PostgreSQL.

use domain::assurance::section11::{Section11View, Stage, Standard};
use domain::documents::{DocumentKind, NewDocument};
use domain::{AccessRole, BoardRole, Person};
use store::{NewCycle, S11Rating, Store};

use crate::progress_support::{KINGSTON, by, date, imported};

fn doc(title: &str, owner: &str, review: &str) -> NewDocument {
    NewDocument {
        kind: DocumentKind::Protocol,
        title: title.into(),
        owner: owner.into(),
        subgroup: None,
        review_due: Some(date(review)),
    }
}

async fn account(store: &Store, email: &str, role: AccessRole) -> i64 {
    let now = jiff::Timestamp::now();
    let id = store
        .create_account("test", KINGSTON, email, email, "x", now)
        .await
        .unwrap();
    store
        .grant_membership("test", id, KINGSTON, role, &[], now)
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn the_documents_falling_due_are_those_not_superseded_within_the_notice_or_past() {
    let (store, _g) = imported().await;
    let mut ids = Vec::new();
    for (title, review) in [
        ("Escalation protocol", "2010-03-17"),
        ("Threshold document", "2010-04-14"),
        ("Neglect strategy", "2010-04-15"),
        ("Old threshold document", "2010-03-01"),
    ] {
        let d = store
            .add_document(
                KINGSTON,
                by("bm", "2009-05-01"),
                &doc(title, "lscb-chair", review),
                None,
            )
            .await
            .unwrap();
        ids.push(d.id);
    }
    store
        .supersede_document(KINGSTON, by("bm", "2009-05-02"), ids[3], date("2009-05-02"))
        .await
        .unwrap();
    // 14 days' notice from 31 March: up to and including 14 April.
    let due = store
        .reminder_business(KINGSTON, date("2010-03-31"), 14)
        .await
        .unwrap();
    let mut titles: Vec<&str> = due.documents.iter().map(|d| d.title.as_str()).collect();
    titles.sort_unstable();
    assert_eq!(titles, ["Escalation protocol", "Threshold document"]);
    assert!(due.documents.iter().all(|d| d.owner == "lscb-chair"));
    assert!(due.returns.is_empty());
    // Another partnership's register is not read.
    assert!(
        store
            .reminder_business("no-such-board", date("2010-03-31"), 14)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn incomplete_returns_of_a_cycle_taking_returns_are_read_with_who_may_complete_them() {
    let (store, _g) = imported().await;
    let lead = account(&store, "lead@kingston.test", AccessRole::LeadOfficer).await;
    let reader = account(&store, "reader@kingston.test", AccessRole::Reader).await;
    for (name, email) in [
        ("Lee Lead", "lead@kingston.test"),
        ("Rae Reader", "reader@kingston.test"),
    ] {
        let mut p = Person::new(name, BoardRole::Member);
        p.agency = Some("Probation".into());
        p.account = Some(email.into());
        store
            .add_person(KINGSTON, store::Stamp::now("bm"), &p)
            .await
            .unwrap();
    }
    let standards: Vec<Standard> = ["Commitment", "Accountability"]
        .iter()
        .enumerate()
        .map(|(i, t)| Standard {
            number: (i + 1).to_string(),
            title: (*t).into(),
        })
        .collect();
    let c = NewCycle {
        year: 2010,
        standards: Some(standards),
        scale: None,
        due_on: Some(date("2010-04-09")),
    };
    store
        .add_s11_cycle(KINGSTON, store::Stamp::now("bm"), &c)
        .await
        .unwrap();
    for n in ["1", "2"] {
        store
            .rate_s11(
                KINGSTON,
                store::Stamp::now("bm"),
                2010,
                &S11Rating {
                    agency: "CAFCASS".into(),
                    standard: n.into(),
                    rating: "green".into(),
                    evidence: None,
                    signatory: None,
                },
            )
            .await
            .unwrap();
    }
    // Before the notice begins, no cycle is read.
    let early = store
        .reminder_business(KINGSTON, date("2010-03-01"), 14)
        .await
        .unwrap();
    assert!(early.returns.is_empty(), "{:?}", early.returns);
    let due = store
        .reminder_business(KINGSTON, date("2010-03-31"), 14)
        .await
        .unwrap();
    let probation = due
        .returns
        .iter()
        .find(|r| r.agency == "Probation")
        .expect("Probation's return is outstanding");
    assert_eq!(
        (probation.rated, probation.of, probation.year),
        (0, 2, 2010)
    );
    assert_eq!(probation.due, date("2010-04-09"));
    assert!(
        !due.returns.iter().any(|r| r.agency == "CAFCASS"),
        "a complete return is not outstanding"
    );
    let c = store.reminder_context(KINGSTON).await.unwrap();
    let linked: Vec<(i64, &str, bool)> = c
        .agency_members
        .iter()
        .map(|m| {
            (
                m.to.account_id,
                m.agency.as_str(),
                m.view.may_complete("Probation", Stage::Returns),
            )
        })
        .collect();
    assert!(linked.contains(&(lead, "Probation", true)), "{linked:?}");
    assert!(linked.contains(&(reader, "Probation", false)), "{linked:?}");
    let lead_view = &c
        .agency_members
        .iter()
        .find(|m| m.to.account_id == lead)
        .unwrap()
        .view;
    assert_eq!(lead_view, &Section11View::Agency("Probation".into()));
    // In moderation, the cycle no longer takes returns: nothing is outstanding to remind of.
    store
        .set_s11_stage(KINGSTON, store::Stamp::now("bm"), 2010, Stage::Moderation)
        .await
        .unwrap();
    let later = store
        .reminder_business(KINGSTON, date("2010-04-20"), 14)
        .await
        .unwrap();
    assert!(later.returns.is_empty(), "{:?}", later.returns);
}
