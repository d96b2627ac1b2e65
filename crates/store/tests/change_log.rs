//! The change log cannot be quietly cut or rewritten, on SQLite and (with `TEST_DATABASE_URL`)
//! PostgreSQL: the database itself refuses to change or delete an entry.

#[allow(dead_code)] // each test binary uses only some of the shared helpers
mod common;

use common::{fresh_store, kingston, source};
use sqlx::{AnyConnection, Row};
use store::{ImportMode, Store};

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
