//! The member register and the agencies' details (issue #12, items 1 and 2), on SQLite and,
//! with `TEST_DATABASE_URL`, PostgreSQL: names resolved within the partnership only, every
//! write in the change log with its actor, stale edits refused, imports all or nothing.

use domain::{AccessRole, BoardRole, Person};
use store::{ChangeOp, ImportMode, RegisterRow, Store, StoreError};

use crate::common::{source, sutton};
use crate::progress_support::{KINGSTON, by, date, imported, ts};

const SUTTON: &str = "sutton-safeguarding-children-partnership";

fn person(name: &str, agency: Option<&str>, role: BoardRole) -> Person {
    let mut p = Person::new(name, role);
    p.agency = agency.map(str::to_string);
    p
}

async fn log_len(store: &Store, slug: &str) -> usize {
    store.change_log(slug).await.unwrap().len()
}

#[tokio::test]
async fn a_person_added_is_read_back_with_the_agency_as_the_board_spells_it_and_logged() {
    let (store, _g) = imported().await;
    let mut ann = person("Ann Lee", Some("metropolitan police"), BoardRole::Member);
    ann.job_title = Some("Detective Superintendent".into());
    ann.expertise = vec!["policing".into(), " Child sexual exploitation ".into()];
    ann.email = Some("Ann.Lee@Met.example".into());
    ann.appointed = Some(date("2009-04-01"));
    ann.term_ends = Some(date("2012-03-31"));
    let added = store
        .add_person(KINGSTON, by("Business Manager", "2009-05-01"), &ann)
        .await
        .unwrap();
    assert_eq!(added.version, 1);
    assert_eq!(added.person.agency.as_deref(), Some("Metropolitan Police"));
    assert_eq!(added.person.email.as_deref(), Some("ann.lee@met.example"));
    assert_eq!(
        added.person.expertise,
        ["policing", "Child sexual exploitation"]
    );
    let chair = person("Bob Chair", None, BoardRole::Chair);
    store
        .add_person(KINGSTON, by("Business Manager", "2009-05-02"), &chair)
        .await
        .unwrap();

    let register = store.people(KINGSTON).await.unwrap();
    let names: Vec<&str> = register.iter().map(|r| r.person.name.as_str()).collect();
    assert_eq!(names, ["Bob Chair", "Ann Lee"], "the chair comes first");
    assert_eq!(register[1], added);

    let log = store.change_log(KINGSTON).await.unwrap();
    let entry = log.iter().find(|c| c.entity_key == "Ann Lee").unwrap();
    assert_eq!(
        (entry.entity.as_str(), entry.op, entry.actor.as_str()),
        ("person", ChangeOp::Create, "Business Manager")
    );
    assert_eq!(
        store.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );
}

#[tokio::test]
async fn an_unknown_agency_or_deputy_is_refused_naming_the_fix_and_writes_nothing() {
    let (store, _g) = imported().await;
    let before = log_len(&store, KINGSTON).await;
    let e = store
        .add_person(
            KINGSTON,
            by("bm", "2009-05-01"),
            &person("Ann Lee", Some("Fire Brigade"), BoardRole::Member),
        )
        .await
        .unwrap_err();
    let text = e.to_string();
    assert!(matches!(e, StoreError::InvalidData { .. }), "{e:?}");
    assert!(text.starts_with("agency:"), "{text}");
    assert!(
        text.contains("Metropolitan Police") && text.contains("boardplan agency add"),
        "{text}"
    );

    let mut p = person("Ann Lee", None, BoardRole::LayMember);
    p.deputy = Some("Nobody Yet".into());
    let e = store
        .add_person(KINGSTON, by("bm", "2009-05-01"), &p)
        .await
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("deputy:") && e.contains("Nobody Yet"), "{e}");
    assert!(store.people(KINGSTON).await.unwrap().is_empty());
    assert_eq!(log_len(&store, KINGSTON).await, before);
}

