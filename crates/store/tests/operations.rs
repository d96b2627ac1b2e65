//! Backup, restore and copying a whole database into another (moving to PostgreSQL), on
//! SQLite and (with `TEST_DATABASE_URL`) PostgreSQL: every row goes, ids and hashes kept, the
//! change log verifies in the copy, new ids follow the copied ones, and a target that is not
//! empty or a table the copier cannot carry stops it before anything is written.

use crate::common::fresh_store;
use crate::progress_support::*;
use domain::Rag;
use sqlx::Row;
use store::{Store, StoreError};

/// The sample partnership with an update carrying an evidence file, an account with a
/// session, and an API token: rows in the plan, progress, blobs and accounts tables.
async fn populated() -> (Store, crate::common::Guard) {
    let (store, guard) = imported().await;
    let mut u = update(Rag::Amber, 40, "Draft circulated to members.", "2009-06-10");
    u.evidence = vec![pdf("draft.pdf")];
    record(&store, "Chair", "2009-06-11", "1.1", u).await;
    let at = ts("2009-06-12");
    let account = store
        .create_account(
            "admin",
            KINGSTON,
            "lo@example.org",
            "Lead",
            "argon-hash",
            at,
        )
        .await
        .unwrap();
    store
        .create_session(account, "session-hash", "csrf", at, ts("2099-01-01"))
        .await
        .unwrap();
    let token = store::NewApiToken {
        account_id: account,
        partnership: KINGSTON,
        name: "script",
        token_hash: "token-hash",
        expires_on: None,
    };
    store.create_api_token("admin", &token, at).await.unwrap();
    (store, guard)
}

async fn everything(store: &Store) -> (domain::Partnership, Vec<domain::Update>, String) {
    let p = store.load_partnership(KINGSTON).await.unwrap().unwrap();
    let updates = store.updates(KINGSTON, &key("1.1")).await.unwrap();
    let head = store.change_log_head(KINGSTON).await.unwrap().unwrap();
    (p, updates, head.to_string())
}

#[tokio::test]
async fn a_copy_holds_every_row_with_its_id_and_new_ids_follow_the_copied_ones() {
    let (source, _g1) = populated().await;
    let (target, g2) = fresh_store().await;
    let copied = source.copy_into(g2.url()).await.unwrap();
    assert!(copied.verified(), "{copied:?}");
    for table in [
        "partnerships",
        "actions",
        "blobs",
        "change_log",
        "sessions",
        "api_tokens",
    ] {
        let rows = copied
            .tables
            .iter()
            .find(|t| t.table == table)
            .unwrap()
            .rows;
        assert!(rows > 0, "{table} was not copied: {copied:?}");
    }
    assert!(
        !copied.tables.iter().any(|t| t.table == "schema_migrations"),
        "the migration record is each database's own"
    );
    assert_eq!(everything(&target).await, everything(&source).await);
    if target.backend() == store::Backend::Postgres {
        // Vacuumed and analysed after the load, so its planner has statistics at once.
        let row = sqlx::query(
            "SELECT vacuum_count AS v, analyze_count AS a FROM pg_stat_user_tables
             WHERE relname = 'change_log'",
        )
        .fetch_one(&mut g2.raw().await)
        .await
        .unwrap();
        let counts: (i64, i64) = (row.try_get("v").unwrap(), row.try_get("a").unwrap());
        assert!(counts.0 >= 1 && counts.1 >= 1, "{counts:?}");
        // Every table of Boardplan's own, named one by one (not the system catalogues,
        // which only a superuser may vacuum).
        let missed: Vec<String> = sqlx::query(
            "SELECT relname::text AS name FROM pg_stat_user_tables
             WHERE schemaname = current_schema() AND (vacuum_count = 0 OR analyze_count = 0)",
        )
        .fetch_all(&mut g2.raw().await)
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get("name").unwrap())
        .collect();
        assert!(missed.is_empty(), "not vacuumed and analysed: {missed:?}");
    }
    let sha = match &source.updates(KINGSTON, &key("1.1")).await.unwrap()[0].evidence[0] {
        domain::Evidence::File { sha256, .. } => sha256.clone(),
        other => panic!("{other:?}"),
    };
    assert_eq!(
        target.evidence_file(KINGSTON, &sha).await.unwrap(),
        source.evidence_file(KINGSTON, &sha).await.unwrap()
    );
    assert!(
        target
            .session("session-hash", ts("2010-01-01"))
            .await
            .unwrap()
            .is_some()
    );

    // The next write gets the next id on each back end (PostgreSQL's sequences were moved).
    let before = source.change_log_head(KINGSTON).await.unwrap().unwrap().id;
    let next = update(Rag::Green, 60, "Agreed.", "2009-07-01");
    record(&target, "Chair", "2009-07-02", "1.1", next).await;
    assert_eq!(
        target.change_log_head(KINGSTON).await.unwrap().unwrap().id,
        before + 1
    );
    assert!(
        target
            .verify_change_log(KINGSTON)
            .await
            .unwrap()
            .first_bad
            .is_none()
    );
}

