//! Who is asking, with their membership of the partnership they ask about and that
//! partnership's change-log head, in one statement: every page and API request about a
//! partnership needs all three, and each statement is a round trip to the database.

use domain::Membership;
use jiff::Timestamp;

use super::account::{Account, SessionRecord, account_from, parse_role};
use crate::changelog::freshness::Head;
use crate::dialect::inline::Columns;
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
        let at = codec::at_text(now);
        let found = |r: &dyn Columns| -> Result<_> {
            let session = SessionRecord {
                account: account_from(r)?,
                csrf_token: r.text("csrf_token")?,
            };
            Ok((session, membership_of(r, slug, writes)?))
        };
        if let Some(inline) = &self.inline {
            let params: [(&str, &dyn rusqlite::ToSql); 3] =
                [("$1", &token_hash), ("$2", &at), ("$3", &slug)];
            return inline.fetch_optional(SESSION_IN, &params, |r| found(r));
        }
        let row = self
            .fetch_alone(|| {
                sqlx::query(SESSION_IN)
                    .bind(token_hash)
                    .bind(at.as_str())
                    .bind(slug)
            })
            .await?;
        row.map(|r| found(&r)).transpose()
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
        let day = codec::date_text(codec::uk_day(now));
        let found = |r: &dyn Columns| -> Result<_> {
            let slug = r.text("slug")?;
            let membership = membership_of(r, &slug, writes)?;
            Ok((account_from(r)?, slug, membership))
        };
        if let Some(inline) = &self.inline {
            let params: [(&str, &dyn rusqlite::ToSql); 2] = [("$1", &token_hash), ("$2", &day)];
            return inline.fetch_optional(TOKEN_MEMBER, &params, |r| found(r));
        }
        let row = self
            .fetch_alone(|| {
                sqlx::query(TOKEN_MEMBER)
                    .bind(token_hash)
                    .bind(day.as_str())
            })
            .await?;
        row.map(|r| found(&r)).transpose()
    }
}

/// The membership in a row's `access_role` and `holds`, if it has one, with the head in its
/// `head` (read after this store had begun `writes` writes).
fn membership_of(r: &dyn Columns, slug: &str, writes: u64) -> Result<Option<MembershipAndHead>> {
    let Some(role) = r.text_or_null("access_role")? else {
        return Ok(None);
    };
    let membership = Membership {
        partnership: slug.to_string(),
        role: parse_role(&role)?,
        holds: codec::parse_text_list(&r.text("holds")?)?,
    };
    let id = r.int_or_null("head")?.unwrap_or(0);
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

    /// Every case of a caller, read by both ways of reading it: on the request's thread
    /// (`dialect::inline`, a SQLite file's) and through sqlx (PostgreSQL's, and SQLite's in
    /// memory). Both must say the same.
    #[tokio::test]
    async fn a_caller_reads_the_same_on_the_requests_thread_as_through_sqlx() {
        use domain::AccessRole;
        use jiff::ToSpan;

        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.db");
        let store = Store::connect(&path.display().to_string()).await.unwrap();
        assert!(store.inline.is_some() && store.quick.is_none());
        let at: Timestamp = "2026-01-01T09:00:00Z".parse().unwrap();
        for slug in ["kingston", "sutton"] {
            sqlx::query("INSERT INTO partnerships (slug, name, created_at) VALUES ($1, $1, $2)")
                .bind(slug)
                .bind(codec::at_text(at))
                .execute(&store.pool)
                .await
                .unwrap();
        }
        let mut ids = Vec::new();
        for (email, role) in [
            ("ann@x.org", AccessRole::Reader),
            ("bob@x.org", AccessRole::Administrator),
        ] {
            let id = store
                .create_account("admin", "kingston", email, email, "h", at)
                .await
                .unwrap();
            store
                .grant_membership("admin", id, "kingston", role, &[], at)
                .await
                .unwrap();
            store
                .create_session(id, email, "csrf", at, at + 8.hours())
                .await
                .unwrap();
            ids.push(id);
        }
        store.disable_account("admin", ids[1], at).await.unwrap();
        let token = |hash, expires_on| crate::NewApiToken {
            account_id: ids[0],
            partnership: "kingston",
            name: hash,
            token_hash: hash,
            expires_on,
        };
        let day = codec::uk_day(at);
        store
            .create_api_token("admin", &token("live", None), at)
            .await
            .unwrap();
        store
            .create_api_token("admin", &token("today", Some(day)), at)
            .await
            .unwrap();
        let revoked = store
            .create_api_token("admin", &token("gone", None), at)
            .await
            .unwrap();
        store.revoke_api_token("admin", revoked, at).await.unwrap();

        let through_sqlx = Store {
            inline: None,
            quick: Some(std::sync::Arc::new(
                crate::dialect::quick::Quick::for_backend(
                    store.backend,
                    &crate::dialect::Target::parse(&path.display().to_string())
                        .unwrap()
                        .url,
                ),
            )),
            ..store.clone()
        };
        let later = at + 9.hours();
        let sessions = [
            ("ann@x.org", at, "kingston"),
            ("ann@x.org", at, "sutton"),
            ("ann@x.org", at, "nowhere"),
            ("ann@x.org", at, ""),
            ("ann@x.org", later, "kingston"),
            ("bob@x.org", at, "kingston"),
            ("nobody", at, "kingston"),
        ];
        let mut found = 0;
        for (hash, when, slug) in sessions {
            let here = store.session_in(hash, when, slug).await.unwrap();
            let there = through_sqlx.session_in(hash, when, slug).await.unwrap();
            assert_eq!(here, there, "{hash} at {when} in {slug:?}");
            found += usize::from(here.is_some_and(|(_, m)| {
                m.is_some_and(|(m, h)| m.role == AccessRole::Reader && h.id > 0)
            }));
        }
        assert_eq!(
            found, 1,
            "only Ann's live session in Kingston is a member's"
        );
        let tomorrow = at + 24.hours();
        let tokens = [
            ("live", tomorrow),
            ("today", at),
            ("today", tomorrow),
            ("gone", at),
            ("none", at),
        ];
        let mut live = 0;
        for (hash, when) in tokens {
            let here = store.api_token_member(hash, when).await.unwrap();
            let there = through_sqlx.api_token_member(hash, when).await.unwrap();
            assert_eq!(here, there, "token {hash} at {when}");
            live += usize::from(here.is_some());
        }
        assert_eq!(
            live, 2,
            "the token without a last day, and the other on its last day"
        );
        through_sqlx.close().await;
        store.close().await;
    }
}
