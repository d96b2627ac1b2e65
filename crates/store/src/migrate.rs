//! Versioned, forward-only migrations: one SQL file per step under `migrations/`, embedded in
//! the binary, each applied in its own transaction and recorded in `schema_migrations`.
//! A database whose schema is newer than this code is refused rather than touched.

use sqlx::{AnyConnection, AnyPool, Row};

use crate::codec;
use crate::dialect::{self, Backend};
use crate::error::{Result, StoreError};

/// One step of the schema.
pub(crate) struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: Sql,
}

/// A step's SQL: almost always one text for both back ends; a step the two cannot share
/// (triggers: SQLite's `RAISE` beside PostgreSQL's trigger functions) has one file for each.
pub(crate) enum Sql {
    Both(&'static str),
    Each {
        sqlite: &'static str,
        postgres: &'static str,
    },
}

impl Sql {
    fn for_backend(&self, backend: Backend) -> &'static str {
        match (self, backend) {
            (Self::Both(sql), _) => sql,
            (Self::Each { sqlite, .. }, Backend::Sqlite) => sqlite,
            (Self::Each { postgres, .. }, Backend::Postgres) => postgres,
        }
    }
}

/// Every migration, in order. Append only: never edit or reorder a released step.
pub(crate) const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "board",
        sql: Sql::Both(include_str!("../migrations/0001_board.sql")),
    },
    Migration {
        version: 2,
        name: "plans",
        sql: Sql::Both(include_str!("../migrations/0002_plans.sql")),
    },
    Migration {
        version: 3,
        name: "change_log",
        sql: Sql::Both(include_str!("../migrations/0003_change_log.sql")),
    },
    Migration {
        version: 4,
        name: "progress",
        sql: Sql::Both(include_str!("../migrations/0004_progress.sql")),
    },
    Migration {
        version: 5,
        name: "accounts",
        sql: Sql::Both(include_str!("../migrations/0005_accounts.sql")),
    },
    Migration {
        version: 6,
        name: "indicators",
        sql: Sql::Both(include_str!("../migrations/0006_indicators.sql")),
    },
    Migration {
        version: 7,
        name: "latest_rating",
        sql: Sql::Both(include_str!("../migrations/0007_latest_rating.sql")),
    },
    Migration {
        version: 8,
        name: "calendar_feeds",
        sql: Sql::Both(include_str!("../migrations/0008_calendar_feeds.sql")),
    },
    Migration {
        version: 9,
        name: "change_log_append_only",
        sql: Sql::Each {
            sqlite: include_str!("../migrations/0009_change_log_append_only.sqlite.sql"),
            postgres: include_str!("../migrations/0009_change_log_append_only.postgres.sql"),
        },
    },
    Migration {
        version: 10,
        name: "login_throttle",
        sql: Sql::Both(include_str!("../migrations/0010_login_throttle.sql")),
    },
    Migration {
        version: 11,
        name: "token_expiry",
        sql: Sql::Both(include_str!("../migrations/0011_token_expiry.sql")),
    },
    Migration {
        version: 12,
        name: "publishing",
        sql: Sql::Both(include_str!("../migrations/0012_publishing.sql")),
    },
    Migration {
        version: 13,
        name: "governance",
        sql: Sql::Both(include_str!("../migrations/0013_governance.sql")),
    },
    Migration {
        version: 14,
        name: "meetings",
        sql: Sql::Both(include_str!("../migrations/0014_meetings.sql")),
    },
    Migration {
        version: 15,
        name: "documents",
        sql: Sql::Both(include_str!("../migrations/0015_documents.sql")),
    },
    Migration {
        version: 16,
        name: "risks_section11",
        sql: Sql::Both(include_str!("../migrations/0016_risks_section11.sql")),
    },
    Migration {
        version: 17,
        name: "audits",
        sql: Sql::Both(include_str!("../migrations/0017_audits.sql")),
    },
    Migration {
        version: 18,
        name: "learning",
        sql: Sql::Both(include_str!("../migrations/0018_learning.sql")),
    },
    Migration {
        version: 19,
        name: "identity",
        sql: Sql::Both(include_str!("../migrations/0019_identity.sql")),
    },
    Migration {
        version: 20,
        name: "mail",
        sql: Sql::Both(include_str!("../migrations/0020_mail.sql")),
    },
    Migration {
        version: 21,
        name: "s11_evidence_actions",
        sql: Sql::Both(include_str!("../migrations/0021_s11_evidence_actions.sql")),
    },
    Migration {
        version: 22,
        name: "meeting_action_promotion",
        sql: Sql::Both(include_str!(
            "../migrations/0022_meeting_action_promotion.sql"
        )),
    },
    Migration {
        version: 23,
        name: "training_needs",
        sql: Sql::Both(include_str!("../migrations/0023_training_needs.sql")),
    },
    Migration {
        version: 24,
        name: "yearly_report",
        sql: Sql::Both(include_str!("../migrations/0024_yearly_report.sql")),
    },
    Migration {
        version: 25,
        name: "import_uploads",
        sql: Sql::Both(include_str!("../migrations/0025_import_uploads.sql")),
    },
    Migration {
        version: 26,
        name: "change_log_by_time",
        sql: Sql::Both(include_str!("../migrations/0026_change_log_by_time.sql")),
    },
    Migration {
        version: 27,
        name: "change_log_story",
        sql: Sql::Each {
            sqlite: include_str!("../migrations/0027_change_log_story.sqlite.sql"),
            postgres: include_str!("../migrations/0027_change_log_story.postgres.sql"),
        },
    },
];

