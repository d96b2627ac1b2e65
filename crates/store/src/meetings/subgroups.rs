//! Sub-groups as the board runs them: status (proposed, active, closed), chair, members, how
//! often they meet, quorum, terms of reference (a document of the register, by title), and
//! their own work items. The sub-group rows are the plan
//! import's; what is added here sits in `subgroup_details`, `subgroup_members` and
//! `subgroup_items`.

use std::collections::HashMap;

use domain::meetings::{QuorumRule, SubgroupState};
use domain::{Date, SubgroupStatus};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::ChangeOp;
use crate::codec;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;
use crate::sql::grouped;
use crate::{Store, scope};

use super::find;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubgroupItem {
    pub id: i64,
    pub title: String,
    pub due: Option<Date>,
    pub done: Option<Date>,
}

/// A sub-group as the board runs it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SubgroupRecord {
    pub name: String,
    pub status: SubgroupState,
    pub chair: Option<String>,
    /// People on the register, by name.
    pub members: Vec<String>,
    /// How often it meets, as the board says it ("quarterly", "every six weeks").
    pub frequency: Option<String>,
    pub quorum: QuorumRule,
    /// The title of its terms of reference in the document register.
    pub terms_of_reference: Option<String>,
    /// The titles of the lead roles that belong to it (its share of the plan).
    pub roles: Vec<String>,
    pub items: Vec<SubgroupItem>,
}

/// What to change of a sub-group; `None` leaves a field as it is.
#[derive(Debug, Clone, Default)]
pub struct SubgroupChange {
    pub status: Option<SubgroupState>,
    /// A name on the register; an empty name removes the chair.
    pub chair: Option<String>,
    pub frequency: Option<String>,
    pub quorum_agencies: Option<u32>,
    pub quorum_members: Option<u32>,
    pub add_members: Vec<String>,
    pub remove_members: Vec<String>,
    /// The title of a terms-of-reference document in the register; empty removes it.
    pub terms_of_reference: Option<String>,
}

/// A terms-of-reference document of the register, by its exact title (a seek on the
/// register's unique title).
const TERMS_OF_REFERENCE: &str = "SELECT d.id, d.kind, d.superseded_on FROM documents d
     WHERE d.partnership_id = $1 AND d.title = $2";

/// The title of the register's terms-of-reference document `title`, or what is wrong.
async fn terms_of_reference(conn: &mut AnyConnection, pid: i64, title: &str) -> Result<String> {
    let row = sqlx::query(TERMS_OF_REFERENCE)
        .bind(pid)
        .bind(title)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(r) if r.try_get::<String, _>("kind")? != "terms_of_reference" => {
            Err(StoreError::invalid(format!(
                "terms_of_reference: \"{title}\" is in the register, but not as terms of \
                 reference; add the sub-group's terms of reference as a document of that kind"
            )))
        }
        Some(r) if r.try_get::<Option<String>, _>("superseded_on")?.is_some() => {
            Err(StoreError::invalid(format!(
                "terms_of_reference: \"{title}\" is superseded; choose the terms of reference in force"
            )))
        }
        Some(_) => Ok(title.to_string()),
        None => Err(StoreError::invalid(format!(
            "terms_of_reference: \"{title}\" is not in the document register; give a document's \
             title exactly, or add it first: boardplan doc add --kind terms_of_reference"
        ))),
    }
}

