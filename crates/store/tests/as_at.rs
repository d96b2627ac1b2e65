//! The plan and its status at past dates. As recorded by a day: changes made across a year (a
//! text edit, a due-date change, a lead change, updates, a sign-off, its withdrawal, a
//! replacing import) and, at dates between them, exactly what stood then — nothing later
//! leaks in. As of a day: a plan imported mid-year has a past, and updates recorded later
//! count from the days they speak for.

#[allow(dead_code)]
use crate::common;
use crate::progress_support;

use crate::progress_support::*;
use domain::{ActionStatus, Completion, Meeting, MeetingKind, Moment, Partnership, Rag, Timescale};
use store::{ActionEdit, ImportMode, StoreError};

fn action_text(p: &Partnership, id: &str) -> String {
    let (_, a) = p.plans[0].action(id).unwrap();
    a.text.clone()
}

fn status<'a>(all: &'a [ActionStatus], id: &str) -> &'a ActionStatus {
    all.iter().find(|s| s.action == id).unwrap()
}

fn board(date: &str) -> Meeting {
    Meeting {
        date: progress_support::date(date),
        kind: MeetingKind::Board,
        subgroup: None,
    }
}

async fn edit(store: &store::Store, at: &str, action: &str, e: ActionEdit) {
    let k = key(action);
    let v = store.action_state(KINGSTON, &k).await.unwrap().version;
    store
        .edit_action(KINGSTON, by("Business Manager", at), &k, v, e)
        .await
        .unwrap();
}

