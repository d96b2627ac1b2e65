//! Names to ids inside one partnership, read in the write's transaction: an agency by name,
//! a person by name, an account by e-mail among the partnership's members. Case never matters
//! (a register typed in a spreadsheet spells "Metropolitan Police" every way); the stored
//! spelling is the one kept.

use std::collections::HashMap;

use sqlx::{AnyConnection, Row};

use crate::error::Result;
use crate::sql::fetch;

/// One partnership's names and ids.
pub(crate) struct Lookup {
    /// By lower-case name: (id, name as stored).
    pub agencies: HashMap<String, (i64, String)>,
    pub people: HashMap<String, (i64, String)>,
    /// By lower-case e-mail, the partnership's members' accounts.
    pub accounts: HashMap<String, i64>,
}

impl Lookup {
    pub async fn load(conn: &mut AnyConnection, pid: i64) -> Result<Self> {
        let named = |rows: Vec<sqlx::any::AnyRow>| -> Result<HashMap<String, (i64, String)>> {
            rows.iter()
                .map(|r| {
                    let name: String = r.try_get("name")?;
                    Ok((name.to_lowercase(), (r.try_get("id")?, name)))
                })
                .collect()
        };
        let agencies = named(
            fetch(
                conn,
                "SELECT id, name FROM agencies WHERE partnership_id = $1",
                pid,
            )
            .await?,
        )?;
        let people = named(
            fetch(
                conn,
                "SELECT id, name FROM people WHERE partnership_id = $1",
                pid,
            )
            .await?,
        )?;
        let accounts = fetch(
            conn,
            "SELECT a.id, a.email FROM memberships m JOIN accounts a ON a.id = m.account_id
             WHERE m.partnership_id = $1",
            pid,
        )
        .await?
        .iter()
        .map(|r| {
            Ok((
                r.try_get::<String, _>("email")?.to_lowercase(),
                r.try_get("id")?,
            ))
        })
        .collect::<Result<_>>()?;
        Ok(Self {
            agencies,
            people,
            accounts,
        })
    }

    /// The agency called `name`: its id and stored name, or an error listing the agencies.
    pub fn agency(&self, name: &str) -> std::result::Result<(i64, String), String> {
        self.agencies
            .get(&name.trim().to_lowercase())
            .cloned()
            .ok_or_else(|| {
                let mut names: Vec<&str> =
                    self.agencies.values().map(|(_, n)| n.as_str()).collect();
                names.sort_unstable();
                let known = if names.is_empty() {
                    "it has none yet".to_string()
                } else {
                    names.join(", ")
                };
                format!(
                    "\"{name}\" is not one of the partnership's agencies ({known}). Correct the \
                     name, or add the agency first: boardplan agency add \"{name}\""
                )
            })
    }

    /// The account with e-mail `email`, if it is a member of this partnership.
    pub fn account(&self, email: &str) -> std::result::Result<i64, String> {
        self.accounts
            .get(&email.trim().to_lowercase())
            .copied()
            .ok_or_else(|| {
                format!(
                    "no account with the e-mail {email} is a member of this partnership. Give \
                     the e-mail its account signs in with, or leave it empty"
                )
            })
    }
}
