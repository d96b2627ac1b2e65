//! Progress updates, evidence, corrections, versions and the change log, on SQLite and (with
//! `TEST_DATABASE_URL`) PostgreSQL.

use crate::progress_support::*;
#[allow(dead_code)]
use domain::{Evidence, Rag};
use sqlx::Row;
use store::{NewEvidence, StoreError};

#[tokio::test]
async fn an_update_is_recorded_with_its_evidence_and_read_back() {
    let (store, _guard) = imported().await;
    let mut u = update(
        Rag::Amber,
        40,
        "Draft constitution circulated to members.",
        "2009-06-10",
    );
    u.evidence = vec![
        pdf("draft-constitution.pdf"),
        NewEvidence::Link {
            url: "https://example.org/minutes/2009-06".into(),
            title: Some("Board minutes".into()),
        },
    ];
    let written = store
        .record_update(KINGSTON, by("Chair", "2009-06-11"), &key("1.1"), 0, u)
        .await
        .unwrap();
    assert_eq!(written.version, 1);
    let all = store.updates(KINGSTON, &key("1.1")).await.unwrap();
    assert_eq!(all, vec![written.record.clone()]);
    let u = &all[0];
    assert_eq!((u.rag, u.percent.map(|p| p.get())), (Rag::Amber, Some(40)));
    assert_eq!(u.author, "Chair");
    assert_eq!(u.as_of, date("2009-06-10"));
    assert_eq!(u.recorded_at, ts("2009-06-11"));
    let Evidence::File {
        sha256,
        media_type,
        size,
        name,
    } = &u.evidence[0]
    else {
        panic!("{:?}", u.evidence)
    };
    assert_eq!(
        (name.as_str(), media_type.as_str()),
        ("draft-constitution.pdf", "application/pdf")
    );
    let file = store
        .evidence_file(KINGSTON, sha256)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(file.bytes.len() as u64, *size);
    assert!(file.bytes.starts_with(b"%PDF-"));
    assert_eq!(file.media_type, "application/pdf");
    assert!(
        matches!(&u.evidence[1], Evidence::Link { title: Some(t), .. } if t == "Board minutes")
    );
    let state = store.action_state(KINGSTON, &key("1.1")).await.unwrap();
    assert_eq!(state.version, 1);
    assert_eq!(state.latest.as_ref().map(|l| l.id), Some(u.id));
    assert_eq!(state.last_change.unwrap().by, "Chair");
}

#[tokio::test]
async fn the_same_evidence_file_is_kept_once_by_its_hash() {
    let (store, guard) = imported().await;
    for (action, at) in [("1.1", "2009-06-11"), ("1.2", "2009-06-12")] {
        let mut u = update(Rag::Green, 50, "Minutes attached.", "2009-06-10");
        u.evidence = vec![pdf("minutes.pdf")];
        record(&store, "Chair", at, action, u).await;
    }
    let mut raw = guard.raw().await;
    let row = sqlx::query("SELECT COUNT(*) AS n FROM blobs")
        .fetch_one(&mut raw)
        .await
        .unwrap();
    assert_eq!(row.try_get::<i64, _>("n").unwrap(), 1);
    let log = store.change_log(KINGSTON).await.unwrap();
    assert_eq!(
        log.iter().filter(|c| c.entity == "evidence_file").count(),
        1
    );
}

#[tokio::test]
async fn an_html_file_or_one_over_the_size_limit_is_refused_and_nothing_is_written() {
    let (store, _guard) = imported().await;
    let before = snapshot(&store).await;
    let mut big = b"%PDF-1.4\n".to_vec();
    big.resize(store::MAX_EVIDENCE_BYTES + 1, b'x');
    for (name, bytes, expected) in [
        (
            "page.txt",
            b"<html><script>alert(1)</script></html>".to_vec(),
            "browser",
        ),
        ("scan.pdf", big, "at most 20 MB"),
    ] {
        let mut u = update(Rag::Green, 50, "See attached.", "2009-06-10");
        u.evidence = vec![NewEvidence::File {
            name: name.into(),
            bytes,
        }];
        let e = store
            .record_update(KINGSTON, by("Chair", "2009-06-11"), &key("1.1"), 0, u)
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::InvalidData { .. }), "{e:?}");
        assert!(
            e.to_string().contains(name) && e.to_string().contains(expected),
            "{e}"
        );
    }
    assert_eq!(snapshot(&store).await, before);
}

