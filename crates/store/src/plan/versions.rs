//! Which versions of a partnership's plans a read selects: those current at a moment
//! (created by then, not yet superseded), all of them or only one. Plans, their revisions and
//! the status all read through it.

use sqlx::AnyConnection;
use sqlx::any::AnyRow;

use crate::error::Result;

/// A moment after every moment a change can be recorded at: reading "as at" it is reading
/// the current state.
pub(crate) const END_OF_TIME: &str = "9999-12-31T23:59:59Z";

/// Which plan versions to read: those current at `at` (UTC text), all of the partnership's
/// or only the version `plan_id`.
#[derive(Debug, Clone)]
pub(crate) struct Versions {
    pub at: String,
    pub plan_id: Option<i64>,
}

impl Versions {
    pub fn current() -> Self {
        Self::at(END_OF_TIME)
    }

    pub fn at(at: &str) -> Self {
        Self {
            at: at.to_string(),
            plan_id: None,
        }
    }

    /// The rows of `sql` with `{versions}` in it replaced by the filter on plans `p` that
    /// selects these versions.
    pub async fn fetch(
        &self,
        conn: &mut AnyConnection,
        sql: &str,
        pid: i64,
    ) -> Result<Vec<AnyRow>> {
        let sql = sql.replace("{versions}", VERSION_FILTER);
        Ok(sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(pid)
            .bind(self.at.as_str())
            .bind(self.plan_id.unwrap_or(-1))
            .fetch_all(&mut *conn)
            .await?)
    }
}

/// The plan versions (`p`) current at `$2`, optionally only version `$3`.
const VERSION_FILTER: &str = "p.partnership_id = $1 AND p.created_at <= $2
    AND (p.superseded_at IS NULL OR p.superseded_at > $2) AND ($3 < 0 OR p.id = $3)";
