//! Accounts, memberships, sessions, API tokens (failed sign-ins are in `login_failures`). Hashing passwords and
//! tokens is the caller's job (the web layer): only hashes reach this module. What decides who
//! may act (adding an account, its roles, its password, disabling it, its API tokens) goes
//! into the change log with its actor, so that an administrator can say who did what; no
//! secret or hash ever does. An account spans partnerships, so a change to the account itself
//! is written to the log of each partnership it belongs to.

use domain::{AccessRole, Date, Membership};
use jiff::Timestamp;
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use super::api_tokens;
use crate::Store;
use crate::changelog::chain::{ChangeBatch, ChangeOp};
use crate::codec;
use crate::dialect::inline::Columns;
use crate::error::{Result, StoreError};
use crate::scope::require_partnership;

/// A person who can sign in. The hash is argon2id PHC text, verified by the caller.
#[derive(Clone, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub password_hash: String,
    pub disabled: bool,
}

/// Never print the hash, even in debug logs.
impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("disabled", &self.disabled)
            .finish_non_exhaustive()
    }
}

/// A live session: whose it is and its CSRF token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub account: Account,
    pub csrf_token: String,
}

/// An API token to issue. Only the token's hash reaches the store.
#[derive(Debug, Clone, Copy)]
pub struct NewApiToken<'a> {
    pub account_id: i64,
    /// The partnership's slug: the token acts in it alone.
    pub partnership: &'a str,
    /// What it is for, to recognise it by.
    pub name: &'a str,
    pub token_hash: &'a str,
    /// The last day it works (to the end of that day in the UK); `None` until revoked.
    pub expires_on: Option<Date>,
}

/// A member as listed on a partnership's people page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub account_id: i64,
    pub email: String,
    pub display_name: String,
    pub membership: Membership,
}

#[derive(Serialize)]
struct MembershipLog<'a> {
    account: &'a str,
    role: AccessRole,
    holds: &'a [String],
}

/// Emails are matched without regard to case or surrounding spaces.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Expired sessions, by the `sessions_expires_at` index.
pub(crate) const PURGE_EXPIRED_SESSIONS: &str = "DELETE FROM sessions WHERE expires_at <= $1";

pub(super) fn account_from(row: &(impl Columns + ?Sized)) -> Result<Account> {
    Ok(Account {
        id: row.int("id")?,
        email: row.text("email")?,
        display_name: row.text("display_name")?,
        password_hash: row.text("password_hash")?,
        disabled: row.text_or_null("disabled_at")?.is_some(),
    })
}

/// What the change log keeps of a new account: never its password hash.
#[derive(Serialize)]
struct AccountLog<'a> {
    email: &'a str,
    display_name: &'a str,
}

/// Record a change to the account itself in the log of every partnership it belongs to, in
/// the transaction making it: each board's administrators answer for their own members.
async fn log_account_change(
    conn: &mut AnyConnection,
    actor: &str,
    at: &str,
    account_id: i64,
    email: &str,
    before: &serde_json::Value,
    after: &serde_json::Value,
) -> Result<()> {
    let rows = sqlx::query(
        "SELECT partnership_id FROM memberships WHERE account_id = $1 ORDER BY partnership_id",
    )
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await?;
    for row in rows {
        let mut log = ChangeBatch::new(row.try_get("partnership_id")?, actor, at);
        log.record(
            "account",
            email,
            ChangeOp::Update,
            Some(before),
            Some(after),
        )?;
        log.append(conn).await?;
    }
    Ok(())
}

