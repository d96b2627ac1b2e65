//! Assurance: sign-off only with a blue rating, evidence and a role the partnership's policy
//! accepts; withdrawal with a reason; the policy kept per partnership. Meetings too.

use crate::progress_support::*;
#[allow(dead_code)]
use domain::{Completion, Meeting, MeetingKind, Rag, SignOffPolicy, StatusRules};
use store::StoreError;

async fn blue_with_evidence(store: &store::Store, at: &str, action: &str) {
    let mut u = update(Rag::Blue, 100, "Complete: report attached.", at);
    u.evidence = vec![pdf("report.pdf")];
    record(store, "Lead", at, action, u).await;
}

async fn version(store: &store::Store, action: &str) -> i64 {
    store
        .action_state(KINGSTON, &key(action))
        .await
        .unwrap()
        .version
}

#[tokio::test]
async fn sign_off_needs_a_blue_rating_evidence_and_a_role_the_policy_accepts() {
    let (store, _guard) = imported().await;
    record(
        &store,
        "Lead",
        "2009-06-01",
        "1.1",
        update(Rag::Amber, 60, "Nearly.", "2009-06-01"),
    )
    .await;
    let refusals = [(
        "2009-06-02",
        chair(),
        "is rated amber (some slippage) by its latest update",
    )];
    for (at, who, expected) in refusals {
        let e = store
            .sign_off(KINGSTON, by("Chair", at), &key("1.1"), 1, &who)
            .await
            .unwrap_err();
        assert!(e.to_string().contains(expected), "{e}");
    }
    record(
        &store,
        "Lead",
        "2009-06-03",
        "1.1",
        update(Rag::Blue, 100, "Done.", "2009-06-03"),
    )
    .await;
    let e = store
        .sign_off(
            KINGSTON,
            by("Chair", "2009-06-04"),
            &key("1.1"),
            2,
            &chair(),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("1.1 has no evidence yet"), "{e}");
    let mut u = update(Rag::Blue, 100, "Done: minutes attached.", "2009-06-05");
    u.evidence = vec![pdf("minutes.pdf")];
    record(&store, "Lead", "2009-06-05", "1.1", u).await;
    let before = snapshot(&store).await;
    let e = store
        .sign_off(
            KINGSTON,
            by("BM", "2009-06-06"),
            &key("1.1"),
            3,
            &member(&["business-manager"]),
        )
        .await
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "1.1 cannot be signed off under LSCB Business Manager (business-manager): the \
         partnership's policy accepts LSCB Chair (lscb-chair)"
    );
    assert_eq!(snapshot(&store).await, before);
    let signed = store
        .sign_off(
            KINGSTON,
            by("Chair", "2009-06-06"),
            &key("1.1"),
            3,
            &chair(),
        )
        .await
        .unwrap();
    assert_eq!(
        (signed.record.role.as_str(), signed.version),
        ("lscb-chair", 4)
    );
    let e = store
        .sign_off(
            KINGSTON,
            by("Chair", "2009-06-07"),
            &key("1.1"),
            4,
            &chair(),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(e, StoreError::Conflict { .. })
            && e.to_string().contains("already signed off by Chair"),
        "{e}"
    );
    let s = store.status(KINGSTON, date("2009-06-30")).await.unwrap();
    assert_eq!(
        s.iter().find(|s| s.action == "1.1").unwrap().completion,
        Completion::SignedOff
    );
}

#[tokio::test]
async fn a_sub_group_chair_signs_off_only_actions_their_sub_group_leads() {
    let (store, _guard) = imported().await;
    blue_with_evidence(&store, "2009-06-01", "2.1").await;
    blue_with_evidence(&store, "2009-06-01", "1.1").await;
    let pp = member(&["chair-policy-and-procedure"]);
    let e = store
        .sign_off(KINGSTON, by("P&P chair", "2009-06-02"), &key("1.1"), 1, &pp)
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("cannot be signed off under Chair, Policy and Procedures"),
        "{e}"
    );
    let ok = store
        .sign_off(KINGSTON, by("P&P chair", "2009-06-02"), &key("2.1"), 1, &pp)
        .await
        .unwrap();
    assert_eq!(ok.record.role, "chair-policy-and-procedure");
}