#[tokio::test]
async fn the_same_name_twice_is_a_conflict() {
    let (store, _g) = imported().await;
    let p = person("Ann Lee", None, BoardRole::Adviser);
    store
        .add_person(KINGSTON, by("bm", "2009-05-01"), &p)
        .await
        .unwrap();
    let again = person("ann lee", None, BoardRole::Member);
    let e = store
        .add_person(KINGSTON, by("bm", "2009-05-02"), &again)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
}

#[tokio::test]
async fn an_edit_needs_the_version_its_author_saw_and_logs_the_change() {
    let (store, _g) = imported().await;
    let deputy = store
        .add_person(
            KINGSTON,
            by("bm", "2009-05-01"),
            &person("Dee Puty", Some("Probation"), BoardRole::Participant),
        )
        .await
        .unwrap();
    let ann = store
        .add_person(
            KINGSTON,
            by("bm", "2009-05-01"),
            &person("Ann Lee", Some("Probation"), BoardRole::Member),
        )
        .await
        .unwrap();
    let mut changed = ann.person.clone();
    changed.board_role = BoardRole::ViceChair;
    changed.deputy = Some("dee puty".into());
    let edited = store
        .update_person(KINGSTON, by("Admin", "2009-05-02"), ann.id, 1, &changed)
        .await
        .unwrap();
    assert_eq!(edited.version, 2);
    assert_eq!(edited.person.board_role, BoardRole::ViceChair);
    assert_eq!(edited.person.deputy.as_deref(), Some("Dee Puty"));

    let before = log_len(&store, KINGSTON).await;
    let e = store
        .update_person(KINGSTON, by("Admin", "2009-05-03"), ann.id, 1, &ann.person)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
    assert_eq!(
        log_len(&store, KINGSTON).await,
        before,
        "a stale edit writes nothing"
    );
    assert_eq!(store.person(KINGSTON, ann.id).await.unwrap(), edited);

    // The deputy typed in other capitals is the same deputy: nothing changes, nothing is logged.
    let mut same = edited.person.clone();
    same.deputy = Some("DEE PUTY".into());
    let before = log_len(&store, KINGSTON).await;
    let unchanged = store
        .update_person(KINGSTON, by("Admin", "2009-05-03"), ann.id, 2, &same)
        .await
        .unwrap();
    assert_eq!(unchanged.version, 2);
    assert_eq!(log_len(&store, KINGSTON).await, before);

    let mut own = edited.person.clone();
    own.deputy = Some("Ann Lee".into());
    let e = store
        .update_person(KINGSTON, by("Admin", "2009-05-03"), ann.id, 2, &own)
        .await
        .unwrap_err()
        .to_string();
    assert!(e.contains("own deputy"), "{e}");

    let log = store.change_log(KINGSTON).await.unwrap();
    let update = log.iter().rev().find(|c| c.entity == "person").unwrap();
    assert_eq!(
        (update.op, update.actor.as_str()),
        (ChangeOp::Update, "Admin")
    );
    assert!(update.after.as_deref().unwrap().contains("vice_chair"));
    assert_eq!(deputy.version, 1);
}

#[tokio::test]
async fn partnerships_never_see_each_others_people_or_agencies() {
    let (store, _g) = imported().await;
    store
        .import_partnership_at(
            "t",
            &sutton(),
            &source("s.txt", "s"),
            ImportMode::New,
            ts("2009-04-01"),
        )
        .await
        .unwrap();
    let ann = store
        .add_person(
            KINGSTON,
            by("bm", "2009-05-01"),
            &person("Ann Lee", Some("Probation"), BoardRole::Member),
        )
        .await
        .unwrap();
    assert!(store.people(SUTTON).await.unwrap().is_empty());
    let e = store.person(SUTTON, ann.id).await.unwrap_err();
    assert!(matches!(e, StoreError::NotFound { .. }), "{e:?}");
    let e = store
        .update_person(SUTTON, by("bm", "2009-05-02"), ann.id, 1, &ann.person)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound { .. }), "{e:?}");
    // Kingston's agency is not Sutton's.
    let e = store
        .add_person(
            SUTTON,
            by("bm", "2009-05-02"),
            &person("Bo", Some("Probation"), BoardRole::Member),
        )
        .await
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("Sutton Council") && !e.contains("Metropolitan"),
        "{e}"
    );
}

