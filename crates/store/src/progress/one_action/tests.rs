//! The per-action queries seek, never scan: SQLite's query plan for each, read from a fresh
//! database (the planner chooses by the indexes alone there). PostgreSQL gets the same plain
//! equalities and ranges.

use sqlx::Row;

use super::*;

async fn plan_of(sql: &str, params: usize) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let store = crate::Store::connect(&dir.path().join("t.db").display().to_string())
        .await
        .unwrap();
    let mut query = sqlx::query(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")));
    for _ in 0..params {
        query = query.bind(1_i64);
    }
    query
        .fetch_all(&store.pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get::<String, _>("detail").unwrap())
        .collect()
}

fn assert_no_scan(plan: &[String], what: &str) {
    assert!(
        plan.iter().all(|d| !d.starts_with("SCAN")),
        "{what} scans a table: {plan:?}"
    );
}

#[tokio::test]
async fn one_update_and_its_evidence_are_read_by_their_keys() {
    let plan = plan_of(&sql(ONE_UPDATE), 2).await;
    assert_no_scan(&plan, "one update");
    assert!(
        plan.iter()
            .any(|d| d.starts_with("SEARCH u USING") && d.contains("id=?")),
        "{plan:?}"
    );
    let plan = plan_of(ONE_UPDATES_EVIDENCE, 2).await;
    assert_no_scan(&plan, "one update's evidence");
    assert!(
        plan.iter()
            .any(|d| d.starts_with("SEARCH e USING") && d.contains("update_id=?")),
        "{plan:?}"
    );
}

#[tokio::test]
async fn one_actions_ratings_seek_into_its_own_updates() {
    let plan = plan_of(&sql(RATINGS), 3).await;
    assert_no_scan(&plan, "one action's ratings");
    assert!(
        plan.iter()
            .any(|d| d.starts_with("SEARCH u USING") && d.contains("tracked_action_id=?")),
        "{plan:?}"
    );
}

#[tokio::test]
async fn the_changes_since_a_cached_view_are_a_range_of_the_log() {
    let plan = plan_of(CHANGES_AFTER, 3).await;
    assert_no_scan(&plan, "the changes after an entry");
    assert!(
        plan.iter().any(|d| d.starts_with("SEARCH c USING")
            && d.contains("partnership_id=?")
            && d.contains("id>?")),
        "{plan:?}"
    );
}
