//! No lost update: real concurrent writers, each with its own connection pool, race on the
//! same action; exactly one wins and the others get a conflict naming the winner. Writers on
//! different actions of one partnership all succeed and the change log stays one chain.

#[allow(dead_code)]
use std::sync::Arc;

use crate::progress_support::*;
use domain::Rag;
use store::{Stamp, Store, StoreError};
use tokio::sync::Barrier;

async fn writers(url: &str, n: usize) -> Vec<Store> {
    let mut out = Vec::new();
    for _ in 0..n {
        out.push(Store::connect(url).await.unwrap());
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writers_racing_on_one_action_one_wins_and_the_others_get_a_conflict() {
    let (store, guard) = imported().await;
    let racers = writers(guard.url(), 4).await;
    for round in 0..5 {
        let seen = store
            .action_state(KINGSTON, &key("1.1"))
            .await
            .unwrap()
            .version;
        let before = store.updates(KINGSTON, &key("1.1")).await.unwrap().len();
        let barrier = Arc::new(Barrier::new(racers.len()));
        let mut tasks = Vec::new();
        for (i, s) in racers.iter().cloned().enumerate() {
            let barrier = barrier.clone();
            tasks.push(tokio::spawn(async move {
                let who = format!("writer {i}");
                let u = update(
                    Rag::Amber,
                    10 + i as u8,
                    &format!("Round {round} by {who}"),
                    "2009-06-01",
                );
                barrier.wait().await;
                let r = s
                    .record_update(
                        KINGSTON,
                        Stamp::new(&who, jiff::Timestamp::now()),
                        &key("1.1"),
                        seen,
                        u,
                    )
                    .await;
                (who, r)
            }));
        }
        let mut wins = Vec::new();
        let mut conflicts = Vec::new();
        for t in tasks {
            match t.await.unwrap() {
                (who, Ok(w)) => wins.push((who, w)),
                (_, Err(StoreError::Conflict { what })) => conflicts.push(what),
                (who, Err(e)) => panic!("{who}: {e:?}"),
            }
        }
        assert_eq!(wins.len(), 1, "round {round}: {conflicts:?}");
        assert_eq!(conflicts.len(), racers.len() - 1);
        let (winner, w) = &wins[0];
        assert_eq!(w.version, seen + 1);
        for c in &conflicts {
            assert!(c.contains(&format!("changed by {winner}")), "{c}");
            assert!(
                c.contains(&format!(
                    "you saw version {seen}, it is now version {}",
                    seen + 1
                )),
                "{c}"
            );
        }
        let after = store.updates(KINGSTON, &key("1.1")).await.unwrap();
        assert_eq!(after.len(), before + 1, "exactly one update was written");
        assert_eq!(after.last().unwrap().author, *winner);
    }
    assert_eq!(
        store.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writers_on_different_actions_of_one_partnership_all_succeed_and_the_log_stays_one_chain() {
    let (store, guard) = imported().await;
    let racers = writers(guard.url(), 6).await;
    let actions = ["1.1", "1.2", "2.1", "4.1", "4.2", "4.3"];
    let barrier = Arc::new(Barrier::new(racers.len()));
    let mut tasks = Vec::new();
    for (s, a) in racers.into_iter().zip(actions) {
        let barrier = barrier.clone();
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            s.record_update(
                KINGSTON,
                Stamp::new("writer", jiff::Timestamp::now()),
                &key(a),
                0,
                update(Rag::Green, 50, "On track.", "2009-06-01"),
            )
            .await
        }));
    }
    for t in tasks {
        t.await.unwrap().unwrap();
    }
    let log = store.change_log(KINGSTON).await.unwrap();
    assert_eq!(
        log.iter().filter(|c| c.entity == "update").count(),
        actions.len()
    );
    let v = store.verify_change_log(KINGSTON).await.unwrap();
    assert_eq!((v.entries, v.first_bad), (log.len(), None));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn plain_posts_and_first_updates_at_once_all_land_and_the_log_stays_one_chain() {
    let (store, guard) = imported().await;
    // Four actions already rated, whose posts take two round trips, and two never rated,
    // whose first update takes the general path and its lock: all of one partnership, so
    // every post races the others for the log's next place.
    let rated = ["1.1", "1.2", "2.1", "4.1"];
    for a in rated {
        record(
            &store,
            "Chair",
            "2009-06-02",
            a,
            update(Rag::Red, 5, "Begun.", "2009-06-01"),
        )
        .await;
    }
    let actions = ["1.1", "1.2", "2.1", "4.1", "4.2", "4.3"];
    let racers = writers(guard.url(), actions.len()).await;
    let posts = 8_i64;
    let barrier = Arc::new(Barrier::new(racers.len()));
    let mut tasks = Vec::new();
    for (s, a) in racers.iter().cloned().zip(actions) {
        let barrier = barrier.clone();
        let first = if rated.contains(&a) { 1 } else { 0 };
        tasks.push(tokio::spawn(async move {
            barrier.wait().await;
            for v in first..first + posts {
                let note = format!("Post {v} on {a}.");
                let u = update(Rag::Amber, 50, &note, "2009-06-01");
                let stamp = Stamp::new("writer", jiff::Timestamp::now());
                let written = s.record_update(KINGSTON, stamp, &key(a), v, u).await;
                assert_eq!(written.unwrap().version, v + 1, "{a}");
            }
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    for a in actions {
        let state = store.action_state(KINGSTON, &key(a)).await.unwrap();
        let updates = store.updates(KINGSTON, &key(a)).await.unwrap();
        assert_eq!(i64::try_from(updates.len()).unwrap(), state.version, "{a}");
        assert_eq!(
            state.latest.map(|l| l.id),
            updates.last().map(|u| u.id),
            "{a}"
        );
    }
    let log = store.change_log(KINGSTON).await.unwrap();
    let expected = rated.len() + actions.len() * usize::try_from(posts).unwrap();
    assert_eq!(
        log.iter().filter(|c| c.entity == "update").count(),
        expected
    );
    let v = store.verify_change_log(KINGSTON).await.unwrap();
    assert_eq!((v.entries, v.first_bad), (log.len(), None));
    // Some took two round trips, on either back end; the rest were tried again, or waited
    // their turn on the general path.
    let quick: u64 = racers.iter().map(|s| s.stats().posts_in_two_trips).sum();
    assert!(quick > 0, "none of {expected} posts took two round trips");
}
