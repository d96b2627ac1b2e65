//! Each partnership's settings for progress: the thresholds of the status rules (due soon,
//! stale) and who may sign off a completion. Until a partnership sets them, the defaults hold:
//! 30 and 90 days, the board's chair and the chair of the lead's sub-group.

use std::collections::HashMap;

use domain::{Partnership, SignOffPolicy, StatusRules};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::{ChangeOp, Diff};
use crate::error::{Result, StoreError};
use crate::plan::partnership_read;
use crate::scope;
use crate::{Store, codec};

use super::write::Stamp;

/// A partnership's progress settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    pub rules: StatusRules,
    pub sign_off: SignOffPolicy,
    /// False while the defaults hold.
    pub configured: bool,
}

impl Store {
    /// The progress settings of partnership `slug`.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn settings(&self, slug: &str) -> Result<Settings> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        settings(&mut conn, pid).await
    }

    /// Set partnership `slug`'s progress settings. Every board role named must be one of its
    /// roles; the thresholds must be sensible (0 to 366 days; stale at least 1).
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn set_settings(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        rules: StatusRules,
        sign_off: SignOffPolicy,
    ) -> Result<Settings> {
        if !(0..=366).contains(&rules.due_soon_days) || !(1..=366).contains(&rules.stale_days) {
            return Err(StoreError::invalid(
                "give due-soon days from 0 to 366 and stale days from 1 to 366",
            ));
        }
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let roles = role_titles(&mut w.tx, w.pid).await?;
        if let Some(unknown) = sign_off
            .board_roles
            .iter()
            .find(|r| !roles.contains_key(*r))
        {
            return Err(StoreError::invalid(format!(
                "\"{unknown}\" is not one of the partnership's roles; its roles are: {}",
                sorted(roles.keys())
            )));
        }
        let old = settings(&mut w.tx, w.pid).await?;
        let new = Settings {
            rules,
            sign_off,
            configured: true,
        };
        let mut diff = Diff::default();
        diff.field("rules", &old.rules, &new.rules)?;
        diff.field("sign_off", &old.sign_off, &new.sign_off)?;
        if diff.is_empty() && old.configured {
            return Ok(old);
        }
        sqlx::query("DELETE FROM partnership_settings WHERE partnership_id = $1")
            .bind(w.pid)
            .execute(&mut *w.tx)
            .await?;
        sqlx::query(
            "INSERT INTO partnership_settings (partnership_id, due_soon_days, stale_days,
                 signoff_board_roles, signoff_subgroup_chairs, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(w.pid)
        .bind(i64::from(new.rules.due_soon_days))
        .bind(i64::from(new.rules.stale_days))
        .bind(codec::text_list(&new.sign_off.board_roles)?)
        .bind(i64::from(new.sign_off.subgroup_chairs))
        .bind(w.at.as_str())
        .execute(&mut *w.tx)
        .await?;
        w.log.record(
            "settings",
            "progress",
            ChangeOp::Update,
            Some(&old),
            Some(&new),
        )?;
        w.commit().await?;
        Ok(new)
    }
}

fn sorted<'a>(items: impl Iterator<Item = &'a String>) -> String {
    let mut v: Vec<&str> = items.map(String::as_str).collect();
    v.sort_unstable();
    v.join(", ")
}

/// The partnership's roles, titles by slug.
async fn role_titles(conn: &mut AnyConnection, pid: i64) -> Result<HashMap<String, String>> {
    let rows = sqlx::query("SELECT slug, title FROM roles WHERE partnership_id = $1")
        .bind(pid)
        .fetch_all(&mut *conn)
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("slug")?, r.try_get("title")?)))
        .collect()
}

/// The settings of partnership `pid`: stored, or the defaults for its roles.
pub(crate) async fn settings(conn: &mut AnyConnection, pid: i64) -> Result<Settings> {
    let row = sqlx::query(
        "SELECT due_soon_days, stale_days, signoff_board_roles, signoff_subgroup_chairs
         FROM partnership_settings WHERE partnership_id = $1",
    )
    .bind(pid)
    .fetch_optional(&mut *conn)
    .await?;
    let days = |n: i64| {
        i32::try_from(n).map_err(|_| StoreError::invalid(format!("the database holds {n} days")))
    };
    if let Some(r) = row {
        return Ok(Settings {
            rules: StatusRules {
                due_soon_days: days(r.try_get("due_soon_days")?)?,
                stale_days: days(r.try_get("stale_days")?)?,
            },
            sign_off: SignOffPolicy {
                board_roles: codec::parse_text_list(
                    &r.try_get::<String, _>("signoff_board_roles")?,
                )?,
                subgroup_chairs: r.try_get::<i64, _>("signoff_subgroup_chairs")? == 1,
            },
            configured: true,
        });
    }
    let names: HashMap<i64, String> = partnership_read::subgroups(conn, pid)
        .await?
        .into_iter()
        .map(|(id, s)| (id, s.name))
        .collect();
    let roles = partnership_read::roles(conn, pid, &names).await?;
    let p = Partnership {
        roles: roles.into_iter().map(|(_, r)| r).collect(),
        ..Partnership::default()
    };
    Ok(Settings {
        rules: StatusRules::default(),
        sign_off: SignOffPolicy::default_for(&p),
        configured: false,
    })
}