#[tokio::test]
async fn a_withdrawal_needs_a_reason_and_leaves_the_action_awaiting_sign_off() {
    let (store, _guard) = imported().await;
    blue_with_evidence(&store, "2009-06-01", "1.1").await;
    let e = store
        .withdraw_sign_off(
            KINGSTON,
            by("Chair", "2009-06-02"),
            &key("1.1"),
            1,
            &chair(),
            "Premature",
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("is not signed off"), "{e}");
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
    let e = store
        .withdraw_sign_off(
            KINGSTON,
            by("Chair", "2009-06-03"),
            &key("1.1"),
            2,
            &chair(),
            "  ",
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("only with a reason"), "{e}");
    let w = store
        .withdraw_sign_off(
            KINGSTON,
            by("Chair", "2009-06-03"),
            &key("1.1"),
            2,
            &chair(),
            "The evidence was a draft",
        )
        .await
        .unwrap();
    assert_eq!(
        w.record.withdrawn.as_ref().map(|w| w.reason.as_str()),
        Some("The evidence was a draft")
    );
    let s = store.status(KINGSTON, date("2009-06-30")).await.unwrap();
    assert_eq!(
        s.iter().find(|s| s.action == "1.1").unwrap().completion,
        Completion::AwaitingSignOff
    );
    let state = store.action_state(KINGSTON, &key("1.1")).await.unwrap();
    assert_eq!((state.version, state.sign_off), (3, None));
    // Signed off again after the withdrawal: the new sign-off stands, not the withdrawn one,
    // whichever read finds it.
    let again = store
        .sign_off(
            KINGSTON,
            by("Chair", "2009-06-04"),
            &key("1.1"),
            3,
            &chair(),
        )
        .await
        .unwrap();
    let state = store.action_state(KINGSTON, &key("1.1")).await.unwrap();
    let standing = state.sign_off.clone().expect("signed off");
    assert_eq!(standing, again.record);
    assert_ne!(standing.id, w.record.id);
    assert_eq!(
        (standing.by.as_str(), standing.at),
        ("Chair", ts("2009-06-04"))
    );
    assert_eq!(standing.role, w.record.role);
    let page = store.action_in_full(KINGSTON, &key("1.1")).await.unwrap();
    assert_eq!(page.state, state);
    let other = store.action_in_full(KINGSTON, &key("1.2")).await.unwrap();
    assert_eq!(other.state.sign_off, None);
}

#[tokio::test]
async fn the_sign_off_policy_and_status_thresholds_are_kept_per_partnership() {
    let (store, _guard) = imported().await;
    let defaults = store.settings(KINGSTON).await.unwrap();
    assert!(!defaults.configured);
    assert_eq!(defaults.sign_off.board_roles, ["lscb-chair"]);
    assert_eq!(defaults.rules, StatusRules::default());
    let policy = SignOffPolicy {
        board_roles: vec!["business-manager".into()],
        subgroup_chairs: false,
    };
    let rules = StatusRules {
        due_soon_days: 14,
        stale_days: 60,
    };
    let e = store
        .set_settings(
            KINGSTON,
            by("Admin", "2009-05-01"),
            rules,
            SignOffPolicy {
                board_roles: vec!["queen".into()],
                subgroup_chairs: false,
            },
        )
        .await
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("\"queen\" is not one of the partnership's roles"),
        "{e}"
    );
    store
        .set_settings(KINGSTON, by("Admin", "2009-05-01"), rules, policy.clone())
        .await
        .unwrap();
    let kept = store.settings(KINGSTON).await.unwrap();
    assert_eq!(
        (kept.rules, kept.sign_off.clone(), kept.configured),
        (rules, policy, true)
    );
    let log = store.change_log(KINGSTON).await.unwrap();
    assert_eq!(log.last().map(|c| c.entity.as_str()), Some("settings"));

    blue_with_evidence(&store, "2009-06-01", "1.1").await;
    let e = store
        .sign_off(
            KINGSTON,
            by("Chair", "2009-06-02"),
            &key("1.1"),
            1,
            &chair(),
        )
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("accepts LSCB Business Manager"),
        "{e}"
    );
    store
        .sign_off(
            KINGSTON,
            by("BM", "2009-06-02"),
            &key("1.1"),
            1,
            &member(&["business-manager"]),
        )
        .await
        .unwrap();
    // 1.2 is due 31 March 2011: due soon 14 days before, not 30.
    let s = store
        .status_view(KINGSTON, Some(PLAN), date("2011-03-10"))
        .await
        .unwrap();
    assert_eq!(s.rules, rules);
    assert!(
        !s.actions
            .iter()
            .find(|a| a.action == "1.2")
            .unwrap()
            .due_soon
    );
    assert_eq!(version(&store, "1.1").await, 2);
}