#[tokio::test]
async fn a_correction_replaces_the_update_it_corrects_and_cannot_be_corrected_twice() {
    let (store, _guard) = imported().await;
    let wrong = record(
        &store,
        "Lead",
        "2009-06-10",
        "1.1",
        update(Rag::Red, 10, "Stalled.", "2009-06-10"),
    )
    .await;
    let mut fix = update(
        Rag::Amber,
        30,
        "Correction: slipping, not stalled.",
        "2009-06-10",
    );
    fix.corrects = Some(wrong);
    let fixed = record(&store, "Lead", "2009-06-12", "1.1", fix.clone()).await;
    let status = store.status(KINGSTON, date("2009-06-30")).await.unwrap();
    let s = status.iter().find(|s| s.action == "1.1").unwrap();
    assert_eq!(s.rag, Some(Rag::Amber));
    // Before the correction was recorded, the board saw red.
    let then = store
        .status(KINGSTON, domain::Moment::as_recorded(date("2009-06-11")))
        .await
        .unwrap();
    assert_eq!(
        then.iter().find(|s| s.action == "1.1").unwrap().rag,
        Some(Rag::Red)
    );
    // As of that day, as known now, the correction (which speaks for 10 June) applies.
    let known_now = store.status(KINGSTON, date("2009-06-11")).await.unwrap();
    assert_eq!(
        known_now.iter().find(|s| s.action == "1.1").unwrap().rag,
        Some(Rag::Amber)
    );
    let e = store
        .record_update(
            KINGSTON,
            by("Lead", "2009-06-13"),
            &key("1.1"),
            2,
            fix.clone(),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        format!(
            "update {wrong} was already corrected by update {fixed}; correct update {fixed} instead"
        )
    );
    fix.corrects = Some(wrong);
    let e = store
        .record_update(KINGSTON, by("Lead", "2009-06-13"), &key("1.2"), 0, fix)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("is not an update of 1.2"), "{e}");
}

#[tokio::test]
async fn an_update_cannot_speak_for_a_date_after_it_is_recorded_nor_be_empty() {
    let (store, _guard) = imported().await;
    let before = snapshot(&store).await;
    let e = store
        .record_update(
            KINGSTON,
            by("Lead", "2009-06-10"),
            &key("1.1"),
            0,
            update(Rag::Green, 50, "Ahead.", "2009-06-11"),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("cannot speak for 2009-06-11"), "{e}");
    let e = store
        .record_update(
            KINGSTON,
            by("Lead", "2009-06-10"),
            &key("1.1"),
            0,
            update(Rag::Green, 50, "  ", "2009-06-10"),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("needs a narrative"), "{e}");
    assert_eq!(snapshot(&store).await, before);
}

#[tokio::test]
async fn a_change_cannot_be_recorded_before_the_last_change_in_the_log_nor_in_the_future() {
    let (store, _guard) = imported().await;
    record(
        &store,
        "Lead",
        "2009-06-10",
        "1.1",
        update(Rag::Green, 50, "Fine.", "2009-06-10"),
    )
    .await;
    let before = snapshot(&store).await;
    let e = store
        .record_update(
            KINGSTON,
            by("Lead", "2009-06-01"),
            &key("1.2"),
            0,
            update(Rag::Green, 50, "Fine.", "2009-06-01"),
        )
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("cannot be recorded before it"),
        "{e}"
    );
    let e = store
        .record_update(
            KINGSTON,
            by("Lead", "2090-01-01"),
            &key("1.2"),
            0,
            update(Rag::Green, 50, "Fine.", "2009-06-01"),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("in the future"), "{e}");
    assert_eq!(snapshot(&store).await, before);
}

