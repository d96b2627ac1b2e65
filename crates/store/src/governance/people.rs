//! The member register: reading it, adding one person, and editing one person at the version
//! the editor saw. Names are unique in a partnership (case aside): the command line and a
//! register file find a person by name.

use domain::{BoardRole, Person};
use serde::Serialize;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Row};

use crate::changelog::chain::{ChangeBatch, ChangeOp};
use crate::codec;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;
use crate::{Store, scope};

use super::lookup::Lookup;

/// A person as stored: the record, its id (for pages' addresses) and the version an edit must
/// carry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonRecord {
    pub id: i64,
    pub version: i64,
    #[serde(flatten)]
    pub person: Person,
}

/// A person's columns, names resolved to ids. The deputy is set apart: an import resolves it
/// after every person of the file is stored.
pub(crate) struct Resolved {
    pub agency_id: Option<i64>,
    pub account_id: Option<i64>,
    pub person: Person,
}

/// Check `p` and resolve its names against `lookup`; an error names the field.
pub(crate) fn resolve(
    p: &Person,
    lookup: &Lookup,
) -> std::result::Result<Resolved, (&'static str, String)> {
    let p = p.clone().tidied();
    p.check()
        .map_err(|(field, e)| (field, format!("{} {}", e.problem, e.fix)))?;
    let mut person = p.clone();
    let agency_id = match &p.agency {
        Some(a) => {
            let (id, name) = lookup.agency(a).map_err(|e| ("agency", e))?;
            person.agency = Some(name);
            Some(id)
        }
        None => None,
    };
    // The deputy as the register spells them, so that a change of case alone is no change.
    if let Some(d) = &p.deputy
        && let Some((_, stored)) = lookup.people.get(&d.to_lowercase())
    {
        person.deputy = Some(stored.clone());
    }
    let account_id = p
        .account
        .as_deref()
        .map(|e| lookup.account(e).map_err(|e| ("account", e)))
        .transpose()?;
    Ok(Resolved {
        agency_id,
        account_id,
        person,
    })
}

/// The deputy's id: someone else on the register.
pub(crate) fn deputy_id(
    p: &Person,
    lookup: &Lookup,
) -> std::result::Result<Option<i64>, (&'static str, String)> {
    let Some(d) = p.deputy.as_deref() else {
        return Ok(None);
    };
    match lookup.people.get(&d.trim().to_lowercase()) {
        Some((id, _)) => Ok(Some(*id)),
        None => Err((
            "deputy",
            format!(
                "\"{d}\" is not on the member register. Add the deputy first, or correct the name"
            ),
        )),
    }
}

/// Insert `r` as a new person with version 1; its id.
pub(crate) async fn insert(
    conn: &mut AnyConnection,
    pid: i64,
    r: &Resolved,
    at: &str,
) -> Result<i64> {
    let sql = "INSERT INTO people (name, agency_id, job_title, board_role, expertise, part,
             appointed, term_ends, email, account_id, partnership_id, created_at, row_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1) RETURNING id";
    let row = bind_fields(sqlx::query(sql), r)?
        .bind(pid)
        .bind(at)
        .fetch_one(&mut *conn)
        .await?;
    Ok(row.try_get("id")?)
}

/// `$1` to `$10`: a person's fields, in the order both the insert and the overwrite name them.
fn bind_fields<'q>(
    q: Query<'q, Any, AnyArguments>,
    r: &'q Resolved,
) -> Result<Query<'q, Any, AnyArguments>> {
    let p = &r.person;
    Ok(q.bind(p.name.as_str())
        .bind(r.agency_id)
        .bind(p.job_title.clone())
        .bind(p.board_role.as_str())
        .bind(codec::text_list(&p.expertise)?)
        .bind(p.part.clone())
        .bind(p.appointed.map(codec::date_text))
        .bind(p.term_ends.map(codec::date_text))
        .bind(p.email.clone())
        .bind(r.account_id))
}

