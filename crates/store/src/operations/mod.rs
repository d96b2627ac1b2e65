//! The operator's kit for data: a consistent backup of the whole database while it serves
//! (`backup`), restoring one into an empty database (`backup::restore`), and copying a whole
//! database into another, empty one (`Store::copy_into`, which `boardplan migrate --to` uses
//! to move from SQLite to PostgreSQL).
//!
//! A backup is always a SQLite file, whichever back end it was taken from: one portable file
//! that any Boardplan can open, inspect with `sqlite3`, and restore onto either back end.
//!
//! What is copied comes from the databases' own catalogues (`dialect::catalogue`), never from
//! a list kept here: every table but the migration record, each after the tables it refers
//! to (`schema`). A table a later migration adds is copied with nothing to change; a column
//! whose type the copier cannot carry, or a table only one side has, stops the copy before
//! anything is written. After a copy the target is counted table by table against the
//! source's snapshot and each partnership's change log is verified there.
//!
//! Uses the ground (dialect, migrate) and `changelog` for verifying; no capability uses it.

pub(crate) mod backup;
mod copy;
mod schema;

use sqlx::{AnyConnection, AnyPool, Row};

use crate::dialect::{self, Backend, catalogue};
use crate::error::{Result, StoreError};
use crate::{Store, migrate};

/// What a backup, restore or copy carried, as found in the copy afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Copied {
    /// Each table copied and its rows, in the order they were copied.
    pub tables: Vec<TableRows>,
    /// Each partnership's change log as verified in the copy.
    pub change_logs: Vec<ChangeLogCheck>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRows {
    pub table: String,
    pub rows: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeLogCheck {
    pub partnership: String,
    pub entries: usize,
    /// The first entry whose hash does not match, as `audit verify` would name it.
    pub first_bad: Option<i64>,
}

impl Copied {
    /// Every row of every table.
    pub fn rows(&self) -> i64 {
        self.tables.iter().map(|t| t.rows).sum()
    }

    /// Whether every partnership's change log verifies in the copy.
    pub fn verified(&self) -> bool {
        self.change_logs.iter().all(|c| c.first_bad.is_none())
    }
}

impl Store {
    /// Copy this whole database into the empty database at `target` (a file path, `sqlite:…`
    /// or `postgres://…`), ids, hashes and evidence files included, from one consistent
    /// snapshot of this one, in one transaction there. A target that holds any row is refused
    /// untouched. Afterwards the target is counted table by table against the snapshot and its
    /// change logs are verified.
    #[tracing::instrument(skip_all)]
    pub async fn copy_into(&self, target: &str) -> Result<Copied> {
        sqlx::any::install_default_drivers();
        let target = dialect::Target::parse(target)?;
        let pool = dialect::pool_options(target.backend)
            .max_connections(2)
            .connect(&target.url)
            .await?;
        let copied = self.copy_into_pool(&pool, target.backend).await;
        pool.close().await;
        copied
    }

    async fn copy_into_pool(&self, pool: &AnyPool, backend: Backend) -> Result<Copied> {
        {
            let mut conn = pool.acquire().await?;
            refuse_unless_empty(&mut conn).await?;
        }
        migrate::run(pool, backend).await?;
        let mut source = self.begin_read().await?;
        let from = catalogue::tables(&mut source).await?;
        let mut tx = pool.begin_with(dialect::begin_write(backend)).await?;
        // The target's description of each table, once both are known to match: only it says
        // which columns its back end numbers.
        let tables = schema::in_order(catalogue::tables(&mut tx).await?)?;
        schema::same_shape(&from, &tables)?;
        sqlx::raw_sql(catalogue::defer_references(backend))
            .execute(&mut *tx)
            .await?;
        let mut expected = Vec::with_capacity(tables.len());
        for table in &tables {
            let rows = copy::table(&mut source, &mut tx, table).await?;
            tracing::info!(table = table.name, rows, "copied");
            expected.push(TableRows {
                table: table.name.clone(),
                rows,
            });
        }
        tx.commit().await?;
        source.rollback().await?;
        let copy = Store {
            pool: pool.clone(),
            backend,
            plans: std::sync::Arc::default(),
            writes: std::sync::Arc::default(),
            posts_in_two_trips: std::sync::Arc::default(),
            // Only counted and verified: no caller is ever asked about, nothing is posted.
            quick: None,
            inline: None,
            reads: None,
            writer: None,
        };
        copy.after_bulk_load().await?;
        let found = copy.check().await?;
        if found.tables != expected {
            return Err(StoreError::invalid(
                "the copy does not hold the rows that were read for it; run the command again",
            ));
        }
        Ok(found)
    }

    /// Count every table and verify every partnership's change log.
    pub(crate) async fn check(&self) -> Result<Copied> {
        let mut conn = self.pool.acquire().await?;
        let tables = schema::in_order(catalogue::tables(&mut conn).await?)?;
        let mut counted = Vec::with_capacity(tables.len());
        for t in &tables {
            counted.push(TableRows {
                table: t.name.clone(),
                rows: copy::count(&mut conn, &t.name).await?,
            });
        }
        let slugs: Vec<String> = sqlx::query("SELECT slug FROM partnerships ORDER BY slug")
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.try_get("slug"))
            .collect::<std::result::Result<_, _>>()?;
        drop(conn);
        let mut change_logs = Vec::with_capacity(slugs.len());
        for slug in slugs {
            let v = self.verify_change_log(&slug).await?;
            change_logs.push(ChangeLogCheck {
                partnership: slug,
                entries: v.entries,
                first_bad: v.first_bad,
            });
        }
        Ok(Copied {
            tables: counted,
            change_logs,
        })
    }
}

/// Refuse a database that holds any row (outside the migration record), naming a table that
/// does, before anything is written to it.
async fn refuse_unless_empty(conn: &mut AnyConnection) -> Result<()> {
    for table in catalogue::tables(conn).await? {
        if schema::NOT_COPIED.contains(&table.name.as_str()) {
            continue;
        }
        if copy::has_rows(conn, &table.name).await? {
            return Err(StoreError::Conflict {
                what: format!(
                    "the database to copy into is not empty (its table \"{}\" has rows), and a \
                     restore or move only goes into an empty one; nothing was changed. Give a \
                     new file name, or create an empty PostgreSQL database (createdb NAME) and \
                     give its URL",
                    table.name
                ),
            });
        }
    }
    Ok(())
}
