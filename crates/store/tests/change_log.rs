//! The change log cannot be quietly cut or rewritten, on SQLite and (with `TEST_DATABASE_URL`)
//! PostgreSQL: the database itself refuses to change or delete an entry, and an anchor written
//! down earlier (the newest entry's id and hash) shows a log cut back or rewritten before it,
//! which the hash chain alone cannot.

#[allow(dead_code)] // each test binary uses only some of the shared helpers
use crate::common::{fresh_store, kingston, source};
use sqlx::{AnyConnection, Row};
use store::{Anchor, AnchorCheck, ImportMode, Store};

const KINGSTON: &str = "kingston-upon-thames-lscb";

async fn import_kingston(store: &Store) {
    store
        .import_partnership(
            "alice",
            &kingston(),
            &source("kingston.txt", "aaaa"),
            ImportMode::New,
        )
        .await
        .unwrap();
}

/// Every row of the log as the database holds it, to show that a refused statement left it so.
async fn rows(raw: &mut AnyConnection) -> Vec<(i64, String, String)> {
    sqlx::query("SELECT id, actor, hash FROM change_log ORDER BY id")
        .fetch_all(&mut *raw)
        .await
        .unwrap()
        .iter()
        .map(|r| (r.get("id"), r.get("actor"), r.get("hash")))
        .collect()
}

#[tokio::test]
async fn the_database_refuses_to_change_or_delete_a_log_entry_and_changes_nothing() {
    let (store, guard) = fresh_store().await;
    import_kingston(&store).await;
    let mut raw = guard.raw().await;
    let before = rows(&mut raw).await;
    assert!(before.len() > 5);
    let victim = before[5].0;
    let attempts = [
        (
            "UPDATE change_log SET actor = 'mallory' WHERE id = $1",
            "changed",
        ),
        ("DELETE FROM change_log WHERE id = $1", "deleted"),
        ("DELETE FROM change_log WHERE id >= $1", "deleted"),
    ];
    for (sql, verb) in attempts {
        let err = sqlx::query(sql)
            .bind(victim)
            .execute(&mut raw)
            .await
            .expect_err(sql);
        let message = err.to_string();
        assert!(
            message.contains(&format!(
                "the change log is append-only: an entry cannot be {verb}"
            )),
            "{sql}: {message}"
        );
    }
    if store.backend() == store::Backend::Postgres {
        let err = sqlx::raw_sql("TRUNCATE change_log")
            .execute(&mut raw)
            .await
            .expect_err("truncate");
        assert!(err.to_string().contains("append-only"), "{err}");
    }
    assert_eq!(rows(&mut raw).await, before);
    let v = store.verify_change_log(KINGSTON).await.unwrap();
    assert_eq!((v.entries, v.first_bad), (before.len(), None));
}

#[tokio::test]
async fn the_head_is_the_newest_entry_and_verifies_as_an_anchor() {
    let (store, _guard) = fresh_store().await;
    import_kingston(&store).await;
    let log = store.change_log(KINGSTON).await.unwrap();
    let newest = log.last().unwrap();
    let head = store.change_log_head(KINGSTON).await.unwrap().unwrap();
    assert_eq!(
        (head.id, head.hash.as_str()),
        (newest.id, newest.hash.as_str())
    );
    let v = store
        .verify_change_log_against(KINGSTON, Some(&head))
        .await
        .unwrap();
    assert_eq!((v.first_bad, v.anchor), (None, Some(AnchorCheck::Matches)));
    // An older anchor still matches once the log has grown past it.
    let older = Anchor {
        id: log[0].id,
        hash: log[0].hash[..Anchor::MIN_PREFIX].to_string(),
    };
    let v = store
        .verify_change_log_against(KINGSTON, Some(&older))
        .await
        .unwrap();
    assert_eq!(v.anchor, Some(AnchorCheck::Matches));
}

#[tokio::test]
async fn an_unknown_partnership_has_no_head_to_read() {
    let (store, _guard) = fresh_store().await;
    let err = store.change_log_head(KINGSTON).await.unwrap_err();
    assert!(matches!(err, store::StoreError::NotFound { .. }), "{err:?}");
}

#[tokio::test]
async fn cutting_off_the_tail_leaves_a_valid_chain_but_not_the_anchor() {
    let (store, guard) = fresh_store().await;
    import_kingston(&store).await;
    let head = store.change_log_head(KINGSTON).await.unwrap().unwrap();
    let mut raw = guard.raw().await;
    guard.drop_change_log_triggers(&mut raw).await;
    sqlx::query("DELETE FROM change_log WHERE id >= $1")
        .bind(head.id - 2)
        .execute(&mut raw)
        .await
        .unwrap();
    let v = store
        .verify_change_log_against(KINGSTON, Some(&head))
        .await
        .unwrap();
    assert_eq!(v.first_bad, None, "the shortened chain still links");
    assert_eq!(v.anchor, Some(AnchorCheck::Missing));
}

#[tokio::test]
async fn a_rewritten_anchor_entry_differs() {
    let (store, guard) = fresh_store().await;
    import_kingston(&store).await;
    let head = store.change_log_head(KINGSTON).await.unwrap().unwrap();
    let mut raw = guard.raw().await;
    guard.drop_change_log_triggers(&mut raw).await;
    let forged = "0".repeat(64);
    sqlx::query("UPDATE change_log SET hash = $1 WHERE id = $2")
        .bind(&forged)
        .bind(head.id)
        .execute(&mut raw)
        .await
        .unwrap();
    let v = store
        .verify_change_log_against(KINGSTON, Some(&head))
        .await
        .unwrap();
    assert_eq!(v.anchor, Some(AnchorCheck::Differs { hash: forged }));
}
