//! What the reminder rules read about one partnership: its settings, the accounts that hold
//! each lead role (from their memberships' `holds`), its business managers, the accounts
//! linked to a person of an agency (with what they may do with its Section 11 return), what
//! was sent before and which kinds each account turned off. Disabled accounts get nothing.

use std::collections::{BTreeMap, HashMap, HashSet};

use domain::assurance::section11::Section11View;
use domain::reminders::returns::AgencyMember;
use domain::reminders::{Recipient, ReminderKind, ReminderSettings, SentKey};
use domain::{AccessRole, Membership};
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
    /// The accounts linked to a person of an agency on the member register.
    pub agency_members: Vec<AgencyMember>,
    pub sent: HashSet<SentKey>,
    pub unsubscribed: HashSet<(i64, ReminderKind)>,
}

/// The accounts linked to a person on the register, and that person's agency: a range seek on
/// `people_account`.
pub(crate) const LINKED_PEOPLE: &str = "SELECT p.account_id, g.name FROM people p
     JOIN agencies g ON g.partnership_id = p.partnership_id AND g.id = p.agency_id
     WHERE p.partnership_id = $1 AND p.account_id > 0";

/// Each member's account and membership, by account id.
type Members = HashMap<i64, (Recipient, Membership)>;

async fn people(conn: &mut AnyConnection, pid: i64, c: &mut ReminderContext) -> Result<Members> {
    let mut members = Members::new();
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
        let holds = codec::parse_text_list(&row.try_get::<String, _>("holds")?)?;
        for role in &holds {
            c.leads.entry(role.clone()).or_default().push(who.clone());
        }
        let access: String = row.try_get("access_role")?;
        let Ok(role) = access.parse::<AccessRole>() else {
            continue;
        };
        if role == AccessRole::BusinessManager {
            c.managers.push(who.clone());
        }
        let m = Membership {
            partnership: String::new(),
            role,
            holds,
        };
        members.insert(who.account_id, (who, m));
    }
    Ok(members)
}

/// The members linked to a person of an agency, each with its Section 11 view (the board's
/// chair is whoever holds a role the sign-off policy names as the board's, as on the pages).
async fn agency_members(
    conn: &mut AnyConnection,
    pid: i64,
    members: &Members,
    c: &mut ReminderContext,
) -> Result<()> {
    let board_roles = crate::progress::settings::settings(conn, pid)
        .await?
        .sign_off
        .board_roles;
    let rows = sqlx::query(LINKED_PEOPLE)
        .bind(pid)
        .fetch_all(&mut *conn)
        .await?;
    for row in rows {
        let account: i64 = row.try_get("account_id")?;
        let agency: String = row.try_get("name")?;
        let Some((who, m)) = members.get(&account) else {
            continue;
        };
        let chair = m.holds.iter().any(|h| board_roles.contains(h));
        c.agency_members.push(AgencyMember {
            to: who.clone(),
            view: Section11View::of(m, chair, Some(agency.clone())),
            agency,
        });
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
        let members = people(&mut tx, pid, &mut c).await?;
        agency_members(&mut tx, pid, &members, &mut c).await?;
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

#[cfg(test)]
mod tests {
    use crate::query_plan::{Bind, plan};

    /// The people linked to accounts are found through the `people_account` index.
    #[tokio::test]
    async fn the_people_linked_to_accounts_are_found_by_seeking() {
        let p = plan(super::LINKED_PEOPLE, &[Bind::Int(1)]).await;
        p.assert_no_full_read("linked people", &[("p", "people"), ("g", "agencies")]);
        p.assert_seeks_by("linked people", "p", "account_id", ">");
    }
}
