//! For tests: the plan the database chooses for a statement, on the back end the tests run on
//! (PostgreSQL when `TEST_DATABASE_URL` names one, as in CI's second pass; else SQLite), so
//! that a per-item query that reads a whole table fails on either.
//!
//! SQLite's planner chooses by the indexes alone in a fresh database. PostgreSQL weighs costs,
//! and reads a small table whole when that is cheaper; with sequential scans priced out
//! (`enable_seqscan = off`) it still chooses one only when no index can answer the query,
//! which is the mistake these tests look for (an `($1 < 0 OR id = $1)` filter, for one). Its
//! plan is the generic one a prepared statement is reused with, not one made for the values.

use sqlx::{Connection, Row};

use crate::Store;
use crate::dialect::Backend;

/// A value for a placeholder, typed as the column it is compared with.
pub(crate) enum Bind {
    Int(i64),
    Text(&'static str),
    /// No number: a filter not asked for (see `sql::only_if_given`).
    Null,
}

/// The lines of a query plan, and the back end that made it.
#[derive(Debug)]
pub(crate) struct Plan {
    pub backend: Backend,
    pub lines: Vec<String>,
}

impl Plan {
    /// Fail if any of `tables` is read whole: `(alias, table)`, the alias as the query names
    /// it (SQLite's plan speaks of aliases, PostgreSQL's of tables).
    pub fn assert_no_full_read(&self, what: &str, tables: &[(&str, &str)]) {
        for (alias, table) in tables {
            let whole = |line: &String| match self.backend {
                Backend::Sqlite => {
                    line.starts_with(&format!("SCAN {alias}")) || line == &format!("SCAN {table}")
                }
                Backend::Postgres => line.contains(&format!("Seq Scan on {table}")),
            };
            assert!(
                !self.lines.iter().any(whole),
                "{what} reads all of {table} on {:?}: {:#?}",
                self.backend,
                self.lines
            );
        }
    }
}

impl Plan {
    /// Fail unless the database seeks into `alias`'s table by `column` compared with `op`
    /// (`=`, `>`…) — not, say, by the partnership alone and then filtering.
    pub fn assert_seeks_by(&self, what: &str, alias: &str, column: &str, op: &str) {
        let seeks = |line: &String| match self.backend {
            // An `INTEGER PRIMARY KEY` id is the row id there: `(rowid=?)`.
            Backend::Sqlite => {
                line.starts_with(&format!("SEARCH {alias} USING"))
                    && (names(line, &format!("{column}{op}?"))
                        || column == "id" && names(line, &format!("rowid{op}?")))
            }
            // `Index Cond: ((partnership_id = $1) AND (id = $2))`.
            Backend::Postgres => line.contains("Cond:") && names(line, &format!("{column} {op} ")),
        };
        assert!(
            self.lines.iter().any(seeks),
            "{what} does not seek by {alias}.{column} on {:?}: {:#?}",
            self.backend,
            self.lines
        );
    }
}

impl Plan {
    /// Fail unless the database answers from `index` alone, without reading its table.
    pub fn assert_index_only(&self, what: &str, index: &str) {
        let covered = |line: &String| match self.backend {
            Backend::Sqlite => line.contains(&format!("USING COVERING INDEX {index} ")),
            Backend::Postgres => line.contains(&format!("Index Only Scan using {index} ")),
        };
        assert!(
            self.lines.iter().any(covered),
            "{what} reads the table beside {index} on {:?}: {:#?}",
            self.backend,
            self.lines
        );
    }
}

/// Whether `line` holds `term` as a whole name (`id=?`, not the end of `tracked_action_id=?`).
fn names(line: &str, term: &str) -> bool {
    line.match_indices(term).any(|(at, _)| {
        !line[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

/// The plan of `sql` with `binds`, in a freshly migrated database of the tests' back end.
pub(crate) async fn plan(sql: &str, binds: &[Bind]) -> Plan {
    explained(sql, binds, &[]).await
}

/// [`plan`], in a database holding two partnerships' actions and their updates, with the
/// planner's statistics gathered: where two indexes would each do for empty tables (the
/// partnership's and the action's key, say), the planner then picks as it would in use.
pub(crate) async fn plan_filled(sql: &str, binds: &[Bind]) -> Plan {
    explained(sql, binds, &FILL).await
}

/// Rows for [`plan_filled`], in SQL both back ends speak: 400 tracked actions in two
/// partnerships, five updates each, and a sign-off on every other one.
const FILL: [&str; 6] = [
    "INSERT INTO partnerships (slug, name, created_at)
     VALUES ('a', 'A', '2026-01-01T00:00:00Z'), ('b', 'B', '2026-01-01T00:00:00Z')",
    "INSERT INTO tracked_actions (partnership_id, plan_title, uid, row_version, last_change,
                                  changed_by, changed_at, created_at)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
     SELECT p.id, 'Plan', '4.' || CAST(n.i AS TEXT), 5, 'update', 'x',
            '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z'
     FROM partnerships p CROSS JOIN n",
    "INSERT INTO progress_updates (partnership_id, tracked_action_id, rag, percent, narrative,
                                   as_of, author, recorded_at)
     WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5)
     SELECT t.partnership_id, t.id, 'amber', 40, 'On track.', '2026-01-0' || CAST(n.i AS TEXT),
            'x', '2026-01-0' || CAST(n.i AS TEXT) || 'T09:00:00Z'
     FROM tracked_actions t CROSS JOIN n",
    "INSERT INTO roles (partnership_id, position, slug, title)
     SELECT p.id, 1, 'chair', 'Chair' FROM partnerships p",
    "INSERT INTO signoffs (partnership_id, tracked_action_id, signed_by, role_id, at)
     SELECT t.partnership_id, t.id, 'x', r.id, '2026-01-06T09:00:00Z'
     FROM tracked_actions t JOIN roles r ON r.partnership_id = t.partnership_id
     WHERE t.id % 2 = 0",
    "ANALYZE",
];

async fn explained(sql: &str, binds: &[Bind], fill: &[&str]) -> Plan {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin) if admin.starts_with("postgres") => postgres(&admin, sql, binds, fill).await,
        _ => sqlite(sql, binds, fill).await,
    }
}

