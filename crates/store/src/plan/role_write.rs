//! Upserting lead roles by id (their slug), with the other spellings met for each. A role's
//! title and sub-group follow the latest import; spellings are only ever added.

use std::collections::HashMap;

use domain::Role;
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::{ChangeBatch, Diff};
use crate::error::Result;
use crate::sql::{Value, fetch, id_of, insert_rows, next_position};

struct StoredRole {
    id: i64,
    title: String,
    subgroup: Option<i64>,
    aliases: Vec<String>,
    next_alias: i64,
}

/// Returns every stored role's id by slug. `subgroups` maps sub-group names to ids.
pub(crate) async fn upsert(
    conn: &mut AnyConnection,
    pid: i64,
    roles: &[Role],
    subgroups: &HashMap<String, i64>,
    log: &mut ChangeBatch,
) -> Result<HashMap<String, i64>> {
    let (mut ids, mut stored, mut position) = stored_roles(conn, pid).await?;
    let subgroup_names: HashMap<i64, &str> =
        subgroups.iter().map(|(n, id)| (*id, n.as_str())).collect();
    let mut new_roles = Vec::new();
    let mut new_aliases = Vec::new();
    let mut added: Vec<&Role> = Vec::new();
    for role in roles {
        let subgroup = role
            .subgroup
            .as_deref()
            .map(|s| {
                id_of(subgroups, s, "sub-group", || {
                    format!("the lead role \"{}\"", role.id)
                })
            })
            .transpose()?;
        let Some(old) = stored.get_mut(&role.id) else {
            new_roles.push(vec![
                Value::from(pid),
                Value::from(position),
                Value::from(role.id.as_str()),
                Value::from(role.title.as_str()),
                Value::int(subgroup),
            ]);
            position += 1;
            added.push(role);
            log.created("role", &role.id, role)?;
            continue;
        };
        let subgroup = subgroup.or(old.subgroup);
        let name = |id: Option<i64>| id.and_then(|id| subgroup_names.get(&id).copied());
        let mut diff = Diff::default();
        let retitled = diff.field("title", old.title.as_str(), role.title.as_str())?;
        let moved = diff.field("subgroup", &name(old.subgroup), &name(subgroup))?;
        if retitled || moved {
            sqlx::query("UPDATE roles SET title = $1, subgroup_id = $2 WHERE id = $3")
                .bind(role.title.as_str())
                .bind(subgroup)
                .bind(old.id)
                .execute(&mut *conn)
                .await?;
        }
        let extra: Vec<String> = role
            .aliases
            .iter()
            .filter(|a| !old.aliases.contains(a))
            .cloned()
            .collect();
        if !extra.is_empty() {
            let mut all = old.aliases.clone();
            all.extend(extra.iter().cloned());
            diff.field("aliases", &old.aliases, &all)?;
            for alias in extra {
                new_aliases.push(vec![
                    Value::from(pid),
                    Value::from(old.id),
                    Value::from(old.next_alias),
                    Value::from(alias),
                ]);
                old.next_alias += 1;
            }
        }
        diff.record(log, "role", &role.id)?;
    }
    let columns = ["partnership_id", "position", "slug", "title", "subgroup_id"];
    for r in insert_rows(conn, "roles", &columns, new_roles, Some("id, slug")).await? {
        ids.insert(r.try_get("slug")?, r.try_get("id")?);
    }
    for role in added {
        let id = id_of(&ids, &role.id, "role", || "a new role".to_string())?;
        for (i, alias) in (0..).zip(&role.aliases) {
            new_aliases.push(vec![
                Value::from(pid),
                Value::from(id),
                Value::from(i),
                Value::from(alias.as_str()),
            ]);
        }
    }
    let columns = ["partnership_id", "role_id", "position", "alias"];
    insert_rows(conn, "role_aliases", &columns, new_aliases, None).await?;
    Ok(ids)
}

/// The stored roles: ids by slug, each role's state by slug, and the next free position.
async fn stored_roles(
    conn: &mut AnyConnection,
    pid: i64,
) -> Result<(HashMap<String, i64>, HashMap<String, StoredRole>, i64)> {
    let alias_rows = fetch(
        conn,
        "SELECT role_id, alias, position FROM role_aliases WHERE partnership_id = $1 ORDER BY role_id, position",
        pid,
    )
    .await?;
    let mut aliases: HashMap<i64, (Vec<String>, i64)> = HashMap::new();
    for r in &alias_rows {
        let entry = aliases.entry(r.try_get("role_id")?).or_default();
        entry.0.push(r.try_get("alias")?);
        entry.1 = entry.1.max(r.try_get::<i64, _>("position")? + 1);
    }
    let rows = fetch(
        conn,
        "SELECT id, slug, title, subgroup_id, position FROM roles WHERE partnership_id = $1",
        pid,
    )
    .await?;
    let mut ids = HashMap::new();
    let mut stored = HashMap::new();
    for r in &rows {
        let slug: String = r.try_get("slug")?;
        let id: i64 = r.try_get("id")?;
        let (role_aliases, next_alias) = aliases.remove(&id).unwrap_or_default();
        ids.insert(slug.clone(), id);
        stored.insert(
            slug,
            StoredRole {
                id,
                title: r.try_get("title")?,
                subgroup: r.try_get("subgroup_id")?,
                aliases: role_aliases,
                next_alias,
            },
        );
    }
    Ok((ids, stored, next_position(&rows)?))
}
