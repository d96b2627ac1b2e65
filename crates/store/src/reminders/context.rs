//! What the reminder rules read about one partnership: its settings, the accounts that hold
//! each lead role (from their memberships' `holds`), its business managers, what was sent
//! before and which kinds each account turned off. Disabled accounts get nothing.

use std::collections::{BTreeMap, HashSet};

use domain::AccessRole;
use domain::reminders::{Recipient, ReminderKind, ReminderSettings, SentKey};
use sqlx::{AnyConnection, Row};

use crate::Store;
use crate::codec;
use crate::error::Result;
use crate::scope;

/// Everything [`domain::reminders::due`] needs beside the plan and its statuses.
#[derive(Debug, Clone, Default)]
pub struct ReminderContext {
    pub partnership_id: i64,
    /// The board's name, as messages name it.
    pub name: String,
    pub settings: ReminderSettings,
    /// The accounts holding each lead role, by role id.
    pub leads: BTreeMap<String, Vec<Recipient>>,
    pub managers: Vec<Recipient>,
    pub sent: HashSet<SentKey>,
    pub unsubscribed: HashSet<(i64, ReminderKind)>,
}

async fn people(conn: &mut AnyConnection, pid: i64, c: &mut ReminderContext) -> Result<()> {
    let rows = sqlx::query(
        "SELECT a.id, a.email, a.display_name, m.access_role, m.holds
         FROM memberships m JOIN accounts a ON a.id = m.account_id
         WHERE m.partnership_id = $1 AND a.disabled_at IS NULL ORDER BY a.id",
    )
    .bind(pid)
    .fetch_all(&mut *conn)
    .await?;
    for row in rows {
        let who = Recipient {
            account_id: row.try_get("id")?,
            email: row.try_get("email")?,
            name: row.try_get("display_name")?,
        };
        for role in codec::parse_text_list(&row.try_get::<String, _>("holds")?)? {
            c.leads.entry(role).or_default().push(who.clone());
        }
        let access: String = row.try_get("access_role")?;
        if access.parse::<AccessRole>().ok() == Some(AccessRole::BusinessManager) {
            c.managers.push(who);
        }
    }
    Ok(())
}

async fn sent(conn: &mut AnyConnection, pid: i64, c: &mut ReminderContext) -> Result<()> {
    let rows = sqlx::query(
        "SELECT account_id, kind, action_key, period FROM reminders_sent
         WHERE partnership_id = $1",
    )
    .bind(pid)
    .fetch_all(&mut *conn)
    .await?;
    for row in rows {
        if let Some(kind) = ReminderKind::parse(&row.try_get::<String, _>("kind")?) {
            c.sent.insert((
                row.try_get("account_id")?,
                kind,
                row.try_get("action_key")?,
                row.try_get("period")?,
            ));
        }
    }
    let rows =
        sqlx::query("SELECT account_id, kind FROM reminder_unsubscribes WHERE partnership_id = $1")
            .bind(pid)
            .fetch_all(&mut *conn)
            .await?;
    for row in rows {
        if let Some(kind) = ReminderKind::parse(&row.try_get::<String, _>("kind")?) {
            c.unsubscribed.insert((row.try_get("account_id")?, kind));
        }
    }
    Ok(())
}

impl Store {
    /// What the reminder rules need to know about partnership `slug`.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn reminder_context(&self, slug: &str) -> Result<ReminderContext> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let name: String = sqlx::query("SELECT name FROM partnerships WHERE id = $1")
            .bind(pid)
            .fetch_one(&mut *tx)
            .await?
            .try_get("name")?;
        let mut c = ReminderContext {
            partnership_id: pid,
            name,
            settings: super::settings::read(&mut tx, pid).await?,
            ..ReminderContext::default()
        };
        people(&mut tx, pid, &mut c).await?;
        sent(&mut tx, pid, &mut c).await?;
        tx.commit().await?;
        Ok(c)
    }
}

impl Store {
    /// The name of the partnership with id `pid`, if there is one (for pages reached by a
    /// signed link, which names the partnership by id).
    pub async fn partnership_name(&self, pid: i64) -> Result<Option<String>> {
        let mut conn = self.pool.acquire().await?;
        let row = sqlx::query("SELECT name FROM partnerships WHERE id = $1")
            .bind(pid)
            .fetch_optional(&mut *conn)
            .await?;
        Ok(row.map(|r| r.try_get("name")).transpose()?)
    }
}
