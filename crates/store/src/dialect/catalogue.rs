//! What each back end's own catalogue says the tables are: their columns (with the kind of
//! value each holds), primary keys, the tables they refer to and their auto-numbered ids; and
//! the statements a whole-database copy needs that the two spell differently. Read by
//! `operations`, so that copying a database lists its tables from the database itself and a
//! table added by a later migration is copied without anyone listing it.

use sqlx::{AnyConnection, Row};

use super::{Backend, backend_of};
use crate::error::{Result, StoreError};

/// The kind of value a column holds, as the copier reads and binds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Int,
    Float,
    Text,
    Bytes,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Column {
    pub name: String,
    pub kind: Kind,
    /// Numbered by the database (PostgreSQL's identity or serial): its sequence must be moved
    /// past the ids a copy brings. SQLite's `INTEGER PRIMARY KEY` needs nothing.
    pub numbered: bool,
}

/// One table as the catalogue describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    pub name: String,
    pub columns: Vec<Column>,
    /// The primary key's columns in order (empty when there is none).
    pub key: Vec<String>,
    /// The other tables its foreign keys refer to (itself left out).
    pub refers_to: Vec<String>,
}

/// Every table of the database, by name, without the back end's own.
pub(crate) async fn tables(conn: &mut AnyConnection) -> Result<Vec<Table>> {
    let backend = backend_of(conn)?;
    let names_sql = match backend {
        Backend::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' \
             ESCAPE '!' ORDER BY name"
        }
        Backend::Postgres => {
            "SELECT table_name::text AS name FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
             ORDER BY table_name"
        }
    };
    let names: Vec<String> = sqlx::query(names_sql)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get("name"))
        .collect::<std::result::Result<_, _>>()?;
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        out.push(table(conn, backend, name).await?);
    }
    Ok(out)
}

async fn table(conn: &mut AnyConnection, backend: Backend, name: String) -> Result<Table> {
    let (columns_sql, key_sql, refers_sql) = match backend {
        Backend::Sqlite => (
            "SELECT name, type AS declared, '' AS numbered FROM pragma_table_info($1)
             ORDER BY cid",
            "SELECT name FROM pragma_table_info($1) WHERE pk > 0 ORDER BY pk",
            "SELECT DISTINCT \"table\" AS parent FROM pragma_foreign_key_list($1)",
        ),
        Backend::Postgres => (
            "SELECT column_name::text AS name, data_type::text AS declared,
                    CASE WHEN is_identity::text = 'YES' OR column_default::text LIKE 'nextval(%'
                         THEN 'yes' ELSE '' END AS numbered
             FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1
                   AND is_generated::text = 'NEVER'
             ORDER BY ordinal_position",
            "SELECT a.attname::text AS name
             FROM pg_index i
             JOIN pg_class c ON c.oid = i.indrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey)
             WHERE n.nspname = current_schema() AND c.relname = $1 AND i.indisprimary
             ORDER BY array_position(i.indkey::int2[], a.attnum)",
            "SELECT DISTINCT p.relname::text AS parent
             FROM pg_constraint k
             JOIN pg_class c ON c.oid = k.conrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             JOIN pg_class p ON p.oid = k.confrelid
             WHERE k.contype = 'f' AND n.nspname = current_schema() AND c.relname = $1",
        ),
    };
    let mut columns = Vec::new();
    for r in sqlx::query(columns_sql)
        .bind(&name)
        .fetch_all(&mut *conn)
        .await?
    {
        let column: String = r.try_get("name")?;
        let declared: String = r.try_get("declared")?;
        let kind = kind_of(backend, &declared).ok_or_else(|| {
            StoreError::invalid(format!(
                "the column {name}.{column} holds values of type \"{declared}\", which Boardplan's \
                 backup and restore do not know how to copy: teach `dialect::catalogue::kind_of` \
                 that type"
            ))
        })?;
        columns.push(Column {
            name: column,
            kind,
            numbered: r.try_get::<String, _>("numbered")? == "yes",
        });
    }
    let key = sqlx::query(key_sql)
        .bind(&name)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get("name"))
        .collect::<std::result::Result<_, _>>()?;
    let mut refers_to: Vec<String> = sqlx::query(refers_sql)
        .bind(&name)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get("parent"))
        .collect::<std::result::Result<_, _>>()?;
    refers_to.retain(|parent| *parent != name);
    refers_to.sort();
    Ok(Table {
        name,
        columns,
        key,
        refers_to,
    })
}

