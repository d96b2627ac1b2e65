//! The only module that knows which database the store talks to: the forms of database URL,
//! the set-up every pooled connection gets, the syntax of an auto-numbered id column, and how
//! a writing transaction starts and migrations take their lock. Everything else writes SQL that
//! both SQLite and PostgreSQL accept. `catalogue` reads each back end's own description of its
//! tables, for copying a whole database (backup, restore, moving to PostgreSQL); `quick` keeps
//! SQLite connections for the statement every request makes first.

pub(crate) mod catalogue;
pub(crate) mod inline;
pub(crate) mod quick;

use std::time::Duration;

use sqlx::AnyConnection;
use sqlx::any::AnyPoolOptions;

use crate::error::{Result, StoreError};

/// The kind of database behind a [`crate::Store`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file: the default, nothing to install.
    Sqlite,
    /// A PostgreSQL server reached by URL, for larger deployments.
    Postgres,
}

/// A database URL as sqlx wants it, and the back end it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Target {
    pub backend: Backend,
    pub url: String,
}

impl Target {
    /// Read `sqlite:PATH`, `sqlite://PATH`, a plain file path, or `postgres://…` /
    /// `postgresql://…`. A SQLite file is created if it is missing.
    pub fn parse(url: &str) -> Result<Self> {
        let url = url.trim();
        if url.is_empty() {
            return Err(StoreError::invalid(
                "no database was given: use a file path, sqlite:PATH or postgres://…",
            ));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(Self {
                backend: Backend::Postgres,
                url: url.to_string(),
            });
        }
        if let Some(rest) = url.strip_prefix("sqlite:") {
            let rest = rest.strip_prefix("//").unwrap_or(rest);
            let (path, params) = rest.split_once('?').unwrap_or((rest, ""));
            return Ok(Self::sqlite(path, params));
        }
        if let Some((scheme, _)) = url.split_once("://") {
            // Only the scheme is echoed: the rest may hold a password.
            return Err(StoreError::invalid(format!(
                "Boardplan cannot use a \"{scheme}\" database: use a file path, sqlite:PATH or \
                 postgres://…"
            )));
        }
        Ok(Self::sqlite(&encode_path(url), ""))
    }

    /// `path` is already URL-encoded; `mode=rwc` (create if missing) is added unless the
    /// caller chose a mode.
    fn sqlite(path: &str, params: &str) -> Self {
        let mut params: Vec<&str> = params.split('&').filter(|p| !p.is_empty()).collect();
        if !params.iter().any(|p| p.starts_with("mode=")) {
            params.push("mode=rwc");
        }
        Self {
            backend: Backend::Sqlite,
            url: format!("sqlite://{path}?{}", params.join("&")),
        }
    }
}

impl Target {
    /// The SQLite file as a SQLite URI (`file:…`) with the parameters given, for a
    /// connection opened outside sqlx (`inline`); `None` for PostgreSQL, and for a database
    /// in memory, which is private to the connection that opened it.
    pub fn sqlite_file_uri(&self) -> Option<String> {
        if self.backend != Backend::Sqlite {
            return None;
        }
        let rest = self.url.strip_prefix("sqlite://")?;
        let (path, params) = rest.split_once('?').unwrap_or((rest, ""));
        if path.is_empty() || path.starts_with(":memory:") || params.contains("mode=memory") {
            return None;
        }
        // The path is already escaped the way a SQLite URI wants it (`encode_path`);
        // `mode=rwc` would create a missing file, but the pool has opened it already.
        let params: Vec<&str> = params
            .split('&')
            .filter(|p| !p.is_empty() && *p != "mode=rwc")
            .collect();
        Some(if params.is_empty() {
            format!("file:{path}")
        } else {
            format!("file:{path}?{}", params.join("&"))
        })
    }
}

/// Escape the characters a SQLite URL gives meaning to (`%`, `?`, `#`) in a plain path.
fn encode_path(path: &str) -> String {
    path.replace('%', "%25")
        .replace('?', "%3F")
        .replace('#', "%23")
}

/// Set on every SQLite connection opened (the pool's and `quick`'s): wait for a writer rather
/// than fail, enforce foreign keys, write-ahead log for concurrent readers, and full sync for
/// durability.
const SQLITE_SETUP: [&str; 4] = [
    "PRAGMA busy_timeout = 5000",
    "PRAGMA foreign_keys = ON",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
];

