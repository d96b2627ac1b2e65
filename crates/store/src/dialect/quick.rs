//! Connections for the one statement every request makes first: who is asking and the
//! change log's head (`accounts::caller`; on a SQLite file it is read on the request's own
//! thread instead, `dialect::inline`). From the pool, that statement costs a second round
//! trip, since sqlx pings a connection when it is returned (SQLite's, to its worker thread;
//! PostgreSQL's, to the server), and a page served from memory is little else: under load
//! the dashboard on SQLite took about a quarter less of the server's CPU per request without
//! the ping. These connections are used for that one statement alone, outside a transaction,
//! and go back only when it has finished: a request dropped half-way drops its connection
//! with it, so none is ever left half-done. A PostgreSQL server can cut a connection while
//! it waits here (a restart, an idle timeout): the statement, which only reads, is then
//! tried once more on a new connection.
//!
//! A second set serves the few reads of an action's page, in a transaction that only reads
//! ([`Quick::read_in`]), ended before its connection goes back: at national scale that page
//! is read cold on almost every request, and the pool's ping was one round trip in seven.
//! The same set serves the other reads of one action (its version alone for an ETag, the
//! refresh of a view after a post) and, on PostgreSQL, plain progress updates, whose
//! statements each commit on their own ([`Quick::for_posts`], [`Lent::end`]): a serial
//! client's read-and-post pair took about a sixth less of the server's CPU and of
//! PostgreSQL's without the pings.

use std::sync::{Arc, Mutex};

use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Connection};

use super::{Backend, sqlite_set_up};
use crate::error::{Result, StoreError};

/// The most connections in the set: a statement asked for while all are busy waits for
/// one, as a pool's would, rather than opening (and then closing) one of its own.
const KEPT: usize = 8;
/// On PostgreSQL, where each is a server process beside the pool's: one statement takes a
/// fraction of a millisecond, so four serve thousands of requests a second.
const KEPT_POSTGRES: usize = 4;

/// For [`Quick::for_reads`]: one transaction holds its connection for a few statements,
/// about a millisecond, so eight keep up with the two cores of the machines measured.
const KEPT_READS: usize = 8;

/// Connections to one database, for [`Quick::fetch_optional`], an action page's reads and
/// plain progress updates.
#[derive(Debug)]
pub(crate) struct Quick {
    backend: Backend,
    url: String,
    idle: Mutex<Vec<AnyConnection>>,
    /// One per connection, open or not yet opened; closed when the store closes.
    permits: tokio::sync::Semaphore,
    /// How many permits there are.
    kept: usize,
}

impl Quick {
    /// Connections for the caller's statement to the database at `url` (as
    /// [`super::Target`] gives it).
    pub fn for_backend(backend: Backend, url: &str) -> Self {
        let kept = match backend {
            Backend::Sqlite => KEPT,
            Backend::Postgres => KEPT_POSTGRES,
        };
        Self::new(backend, url, kept)
    }

    /// Connections for the reads of one item that must agree with each other (an action's
    /// page): a transaction's few statements, without the pool's round trip on return.
    pub fn for_reads(backend: Backend, url: &str) -> Self {
        Self::new(backend, url, KEPT_READS)
    }

    /// The connections plain progress updates are posted on (`progress::update::two_trips`):
    /// on SQLite one of their own, since SQLite writes one at a time whatever the number of
    /// connections, so posts wait their turn there, in the order they came, rather than by
    /// polling the database's lock; on PostgreSQL the set kept for an action's page
    /// (`reads`): a post holds a connection for well under a millisecond, and the server's
    /// count of connections stays what it was.
    pub fn for_posts(backend: Backend, url: &str, reads: &Arc<Quick>) -> Arc<Quick> {
        match backend {
            Backend::Sqlite => Arc::new(Self::new(backend, url, 1)),
            Backend::Postgres => Arc::clone(reads),
        }
    }

    fn new(backend: Backend, url: &str, kept: usize) -> Self {
        Self {
            backend,
            url: url.to_string(),
            idle: Mutex::default(),
            permits: tokio::sync::Semaphore::new(kept),
            kept,
        }
    }

