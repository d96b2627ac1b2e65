//! Learning and accountability (issue #14), on SQLite and, with `TEST_DATABASE_URL`,
//! PostgreSQL: courses linked to the plan, imports all or nothing, impact by course, case
//! reviews whose recommendations are not implemented only with reasons, engagement, every
//! write in the change log with its actor, and partnerships kept apart.

use domain::learning::case_reviews::{CaseReviewKind, RecommendationStatus, StatusChange};
use domain::learning::engagement::Activity;
use domain::learning::training::{Attendance, Course, Score, Session, Stage};
use store::{ChangeOp, ImportMode, ImportRow, NewCaseReview, Stamp, Store, StoreError};

use crate::common::{source, sutton};
use crate::progress_support::{KINGSTON, date, imported, ts};

const SUTTON: &str = "sutton-safeguarding-children-partnership";

async fn log_len(store: &Store) -> usize {
    store.change_log(KINGSTON).await.unwrap().len()
}

async fn course_with_session(store: &Store) -> (i64, i64) {
    let c = Course {
        title: "Recognising neglect".into(),
        level: "2".into(),
        priorities: vec!["1".into()],
        actions: vec!["1.2".into()],
    };
    let c = store
        .add_training_course(KINGSTON, Stamp::now("Training Officer"), &c)
        .await
        .unwrap();
    let s = Session {
        held_on: date("2009-10-14"),
        trainer: "LSCB trainer".into(),
        places: 20,
    };
    let s = store
        .add_training_session(KINGSTON, Stamp::now("Training Officer"), c.id, &s)
        .await
        .unwrap();
    (c.id, s.id)
}

fn score(session: i64, stage: Stage, who: &str, n: u8) -> ImportRow<Score> {
    ImportRow {
        row: 2,
        item: Score {
            session,
            stage,
            respondent: who.into(),
            outcome: "Recognise neglect".into(),
            score: n,
            comment: None,
        },
    }
}

#[tokio::test]
async fn a_courses_impact_rolls_up_its_attendance_and_scores_and_every_write_is_logged() {
    let (store, _g) = imported().await;
    let (course, session) = course_with_session(&store).await;
    let attendance = [
        ("Children's Services", "Social worker", 12),
        ("NHS Kingston", "GP", 4),
    ]
    .map(|(agency, role, count)| ImportRow {
        row: 2,
        item: Attendance {
            session,
            agency: agency.into(),
            role: role.into(),
            count,
        },
    });
    let done = store
        .import_attendance(KINGSTON, Stamp::now("Training Officer"), &attendance)
        .await
        .unwrap();
    assert_eq!((done.added, done.updated), (2, 0));
    // The same session, agency and role again replaces the count.
    let again = [ImportRow {
        row: 2,
        item: Attendance {
            session,
            agency: "NHS Kingston".into(),
            role: "GP".into(),
            count: 5,
        },
    }];
    let done = store
        .import_attendance(KINGSTON, Stamp::now("t"), &again)
        .await
        .unwrap();
    assert_eq!((done.added, done.updated), (0, 1));
    let scores = [
        score(session, Stage::Before, "r1", 3),
        score(session, Stage::Before, "r2", 5),
        score(session, Stage::After, "r1", 8),
        score(session, Stage::FollowUp, "r1", 7),
    ];
    store
        .import_training_scores(KINGSTON, Stamp::now("Training Officer"), &scores)
        .await
        .unwrap();

    let impact = store.training_impact(KINGSTON, Some(course)).await.unwrap();
    assert_eq!(impact.len(), 1);
    let c = &impact[0];
    assert_eq!((c.places, c.attended), (20, 17));
    assert_eq!(c.course.course.actions, ["1.2"]);
    let stages: Vec<(Stage, usize, Option<f64>)> = c
        .impact
        .stages
        .iter()
        .map(|s| (s.stage, s.responses, s.mean_score))
        .collect();
    assert_eq!(
        stages,
        [
            (Stage::Before, 2, Some(4.0)),
            (Stage::After, 1, Some(8.0)),
            (Stage::FollowUp, 1, Some(7.0))
        ]
    );
    assert_eq!(c.impact.change.before_to_follow_up, Some(3.0));

    let log = store.change_log(KINGSTON).await.unwrap();
    let entities: Vec<&str> = log
        .iter()
        .rev()
        .take(5)
        .map(|c| c.entity.as_str())
        .collect();
    assert_eq!(
        entities,
        [
            "training_scores",
            "training_attendance",
            "training_attendance",
            "training_session",
            "training_course"
        ]
    );
    assert_eq!(log.last().unwrap().actor, "Training Officer");
    assert_eq!(
        store.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );
}