/// Run `fill` on `conn`, one statement at a time.
async fn filled(conn: &mut sqlx::AnyConnection, fill: &[&str]) {
    for statement in fill {
        sqlx::raw_sql(sqlx::AssertSqlSafe(*statement))
            .execute(&mut *conn)
            .await
            .unwrap();
    }
}

/// The back end [`plan`] asks, for a statement written in its dialect.
pub(crate) fn test_backend() -> Backend {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(admin) if admin.starts_with("postgres") => Backend::Postgres,
        _ => Backend::Sqlite,
    }
}

fn bound<'q>(
    mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    binds: &[Bind],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
    for b in binds {
        query = match b {
            Bind::Int(v) => query.bind(*v),
            Bind::Text(v) => query.bind(*v),
            Bind::Null => query.bind(None::<i64>),
        };
    }
    query
}

async fn sqlite(sql: &str, binds: &[Bind], fill: &[&str]) -> Plan {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::connect(&dir.path().join("t.db").display().to_string())
        .await
        .unwrap();
    let mut conn = store.pool.acquire().await.unwrap();
    // A pooled connection may have read the schema while the migrations ran, and explaining
    // does not check it is current (running would): a real read first makes it reload, so
    // that an index the last migration made is seen.
    sqlx::query("SELECT COUNT(*) FROM sqlite_master")
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    filled(&mut conn, fill).await;
    let explain = format!("EXPLAIN QUERY PLAN {sql}");
    let rows = bound(sqlx::query(sqlx::AssertSqlSafe(explain)), binds)
        .fetch_all(&mut *conn)
        .await
        .unwrap();
    Plan {
        backend: Backend::Sqlite,
        lines: rows
            .iter()
            .map(|r| r.try_get::<String, _>("detail").unwrap())
            .collect(),
    }
}

async fn postgres(admin: &str, sql: &str, binds: &[Bind], fill: &[&str]) -> Plan {
    let name = format!(
        "bp_plan_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
    sqlx::any::install_default_drivers();
    let mut root = sqlx::AnyConnection::connect(admin).await.unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut root)
        .await
        .unwrap();
    let base = admin.rsplit_once('/').map_or(admin, |(b, _)| b);
    let lines = {
        let store = Store::connect(&format!("{base}/{name}")).await.unwrap();
        let mut conn = store.pool.acquire().await.unwrap();
        filled(&mut conn, fill).await;
        // The generic plan, as a prepared statement reused with any values gets: a custom one
        // would fold `1 < 0` away and hide an `($2 < 0 OR id = $2)` filter.
        sqlx::raw_sql("SET enable_seqscan = off; SET plan_cache_mode = force_generic_plan")
            .execute(&mut *conn)
            .await
            .unwrap();
        // Prepared with its parameters' types, then explained as executed: the plan the
        // statement is kept with, in which `$1` stays a parameter.
        let types: Vec<&str> = binds
            .iter()
            .map(|b| match b {
                Bind::Int(_) | Bind::Null => "bigint",
                Bind::Text(_) => "text",
            })
            .collect();
        let values: Vec<String> = binds
            .iter()
            .map(|b| match b {
                Bind::Int(v) => v.to_string(),
                Bind::Text(v) => format!("'{}'", v.replace('\'', "''")),
                Bind::Null => "NULL".to_string(),
            })
            .collect();
        let prepare = format!("PREPARE bp_plan ({}) AS {sql}", types.join(", "));
        sqlx::raw_sql(sqlx::AssertSqlSafe(prepare))
            .execute(&mut *conn)
            .await
            .unwrap();
        let explain = format!("EXPLAIN EXECUTE bp_plan ({})", values.join(", "));
        let rows = sqlx::query(sqlx::AssertSqlSafe(explain))
            .fetch_all(&mut *conn)
            .await
            .unwrap();
        let lines = rows
            .iter()
            .map(|r| r.try_get::<String, _>(0).unwrap())
            .collect();
        drop(conn);
        store.pool.close().await;
        lines
    };
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(&mut root)
    .await
    .unwrap();
    Plan {
        backend: Backend::Postgres,
        lines,
    }
}