#[tokio::test]
async fn a_target_that_holds_anything_is_refused_and_left_as_it_was() {
    let (source, _g1) = populated().await;
    let (target, g2) = imported().await;
    let before = everything(&target).await;
    let e = source.copy_into(g2.url()).await.unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
    assert!(e.to_string().contains("not empty"), "{e}");
    assert!(e.to_string().contains("nothing was changed"), "{e}");
    assert_eq!(everything(&target).await, before);
}

#[tokio::test]
async fn a_table_this_boardplan_does_not_know_stops_the_copy_before_anything_is_written() {
    let (source, g1) = populated().await;
    let mut raw = g1.raw().await;
    sqlx::raw_sql("CREATE TABLE extra_notes (id BIGINT PRIMARY KEY, note TEXT)")
        .execute(&mut raw)
        .await
        .unwrap();
    let (target, g2) = fresh_store().await;
    let e = source.copy_into(g2.url()).await.unwrap_err();
    assert!(e.to_string().contains("\"extra_notes\""), "{e}");
    assert!(target.partnerships().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_column_of_a_type_the_copier_cannot_carry_is_named_and_nothing_is_written() {
    let (source, g1) = populated().await;
    let mut raw = g1.raw().await;
    sqlx::raw_sql("CREATE TABLE odd (amount NUMERIC)")
        .execute(&mut raw)
        .await
        .unwrap();
    let (target, g2) = fresh_store().await;
    let e = source.copy_into(g2.url()).await.unwrap_err();
    assert!(e.to_string().contains("odd.amount"), "{e}");
    assert!(target.partnerships().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_backup_restores_exactly_and_is_never_written_over_unless_asked() {
    let (source, _g1) = populated().await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("nightly.db");
    let taken = source.backup(&file, false).await.unwrap();
    assert!(taken.verified() && taken.rows() > 0, "{taken:?}");
    assert!(!dir.path().join("nightly.db.partial").exists());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "a backup is readable by its owner only");
    }

    let bytes = std::fs::read(&file).unwrap();
    let e = source.backup(&file, false).await.unwrap_err();
    assert!(e.to_string().contains("already exists"), "{e}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    source.backup(&file, true).await.unwrap();
    let bytes = std::fs::read(&file).unwrap();

    let (target, g2) = fresh_store().await;
    let restored = Store::restore(&file, g2.url()).await.unwrap();
    assert_eq!(restored.tables, taken.tables);
    assert_eq!(everything(&target).await, everything(&source).await);
    let before = source.change_log_head(KINGSTON).await.unwrap().unwrap().id;
    let next = update(Rag::Green, 60, "Agreed.", "2009-07-01");
    record(&target, "Chair", "2009-07-02", "1.1", next).await;
    assert_eq!(
        target.change_log_head(KINGSTON).await.unwrap().unwrap().id,
        before + 1
    );
    // Restoring reads a copy: the backup file itself is as it was.
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    let again = dir.path().join("again.db");
    Store::restore(&file, &again.display().to_string())
        .await
        .unwrap();

    let e = Store::restore(&file, g2.url()).await.unwrap_err();
    assert!(e.to_string().contains("not empty"), "{e}");
}

#[tokio::test]
async fn a_file_that_is_not_a_boardplan_backup_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a database at all").unwrap();
    let target = dir.path().join("t.db").display().to_string();
    let e = Store::restore(&text, &target).await.unwrap_err();
    assert!(e.to_string().contains("not a Boardplan backup"), "{e}");
    let missing = dir.path().join("missing.db");
    let e = Store::restore(&missing, &target).await.unwrap_err();
    assert!(matches!(e, StoreError::NotFound { .. }), "{e:?}");
    // Another program's SQLite file.
    let other = dir.path().join("other.db");
    let mut conn = {
        use sqlx::Connection;
        sqlx::AnyConnection::connect(&format!("sqlite://{}?mode=rwc", other.display()))
            .await
            .unwrap()
    };
    sqlx::raw_sql("CREATE TABLE t (x TEXT)")
        .execute(&mut conn)
        .await
        .unwrap();
    {
        use sqlx::Connection;
        conn.close().await.unwrap();
    }
    let e = Store::restore(&other, &target).await.unwrap_err();
    assert!(e.to_string().contains("not a Boardplan database"), "{e}");
}

/// A year's updates arrive interleaved, action after action. After a bulk load PostgreSQL
/// holds each action's updates side by side, in the order they are read, so that an action's
/// page reads a page or two of the table rather than one per update; and every action reads
/// back the same, its evidence with it, whichever way it is read.
#[tokio::test]
async fn after_a_bulk_load_each_actions_updates_lie_together_and_read_back_whole() {
    let (store, guard) = imported().await;
    let days = ["2009-06-10", "2009-06-11", "2009-06-12"];
    for (i, day) in days.iter().enumerate() {
        for action in ["1.1", "1.2", "2.1"] {
            let mut u = update(Rag::Amber, 10 * (i as u8 + 1), "Work goes on.", day);
            if action == "1.2" && i == 1 {
                u.evidence = vec![
                    pdf("minutes.pdf"),
                    store::NewEvidence::Link {
                        url: "https://example.org/minutes".into(),
                        title: Some("Minutes".into()),
                    },
                ];
            }
            record(&store, "Chair", &format!("{day}T12:00:00Z"), action, u).await;
        }
    }
    let in_table_order = |sql: &'static str| {
        let guard = &guard;
        async move {
            let rows = sqlx::query(sql)
                .fetch_all(&mut guard.raw().await)
                .await
                .unwrap();
            rows.iter()
                .map(|r| r.try_get::<i64, _>("t").unwrap())
                .collect::<Vec<i64>>()
        }
    };
    let pg = store.backend() == store::Backend::Postgres;
    let by_ctid = "SELECT tracked_action_id AS t FROM progress_updates ORDER BY ctid";
    let is_grouped = |ts: &[i64]| ts.windows(2).all(|w| w[0] <= w[1]);
    if pg {
        assert!(
            !is_grouped(&in_table_order(by_ctid).await),
            "interleaved as recorded"
        );
    }
    store.after_bulk_load().await.unwrap();
    if pg {
        let order = in_table_order(by_ctid).await;
        assert_eq!(order.len(), 9);
        assert!(is_grouped(&order), "{order:?}");
    }
    let plan = store
        .updates_as_at(KINGSTON, PLAN, ts("2010-01-01"))
        .await
        .unwrap();
    for action in ["1.1", "1.2", "2.1"] {
        let page = store.action_in_full(KINGSTON, &key(action)).await.unwrap();
        let of_plan: Vec<_> = plan
            .iter()
            .filter(|u| u.action == action)
            .cloned()
            .collect();
        assert_eq!(page.updates.len(), 3, "{action}");
        assert_eq!(page.updates, of_plan, "{action}");
        assert_eq!(
            page.updates,
            store.updates(KINGSTON, &key(action)).await.unwrap()
        );
        let evidence: Vec<usize> = page.updates.iter().map(|u| u.evidence.len()).collect();
        let expected = if action == "1.2" {
            [0, 2, 0]
        } else {
            [0, 0, 0]
        };
        assert_eq!(evidence, expected, "{action}");
    }
}