#[tokio::test]
async fn an_import_naming_an_unknown_session_writes_nothing() {
    let (store, _g) = imported().await;
    let (_, session) = course_with_session(&store).await;
    let before = log_len(&store).await;
    let mut rows = vec![
        score(session, Stage::Before, "r1", 3),
        score(session + 40, Stage::After, "r1", 8),
    ];
    rows[1].row = 7;
    let e = store
        .import_training_scores(KINGSTON, Stamp::now("t"), &rows)
        .await
        .unwrap_err();
    assert!(
        e.to_string().starts_with("row 7, column \"Session\""),
        "{e}"
    );
    assert_eq!(log_len(&store).await, before);
    let impact = store.training_impact(KINGSTON, None).await.unwrap();
    assert_eq!(
        impact[0].impact.stages[0].responses, 0,
        "the good row was not written either"
    );
}

#[tokio::test]
async fn a_course_must_name_the_plans_own_numbers_and_titles_are_unique() {
    let (store, _g) = imported().await;
    course_with_session(&store).await;
    let mut c = Course {
        title: "Other".into(),
        level: "1".into(),
        priorities: vec!["16".into()],
        actions: vec![],
    };
    let e = store
        .add_training_course(KINGSTON, Stamp::now("t"), &c)
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("priorities: \"16\" is not an objective"),
        "{e}"
    );
    c.priorities.clear();
    c.title = "recognising NEGLECT".into();
    let e = store
        .add_training_course(KINGSTON, Stamp::now("t"), &c)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
}

fn review(kind: CaseReviewKind, name: &str) -> NewCaseReview {
    NewCaseReview {
        kind,
        case_name: name.into(),
        notified: date("2009-04-06"),
        decided: None,
        published: None,
        recommendations: vec![
            ("Share chronologies".into(), Some("All agencies".into())),
            ("Commission an out-of-hours service".into(), None),
        ],
    }
}

#[tokio::test]
async fn a_recommendation_not_implemented_needs_reasons_and_the_register_keeps_them() {
    let (store, _g) = imported().await;
    let r = store
        .add_case_review(
            KINGSTON,
            Stamp::now("Business Manager"),
            &review(CaseReviewKind::SeriousCaseReview, " Family   A "),
        )
        .await
        .unwrap();
    assert_eq!(r.case_name, "Family A");
    assert_eq!(r.recommendations.len(), 2);
    assert!(
        r.recommendations
            .iter()
            .all(|x| x.status == RecommendationStatus::InProgress)
    );
    let rec = r.recommendations[1].id;

    // A change built without the domain's check is refused by the store too.
    let before = log_len(&store).await;
    let sneaky = StatusChange {
        status: RecommendationStatus::NotImplemented,
        reason: None,
        impact: None,
    };
    let e = store
        .set_recommendation_status(KINGSTON, Stamp::now("bm"), rec, &sneaky, None)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("needs its reasons"), "{e}");
    assert_eq!(log_len(&store).await, before);

    let why = StatusChange::new(
        RecommendationStatus::NotImplemented,
        Some("Could not be staffed"),
        None,
    )
    .unwrap();
    let x = store
        .set_recommendation_status(
            KINGSTON,
            Stamp::now("Chair"),
            rec,
            &why,
            Some("Primary Care Trust"),
        )
        .await
        .unwrap();
    assert_eq!(x.reason.as_deref(), Some("Could not be staffed"));
    assert_eq!(x.to_whom.as_deref(), Some("Primary Care Trust"));
    let entry = store.change_log(KINGSTON).await.unwrap().pop().unwrap();
    assert_eq!(
        (entry.entity.as_str(), entry.op, entry.actor.as_str()),
        ("case_review_recommendation", ChangeOp::Update, "Chair")
    );
    let back = store.case_review(KINGSTON, r.id).await.unwrap();
    assert_eq!(back.recommendations[1], x);
    assert_eq!(store.case_reviews(KINGSTON).await.unwrap(), [back]);

    let e = store
        .add_case_review(
            KINGSTON,
            Stamp::now("bm"),
            &review(CaseReviewKind::RapidReview, "Peter Connelly"),
        )
        .await
        .unwrap_err();
    assert!(
        e.to_string().starts_with("case:") && e.to_string().contains("real name"),
        "{e}"
    );
    let e = store
        .add_case_review(
            KINGSTON,
            Stamp::now("bm"),
            &review(CaseReviewKind::SeriousCaseReview, "Family A"),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
}

