//! Accounts, memberships, sessions (and purging them), tokens and sign-in throttling, on
//! SQLite and (with `TEST_DATABASE_URL`) PostgreSQL.

#[allow(dead_code)] // each test binary uses only some of the shared helpers
use crate::common::{fresh_store, kingston, source, sutton};
use domain::AccessRole;
use jiff::{Timestamp, ToSpan};
use sqlx::Row;
use store::{ImportMode, NewApiToken, Store, StoreError};

const KINGSTON: &str = "kingston-upon-thames-lscb";
const SUTTON: &str = "sutton-safeguarding-children-partnership";

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

async fn with_both(store: &Store) {
    store
        .import_partnership("test", &kingston(), &source("k.txt", "k"), ImportMode::New)
        .await
        .unwrap();
    store
        .import_partnership("test", &sutton(), &source("s.txt", "s"), ImportMode::New)
        .await
        .unwrap();
}

#[tokio::test]
async fn an_account_is_found_by_its_email_whatever_the_case() {
    let (store, _g) = fresh_store().await;
    with_both(&store).await;
    let id = store
        .create_account(
            "admin",
            KINGSTON,
            " Ann@Example.org ",
            "Ann",
            "hash",
            t("2026-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
    let a = store
        .account_by_email("ann@example.ORG")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(a.id, id);
    assert_eq!(a.email, "ann@example.org");
    assert!(
        !format!("{a:?}").contains("hash"),
        "Debug never shows the hash"
    );
    assert!(
        store
            .account_by_email("bob@example.org")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_second_account_with_the_same_email_is_a_conflict() {
    let (store, _g) = fresh_store().await;
    with_both(&store).await;
    store
        .create_account(
            "admin",
            KINGSTON,
            "ann@example.org",
            "Ann",
            "h",
            t("2026-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
    let e = store
        .create_account(
            "admin",
            KINGSTON,
            "ANN@example.org",
            "Ann",
            "h",
            t("2026-01-01T00:00:00Z"),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::Conflict { .. }), "{e:?}");
    let e = store
        .create_account(
            "admin",
            KINGSTON,
            "not-an-email",
            "X",
            "h",
            t("2026-01-01T00:00:00Z"),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("not an email address"));
}

#[tokio::test]
async fn a_membership_belongs_to_one_partnership_and_is_logged() {
    let (store, _g) = fresh_store().await;
    with_both(&store).await;
    let id = store
        .create_account(
            "admin",
            KINGSTON,
            "lead@example.org",
            "Lead",
            "h",
            t("2026-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
    let log_before = store.change_log(KINGSTON).await.unwrap().len();
    store
        .grant_membership(
            "admin",
            id,
            KINGSTON,
            AccessRole::LeadOfficer,
            &["lscb-chair".into()],
            t("2026-01-02T00:00:00Z"),
        )
        .await
        .unwrap();
    let m = store.membership(id, KINGSTON).await.unwrap().unwrap();
    assert_eq!(m.role, AccessRole::LeadOfficer);
    assert_eq!(m.holds, vec!["lscb-chair".to_string()]);
    assert!(
        store.membership(id, SUTTON).await.unwrap().is_none(),
        "no role in the other partnership"
    );
    let log = store.change_log(KINGSTON).await.unwrap();
    assert_eq!(log.len(), log_before + 1);
    let entry = log.last().unwrap();
    assert_eq!(
        (entry.entity.as_str(), entry.actor.as_str()),
        ("membership", "admin")
    );
    assert!(
        !entry.after.as_deref().unwrap_or("").contains("\"h\""),
        "no hash in the log"
    );
    assert_eq!(
        store.verify_change_log(KINGSTON).await.unwrap().first_bad,
        None
    );
    assert_eq!(store.members(KINGSTON).await.unwrap().len(), 1);
    assert!(store.members(SUTTON).await.unwrap().is_empty());
}

#[tokio::test]
async fn holding_a_lead_role_the_partnership_does_not_have_is_refused() {
    let (store, _g) = fresh_store().await;
    with_both(&store).await;
    let id = store
        .create_account(
            "admin",
            KINGSTON,
            "lead@example.org",
            "Lead",
            "h",
            t("2026-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
    // Sutton's chair role is "chair"; Kingston has no such role.
    let e = store
        .grant_membership(
            "admin",
            id,
            KINGSTON,
            AccessRole::LeadOfficer,
            &["chair".into()],
            t("2026-01-02T00:00:00Z"),
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("no lead role \"chair\""), "{e}");
    assert!(store.membership(id, KINGSTON).await.unwrap().is_none());
}

#[tokio::test]
async fn a_session_lives_until_it_expires_or_is_ended() {
    let (store, _g) = fresh_store().await;
    with_both(&store).await;
    let id = store
        .create_account(
            "admin",
            KINGSTON,
            "ann@example.org",
            "Ann",
            "h",
            t("2026-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
    let start = t("2026-01-01T09:00:00Z");
    store
        .create_session(id, "tok-hash", "csrf", start, start + 8.hours())
        .await
        .unwrap();
    let s = store
        .session("tok-hash", start + 1.hour())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((s.account.id, s.csrf_token.as_str()), (id, "csrf"));
    assert!(
        store
            .session("tok-hash", start + 9.hours())
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    assert!(store.session("other", start).await.unwrap().is_none());
    store.delete_session("tok-hash").await.unwrap();
    assert!(
        store.session("tok-hash", start).await.unwrap().is_none(),
        "signed out"
    );
}

/// Both partnerships, and Ann, a reader in Kingston, signed in (session `tok-hash`) at
/// the time returned with her account's id.
async fn reader_signed_in(store: &Store) -> (i64, Timestamp) {
    with_both(store).await;
    let at = t("2026-01-01T00:00:00Z");
    let id = store
        .create_account("admin", KINGSTON, "ann@example.org", "Ann", "h", at)
        .await
        .unwrap();
    store
        .grant_membership("admin", id, KINGSTON, AccessRole::Reader, &[], at)
        .await
        .unwrap();
    let start = t("2026-01-01T09:00:00Z");
    store
        .create_session(id, "tok-hash", "csrf", start, start + 8.hours())
        .await
        .unwrap();
    (id, start)
}

#[tokio::test]
async fn a_session_is_read_with_its_membership_and_a_head_trusted_until_this_store_writes() {
    let (store, _g) = fresh_store().await;
    let (id, start) = reader_signed_in(&store).await;
    let (s, member) = store
        .session_in("tok-hash", start, KINGSTON)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(s.account.id, id);
    let (m, head) = member.expect("a member of Kingston");
    assert_eq!(
        (m.partnership.as_str(), m.role),
        (KINGSTON, AccessRole::Reader)
    );
    let now = store.log_head(KINGSTON).await.unwrap();
    assert!(now.is_some_and(|h| h > 0));
    assert_eq!(
        store.head_still(&head),
        now,
        "the head read with the session"
    );
    let (_, elsewhere) = store
        .session_in("tok-hash", start, SUTTON)
        .await
        .unwrap()
        .unwrap();
    assert!(elsewhere.is_none(), "not a member there");
    assert!(
        store
            .session_in("tok-hash", start + 9.hours(), KINGSTON)
            .await
            .unwrap()
            .is_none(),
        "expired"
    );
    // After a write begun by this store (a request's own, say), the head is read again.
    store
        .create_account("admin", KINGSTON, "bob@example.org", "Bob", "h", start)
        .await
        .unwrap();
    assert_eq!(store.head_still(&head), None);
}

#[tokio::test]
async fn changing_a_password_ends_every_other_session() {
    let (store, _g) = fresh_store().await;
    with_both(&store).await;
    let id = store
        .create_account(
            "admin",
            KINGSTON,
            "ann@example.org",
            "Ann",
            "old",
            t("2026-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
    let now = t("2026-01-01T09:00:00Z");
    store
        .create_session(id, "this-one", "c1", now, now + 8.hours())
        .await
        .unwrap();
    store
        .create_session(id, "stolen", "c2", now, now + 8.hours())
        .await
        .unwrap();
    store
        .set_password("Ann", id, "new", Some("this-one"), now)
        .await
        .unwrap();
    assert!(store.session("this-one", now).await.unwrap().is_some());
    assert!(store.session("stolen", now).await.unwrap().is_none());
    assert_eq!(
        store
            .account_by_email("ann@example.org")
            .await
            .unwrap()
            .unwrap()
            .password_hash,
        "new"
    );
}

#[tokio::test]
async fn failed_sign_ins_are_counted_per_email_and_address_and_per_address_within_a_window() {
    let (store, _g) = fresh_store().await;
    let now = t("2026-01-01T09:00:00Z");
    let mut ids = vec![];
    for minutes in [1, 2, 3] {
        let id = store
            .record_login_attempt("Ann@example.org", "192.0.2.1", now + minutes.minutes())
            .await
            .unwrap();
        ids.push(id);
    }
    store
        .record_login_attempt("ann@example.org", "192.0.2.2", now)
        .await
        .unwrap();
    store
        .record_login_attempt("bob@example.org", "192.0.2.1", now)
        .await
        .unwrap();
    let counts = async |email: &str, address: &str, since: Timestamp| {
        let c = store
            .login_failures_since(email, address, since)
            .await
            .unwrap();
        (c.account_here, c.address)
    };
    let earlier = now - 1.minute();
    assert_eq!(
        counts("ann@example.org", "192.0.2.1", earlier).await,
        (3, 4)
    );
    assert_eq!(
        counts("ann@example.org", "192.0.2.2", earlier).await,
        (1, 1)
    );
    assert_eq!(
        counts("ann@example.org", "192.0.2.1", now + 2.minutes()).await,
        (1, 1)
    );

    store.forget_login_attempt(ids[2]).await.unwrap();
    assert_eq!(
        counts("ann@example.org", "192.0.2.1", earlier).await,
        (2, 3)
    );

    // Proving the password from one address forgets only that address's failures.
    store
        .clear_login_failures("ANN@example.org", "192.0.2.1")
        .await
        .unwrap();
    assert_eq!(
        counts("ann@example.org", "192.0.2.1", earlier).await,
        (0, 1)
    );
    assert_eq!(
        counts("ann@example.org", "192.0.2.2", earlier).await,
        (1, 1)
    );
}

#[tokio::test]
async fn purging_failed_sign_ins_removes_the_old_and_keeps_the_recent() {
    let (store, _g) = fresh_store().await;
    let now = t("2026-01-01T09:00:00Z");
    for (email, at) in [
        ("old1@example.org", now - 2.hours()),
        ("old2@example.org", now - 16.minutes()),
        ("new@example.org", now - 14.minutes()),
        ("new@example.org", now),
    ] {
        store
            .record_login_attempt(email, "192.0.2.1", at)
            .await
            .unwrap();
    }
    let gone = store
        .purge_login_failures(now - 15.minutes())
        .await
        .unwrap();
    assert_eq!(gone, 2);
    let left = store
        .login_failures_since("new@example.org", "192.0.2.1", now - 24.hours())
        .await
        .unwrap();
    assert_eq!((left.account_here, left.address), (2, 2));
}

#[tokio::test]
async fn purging_sessions_removes_the_expired_and_keeps_the_live() {
    let (store, _g) = fresh_store().await;
    with_both(&store).await;
    let id = store
        .create_account(
            "admin",
            KINGSTON,
            "ann@example.org",
            "Ann",
            "h",
            t("2026-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
    let start = t("2026-01-01T09:00:00Z");
    store
        .create_session(id, "expired", "c1", start, start + 8.hours())
        .await
        .unwrap();
    store
        .create_session(id, "live", "c2", start + 4.hours(), start + 12.hours())
        .await
        .unwrap();
    let now = start + 10.hours();
    assert_eq!(store.purge_expired_sessions(now).await.unwrap(), 1);
    // Asked about a moment when both were live, only the kept one is still there.
    assert!(store.session("expired", start).await.unwrap().is_none());
    assert!(
        store
            .session("live", start + 5.hours())
            .await
            .unwrap()
            .is_some()
    );
    assert!(store.session("live", now).await.unwrap().is_some());
}

#[tokio::test]
async fn an_api_token_acts_for_one_account_in_one_partnership() {
    let (store, _g) = fresh_store().await;
    with_both(&store).await;
    let id = store
        .create_account(
            "admin",
            KINGSTON,
            "bot@example.org",
            "Script",
            "h",
            t("2026-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
    store
        .create_api_token(
            "admin",
            &NewApiToken {
                account_id: id,
                partnership: SUTTON,
                name: "nightly export",
                token_hash: "token-hash",
                expires_on: None,
            },
            t("2026-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
    let now = t("2026-01-02T00:00:00Z");
    let (account, slug) = store.api_token("token-hash", now).await.unwrap().unwrap();
    assert_eq!((account.id, slug.as_str()), (id, SUTTON));
    assert!(store.api_token("nope", now).await.unwrap().is_none());
}

#[tokio::test]
async fn the_log_head_moves_with_every_write_and_only_for_its_partnership() {
    let (store, _g) = fresh_store().await;
    assert_eq!(store.log_head(KINGSTON).await.unwrap(), None);
    with_both(&store).await;
    let k1 = store.log_head(KINGSTON).await.unwrap().unwrap();
    let s1 = store.log_head(SUTTON).await.unwrap().unwrap();
    assert!(k1 > 0 && s1 > 0);
    let id = store
        .create_account(
            "admin",
            KINGSTON,
            "x@example.org",
            "X",
            "h",
            t("2026-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
    store
        .grant_membership(
            "admin",
            id,
            KINGSTON,
            AccessRole::Reader,
            &[],
            t("2026-01-02T00:00:00Z"),
        )
        .await
        .unwrap();
    assert!(store.log_head(KINGSTON).await.unwrap().unwrap() > k1);
    assert_eq!(store.log_head(SUTTON).await.unwrap().unwrap(), s1);
}

#[tokio::test]
async fn a_revoked_token_stops_at_once_stays_listed_and_is_logged() {
    let (store, _g) = fresh_store().await;
    with_both(&store).await;
    let id = store
        .create_account(
            "admin",
            KINGSTON,
            "bot@example.org",
            "Script",
            "h",
            t("2026-01-01T00:00:00Z"),
        )
        .await
        .unwrap();
    for (slug, name, hash) in [(SUTTON, "nightly export", "h1"), (KINGSTON, "rag", "h2")] {
        store
            .create_api_token(
                "admin",
                &NewApiToken {
                    account_id: id,
                    partnership: slug,
                    name,
                    token_hash: hash,
                    expires_on: None,
                },
                t("2026-01-01T00:00:00Z"),
            )
            .await
            .unwrap();
    }
    let all = store.api_tokens(None).await.unwrap();
    assert_eq!(all.len(), 2);
    let sutton = store.api_tokens(Some(SUTTON)).await.unwrap();
    assert_eq!(sutton.len(), 1);
    let token = &sutton[0];
    assert_eq!(
        (
            token.email.as_str(),
            token.partnership.as_str(),
            token.name.as_str()
        ),
        ("bot@example.org", SUTTON, "nightly export")
    );
    assert_eq!(token.created_at, "2026-01-01T00:00:00Z");
    assert_eq!(token.revoked_at, None);
    assert!(
        !format!("{all:?}").contains("h1"),
        "a listing never holds a hash"
    );

    let log_before = store.change_log(SUTTON).await.unwrap().len();
    let revoked = store
        .revoke_api_token("manager", token.id, t("2026-02-01T00:00:00Z"))
        .await
        .unwrap();
    assert_eq!(revoked.revoked_at.as_deref(), Some("2026-02-01T00:00:00Z"));
    assert!(
        store
            .api_token("h1", t("2026-02-01T00:00:00Z"))
            .await
            .unwrap()
            .is_none(),
        "refused at once"
    );
    assert!(
        store
            .api_token("h2", t("2026-02-01T00:00:00Z"))
            .await
            .unwrap()
            .is_some(),
        "the other still works"
    );
    let listed = store.api_tokens(Some(SUTTON)).await.unwrap();
    assert_eq!(
        listed[0].revoked_at.as_deref(),
        Some("2026-02-01T00:00:00Z")
    );

    let log = store.change_log(SUTTON).await.unwrap();
    assert_eq!(log.len(), log_before + 1);
    let entry = log.last().unwrap();
    assert_eq!(
        (entry.entity.as_str(), entry.actor.as_str()),
        ("api_token", "manager")
    );
    assert!(
        entry.entity_key.contains("nightly export"),
        "{}",
        entry.entity_key
    );
    assert!(!entry.after.as_deref().unwrap_or("").contains("h1"));
    assert_eq!(
        store.verify_change_log(SUTTON).await.unwrap().first_bad,
        None
    );

    let again = store
        .revoke_api_token("manager", token.id, t("2026-03-01T00:00:00Z"))
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict { .. })),
        "{again:?}"
    );
    assert_eq!(
        store.change_log(SUTTON).await.unwrap().len(),
        log_before + 1
    );
    let unknown = store
        .revoke_api_token("manager", 9999, t("2026-03-01T00:00:00Z"))
        .await;
    assert!(
        matches!(unknown, Err(StoreError::NotFound { .. })),
        "{unknown:?}"
    );
    assert!(matches!(
        store.api_tokens(Some("nowhere")).await,
        Err(StoreError::NotFound { .. })
    ));
}

/// One account in Sutton, for the token tests.
async fn script_account(store: &Store) -> i64 {
    with_both(store).await;
    store
        .create_account(
            "admin",
            KINGSTON,
            "bot@example.org",
            "Script",
            "h",
            t("2026-01-01T00:00:00Z"),
        )
        .await
        .unwrap()
}

#[tokio::test]
async fn a_token_works_to_the_end_of_its_last_day_in_the_uk_and_not_after() {
    let (store, _g) = fresh_store().await;
    let id = script_account(&store).await;
    let last = "2026-07-31".parse().unwrap();
    for (hash, expires) in [("expiring", Some(last)), ("lasting", None)] {
        store
            .create_api_token(
                "admin",
                &NewApiToken {
                    account_id: id,
                    partnership: SUTTON,
                    name: hash,
                    token_hash: hash,
                    expires_on: expires,
                },
                t("2026-07-01T09:00:00Z"),
            )
            .await
            .unwrap();
    }
    // London is on summer time (UTC+1): its 31 July ends at 23:00 UTC.
    let works = async |hash: &str, at: &str| store.api_token(hash, t(at)).await.unwrap().is_some();
    assert!(
        works("expiring", "2026-07-31T22:59:59Z").await,
        "the last minute of its last day"
    );
    assert!(
        !works("expiring", "2026-07-31T23:00:00Z").await,
        "midnight in London"
    );
    assert!(!works("expiring", "2027-01-01T00:00:00Z").await);
    assert!(
        works("lasting", "2030-01-01T00:00:00Z").await,
        "no last day"
    );
    let listed = store.api_tokens(Some(SUTTON)).await.unwrap();
    assert_eq!(
        listed.iter().map(|t| t.expires_on).collect::<Vec<_>>(),
        [Some(last), None]
    );
    let log = store.change_log(SUTTON).await.unwrap();
    assert!(
        log.last()
            .unwrap()
            .after
            .as_deref()
            .unwrap()
            .contains("\"expires_on\":null"),
        "{:?}",
        log.last()
    );
}

#[tokio::test]
async fn a_token_whose_last_day_has_passed_in_the_uk_is_not_made() {
    let (store, _g) = fresh_store().await;
    let id = script_account(&store).await;
    let log_before = store.change_log(SUTTON).await.unwrap().len();
    // 23:30 UTC on 31 July is already 1 August in London.
    let e = store
        .create_api_token(
            "admin",
            &NewApiToken {
                account_id: id,
                partnership: SUTTON,
                name: "late",
                token_hash: "h1",
                expires_on: Some("2026-07-31".parse().unwrap()),
            },
            t("2026-07-31T23:30:00Z"),
        )
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::InvalidData { .. }), "{e:?}");
    assert!(
        e.to_string()
            .contains("the end of 2026-07-31, which has passed"),
        "{e}"
    );
    assert!(store.api_tokens(None).await.unwrap().is_empty());
    assert_eq!(store.change_log(SUTTON).await.unwrap().len(), log_before);
    // Today is still a day it can work for.
    store
        .create_api_token(
            "admin",
            &NewApiToken {
                account_id: id,
                partnership: SUTTON,
                name: "today only",
                token_hash: "h2",
                expires_on: Some("2026-08-01".parse().unwrap()),
            },
            t("2026-07-31T23:30:00Z"),
        )
        .await
        .unwrap();
}

#[tokio::test]
async fn a_connection_cut_while_it_sat_idle_is_not_lent_to_a_request() {
    let (store, g) = fresh_store().await;
    let (id, start) = reader_signed_in(&store).await;
    // The caller's statement (on connections kept for it) and a read from the pool: each
    // kind of connection has been used and put back.
    let caller = || store.session_in("tok-hash", start, KINGSTON);
    assert!(caller().await.unwrap().is_some());
    assert!(store.log_head(KINGSTON).await.unwrap().is_some());
    match store.backend() {
        store::Backend::Postgres => {
            // The server cuts them while they sit idle, as a restart or an idle timeout would.
            let mut raw = g.raw().await;
            let cut: i64 = sqlx::raw_sql(
                "SELECT COUNT(pg_terminate_backend(pid)) AS cut FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid()",
            )
            .fetch_one(&mut raw)
            .await
            .unwrap()
            .try_get("cut")
            .unwrap();
            assert!(cut >= 2, "the store held {cut} connections");
            // Long enough idle that the pool checks a connection before it lends it.
            tokio::time::sleep(std::time::Duration::from_millis(1_500)).await;
        }
        // A SQLite connection lives in this process: nothing outside can cut it.
        store::Backend::Sqlite => {}
    }
    let (s, member) = caller()
        .await
        .unwrap()
        .expect("the session, on a live connection");
    assert_eq!((s.account.id, member.is_some()), (id, true));
    assert!(
        store.log_head(KINGSTON).await.unwrap().is_some(),
        "the pool lends a live connection"
    );
}