#[tokio::test]
async fn a_write_from_a_stale_version_is_a_conflict_saying_what_changed_and_by_whom() {
    let (store, _guard) = imported().await;
    store
        .record_update(
            KINGSTON,
            by("Chair Training", "2009-09-16T10:00:00Z"),
            &key("1.1"),
            0,
            update(Rag::Amber, 40, "Slipping.", "2009-09-16"),
        )
        .await
        .unwrap();
    let before = snapshot(&store).await;
    let e = store
        .record_update(
            KINGSTON,
            by("Business Manager", "2009-09-16T10:05:00Z"),
            &key("1.1"),
            0,
            update(Rag::Green, 60, "On track.", "2009-09-16"),
        )
        .await
        .unwrap_err();
    let StoreError::Conflict { what } = &e else {
        panic!("{e:?}")
    };
    assert!(
        what.starts_with("1.1 was changed by Chair Training at 2009-09-16T10:00:00Z"),
        "{what}"
    );
    assert!(what.contains("amber, 40%"), "{what}");
    assert!(
        what.contains("you saw version 0, it is now version 1"),
        "{what}"
    );
    assert_eq!(snapshot(&store).await, before);
    let state = store.action_state(KINGSTON, &key("1.1")).await.unwrap();
    assert_eq!(state.latest.map(|u| u.rag), Some(Rag::Amber));
}

#[tokio::test]
async fn an_update_of_an_unknown_action_or_plan_is_not_found_and_writes_nothing() {
    let (store, _guard) = imported().await;
    let before = snapshot(&store).await;
    for k in [key("9.9"), store::ActionKey::new("No such plan", "1.1")] {
        let e = store
            .record_update(
                KINGSTON,
                by("Lead", "2009-06-10"),
                &k,
                0,
                update(Rag::Green, 50, "Fine.", "2009-06-10"),
            )
            .await
            .unwrap_err();
        assert!(matches!(e, StoreError::NotFound { .. }), "{e:?}");
    }
    assert_eq!(snapshot(&store).await, before);
}

#[tokio::test]
async fn every_progress_write_is_in_the_change_log_with_before_and_after_and_the_chain_verifies() {
    let (store, _guard) = imported().await;
    let first = store.change_log(KINGSTON).await.unwrap().len();
    let mut u = update(Rag::Blue, 100, "Constitution adopted.", "2009-06-17");
    u.evidence = vec![pdf("constitution.pdf")];
    record(&store, "Lead", "2009-06-17", "1.1", u).await;
    store
        .sign_off(
            KINGSTON,
            by("Chair", "2009-06-18"),
            &key("1.1"),
            1,
            &chair(),
        )
        .await
        .unwrap();
    store
        .withdraw_sign_off(
            KINGSTON,
            by("Chair", "2009-06-19"),
            &key("1.1"),
            2,
            &chair(),
            "Signed the wrong action",
        )
        .await
        .unwrap();
    let log = store.change_log(KINGSTON).await.unwrap();
    let new: Vec<_> = log[first..]
        .iter()
        .map(|c| (c.entity.as_str(), c.op.as_str()))
        .collect();
    assert_eq!(
        new,
        [
            ("evidence_file", "create"),
            ("update", "create"),
            ("signoff", "create"),
            ("signoff", "update")
        ]
    );
    let withdrawal = log.last().unwrap();
    assert_eq!(withdrawal.entity_key, "Improvement Plan 2009-10 / 1.1");
    assert!(
        withdrawal
            .before
            .as_deref()
            .unwrap()
            .contains("\"withdrawn\":null")
    );
    assert!(
        withdrawal
            .after
            .as_deref()
            .unwrap()
            .contains("Signed the wrong action")
    );
    assert_eq!(withdrawal.at, "2009-06-19T12:00:00Z");
    let v = store.verify_change_log(KINGSTON).await.unwrap();
    assert_eq!((v.entries, v.first_bad), (log.len(), None));
}

