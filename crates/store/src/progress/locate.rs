//! Finding one action for a read: its partnership, its plan's current version, that the action
//! is in that version, its tracked row and the sign-off that stands on it, in one statement
//! rather than five round trips (each a trip to SQLite's worker thread, or to the PostgreSQL
//! server and back).

use domain::SignOff;
use sqlx::any::{AnyArguments, AnyRow};
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Row};

use super::read::parse_at;
use super::write::{ActionKey, Tracked, tracked_of};
use crate::error::{Result, StoreError};

/// Action `key` of a partnership, found.
pub(crate) struct Located {
    pub pid: i64,
    /// The plan's highest version, current or not: its versions are 1 to this.
    pub last_version: i64,
    /// Its tracked row, if it has ever been written to.
    pub tracked: Option<Tracked>,
    /// The sign-off that stands on it (made and not withdrawn), if any.
    pub sign_off: Option<SignOff>,
}

/// One row: the partnership `$1` (by slug), its current plan titled `$2`, that plan's action
/// `$3`, the action's tracked row and its standing sign-off (the earliest, should there be
/// two); what is missing comes back NULL.
const LOCATE_SQL: &str = "SELECT p.id AS pid, pl.id AS plan_id, a.id AS action_row,
        (SELECT MAX(v.version) FROM plans v WHERE v.partnership_id = p.id AND v.title = $2)
          AS last_version,
        t.id AS id, t.row_version AS row_version, t.last_change AS last_change,
        t.changed_by AS changed_by, t.changed_at AS changed_at,
        t.latest_update_id AS latest_update_id, t.latest_as_of AS latest_as_of,
        t.latest_recorded_at AS latest_recorded_at, t.origin_id AS origin_id,
        s.id AS signoff_id, s.signed_by AS signed_by, r.slug AS signoff_role,
        s.at AS signed_at
    FROM partnerships p
    LEFT JOIN plans pl
      ON pl.partnership_id = p.id AND pl.title = $2 AND pl.superseded_at IS NULL
    LEFT JOIN actions a ON a.plan_id = pl.id AND a.uid = $3
    LEFT JOIN tracked_actions t
      ON t.partnership_id = p.id AND t.plan_title = $2 AND t.uid = $3
    LEFT JOIN signoffs s
      ON s.partnership_id = t.partnership_id AND s.tracked_action_id = t.id
      AND NOT EXISTS (SELECT 1 FROM signoff_withdrawals w WHERE w.signoff_id = s.id)
    LEFT JOIN roles r ON r.id = s.role_id
    WHERE p.slug = $1
    ORDER BY s.at, s.id
    LIMIT 1";

/// Action `key` in the current version of its plan in partnership `slug`; not found, naming
/// what is missing, when the partnership, the plan or the action is not there.
pub(crate) async fn locate(
    conn: &mut AnyConnection,
    slug: &str,
    key: &ActionKey,
) -> Result<Located> {
    let row = locate_query(slug, key).fetch_optional(&mut *conn).await?;
    located(row, slug, key)
}

/// The one statement [`locate`] runs, for a caller that runs it elsewhere.
pub(crate) fn locate_query<'q>(slug: &'q str, key: &'q ActionKey) -> Query<'q, Any, AnyArguments> {
    sqlx::query(LOCATE_SQL)
        .bind(slug)
        .bind(key.plan.as_str())
        .bind(key.action.as_str())
}

/// What [`locate_query`]'s `row` says of action `key` of partnership `slug`.
pub(crate) fn located(row: Option<AnyRow>, slug: &str, key: &ActionKey) -> Result<Located> {
    let row = row.ok_or_else(|| StoreError::not_found(format!("the partnership \"{slug}\"")))?;
    if row.try_get::<Option<i64>, _>("plan_id")?.is_none() {
        return Err(StoreError::not_found(format!("the plan \"{}\"", key.plan)));
    }
    if row.try_get::<Option<i64>, _>("action_row")?.is_none() {
        return Err(StoreError::not_found(format!(
            "the action {} in the plan \"{}\"",
            key.action, key.plan
        )));
    }
    let tracked = match row.try_get::<Option<i64>, _>("id")? {
        Some(_) => Some(tracked_of(&row)?),
        None => None,
    };
    let sign_off = match row.try_get::<Option<i64>, _>("signoff_id")? {
        Some(id) => Some(SignOff {
            id,
            action: key.action.clone(),
            by: row.try_get("signed_by")?,
            role: row.try_get("signoff_role")?,
            at: parse_at(&row.try_get::<String, _>("signed_at")?)?,
            withdrawn: None,
        }),
        None => None,
    };
    Ok(Located {
        pid: row.try_get("pid")?,
        last_version: row.try_get::<Option<i64>, _>("last_version")?.unwrap_or(0),
        tracked,
        sign_off,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query_plan::{Bind, plan};

    #[tokio::test]
    async fn finding_an_action_seeks_each_table_by_its_keys() {
        let binds = [
            Bind::Text("kingston"),
            Bind::Text("Plan"),
            Bind::Text("4.2#2"),
        ];
        let p = plan(LOCATE_SQL, &binds).await;
        p.assert_no_full_read(
            "finding an action",
            &[
                ("p", "partnerships"),
                ("pl", "plans"),
                ("a", "actions"),
                ("t", "tracked_actions"),
                ("v", "plans"),
                ("s", "signoffs"),
                ("w", "signoff_withdrawals"),
                ("r", "roles"),
            ],
        );
        p.assert_seeks_by("finding an action", "t", "uid", "=");
        p.assert_seeks_by("finding an action", "a", "uid", "=");
        p.assert_seeks_by("finding an action", "s", "tracked_action_id", "=");
    }
}