    /// One statement's first row, on a connection of this set. A statement that only reads
    /// and fails on a connection that had been waiting idle is tried once more on a new
    /// one: the server may have cut the old one in the meantime.
    pub async fn fetch_optional<'q>(
        &self,
        query: impl Fn() -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    ) -> Result<Option<AnyRow>> {
        let (mut lent, kept) = self.lend_kept().await?;
        if !kept {
            let row = query().fetch_optional(lent.conn()).await?;
            lent.give_back();
            return Ok(row);
        }
        match query().fetch_optional(lent.conn()).await {
            Ok(row) => {
                lent.give_back();
                Ok(row)
            }
            Err(error) => {
                tracing::info!(%error, "a kept connection failed; trying a new one");
                let mut fresh = lent.replaced().await?;
                let row = query().fetch_optional(fresh.conn()).await?;
                fresh.give_back();
                Ok(row)
            }
        }
    }

    /// `read` in a transaction opened by `begin` (one that only reads) on a connection of
    /// this set, ended before the connection goes back, whether `read` succeeded or not.
    /// A `begin` that fails on a connection that had been waiting idle is tried once more
    /// on a new one, as [`Quick::fetch_optional`] does.
    pub async fn read_in<T>(
        &self,
        begin: &'static str,
        read: impl AsyncFnOnce(&mut AnyConnection) -> Result<T>,
    ) -> Result<T> {
        let (mut lent, kept) = self.lend_kept().await?;
        if let Err(error) = sqlx::raw_sql(begin).execute(lent.conn()).await {
            if !kept {
                return Err(error.into());
            }
            tracing::info!(%error, "a kept connection failed; trying a new one");
            lent = lent.replaced().await?;
            sqlx::raw_sql(begin).execute(lent.conn()).await?;
        }
        let out = read(lent.conn()).await;
        // A refusal (an action not found) ends as cleanly as a read, and keeps its
        // connection: a run of bad addresses must not open a connection each.
        let end = if out.is_ok() { "COMMIT" } else { "ROLLBACK" };
        sqlx::raw_sql(end).execute(lent.conn()).await?;
        lent.give_back();
        out
    }

    /// A connection of this set, waiting (in turn) while all are lent.
    pub async fn lend(&self) -> Result<Lent<'_>> {
        Ok(self.lend_kept().await?.0)
    }

    /// [`Quick::lend`], and whether the connection had been kept (rather than just opened).
    pub async fn lend_kept(&self) -> Result<(Lent<'_>, bool)> {
        // Closed only by `close`: the store is closing, as a closed pool refuses.
        let permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        let (conn, kept) = match self.take() {
            Some(conn) => (conn, true),
            None => (self.open().await?, false),
        };
        let lent = Lent {
            quick: self,
            conn,
            _permit: permit,
        };
        Ok((lent, kept))
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
        if self.backend == Backend::Sqlite {
            sqlite_set_up(&mut conn).await?;
        }
        Ok(conn)
    }

    /// How many connections wait idle.
    #[cfg(test)]
    pub fn idle(&self) -> usize {
        self.idle.lock().map_or(0, |idle| idle.len())
    }

    /// Wait for every lent connection to come back, then close them all and lend no more
    /// (the store is closing). A read still running as the server stops (a view's refresh
    /// after a post) finishes first, so that on SQLite the last connection closed
    /// checkpoints the write-ahead log away, as the pool's close waits for its own.
    pub async fn close(&self) {
        let kept = u32::try_from(self.kept).unwrap_or(u32::MAX);
        if let Ok(all) = self.permits.acquire_many(kept).await {
            all.forget();
        }
        self.permits.close();
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
    _permit: tokio::sync::SemaphorePermit<'a>,
}

impl<'a> Lent<'a> {
    pub fn conn(&mut self) -> &mut AnyConnection {
        &mut self.conn
    }

    /// Return the connection to the set: whatever it began has ended.
    pub fn give_back(self) {
        self.quick.give_back(self.conn);
    }

    /// Return the connection after `out`, statements that each ended on their own (no
    /// transaction left open): given back after a success or a refusal (an action not
    /// found, a conflict), closed after a failure of the database, which may have broken it.
    pub fn end<T>(self, out: &Result<T>) {
        if !matches!(out, Err(StoreError::Database(_))) {
            self.give_back();
        }
    }