pub(crate) async fn read(conn: &mut AnyConnection, pid: i64) -> Result<Vec<SubgroupRecord>> {
    let rows = sqlx::query(
        "SELECT s.id, s.name, s.status, s.terms_of_reference, d.closed, c.name AS chair,
             d.frequency, d.quorum_agencies, d.quorum_members
         FROM subgroups s
         LEFT JOIN subgroup_details d ON d.subgroup_id = s.id
         LEFT JOIN people c ON c.partnership_id = d.partnership_id AND c.id = d.chair_id
         WHERE s.partnership_id = $1 ORDER BY s.position",
    )
    .bind(pid)
    .fetch_all(&mut *conn)
    .await?;
    let members = sqlx::query(
        "SELECT sm.subgroup_id, p.name FROM subgroup_members sm
         JOIN people p ON p.partnership_id = sm.partnership_id AND p.id = sm.person_id
         WHERE sm.partnership_id = $1 ORDER BY p.name",
    )
    .bind(pid)
    .fetch_all(&mut *conn)
    .await?;
    let members = grouped(&members, "subgroup_id", |r| {
        Ok(r.try_get::<String, _>("name")?)
    })?;
    let roles = sqlx::query(
        "SELECT subgroup_id, title FROM roles WHERE partnership_id = $1
         AND subgroup_id IS NOT NULL ORDER BY position",
    )
    .bind(pid)
    .fetch_all(&mut *conn)
    .await?;
    let roles = grouped(&roles, "subgroup_id", |r| {
        Ok(r.try_get::<String, _>("title")?)
    })?;
    let items = sqlx::query(
        "SELECT id, subgroup_id, title, due, done FROM subgroup_items
         WHERE partnership_id = $1 ORDER BY id",
    )
    .bind(pid)
    .fetch_all(&mut *conn)
    .await?;
    let mut items: HashMap<i64, Vec<SubgroupItem>> = grouped(&items, "subgroup_id", |r| {
        Ok(SubgroupItem {
            id: r.try_get("id")?,
            title: r.try_get("title")?,
            due: codec::opt_date(r.try_get("due")?)?,
            done: codec::opt_date(r.try_get("done")?)?,
        })
    })?;
    let count = |v: Option<i64>| v.and_then(|n| u32::try_from(n).ok());
    rows.iter()
        .map(|r| {
            let id: i64 = r.try_get("id")?;
            let status = codec::parse_subgroup_status(&r.try_get::<String, _>("status")?)?;
            let closed = r.try_get::<Option<i64>, _>("closed")? == Some(1);
            Ok(SubgroupRecord {
                name: r.try_get("name")?,
                status: SubgroupState::of(status, closed),
                chair: r.try_get("chair")?,
                members: members.get(&id).cloned().unwrap_or_default(),
                frequency: r.try_get("frequency")?,
                quorum: QuorumRule {
                    agencies: count(r.try_get("quorum_agencies")?),
                    members: count(r.try_get("quorum_members")?),
                },
                terms_of_reference: r.try_get("terms_of_reference")?,
                roles: roles.get(&id).cloned().unwrap_or_default(),
                items: items.remove(&id).unwrap_or_default(),
            })
        })
        .collect()
}

async fn one(conn: &mut AnyConnection, pid: i64, name: &str) -> Result<SubgroupRecord> {
    read(conn, pid)
        .await?
        .into_iter()
        .find(|s| s.name == name)
        .ok_or_else(|| StoreError::not_found(format!("the sub-group {name}")))
}

