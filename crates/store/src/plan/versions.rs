//! Which versions of a partnership's plans a read selects: those current at a moment
//! (created by then, not yet superseded), all of them or only one. Plans, their revisions and
//! the status all read through it.

use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyConnection};

use crate::error::Result;
use crate::sql::only_if_given;

/// A moment after every moment a change can be recorded at: reading "as at" it is reading
/// the current state.
pub(crate) const END_OF_TIME: &str = "9999-12-31T23:59:59Z";

/// Which plan versions to read: those current at `at` (UTC text), all of the partnership's
/// or only the version `plan_id`.
#[derive(Debug, Clone)]
pub(crate) struct Versions {
    pub at: String,
    pub plan_id: Option<i64>,
    /// Read the version `plan_id` whether it is still current or not, with only its edits
    /// (action revisions) up to this id: the state a sheet was exported from.
    pub edits_upto: Option<i64>,
}

impl Versions {
    pub fn current() -> Self {
        Self::at(END_OF_TIME)
    }

    pub fn at(at: &str) -> Self {
        Self {
            at: at.to_string(),
            plan_id: None,
            edits_upto: None,
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
        let sql = sql.replace("{versions}", &self.filter());
        Ok(self
            .bind(sqlx::query(sqlx::AssertSqlSafe(sql)), pid)
            .fetch_all(&mut *conn)
            .await?)
    }

    /// The filter on plans `p` selecting these versions: current at `$2`, and only version
    /// `$3` when one is asked for. Bind with [`Versions::bind`].
    pub fn filter(&self) -> String {
        let current = if self.edits_upto.is_some() {
            ""
        } else {
            "AND (p.superseded_at IS NULL OR p.superseded_at > $2)"
        };
        format!(
            "p.partnership_id = $1 AND p.created_at <= $2 {current} AND {}",
            only_if_given("p.id", 3, self.plan_id.is_some())
        )
    }

    /// The version `plan_id` with its edits up to `edit` (0: as imported), current or not.
    pub fn as_marked(plan_id: i64, edit: i64) -> Self {
        Self {
            at: END_OF_TIME.to_string(),
            plan_id: Some(plan_id),
            edits_upto: Some(edit),
        }
    }

    /// `$1` to `$3` of [`Versions::filter`], for partnership `pid`.
    pub fn bind<'q>(
        &self,
        q: Query<'q, Any, AnyArguments>,
        pid: i64,
    ) -> Query<'q, Any, AnyArguments> {
        q.bind(pid).bind(self.at.clone()).bind(self.plan_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Row;

    /// One version is read by its id, not by scanning the partnership's plans for it.
    #[tokio::test]
    async fn one_version_is_found_by_its_id() {
        let dir = tempfile::tempdir().unwrap();
        let store = crate::Store::connect(&dir.path().join("t.db").display().to_string())
            .await
            .unwrap();
        let one = Versions {
            at: END_OF_TIME.into(),
            plan_id: Some(1),
            edits_upto: None,
        };
        let sql = format!(
            "EXPLAIN QUERY PLAN SELECT p.id FROM plans p WHERE {}",
            one.filter()
        );
        let plan: Vec<String> = one
            .bind(sqlx::query(sqlx::AssertSqlSafe(sql)), 1)
            .fetch_all(&store.pool)
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get::<String, _>("detail").unwrap())
            .collect();
        assert!(
            plan.iter()
                .any(|d| d.starts_with("SEARCH p USING INTEGER PRIMARY KEY")),
            "{plan:?}"
        );
        assert!(Versions::current().filter().contains("$3 IS NULL"));
    }

    /// The same on the tests' back end, PostgreSQL included (`crate::query_plan`).
    #[tokio::test]
    async fn one_version_is_found_by_its_id_on_the_tests_back_end() {
        use crate::query_plan::{Bind, plan};
        let one = Versions {
            at: END_OF_TIME.into(),
            plan_id: Some(1),
            edits_upto: None,
        };
        let sql = format!("SELECT p.id FROM plans p WHERE {}", one.filter());
        let binds = [Bind::Int(1), Bind::Text(END_OF_TIME), Bind::Int(1)];
        let p = plan(&sql, &binds).await;
        p.assert_no_full_read("one plan version", &[("p", "plans")]);
        p.assert_seeks_by("one plan version", "p", "id", "=");
    }
}
