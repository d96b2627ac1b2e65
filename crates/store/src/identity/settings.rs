//! Whether a partnership's members may sign in with a password. On until the partnership
//! turns it off (its members then sign in through their organisation's provider); the
//! change is recorded in the partnership's change log with its actor.

use domain::PasswordSignIn;
use sqlx::Row;

use crate::changelog::chain::ChangeOp;
use crate::error::Result;
use crate::progress::write::Stamp;
use crate::{Store, scope};

/// The settings of every partnership `$1` (an account) belongs to that has said anything,
/// through the `memberships_account` index and each setting's key.
pub(crate) const ACCOUNT_SETTINGS: &str = "SELECT s.password_sign_in FROM memberships m
     JOIN identity_settings s ON s.partnership_id = m.partnership_id
     WHERE m.account_id = $1";

fn from_column(v: i64) -> PasswordSignIn {
    if v == 0 {
        PasswordSignIn::Off
    } else {
        PasswordSignIn::On
    }
}

impl Store {
    /// Whether partnership `slug` lets its members sign in with a password.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn password_sign_in(&self, slug: &str) -> Result<PasswordSignIn> {
        let mut conn = self.pool.acquire().await?;
        let pid = scope::require_partnership(&mut conn, slug).await?;
        let row =
            sqlx::query("SELECT password_sign_in FROM identity_settings WHERE partnership_id = $1")
                .bind(pid)
                .fetch_optional(&mut *conn)
                .await?;
        row.map(|r| r.try_get::<i64, _>("password_sign_in"))
            .transpose()
            .map(|v| v.map(from_column).unwrap_or_default())
            .map_err(Into::into)
    }

    /// Whether account `account_id` may sign in with its password: not if any partnership it
    /// belongs to has turned that off (a session reaches all of them).
    #[tracing::instrument(skip_all, fields(account = account_id))]
    pub async fn account_password_sign_in(&self, account_id: i64) -> Result<PasswordSignIn> {
        let rows = sqlx::query(ACCOUNT_SETTINGS)
            .bind(account_id)
            .fetch_all(&self.pool)
            .await?;
        let settings = rows
            .iter()
            .map(|r| r.try_get::<i64, _>("password_sign_in").map(from_column))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(PasswordSignIn::for_account(settings))
    }

    /// Turn password sign-in on or off for partnership `slug`'s members; the state now.
    /// Asking for the state it is already in writes nothing. Turning it off ends no session:
    /// it takes effect at each member's next sign-in.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn set_password_sign_in(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        to: PasswordSignIn,
    ) -> Result<PasswordSignIn> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let row =
            sqlx::query("SELECT password_sign_in FROM identity_settings WHERE partnership_id = $1")
                .bind(w.pid)
                .fetch_optional(&mut *w.tx)
                .await?;
        let was = match &row {
            Some(r) => Some(from_column(r.try_get::<i64, _>("password_sign_in")?)),
            None => None,
        };
        if was.unwrap_or_default() == to {
            return Ok(to);
        }
        let value = i64::from(to == PasswordSignIn::On);
        let sql = if was.is_some() {
            "UPDATE identity_settings SET password_sign_in = $1 WHERE partnership_id = $2"
        } else {
            "INSERT INTO identity_settings (password_sign_in, partnership_id) VALUES ($1, $2)"
        };
        sqlx::query(sql)
            .bind(value)
            .bind(w.pid)
            .execute(&mut *w.tx)
            .await?;
        w.log.record(
            "settings",
            "password_sign_in",
            ChangeOp::Update,
            Some(&was.unwrap_or_default()),
            Some(&to),
        )?;
        w.commit().await?;
        Ok(to)
    }
}

#[cfg(test)]
mod tests {
    use super::ACCOUNT_SETTINGS;

    /// Checked at every password sign-in: by the account's memberships and each setting's
    /// key, never a whole table, on the tests' back end.
    #[tokio::test]
    async fn an_accounts_password_setting_is_read_through_keys() {
        use crate::query_plan::{Bind, plan};
        let p = plan(ACCOUNT_SETTINGS, &[Bind::Int(1)]).await;
        p.assert_no_full_read(
            "an account's password setting",
            &[("m", "memberships"), ("s", "identity_settings")],
        );
        p.assert_seeks_by("an account's password setting", "m", "account_id", "=");
    }
}
