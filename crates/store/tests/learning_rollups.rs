//! Training needs and training rolled up (issue #14, 3.1 and 3.3), on SQLite and, with
//! `TEST_DATABASE_URL`, PostgreSQL: a need names an objective of the plan and sits beside the
//! courses serving it; impact by priority, attendance by agency, and the year's evaluation
//! counting only the sessions held in that financial year; every write logged with its actor,
//! bad input refused naming the field with nothing written, and partnerships kept apart.

use domain::learning::needs::TrainingNeed;
use domain::learning::training::{Attendance, Course, Score, Session, Stage};
use store::{ImportMode, ImportRow, Stamp, Store, StoreError};

use crate::common::{source, sutton};
use crate::progress_support::{KINGSTON, date, imported, ts};

const SUTTON: &str = "sutton-safeguarding-children-partnership";

async fn log_len(store: &Store) -> usize {
    store.change_log(KINGSTON).await.unwrap().len()
}

fn need(priority: &str, agency: &str, what: &str, staff: u32) -> TrainingNeed {
    TrainingNeed {
        priority: priority.into(),
        agency: agency.into(),
        need: what.into(),
        staff,
    }
}

async fn course(store: &Store, title: &str, priorities: &[&str]) -> i64 {
    let c = Course {
        title: title.into(),
        level: "2".into(),
        priorities: priorities.iter().map(|p| p.to_string()).collect(),
        actions: vec![],
    };
    store
        .add_training_course(KINGSTON, Stamp::now("Training Officer"), &c)
        .await
        .unwrap()
        .id
}

async fn session(store: &Store, course: i64, on: &str, places: u32) -> i64 {
    let s = Session {
        held_on: date(on),
        trainer: "LSCB trainer".into(),
        places,
    };
    store
        .add_training_session(KINGSTON, Stamp::now("Training Officer"), course, &s)
        .await
        .unwrap()
        .id
}

async fn attend(store: &Store, rows: &[(i64, &str, &str, u32)]) {
    let rows: Vec<_> = rows
        .iter()
        .map(|(session, agency, role, count)| ImportRow {
            row: 2,
            item: Attendance {
                session: *session,
                agency: agency.to_string(),
                role: role.to_string(),
                count: *count,
            },
        })
        .collect();
    store
        .import_attendance(KINGSTON, Stamp::now("Training Officer"), &rows)
        .await
        .unwrap();
}

async fn scores(store: &Store, rows: &[(i64, Stage, &str, u8)]) {
    let rows: Vec<_> = rows
        .iter()
        .map(|(session, stage, who, n)| ImportRow {
            row: 2,
            item: Score {
                session: *session,
                stage: *stage,
                respondent: who.to_string(),
                outcome: "Recognise neglect".into(),
                score: *n,
                comment: None,
            },
        })
        .collect();
    store
        .import_training_scores(KINGSTON, Stamp::now("Training Officer"), &rows)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_need_sits_beside_the_courses_serving_its_priority_and_is_logged() {
    let (store, _g) = imported().await;
    let neglect = course(&store, "Recognising neglect", &["1"]).await;
    course(&store, "Chairing conferences", &["2"]).await;
    let n = store
        .add_training_need(
            KINGSTON,
            Stamp::now("Business Manager"),
            &need(" 1 ", "NHS Kingston", "Recognising neglect in babies", 40),
        )
        .await
        .unwrap();
    assert_eq!(n.need.priority, "1");
    assert_eq!(
        n.courses.iter().map(|c| c.id).collect::<Vec<_>>(),
        [neglect]
    );
    store
        .add_training_need(
            KINGSTON,
            Stamp::now("Business Manager"),
            &need("1", "Children's Services", "Neglect toolkit", 12),
        )
        .await
        .unwrap();
    let needs = store.training_needs(KINGSTON).await.unwrap();
    let listed: Vec<(&str, &str, u32)> = needs
        .iter()
        .map(|r| {
            (
                r.need.priority.as_str(),
                r.need.agency.as_str(),
                r.need.staff,
            )
        })
        .collect();
    assert_eq!(
        listed,
        [("1", "Children's Services", 12), ("1", "NHS Kingston", 40)],
        "by priority, then agency"
    );
    let log = store.change_log(KINGSTON).await.unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (last.entity.as_str(), last.actor.as_str()),
        ("training_need", "Business Manager")
    );
    assert_eq!(
        store.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );
}

#[tokio::test]
async fn a_bad_or_repeated_need_is_refused_naming_the_field_and_writes_nothing() {
    let (store, _g) = imported().await;
    let before = log_len(&store).await;
    let e = store
        .add_training_need(KINGSTON, Stamp::now("bm"), &need("16", "Police", "x", 3))
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("priority: \"16\" is not an objective"),
        "{e}"
    );
    let e = store
        .add_training_need(KINGSTON, Stamp::now("bm"), &need("1", "Police", "x", 0))
        .await
        .unwrap_err();
    assert!(e.to_string().starts_with("staff:"), "{e}");
    assert_eq!(log_len(&store).await, before);
    assert!(store.training_needs(KINGSTON).await.unwrap().is_empty());

    let n = need("1", "Police", "Recognising neglect", 3);
    store
        .add_training_need(KINGSTON, Stamp::now("bm"), &n)
        .await
        .unwrap();
    let before = log_len(&store).await;
    let e = store
        .add_training_need(KINGSTON, Stamp::now("bm"), &n)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
    assert_eq!(log_len(&store).await, before);
    assert_eq!(store.training_needs(KINGSTON).await.unwrap().len(), 1);
}