#[tokio::test]
async fn the_plan_and_status_as_at_dates_between_changes_show_nothing_recorded_later() {
    let (store, _guard) = imported().await;
    let original = common::kingston();
    edit(
        &store,
        "2009-05-01",
        "1.1",
        ActionEdit {
            text: Some("Rewrite the board's constitution".into()),
            ..ActionEdit::default()
        },
    )
    .await;
    record(
        &store,
        "Chair",
        "2009-06-01",
        "1.1",
        update(Rag::Red, 10, "Stalled: no legal advice yet.", "2009-06-01"),
    )
    .await;
    store
        .add_meeting(
            KINGSTON,
            by("Business Manager", "2009-06-17"),
            &board("2009-06-17"),
        )
        .await
        .unwrap();
    let fy = domain::Period::financial_year(2009);
    edit(
        &store,
        "2009-07-01",
        "1.2",
        ActionEdit {
            timescale: Some(Some(Timescale::parse("December 2009", fy))),
            ..ActionEdit::default()
        },
    )
    .await;
    edit(
        &store,
        "2009-08-01",
        "4.1",
        ActionEdit {
            leads: Some(vec!["business-manager".into()]),
            ..ActionEdit::default()
        },
    )
    .await;
    let mut done = update(
        Rag::Blue,
        100,
        "Threshold document published.",
        "2009-09-01",
    );
    done.evidence = vec![pdf("thresholds.pdf")];
    record(&store, "Manager", "2009-09-01", "4.1", done).await;
    let v = store
        .action_state(KINGSTON, &key("4.1"))
        .await
        .unwrap()
        .version;
    store
        .sign_off(
            KINGSTON,
            by("Chair", "2009-09-02"),
            &key("4.1"),
            v,
            &chair(),
        )
        .await
        .unwrap();
    store
        .withdraw_sign_off(
            KINGSTON,
            by("Chair", "2009-10-01"),
            &key("4.1"),
            v + 1,
            &chair(),
            "The published version was a draft",
        )
        .await
        .unwrap();
    let mut next = common::kingston();
    next.plans[0].objectives[0].actions[0].text = "Adopt the new constitution".into();
    store
        .import_partnership_at(
            "alice",
            &next,
            &common::source("kingston-v2.txt", "bbbb"),
            ImportMode::Replace,
            ts("2009-11-01"),
        )
        .await
        .unwrap();

    let plan_at = async |d: &str| {
        store
            .load_partnership_as_at(KINGSTON, ts(d))
            .await
            .unwrap()
            .unwrap()
    };
    let status_at = async |d: &str| {
        store
            .status(KINGSTON, Moment::as_recorded(date(d)))
            .await
            .unwrap()
    };

    assert_eq!(
        store
            .load_partnership_as_at(KINGSTON, ts("2009-03-01"))
            .await
            .unwrap(),
        None
    );
    assert!(matches!(
        store
            .status(KINGSTON, Moment::as_recorded(date("2009-03-01")))
            .await,
        Err(StoreError::NotFound { .. })
    ));
    // As of a day, the plan is the one as it is now: the replacing import's text.
    let as_of = store
        .status_view(KINGSTON, None, date("2009-05-15"))
        .await
        .unwrap();
    let (_, a) = as_of.plan.action("1.1").unwrap();
    assert_eq!(a.text, "Adopt the new constitution");
    assert_eq!(status(&as_of.actions, "1.1").rag, None, "updated in June");

    let april = plan_at("2009-04-15").await;
    assert_eq!(april, original);
    assert_eq!(status(&status_at("2009-04-15").await, "1.1").rag, None);

    let may = plan_at("2009-05-15").await;
    assert_eq!(action_text(&may, "1.1"), "Rewrite the board's constitution");
    assert_eq!(
        status(&status_at("2009-05-15").await, "1.2").due,
        Some(date("2011-03-31"))
    );

    let june_16 = plan_at("2009-06-16").await;
    assert!(
        !june_16
            .meetings
            .iter()
            .any(|m| m.date == date("2009-06-17")),
        "recorded on the 17th"
    );
    assert!(
        plan_at("2009-06-18")
            .await
            .meetings
            .iter()
            .any(|m| m.date == date("2009-06-17"))
    );
    let june = status_at("2009-06-20").await;
    assert_eq!(status(&june, "1.1").rag, Some(Rag::Red));
    assert!(
        status(&june, "1.1").stale,
        "last updated before the 17 June board"
    );

    assert_eq!(
        status(&status_at("2009-07-15").await, "1.2").due,
        Some(date("2009-12-31"))
    );
    let (_, a) = plan_at("2009-07-15").await.plans[0]
        .action("4.1")
        .map(|(o, a)| (o.clone(), a.clone()))
        .unwrap();
    assert!(a.leads.is_empty(), "the lead changed in August");
    let august = plan_at("2009-08-15").await;
    assert_eq!(
        august.plans[0].action("4.1").unwrap().1.leads,
        ["business-manager"]
    );

    assert_eq!(
        status(&status_at("2009-08-31").await, "4.1").completion,
        Completion::NotComplete
    );
    assert_eq!(
        status(&status_at("2009-09-10").await, "4.1").completion,
        Completion::SignedOff
    );
    assert_eq!(
        status(&status_at("2009-10-10").await, "4.1").completion,
        Completion::AwaitingSignOff
    );
    let signoffs = store
        .signoffs(KINGSTON, PLAN, ts("2009-09-10"))
        .await
        .unwrap();
    assert_eq!(signoffs.len(), 1);
    assert!(signoffs[0].withdrawn.is_none(), "withdrawn only in October");

    let october = plan_at("2009-10-15").await;
    assert_eq!(
        action_text(&october, "1.1"),
        "Rewrite the board's constitution"
    );
    let november = plan_at("2009-11-10").await;
    assert_eq!(action_text(&november, "1.1"), "Adopt the new constitution");
    // The replacing document is the plan now: the edits made to version 1 stay with it.
    assert_eq!(
        november.plans[0].action("1.2").unwrap().1,
        original.plans[0].action("1.2").unwrap().1
    );
    let now = store.status(KINGSTON, date("2009-11-10")).await.unwrap();
    assert_eq!(
        status(&now, "1.1").rag,
        Some(Rag::Red),
        "progress follows the action across versions"
    );
    assert_eq!(
        plan_at("2009-11-10").await,
        store.load_partnership(KINGSTON).await.unwrap().unwrap()
    );
    let versions = store.plan_versions(KINGSTON, PLAN).await.unwrap();
    assert_eq!(
        versions[0].superseded_at.as_deref(),
        Some("2009-11-01T12:00:00Z")
    );
}

#[tokio::test]
async fn status_from_the_latest_update_pointers_equals_status_from_index_seeks() {
    let (store, _guard) = imported().await;
    record(
        &store,
        "Lead",
        "2009-06-01",
        "1.1",
        update(Rag::Green, 30, "Started.", "2009-06-01"),
    )
    .await;
    record(
        &store,
        "Lead",
        "2009-06-02",
        "1.2",
        update(Rag::Red, 10, "Stalled.", "2009-06-02"),
    )
    .await;
    // Back-dated: speaks for May, recorded after the June update, so it is not the latest.
    record(
        &store,
        "Lead",
        "2009-06-03",
        "1.1",
        update(Rag::Amber, 20, "May's position.", "2009-05-20"),
    )
    .await;
    let wrong = record(
        &store,
        "Lead",
        "2009-06-04",
        "4.1",
        update(Rag::Blue, 100, "Done.", "2009-06-04"),
    )
    .await;
    let mut fix = update(Rag::Amber, 80, "Not quite done.", "2009-06-04");
    fix.corrects = Some(wrong);
    record(&store, "Lead", "2009-06-05", "4.1", fix).await;
    // Nothing recorded after 30 June yet: read by the pointers.
    let june = Moment::as_recorded(date("2009-06-30"));
    let by_pointer = store.status(KINGSTON, june).await.unwrap();
    assert_eq!(
        store.status(KINGSTON, date("2009-06-30")).await.unwrap(),
        by_pointer,
        "as of the day and as recorded by it agree while nothing later is recorded"
    );
    // Something recorded later (a meeting dated after the 30th): read by seeks.
    store
        .add_meeting(
            KINGSTON,
            by("Business Manager", "2009-07-10"),
            &board("2009-07-10"),
        )
        .await
        .unwrap();
    let by_seek = store.status(KINGSTON, june).await.unwrap();
    assert_eq!(by_pointer, by_seek);
    // As of an earlier day, with updates dated after it: read by seeks, as of that day.
    let may = store.status(KINGSTON, date("2009-05-31")).await.unwrap();
    assert_eq!(status(&may, "1.1").rag, Some(Rag::Amber), "May's position");
    assert_eq!(status(&may, "1.2").rag, None);
    assert_eq!(status(&by_seek, "1.1").rag, Some(Rag::Green));
    assert_eq!(status(&by_seek, "4.1").rag, Some(Rag::Amber));
    assert!(status(&by_seek, "1.1").at_risk || status(&by_seek, "1.2").rag == Some(Rag::Red));
}

