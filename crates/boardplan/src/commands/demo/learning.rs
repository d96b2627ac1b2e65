//! The demo's learning and accountability: a year of training (three courses, their sessions
//! through 2009-10, attendance by agency and role, evaluations before, after and at
//! follow-up) answering the training needs it records by priority and agency (one with no
//! course yet), two case reviews (a rapid review, and a serious case review with one
//! recommendation not implemented, with its reasons) and engagement activities. All of it is
//! demo data: trainers and the actor are "Demo: …", and case names are pseudonyms.

use anyhow::Result;
use domain::learning::case_reviews::{CaseReviewKind, RecommendationStatus, StatusChange};
use domain::learning::engagement::Activity;
use domain::learning::needs::TrainingNeed;
use domain::learning::training::{Attendance, Course, Score, Session, Stage};
use store::{ImportRow, NewCaseReview, Stamp, Store};

const ACTOR: &str = "Demo: Business Manager";

/// (title, level, objectives, actions, learning outcomes, sessions as (date, places)).
type DemoCourse = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    [&'static str; 2],
    &'static [(&'static str, u32)],
);

const COURSES: [DemoCourse; 3] = [
    (
        "Demo: Working together to safeguard children",
        "2",
        "3",
        "3.1",
        ["Know the referral route", "Share information safely"],
        &[("2009-05-12", 24), ("2009-09-15", 24), ("2010-01-19", 24)],
    ),
    (
        "Demo: Recognising neglect",
        "3",
        "3, 16",
        "3.2",
        ["Recognise the signs of neglect", "Use the neglect toolkit"],
        &[("2009-06-23", 20), ("2009-11-10", 20)],
    ),
    (
        "Demo: Learning from serious case reviews",
        "3",
        "15",
        "15.1",
        ["Apply lessons from reviews", "Challenge across agencies"],
        &[("2009-10-06", 30), ("2010-02-23", 30)],
    ),
];

/// (priority, agency, need, staff): the needs the training plan starts from; priority 4's
/// has no course yet, so the Training page flags it.
const NEEDS: [(&str, &str, &str, u32); 4] = [
    (
        "3",
        "Children's Services",
        "Demo: Multi-agency referral practice for new social workers",
        35,
    ),
    (
        "3",
        "Health",
        "Demo: Information sharing for health visitors and school nurses",
        40,
    ),
    (
        "16",
        "Police",
        "Demo: Recognising neglect on domestic abuse call-outs",
        25,
    ),
    (
        "4",
        "All agencies",
        "Demo: Induction of new board members",
        8,
    ),
];

const ROLES: [(&str, &str); 3] = [
    ("Children's Services", "Social worker"),
    ("Health", "Health visitor"),
    ("Police", "Officer"),
];

