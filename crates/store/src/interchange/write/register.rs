//! The register's side of the business: agencies' details, people, sub-groups as run and
//! induction.

use std::collections::HashMap;

use domain::business::Business;

use crate::changelog::chain::ChangeBatch;
use crate::codec;
use crate::error::Result;
use crate::governance::lookup::Lookup;
use crate::governance::people;
use sqlx::{AnyConnection, Row};

use super::{at, find, ids};

pub(super) async fn agencies(
    conn: &mut AnyConnection,
    pid: i64,
    b: &Business,
    log: &mut ChangeBatch,
) -> Result<()> {
    let known = ids(
        conn,
        "SELECT id, name FROM agencies WHERE partnership_id = $1",
        pid,
    )
    .await?;
    for (i, a) in b.agencies.iter().enumerate() {
        if a.kind.is_none() && a.representatives_expected.is_none() && a.contributions.is_empty() {
            continue;
        }
        let Some(id) = known.get(&a.name.to_lowercase()) else {
            return Err(at(
                format!("agencies[{i}].name"),
                format!("\"{}\" is not one of the agencies", a.name),
            ));
        };
        sqlx::query("UPDATE agencies SET kind = $3, representatives_expected = $4 WHERE partnership_id = $1 AND id = $2")
            .bind(pid)
            .bind(id)
            .bind(a.kind.map(|k| k.as_str()))
            .bind(a.representatives_expected.map(i64::from))
            .execute(&mut *conn)
            .await?;
        for c in &a.contributions {
            sqlx::query("INSERT INTO agency_contributions (partnership_id, agency_id, year, pence) VALUES ($1, $2, $3, $4)")
                .bind(pid)
                .bind(id)
                .bind(i64::from(c.year))
                .bind(c.pence)
                .execute(&mut *conn)
                .await?;
        }
        log.created("agency details", a.name.as_str(), a)?;
    }
    Ok(())
}

pub(super) async fn people_rows(
    conn: &mut AnyConnection,
    pid: i64,
    b: &Business,
    at_time: &str,
    log: &mut ChangeBatch,
) -> Result<()> {
    let mut lookup = Lookup::load(conn, pid).await?;
    let mut inserted = Vec::with_capacity(b.people.len());
    for (i, m) in b.people.iter().enumerate() {
        let one = people::resolve(&m.person(), &lookup)
            .map_err(|(field, e)| at(format!("people[{i}].{field}"), e))?;
        let key = one.person.name.to_lowercase();
        if lookup.people.contains_key(&key) {
            return Err(at(
                format!("people[{i}].name"),
                format!("{} is on the register twice", m.name),
            ));
        }
        let id = people::insert(conn, pid, &one, at_time).await?;
        lookup.people.insert(key, (id, one.person.name.clone()));
        inserted.push((id, one.person));
    }
    for (i, (id, person)) in inserted.iter().enumerate() {
        let deputy = people::deputy_id(person, &lookup)
            .map_err(|(field, e)| at(format!("people[{i}].{field}"), e))?;
        people::set_deputy(conn, pid, *id, deputy).await?;
        log.created("person", person.name.as_str(), person)?;
    }
    Ok(())
}

pub(super) async fn subgroup_rows(
    conn: &mut AnyConnection,
    pid: i64,
    b: &Business,
    subgroups: &HashMap<String, i64>,
    people: &HashMap<String, i64>,
    log: &mut ChangeBatch,
) -> Result<()> {
    for (i, s) in b.subgroups.iter().enumerate() {
        if s.is_bare() {
            continue;
        }
        let sid = *find(
            subgroups,
            &s.name,
            format!("subgroups[{i}].name"),
            "one of the sub-groups",
        )?;
        let chair = s
            .chair
            .as_deref()
            .map(|c| {
                find(
                    people,
                    c,
                    format!("subgroups[{i}].chair"),
                    "on the register",
                )
                .copied()
            })
            .transpose()?;
        sqlx::query(
            "INSERT INTO subgroup_details (subgroup_id, partnership_id, closed, chair_id, frequency,
                 quorum_agencies, quorum_members) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(sid)
        .bind(pid)
        .bind(i64::from(s.closed))
        .bind(chair)
        .bind(s.frequency.as_deref())
        .bind(s.quorum.agencies.map(i64::from))
        .bind(s.quorum.members.map(i64::from))
        .execute(&mut *conn)
        .await?;
        for (j, m) in s.members.iter().enumerate() {
            let person = *find(
                people,
                m,
                format!("subgroups[{i}].members[{j}]"),
                "on the register",
            )?;
            sqlx::query("INSERT INTO subgroup_members (partnership_id, subgroup_id, person_id) VALUES ($1, $2, $3)")
                .bind(pid)
                .bind(sid)
                .bind(person)
                .execute(&mut *conn)
                .await?;
        }
        for item in &s.items {
            sqlx::query("INSERT INTO subgroup_items (partnership_id, subgroup_id, title, due, done) VALUES ($1, $2, $3, $4, $5)")
                .bind(pid)
                .bind(sid)
                .bind(item.title.as_str())
                .bind(item.due.map(codec::date_text))
                .bind(item.done.map(codec::date_text))
                .execute(&mut *conn)
                .await?;
        }
        log.created("subgroup details", s.name.as_str(), s)?;
    }
    Ok(())
}

pub(super) async fn induction_rows(
    conn: &mut AnyConnection,
    pid: i64,
    b: &Business,
    people: &HashMap<String, i64>,
    log: &mut ChangeBatch,
) -> Result<()> {
    let ind = &b.induction;
    if ind.items.is_empty() && ind.people.is_empty() {
        return Ok(());
    }
    let mut items = HashMap::new();
    for (position, title) in (0_i64..).zip(&ind.items) {
        let row = sqlx::query(
            "INSERT INTO induction_items (partnership_id, position, title) VALUES ($1, $2, $3)
             RETURNING id",
        )
        .bind(pid)
        .bind(position)
        .bind(title.as_str())
        .fetch_one(&mut *conn)
        .await?;
        items.insert(title.trim().to_lowercase(), row.try_get::<i64, _>("id")?);
    }
    for (i, r) in ind.people.iter().enumerate() {
        let person = *find(
            people,
            &r.person,
            format!("induction.people[{i}].person"),
            "on the register",
        )?;
        for (j, d) in r.done.iter().enumerate() {
            let item = *find(
                &items,
                &d.item,
                format!("induction.people[{i}].done[{j}].item"),
                "on the checklist",
            )?;
            sqlx::query(
                "INSERT INTO induction_done (partnership_id, person_id, item_id, done_on)
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(pid)
            .bind(person)
            .bind(item)
            .bind(codec::date_text(d.on))
            .execute(&mut *conn)
            .await?;
        }
        if let Some(on) = r.job_description_acknowledged {
            sqlx::query(
                "INSERT INTO job_descriptions_acknowledged (person_id, partnership_id, acknowledged_on)
                 VALUES ($1, $2, $3)",
            )
            .bind(person)
            .bind(pid)
            .bind(codec::date_text(on))
            .execute(&mut *conn)
            .await?;
        }
    }
    log.created("induction", "checklist", ind)?;
    Ok(())
}