/// Pool options for `backend`: its size, and the set-up each new connection gets.
pub(crate) fn pool_options(backend: Backend) -> AnyPoolOptions {
    let options = AnyPoolOptions::new().acquire_timeout(Duration::from_secs(30));
    match backend {
        // No ping before each use: the connection lives in this process and sqlx already
        // pinged it when it was returned, so another ping is only one more round trip to
        // its worker thread, which is most of what a read served from memory costs.
        Backend::Sqlite => options
            .max_connections(8)
            .test_before_acquire(false)
            .after_connect(|conn, _meta| Box::pin(sqlite_set_up(conn))),
        // sqlx pings every connection as it is returned; pinging it again as it is lent
        // costs each request a round trip. Only one idle for a while is pinged, since the
        // server may have cut it in that time (a restart, an idle timeout).
        Backend::Postgres => options
            .max_connections(10)
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for > PING_AFTER_IDLE {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            }),
    }
}

/// How long a PostgreSQL connection may sit in the pool before it is pinged when lent.
const PING_AFTER_IDLE: Duration = Duration::from_secs(1);

/// Give a new SQLite connection [`SQLITE_SETUP`].
async fn sqlite_set_up(conn: &mut AnyConnection) -> sqlx::Result<()> {
    for pragma in SQLITE_SETUP {
        sqlx::raw_sql(pragma).execute(&mut *conn).await?;
    }
    Ok(())
}

/// The statement that opens a transaction that will write. SQLite takes its write lock at
/// once (so two writers queue on `busy_timeout` instead of failing when one upgrades a read
/// lock); PostgreSQL locks rows as it goes.
pub(crate) fn begin_write(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "BEGIN IMMEDIATE",
        Backend::Postgres => "BEGIN",
    }
}

/// The statement that opens a transaction that only reads, so that a tree read in several
/// queries comes from one snapshot even while someone imports.
pub(crate) fn begin_read(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "BEGIN",
        Backend::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
    }
}

/// A statement run first in each migration's transaction so that app servers starting
/// together migrate one at a time. SQLite's `BEGIN IMMEDIATE` already serialises them.
pub(crate) fn migration_lock(backend: Backend) -> Option<&'static str> {
    match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some("SELECT 1 AS locked FROM pg_advisory_xact_lock(7262100)"),
    }
}

/// The back end a pooled connection talks to.
pub(crate) fn backend_of(conn: &AnyConnection) -> Result<Backend> {
    match conn.backend_name() {
        "SQLite" => Ok(Backend::Sqlite),
        "PostgreSQL" => Ok(Backend::Postgres),
        other => Err(StoreError::invalid(format!(
            "Boardplan cannot use a {other} database"
        ))),
    }
}

/// Append the placeholder for parameter `n` (1-based, in order) of a generated statement.
/// SQLite gets anonymous `?`s: binding a numbered `$N` there looks its name up in a list, so a
/// multi-row insert of thousands of values would take quadratic time.
pub(crate) fn push_placeholder(backend: Backend, sql: &mut String, n: usize) {
    match backend {
        Backend::Sqlite => sql.push('?'),
        Backend::Postgres => {
            sql.push('$');
            sql.push_str(&n.to_string());
        }
    }
}

/// A migration's SQL for `backend`: `{{id}}` becomes the auto-numbered primary key column and
/// `{{blob}}` a column of bytes.
pub(crate) fn render_migration(backend: Backend, sql: &str) -> String {
    let (id, blob) = match backend {
        Backend::Sqlite => ("INTEGER PRIMARY KEY", "BLOB"),
        Backend::Postgres => ("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "BYTEA"),
    };
    sql.replace("{{id}}", id).replace("{{blob}}", blob)
}

/// An aggregate joining the text `expr` of every row of a group with `separator` between
/// them (order unspecified): one row back instead of thousands, for reads where the per-row
/// cost of the driver dominates.
pub(crate) fn text_agg(backend: Backend, expr: &str, separator: &str) -> String {
    match backend {
        Backend::Sqlite => format!("group_concat({expr}, '{separator}')"),
        Backend::Postgres => format!("string_agg({expr}, '{separator}')"),
    }
}

/// The statement that makes writers to one partnership's progress wait for each other, run
/// first in their transaction with the partnership's id as `$1`. SQLite's `BEGIN IMMEDIATE`
/// already serialises every writer; on PostgreSQL the partnership's row is locked, so that
/// the second writer reads what the first committed (and its change-log link) before it
/// checks versions.
pub(crate) fn lock_partnership(backend: Backend) -> Option<&'static str> {
    match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some("SELECT id FROM partnerships WHERE id = $1 FOR NO KEY UPDATE"),
    }
}

