//! Every row of the given tables from one connection to another, ids and all: read as a
//! stream in primary-key order (so memory stays flat however large the change log) and
//! written in multi-row statements; then each numbered column's sequence is moved past the
//! ids it now holds.

use futures_util::TryStreamExt;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Row};

use crate::dialect::catalogue::{self, Kind, Table};
use crate::dialect::{self, Backend};
use crate::error::{Result, StoreError};

/// Placeholders per statement, well under both back ends' limits.
const MAX_PARAMS: usize = 10_000;
/// Bytes of evidence files per statement, so that a batch of large files stays small.
const MAX_BATCH_BYTES: usize = 8 * 1024 * 1024;

/// One value read from a row, kept with its kind so that a NULL is bound with its type.
enum Cell {
    Int(Option<i64>),
    Float(Option<f64>),
    Text(Option<String>),
    Bytes(Option<Vec<u8>>),
}

impl Cell {
    fn read(row: &AnyRow, i: usize, kind: Kind) -> Result<Self> {
        Ok(match kind {
            Kind::Int => Self::Int(row.try_get(i)?),
            Kind::Float => Self::Float(row.try_get(i)?),
            Kind::Text => Self::Text(row.try_get(i)?),
            Kind::Bytes => Self::Bytes(row.try_get(i)?),
        })
    }

    fn size(&self) -> usize {
        match self {
            Self::Text(Some(t)) => t.len(),
            Self::Bytes(Some(b)) => b.len(),
            _ => 8,
        }
    }

    fn bind(self, q: Query<'_, Any, AnyArguments>) -> Query<'_, Any, AnyArguments> {
        match self {
            Self::Int(v) => q.bind(v),
            Self::Float(v) => q.bind(v),
            Self::Text(v) => q.bind(v),
            Self::Bytes(v) => q.bind(v),
        }
    }
}

/// A name from the catalogue, quoted: some columns are words SQL also uses.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The rows of `table` as the database counts them.
pub(crate) async fn count(conn: &mut AnyConnection, table: &str) -> Result<i64> {
    let sql = format!("SELECT COUNT(*) AS n FROM {}", quoted(table));
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get("n")?)
}

/// Whether `table` holds any row at all.
pub(crate) async fn has_rows(conn: &mut AnyConnection, table: &str) -> Result<bool> {
    let sql = format!("SELECT 1 AS one FROM {} LIMIT 1", quoted(table));
    Ok(sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_optional(&mut *conn)
        .await?
        .is_some())
}

/// Copy every row of `table` from `source` into `target`; the number of rows copied.
pub(crate) async fn table(
    source: &mut AnyConnection,
    target: &mut AnyConnection,
    table: &Table,
) -> Result<i64> {
    let backend = dialect::backend_of(target)?;
    let names: Vec<String> = table.columns.iter().map(|c| quoted(&c.name)).collect();
    let order: Vec<String> = if table.key.is_empty() {
        // No key: every column that sorts, so that the order is at least repeatable.
        (1..=table.columns.len())
            .filter(|i| table.columns[i - 1].kind != Kind::Bytes)
            .map(|i| i.to_string())
            .collect()
    } else {
        table.key.iter().map(|k| quoted(k)).collect()
    };
    let mut select = format!("SELECT {} FROM {}", names.join(", "), quoted(&table.name));
    if !order.is_empty() {
        select.push_str(" ORDER BY ");
        select.push_str(&order.join(", "));
    }
    let insert = Insert {
        backend,
        head: format!(
            "INSERT INTO {} ({}){} VALUES ",
            quoted(&table.name),
            names.join(", "),
            if table.columns.iter().any(|c| c.numbered) {
                catalogue::keep_given_ids(backend)
            } else {
                ""
            }
        ),
        width: names.len().max(1),
    };
    let per_statement = (MAX_PARAMS / insert.width).max(1);
    let mut copied = 0i64;
    let mut batch: Vec<Vec<Cell>> = Vec::new();
    let mut batch_bytes = 0;
    let mut rows = sqlx::query(sqlx::AssertSqlSafe(select)).fetch(&mut *source);
    while let Some(row) = rows.try_next().await? {
        let cells = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| Cell::read(&row, i, c.kind))
            .collect::<Result<Vec<_>>>()?;
        batch_bytes += cells.iter().map(Cell::size).sum::<usize>();
        batch.push(cells);
        copied += 1;
        if batch.len() >= per_statement || batch_bytes >= MAX_BATCH_BYTES {
            insert.run(target, std::mem::take(&mut batch)).await?;
            batch_bytes = 0;
        }
    }
    drop(rows);
    insert.run(target, batch).await?;
    for column in table.columns.iter().filter(|c| c.numbered) {
        catalogue::renumber_after(target, &table.name, &column.name).await?;
    }
    Ok(copied)
}

/// A multi-row `INSERT` into one table.
struct Insert {
    backend: Backend,
    head: String,
    width: usize,
}

impl Insert {
    async fn run(&self, target: &mut AnyConnection, rows: Vec<Vec<Cell>>) -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut sql = self.head.clone();
        for r in 0..rows.len() {
            sql.push_str(if r == 0 { "(" } else { ", (" });
            for c in 0..self.width {
                if c > 0 {
                    sql.push_str(", ");
                }
                dialect::push_placeholder(self.backend, &mut sql, r * self.width + c + 1);
            }
            sql.push(')');
        }
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(false);
        for row in rows {
            if row.len() != self.width {
                return Err(StoreError::invalid(
                    "a row read for copying has the wrong number of values",
                ));
            }
            for cell in row {
                q = cell.bind(q);
            }
        }
        q.execute(&mut *target).await?;
        Ok(())
    }
}
