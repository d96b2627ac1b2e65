//! The document register and induction (issue #12, items 6 and 1), on SQLite and, with
//! `TEST_DATABASE_URL`, PostgreSQL: owners and sub-groups resolved within the partnership,
//! files checked as evidence files are (a bad one refused with nothing written), statuses
//! worked out as at a date, every write in the change log with its actor.

use domain::documents::{DocumentKind, DocumentStatus, NewDocument};
use store::{ChangeOp, DocumentsQuery, ImportMode, NewFile, Store, StoreError};

use crate::common::{source, sutton};
use crate::progress_support::{KINGSTON, by, date, imported, ts};

const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n";

fn doc(kind: DocumentKind, title: &str, owner: &str, review: Option<&str>) -> NewDocument {
    NewDocument {
        kind,
        title: title.into(),
        owner: owner.into(),
        subgroup: None,
        review_due: review.map(date),
    }
}

fn pdf(name: &str) -> NewFile {
    NewFile {
        name: name.into(),
        bytes: PDF.to_vec(),
        note: None,
    }
}

async fn log_len(store: &Store, slug: &str) -> usize {
    store.change_log(slug).await.unwrap().len()
}

#[tokio::test]
async fn a_document_added_with_its_file_is_read_back_owned_by_a_role_and_logged() {
    let (store, _g) = imported().await;
    let mut d = doc(
        DocumentKind::TermsOfReference,
        "Training sub-group: terms of reference",
        "chair-policy-and-procedure",
        Some("2010-03-31"),
    );
    d.subgroup = Some("training".into());
    let added = store
        .add_document(
            KINGSTON,
            by("Business Manager", "2009-05-01"),
            &d,
            Some(&pdf("tor.pdf")),
        )
        .await
        .unwrap();
    assert_eq!(added.owner_title, "Chair, Policy and Procedures sub-group");
    assert_eq!(
        added.subgroup.as_deref(),
        Some("Training"),
        "as the board spells it"
    );
    assert_eq!(added.versions.len(), 1);
    let v = &added.versions[0];
    assert_eq!((v.number, v.name.as_str()), (1, "tor.pdf"));
    assert_eq!(v.media_type, "application/pdf");
    assert_eq!(v.added_by, "Business Manager");
    assert_eq!(added.status(date("2009-06-01")), DocumentStatus::Draft);

    let again = store.document(KINGSTON, added.id).await.unwrap();
    assert_eq!(again, added);
    let file = store.document_file(KINGSTON, added.id, 1).await.unwrap();
    assert_eq!(
        (file.name.as_str(), file.file.bytes.as_slice()),
        ("tor.pdf", PDF)
    );

    let log = store.change_log(KINGSTON).await.unwrap();
    let entry = log
        .iter()
        .find(|c| c.entity == "document")
        .expect("the document is in the change log");
    assert_eq!(
        (entry.entity_key.as_str(), entry.op, entry.actor.as_str()),
        (
            "Training sub-group: terms of reference",
            ChangeOp::Create,
            "Business Manager"
        )
    );
    assert!(log.iter().any(|c| c.entity == "document_version"));
    assert_eq!(
        store.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );
}

#[tokio::test]
async fn a_bad_file_is_refused_with_a_clear_error_and_nothing_is_written() {
    let (store, _g) = imported().await;
    let before = log_len(&store, KINGSTON).await;
    let bad = NewFile {
        name: "strategy.html".into(),
        bytes: b"<html><script>alert(1)</script></html>".to_vec(),
        note: None,
    };
    let d = doc(
        DocumentKind::Strategy,
        "Training strategy",
        "lscb-chair",
        None,
    );
    let e = store
        .add_document(KINGSTON, by("bm", "2009-05-01"), &d, Some(&bad))
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::InvalidData { .. }), "{e:?}");
    let text = e.to_string();
    assert!(text.starts_with("file: strategy.html:"), "{text}");
    assert!(text.contains("PDF"), "the fix is named: {text}");
    assert_eq!(log_len(&store, KINGSTON).await, before);
    assert!(
        store
            .documents(KINGSTON, DocumentsQuery::default())
            .await
            .unwrap()
            .is_empty()
    );

    // A good document, then a bad version of it: the version is refused, the document stays.
    let added = store
        .add_document(KINGSTON, by("bm", "2009-05-02"), &d, None)
        .await
        .unwrap();
    let before = log_len(&store, KINGSTON).await;
    let empty = NewFile {
        name: "v2.pdf".into(),
        bytes: Vec::new(),
        note: None,
    };
    let e = store
        .add_document_version(KINGSTON, by("bm", "2009-05-03"), added.id, &empty)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("empty"), "{e}");
    assert_eq!(log_len(&store, KINGSTON).await, before);
    assert!(
        store
            .document(KINGSTON, added.id)
            .await
            .unwrap()
            .versions
            .is_empty()
    );
}