/// The statement that lets one app server at a time queue reminders, run first in the
/// queueing transaction: PostgreSQL's advisory lock, tried rather than waited for (`locked` is
/// false when another server holds it, and this one leaves the round to it). SQLite has a
/// single writer (`BEGIN IMMEDIATE`), so there is nothing to take.
pub(crate) fn reminder_lock(backend: Backend) -> Option<&'static str> {
    match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some("SELECT pg_try_advisory_xact_lock(7262101) AS locked"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sqlite_url(url: &str) -> String {
        let t = Target::parse(url).unwrap();
        assert_eq!(t.backend, Backend::Sqlite);
        t.url
    }

    #[test]
    fn no_connection_is_pinged_before_every_use() {
        // sqlx pings each connection as it comes back; a PostgreSQL connection idle for a
        // while is pinged again (see `a_postgresql_connection_idle_for_a_while_is_pinged`).
        assert!(!pool_options(Backend::Sqlite).get_test_before_acquire());
        assert!(!pool_options(Backend::Postgres).get_test_before_acquire());
    }

    fn file_uri(url: &str) -> Option<String> {
        Target::parse(url).unwrap().sqlite_file_uri()
    }

    #[test]
    fn a_sqlite_file_is_opened_outside_sqlx_at_the_same_path_with_the_same_parameters() {
        assert_eq!(file_uri("plan.db").as_deref(), Some("file:plan.db"));
        assert_eq!(
            file_uri("/var/lib/bp/plan.db").as_deref(),
            Some("file:/var/lib/bp/plan.db")
        );
        assert_eq!(
            file_uri("a?b#c%d.db").as_deref(),
            Some("file:a%3Fb%23c%25d.db")
        );
        assert_eq!(
            file_uri("sqlite://p.db?mode=ro").as_deref(),
            Some("file:p.db?mode=ro")
        );
    }

    #[test]
    fn memory_and_postgres_have_no_sqlite_file() {
        assert_eq!(file_uri("sqlite::memory:"), None);
        assert_eq!(file_uri("sqlite://p.db?mode=memory"), None);
        assert_eq!(file_uri("postgres://u@h/d"), None);
    }

    #[test]
    fn every_sqlite_form_becomes_a_create_if_missing_url() {
        assert_eq!(sqlite_url("plan.db"), "sqlite://plan.db?mode=rwc");
        assert_eq!(
            sqlite_url("/var/lib/bp/plan.db"),
            "sqlite:///var/lib/bp/plan.db?mode=rwc"
        );
        assert_eq!(sqlite_url("sqlite:plan.db"), "sqlite://plan.db?mode=rwc");
        assert_eq!(
            sqlite_url("sqlite:///tmp/p.db"),
            "sqlite:///tmp/p.db?mode=rwc"
        );
        assert_eq!(sqlite_url("sqlite://p.db?mode=ro"), "sqlite://p.db?mode=ro");
    }

    #[test]
    fn a_plain_path_may_hold_url_characters() {
        assert_eq!(
            sqlite_url("a?b#c%d.db"),
            "sqlite://a%3Fb%23c%25d.db?mode=rwc"
        );
    }

    #[test]
    fn postgres_urls_are_kept_as_given() {
        for url in [
            "postgres://u@h/db",
            "postgresql://u:p@h:5432/db?sslmode=require",
        ] {
            assert_eq!(
                Target::parse(url).unwrap(),
                Target {
                    backend: Backend::Postgres,
                    url: url.into()
                }
            );
        }
    }

    #[test]
    fn another_scheme_is_refused_without_echoing_its_credentials() {
        let e = Target::parse("mysql://root:hunter2@db/plan").unwrap_err();
        assert!(matches!(e, StoreError::InvalidData { .. }));
        assert!(e.to_string().contains("\"mysql\""));
        assert!(!e.to_string().contains("hunter2"));
    }

    #[test]
    fn the_id_column_is_spelled_for_each_back_end() {
        let sql = "CREATE TABLE t (id {{id}}, n BIGINT)";
        assert_eq!(
            render_migration(Backend::Sqlite, sql),
            "CREATE TABLE t (id INTEGER PRIMARY KEY, n BIGINT)"
        );
        assert!(render_migration(Backend::Postgres, sql).contains("GENERATED ALWAYS AS IDENTITY"));
    }

    #[test]
    fn text_is_aggregated_with_each_back_ends_own_function() {
        assert_eq!(text_agg(Backend::Sqlite, "x", ";"), "group_concat(x, ';')");
        assert_eq!(text_agg(Backend::Postgres, "x", ";"), "string_agg(x, ';')");
    }

    #[test]
    fn a_column_of_bytes_is_a_blob_on_sqlite_and_bytea_on_postgres() {
        let sql = "CREATE TABLE b (bytes {{blob}} NOT NULL)";
        assert!(render_migration(Backend::Sqlite, sql).contains("bytes BLOB NOT NULL"));
        assert!(render_migration(Backend::Postgres, sql).contains("bytes BYTEA NOT NULL"));
    }
}