    /// This connection closed, without waiting for the server (it may be gone), and a new
    /// one lent in its place.
    pub async fn replaced(self) -> Result<Lent<'a>> {
        let Lent {
            quick,
            conn,
            _permit,
        } = self;
        drop(conn);
        Ok(Lent {
            quick,
            conn: quick.open().await?,
            _permit,
        })
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
        (store, Quick::for_backend(Backend::Sqlite, &url))
    }

    /// A partnership written through the pool, as a write elsewhere would be.
    async fn add_partnership(store: &Store) {
        sqlx::query(
            "INSERT INTO partnerships (slug, name, created_at)
             VALUES ('b', 'B', '2026-01-01T00:00:00Z')",
        )
        .execute(&store.pool)
        .await
        .unwrap();
    }

    async fn count(quick: &Quick) -> i64 {
        let row = quick
            .fetch_optional(|| sqlx::query("SELECT COUNT(*) AS n FROM partnerships"))
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
        add_partnership(&store).await;
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
                .fetch_optional(|| sqlx::query(pragma))
                .await
                .unwrap()
                .unwrap();
            assert_eq!(row.try_get::<i64, _>(0).unwrap(), want, "{pragma}");
        }
    }

    async fn count_in(reads: &Quick) -> Result<i64> {
        reads
            .read_in("BEGIN", async |conn| {
                let row = sqlx::query("SELECT COUNT(*) AS n FROM partnerships")
                    .fetch_one(conn)
                    .await?;
                Ok(row.try_get("n")?)
            })
            .await
    }

    #[tokio::test]
    async fn a_read_in_a_transaction_is_ended_before_its_connection_goes_back() {
        let dir = tempfile::tempdir().unwrap();
        let (store, reads) = store(&dir).await;
        assert_eq!(count_in(&reads).await.unwrap(), 0);
        assert_eq!(reads.idle(), 1);
        add_partnership(&store).await;
        // A transaction left open would fail the next BEGIN, or keep its old snapshot.
        assert_eq!(count_in(&reads).await.unwrap(), 1);
        assert_eq!(reads.idle(), 1, "the same connection, used again");

        let refused = reads
            .read_in("BEGIN", async |conn| {
                sqlx::query("SELECT 1 AS one").fetch_one(conn).await?;
                Err::<(), _>(crate::error::StoreError::not_found("the action \"9.9\""))
            })
            .await;
        assert!(matches!(
            refused,
            Err(crate::error::StoreError::NotFound { .. })
        ));
        assert_eq!(
            reads.idle(),
            1,
            "a refusal keeps its connection, rolled back"
        );
        assert_eq!(count_in(&reads).await.unwrap(), 1);
    }

    #[tokio::test]
    async fn a_read_dropped_half_way_closes_its_connection_and_frees_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let (_store, reads) = store(&dir).await;
        let stuck = reads.read_in("BEGIN", async |conn| {
            sqlx::query("SELECT 1 AS one").fetch_one(&mut *conn).await?;
            std::future::pending::<()>().await;
            Ok(())
        });
        let waited = tokio::time::timeout(std::time::Duration::from_millis(50), stuck).await;
        assert!(waited.is_err(), "the read never finished");
        assert_eq!(
            reads.idle(),
            0,
            "its connection was not given back half-done"
        );
        assert_eq!(count_in(&reads).await.unwrap(), 0, "and the set serves on");
        assert_eq!(reads.idle(), 1);
    }

    #[tokio::test]
    async fn a_refusal_keeps_its_connection_and_a_failure_of_the_database_closes_it() {
        let dir = tempfile::tempdir().unwrap();
        let (_store, quick) = store(&dir).await;
        let mut lent = quick.lend().await.unwrap();
        let refused: Result<()> = Err(StoreError::not_found("the action 9.9"));
        let _ = sqlx::query("SELECT 1").execute(lent.conn()).await.unwrap();
        lent.end(&refused);
        assert_eq!(quick.idle(), 1, "a refusal leaves the connection sound");
        let mut lent = quick.lend().await.unwrap();
        let failed = sqlx::query("SELECT * FROM no_such_table")
            .execute(lent.conn())
            .await
            .map_err(StoreError::from);
        assert!(matches!(failed, Err(StoreError::Database(_))));
        lent.end(&failed);
        assert_eq!(quick.idle(), 0, "after a failure it may be broken: closed");
        assert_eq!(count(&quick).await, 0, "and the set serves on");
    }

    #[tokio::test]
    async fn closing_waits_for_a_lent_connection_then_lends_no_more() {
        let dir = tempfile::tempdir().unwrap();
        let (_store, quick) = store(&dir).await;
        assert_eq!(count(&quick).await, 0);
        let lent = quick.lend().await.unwrap();
        let mut closing = std::pin::pin!(quick.close());
        let wait = std::time::Duration::from_millis(50);
        assert!(
            tokio::time::timeout(wait, &mut closing).await.is_err(),
            "the close waits for the connection still lent"
        );
        lent.give_back();
        tokio::time::timeout(std::time::Duration::from_secs(5), closing)
            .await
            .expect("and ends once it is back");
        assert_eq!(quick.idle(), 0, "every connection closed");
        assert!(matches!(quick.lend().await, Err(StoreError::Database(_))));
    }

    #[test]
    fn sqlite_posts_one_at_a_time_and_postgres_on_the_action_pages_set() {
        let reads = Arc::new(Quick::for_reads(Backend::Sqlite, "sqlite://x.db"));
        let sqlite = Quick::for_posts(Backend::Sqlite, "sqlite://x.db", &reads);
        assert_eq!(sqlite.permits.available_permits(), 1);
        assert!(!Arc::ptr_eq(&sqlite, &reads));
        let reads = Arc::new(Quick::for_reads(Backend::Postgres, "postgres://x/y"));
        let postgres = Quick::for_posts(Backend::Postgres, "postgres://x/y", &reads);
        assert!(Arc::ptr_eq(&postgres, &reads));
    }
}
