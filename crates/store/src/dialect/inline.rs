//! On SQLite, the caller's statement (`accounts::caller`) read on the request's own thread.
//! sqlx gives every SQLite connection a thread of its own, and each statement is a message
//! to that thread and an answer back: under load, switching threads for the one statement a
//! page served from memory makes was most of the kernel's share of the server's CPU for the
//! dashboard. That statement finds a few rows by their keys, in microseconds, and in
//! write-ahead-log mode a reader never waits for the writer; so it runs here, synchronously,
//! on a connection of this set. Every other statement still goes through sqlx.

use std::sync::Mutex;

use sqlx::Row as _;
use sqlx::any::AnyRow;

use crate::error::{Result, StoreError};

/// Connections kept idle: only as many are ever in use as threads run requests at once.
const KEPT: usize = 8;

/// SQLite connections to one database file, lent to one statement at a time.
#[derive(Debug)]
pub(crate) struct Inline {
    /// The database as a SQLite URI (`file:…`), with the parameters the store was given.
    uri: String,
    /// `None` once the store has closed: connections coming back are then closed.
    idle: Mutex<Option<Vec<rusqlite::Connection>>>,
}

impl Inline {
    /// A set for the SQLite file at `uri` (as [`super::Target::sqlite_file_uri`] gives it).
    pub fn at(uri: String) -> Self {
        Self {
            uri,
            idle: Mutex::new(Some(Vec::new())),
        }
    }

    /// The first row of `sql` with `params` (bound by name: `$1`, `$2`, …), read by `row`.
    /// A connection that failed is closed rather than kept.
    pub fn fetch_optional<T>(
        &self,
        sql: &str,
        params: &[(&str, &dyn rusqlite::ToSql)],
        row: impl FnOnce(&rusqlite::Row<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        let conn = match self.take()? {
            Some(conn) => conn,
            None => self.open()?,
        };
        let out = first_row(&conn, sql, params, row);
        if !matches!(out, Err(StoreError::Database(_))) {
            self.give_back(conn);
        }
        out
    }

    fn take(&self) -> Result<Option<rusqlite::Connection>> {
        let mut idle = self.idle.lock().map_err(|_| closed())?;
        Ok(idle.as_mut().ok_or_else(closed)?.pop())
    }

    fn give_back(&self, conn: rusqlite::Connection) {
        if let Ok(mut idle) = self.idle.lock()
            && let Some(idle) = idle.as_mut()
            && idle.len() < KEPT
        {
            idle.push(conn);
        }
    }

    /// A connection that only reads, waiting for a lock as the pool's do.
    fn open(&self) -> Result<rusqlite::Connection> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = rusqlite::Connection::open_with_flags(&self.uri, flags)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "query_only", true)?;
        Ok(conn)
    }

    /// Close every idle connection and keep none that comes back (the store is closing).
    /// Statements here never wait on anything but SQLite, so none is still running once
    /// the requests that made them have ended.
    pub fn close(&self) {
        let conns = self.idle.lock().ok().and_then(|mut idle| idle.take());
        drop(conns);
    }

    /// How many connections wait idle.
    #[cfg(test)]
    pub fn idle(&self) -> usize {
        self.idle
            .lock()
            .map_or(0, |idle| idle.as_ref().map_or(0, Vec::len))
    }
}

/// The store has closed: as a closed pool refuses.
fn closed() -> StoreError {
    StoreError::from(sqlx::Error::PoolClosed)
}

/// The first row of `sql` read by `row`; the statement is reset before this returns, so no
/// read stays open to hold back the log's checkpoint.
fn first_row<T>(
    conn: &rusqlite::Connection,
    sql: &str,
    params: &[(&str, &dyn rusqlite::ToSql)],
    row: impl FnOnce(&rusqlite::Row<'_>) -> Result<T>,
) -> Result<Option<T>> {
    let mut statement = conn.prepare_cached(sql)?;
    let mut rows = statement.query(params)?;
    match rows.next()? {
        Some(r) => row(r).map(Some),
        None => Ok(None),
    }
}

/// A row's columns by name, as sqlx's rows and SQLite's own both give them: the caller's
/// row is read the same way whichever read it.
pub(crate) trait Columns {
    fn int(&self, name: &str) -> Result<i64>;
    fn int_or_null(&self, name: &str) -> Result<Option<i64>>;
    fn text(&self, name: &str) -> Result<String>;
    fn text_or_null(&self, name: &str) -> Result<Option<String>>;
}

impl Columns for AnyRow {
    fn int(&self, name: &str) -> Result<i64> {
        Ok(self.try_get(name)?)
    }
    fn int_or_null(&self, name: &str) -> Result<Option<i64>> {
        Ok(self.try_get(name)?)
    }
    fn text(&self, name: &str) -> Result<String> {
        Ok(self.try_get(name)?)
    }
    fn text_or_null(&self, name: &str) -> Result<Option<String>> {
        Ok(self.try_get(name)?)
    }
}

impl Columns for rusqlite::Row<'_> {
    fn int(&self, name: &str) -> Result<i64> {
        Ok(self.get(name)?)
    }
    fn int_or_null(&self, name: &str) -> Result<Option<i64>> {
        Ok(self.get(name)?)
    }
    fn text(&self, name: &str) -> Result<String> {
        Ok(self.get(name)?)
    }
    fn text_or_null(&self, name: &str) -> Result<Option<String>> {
        Ok(self.get(name)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database(dir: &tempfile::TempDir) -> Inline {
        let path = dir.path().join("a?b#c%.db");
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);
             INSERT INTO t VALUES (1, 'one'), (2, NULL);",
        )
        .unwrap();
        let target = super::super::Target::parse(path.to_str().unwrap()).unwrap();
        Inline::at(target.sqlite_file_uri().unwrap())
    }

    #[test]
    fn a_row_is_read_by_name_and_its_connection_kept() {
        let dir = tempfile::tempdir().unwrap();
        let set = database(&dir);
        let sql = "SELECT id, name FROM t WHERE id = $1";
        let read = |id: i64| {
            set.fetch_optional(sql, &[("$1", &id)], |r| {
                Ok((r.int("id")?, r.text_or_null("name")?))
            })
            .unwrap()
        };
        assert_eq!(read(1), Some((1, Some("one".to_string()))));
        assert_eq!(read(2), Some((2, None)));
        assert_eq!(read(3), None);
        assert_eq!(set.idle(), 1, "one connection served all three");
    }

    #[test]
    fn its_connections_cannot_write() {
        let dir = tempfile::tempdir().unwrap();
        let set = database(&dir);
        let wrote = set.fetch_optional("INSERT INTO t VALUES (3, 'x') RETURNING id", &[], |r| {
            r.int("id")
        });
        assert!(matches!(wrote, Err(StoreError::Database(_))), "{wrote:?}");
        assert_eq!(set.idle(), 0, "a failed connection is not kept");
        let count = set
            .fetch_optional("SELECT count(*) AS n FROM t", &[], |r| r.int("n"))
            .unwrap();
        assert_eq!(count, Some(2));
    }

    #[test]
    fn a_closed_set_refuses_and_keeps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let set = database(&dir);
        let one = |set: &Inline| set.fetch_optional("SELECT 1 AS n", &[], |r| r.int("n"));
        assert_eq!(one(&set).unwrap(), Some(1));
        assert_eq!(set.idle(), 1);
        set.close();
        assert_eq!(set.idle(), 0);
        assert!(matches!(one(&set), Err(StoreError::Database(_))));
    }
}
