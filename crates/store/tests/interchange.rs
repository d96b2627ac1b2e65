//! The whole partnership for the interchange document (issue #12, item 10), on SQLite and,
//! with `TEST_DATABASE_URL`, PostgreSQL: read whole, imported into an empty database in one
//! transaction through the change log, and read back the same; refused, with nothing
//! written, into a partnership that already has business of its own.

use domain::documents::{DocumentKind, NewDocument};
use domain::meetings::{Attendance, QuorumRule, SubgroupState};
use domain::{AgencyKind, BoardRole, Contribution, Meeting, MeetingKind, Person};
use store::{
    AgencyChange, AgendaItem, ChangeOp, ImportMode, MeetingSettings, NewFile, Store, StoreError,
    SubgroupChange,
};

use crate::common::{fresh_store, source};
use crate::progress_support::{KINGSTON, by, date, imported};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

/// Something in every part of the board's business.
async fn business(store: &Store) {
    let at = |d: &str| by("bm", d);
    let mut nia = Person::new("Nia Health", BoardRole::Member);
    nia.agency = Some("NHS Kingston".into());
    nia.email = Some("nia@nhs.example".into());
    nia.expertise = vec!["health".into(), "CAMHS".into()];
    store
        .add_person(KINGSTON, at("2009-04-02"), &nia)
        .await
        .unwrap();
    let mut pat = Person::new("Pat Police", BoardRole::Chair);
    pat.agency = Some("Metropolitan Police".into());
    pat.deputy = Some("Nia Health".into());
    pat.appointed = Some(date("2009-04-01"));
    store
        .add_person(KINGSTON, at("2009-04-02"), &pat)
        .await
        .unwrap();
    store
        .set_agency(
            KINGSTON,
            at("2009-04-02"),
            "NHS Kingston",
            &AgencyChange {
                kind: Some(AgencyKind::StatutoryPartner),
                representatives_expected: Some(2),
            },
        )
        .await
        .unwrap();
    store
        .set_contribution(
            KINGSTON,
            at("2009-04-02"),
            "NHS Kingston",
            Contribution {
                year: 2009,
                pence: 1_250_000,
            },
        )
        .await
        .unwrap();
    let rules = MeetingSettings {
        quorum: QuorumRule {
            agencies: Some(2),
            members: None,
        },
        attendance_threshold: 70,
    };
    store
        .set_meeting_settings(KINGSTON, at("2009-04-02"), &rules)
        .await
        .unwrap();
    store
        .update_subgroup(
            KINGSTON,
            at("2009-04-02"),
            "Training",
            &SubgroupChange {
                status: Some(SubgroupState::Closed),
                chair: Some("Pat Police".into()),
                frequency: Some("quarterly".into()),
                add_members: vec!["Pat Police".into(), "Nia Health".into()],
                ..SubgroupChange::default()
            },
        )
        .await
        .unwrap();
    store
        .add_subgroup_item(
            KINGSTON,
            at("2009-04-02"),
            "Training",
            "Audit the offer",
            Some(date("2010-03-31")),
        )
        .await
        .unwrap();
    let board = store
        .find_meeting(KINGSTON, date("2009-06-15"), None)
        .await
        .unwrap();
    let training = store
        .find_meeting(KINGSTON, date("2009-07-01"), Some("Training"))
        .await
        .unwrap();
    store
        .record_attendance(
            KINGSTON,
            at("2009-06-16"),
            board,
            "Pat Police",
            Attendance::Deputy,
            Some("Sam Stand-in"),
        )
        .await
        .unwrap();
    store
        .record_attendance(
            KINGSTON,
            at("2009-06-16"),
            board,
            "Nia Health",
            Attendance::Apologies,
            None,
        )
        .await
        .unwrap();
    let item = AgendaItem {
        title: "Progress".into(),
        presenter: Some("Pat Police".into()),
        paper: Some("Board paper as at 2009-06-15".into()),
        actions: vec!["4.1".into()],
        indicators: vec!["NI 64".into()],
    };
    store
        .add_agenda_item(KINGSTON, at("2009-06-16"), board, &item)
        .await
        .unwrap();
    store
        .add_decision(KINGSTON, at("2009-06-16"), board, "Adopt the plan")
        .await
        .unwrap();
    let action = store
        .add_meeting_action(
            KINGSTON,
            at("2009-06-16"),
            board,
            "Circulate it",
            "Business Manager",
            Some(date("2009-07-01")),
        )
        .await
        .unwrap();
    store
        .complete_meeting_action(KINGSTON, at("2009-06-20"), action, date("2009-06-19"))
        .await
        .unwrap();
    store
        .set_minutes(KINGSTON, at("2009-06-20"), board, "Minutes of the board.")
        .await
        .unwrap();
    store
        .record_attendance(
            KINGSTON,
            at("2009-07-02"),
            training,
            "Nia Health",
            Attendance::Present,
            None,
        )
        .await
        .unwrap();
    let next = store
        .add_meeting_with(
            KINGSTON,
            at("2009-07-02"),
            &Meeting {
                date: date("2009-09-16"),
                kind: MeetingKind::Board,
                subgroup: None,
            },
            Some("09:30"),
            None,
        )
        .await
        .unwrap();
    store
        .approve_minutes(KINGSTON, at("2009-09-17"), board, next)
        .await
        .unwrap();
    let d = NewDocument {
        kind: DocumentKind::Protocol,
        title: "Escalation protocol".into(),
        owner: "lscb-chair".into(),
        subgroup: Some("Training".into()),
        review_due: Some(date("2010-03-31")),
    };
    let file = NewFile {
        name: "escalation.pdf".into(),
        bytes: PDF.to_vec(),
        note: None,
    };
    let doc = store
        .add_document(KINGSTON, at("2009-09-18"), &d, Some(&file))
        .await
        .unwrap();
    store
        .approve_document(
            KINGSTON,
            at("2009-09-18"),
            doc.id,
            date("2009-06-15"),
            None,
            Some(date("2011-03-31")),
        )
        .await
        .unwrap();
    store
        .add_induction_item(KINGSTON, at("2009-09-19"), "Met the chair")
        .await
        .unwrap();
    store
        .add_induction_item(KINGSTON, at("2009-09-19"), "Read the plan")
        .await
        .unwrap();
    store
        .record_induction(
            KINGSTON,
            at("2009-09-19"),
            "Nia Health",
            "Read the plan",
            date("2009-04-04"),
        )
        .await
        .unwrap();
    store
        .acknowledge_job_description(KINGSTON, at("2009-09-19"), "Nia Health", date("2009-04-04"))
        .await
        .unwrap();
}

