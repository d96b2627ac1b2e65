//! A board that starts mid-year (issue 11, item 9): its plan imported in December, what
//! happened in July recorded then with the day it speaks for. As of a July day the plan and
//! that update are there; as recorded by the July day nothing was, and a board paper read so
//! stays what it was however much is recorded later.

use crate::progress_support::*;
use domain::{Moment, Rag};
use store::{CarryForward, StoreError};

fn rag(all: &[domain::ActionStatus], id: &str) -> Option<Rag> {
    all.iter().find(|s| s.action == id).unwrap().rag
}

#[tokio::test]
async fn a_plan_imported_mid_year_has_a_past_as_of_its_days_and_none_as_recorded() {
    let (store, _guard) = imported_at("2009-12-01T09:00:00Z").await;
    let july = record(
        &store,
        "Lead",
        "2009-12-02",
        "1.1",
        update(
            Rag::Amber,
            40,
            "July: draft constitution out.",
            "2009-07-01",
        ),
    )
    .await;

    let as_of = store.status(KINGSTON, date("2009-07-15")).await.unwrap();
    assert_eq!(rag(&as_of, "1.1"), Some(Rag::Amber));
    assert_eq!(
        rag(
            &store.status(KINGSTON, date("2009-06-30")).await.unwrap(),
            "1.1"
        ),
        None,
        "the update speaks for 1 July"
    );
    let e = store
        .status(KINGSTON, Moment::as_recorded(date("2009-07-15")))
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound { .. }), "{e:?}");
    assert!(e.to_string().contains("recorded by 2009-07-15"), "{e}");
    assert!(e.to_string().contains("as at 2009-07-15"), "{e}");
    let recorded = store
        .status(KINGSTON, Moment::as_recorded(date("2009-12-05")))
        .await
        .unwrap();
    assert_eq!(rag(&recorded, "1.1"), Some(Rag::Amber));

    // A correction recorded later applies as of July, not as recorded before it.
    let mut fix = update(Rag::Red, 10, "July: stalled, in fact.", "2009-07-01");
    fix.corrects = Some(july);
    record(&store, "Lead", "2009-12-10", "1.1", fix).await;
    let july_now = store.status(KINGSTON, date("2009-07-15")).await.unwrap();
    assert_eq!(rag(&july_now, "1.1"), Some(Rag::Red));
    let before_fix = Moment::as_recorded(date("2009-12-05"));
    assert_eq!(
        rag(&store.status(KINGSTON, before_fix).await.unwrap(), "1.1"),
        Some(Rag::Amber)
    );
    let one = store
        .action_statuses(KINGSTON, &["1.1".to_string()], date("2009-07-15"))
        .await
        .unwrap();
    assert_eq!(
        one.actions[0].rag,
        Some(Rag::Red),
        "one action as the whole plan"
    );

    // Reports read the same way.
    let now = ts("2009-12-20T09:00:00Z");
    let report = store
        .report_input(KINGSTON, None, date("2009-07-15"), false, now)
        .await
        .unwrap()
        .expect("the plan as of July");
    assert!(!report.as_recorded);
    assert_eq!(
        report.updates.len(),
        2,
        "both, the correction applied by the report"
    );
    let none = store
        .report_input(
            KINGSTON,
            None,
            Moment::as_recorded(date("2009-07-15")),
            false,
            now,
        )
        .await
        .unwrap();
    assert!(none.is_none(), "nothing had been recorded by July");
}

