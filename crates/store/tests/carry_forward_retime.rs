//! Carrying forward re-times (issue 11, item 10): each carried action takes the timescale
//! given for all, for its objective or for itself, or is "to be re-timed" (no due date, so
//! not overdue on the new plan's first day) until an edit re-times it. Timescales for what is
//! not carried are refused and change nothing.

use crate::progress_support::*;
use domain::{Period, Rag, Timescale};
use store::{
    ActionEdit, ActionKey, CarryForward, GivenTimescale, Retiming, StatusView, StoreError,
};

const NEXT: &str = "Improvement Plan 2010-11";

fn next_plan() -> CarryForward {
    CarryForward {
        from: PLAN.into(),
        title: NEXT.into(),
        period: Period::financial_year(2010).unwrap(),
    }
}

fn given(label: &str, place: &str) -> GivenTimescale {
    GivenTimescale {
        timescale: Timescale::parse(label, Period::financial_year(2010)),
        given: place.into(),
    }
}

async fn status_on(store: &store::Store, day: &str) -> StatusView {
    store
        .status_view(KINGSTON, Some(NEXT), date(day))
        .await
        .unwrap()
}

fn of<'a>(v: &'a StatusView, id: &str) -> &'a domain::ActionStatus {
    v.actions.iter().find(|s| s.action == id).unwrap()
}

#[tokio::test]
async fn carried_without_a_timescale_each_action_is_to_be_retimed_until_an_edit_gives_it_a_date() {
    let (store, _guard) = imported().await;
    let done = store
        .carry_forward(KINGSTON, by("BM", "2010-04-01"), &next_plan())
        .await
        .unwrap();
    assert!(done.retimed.is_empty());
    assert_eq!(done.to_be_retimed, done.carried);
    assert_eq!(done.to_be_retimed.len(), 9);

    let first_day = status_on(&store, "2010-04-01").await;
    assert!(
        first_day
            .actions
            .iter()
            .all(|s| s.to_be_retimed && !s.overdue && s.due.is_none())
    );
    let (_, a) = first_day.plan.action("1.2").unwrap();
    assert_eq!(
        a.timescale.as_ref().unwrap().label,
        "To be re-timed (was Training Plan 2010-11)"
    );
    // The old plan keeps its dates.
    let old = store
        .status_view(KINGSTON, Some(PLAN), date("2010-04-01"))
        .await
        .unwrap();
    assert!(old.actions.iter().all(|s| !s.to_be_retimed));

    // Re-timing is an edit of the timescale, as always: the flag goes, the date counts.
    let k = ActionKey::new(NEXT, "1.2");
    store
        .edit_action(
            KINGSTON,
            by("BM", "2010-04-02"),
            &k,
            0,
            ActionEdit {
                timescale: Some(Some(Timescale::parse(
                    "June 2010",
                    Period::financial_year(2010),
                ))),
                ..ActionEdit::default()
            },
        )
        .await
        .unwrap();
    let later = status_on(&store, "2010-07-01").await;
    let s = of(&later, "1.2");
    assert!(!s.to_be_retimed);
    assert_eq!(s.due, Some(date("2010-06-30")));
    assert!(s.overdue);
    assert!(of(&later, "4.1").to_be_retimed);
    let story = store.action_history(KINGSTON, &k).await.unwrap();
    let last = &story.last().unwrap().change;
    assert_eq!(
        (last.entity.as_str(), last.op.as_str()),
        ("action", "update")
    );
    let carried = story
        .iter()
        .find(|h| h.change.entity == "carry_forward")
        .unwrap();
    let after: serde_json::Value =
        serde_json::from_str(carried.change.after.as_deref().unwrap()).unwrap();
    assert_eq!(
        after["timescale"]["label"], "To be re-timed (was Training Plan 2010-11)",
        "the carry-forward's entry names the timescale it gave"
    );
    assert_eq!(
        store.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );
}