#[tokio::test]
async fn tampering_with_an_updates_change_log_entry_makes_verify_name_that_entry() {
    let (store, guard) = imported().await;
    record(
        &store,
        "Lead",
        "2009-06-10",
        "1.1",
        update(Rag::Red, 10, "Stalled.", "2009-06-10"),
    )
    .await;
    record(
        &store,
        "Lead",
        "2009-07-10",
        "1.1",
        update(Rag::Amber, 30, "Moving.", "2009-07-10"),
    )
    .await;
    let log = store.change_log(KINGSTON).await.unwrap();
    let victim = log.iter().find(|c| c.entity == "update").unwrap();
    let mut raw = guard.raw().await;
    guard.drop_change_log_triggers(&mut raw).await;
    sqlx::query(
        "UPDATE change_log SET after = REPLACE(after, '\"red\"', '\"green\"') WHERE id = $1",
    )
    .bind(victim.id)
    .execute(&mut raw)
    .await
    .unwrap();
    let v = store.verify_change_log(KINGSTON).await.unwrap();
    assert_eq!(v.first_bad, Some(victim.id));
}

#[tokio::test]
async fn a_history_of_updates_loads_in_one_transaction_each_at_its_own_time() {
    let (store, _guard) = imported().await;
    let item = |at: &str, action: &str, rag, as_of: &str| store::DatedUpdate {
        at: ts(at),
        action: key(action),
        update: update(rag, 50, "From the old tracker.", as_of),
    };
    let history = vec![
        item("2009-05-01", "1.1", Rag::Green, "2009-04-30"),
        item("2009-06-01", "1.2", Rag::Amber, "2009-06-01"),
        item("2009-07-01", "1.1", Rag::Red, "2009-07-01"),
    ];
    let n = store
        .record_update_history(KINGSTON, "Migration", history)
        .await
        .unwrap();
    assert_eq!(n, 3);
    let log = store.change_log(KINGSTON).await.unwrap();
    let ats: Vec<_> = log
        .iter()
        .filter(|c| c.entity == "update")
        .map(|c| c.at.as_str())
        .collect();
    assert_eq!(
        ats,
        [
            "2009-05-01T12:00:00Z",
            "2009-06-01T12:00:00Z",
            "2009-07-01T12:00:00Z"
        ]
    );
    assert_eq!(
        store.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );
    let june = store.status(KINGSTON, date("2009-06-15")).await.unwrap();
    let s = june.iter().find(|s| s.action == "1.1").unwrap();
    assert_eq!(s.rag, Some(Rag::Green));
    let state = store.action_state(KINGSTON, &key("1.1")).await.unwrap();
    assert_eq!(
        (state.version, state.latest.map(|u| u.rag)),
        (2, Some(Rag::Red))
    );
    // Out of order, or before the log's last change: refused whole.
    let before = snapshot(&store).await;
    let bad = vec![
        item("2009-08-02", "1.1", Rag::Green, "2009-08-01"),
        item("2009-08-01", "1.2", Rag::Green, "2009-08-01"),
    ];
    let e = store
        .record_update_history(KINGSTON, "Migration", bad)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("in the order"), "{e}");
    let early = vec![item("2009-06-15", "1.1", Rag::Green, "2009-06-15")];
    let e = store
        .record_update_history(KINGSTON, "Migration", early)
        .await
        .unwrap_err();
    assert!(
        e.to_string().contains("cannot be recorded before it"),
        "{e}"
    );
    assert_eq!(snapshot(&store).await, before);
}