#[tokio::test]
async fn a_whole_partnership_imported_into_an_empty_database_reads_back_the_same() {
    let (store, _g) = imported().await;
    business(&store).await;
    let whole = store
        .whole_partnership(KINGSTON)
        .await
        .unwrap()
        .expect("stored");
    let b = &whole.business;
    assert_eq!(b.people.len(), 2);
    assert_eq!(b.people[0].name, "Pat Police", "chairs first");
    assert_eq!(b.people[0].deputy.as_deref(), Some("Nia Health"));
    assert!(
        b.subgroups
            .iter()
            .any(|s| s.closed && s.members.len() == 2 && s.items.len() == 1)
    );
    let m = &b.meetings[0];
    assert_eq!(
        (
            m.agenda.len(),
            m.attendance.len(),
            m.decisions.len(),
            m.actions.len()
        ),
        (1, 2, 1, 1)
    );
    assert_eq!(
        m.minutes
            .as_ref()
            .and_then(|x| x.approved_at.as_ref())
            .map(|a| a.date),
        Some(date("2009-09-16"))
    );
    assert_eq!(b.documents[0].versions.len(), 1);
    assert_eq!(
        whole
            .files
            .get(&b.documents[0].versions[0].sha256)
            .map(Vec::as_slice),
        Some(PDF)
    );
    assert_eq!(b.induction.people.len(), 1);

    let (empty, _g2) = fresh_store().await;
    empty
        .import_whole(
            "carol",
            &whole,
            &source("kingston.json", "bbbb"),
            ImportMode::New,
        )
        .await
        .unwrap();
    let back = empty
        .whole_partnership(KINGSTON)
        .await
        .unwrap()
        .expect("imported");
    assert_eq!(back, whole);
    let log = empty.change_log(KINGSTON).await.unwrap();
    for entity in [
        "person",
        "meeting record",
        "document",
        "induction",
        "subgroup details",
    ] {
        assert!(
            log.iter()
                .any(|c| c.entity == entity && c.actor == "carol" && c.op == ChangeOp::Create),
            "{entity} is in the change log"
        );
    }
    assert_eq!(
        empty.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );
}

#[tokio::test]
async fn a_partnership_with_business_of_its_own_refuses_another_and_keeps_its_own() {
    let (store, _g) = imported().await;
    business(&store).await;
    let mut whole = store
        .whole_partnership(KINGSTON)
        .await
        .unwrap()
        .expect("stored");
    whole.business.people[1].job_title = Some("Named nurse".into());
    let before = store.change_log(KINGSTON).await.unwrap().len();
    let e = store
        .import_whole(
            "carol",
            &whole,
            &source("other.json", "cccc"),
            ImportMode::Replace,
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&e, StoreError::Conflict { what } if what.contains("empty database")),
        "{e}"
    );
    assert_eq!(store.change_log(KINGSTON).await.unwrap().len(), before);
}

#[tokio::test]
async fn a_bad_file_in_the_business_is_refused_with_its_path_and_nothing_is_written() {
    let (store, _g) = imported().await;
    business(&store).await;
    let mut whole = store
        .whole_partnership(KINGSTON)
        .await
        .unwrap()
        .expect("stored");
    let sha = whole.business.documents[0].versions[0].sha256.clone();
    whole.files.insert(sha, b"not a pdf".to_vec());
    let (empty, _g2) = fresh_store().await;
    let e = empty
        .import_whole(
            "carol",
            &whole,
            &source("kingston.json", "bbbb"),
            ImportMode::New,
        )
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("business.documents[0].versions[0]"),
        "{e}"
    );
    assert!(
        empty.whole_partnership(KINGSTON).await.unwrap().is_none(),
        "nothing was written"
    );
}

#[tokio::test]
async fn a_partnership_without_business_of_its_own_takes_the_documents() {
    let (store, _g) = imported().await;
    business(&store).await;
    let whole = store
        .whole_partnership(KINGSTON)
        .await
        .unwrap()
        .expect("stored");
    // The same plan, imported on its own, with no business yet.
    let (plain, _g2) = imported().await;
    plain
        .import_whole(
            "carol",
            &whole,
            &source("kingston.json", "dddd"),
            ImportMode::Replace,
        )
        .await
        .unwrap();
    let back = plain
        .whole_partnership(KINGSTON)
        .await
        .unwrap()
        .expect("stored");
    assert_eq!(back.business, whole.business);
    assert_eq!(back.files, whole.files);
}
