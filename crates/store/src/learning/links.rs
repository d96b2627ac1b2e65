//! The plan's objective and action numbers a learning record may name: those of the
//! partnership's current plans.

use std::collections::BTreeSet;

use sqlx::{AnyConnection, Row};

use crate::error::{Result, StoreError};

/// Check that every number in `priorities` is an objective, and in `actions` an action, of
/// one of partnership `pid`'s current plans; the error names the field and lists the choices.
pub(crate) async fn check(
    conn: &mut AnyConnection,
    pid: i64,
    priorities: &[String],
    actions: &[String],
) -> Result<()> {
    if priorities.is_empty() && actions.is_empty() {
        return Ok(());
    }
    let current = "JOIN plans p ON p.partnership_id = x.partnership_id AND p.id = x.plan_id
         WHERE x.partnership_id = $1 AND p.superseded_at IS NULL";
    let objectives = numbers(
        conn,
        pid,
        &format!("SELECT x.number FROM objectives x {current}"),
    )
    .await?;
    let uids = numbers(
        conn,
        pid,
        &format!("SELECT x.uid AS number FROM actions x {current}"),
    )
    .await?;
    for (field, given, known, what) in [
        ("priorities", priorities, &objectives, "objective"),
        ("actions", actions, &uids, "action"),
    ] {
        if let Some(n) = given.iter().find(|n| !known.contains(n.as_str())) {
            let mut list: Vec<&String> = known.iter().collect();
            list.sort_by_key(|s| (s.len(), s.as_str()));
            let shown: Vec<&str> = list.iter().take(20).map(|s| s.as_str()).collect();
            return Err(StoreError::invalid(format!(
                "{field}: \"{n}\" is not an {what} of the current plan. Give the numbers as the \
                 plan has them ({}{}).",
                shown.join(", "),
                if list.len() > shown.len() {
                    ", …"
                } else {
                    ""
                }
            )));
        }
    }
    Ok(())
}

async fn numbers(conn: &mut AnyConnection, pid: i64, sql: &str) -> Result<BTreeSet<String>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql.to_string()))
        .bind(pid)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| Ok(r.try_get::<String, _>("number")?))
        .collect()
}