#[tokio::test]
async fn a_timescale_per_action_wins_over_one_per_objective_which_wins_over_one_for_all() {
    let (store, _guard) = imported().await;
    let retime = Retiming {
        all: Some(given("September 2010", "--due")),
        objectives: vec![(
            "4".into(),
            given("2011-03-31", "--due-objective 4=2011-03-31"),
        )],
        actions: vec![
            ("4.2#2".into(), given("December 2010", "dates.csv row 2")),
            ("1.2".into(), given("Quarterly", "dates.csv row 3")),
        ],
    };
    let done = store
        .carry_forward_retimed(KINGSTON, by("BM", "2010-04-01"), &next_plan(), &retime)
        .await
        .unwrap();
    assert!(done.to_be_retimed.is_empty());
    let given_for = |id: &str| {
        let r = done.retimed.iter().find(|r| r.action == id).unwrap();
        (r.timescale.as_str(), r.due, r.given.as_str())
    };
    assert_eq!(
        given_for("2.1"),
        ("September 2010", Some(date("2010-09-30")), "--due")
    );
    assert_eq!(
        given_for("4.1"),
        (
            "2011-03-31",
            Some(date("2011-03-31")),
            "--due-objective 4=2011-03-31"
        )
    );
    assert_eq!(
        given_for("4.2#2"),
        ("December 2010", Some(date("2010-12-31")), "dates.csv row 2")
    );
    assert_eq!(given_for("1.2").2, "dates.csv row 3");

    let v = status_on(&store, "2010-04-01").await;
    assert!(v.actions.iter().all(|s| !s.to_be_retimed && !s.overdue));
    assert_eq!(of(&v, "2.1").due, Some(date("2010-09-30")));
    assert_eq!(of(&v, "4.3").due, Some(date("2011-03-31")));
    assert_eq!(of(&v, "4.2#2").due, Some(date("2010-12-31")));
    let (o, _) = v.plan.action("4.3").unwrap();
    assert_eq!(o.timescale.as_ref().unwrap().label, "2011-03-31");
}

#[tokio::test]
async fn actions_given_no_timescale_beside_others_that_are_given_one_are_to_be_retimed() {
    let (store, _guard) = imported().await;
    let retime = Retiming {
        objectives: vec![(
            "1".into(),
            given("March 2011", "--due-objective 1=March 2011"),
        )],
        ..Retiming::default()
    };
    let done = store
        .carry_forward_retimed(KINGSTON, by("BM", "2010-04-01"), &next_plan(), &retime)
        .await
        .unwrap();
    assert_eq!(
        done.retimed
            .iter()
            .map(|r| r.action.as_str())
            .collect::<Vec<_>>(),
        ["1.1", "1.2"]
    );
    assert_eq!(done.to_be_retimed.len(), 7);
    assert!(!done.to_be_retimed.contains(&"1.2".to_string()));
    let v = status_on(&store, "2010-04-01").await;
    assert!(of(&v, "4.4").to_be_retimed);
    assert!(!of(&v, "1.1").to_be_retimed);
}

#[tokio::test]
async fn timescales_for_what_is_not_carried_or_before_the_new_plan_are_refused_and_change_nothing()
{
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
    let before = snapshot(&store).await;
    let cases: Vec<(Retiming, &str)> = vec![
        (
            Retiming {
                objectives: vec![(
                    "9".into(),
                    given("2011-03-31", "--due-objective 9=2011-03-31"),
                )],
                ..Retiming::default()
            },
            "--due-objective 9=2011-03-31: the plan \"Improvement Plan 2009-10\" has no objective 9",
        ),
        (
            Retiming {
                actions: vec![("1.1".into(), given("2011-03-31", "dates.csv row 2"))],
                ..Retiming::default()
            },
            "dates.csv row 2: 1.1 was signed off, so it is not carried; leave it out",
        ),
        (
            Retiming {
                actions: vec![("7.7".into(), given("2011-03-31", "dates.csv row 3"))],
                ..Retiming::default()
            },
            "dates.csv row 3: the plan \"Improvement Plan 2009-10\" has no action 7.7",
        ),
        (
            Retiming {
                actions: vec![
                    ("2.1".into(), given("2011-03-31", "dates.csv row 2")),
                    ("2.1".into(), given("2011-01-31", "dates.csv row 5")),
                ],
                ..Retiming::default()
            },
            "dates.csv row 5: 2.1 is given a timescale twice",
        ),
        (
            Retiming {
                all: Some(given("January 2010", "--due")),
                ..Retiming::default()
            },
            "--due: \"January 2010\" is due on 2010-01-31, before the new plan starts (2010-04-01)",
        ),
    ];
    for (retime, says) in cases {
        let e = store
            .carry_forward_retimed(KINGSTON, by("BM", "2010-04-01"), &next_plan(), &retime)
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::InvalidData { .. }), "{e:?}");
        assert!(e.to_string().contains(says), "{e}");
        assert!(e.to_string().contains("Nothing was written"), "{e}");
    }
    assert_eq!(snapshot(&store).await, before);
    assert_eq!(store.plan_versions(KINGSTON, PLAN).await.unwrap().len(), 1);
    let p = store.load_partnership(KINGSTON).await.unwrap().unwrap();
    assert!(p.plans.iter().all(|pl| pl.title != NEXT));
}