#[tokio::test]
async fn a_board_paper_as_recorded_keeps_its_figures_and_anchor_as_more_is_recorded() {
    let (store, _guard) = imported().await;
    record(
        &store,
        "Lead",
        "2009-09-10",
        "1.1",
        update(Rag::Green, 50, "On track.", "2009-09-10"),
    )
    .await;
    let meeting = Moment::as_recorded(date("2009-09-16"));
    let now = ts("2009-09-16T18:00:00Z");
    let paper = async || {
        store
            .report_input(KINGSTON, Some(PLAN), meeting, false, now)
            .await
            .unwrap()
            .unwrap()
    };
    let before = paper().await;
    assert!(before.as_recorded);
    // Recorded after the meeting: a back-dated update and a correction-free later one.
    record(
        &store,
        "Lead",
        "2009-10-01",
        "1.2",
        update(Rag::Red, 0, "Not started, as of August.", "2009-08-31"),
    )
    .await;
    let after = paper().await;
    assert_eq!(after.updates, before.updates);
    assert_eq!(
        after.change_log, before.change_log,
        "the anchor of that day"
    );
    let head = store.change_log_head(KINGSTON).await.unwrap().unwrap();
    assert_ne!(after.change_log.as_ref().unwrap().entry, head.id);
    // As of the day, the back-dated update counts, with today's anchor.
    let as_of = store
        .report_input(KINGSTON, Some(PLAN), date("2009-09-16"), false, now)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(as_of.updates.len(), before.updates.len() + 1);
    assert_eq!(as_of.change_log.as_ref().unwrap().entry, head.id);
}

