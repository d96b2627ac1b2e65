//! Who is asking, with their membership of the partnership they ask about and that
//! partnership's change-log head, in one statement: every page and API request about a
//! partnership needs all three, and each statement is a round trip to the database.

use domain::Membership;
use jiff::Timestamp;
use sqlx::Row;
use sqlx::any::AnyRow;

use super::account::{Account, SessionRecord, account_from, parse_role};
use crate::changelog::freshness::Head;
use crate::error::Result;
use crate::{Store, codec};

/// A caller's membership of a partnership, and the partnership's change-log head read with it.
pub type MembershipAndHead = (Membership, Head);

/// Session `$1`, unexpired at `$2`, of an enabled account, with its membership of
/// partnership `$3` and that partnership's change-log head (NULLs if it has none there, or
/// there is no such partnership).
pub(crate) const SESSION_IN: &str = "SELECT a.id, a.email, a.display_name, a.password_hash,
            a.disabled_at, s.csrf_token, m.access_role AS access_role, m.holds AS holds,
            (SELECT c.id FROM change_log c WHERE c.partnership_id = p.id
             ORDER BY c.id DESC LIMIT 1) AS head
     FROM sessions s
     JOIN accounts a ON a.id = s.account_id
     LEFT JOIN partnerships p ON p.slug = $3
     LEFT JOIN memberships m ON m.partnership_id = p.id AND m.account_id = a.id
     WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.disabled_at IS NULL";

/// API token `$1`, unrevoked and unexpired on day `$2`, of an enabled account, with its
/// partnership, the account's membership there (NULLs if it has none) and the partnership's
/// change-log head.
pub(crate) const TOKEN_MEMBER: &str = "SELECT a.id, a.email, a.display_name, a.password_hash,
            a.disabled_at, p.slug AS slug, m.access_role AS access_role, m.holds AS holds,
            (SELECT c.id FROM change_log c WHERE c.partnership_id = p.id
             ORDER BY c.id DESC LIMIT 1) AS head
     FROM api_tokens t
     JOIN accounts a ON a.id = t.account_id
     JOIN partnerships p ON p.id = t.partnership_id
     LEFT JOIN memberships m ON m.partnership_id = p.id AND m.account_id = a.id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND a.disabled_at IS NULL
       AND (t.expires_on IS NULL OR t.expires_on >= $2)";

impl Store {
    /// The session with token hash `token_hash` as [`Store::session`] finds it, with its
    /// account's membership of partnership `slug` and the partnership's change-log head
    /// (`None` if not a member there).
    #[tracing::instrument(skip_all)]
    pub async fn session_in(
        &self,
        token_hash: &str,
        now: Timestamp,
        slug: &str,
    ) -> Result<Option<(SessionRecord, Option<MembershipAndHead>)>> {
        let writes = self.writes_begun();
        let row = self
            .fetch_alone(|| {
                sqlx::query(SESSION_IN)
                    .bind(token_hash)
                    .bind(codec::at_text(now))
                    .bind(slug)
            })
            .await?;
        row.map(|r| {
            let session = SessionRecord {
                account: account_from(&r)?,
                csrf_token: r.try_get("csrf_token")?,
            };
            Ok((session, membership_of(&r, slug, writes)?))
        })
        .transpose()
    }

    /// The API token with hash `token_hash` as [`Store::api_token`] finds it (its account
    /// and the slug of its partnership), with the account's membership of that partnership
    /// and the partnership's change-log head.
    #[tracing::instrument(skip_all)]
    pub async fn api_token_member(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<(Account, String, Option<MembershipAndHead>)>> {
        let writes = self.writes_begun();
        let row = self
            .fetch_alone(|| {
                sqlx::query(TOKEN_MEMBER)
                    .bind(token_hash)
                    .bind(codec::date_text(codec::uk_day(now)))
            })
            .await?;
        row.map(|r| {
            let slug: String = r.try_get("slug")?;
            let membership = membership_of(&r, &slug, writes)?;
            Ok((account_from(&r)?, slug, membership))
        })
        .transpose()
    }
}

/// The membership in a row's `access_role` and `holds`, if it has one, with the head in its
/// `head` (read after this store had begun `writes` writes).
fn membership_of(r: &AnyRow, slug: &str, writes: u64) -> Result<Option<MembershipAndHead>> {
    let Some(role) = r.try_get::<Option<String>, _>("access_role")? else {
        return Ok(None);
    };
    let membership = Membership {
        partnership: slug.to_string(),
        role: parse_role(&role)?,
        holds: codec::parse_text_list(&r.try_get::<String, _>("holds")?)?,
    };
    let id = r.try_get::<Option<i64>, _>("head")?.unwrap_or(0);
    Ok(Some((membership, Head { id, writes })))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query_plan::{Bind, plan};

    #[tokio::test]
    async fn a_caller_and_their_membership_are_found_by_their_keys() {
        let p = plan(
            SESSION_IN,
            &[
                Bind::Text("hash"),
                Bind::Text("2026-01-01T00:00:00Z"),
                Bind::Text("kingston-lscb"),
            ],
        )
        .await;
        let tables = [
            ("s", "sessions"),
            ("a", "accounts"),
            ("p", "partnerships"),
            ("m", "memberships"),
        ];
        p.assert_no_full_read("a session and its membership", &tables);
        p.assert_seeks_by("a session and its membership", "s", "token_hash", "=");
        p.assert_no_full_read("a session's partnership's head", &[("c", "change_log")]);
        let p = plan(
            TOKEN_MEMBER,
            &[Bind::Text("hash"), Bind::Text("2026-01-01")],
        )
        .await;
        let tables = [
            ("t", "api_tokens"),
            ("a", "accounts"),
            ("p", "partnerships"),
            ("m", "memberships"),
        ];
        p.assert_no_full_read("a token and its membership", &tables);
        p.assert_seeks_by("a token and its membership", "t", "token_hash", "=");
        p.assert_no_full_read("a token's partnership's head", &[("c", "change_log")]);
    }
}
