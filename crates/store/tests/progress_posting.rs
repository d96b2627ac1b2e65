//! Posting a plain update takes two round trips (`progress::update::two_trips`) on either
//! back end and must record exactly what the general path records; a conflict, a first
//! update and a post dropped half-way leave nothing behind.

use std::time::Duration;

use crate::progress_support::*;
use domain::Rag;
use store::StoreError;

/// How many posts took two round trips.
fn two_trip_posts(store: &store::Store) -> u64 {
    store.stats().posts_in_two_trips
}

#[tokio::test]
async fn a_plain_update_is_recorded_whole_and_rates_the_action_by_its_day() {
    let (store, _guard) = imported().await;
    let k = key("1.1");
    // The first update creates the action's tracked row: the general path's work.
    let first = update(Rag::Red, 10, "Terms of reference drafted.", "2009-06-01");
    let first = store
        .record_update(KINGSTON, by("Chair", "2009-06-02"), &k, 0, first)
        .await
        .unwrap();
    assert_eq!(two_trip_posts(&store), 0);

    let second = update(
        Rag::Amber,
        40,
        "Constitution agreed in draft.",
        "2009-07-01",
    );
    let second = store
        .record_update(KINGSTON, by("Lead", "2009-07-02"), &k, 1, second)
        .await
        .unwrap();
    assert_eq!(two_trip_posts(&store), 1);
    assert_eq!(second.version, 2);
    assert!(second.record.id > first.record.id);
    assert_eq!(second.record.author, "Lead");
    assert_eq!(second.record.recorded_at, ts("2009-07-02"));

    // An update speaking for an earlier day is kept, but does not rate the action.
    let late_news = update(Rag::Green, 90, "June's minutes, filed late.", "2009-06-15");
    let late_news = store
        .record_update(KINGSTON, by("Lead", "2009-07-03"), &k, 2, late_news)
        .await
        .unwrap();
    assert_eq!(two_trip_posts(&store), 2);
    assert_eq!(late_news.version, 3);

    let all = store.updates(KINGSTON, &k).await.unwrap();
    assert_eq!(
        all,
        vec![first.record, second.record.clone(), late_news.record]
    );
    let state = store.action_state(KINGSTON, &k).await.unwrap();
    assert_eq!(state.version, 3);
    assert_eq!(state.latest.map(|l| l.id), Some(second.record.id));
    let change = state.last_change.unwrap();
    assert_eq!(change.by, "Lead");
    assert!(
        change.what.starts_with("progress update"),
        "{}",
        change.what
    );

    // The log holds each update as created, chained from the entry before it.
    let log = store.change_log(KINGSTON).await.unwrap();
    let last = log.last().unwrap();
    assert_eq!(
        (
            last.entity.as_str(),
            last.entity_key.as_str(),
            last.actor.as_str()
        ),
        ("update", format!("{PLAN} / 1.1").as_str(), "Lead")
    );
    assert_eq!(last.prev_hash, log[log.len() - 2].hash);
    let after: serde_json::Value = serde_json::from_str(last.after.as_deref().unwrap()).unwrap();
    assert_eq!(after["narrative"], "June's minutes, filed late.");
    let verified = store.verify_change_log(KINGSTON).await.unwrap();
    assert_eq!(verified.first_bad, None);
    assert_eq!(verified.entries, log.len());
}

#[tokio::test]
async fn a_stale_or_impossible_post_writes_nothing_and_the_next_one_goes_through() {
    let (store, _guard) = imported().await;
    let k = key("1.1");
    record(&store, "Chair", "2009-06-02", "1.1", plain("First.")).await;
    let before = snapshot(&store).await;
    for _ in 0..10 {
        // Seen at version 0, but it is at 1: a conflict naming who changed it.
        let err = store
            .record_update(KINGSTON, by("Lead", "2009-06-03"), &k, 0, plain("Stale."))
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Conflict { what } if what.contains("changed by Chair")),
            "{err:?}"
        );
        // A time before the log's last entry.
        let err = store
            .record_update(
                KINGSTON,
                by("Lead", "2009-05-01"),
                &k,
                1,
                plain("Too early."),
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::InvalidData { .. }), "{err:?}");
        // An action the plan does not have.
        let err = store
            .record_update(
                KINGSTON,
                by("Lead", "2009-06-03"),
                &key("99.9"),
                1,
                plain("?"),
            )
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");
    }
    assert_eq!(snapshot(&store).await, before);
    // More posts than the pool has connections: none was left with a transaction open.
    for v in 1..=12 {
        let u = plain(&format!("Post {v}."));
        let written = store
            .record_update(KINGSTON, by("Lead", "2009-06-03"), &k, v, u)
            .await
            .unwrap();
        assert_eq!(written.version, v + 1);
    }
    assert_eq!(two_trip_posts(&store), 12);
}