impl Store {
    /// Partnership `slug`'s sub-groups, in the plan's order.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn subgroups(&self, slug: &str) -> Result<Vec<SubgroupRecord>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let list = read(&mut tx, pid).await?;
        tx.commit().await?;
        Ok(list)
    }

    /// Add sub-group `name`, proposed or active.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_subgroup(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        name: &str,
        status: SubgroupState,
    ) -> Result<()> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 200 {
            return Err(StoreError::invalid(
                "name: give the sub-group a name of at most 200 characters",
            ));
        }
        let status = match status {
            SubgroupState::Proposed => SubgroupStatus::Proposed,
            SubgroupState::Active => SubgroupStatus::Active,
            SubgroupState::Closed => {
                return Err(StoreError::invalid(
                    "status: a new sub-group is proposed or active",
                ));
            }
        };
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        if let Ok((_, stored)) = find::subgroup(&mut w.tx, w.pid, name).await {
            return Err(StoreError::Conflict {
                what: format!("the sub-group {stored} already exists"),
            });
        }
        let next: i64 = sqlx::query("SELECT COALESCE(MAX(position) + 1, 0) AS next FROM subgroups WHERE partnership_id = $1")
            .bind(w.pid)
            .fetch_one(&mut *w.tx)
            .await?
            .try_get("next")?;
        sqlx::query("INSERT INTO subgroups (partnership_id, position, name, status) VALUES ($1, $2, $3, $4)")
            .bind(w.pid)
            .bind(next)
            .bind(name)
            .bind(codec::subgroup_status(status))
            .execute(&mut *w.tx)
            .await?;
        let s = domain::Subgroup {
            name: name.into(),
            status,
            terms_of_reference: None,
        };
        w.log.created("subgroup", name, &s)?;
        w.commit().await
    }

    /// Change sub-group `name` as `c` says; its record after.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn update_subgroup(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        name: &str,
        c: &SubgroupChange,
    ) -> Result<SubgroupRecord> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let (sid, name) = find::subgroup(&mut w.tx, w.pid, name).await?;
        let old = one(&mut w.tx, w.pid, &name).await?;
        let closed = match c.status {
            Some(SubgroupState::Closed) => true,
            Some(s) => {
                let status = if s == SubgroupState::Active {
                    SubgroupStatus::Active
                } else {
                    SubgroupStatus::Proposed
                };
                sqlx::query(
                    "UPDATE subgroups SET status = $3 WHERE partnership_id = $1 AND id = $2",
                )
                .bind(w.pid)
                .bind(sid)
                .bind(codec::subgroup_status(status))
                .execute(&mut *w.tx)
                .await?;
                false
            }
            None => old.status == SubgroupState::Closed,
        };
        let chair = match c.chair.as_deref().map(str::trim) {
            Some("") => None,
            Some(n) => Some(find::person(&mut w.tx, w.pid, n).await?.0),
            None => match &old.chair {
                Some(n) => Some(find::person(&mut w.tx, w.pid, n).await?.0),
                None => None,
            },
        };
        let frequency = match c.frequency.as_deref().map(str::trim) {
            Some("") => None,
            Some(f) if f.chars().count() > 200 => {
                return Err(StoreError::invalid(
                    "frequency: say how often in at most 200 characters",
                ));
            }
            Some(f) => Some(f.to_string()),
            None => old.frequency.clone(),
        };
        let tor = match c.terms_of_reference.as_deref().map(str::trim) {
            None => old.terms_of_reference.clone(),
            Some("") => None,
            Some(t) => Some(terms_of_reference(&mut w.tx, w.pid, t).await?),
        };
        if tor != old.terms_of_reference {
            sqlx::query(
                "UPDATE subgroups SET terms_of_reference = $3 WHERE partnership_id = $1 AND id = $2",
            )
            .bind(w.pid)
            .bind(sid)
            .bind(tor.clone())
            .execute(&mut *w.tx)
            .await?;
        }
        let agencies = c.quorum_agencies.or(old.quorum.agencies).map(i64::from);
        let members = c.quorum_members.or(old.quorum.members).map(i64::from);
        sqlx::query(
            "INSERT INTO subgroup_details (subgroup_id, partnership_id, closed, chair_id, frequency,
                 quorum_agencies, quorum_members) VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (subgroup_id) DO UPDATE SET closed = $3, chair_id = $4, frequency = $5,
                 quorum_agencies = $6, quorum_members = $7",
        )
        .bind(sid)
        .bind(w.pid)
        .bind(i64::from(closed))
        .bind(chair)
        .bind(frequency)
        .bind(agencies)
        .bind(members)
        .execute(&mut *w.tx)
        .await?;
        for n in &c.add_members {
            let (person, _) = find::person(&mut w.tx, w.pid, n).await?;
            sqlx::query("DELETE FROM subgroup_members WHERE subgroup_id = $1 AND person_id = $2")
                .bind(sid)
                .bind(person)
                .execute(&mut *w.tx)
                .await?;
            sqlx::query("INSERT INTO subgroup_members (partnership_id, subgroup_id, person_id) VALUES ($1, $2, $3)")
                .bind(w.pid)
                .bind(sid)
                .bind(person)
                .execute(&mut *w.tx)
                .await?;
        }
        for n in &c.remove_members {
            let (person, stored) = find::person(&mut w.tx, w.pid, n).await?;
            let gone = sqlx::query(
                "DELETE FROM subgroup_members WHERE subgroup_id = $1 AND person_id = $2",
            )
            .bind(sid)
            .bind(person)
            .execute(&mut *w.tx)
            .await?;
            if gone.rows_affected() == 0 {
                return Err(StoreError::invalid(format!(
                    "{stored} is not a member of the {name} sub-group"
                )));
            }
        }
        let new = one(&mut w.tx, w.pid, &name).await?;
        if new == old {
            return Ok(new);
        }
        w.log
            .record("subgroup", &name, ChangeOp::Update, Some(&old), Some(&new))?;
        w.commit().await?;
        Ok(new)
    }

    /// Add an item of sub-group `name`'s own to its work plan.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_subgroup_item(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        name: &str,
        title: &str,
        due: Option<Date>,
    ) -> Result<i64> {
        let title = title.trim();
        if title.is_empty() || title.chars().count() > 2000 {
            return Err(StoreError::invalid(
                "title: say what the item is, in at most 2000 characters",
            ));
        }
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let (sid, name) = find::subgroup(&mut w.tx, w.pid, name).await?;
        let id: i64 = sqlx::query(
            "INSERT INTO subgroup_items (partnership_id, subgroup_id, title, due) VALUES ($1, $2, $3, $4)
             RETURNING id",
        )
        .bind(w.pid)
        .bind(sid)
        .bind(title)
        .bind(due.map(codec::date_text))
        .fetch_one(&mut *w.tx)
        .await?
        .try_get("id")?;
        w.log
            .created("subgroup item", format!("{name} #{id}"), &title)?;
        w.commit().await?;
        Ok(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sub-group's terms of reference are found by seeking the register's unique title.
    #[tokio::test]
    async fn terms_of_reference_are_found_through_the_title_not_a_scan() {
        use crate::query_plan::{Bind, plan};
        let p = plan(
            TERMS_OF_REFERENCE,
            &[Bind::Int(1), Bind::Text("Terms of reference")],
        )
        .await;
        p.assert_no_full_read("terms of reference", &[("d", "documents")]);
        p.assert_seeks_by("terms of reference", "d", "title", "=");
    }
}