#[tokio::test]
async fn as_of_a_day_the_plan_is_the_one_whose_period_holds_it() {
    let (store, _guard) = imported().await;
    store
        .carry_forward(
            KINGSTON,
            by("BM", "2010-04-01"),
            &CarryForward {
                from: PLAN.into(),
                title: "Improvement Plan 2010-11".into(),
                period: domain::Period::financial_year(2010).unwrap(),
            },
        )
        .await
        .unwrap();
    let july = store
        .status_view(KINGSTON, None, date("2009-07-15"))
        .await
        .unwrap();
    assert_eq!(july.plan.title, PLAN, "the 2009-10 plan holds July 2009");
    let next = store
        .status_view(KINGSTON, None, date("2010-07-15"))
        .await
        .unwrap();
    assert_eq!(next.plan.title, "Improvement Plan 2010-11");
    let p = store
        .report_input(KINGSTON, None, date("2009-07-15"), false, ts("2010-05-01"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.plan().title, PLAN);
}

#[tokio::test]
async fn a_few_actions_assessed_alone_agree_with_the_whole_plan_at_every_moment() {
    let (store, _guard) = imported_at("2009-04-01T09:00:00Z").await;
    // What a view cached now would have been read at.
    let imported = store.log_head(KINGSTON).await.unwrap().unwrap();
    // 2.1 recurs yearly: complete in May, then slipping; 1.1 complete and signed off; 4.2
    // rated, then corrected.
    let steps = [
        ("2009-05-10", "2.1", Rag::Blue, 100),
        ("2009-06-01", "1.1", Rag::Blue, 100),
        ("2009-06-10", "2.1", Rag::Amber, 30),
        ("2009-07-01", "4.2", Rag::Green, 50),
    ];
    for (at, action, r, percent) in steps {
        let mut u = update(r, percent, "Noted.", at);
        if action == "1.1" {
            u.evidence = vec![pdf("minutes.pdf")];
        }
        record(&store, "Lead", at, action, u).await;
        if action == "1.1" {
            store
                .sign_off(
                    KINGSTON,
                    by("Chair", "2009-06-02"),
                    &key("1.1"),
                    1,
                    &chair(),
                )
                .await
                .unwrap();
        }
    }
    let green = store.action_state(KINGSTON, &key("4.2")).await.unwrap();
    let mut fix = update(Rag::Red, 10, "Stalled, in fact.", "2009-07-01");
    fix.corrects = green.latest.map(|u| u.id);
    record(&store, "Lead", "2009-08-01", "4.2", fix).await;

    let uids: Vec<String> = ["1.1", "2.1", "4.2", "4.3"].map(String::from).into();
    let moments = [
        Moment::as_of(date("2009-05-31")),
        Moment::as_of(date("2009-07-15")),
        Moment::as_of(date("2010-03-31")),
        Moment::as_recorded(date("2009-07-15")),
        Moment::as_recorded(date("2009-09-30")),
    ];
    for moment in moments {
        let view = store.status_view(KINGSTON, None, moment).await.unwrap();
        let whole: Vec<domain::ActionStatus> = view
            .actions
            .iter()
            .filter(|s| uids.contains(&s.action))
            .map(|s| domain::ActionStatus {
                at_risk: false,
                ..s.clone()
            })
            .collect();
        assert_eq!(whole.len(), uids.len());
        let alone = store
            .action_statuses(KINGSTON, &uids, moment)
            .await
            .unwrap();
        assert_eq!(alone.actions, whole, "read alone, at {moment:?}");
        // And brought up to date from what a view read at that moment before the writes
        // already holds: only the actions written to, with their versions now.
        let board = store
            .load_partnership_at(KINGSTON, moment)
            .await
            .unwrap()
            .unwrap();
        let known = store::Known {
            plan: &view.plan,
            meetings: &board.meetings,
            rules: view.rules,
            places: None,
        };
        let progress = store
            .progress_since(KINGSTON, imported, 32, known, moment)
            .await
            .unwrap()
            .expect("only progress since the import");
        let written: Vec<_> = whole
            .iter()
            .filter(|s| s.action != "4.3")
            .cloned()
            .collect();
        assert_eq!(
            progress.statuses, written,
            "from a view's own, at {moment:?}"
        );
        for (uid, version) in &progress.versions {
            let now = store.action_state(KINGSTON, &key(uid)).await.unwrap();
            assert_eq!(*version, now.version, "{uid}'s version");
        }
        assert_eq!(progress.versions.len(), 3);
        // Found by an index of the plan, as a view keeps one, the same.
        let places = places_in(&view.plan);
        let indexed = store::Known {
            places: Some(&places),
            ..known
        };
        let by_index = store
            .progress_since(KINGSTON, imported, 32, indexed, moment)
            .await
            .unwrap();
        assert_eq!(
            by_index.as_ref(),
            Some(&progress),
            "by the index, at {moment:?}"
        );
        assert_eq!(
            Some(progress.head),
            store.log_head(KINGSTON).await.unwrap(),
            "the newest entry read is the log's head"
        );
        // From the head itself: nothing to bring up to date, and the head stays.
        let none = store
            .progress_since(KINGSTON, progress.head, 32, known, moment)
            .await
            .unwrap()
            .expect("nothing since");
        assert_eq!((none.statuses.len(), none.head), (0, progress.head));
        // Across more entries than asked for, the view is read afresh instead.
        let too_many = store
            .progress_since(KINGSTON, imported, 2, known, moment)
            .await
            .unwrap();
        assert_eq!(too_many, None);
    }
    // The moments differ where they should: 2.1's occurrence met in May, 1.1 signed off.
    let july = store
        .action_statuses(KINGSTON, &uids, date("2009-07-15"))
        .await
        .unwrap();
    let of = |id: &str| {
        july.actions
            .iter()
            .find(|s| s.action == id)
            .unwrap()
            .clone()
    };
    assert_eq!(of("1.1").completion, domain::Completion::SignedOff);
    assert_eq!(of("4.2").rag, Some(Rag::Red), "the correction applies");
    assert_eq!(of("2.1").rag, Some(Rag::Amber));
    assert!(
        of("2.1").occurrences.iter().any(|o| o.met),
        "May's completion counts"
    );
}

/// Where each action of `plan` sits, by id, as a view's index keeps it.
fn places_in(plan: &domain::Plan) -> std::collections::HashMap<String, (usize, usize)> {
    let mut places = std::collections::HashMap::new();
    for (i, o) in plan.objectives.iter().enumerate() {
        for (j, a) in o.actions.iter().enumerate() {
            places.entry(a.id.clone()).or_insert((i, j));
        }
    }
    places
}