#[tokio::test]
async fn an_unknown_owner_or_sub_group_or_a_title_twice_is_refused_naming_the_fix() {
    let (store, _g) = imported().await;
    let before = log_len(&store, KINGSTON).await;
    let e = store
        .add_document(
            KINGSTON,
            by("bm", "2009-05-01"),
            &doc(DocumentKind::Plan, "Communications plan", "treasurer", None),
            None,
        )
        .await
        .unwrap_err();
    let text = e.to_string();
    assert!(
        text.starts_with("owner:") && text.contains("lscb-chair"),
        "{text}"
    );
    let mut d = doc(
        DocumentKind::Plan,
        "Communications plan",
        "lscb-chair",
        None,
    );
    d.subgroup = Some("Finance".into());
    let e = store
        .add_document(KINGSTON, by("bm", "2009-05-01"), &d, None)
        .await
        .unwrap_err();
    let text = e.to_string();
    assert!(
        text.starts_with("subgroup:") && text.contains("Training"),
        "{text}"
    );
    assert_eq!(log_len(&store, KINGSTON).await, before);

    d.subgroup = None;
    store
        .add_document(KINGSTON, by("bm", "2009-05-02"), &d, None)
        .await
        .unwrap();
    d.title = "COMMUNICATIONS PLAN".into();
    let e = store
        .add_document(KINGSTON, by("bm", "2009-05-03"), &d, None)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
}

#[tokio::test]
async fn approval_at_a_meeting_and_the_review_date_give_the_status_as_at_a_date() {
    let (store, _g) = imported().await;
    let d = doc(
        DocumentKind::Strategy,
        "Training strategy",
        "lscb-chair",
        Some("2010-03-31"),
    );
    let added = store
        .add_document(KINGSTON, by("bm", "2009-05-01"), &d, Some(&pdf("v1.pdf")))
        .await
        .unwrap();
    // No board meeting on that day: refused, naming the fix.
    let e = store
        .approve_document(
            KINGSTON,
            by("bm", "2009-06-20"),
            added.id,
            date("2009-06-16"),
            None,
            None,
        )
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("boardplan meeting add 2009-06-16"),
        "{e}"
    );
    let v2 = NewFile {
        note: Some("Updated after consultation".into()),
        ..pdf("v2.pdf")
    };
    store
        .add_document_version(KINGSTON, by("bm", "2009-06-01"), added.id, &v2)
        .await
        .unwrap();
    let approved = store
        .approve_document(
            KINGSTON,
            by("bm", "2009-06-20"),
            added.id,
            date("2009-06-15"),
            None,
            None,
        )
        .await
        .unwrap();
    let a = approved.approved.clone().unwrap();
    assert_eq!(
        (a.meeting_date, a.subgroup, a.version),
        (date("2009-06-15"), None, Some(2))
    );
    assert_eq!(
        approved.versions[1].note.as_deref(),
        Some("Updated after consultation")
    );
    assert_eq!(approved.status(date("2009-06-14")), DocumentStatus::Draft);
    assert_eq!(
        approved.status(date("2009-06-15")),
        DocumentStatus::Approved
    );
    assert_eq!(
        approved.status(date("2010-03-31")),
        DocumentStatus::DueForReview
    );

    // A sub-group's meeting, with the next review date.
    let by_training = store
        .approve_document(
            KINGSTON,
            by("bm", "2009-07-02"),
            added.id,
            date("2009-07-01"),
            Some("Training"),
            Some(date("2011-03-31")),
        )
        .await
        .unwrap();
    let a = by_training.approved.clone().unwrap();
    assert_eq!(a.subgroup.as_deref(), Some("Training"));
    assert_eq!(by_training.review_due, Some(date("2011-03-31")));
    assert_eq!(
        by_training.status(date("2010-03-31")),
        DocumentStatus::Approved
    );

    let gone = store
        .supersede_document(
            KINGSTON,
            by("bm", "2009-08-01"),
            added.id,
            date("2009-08-01"),
        )
        .await
        .unwrap();
    assert_eq!(gone.status(date("2009-08-01")), DocumentStatus::Superseded);
    assert_eq!(gone.status(date("2009-07-31")), DocumentStatus::Approved);
    let log = store.change_log(KINGSTON).await.unwrap();
    let updates = log
        .iter()
        .filter(|c| c.entity == "document" && c.op == ChangeOp::Update)
        .count();
    assert_eq!(updates, 3, "two approvals and the superseding");
}