/// A load sets each action's latest update by the date it speaks for (not the order it was
/// recorded in) without asking the database per action, and an action the plan lacks
/// refuses the whole load, naming it.
#[tokio::test]
async fn a_history_rates_each_action_by_its_latest_date_and_refuses_an_unknown_action() {
    let (store, _guard) = imported().await;
    let item = |at: &str, action: &str, rag, as_of: &str| store::DatedUpdate {
        at: ts(at),
        action: key(action),
        update: update(rag, 50, "From the old tracker.", as_of),
    };
    let before = snapshot(&store).await;
    let unknown = vec![
        item("2009-05-01", "1.1", Rag::Green, "2009-04-30"),
        item("2009-05-02", "99.9", Rag::Green, "2009-04-30"),
    ];
    let e = store
        .record_update_history(KINGSTON, "Migration", unknown)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("the action 99.9"), "{e}");
    assert_eq!(snapshot(&store).await, before);
    let history = vec![
        item("2009-05-01", "1.1", Rag::Green, "2009-04-30"),
        // Recorded later, but speaking for an earlier day: not the latest.
        item("2009-05-02", "1.1", Rag::Red, "2009-04-01"),
        item("2009-05-03", "1.2", Rag::Amber, "2009-05-01"),
    ];
    store
        .record_update_history(KINGSTON, "Migration", history)
        .await
        .unwrap();
    let state = store.action_state(KINGSTON, &key("1.1")).await.unwrap();
    assert_eq!(
        (state.version, state.latest.map(|u| u.rag)),
        (2, Some(Rag::Green))
    );
    let state = store.action_state(KINGSTON, &key("1.2")).await.unwrap();
    assert_eq!(
        (state.version, state.latest.map(|u| u.rag)),
        (1, Some(Rag::Amber))
    );
    let now = store.status(KINGSTON, date("2009-06-15")).await.unwrap();
    let rag = |a: &str| now.iter().find(|s| s.action == a).unwrap().rag;
    assert_eq!(
        (rag("1.1"), rag("1.2")),
        (Some(Rag::Green), Some(Rag::Amber))
    );
    // A second load onto actions already tracked keeps the later of each one's latest and
    // the load's: 1.1's new update is later, 1.2's speaks for a day before its latest.
    let more = vec![
        item("2009-05-04", "1.1", Rag::Red, "2009-05-04"),
        item("2009-05-05", "1.2", Rag::Red, "2009-04-15"),
    ];
    store
        .record_update_history(KINGSTON, "Migration", more)
        .await
        .unwrap();
    let state = store.action_state(KINGSTON, &key("1.1")).await.unwrap();
    assert_eq!(
        (state.version, state.latest.map(|u| u.rag)),
        (3, Some(Rag::Red))
    );
    let state = store.action_state(KINGSTON, &key("1.2")).await.unwrap();
    assert_eq!(
        (state.version, state.latest.map(|u| u.rag)),
        (2, Some(Rag::Amber))
    );
    let now = store.status(KINGSTON, date("2009-06-15")).await.unwrap();
    assert_eq!(
        (rag_of(&now, "1.1"), rag_of(&now, "1.2")),
        (Some(Rag::Red), Some(Rag::Amber))
    );
}

fn rag_of(statuses: &[domain::ActionStatus], action: &str) -> Option<Rag> {
    statuses
        .iter()
        .find(|s| s.action == action)
        .and_then(|s| s.rag)
}

