//! A later version of a plan document (issue 11, item 8): matched by action number, its
//! progress becomes updates (only where it says something new), its new dates re-timings and
//! its new words re-wordings (revisions, in the change log), its new actions are added in a
//! new version of the plan, and the actions it no longer has are reported and kept. The
//! comparison alone writes nothing; the same document again changes nothing.

use crate::common::kingston;
use crate::progress_support::*;
use domain::{Objective, Partnership, Period, Rag, Timescale};
use store::{ActionKey, DocumentProgress, LaterVersion, Source};

/// The sample plan as its board would write it a year on: 1.2 re-timed, 4.1 re-worded, 4.5
/// gone, 4.6 and objective 5 new.
fn version_two() -> Partnership {
    let fy = Period::financial_year(2009);
    let mut p = kingston();
    p.plans.truncate(1);
    let plan = &mut p.plans[0];
    for o in &mut plan.objectives {
        for a in &mut o.actions {
            match a.id.as_str() {
                "1.2" => a.timescale = Some(Timescale::parse("December 2009", fy)),
                "4.1" => a.text = "Publish the revised threshold document".into(),
                _ => {}
            }
        }
        if o.number == "4" {
            o.actions.retain(|a| a.id != "4.5");
            o.actions
                .push(crate::common::action("4.6", "Evaluate the thresholds"));
        }
    }
    plan.objectives.push(Objective {
        number: "5".into(),
        title: "Engagement".into(),
        sources: vec![],
        timescale: Some(Timescale::parse("March 2010", fy)),
        leads: vec!["business-manager".into()],
        actions: vec![crate::common::action("5.1", "Hear from families")],
    });
    p
}

fn progress() -> Vec<DocumentProgress> {
    vec![
        DocumentProgress {
            action: "2.1".into(),
            rag: Rag::Amber,
            narrative: "Imported from v2.docx: KPIs drafted".into(),
        },
        DocumentProgress {
            action: "5.1".into(),
            rag: Rag::Green,
            narrative: "Imported from v2.docx: first forum held".into(),
        },
    ]
}

#[tokio::test]
async fn a_later_version_records_updates_retimings_rewordings_and_new_actions_and_keeps_removed_ones()
 {
    let (store, _guard) = imported().await;
    let doc = version_two();
    let progress = progress();
    let source = Source {
        name: "v2.docx".into(),
        sha256: "bbbb".into(),
    };
    let lv = LaterVersion {
        plan: PLAN,
        document: &doc,
        source: &source,
        progress: &progress,
        as_of: date("2009-10-31"),
    };

    // The dry run says what would change and writes nothing.
    let before = snapshot(&store).await;
    let seen = store.compare_later_version(KINGSTON, &lv).await.unwrap();
    assert_eq!(snapshot(&store).await, before);
    assert_eq!(store.plan_versions(KINGSTON, PLAN).await.unwrap().len(), 1);

    let done = store
        .record_later_version(KINGSTON, by("BM", "2009-11-02"), &lv)
        .await
        .unwrap();
    assert_eq!(done.version, Some(2));
    assert_eq!(
        seen,
        store::PlanChanges {
            version: None,
            ..done.clone()
        },
        "the dry run showed what was then written"
    );
    assert_eq!(done.matched, 8);
    let ids = |v: Vec<&str>| v.into_iter().map(String::from).collect::<Vec<_>>();
    assert_eq!(
        done.updates
            .iter()
            .map(|u| u.action.as_str())
            .collect::<Vec<_>>(),
        ["2.1", "5.1"]
    );
    assert_eq!(done.retimed.len(), 1);
    assert_eq!(done.retimed[0].action, "1.2");
    assert_eq!(
        done.retimed[0].from.as_deref(),
        Some("Training Plan 2010-11")
    );
    assert_eq!(done.retimed[0].due, Some(date("2009-12-31")));
    assert_eq!(done.reworded, ids(vec!["4.1"]));
    assert_eq!(
        done.added
            .iter()
            .map(|a| a.action.as_str())
            .collect::<Vec<_>>(),
        ["4.6", "5.1"]
    );
    assert_eq!(done.added_objectives, ids(vec!["5"]));
    assert_eq!(done.removed.len(), 1);
    assert_eq!(done.removed[0].action, "4.5");

    let p = store.load_partnership(KINGSTON).await.unwrap().unwrap();
    let plan = p.plans.iter().find(|pl| pl.title == PLAN).unwrap();
    let order: Vec<&str> = plan.actions().map(|(_, a)| a.id.as_str()).collect();
    assert_eq!(
        order,
        [
            "1.1", "1.2", "2.1", "4.1", "4.2", "4.2#2", "4.3", "4.4", "4.6", "4.5", "5.1"
        ],
        "added after what comes before it in the document; the removed 4.5 is kept"
    );
    assert_eq!(
        plan.action("4.1").unwrap().1.text,
        "Publish the revised threshold document"
    );

    let status = store
        .status_view(KINGSTON, Some(PLAN), date("2009-11-02"))
        .await
        .unwrap();
    let of = |id: &str| status.actions.iter().find(|s| s.action == id).unwrap();
    assert_eq!(of("1.2").due, Some(date("2009-12-31")));
    assert_eq!(of("2.1").rag, Some(Rag::Amber));
    assert_eq!(of("2.1").last_update, Some(date("2009-10-31")));
    assert_eq!(of("5.1").rag, Some(Rag::Green));

    // The re-timing is a revision in the action's history, as an edit is.
    let story = store.action_history(KINGSTON, &key("1.2")).await.unwrap();
    assert!(
        story.iter().any(|h| h.change.entity == "action"
            && h.change.op.as_str() == "update"
            && h.change
                .after
                .as_deref()
                .unwrap_or("")
                .contains("December 2009")),
        "{story:?}"
    );
    let state = store
        .action_state(KINGSTON, &ActionKey::new(PLAN, "1.2"))
        .await
        .unwrap();
    assert_eq!(state.version, 1);
    assert_eq!(
        store.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );

    // The same document again says nothing new: nothing is written.
    let log = store.change_log(KINGSTON).await.unwrap().len();
    let again = store
        .record_later_version(KINGSTON, by("BM", "2009-11-03"), &lv)
        .await
        .unwrap();
    assert!(again.is_empty(), "{again:?}");
    assert_eq!(store.change_log(KINGSTON).await.unwrap().len(), log);
}

#[tokio::test]
async fn a_later_version_of_a_plan_not_stored_or_closed_is_refused_and_changes_nothing() {
    let (store, _guard) = imported().await;
    let doc = version_two();
    let source = Source {
        name: "v2.docx".into(),
        sha256: "bbbb".into(),
    };
    let before = snapshot(&store).await;
    let lv = LaterVersion {
        plan: "No such plan",
        document: &doc,
        source: &source,
        progress: &[],
        as_of: date("2009-10-31"),
    };
    let e = store
        .record_later_version(KINGSTON, by("BM", "2009-11-02"), &lv)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("\"No such plan\""), "{e}");
    // A date its progress speaks for after the day it is recorded is refused whole.
    let progress = progress();
    let lv = LaterVersion {
        plan: PLAN,
        progress: &progress,
        as_of: date("2009-12-31"),
        ..lv
    };
    assert!(
        store
            .record_later_version(KINGSTON, by("BM", "2009-11-02"), &lv)
            .await
            .is_err()
    );
    assert_eq!(snapshot(&store).await, before);
    assert_eq!(store.plan_versions(KINGSTON, PLAN).await.unwrap().len(), 1);
}