/// The schema version this build of Boardplan writes (the last migration's).
pub const SCHEMA_VERSION: i64 = 27;

const CREATE_SCHEMA_MIGRATIONS: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
)";

/// Bring the database up to [`SCHEMA_VERSION`].
pub(crate) async fn run(pool: &AnyPool, backend: Backend) -> Result<()> {
    run_to(pool, backend, SCHEMA_VERSION).await
}

/// Apply every migration up to and including `target`, each in its own transaction.
pub(crate) async fn run_to(pool: &AnyPool, backend: Backend, target: i64) -> Result<()> {
    for migration in MIGRATIONS.iter().filter(|m| m.version <= target) {
        let mut tx = pool.begin_with(dialect::begin_write(backend)).await?;
        if let Some(lock) = dialect::migration_lock(backend) {
            sqlx::query(lock).execute(&mut *tx).await?;
        }
        sqlx::raw_sql(CREATE_SCHEMA_MIGRATIONS)
            .execute(&mut *tx)
            .await?;
        let current = current_version(&mut tx).await?;
        if current > SCHEMA_VERSION {
            return Err(StoreError::SchemaTooNew {
                found: current,
                supported: SCHEMA_VERSION,
            });
        }
        if current >= migration.version {
            tx.commit().await?;
            continue;
        }
        let sql = dialect::render_migration(backend, migration.sql.for_backend(backend));
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        )
        .bind(migration.version)
        .bind(migration.name)
        .bind(codec::now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::info!(
            version = migration.version,
            name = migration.name,
            "applied migration"
        );
    }
    Ok(())
}

/// The highest migration recorded, 0 for a database with none.
pub(crate) async fn current_version(conn: &mut AnyConnection) -> Result<i64> {
    let row = sqlx::query("SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations")
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get::<i64, _>("version")?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_one_by_one_and_their_files_say_so() {
        // A gap would let a database skip a step: every number from 1, in order.
        let numbers: Vec<i64> = MIGRATIONS.iter().map(|m| m.version).collect();
        assert_eq!(numbers, (1..=SCHEMA_VERSION).collect::<Vec<_>>());
        for m in MIGRATIONS {
            for backend in [Backend::Sqlite, Backend::Postgres] {
                assert!(!m.sql.for_backend(backend).trim().is_empty());
            }
        }
        assert_eq!(MIGRATIONS.last().map(|m| m.version), Some(SCHEMA_VERSION));
    }
}