/// The email of account `account_id`, which names it in the change log.
pub(super) async fn email_of(conn: &mut AnyConnection, account_id: i64) -> Result<String> {
    Ok(sqlx::query("SELECT email FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::not_found("the account"))?
        .try_get("email")?)
}

pub(super) fn parse_role(text: &str) -> Result<AccessRole> {
    text.parse().map_err(|_| {
        StoreError::invalid(format!(
            "the database holds an unknown access role \"{text}\""
        ))
    })
}

impl Store {
    /// Create an account, by `actor` for partnership `slug`, whose change log records it (the
    /// role comes with [`Store::grant_membership`]). An email already registered is a
    /// [`StoreError::Conflict`].
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn create_account(
        &self,
        actor: &str,
        slug: &str,
        email: &str,
        display_name: &str,
        password_hash: &str,
        at: Timestamp,
    ) -> Result<i64> {
        let email = normalise_email(email);
        if !email.contains('@') || email.len() > 254 {
            return Err(StoreError::invalid(format!(
                "\"{email}\" is not an email address; give one like name@council.gov.uk"
            )));
        }
        let mut tx = self.begin_write().await?;
        let pid = require_partnership(&mut tx, slug).await?;
        let exists = sqlx::query("SELECT id FROM accounts WHERE email = $1")
            .bind(&email)
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_some() {
            return Err(StoreError::Conflict {
                what: format!("an account for {email} already exists"),
            });
        }
        let now = codec::at_text(at);
        let row = sqlx::query(
            "INSERT INTO accounts (email, display_name, password_hash, created_at, password_changed_at)
             VALUES ($1, $2, $3, $4, $4) RETURNING id",
        )
        .bind(&email)
        .bind(display_name.trim())
        .bind(password_hash)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        let mut log = ChangeBatch::new(pid, actor, &now);
        log.created(
            "account",
            email.clone(),
            &AccountLog {
                email: &email,
                display_name: display_name.trim(),
            },
        )?;
        log.append(&mut tx).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The account registered under `email`, if any.
    #[tracing::instrument(skip_all)]
    pub async fn account_by_email(&self, email: &str) -> Result<Option<Account>> {
        let row = sqlx::query("SELECT a.id, a.email, a.display_name, a.password_hash, a.disabled_at FROM accounts a WHERE a.email = $1")
            .bind(normalise_email(email))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(account_from).transpose()
    }

    /// Replace an account's password hash and end all its sessions but `keep` (the one
    /// that changed it), so a stolen session dies with the old password. The change log
    /// records when, and by whom; never the hash.
    #[tracing::instrument(skip_all, fields(account = account_id))]
    pub async fn set_password(
        &self,
        actor: &str,
        account_id: i64,
        password_hash: &str,
        keep_session: Option<&str>,
        at: Timestamp,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query("SELECT email, password_changed_at FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::not_found("the account"))?;
        let email: String = row.try_get("email")?;
        let before: String = row.try_get("password_changed_at")?;
        let now = codec::at_text(at);
        sqlx::query(
            "UPDATE accounts SET password_hash = $1, password_changed_at = $2 WHERE id = $3",
        )
        .bind(password_hash)
        .bind(&now)
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND token_hash <> $2")
            .bind(account_id)
            .bind(keep_session.unwrap_or(""))
            .execute(&mut *tx)
            .await?;
        let field = |v: &str| serde_json::json!({ "password_changed_at": v });
        log_account_change(
            &mut tx,
            actor,
            &now,
            account_id,
            &email,
            &field(&before),
            &field(&now),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Disable an account: from now on it cannot sign in, and its sessions, API tokens and
    /// calendar addresses stop working. Its history stays. Recorded as `actor`'s; an account
    /// disabled already is a [`StoreError::Conflict`] and changes nothing.
    #[tracing::instrument(skip_all, fields(account = account_id))]
    pub async fn disable_account(&self, actor: &str, account_id: i64, at: Timestamp) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let row = sqlx::query("SELECT email, disabled_at FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or_else(|| StoreError::not_found("the account"))?;
        let email: String = row.try_get("email")?;
        if let Some(when) = row.try_get::<Option<String>, _>("disabled_at")? {
            return Err(StoreError::Conflict {
                what: format!("the account for {email} was already disabled at {when}"),
            });
        }
        let now = codec::at_text(at);
        // `disabled_at IS NULL` again, so that of two at once only one is logged.
        let done = sqlx::query(
            "UPDATE accounts SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL",
        )
        .bind(&now)
        .bind(account_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict {
                what: format!("the account for {email} was disabled by someone else just now"),
            });
        }
        let field = |v: Option<&str>| serde_json::json!({ "disabled_at": v });
        log_account_change(
            &mut tx,
            actor,
            &now,
            account_id,
            &email,
            &field(None),
            &field(Some(&now)),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Give an account a role in a partnership (or change it), recorded in the change log.
    #[tracing::instrument(skip_all, fields(partnership = slug, account = account_id))]
    pub async fn grant_membership(
        &self,
        actor: &str,
        account_id: i64,
        slug: &str,
        role: AccessRole,
        holds: &[String],
        at: Timestamp,
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let pid = require_partnership(&mut tx, slug).await?;
        let email = email_of(&mut tx, account_id).await?;
        for h in holds {
            let found = sqlx::query("SELECT id FROM roles WHERE partnership_id = $1 AND slug = $2")
                .bind(pid)
                .bind(h)
                .fetch_optional(&mut *tx)
                .await?;
            if found.is_none() {
                return Err(StoreError::invalid(format!(
                    "the partnership has no lead role \"{h}\"; `boardplan plan show` lists the leads"
                )));
            }
        }
        let holds_json = codec::text_list(holds)?;
        let existing = sqlx::query(
            "SELECT access_role, holds FROM memberships WHERE partnership_id = $1 AND account_id = $2",
        )
        .bind(pid)
        .bind(account_id)
        .fetch_optional(&mut *tx)
        .await?;
        let mut log = ChangeBatch::new(pid, actor, &codec::at_text(at));
        let after = MembershipLog {
            account: &email,
            role,
            holds,
        };
        match existing {
            Some(row) => {
                let old_role = parse_role(&row.try_get::<String, _>("access_role")?)?;
                let old_holds = codec::parse_text_list(&row.try_get::<String, _>("holds")?)?;
                if old_role == role && old_holds == holds {
                    return Ok(());
                }
                sqlx::query(
                    "UPDATE memberships SET access_role = $1, holds = $2
                     WHERE partnership_id = $3 AND account_id = $4",
                )
                .bind(role.as_str())
                .bind(&holds_json)
                .bind(pid)
                .bind(account_id)
                .execute(&mut *tx)
                .await?;
                let before = MembershipLog {
                    account: &email,
                    role: old_role,
                    holds: &old_holds,
                };
                log.record(
                    "membership",
                    email.clone(),
                    ChangeOp::Update,
                    Some(&before),
                    Some(&after),
                )?;
            }
            None => {
                sqlx::query(
                    "INSERT INTO memberships (partnership_id, account_id, access_role, holds, created_at)
                     VALUES ($1, $2, $3, $4, $5)",
                )
                .bind(pid)
                .bind(account_id)
                .bind(role.as_str())
                .bind(&holds_json)
                .bind(codec::at_text(at))
                .execute(&mut *tx)
                .await?;
                log.created("membership", email.clone(), &after)?;
            }
        }
        log.append(&mut tx).await?;
        tx.commit().await?;
        Ok(())
    }

    /// An account's membership of one partnership, if it has one.
    #[tracing::instrument(skip_all, fields(partnership = slug, account = account_id))]
    pub async fn membership(&self, account_id: i64, slug: &str) -> Result<Option<Membership>> {
        let row = sqlx::query(
            "SELECT m.access_role, m.holds FROM memberships m
             JOIN partnerships p ON p.id = m.partnership_id
             WHERE m.account_id = $1 AND p.slug = $2",
        )
        .bind(account_id)
        .bind(slug)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| {
            Ok(Membership {
                partnership: slug.to_string(),
                role: parse_role(&r.try_get::<String, _>("access_role")?)?,
                holds: codec::parse_text_list(&r.try_get::<String, _>("holds")?)?,
            })
        })
        .transpose()
    }

    /// Every partnership an account belongs to, by slug, with its role there.
    #[tracing::instrument(skip_all, fields(account = account_id))]
    pub async fn memberships(&self, account_id: i64) -> Result<Vec<Membership>> {
        let rows = sqlx::query(
            "SELECT p.slug, m.access_role, m.holds FROM memberships m
             JOIN partnerships p ON p.id = m.partnership_id
             WHERE m.account_id = $1 ORDER BY p.slug",
        )
        .bind(account_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Membership {
                    partnership: r.try_get("slug")?,
                    role: parse_role(&r.try_get::<String, _>("access_role")?)?,
                    holds: codec::parse_text_list(&r.try_get::<String, _>("holds")?)?,
                })
            })
            .collect()
    }

    /// The members of a partnership, by name.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn members(&self, slug: &str) -> Result<Vec<Member>> {
        let rows = sqlx::query(
            "SELECT a.id, a.email, a.display_name, m.access_role, m.holds FROM memberships m
             JOIN partnerships p ON p.id = m.partnership_id
             JOIN accounts a ON a.id = m.account_id
             WHERE p.slug = $1 ORDER BY a.display_name, a.email",
        )
        .bind(slug)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Member {
                    account_id: r.try_get("id")?,
                    email: r.try_get("email")?,
                    display_name: r.try_get("display_name")?,
                    membership: Membership {
                        partnership: slug.to_string(),
                        role: parse_role(&r.try_get::<String, _>("access_role")?)?,
                        holds: codec::parse_text_list(&r.try_get::<String, _>("holds")?)?,
                    },
                })
            })
            .collect()
    }

    /// Start a session. The token itself stays with the browser; only its hash is kept.
    #[tracing::instrument(skip_all, fields(account = account_id))]
    pub async fn create_session(
        &self,
        account_id: i64,
        token_hash: &str,
        csrf_token: &str,
        at: Timestamp,
        expires_at: Timestamp,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO sessions (token_hash, account_id, csrf_token, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(token_hash)
        .bind(account_id)
        .bind(csrf_token)
        .bind(codec::at_text(at))
        .bind(codec::at_text(expires_at))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The live session with this token hash: not expired, its account not disabled.
    #[tracing::instrument(skip_all)]
    pub async fn session(&self, token_hash: &str, now: Timestamp) -> Result<Option<SessionRecord>> {
        // One statement says which sessions count; no partnership has an empty slug.
        let found = self.session_in(token_hash, now, "").await?;
        Ok(found.map(|(session, _)| session))
    }

    /// End a session (sign out). Ending one that is gone already is not an error.
    #[tracing::instrument(skip_all)]
    pub async fn delete_session(&self, token_hash: &str) -> Result<()> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Delete the sessions that expired by `now` (they can no longer sign anyone in, and
    /// would otherwise be kept for ever); how many went.
    #[tracing::instrument(skip_all)]
    pub async fn purge_expired_sessions(&self, now: Timestamp) -> Result<u64> {
        let done = sqlx::query(PURGE_EXPIRED_SESSIONS)
            .bind(codec::at_text(now))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }

    /// Issue an API token for scripts, acting as its account in its partnership until it is
    /// revoked or, if it has a last day, until the end of that day in the UK. Returns its id,
    /// by which it is listed and revoked. Recorded in the partnership's change log as
    /// `actor`'s, without the hash. A last day already past is [`StoreError::InvalidData`].
    #[tracing::instrument(skip_all, fields(partnership = token.partnership, account = token.account_id))]
    pub async fn create_api_token(
        &self,
        actor: &str,
        token: &NewApiToken<'_>,
        at: Timestamp,
    ) -> Result<i64> {
        let NewApiToken {
            account_id,
            partnership: slug,
            name,
            token_hash,
            expires_on,
        } = *token;
        let today = codec::uk_day(at);
        if let Some(last) = expires_on.filter(|last| *last < today) {
            return Err(StoreError::invalid(format!(
                "the token would stop working at the end of {last}, which has passed (it is \
                 {today} in the UK); give today or a later date"
            )));
        }
        let mut tx = self.begin_write().await?;
        let pid = require_partnership(&mut tx, slug).await?;
        let email = email_of(&mut tx, account_id).await?;
        let now = codec::at_text(at);
        let expires = expires_on.map(codec::date_text);
        let row = sqlx::query(
            "INSERT INTO api_tokens (partnership_id, account_id, name, token_hash, created_at, expires_on)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(pid)
        .bind(account_id)
        .bind(name)
        .bind(token_hash)
        .bind(&now)
        .bind(&expires)
        .fetch_one(&mut *tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        let mut log = ChangeBatch::new(pid, actor, &now);
        log.created(
            "api_token",
            api_tokens::log_key(name, &email, id),
            &api_tokens::TokenLog {
                account: &email,
                name,
                expires_on: expires.as_deref(),
                revoked_at: None,
            },
        )?;
        log.append(&mut tx).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The account and partnership an API token acts for: only while it is unrevoked, not
    /// past its last day (in the UK) at `now`, and its account enabled.
    #[tracing::instrument(skip_all)]
    pub async fn api_token(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<(Account, String)>> {
        let found = self.api_token_member(token_hash, now).await?;
        Ok(found.map(|(account, slug, _)| (account, slug)))
    }
}
