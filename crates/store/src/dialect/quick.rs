//! SQLite connections for the one statement every request makes first: who is asking and the
//! change log's head (`accounts::caller`). From the pool, that statement is two round trips
//! to the connection's worker thread, since sqlx pings a connection when it is returned, and
//! a page served from memory is little else: under load the dashboard took about a quarter
//! less of the server's CPU per request without the ping. These connections are used for
//! that one statement alone, outside a transaction, and go back only when it has finished:
//! a request dropped half-way drops its connection with it, so none is ever left half-done.
//! PostgreSQL keeps the pool, whose ping finds a connection the server has cut.

use std::sync::Mutex;

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Connection};

use super::{Backend, sqlite_set_up};
use crate::error::Result;

/// The most connections in the set: a statement asked for while all are busy waits for
/// one, as a pool's would, rather than opening (and then closing) one of its own.
const KEPT: usize = 8;

/// SQLite connections to one database, for [`Quick::fetch_optional`].
#[derive(Debug)]
pub(crate) struct Quick {
    url: String,
    idle: Mutex<Vec<AnyConnection>>,
    /// One per connection, open or not yet opened.
    permits: tokio::sync::Semaphore,
}

impl Quick {
    /// Connections to the SQLite database at `url` (as [`super::Target`] gives it); `None`
    /// for PostgreSQL, whose statements stay on the pool.
    pub fn for_backend(backend: Backend, url: &str) -> Option<Self> {
        Self::kept(backend, url, KEPT)
    }

    /// A set of at most `kept` connections to the SQLite database at `url`; `None` for
    /// PostgreSQL.
    pub fn kept(backend: Backend, url: &str, kept: usize) -> Option<Self> {
        (backend == Backend::Sqlite).then(|| Self {
            url: url.to_string(),
            idle: Mutex::default(),
            permits: tokio::sync::Semaphore::new(kept),
        })
    }

    /// One statement's first row, on a connection of this set.
    pub async fn fetch_optional<'q>(
        &self,
        query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    ) -> Result<Option<AnyRow>> {
        let mut lent = self.lend().await?;
        let row = query.fetch_optional(lent.conn()).await?;
        lent.give_back();
        Ok(row)
    }

    /// A connection of this set, waiting (in turn) while all are lent.
    pub async fn lend(&self) -> Result<Lent<'_>> {
        // Never closed, so the permit always comes.
        let permit = self.permits.acquire().await.ok();
        let conn = match self.take() {
            Some(conn) => conn,
            None => self.open().await?,
        };
        Ok(Lent {
            quick: self,
            conn,
            _permit: permit,
        })
    }

    fn take(&self) -> Option<AnyConnection> {
        self.idle.lock().ok()?.pop()
    }

    fn give_back(&self, conn: AnyConnection) {
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(conn);
        }
    }

    async fn open(&self) -> Result<AnyConnection> {
        let mut conn = AnyConnection::connect(&self.url).await?;
        sqlite_set_up(&mut conn).await?;
        Ok(conn)
    }

    /// How many connections wait idle.
    #[cfg(test)]
    pub fn idle(&self) -> usize {
        self.idle.lock().map_or(0, |idle| idle.len())
    }

    /// Close every idle connection (the store is closing).
    pub async fn close(&self) {
        let conns: Vec<AnyConnection> = self
            .idle
            .lock()
            .map(|mut idle| idle.drain(..).collect())
            .unwrap_or_default();
        for conn in conns {
            let _ = conn.close().await;
        }
    }
}

/// A connection lent by a [`Quick`] set. Given back, it serves the next caller; dropped
/// without being given back (its request was dropped half-way, or what it was doing failed
/// and could not be undone), it is closed, and SQLite rolls back whatever it left open.
pub(crate) struct Lent<'a> {
    quick: &'a Quick,
    conn: AnyConnection,
    _permit: Option<tokio::sync::SemaphorePermit<'a>>,
}

impl Lent<'_> {
    pub fn conn(&mut self) -> &mut AnyConnection {
        &mut self.conn
    }

    /// Return the connection to the set: whatever it began has ended.
    pub fn give_back(self) {
        self.quick.give_back(self.conn);
    }
}

#[cfg(test)]
mod tests {
    use sqlx::Row;

    use super::*;
    use crate::Store;
    use crate::dialect::Target;

    async fn store(dir: &tempfile::TempDir) -> (Store, Quick) {
        let path = dir.path().join("plan.db").display().to_string();
        let store = Store::connect(&path).await.unwrap();
        let url = Target::parse(&path).unwrap().url;
        (store, Quick::for_backend(Backend::Sqlite, &url).unwrap())
    }

    async fn count(quick: &Quick) -> i64 {
        let row = quick
            .fetch_optional(sqlx::query("SELECT COUNT(*) AS n FROM partnerships"))
            .await
            .unwrap()
            .unwrap();
        row.try_get("n").unwrap()
    }

    #[tokio::test]
    async fn a_connection_comes_back_after_its_statement_and_sees_what_was_written_since() {
        let dir = tempfile::tempdir().unwrap();
        let (store, quick) = store(&dir).await;
        assert_eq!(count(&quick).await, 0);
        assert_eq!(quick.idle(), 1);
        sqlx::query(
            "INSERT INTO partnerships (slug, name, created_at)
             VALUES ('b', 'B', '2026-01-01T00:00:00Z')",
        )
        .execute(&store.pool)
        .await
        .unwrap();
        assert_eq!(count(&quick).await, 1, "a write through the pool is seen");
        assert_eq!(quick.idle(), 1, "the same connection, used again");
        quick.close().await;
        assert_eq!(quick.idle(), 0);
    }

    #[tokio::test]
    async fn statements_at_once_open_no_more_connections_than_the_set() {
        let dir = tempfile::tempdir().unwrap();
        let (_store, quick) = store(&dir).await;
        let many = (0..KEPT * 3).map(|_| count(&quick));
        let counts = futures_util::future::join_all(many).await;
        assert_eq!(counts, vec![0; KEPT * 3]);
        // The first KEPT each opened one; the rest waited for them.
        assert_eq!(quick.idle(), KEPT);
    }

    #[tokio::test]
    async fn its_connections_get_the_pools_set_up() {
        let dir = tempfile::tempdir().unwrap();
        let (_store, quick) = store(&dir).await;
        for (pragma, want) in [
            ("PRAGMA foreign_keys", 1),
            ("PRAGMA busy_timeout", 5000),
            ("PRAGMA synchronous", 2),
        ] {
            let row = quick
                .fetch_optional(sqlx::query(pragma))
                .await
                .unwrap()
                .unwrap();
            assert_eq!(row.try_get::<i64, _>(0).unwrap(), want, "{pragma}");
        }
    }

    #[test]
    fn postgresql_keeps_the_pool() {
        assert!(Quick::for_backend(Backend::Postgres, "postgres://x/y").is_none());
    }
}