/// The kind of a column declared `declared`: SQLite's affinity rules on its declared type,
/// PostgreSQL's type names. `None` for a type the copier cannot carry exactly.
pub(crate) fn kind_of(backend: Backend, declared: &str) -> Option<Kind> {
    match backend {
        Backend::Sqlite => {
            let t = declared.to_ascii_uppercase();
            if t.contains("INT") {
                Some(Kind::Int)
            } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
                Some(Kind::Text)
            } else if t.contains("BLOB") {
                Some(Kind::Bytes)
            } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
                Some(Kind::Float)
            } else {
                None
            }
        }
        Backend::Postgres => match declared {
            "bigint" | "integer" | "smallint" => Some(Kind::Int),
            "text" | "character varying" | "character" => Some(Kind::Text),
            "double precision" => Some(Kind::Float),
            "bytea" => Some(Kind::Bytes),
            _ => None,
        },
    }
}

/// What an `INSERT` that keeps the ids it is given says after its column list, for a table
/// with a numbered column: PostgreSQL's identity columns refuse a given id without it.
pub(crate) fn keep_given_ids(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "",
        Backend::Postgres => " OVERRIDING SYSTEM VALUE",
    }
}

/// Run first in the transaction a copy writes in: references are checked at commit, so rows
/// that refer to a later row of their own table (a correction, say) may come in id order.
/// PostgreSQL checks its non-deferrable keys at the end of each statement.
pub(crate) fn defer_references(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "PRAGMA defer_foreign_keys = ON",
        Backend::Postgres => "SET CONSTRAINTS ALL DEFERRED",
    }
}

/// Move the sequence behind `table.column` past the highest id now in it, so that the next
/// row written gets a new id. Nothing to do on SQLite, whose next id is always max + 1.
pub(crate) async fn renumber_after(
    conn: &mut AnyConnection,
    table: &str,
    column: &str,
) -> Result<()> {
    if backend_of(conn)? == Backend::Sqlite {
        return Ok(());
    }
    let sql = format!(
        "SELECT setval(pg_get_serial_sequence($1, $2), m) AS v
         FROM (SELECT MAX(\"{column}\") AS m FROM \"{table}\") AS highest WHERE m IS NOT NULL"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(format!("\"{table}\""))
        .bind(column)
        .fetch_all(&mut *conn)
        .await?;
    Ok(())
}

/// The statement that writes a consistent copy of the whole database into a new file named by
/// its one parameter, while others read and write: SQLite's `VACUUM INTO`. PostgreSQL has
/// none; its copy is read table by table in one snapshot.
pub(crate) fn snapshot_into_file(backend: Backend) -> Option<&'static str> {
    match backend {
        Backend::Sqlite => Some("VACUUM INTO $1"),
        Backend::Postgres => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_type_in_the_migrations_has_a_kind_on_each_back_end() {
        for (declared, kind) in [
            ("BIGINT", Kind::Int),
            ("INTEGER", Kind::Int),
            ("TEXT", Kind::Text),
            ("DOUBLE PRECISION", Kind::Float),
            ("BLOB", Kind::Bytes),
        ] {
            assert_eq!(kind_of(Backend::Sqlite, declared), Some(kind), "{declared}");
        }
        for (declared, kind) in [
            ("bigint", Kind::Int),
            ("text", Kind::Text),
            ("double precision", Kind::Float),
            ("bytea", Kind::Bytes),
        ] {
            assert_eq!(
                kind_of(Backend::Postgres, declared),
                Some(kind),
                "{declared}"
            );
        }
    }

    #[test]
    fn a_type_the_copier_cannot_carry_exactly_has_no_kind() {
        assert_eq!(kind_of(Backend::Sqlite, "NUMERIC"), None);
        assert_eq!(kind_of(Backend::Sqlite, ""), None);
        assert_eq!(kind_of(Backend::Postgres, "numeric"), None);
        assert_eq!(kind_of(Backend::Postgres, "boolean"), None);
    }
}