#[tokio::test]
async fn an_edit_is_a_new_revision_and_never_changes_the_imported_row() {
    let (store, guard) = imported().await;
    edit(
        &store,
        "2009-05-01",
        "1.1",
        ActionEdit {
            text: Some("First rewrite".into()),
            ..ActionEdit::default()
        },
    )
    .await;
    edit(
        &store,
        "2009-05-02",
        "1.1",
        ActionEdit {
            text: Some("Second rewrite".into()),
            ..ActionEdit::default()
        },
    )
    .await;
    let now = store.load_partnership(KINGSTON).await.unwrap().unwrap();
    assert_eq!(action_text(&now, "1.1"), "Second rewrite");
    let mut raw = guard.raw().await;
    let row = sqlx::query("SELECT text FROM actions WHERE uid = '1.1' ORDER BY id LIMIT 1")
        .fetch_one(&mut raw)
        .await
        .unwrap();
    use sqlx::Row;
    assert_eq!(
        row.try_get::<String, _>("text").unwrap(),
        "Review the board's constitution"
    );
    let log = store.change_log(KINGSTON).await.unwrap();
    let edits: Vec<_> = log
        .iter()
        .filter(|c| c.entity == "action" && c.op == store::ChangeOp::Update)
        .collect();
    assert_eq!(edits.len(), 2);
    assert_eq!(edits[1].entity_key, "Improvement Plan 2009-10 v1 / 1.1");
    assert_eq!(
        edits[1].before.as_deref(),
        Some("{\"text\":\"First rewrite\"}")
    );
    assert_eq!(
        edits[1].after.as_deref(),
        Some("{\"text\":\"Second rewrite\"}")
    );

    let before = snapshot(&store).await;
    let k = key("1.1");
    for (version, e, expected) in [
        (
            1,
            ActionEdit {
                text: Some("Late".into()),
                ..ActionEdit::default()
            },
            "you saw version 1, it is now version 2",
        ),
        (
            2,
            ActionEdit {
                leads: Some(vec!["director-of-nowhere".into()]),
                ..ActionEdit::default()
            },
            "\"director-of-nowhere\"",
        ),
        (2, ActionEdit::default(), "say what to change"),
        (
            2,
            ActionEdit {
                text: Some("Second rewrite".into()),
                ..ActionEdit::default()
            },
            "already reads like that",
        ),
    ] {
        let err = store
            .edit_action(KINGSTON, by("BM", "2009-05-03"), &k, version, e)
            .await
            .unwrap_err();
        assert!(err.to_string().contains(expected), "{err}");
    }
    assert_eq!(snapshot(&store).await, before);
}

#[tokio::test]
async fn a_plan_read_before_an_edit_is_never_served_stale_by_this_or_another_server() {
    let (store, guard) = imported().await;
    let other = store::Store::connect(guard.url()).await.unwrap();
    let due = async |s: &store::Store, d: &str| {
        let m = Moment::as_recorded(date(d));
        status(&s.status(KINGSTON, m).await.unwrap(), "1.2").due
    };
    assert_eq!(due(&store, "2009-06-30").await, Some(date("2011-03-31")));
    assert_eq!(due(&other, "2009-06-30").await, Some(date("2011-03-31")));
    let fy = domain::Period::financial_year(2009);
    other
        .edit_action(
            KINGSTON,
            by("Business Manager", "2009-07-01"),
            &key("1.2"),
            0,
            ActionEdit {
                timescale: Some(Some(Timescale::parse("December 2009", fy))),
                ..ActionEdit::default()
            },
        )
        .await
        .unwrap();
    for s in [&store, &other] {
        assert_eq!(due(s, "2009-07-15").await, Some(date("2009-12-31")));
        assert_eq!(due(s, "2009-06-30").await, Some(date("2011-03-31")));
    }
}