#[tokio::test]
async fn training_rolls_up_by_priority_and_agency_and_the_year_counts_only_its_sessions() {
    let (store, _g) = imported().await;
    let neglect = course(&store, "Recognising neglect", &["1", "2"]).await;
    let chairing = course(&store, "Chairing conferences", &["2"]).await;
    course(&store, "Not yet run", &[]).await;
    // 2009-10: two sessions; 2010-11: one (its scores must not count for 2009-10).
    let a = session(&store, neglect, "2009-10-14", 20).await;
    let b = session(&store, chairing, "2010-03-31", 10).await;
    let c = session(&store, neglect, "2010-04-01", 15).await;
    attend(
        &store,
        &[
            (a, "NHS Kingston", "GP", 4),
            (a, "NHS Kingston", "Health visitor", 6),
            (a, "Children's Services", "Social worker", 8),
            (b, "Children's Services", "Team manager", 7),
            (c, "NHS Kingston", "GP", 9),
        ],
    )
    .await;
    scores(
        &store,
        &[
            (a, Stage::Before, "r1", 3),
            (a, Stage::After, "r1", 8),
            (a, Stage::FollowUp, "r1", 7),
            (b, Stage::Before, "r2", 5),
            (b, Stage::After, "r2", 6),
            (c, Stage::Before, "r3", 1),
        ],
    )
    .await;

    let by = store.training_impact_by_priority(KINGSTON).await.unwrap();
    let keys: Vec<&str> = by.iter().map(|p| p.priority.as_str()).collect();
    assert_eq!(keys, ["1", "2"]);
    let one = &by[0].rollup;
    assert_eq!(one.courses, [neglect]);
    assert_eq!((one.sessions, one.places, one.attended), (2, 35, 27));
    assert_eq!(one.impact.stages[0].mean_score, Some(2.0), "(3 + 1) / 2");
    let two = &by[1].rollup;
    assert_eq!(two.courses.len(), 2);
    assert_eq!((two.sessions, two.attended), (3, 34));

    let agencies = store.training_attendance_by_agency(KINGSTON).await.unwrap();
    let got: Vec<(&str, u64, usize)> = agencies
        .iter()
        .map(|a| (a.agency.as_str(), a.attended, a.sessions))
        .collect();
    assert_eq!(
        got,
        [("Children's Services", 15, 2), ("NHS Kingston", 19, 2)]
    );
    assert_eq!(agencies[1].roles[0].role, "GP");
    assert_eq!(agencies[1].roles[0].attended, 13);

    let year = store
        .training_evaluation(KINGSTON, "2009-10")
        .await
        .unwrap();
    assert_eq!(year.year, "2009-10");
    assert_eq!(year.courses_run, 2);
    let t = &year.total;
    assert_eq!((t.sessions, t.places, t.attended), (2, 30, 25));
    assert_eq!(t.impact.stages[0].mean_score, Some(4.0), "(3 + 5) / 2");
    assert_eq!(t.impact.stages[1].mean_score, Some(7.0));
    assert_eq!(t.impact.change.before_to_after, Some(3.0));
    assert_eq!(t.impact.change.before_to_follow_up, Some(3.0));
    let years_priorities: Vec<(&str, usize)> = year
        .priorities
        .iter()
        .map(|p| (p.priority.as_str(), p.rollup.sessions))
        .collect();
    assert_eq!(years_priorities, [("1", 1), ("2", 2)]);
    let years_agencies: Vec<(&str, u64)> = year
        .agencies
        .iter()
        .map(|a| (a.agency.as_str(), a.attended))
        .collect();
    assert_eq!(
        years_agencies,
        [("Children's Services", 15), ("NHS Kingston", 10)]
    );

    let next = store
        .training_evaluation(KINGSTON, "2010/11")
        .await
        .unwrap();
    assert_eq!((next.courses_run, next.total.attended), (1, 9));
    let empty = store
        .training_evaluation(KINGSTON, "2008-09")
        .await
        .unwrap();
    assert_eq!(empty.total.sessions, 0);
    assert!(empty.priorities.is_empty());

    let e = store
        .training_evaluation(KINGSTON, "2009-11")
        .await
        .unwrap_err();
    assert!(e.to_string().starts_with("year: \"2009-11\""), "{e}");
}

#[tokio::test]
async fn another_partnership_sees_none_of_the_needs_or_the_training() {
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
    let neglect = course(&store, "Recognising neglect", &["1"]).await;
    let a = session(&store, neglect, "2009-10-14", 20).await;
    attend(&store, &[(a, "NHS Kingston", "GP", 4)]).await;
    store
        .add_training_need(KINGSTON, Stamp::now("bm"), &need("1", "Police", "x", 3))
        .await
        .unwrap();
    assert!(store.training_needs(SUTTON).await.unwrap().is_empty());
    assert!(
        store
            .training_impact_by_priority(SUTTON)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .training_attendance_by_agency(SUTTON)
            .await
            .unwrap()
            .is_empty()
    );
    let year = store.training_evaluation(SUTTON, "2009-10").await.unwrap();
    assert_eq!(year.total.sessions, 0);
}
