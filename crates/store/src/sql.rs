//! Small helpers over sqlx's runtime queries: a typed value to bind, multi-row `INSERT`s that
//! keep an import to a handful of round trips, and reading rows back (a partnership's rows,
//! grouped by owner, the next free position, ids by natural key).

use std::collections::HashMap;

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Row};

use crate::dialect::{self, Backend};
use crate::error::{Result, StoreError};

/// A value for a placeholder. NULLs keep their type: PostgreSQL wants a typed parameter.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Int(Option<i64>),
    Text(Option<String>),
    /// An IEEE double (`DOUBLE PRECISION`): indicator values, read back bit for bit. sqlx's Any
    /// driver declares a NULL double to PostgreSQL as single precision, so a statement binding
    /// one must not be kept prepared (`.persistent(false)`, as [`insert_rows`] does): reused,
    /// it would refuse the next real value ("incorrect binary data format").
    Float(Option<f64>),
}

impl Value {
    pub fn int(v: Option<i64>) -> Self {
        Self::Int(v)
    }

    pub fn text(v: Option<String>) -> Self {
        Self::Text(v)
    }

    pub fn bind<'q>(self, q: Query<'q, Any, AnyArguments>) -> Query<'q, Any, AnyArguments> {
        match self {
            Self::Int(v) => q.bind(v),
            Self::Text(v) => q.bind(v),
            Self::Float(v) => q.bind(v),
        }
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Self {
        Self::Int(Some(v))
    }
}

impl From<Option<f64>> for Value {
    fn from(v: Option<f64>) -> Self {
        Self::Float(v)
    }
}

impl From<String> for Value {
    fn from(v: String) -> Self {
        Self::Text(Some(v))
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Self {
        Self::Text(Some(v.to_string()))
    }
}

impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Self {
        Self::Text(v)
    }
}

/// Placeholders per statement: well under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMS: usize = 10_000;

/// Insert `rows` (each one value per column) into `table`, as few multi-row statements as the
/// parameter limit allows. With `returning`, the rows of `RETURNING {returning}` come back in
/// no guaranteed order: return a key with the id to match them up.
pub(crate) async fn insert_rows(
    conn: &mut AnyConnection,
    table: &str,
    columns: &[&str],
    rows: Vec<Vec<Value>>,
    returning: Option<&str>,
) -> Result<Vec<AnyRow>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let backend = dialect::backend_of(conn)?;
    let per_statement = (MAX_PARAMS / columns.len().max(1)).max(1);
    let mut out = Vec::new();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per_statement).collect();
        let sql = insert_sql(backend, table, columns, chunk.len(), returning);
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql)).persistent(false);
        for row in chunk {
            debug_assert_eq!(
                row.len(),
                columns.len(),
                "a row for {table} has the wrong width"
            );
            for v in row {
                q = v.bind(q);
            }
        }
        if returning.is_some() {
            out.extend(q.fetch_all(&mut *conn).await?);
        } else {
            q.execute(&mut *conn).await?;
        }
    }
    Ok(out)
}

fn insert_sql(
    backend: Backend,
    table: &str,
    columns: &[&str],
    rows: usize,
    returning: Option<&str>,
) -> String {
    let width = columns.len();
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push('(');
        for c in 0..width {
            if c > 0 {
                sql.push_str(", ");
            }
            dialect::push_placeholder(backend, &mut sql, r * width + c + 1);
        }
        sql.push(')');
    }
    if let Some(r) = returning {
        sql.push_str(" RETURNING ");
        sql.push_str(r);
    }
    sql
}

/// An optional filter on `column` by placeholder `$n`, which the caller binds either way (the
/// value, or a typed NULL): `column = $n` when a value is given, else `$n IS NULL`, true for
/// every row. Never one `($n IS NULL OR column = $n)` for both: with the OR in it the database
/// cannot seek by `column`, and reading one item costs what reading all of them costs.
pub(crate) fn only_if_given(column: &str, n: usize, given: bool) -> String {
    if given {
        format!("{column} = ${n}")
    } else {
        format!("${n} IS NULL")
    }
}

/// Rows grouped by their `owner` column, each group in query order.
pub(crate) fn grouped<T>(
    rows: &[AnyRow],
    owner: &str,
    mut item: impl FnMut(&AnyRow) -> Result<T>,
) -> Result<HashMap<i64, Vec<T>>> {
    let mut groups: HashMap<i64, Vec<T>> = HashMap::new();
    for r in rows {
        groups.entry(r.try_get(owner)?).or_default().push(item(r)?);
    }
    Ok(groups)
}

/// The rows `sql` selects for partnership `pid` (its `$1`).
pub(crate) async fn fetch(
    conn: &mut AnyConnection,
    sql: &'static str,
    pid: i64,
) -> Result<Vec<AnyRow>> {
    Ok(sqlx::query(sql).bind(pid).fetch_all(&mut *conn).await?)
}

/// The position after the highest of `rows`' `position` column (0 for none).
pub(crate) fn next_position(rows: &[AnyRow]) -> Result<i64> {
    let mut next = 0;
    for r in rows {
        next = next.max(r.try_get::<i64, _>("position")? + 1);
    }
    Ok(next)
}

/// The id `name` has in `ids`, or an error saying what names it.
pub(crate) fn id_of(
    ids: &HashMap<String, i64>,
    name: &str,
    what: &str,
    whose: impl FnOnce() -> String,
) -> Result<i64> {
    ids.get(name).copied().ok_or_else(|| {
        StoreError::invalid(format!(
            "{} names the {what} \"{name}\", which the partnership does not have",
            whose()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_multi_row_insert_numbers_its_placeholders_across_rows() {
        assert_eq!(
            insert_sql(Backend::Postgres, "t", &["a", "b"], 2, Some("id")),
            "INSERT INTO t (a, b) VALUES ($1, $2), ($3, $4) RETURNING id"
        );
        assert_eq!(
            insert_sql(Backend::Sqlite, "t", &["a", "b"], 2, None),
            "INSERT INTO t (a, b) VALUES (?, ?), (?, ?)"
        );
    }
}
