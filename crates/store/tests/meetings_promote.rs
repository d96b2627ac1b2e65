//! Promoting a meeting action into the plan (issue #12, item 4), on SQLite and, with
//! `TEST_DATABASE_URL`, PostgreSQL: the action becomes the next action of the objective
//! chosen, with its lead and due date, in a new version of the plan (the plan as at an
//! earlier moment still reads as it did); the meeting action says which plan action it
//! became and is no longer carried; a bad request names the field and writes nothing.

use domain::{Meeting, MeetingKind};
use store::{ChangeOp, Promotion, Store, StoreError};

use crate::progress_support::{KINGSTON, PLAN, by, date, imported, ts};

async fn board_meeting(store: &Store, d: &str) -> i64 {
    let m = Meeting {
        date: date(d),
        kind: MeetingKind::Board,
        subgroup: None,
    };
    store
        .add_meeting_with(KINGSTON, by("bm", "2009-04-03"), &m, None, None)
        .await
        .unwrap()
}

/// Into the improvement plan (the sample also holds the next year's business plan, the
/// latest, which is where an action goes when no plan is named).
fn promotion(objective: &str, lead: &str, due: &str) -> Promotion {
    Promotion {
        plan: Some(PLAN.into()),
        objective: objective.into(),
        lead: lead.into(),
        due: date(due),
    }
}

async fn actions_of_4(store: &Store, at: &str) -> Vec<(String, String)> {
    let p = store
        .load_partnership_as_at(KINGSTON, ts(at))
        .await
        .unwrap()
        .unwrap();
    let plan = p.plans.iter().find(|p| p.title == PLAN).unwrap();
    let o = plan.objectives.iter().find(|o| o.number == "4").unwrap();
    o.actions
        .iter()
        .map(|a| (a.id.clone(), a.text.clone()))
        .collect()
}

#[tokio::test]
async fn a_meeting_action_becomes_the_next_action_of_its_objective_and_says_so() {
    let (store, _g) = imported().await;
    // The next number after objective 4's highest ("4.2#2" counts as 4.2).
    let last = actions_of_4(&store, "2009-06-01")
        .await
        .iter()
        .filter_map(|(id, _)| {
            id.split('#')
                .next()?
                .strip_prefix("4.")?
                .parse::<u32>()
                .ok()
        })
        .max()
        .unwrap();
    let next = format!("4.{}", last + 1);
    let june = board_meeting(&store, "2009-06-17").await;
    // The sample's own board meeting on 14 September is the next after June's.
    let september = store
        .find_meeting(KINGSTON, date("2009-09-14"), None)
        .await
        .unwrap();
    let december = board_meeting(&store, "2009-12-09").await;
    let a = store
        .add_meeting_action(
            KINGSTON,
            by("bm", "2009-06-18"),
            june,
            "Agree a protocol for members' induction",
            "Business manager",
            Some(date("2009-07-31")),
        )
        .await
        .unwrap();
    let promoted = store
        .promote_meeting_action(
            KINGSTON,
            by("bm", "2009-06-20"),
            a,
            &promotion("4", "lscb-chair", "2009-11-30"),
        )
        .await
        .unwrap();
    assert_eq!(
        (
            promoted.plan.as_str(),
            promoted.action.as_str(),
            promoted.version
        ),
        (PLAN, next.as_str(), 2)
    );

    let now = store.load_partnership(KINGSTON).await.unwrap().unwrap();
    let plan = now.plans.iter().find(|p| p.title == PLAN).unwrap();
    let (_, action) = plan.action(&next).unwrap();
    assert_eq!(action.text, "Agree a protocol for members' induction");
    assert_eq!(action.leads, ["lscb-chair"]);
    assert_eq!(
        action.timescale.as_ref().and_then(|t| t.due),
        Some(date("2009-11-30"))
    );
    let before = store
        .load_partnership_as_at(KINGSTON, ts("2009-06-19"))
        .await
        .unwrap()
        .unwrap();
    let count = |p: &domain::Partnership| {
        p.plans
            .iter()
            .find(|p| p.title == PLAN)
            .unwrap()
            .actions()
            .count()
    };
    assert_eq!(count(&now), count(&before) + 1, "one action more");
    assert!(
        !actions_of_4(&store, "2009-06-19")
            .await
            .iter()
            .any(|(id, _)| *id == next),
        "the plan as at the day before reads as it did"
    );

    let log_at = |id: i64| {
        let store = &store;
        async move { store.meeting(KINGSTON, id).await.unwrap().action_log }
    };
    let raised = log_at(june).await;
    let to = raised[0].promoted_to.as_ref().unwrap();
    assert_eq!(
        (to.plan.as_str(), to.action.as_str(), to.on),
        (PLAN, next.as_str(), date("2009-06-20"))
    );
    assert_eq!(raised[0].done, None, "promoted is not done");
    assert_eq!(
        log_at(september).await.len(),
        1,
        "reported as promoted at the next meeting"
    );
    assert!(
        log_at(december).await.is_empty(),
        "and followed in the plan after it"
    );

    let log = store.change_log(KINGSTON).await.unwrap();
    let entry = log
        .iter()
        .find(|c| c.entity == "meeting action" && c.op == ChangeOp::Update)
        .unwrap();
    assert_eq!(entry.actor, "bm");
    assert_eq!(entry.entity_key, format!("2009-06-17 board #{a}"));
    assert!(
        log.iter()
            .any(|c| c.entity == "plan" && c.entity_key == format!("{PLAN} v2")),
        "the plan's new version is in the same log"
    );

    let again = store
        .promote_meeting_action(
            KINGSTON,
            by("bm", "2009-06-21"),
            a,
            &promotion("4", "lscb-chair", "2009-11-30"),
        )
        .await
        .unwrap_err();
    assert!(matches!(again, StoreError::Conflict { .. }), "{again}");
    assert!(again.to_string().contains(&next), "{again}");
}