#[tokio::test]
async fn only_an_account_that_is_a_member_of_the_partnership_can_be_linked() {
    let (store, _g) = imported().await;
    let id = store
        .create_account(
            "admin",
            KINGSTON,
            "ann@example.org",
            "Ann",
            "hash",
            ts("2009-04-02"),
        )
        .await
        .unwrap();
    let mut ann = person("Ann Lee", None, BoardRole::LayMember);
    ann.account = Some("Ann@Example.org".into());
    let e = store
        .add_person(KINGSTON, by("bm", "2009-05-01"), &ann)
        .await
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("account:"), "{e}");
    store
        .grant_membership(
            "admin",
            id,
            KINGSTON,
            AccessRole::BoardMember,
            &[],
            ts("2009-04-03"),
        )
        .await
        .unwrap();
    let added = store
        .add_person(KINGSTON, by("bm", "2009-05-01"), &ann)
        .await
        .unwrap();
    assert_eq!(added.person.account.as_deref(), Some("ann@example.org"));
}

fn row(row: usize, name: &str, agency: Option<&str>, deputy: Option<&str>) -> RegisterRow {
    let mut p = person(name, agency, BoardRole::Member);
    p.deputy = deputy.map(str::to_string);
    RegisterRow { row, person: p }
}

#[tokio::test]
async fn a_register_import_is_all_or_nothing_and_names_the_row_and_column() {
    let (store, _g) = imported().await;
    let before = log_len(&store, KINGSTON).await;
    let bad = [
        row(2, "Ann Lee", Some("Probation"), None),
        row(3, "Bob Ray", Some("Fire Brigade"), None),
    ];
    let e = store
        .import_people(KINGSTON, by("bm", "2009-05-01"), &bad)
        .await
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("row 3, column \"Agency\":"), "{e}");
    assert!(e.contains("nothing was imported"), "{e}");
    let twice = [row(2, "Ann Lee", None, None), row(5, "ann lee", None, None)];
    let e = store
        .import_people(KINGSTON, by("bm", "2009-05-01"), &twice)
        .await
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("row 5, column \"Name\":") && e.contains("row 2"),
        "{e}"
    );
    assert!(store.people(KINGSTON).await.unwrap().is_empty());
    assert_eq!(log_len(&store, KINGSTON).await, before);
}

#[tokio::test]
async fn a_register_import_adds_updates_and_leaves_alone_with_deputies_further_down() {
    let (store, _g) = imported().await;
    let file = [
        row(2, "Ann Lee", Some("Probation"), Some("Dee Puty")),
        row(3, "Dee Puty", Some("probation"), None),
    ];
    let first = store
        .import_people(KINGSTON, by("bm", "2009-05-01"), &file)
        .await
        .unwrap();
    assert_eq!((first.added, first.updated, first.unchanged), (2, 0, 0));
    let register = store.people(KINGSTON).await.unwrap();
    let ann = register
        .iter()
        .find(|r| r.person.name == "Ann Lee")
        .unwrap();
    assert_eq!(ann.person.deputy.as_deref(), Some("Dee Puty"));

    let before = log_len(&store, KINGSTON).await;
    let again = store
        .import_people(KINGSTON, by("bm", "2009-05-02"), &file)
        .await
        .unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 2));
    assert_eq!(
        log_len(&store, KINGSTON).await,
        before,
        "nothing changed, nothing logged"
    );

    let changed = [
        row(2, "Ann Lee", Some("Probation"), None),
        row(3, "Dee Puty", Some("CAFCASS"), None),
    ];
    let third = store
        .import_people(KINGSTON, by("bm", "2009-05-03"), &changed)
        .await
        .unwrap();
    assert_eq!((third.added, third.updated, third.unchanged), (0, 2, 0));
    let register = store.people(KINGSTON).await.unwrap();
    assert!(register.iter().all(|r| r.version == 2), "{register:?}");
    let ann = register
        .iter()
        .find(|r| r.person.name == "Ann Lee")
        .unwrap();
    assert_eq!(ann.person.deputy, None);
    assert_eq!(log_len(&store, KINGSTON).await, before + 2);
}