#[tokio::test]
async fn a_meeting_is_recorded_once_and_a_sub_group_meeting_names_a_known_sub_group() {
    let (store, _guard) = imported().await;
    let training = Meeting {
        date: date("2009-07-20"),
        kind: MeetingKind::Subgroup,
        subgroup: Some("training".into()),
    };
    store
        .add_meeting(KINGSTON, by("BM", "2009-07-20"), &training)
        .await
        .unwrap();
    let e = store
        .add_meeting(KINGSTON, by("BM", "2009-07-21"), &training)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
    let before = snapshot(&store).await;
    for (m, expected) in [
        (
            Meeting {
                date: date("2009-07-22"),
                kind: MeetingKind::Subgroup,
                subgroup: Some("Knitting".into()),
            },
            "\"Knitting\" is not one of the partnership's sub-groups",
        ),
        (
            Meeting {
                date: date("2009-07-22"),
                kind: MeetingKind::Subgroup,
                subgroup: None,
            },
            "say which sub-group met",
        ),
        (
            Meeting {
                date: date("2090-07-22"),
                kind: MeetingKind::Board,
                subgroup: None,
            },
            "is not a date a meeting can be recorded for",
        ),
    ] {
        let e = store
            .add_meeting(KINGSTON, by("BM", "2009-07-22"), &m)
            .await
            .unwrap_err();
        assert!(e.to_string().contains(expected), "{e}");
    }
    assert_eq!(snapshot(&store).await, before);
    let meetings = store
        .meetings(KINGSTON, ts("2009-07-20T23:00:00Z"))
        .await
        .unwrap();
    assert!(
        meetings
            .iter()
            .any(|m| m.date == date("2009-07-20") && m.kind == MeetingKind::Subgroup)
    );
    let earlier = store.meetings(KINGSTON, ts("2009-07-19")).await.unwrap();
    assert!(!earlier.iter().any(|m| m.date == date("2009-07-20")));
}

/// An action's version alone (the API's ETag, one statement on a kept connection) agrees with
/// its state through a first update and a sign-off, and names what is missing as its state
/// does.
#[tokio::test]
async fn an_actions_version_alone_agrees_with_its_state_and_names_what_is_missing() {
    let (store, _guard) = imported().await;
    let k = key("1.1");
    let both = async |k: &store::ActionKey| {
        let alone = store.action_version(KINGSTON, k).await.unwrap();
        assert_eq!(
            alone,
            store.action_state(KINGSTON, k).await.unwrap().version
        );
        alone
    };
    assert_eq!(both(&k).await, 0, "never written to");
    blue_with_evidence(&store, "2009-06-01", "1.1").await;
    assert_eq!(both(&k).await, 1);
    store
        .sign_off(KINGSTON, by("Chair", "2009-06-02"), &k, 1, &chair())
        .await
        .unwrap();
    assert_eq!(both(&k).await, 2, "signed off");
    let missing = [
        (
            "nowhere",
            k.clone(),
            "the partnership \"nowhere\" was not found",
        ),
        (
            KINGSTON,
            store::ActionKey::new("No such plan", "1.1"),
            "the plan \"No such plan\"",
        ),
        (KINGSTON, key("9.9"), "the action 9.9 in the plan"),
    ];
    for (slug, k, expected) in missing {
        let alone = store.action_version(slug, &k).await.unwrap_err();
        let state = store.action_state(slug, &k).await.unwrap_err();
        assert!(matches!(alone, StoreError::NotFound { .. }), "{alone:?}");
        assert!(alone.to_string().contains(expected), "{alone}");
        assert_eq!(alone.to_string(), state.to_string());
    }
}
