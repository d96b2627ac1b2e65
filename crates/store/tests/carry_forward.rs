//! Closing a plan and carrying its unfinished actions into the next, with their history and
//! a link to where they came from; and an action's whole story from the change log.

use crate::progress_support::*;
#[allow(dead_code)]
use domain::{Period, PlanStatus, Rag};
use store::{ActionKey, CarryForward, StoreError};

const NEXT: &str = "Improvement Plan 2010-11";

fn next_plan() -> CarryForward {
    CarryForward {
        from: PLAN.into(),
        title: NEXT.into(),
        period: Period::financial_year(2010).unwrap(),
    }
}

#[tokio::test]
async fn carrying_forward_moves_unfinished_actions_and_links_each_to_where_it_came_from() {
    let (store, _guard) = imported().await;
    let mut done = update(Rag::Blue, 100, "Constitution adopted.", "2009-06-01");
    done.evidence = vec![pdf("constitution.pdf")];
    record(&store, "Lead", "2009-06-01", "1.1", done).await;
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
    record(
        &store,
        "Lead",
        "2010-03-01",
        "1.2",
        update(Rag::Amber, 60, "Half the staff trained.", "2010-03-01"),
    )
    .await;

    let result = store
        .carry_forward(KINGSTON, by("BM", "2010-04-01"), &next_plan())
        .await
        .unwrap();
    assert_eq!(result.complete, ["1.1"]);
    assert_eq!(
        result.carried,
        ["1.2", "2.1", "4.1", "4.2", "4.2#2", "4.3", "4.4", "4.5"]
    );

    let p = store.load_partnership(KINGSTON).await.unwrap().unwrap();
    let titles: Vec<_> = p
        .plans
        .iter()
        .map(|pl| (pl.title.as_str(), pl.status))
        .collect();
    assert_eq!(
        titles,
        [
            (PLAN, PlanStatus::Closed),
            ("Business Plan 2010-11", PlanStatus::Draft),
            (NEXT, PlanStatus::Active)
        ]
    );
    let next = &p.plans[2];
    assert_eq!(next.period, Period::financial_year(2010).unwrap());
    assert_eq!(next.action("4.3").unwrap().1.references, ["4.1", "4.2"]);
    assert_eq!(
        next.action("1.2").unwrap().0.leads,
        ["lscb-chair"],
        "the objective comes with it"
    );
    // 4.4 repeated 2.1 word for word in the old plan; 2.1 came too, so the link stays.
    assert_eq!(
        next.action("4.4").unwrap().1.duplicate_of.as_deref(),
        Some("2.1")
    );
    let origins = store.origins(KINGSTON, NEXT).await.unwrap();
    assert!(origins.contains(&("1.2".to_string(), ActionKey::new(PLAN, "1.2"))));
    assert_eq!(origins.len(), 8);

    // As at the day before, the old plan was active and the new one did not exist.
    let before = store
        .load_partnership_as_at(KINGSTON, ts("2010-03-31"))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        before
            .plans
            .iter()
            .map(|pl| pl.title.as_str())
            .collect::<Vec<_>>(),
        [PLAN, "Business Plan 2010-11"]
    );
    assert_eq!(before.plans[0].status, PlanStatus::Active);

    // The closed plan takes no more progress; the new one does.
    let e = store
        .record_update(
            KINGSTON,
            by("Lead", "2010-04-02"),
            &key("1.2"),
            1,
            update(Rag::Green, 70, "More trained.", "2010-04-02"),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("is closed"), "{e}");
    let carried = ActionKey::new(NEXT, "1.2");
    store
        .record_update(
            KINGSTON,
            by("Lead", "2010-04-02"),
            &carried,
            0,
            update(Rag::Green, 70, "More trained.", "2010-04-02"),
        )
        .await
        .unwrap();
    let origin = store.origin(KINGSTON, &carried).await.unwrap().unwrap();
    assert_eq!(origin.action, ActionKey::new(PLAN, "1.2"));

    // Its history reaches back into the old plan.
    let story = store.action_history(KINGSTON, &carried).await.unwrap();
    let kinds: Vec<_> = story
        .iter()
        .map(|h| {
            (
                h.action.plan.as_str(),
                h.change.entity.as_str(),
                h.change.op.as_str(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (PLAN, "action", "create"),
            (PLAN, "update", "create"),
            (PLAN, "action", "create"),
            (NEXT, "action", "create"),
            (NEXT, "carry_forward", "create"),
            (NEXT, "update", "create"),
        ]
    );
    assert!(story.windows(2).all(|w| w[0].change.id < w[1].change.id));
    // Read in full for its page, it is the three reads in one, origin and all.
    let full = store.action_in_full(KINGSTON, &carried).await.unwrap();
    let lines: Vec<store::StoryLine> = story.iter().map(|h| (&h.change).into()).collect();
    assert_eq!(full.history, lines);
    assert_eq!(store.action_story(KINGSTON, &carried).await.unwrap(), lines);
    assert_eq!(
        full.updates,
        store.updates(KINGSTON, &carried).await.unwrap()
    );
    assert_eq!(
        full.state,
        store.action_state(KINGSTON, &carried).await.unwrap()
    );
    assert_eq!(full.state.origin, Some(ActionKey::new(PLAN, "1.2")));
    assert_eq!(full.updates.len(), 1);
    assert_eq!(full.state.latest.as_ref(), full.updates.last());
    let v = store.verify_change_log(KINGSTON).await.unwrap();
    assert_eq!(v.first_bad, None);
}

#[tokio::test]
async fn carrying_forward_into_a_used_title_or_an_earlier_period_is_refused_and_changes_nothing() {
    let (store, _guard) = imported().await;
    let before = snapshot(&store).await;
    let mut taken = next_plan();
    taken.title = "Business Plan 2010-11".into();
    let e = store
        .carry_forward(KINGSTON, by("BM", "2010-04-01"), &taken)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
    let mut earlier = next_plan();
    earlier.period = Period::financial_year(2008).unwrap();
    let e = store
        .carry_forward(KINGSTON, by("BM", "2010-04-01"), &earlier)
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("must end after the old one's (2010-03-31)"),
        "{e}"
    );
    let mut unknown = next_plan();
    unknown.from = "No such plan".into();
    assert!(matches!(
        store
            .carry_forward(KINGSTON, by("BM", "2010-04-01"), &unknown)
            .await,
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(snapshot(&store).await, before);
    assert_eq!(store.plan_versions(KINGSTON, PLAN).await.unwrap().len(), 1);
}

#[tokio::test]
async fn an_actions_history_holds_its_import_edits_updates_sign_off_and_withdrawal_in_order() {
    let (store, _guard) = imported().await;
    let k = key("4.2#2");
    store
        .edit_action(
            KINGSTON,
            by("BM", "2009-05-01"),
            &k,
            0,
            store::ActionEdit {
                text: Some("Review the threshold document with schools".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let mut u = update(Rag::Blue, 100, "Reviewed.", "2009-06-01");
    u.evidence = vec![pdf("review.pdf")];
    store
        .record_update(KINGSTON, by("Lead", "2009-06-01"), &k, 1, u)
        .await
        .unwrap();
    store
        .sign_off(KINGSTON, by("Chair", "2009-06-02"), &k, 2, &chair())
        .await
        .unwrap();
    store
        .withdraw_sign_off(
            KINGSTON,
            by("Chair", "2009-06-03"),
            &k,
            3,
            &chair(),
            "Schools not consulted",
        )
        .await
        .unwrap();
    // Another action's changes are not in this story.
    record(
        &store,
        "Lead",
        "2009-06-04",
        "4.2",
        update(Rag::Red, 0, "Not started.", "2009-06-04"),
    )
    .await;
    let story = store.action_history(KINGSTON, &k).await.unwrap();
    let kinds: Vec<_> = story
        .iter()
        .map(|h| {
            (
                h.change.entity.as_str(),
                h.change.op.as_str(),
                h.change.actor.as_str(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            ("action", "create", "alice"),
            ("action", "update", "BM"),
            ("update", "create", "Lead"),
            ("signoff", "create", "Chair"),
            ("signoff", "update", "Chair"),
        ]
    );
    let full = store.action_in_full(KINGSTON, &k).await.unwrap();
    let lines: Vec<store::StoryLine> = story.iter().map(|h| (&h.change).into()).collect();
    assert_eq!(full.history, lines);
    assert_eq!(store.action_story(KINGSTON, &k).await.unwrap(), lines);
    assert_eq!(full.state, store.action_state(KINGSTON, &k).await.unwrap());
    assert_eq!(full.state.version, 4);
    assert_eq!(full.state.sign_off, None, "the sign-off was withdrawn");
    let latest = full.state.latest.expect("its update rates it");
    assert_eq!(latest.evidence.len(), 1, "with its evidence");
    // An action of the plan no one has written to: nothing but its import.
    let quiet = store.action_in_full(KINGSTON, &key("1.1")).await.unwrap();
    assert!(quiet.updates.is_empty());
    assert_eq!((quiet.state.version, quiet.history.len()), (0, 1));
    // One that is not in the plan is not found, as its state is not.
    let missing = store
        .action_in_full(KINGSTON, &key("99.9"))
        .await
        .unwrap_err();
    assert!(
        matches!(missing, store::StoreError::NotFound { .. }),
        "{missing}"
    );
}