#[tokio::test]
async fn the_due_list_holds_reviews_before_the_day_soonest_first_and_never_superseded_ones() {
    let (store, _g) = imported().await;
    let mut ids = Vec::new();
    for (i, (title, review)) in [
        ("Later", Some("2010-06-30")),
        ("Soon", Some("2010-01-31")),
        ("Sooner", Some("2009-12-31")),
        ("Never", None),
        ("Gone", Some("2009-11-30")),
    ]
    .into_iter()
    .enumerate()
    {
        let d = doc(DocumentKind::Protocol, title, "lscb-chair", review);
        let at = format!("2009-05-{:02}", i + 1);
        ids.push(
            store
                .add_document(KINGSTON, by("bm", &at), &d, None)
                .await
                .unwrap()
                .id,
        );
    }
    store
        .supersede_document(KINGSTON, by("bm", "2009-06-01"), ids[4], date("2009-06-01"))
        .await
        .unwrap();
    let due = store
        .documents(
            KINGSTON,
            DocumentsQuery {
                due_before: Some(date("2010-06-30")),
            },
        )
        .await
        .unwrap();
    let titles: Vec<&str> = due.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["Sooner", "Soon"], "before the day, not on it");
    let all = store
        .documents(KINGSTON, DocumentsQuery::default())
        .await
        .unwrap();
    assert_eq!(all.len(), 5);
}

#[tokio::test]
async fn another_partnership_never_sees_a_document() {
    let (store, _g) = imported().await;
    store
        .import_partnership_at(
            "alice",
            &sutton(),
            &source("sutton.txt", "bbbb"),
            ImportMode::New,
            ts("2009-04-02T09:00:00Z"),
        )
        .await
        .unwrap();
    let sutton_slug = "sutton-safeguarding-children-partnership";
    let added = store
        .add_document(
            KINGSTON,
            by("bm", "2009-05-01"),
            &doc(DocumentKind::Plan, "Engagement plan", "lscb-chair", None),
            Some(&pdf("plan.pdf")),
        )
        .await
        .unwrap();
    let e = store.document(sutton_slug, added.id).await.unwrap_err();
    assert!(matches!(e, StoreError::NotFound { .. }), "{e:?}");
    assert!(store.document_file(sutton_slug, added.id, 1).await.is_err());
    assert!(
        store
            .documents(sutton_slug, DocumentsQuery::default())
            .await
            .unwrap()
            .is_empty()
    );
    // Nor can Sutton's document be owned by Kingston's role.
    let e = store
        .add_document(
            sutton_slug,
            by("bm", "2009-05-02"),
            &doc(DocumentKind::Plan, "Engagement plan", "lscb-chair", None),
            None,
        )
        .await
        .unwrap_err();
    assert!(e.to_string().starts_with("owner:"), "{e}");
}

#[tokio::test]
async fn induction_records_each_item_and_the_job_description_by_date_and_logs_them() {
    let (store, _g) = imported().await;
    let ann = domain::Person::new("Ann Lee", domain::BoardRole::Member);
    store
        .add_person(KINGSTON, by("bm", "2009-05-01"), &ann)
        .await
        .unwrap();
    store
        .add_induction_item(KINGSTON, by("bm", "2009-05-02"), "Met the chair")
        .await
        .unwrap();
    store
        .add_induction_item(KINGSTON, by("bm", "2009-05-02"), "Read the business plan")
        .await
        .unwrap();
    let e = store
        .add_induction_item(KINGSTON, by("bm", "2009-05-02"), "met the CHAIR")
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
    store
        .record_induction(
            KINGSTON,
            by("bm", "2009-05-03"),
            "ann lee",
            "Met the chair",
            date("2009-05-03"),
        )
        .await
        .unwrap();
    store
        .acknowledge_job_description(
            KINGSTON,
            by("bm", "2009-05-04"),
            "Ann Lee",
            date("2009-05-04"),
        )
        .await
        .unwrap();
    let before = log_len(&store, KINGSTON).await;
    let e = store
        .record_induction(
            KINGSTON,
            by("bm", "2009-05-05"),
            "Ann Lee",
            "Met the mayor",
            date("2009-05-05"),
        )
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("Met the chair, Read the business plan"),
        "{e}"
    );
    let e = store
        .record_induction(
            KINGSTON,
            by("bm", "2009-05-05"),
            "Bo Nobody",
            "Met the chair",
            date("2009-05-05"),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("boardplan member add"), "{e}");
    assert_eq!(log_len(&store, KINGSTON).await, before);

    let sheet = store.induction(KINGSTON).await.unwrap();
    assert_eq!(sheet.items, ["Met the chair", "Read the business plan"]);
    let p = &sheet.people[0];
    assert_eq!(p.name, "Ann Lee");
    assert_eq!(p.done, [Some(date("2009-05-03")), None]);
    assert_eq!(p.done_count(), 1);
    assert_eq!(p.job_description_acknowledged, Some(date("2009-05-04")));
    let log = store.change_log(KINGSTON).await.unwrap();
    assert!(
        log.iter()
            .any(|c| c.entity == "induction" && c.entity_key == "Ann Lee / Met the chair")
    );
    assert!(
        log.iter()
            .any(|c| c.entity == "job_description" && c.actor == "bm")
    );
}