fn p(t: &str) -> Vec<String> {
    t.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Write the demo's learning once; a database that has courses already is left alone.
pub async fn ensure(store: &Store, slug: &str) -> Result<()> {
    if !store.training_courses(slug).await?.is_empty() {
        return Ok(());
    }
    let mut attendance = Vec::new();
    let mut scores = Vec::new();
    for (c, (title, level, priorities, actions, outcomes, sessions)) in COURSES.iter().enumerate() {
        let course = Course {
            title: (*title).into(),
            level: (*level).into(),
            priorities: p(priorities),
            actions: p(actions),
        };
        let course = store
            .add_training_course(slug, Stamp::now(ACTOR), &course)
            .await?;
        for (n, (date, places)) in sessions.iter().enumerate() {
            let s = Session {
                held_on: date.parse()?,
                trainer: format!("Demo: Trainer {}", (b'A' + c as u8) as char),
                places: *places,
            };
            let s = store
                .add_training_session(slug, Stamp::now(ACTOR), course.id, &s)
                .await?;
            for (r, (agency, role)) in ROLES.iter().enumerate() {
                attendance.push(ImportRow {
                    row: attendance.len() + 2,
                    item: Attendance {
                        session: s.id,
                        agency: (*agency).into(),
                        role: (*role).into(),
                        count: (*places / 4) + r as u32 + n as u32,
                    },
                });
            }
            // Six respondents a session: confidence rises after the course and mostly holds.
            for who in 0..6_u8 {
                for (o, outcome) in outcomes.iter().enumerate() {
                    let base = 3 + (who + o as u8 + c as u8) % 3;
                    for (stage, score) in [
                        (Stage::Before, base),
                        (Stage::After, base + 4),
                        (Stage::FollowUp, base + 3 - (who % 2)),
                    ] {
                        scores.push(ImportRow {
                            row: scores.len() + 2,
                            item: Score {
                                session: s.id,
                                stage,
                                respondent: format!("R{}", who + 1),
                                outcome: (*outcome).into(),
                                score,
                                comment: (stage == Stage::FollowUp && who == 0)
                                    .then(|| "Demo: using this in supervision".to_string()),
                            },
                        });
                    }
                }
            }
        }
    }
    store
        .import_attendance(slug, Stamp::now(ACTOR), &attendance)
        .await?;
    store
        .import_training_scores(slug, Stamp::now(ACTOR), &scores)
        .await?;
    for (priority, agency, need, staff) in NEEDS {
        let n = TrainingNeed {
            priority: priority.into(),
            agency: agency.into(),
            need: need.into(),
            staff,
        };
        store.add_training_need(slug, Stamp::now(ACTOR), &n).await?;
    }
    reviews(store, slug).await?;
    engagement(store, slug).await
}

async fn reviews(store: &Store, slug: &str) -> Result<()> {
    let rapid = NewCaseReview {
        kind: CaseReviewKind::RapidReview,
        case_name: "Child C".into(),
        notified: "2009-06-01".parse()?,
        decided: Some("2009-06-19".parse()?),
        published: None,
        recommendations: vec![
            ("Demo: Agencies share chronologies within five working days of a strategy discussion".into(), Some("All agencies".into())),
            ("Demo: Health visitors record fathers and other adults in the household".into(), Some("Kingston Hospital NHS Trust".into())),
        ],
    };
    let r = store
        .add_case_review(slug, Stamp::now(ACTOR), &rapid)
        .await?;
    let done = StatusChange::new(
        RecommendationStatus::Implemented,
        None,
        Some("Demo: March 2010 audit found chronologies shared in time in 9 of 10 cases"),
    )?;
    store
        .set_recommendation_status(
            slug,
            Stamp::now(ACTOR),
            r.recommendations[0].id,
            &done,
            None,
        )
        .await?;
    let scr = NewCaseReview {
        kind: CaseReviewKind::SeriousCaseReview,
        case_name: "Family A".into(),
        notified: "2009-04-20".parse()?,
        decided: Some("2009-05-06".parse()?),
        published: Some("2009-12-02".parse()?),
        recommendations: vec![
            (
                "Demo: Review the threshold document with all agencies".into(),
                Some("LSCB Policy and Procedures sub-group".into()),
            ),
            (
                "Demo: Commission a dedicated out-of-hours health visiting service".into(),
                Some("Primary Care Trust".into()),
            ),
            (
                "Demo: Train GPs in recognising neglect".into(),
                Some("Primary Care Trust".into()),
            ),
        ],
    };
    let r = store.add_case_review(slug, Stamp::now(ACTOR), &scr).await?;
    let not_done = StatusChange::new(
        RecommendationStatus::NotImplemented,
        Some(
            "Demo: The Primary Care Trust found the service could not be staffed; out-of-hours cover is given by the duty social work team's health liaison instead, reviewed by the board in March 2010",
        ),
        None,
    )?;
    store
        .set_recommendation_status(
            slug,
            Stamp::now(ACTOR),
            r.recommendations[1].id,
            &not_done,
            None,
        )
        .await?;
    let done = StatusChange::new(
        RecommendationStatus::Implemented,
        None,
        Some("Demo: 38 GPs trained; follow-up scores held at 7 of 10"),
    )?;
    store
        .set_recommendation_status(
            slug,
            Stamp::now(ACTOR),
            r.recommendations[2].id,
            &done,
            None,
        )
        .await?;
    Ok(())
}

async fn engagement(store: &Store, slug: &str) -> Result<()> {
    let activities = [
        (
            "2009-05-20",
            "Demo: Children in care council",
            14,
            "focus group",
            "Reviews feel rushed and adults talk over us",
            "Review meetings booked for an hour, young person speaks first",
        ),
        (
            "2009-08-11",
            "Demo: Parents at two children's centres",
            36,
            "survey",
            "Unclear who to call with a worry about a child",
            "One number for the front door printed on every leaflet",
        ),
        (
            "2009-11-03",
            "Demo: Practitioners' forum",
            52,
            "consultation event",
            "Threshold document hard to apply at night",
            "Threshold document rewritten with examples",
        ),
        (
            "2010-02-16",
            "Demo: Young people's safeguarding panel",
            9,
            "workshop",
            "E-safety lessons come too late",
            "E-safety sessions moved to Year 6",
        ),
    ];
    for (date, with_whom, how_many, how, said, changed) in activities {
        let a = Activity {
            held_on: date.parse()?,
            with_whom: with_whom.into(),
            how_many,
            how: how.into(),
            said: Some(said.into()),
            changed: Some(changed.into()),
            priorities: vec!["6".into()],
        };
        store
            .add_engagement_activity(slug, Stamp::now(ACTOR), &a)
            .await?;
    }
    Ok(())
}