/// Overwrite person `id` with `r` if it is still at `version`; false if it was not.
pub(crate) async fn overwrite(
    conn: &mut AnyConnection,
    pid: i64,
    id: i64,
    version: i64,
    r: &Resolved,
) -> Result<bool> {
    let sql = "UPDATE people SET name = $1, agency_id = $2, job_title = $3, board_role = $4,
             expertise = $5, part = $6, appointed = $7, term_ends = $8, email = $9,
             account_id = $10, row_version = row_version + 1
         WHERE partnership_id = $11 AND id = $12 AND row_version = $13";
    let done = bind_fields(sqlx::query(sql), r)?
        .bind(pid)
        .bind(id)
        .bind(version)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub(crate) async fn set_deputy(
    conn: &mut AnyConnection,
    pid: i64,
    id: i64,
    deputy: Option<i64>,
) -> Result<()> {
    sqlx::query("UPDATE people SET deputy_id = $1 WHERE partnership_id = $2 AND id = $3")
        .bind(deputy)
        .bind(pid)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The register's read: of one person (`$2`) when `one`, else of everyone.
fn read_sql(one: bool) -> String {
    format!(
        "SELECT p.id, p.name, a.name AS agency, p.job_title, p.board_role, p.expertise, p.part,
             p.appointed, p.term_ends, d.name AS deputy, p.email, acc.email AS account,
             p.row_version
         FROM people p
         LEFT JOIN agencies a ON a.partnership_id = p.partnership_id AND a.id = p.agency_id
         LEFT JOIN people d ON d.partnership_id = p.partnership_id AND d.id = p.deputy_id
         LEFT JOIN accounts acc ON acc.id = p.account_id
         WHERE p.partnership_id = $1 AND {}",
        crate::sql::only_if_given("p.id", 2, one)
    )
}

/// Every person on partnership `pid`'s register (or only person `only`), chairs first, then by
/// role and name.
pub(crate) async fn read(
    conn: &mut AnyConnection,
    pid: i64,
    only: Option<i64>,
) -> Result<Vec<PersonRecord>> {
    let sql = read_sql(only.is_some());
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(pid)
        .bind(only)
        .fetch_all(&mut *conn)
        .await?;
    let mut people = Vec::with_capacity(rows.len());
    for r in &rows {
        let role: String = r.try_get("board_role")?;
        let person = Person {
            name: r.try_get("name")?,
            agency: r.try_get("agency")?,
            job_title: r.try_get("job_title")?,
            board_role: role
                .parse::<BoardRole>()
                .map_err(|e| StoreError::invalid(e.problem))?,
            expertise: codec::parse_text_list(&r.try_get::<String, _>("expertise")?)?,
            part: r.try_get("part")?,
            appointed: codec::opt_date(r.try_get("appointed")?)?,
            term_ends: codec::opt_date(r.try_get("term_ends")?)?,
            deputy: r.try_get("deputy")?,
            email: r.try_get("email")?,
            account: r.try_get("account")?,
        };
        people.push(PersonRecord {
            id: r.try_get("id")?,
            version: r.try_get("row_version")?,
            person,
        });
    }
    people.sort_by(|a, b| {
        (a.person.board_role, a.person.name.to_lowercase())
            .cmp(&(b.person.board_role, b.person.name.to_lowercase()))
    });
    Ok(people)
}

/// The error for a field of one person.
fn field_error(field: &str, problem: String) -> StoreError {
    StoreError::invalid(format!("{field}: {problem}"))
}

impl Store {
    /// Partnership `slug`'s member register, chairs first.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn people(&self, slug: &str) -> Result<Vec<PersonRecord>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let people = read(&mut tx, pid, None).await?;
        tx.commit().await?;
        Ok(people)
    }

    /// One person on partnership `slug`'s register, by id; not found if another
    /// partnership's.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn person(&self, slug: &str, id: i64) -> Result<PersonRecord> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let found = read(&mut tx, pid, Some(id)).await?.pop();
        tx.commit().await?;
        found.ok_or_else(|| StoreError::not_found("that person"))
    }

    /// Add `p` to partnership `slug`'s register. The agency, deputy and account must already be
    /// known; a name already on the register is a conflict.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_person(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        p: &Person,
    ) -> Result<PersonRecord> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let lookup = Lookup::load(&mut w.tx, w.pid).await?;
        let r = resolve(p, &lookup).map_err(|(f, e)| field_error(f, e))?;
        if let Some((_, name)) = lookup.people.get(&r.person.name.to_lowercase()) {
            return Err(StoreError::Conflict {
                what: format!("{name} is already on the member register: edit that record instead"),
            });
        }
        let deputy = deputy_id(&r.person, &lookup).map_err(|(f, e)| field_error(f, e))?;
        let id = insert(&mut w.tx, w.pid, &r, &w.at).await?;
        set_deputy(&mut w.tx, w.pid, id, deputy).await?;
        let stored = read(&mut w.tx, w.pid, Some(id)).await?.pop();
        let stored = stored.ok_or_else(|| StoreError::not_found("the person just added"))?;
        w.log
            .created("person", &stored.person.name, &stored.person)?;
        w.commit().await?;
        Ok(stored)
    }

    /// Replace person `id`'s record with `p`, if it is still at `expected_version` (else a
    /// conflict, and nothing is written). Writing what is already stored changes nothing.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn update_person(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        id: i64,
        expected_version: i64,
        p: &Person,
    ) -> Result<PersonRecord> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let old = read(&mut w.tx, w.pid, Some(id))
            .await?
            .pop()
            .ok_or_else(|| StoreError::not_found("that person"))?;
        if old.version != expected_version {
            return Err(stale(&old.person.name));
        }
        let lookup = Lookup::load(&mut w.tx, w.pid).await?;
        let r = resolve(p, &lookup).map_err(|(f, e)| field_error(f, e))?;
        if r.person == old.person {
            return Ok(old);
        }
        if let Some((other, name)) = lookup.people.get(&r.person.name.to_lowercase())
            && *other != id
        {
            return Err(StoreError::Conflict {
                what: format!("{name} is already on the member register: choose another name"),
            });
        }
        let deputy = deputy_id(&r.person, &lookup).map_err(|(f, e)| field_error(f, e))?;
        if deputy == Some(id) {
            return Err(field_error(
                "deputy",
                "a person cannot be their own deputy.".into(),
            ));
        }
        if !overwrite(&mut w.tx, w.pid, id, expected_version, &r).await? {
            return Err(stale(&old.person.name));
        }
        set_deputy(&mut w.tx, w.pid, id, deputy).await?;
        let new = read(&mut w.tx, w.pid, Some(id))
            .await?
            .pop()
            .ok_or_else(|| StoreError::not_found("that person"))?;
        record_change(&mut w.log, &old.person, &new.person)?;
        w.commit().await?;
        Ok(new)
    }
}

/// Note the change from `old` to `new` under the name it had.
pub(crate) fn record_change(log: &mut ChangeBatch, old: &Person, new: &Person) -> Result<()> {
    log.record("person", &old.name, ChangeOp::Update, Some(old), Some(new))
}

fn stale(name: &str) -> StoreError {
    StoreError::Conflict {
        what: format!(
            "{name}'s record was changed by someone else since you opened it; nothing was \
             written: look at it again and retry"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One person is read by seeking to their row, and each name beside it by its key, never
    /// by reading a whole table, on the tests' back end (`crate::query_plan`).
    #[tokio::test]
    async fn one_person_is_read_through_keys_not_a_scan() {
        use crate::query_plan::{Bind, plan};
        let p = plan(&read_sql(true), &[Bind::Int(1), Bind::Int(1)]).await;
        p.assert_no_full_read(
            "one person",
            &[
                ("p", "people"),
                ("d", "people"),
                ("a", "agencies"),
                ("acc", "accounts"),
            ],
        );
        p.assert_seeks_by("one person", "p", "id", "=");
        assert!(read_sql(false).contains("$2 IS NULL"));
    }
}