#[tokio::test]
async fn engagement_is_kept_newest_first_with_its_priorities() {
    let (store, _g) = imported().await;
    for (d, n) in [("2009-05-20", 14), ("2009-11-03", 52)] {
        let a = Activity {
            held_on: date(d),
            with_whom: "Children in care council".into(),
            how_many: n,
            how: "focus group".into(),
            said: Some("Reviews feel rushed".into()),
            changed: None,
            priorities: vec!["2".into()],
        };
        store
            .add_engagement_activity(KINGSTON, Stamp::now("bm"), &a)
            .await
            .unwrap();
    }
    let all = store.engagement_activities(KINGSTON).await.unwrap();
    let got: Vec<(String, u32)> = all
        .iter()
        .map(|r| (r.activity.held_on.to_string(), r.activity.how_many))
        .collect();
    assert_eq!(
        got,
        [
            ("2009-11-03".to_string(), 52),
            ("2009-05-20".to_string(), 14)
        ]
    );
    assert_eq!(all[0].activity.priorities, ["2"]);
}

#[tokio::test]
async fn partnerships_never_see_each_others_learning() {
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
    let (course, session) = course_with_session(&store).await;
    let r = store
        .add_case_review(
            KINGSTON,
            Stamp::now("bm"),
            &review(CaseReviewKind::RapidReview, "Child C"),
        )
        .await
        .unwrap();
    assert!(matches!(
        store.training_impact(SUTTON, Some(course)).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(matches!(
        store.case_review(SUTTON, r.id).await,
        Err(StoreError::NotFound { .. })
    ));
    assert!(store.case_reviews(SUTTON).await.unwrap().is_empty());
    let s = Session {
        held_on: date("2009-10-14"),
        trainer: "x".into(),
        places: 1,
    };
    assert!(matches!(
        store
            .add_training_session(SUTTON, Stamp::now("t"), course, &s)
            .await,
        Err(StoreError::NotFound { .. })
    ));
    let rows = [score(session, Stage::Before, "r1", 3)];
    let e = store
        .import_training_scores(SUTTON, Stamp::now("t"), &rows)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("no training session"), "{e}");
    let why = StatusChange::new(RecommendationStatus::Implemented, None, None).unwrap();
    let rec = r.recommendations[0].id;
    assert!(matches!(
        store
            .set_recommendation_status(SUTTON, Stamp::now("t"), rec, &why, None)
            .await,
        Err(StoreError::NotFound { .. })
    ));
}

/// Issue #14's benchmark board has 500 training sessions: their impact, with 12 scores a
/// session at each stage, rolls every session's responses up into its course on either back
/// end. How fast is the benchmarks' business, not a timed test's: that the read seeks by key
/// is checked in `store::learning::impact`'s query-plan test.
#[tokio::test]
async fn the_impact_of_five_hundred_sessions_rolls_up_every_response() {
    let (store, _g) = imported().await;
    let (course, first) = course_with_session(&store).await;
    let s = Session {
        held_on: date("2009-10-14"),
        trainer: "LSCB trainer".into(),
        places: 20,
    };
    let mut sessions = vec![first];
    for _ in 1..500 {
        let added = store
            .add_training_session(KINGSTON, Stamp::now("t"), course, &s)
            .await
            .unwrap();
        sessions.push(added.id);
    }
    let mut rows = Vec::new();
    for session in &sessions {
        for stage in Stage::ALL {
            for who in ["r1", "r2", "r3", "r4", "r5", "r6"] {
                for outcome in ["Spot neglect", "Refer"] {
                    rows.push(ImportRow {
                        row: rows.len() + 2,
                        item: Score {
                            session: *session,
                            stage,
                            respondent: who.into(),
                            outcome: outcome.into(),
                            score: 5,
                            comment: None,
                        },
                    });
                }
            }
        }
    }
    store
        .import_training_scores(KINGSTON, Stamp::now("t"), &rows)
        .await
        .unwrap();
    let impact = store.training_impact(KINGSTON, None).await.unwrap();
    assert_eq!(impact[0].course.sessions.len(), 500);
    assert!(impact[0].impact.stages.iter().all(|s| s.responses == 3000));
}