/// Plain updates of a history go in as multi-row inserts, the others (evidence, corrections)
/// one by one in their place: the ids, the change log's order and what each entry records
/// still follow the history's order exactly.
#[tokio::test]
async fn a_history_mixing_plain_updates_with_evidence_and_corrections_keeps_its_order() {
    let (store, _guard) = imported().await;
    let item = |at: &str, action: &str, rag, note: &str| store::DatedUpdate {
        at: ts(at),
        action: key(action),
        update: update(rag, 50, note, "2009-04-30"),
    };
    let mut with_link = item("2009-05-03", "1.2", Rag::Amber, "With minutes.");
    with_link.update.evidence = vec![NewEvidence::Link {
        url: "https://example.org/minutes".into(),
        title: None,
    }];
    let history = vec![
        item("2009-05-01", "1.1", Rag::Green, "First."),
        item("2009-05-02", "1.2", Rag::Green, "Second."),
        with_link,
        item("2009-05-04", "1.1", Rag::Red, "Fourth."),
        item("2009-05-05", "2.1", Rag::Grey, "Fifth."),
    ];
    store
        .record_update_history(KINGSTON, "Migration", history)
        .await
        .unwrap();
    // A correction in a second history, after plain ones.
    let first = store.updates(KINGSTON, &key("1.1")).await.unwrap()[0].id;
    let mut fix = item("2009-05-07", "1.1", Rag::Amber, "Correction.");
    fix.update.corrects = Some(first);
    let more = vec![item("2009-05-06", "2.1", Rag::Green, "Sixth."), fix];
    store
        .record_update_history(KINGSTON, "Migration", more)
        .await
        .unwrap();

    let log = store.change_log(KINGSTON).await.unwrap();
    let logged: Vec<(i64, String)> = log
        .iter()
        .filter(|c| c.entity == "update")
        .map(|c| {
            let after: serde_json::Value =
                serde_json::from_str(c.after.as_deref().unwrap()).unwrap();
            (
                after["id"].as_i64().unwrap(),
                after["narrative"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let notes: Vec<&str> = logged.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(
        notes,
        [
            "First.",
            "Second.",
            "With minutes.",
            "Fourth.",
            "Fifth.",
            "Sixth.",
            "Correction."
        ]
    );
    assert!(
        logged.windows(2).all(|w| w[0].0 < w[1].0),
        "ids in order: {logged:?}"
    );
    let mut stored = Vec::new();
    for a in ["1.1", "1.2", "2.1"] {
        stored.extend(store.updates(KINGSTON, &key(a)).await.unwrap());
    }
    for (id, note) in &logged {
        let u = stored.iter().find(|u| u.id == *id).unwrap();
        assert_eq!(&u.narrative, note, "entry for update {id}");
    }
    let linked = stored
        .iter()
        .find(|u| u.narrative == "With minutes.")
        .unwrap();
    assert_eq!(linked.evidence.len(), 1);
    let fixed = stored
        .iter()
        .find(|u| u.narrative == "Correction.")
        .unwrap();
    assert_eq!(fixed.corrects, Some(first));
    let state = store.action_state(KINGSTON, &key("1.1")).await.unwrap();
    assert_eq!(state.version, 3);
    assert_eq!(
        store.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );
}

#[tokio::test]
async fn the_update_that_rates_an_action_is_the_one_for_the_latest_day_whatever_order_they_come() {
    let (store, _guard) = imported().await;
    // Update 1.1 on day `on` (June 2009), speaking for `as_of`, correcting `corrects`; then
    // which update rates it.
    let post = async |on: u8, as_of: &str, corrects: Option<i64>| {
        let mut u = update(Rag::Amber, 40, "Progress.", as_of);
        u.corrects = corrects;
        let at = format!("2009-06-{on:02}T09:00:00Z");
        let id = record(&store, "Chair", &at, "1.1", u).await;
        let rates = store.action_state(KINGSTON, &key("1.1")).await.unwrap();
        (id, rates.latest.map(|u| u.id))
    };
    let (first, rates) = post(11, "2009-06-10", None).await;
    assert_eq!(rates, Some(first));
    // Back-dated: it speaks for an earlier day, so the first still rates the action.
    let (back, rates) = post(12, "2009-06-01", None).await;
    assert_eq!(rates, Some(first));
    // The same day as the first, recorded later: it rates the action.
    let (same_day, rates) = post(13, "2009-06-10", None).await;
    assert_eq!(rates, Some(same_day));
    // A correction of the latest hands the rating to the correction.
    let (corrected, rates) = post(14, "2009-06-10", Some(same_day)).await;
    assert_eq!(rates, Some(corrected));
    // A correction of the back-dated one leaves the rating where it is.
    let (_, rates) = post(15, "2009-06-01", Some(back)).await;
    assert_eq!(rates, Some(corrected));
}
