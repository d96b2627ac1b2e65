//! A whole member register at once, as read from a file: all or nothing. Each row is the
//! person's whole record, found by name: a new name is added, a known one brought up to date
//! (a blank cell blanks the field), a row that matches what is stored changes nothing. Nobody
//! is removed. A deputy may be someone further down the same file.

use std::collections::HashMap;

use domain::Person;
use domain::governance::heading;
use serde::Serialize;

use crate::Store;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;

use super::lookup::Lookup;
use super::people::{
    self, PersonRecord, deputy_id, insert, overwrite, record_change, resolve, set_deputy,
};

/// One person as a file gives them, with the row they are on (for errors).
#[derive(Debug, Clone, PartialEq)]
pub struct RegisterRow {
    pub row: usize,
    pub person: Person,
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct PeopleImported {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
}

fn at_row(row: usize, field: &str, problem: impl std::fmt::Display) -> StoreError {
    StoreError::invalid(format!(
        "row {row}, column \"{}\": {problem}; nothing was imported",
        heading(field)
    ))
}

impl Store {
    /// Bring partnership `slug`'s member register up to date with `rows`. Any bad row
    /// refuses the whole file, naming the row and column.
    #[tracing::instrument(skip_all, fields(partnership = slug, rows = rows.len()))]
    pub async fn import_people(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        rows: &[RegisterRow],
    ) -> Result<PeopleImported> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let mut lookup = Lookup::load(&mut w.tx, w.pid).await?;
        let before: HashMap<String, PersonRecord> = people::read(&mut w.tx, w.pid, None)
            .await?
            .into_iter()
            .map(|r| (r.person.name.to_lowercase(), r))
            .collect();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut resolved = Vec::with_capacity(rows.len());
        for r in rows {
            let one = resolve(&r.person, &lookup).map_err(|(f, e)| at_row(r.row, f, e))?;
            let key = one.person.name.to_lowercase();
            if let Some(first) = seen.insert(key, r.row) {
                return Err(at_row(
                    r.row,
                    "name",
                    format!(
                        "{} is on row {first} too; keep one row per person",
                        one.person.name
                    ),
                ));
            }
            resolved.push((r.row, one));
        }
        for (row, one) in &resolved {
            if let Some(d) = &one.person.deputy
                && !lookup.people.contains_key(&d.to_lowercase())
                && !seen.contains_key(&d.to_lowercase())
            {
                return Err(at_row(
                    *row,
                    "deputy",
                    format!("\"{d}\" is neither on the register nor in this file"),
                ));
            }
        }
        let mut outcome = PeopleImported::default();
        let mut ids = Vec::with_capacity(resolved.len());
        for (_, one) in &resolved {
            let key = one.person.name.to_lowercase();
            let id = match before.get(&key) {
                Some(old) => {
                    let mut same = one.person.clone();
                    same.deputy.clone_from(&old.person.deputy);
                    if same != old.person
                        && !overwrite(&mut w.tx, w.pid, old.id, old.version, one).await?
                    {
                        return Err(StoreError::Conflict {
                            what: format!(
                                "{} was changed by someone else during the import; nothing was \
                                 imported: import the file again",
                                old.person.name
                            ),
                        });
                    }
                    old.id
                }
                None => {
                    let id = insert(&mut w.tx, w.pid, one, &w.at).await?;
                    lookup.people.insert(key, (id, one.person.name.clone()));
                    id
                }
            };
            ids.push(id);
        }
        for ((row, one), id) in resolved.iter().zip(&ids) {
            let deputy = deputy_id(&one.person, &lookup).map_err(|(f, e)| at_row(*row, f, e))?;
            if deputy == Some(*id) {
                return Err(at_row(
                    *row,
                    "deputy",
                    "a person cannot be their own deputy",
                ));
            }
            set_deputy(&mut w.tx, w.pid, *id, deputy).await?;
        }
        let after = people::read(&mut w.tx, w.pid, None).await?;
        for new in after.iter().filter(|r| ids.contains(&r.id)) {
            match before.values().find(|old| old.id == new.id) {
                None => {
                    outcome.added += 1;
                    w.log.created("person", &new.person.name, &new.person)?;
                }
                Some(old) if old.person == new.person => outcome.unchanged += 1,
                Some(old) => {
                    outcome.updated += 1;
                    if old.version == new.version {
                        // Only the deputy changed, which `overwrite` does not count.
                        bump(&mut w.tx, w.pid, new.id).await?;
                    }
                    record_change(&mut w.log, &old.person, &new.person)?;
                }
            }
        }
        w.commit().await?;
        Ok(outcome)
    }
}

async fn bump(conn: &mut sqlx::AnyConnection, pid: i64, id: i64) -> Result<()> {
    sqlx::query(
        "UPDATE people SET row_version = row_version + 1 WHERE partnership_id = $1 AND id = $2",
    )
    .bind(pid)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