#[tokio::test]
async fn posts_dropped_at_any_point_leave_every_write_whole_or_absent() {
    let (store, _guard) = imported().await;
    let k = key("1.1");
    record(&store, "Chair", "2009-06-02", "1.1", plain("First.")).await;
    // Give up on each post after a different wait, so that some are dropped before they
    // begin, some between the trips and some after the commit.
    for step in 0..60_u64 {
        let v = store.action_state(KINGSTON, &k).await.unwrap().version;
        let post = store.record_update(
            KINGSTON,
            by("Lead", "2009-06-03"),
            &k,
            v,
            plain(&format!("Attempt {step}.")),
        );
        let _ = tokio::time::timeout(Duration::from_micros(step * 25), post).await;
    }
    // Whatever was dropped, the next write goes through rather than waiting on a lock a
    // dropped post held. (On PostgreSQL a commit already sent may land just after the
    // version is read: the write is then refused as stale, and made again.)
    let mut last = None;
    for _ in 0..5 {
        let v = store.action_state(KINGSTON, &k).await.unwrap().version;
        let post = store.record_update(KINGSTON, by("Lead", "2009-06-04"), &k, v, plain("Last."));
        match tokio::time::timeout(Duration::from_secs(2), post)
            .await
            .expect("a write waited on a lock a dropped post held")
        {
            Ok(written) => {
                last = Some(written);
                break;
            }
            Err(StoreError::Conflict { .. }) => continue,
            Err(e) => panic!("{e:?}"),
        }
    }
    let last = last.expect("the last write was refused as stale five times");
    // Each update that exists moved the version by one, and the log verifies.
    let updates = store.updates(KINGSTON, &k).await.unwrap().len();
    assert_eq!(i64::try_from(updates).unwrap(), last.version);
    assert_eq!(
        store.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );
}

#[tokio::test]
async fn posts_and_reads_of_one_action_go_on_after_the_server_cut_their_connections() {
    let (store, guard) = imported().await;
    let k = key("1.1");
    record(&store, "Chair", "2009-06-02", "1.1", plain("First.")).await;
    // A post, the action's version and its state: each on connections kept for them, used
    // and put back.
    let by_lead = || by("Lead", "2009-06-03");
    store
        .record_update(KINGSTON, by_lead(), &k, 1, plain("Second."))
        .await
        .unwrap();
    assert_eq!(store.action_version(KINGSTON, &k).await.unwrap(), 2);
    assert_eq!(store.action_state(KINGSTON, &k).await.unwrap().version, 2);
    if store.backend() == store::Backend::Postgres {
        // The server cuts them while they sit idle, as a restart or an idle timeout would.
        let mut raw = guard.raw().await;
        let cut: i64 = sqlx::Row::try_get(
            &sqlx::raw_sql(
                "SELECT COUNT(pg_terminate_backend(pid)) AS cut FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
            )
            .fetch_one(&mut raw)
            .await
            .unwrap(),
            "cut",
        )
        .unwrap();
        assert!(cut >= 2, "the store held {cut} connections");
    }
    // Each goes on, on a new connection, and the post still takes two round trips.
    let written = store
        .record_update(KINGSTON, by_lead(), &k, 2, plain("After the cut."))
        .await
        .unwrap();
    assert_eq!(written.version, 3);
    assert_eq!(two_trip_posts(&store), 2);
    assert_eq!(store.action_version(KINGSTON, &k).await.unwrap(), 3);
    assert_eq!(store.action_state(KINGSTON, &k).await.unwrap().version, 3);
}

fn plain(note: &str) -> store::NewUpdate {
    update(Rag::Amber, 50, note, "2009-06-01")
}