#[tokio::test]
async fn a_bad_promotion_names_the_field_and_writes_nothing() {
    let (store, _g) = imported().await;
    let june = board_meeting(&store, "2009-06-17").await;
    let a = store
        .add_meeting_action(
            KINGSTON,
            by("bm", "2009-06-18"),
            june,
            "Write the escalation protocol",
            "Chair",
            None,
        )
        .await
        .unwrap();
    let before = store.change_log(KINGSTON).await.unwrap().len();
    for (p, problem) in [
        (promotion("99", "lscb-chair", "2009-11-30"), "objective:"),
        (promotion("4", "Head of Nothing", "2009-11-30"), "lead:"),
        (promotion("4", "lscb-chair", "2009-06-01"), "due:"),
    ] {
        let err = store
            .promote_meeting_action(KINGSTON, by("bm", "2009-06-20"), a, &p)
            .await
            .unwrap_err();
        assert!(err.to_string().starts_with(problem), "{err}");
    }
    let missing = store
        .promote_meeting_action(
            KINGSTON,
            by("bm", "2009-06-20"),
            a + 1000,
            &promotion("4", "lscb-chair", "2009-11-30"),
        )
        .await
        .unwrap_err();
    assert!(matches!(missing, StoreError::NotFound { .. }), "{missing}");
    assert_eq!(store.change_log(KINGSTON).await.unwrap().len(), before);
    assert_eq!(store.plan_versions(KINGSTON, PLAN).await.unwrap().len(), 1);
    assert!(
        store.meeting(KINGSTON, june).await.unwrap().action_log[0]
            .promoted_to
            .is_none()
    );

    store
        .complete_meeting_action(KINGSTON, by("bm", "2009-06-22"), a, date("2009-06-22"))
        .await
        .unwrap();
    let done = store
        .promote_meeting_action(
            KINGSTON,
            by("bm", "2009-06-23"),
            a,
            &promotion("4", "lscb-chair", "2009-11-30"),
        )
        .await
        .unwrap_err();
    assert!(done.to_string().contains("only an open action"), "{done}");
}
