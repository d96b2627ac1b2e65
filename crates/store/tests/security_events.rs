//! What decides who may act is in the change log, with who did it and when, and never a
//! secret: adding an account, giving it a role, its password, disabling it, API tokens and
//! calendar addresses. And the log reads back after an id and by kind, for "who did what".

use crate::common::{fresh_store, kingston, source, sutton};
use domain::AccessRole;
use jiff::{Timestamp, ToSpan};
use store::{Change, ChangeOp, ImportMode, NewApiToken, Store, StoreError};

const KINGSTON: &str = "kingston-upon-thames-lscb";
const SUTTON: &str = "sutton-safeguarding-children-partnership";

/// Stand-ins for what must never reach the log: a password hash, a token's and a calendar
/// address's hashes.
const SECRETS: [&str; 4] = [
    "argon2-hash-of-first-password",
    "argon2-hash-of-second-password",
    "sha256-of-api-token",
    "sha256-of-calendar-secret",
];

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

fn at_text(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// The entries after `after`, as (kind, op, actor, at, key).
fn summary(log: &[Change], after: i64) -> Vec<(String, ChangeOp, String, String, String)> {
    log.iter()
        .filter(|c| c.id > after)
        .map(|c| {
            (
                c.entity.clone(),
                c.op,
                c.actor.clone(),
                c.at.clone(),
                c.entity_key.clone(),
            )
        })
        .collect()
}

fn head(log: &[Change]) -> i64 {
    log.last().map_or(0, |c| c.id)
}

#[tokio::test]
async fn every_security_event_is_logged_with_its_actor_and_time_and_no_secret() {
    let (store, _g) = fresh_store().await;
    with_both(&store).await;
    let k0 = head(&store.change_log(KINGSTON).await.unwrap());
    let s0 = head(&store.change_log(SUTTON).await.unwrap());
    let t0 = Timestamp::now();
    let at = |n: i64| t0 + n.seconds();

    let id = store
        .create_account(
            "admin",
            KINGSTON,
            "ann@example.org",
            "Ann",
            SECRETS[0],
            at(1),
        )
        .await
        .unwrap();
    for (slug, n) in [(KINGSTON, 2), (SUTTON, 3)] {
        store
            .grant_membership("admin", id, slug, AccessRole::Reader, &[], at(n))
            .await
            .unwrap();
    }
    store
        .grant_membership("admin", id, KINGSTON, AccessRole::Administrator, &[], at(4))
        .await
        .unwrap();
    let token = store
        .create_api_token(
            "admin",
            &NewApiToken {
                account_id: id,
                partnership: KINGSTON,
                name: "weekly RAG script",
                token_hash: SECRETS[2],
                expires_on: None,
            },
            at(5),
        )
        .await
        .unwrap();
    store
        .revoke_api_token("manager", token, at(6))
        .await
        .unwrap();
    let feed = store
        .create_calendar_feed("Ann", id, KINGSTON, SECRETS[3], at(7))
        .await
        .unwrap();
    assert!(
        store
            .revoke_calendar_feed("Ann", id, KINGSTON, feed, at(8))
            .await
            .unwrap()
    );
    store
        .set_password("Ann", id, SECRETS[1], None, at(9))
        .await
        .unwrap();
    store.disable_account("admin", id, at(10)).await.unwrap();

    let ann = "ann@example.org".to_string();
    let token_key = format!("\"weekly RAG script\" for {ann} (token {token})");
    let feed_key = format!("for {ann} (address {feed})");
    let row = |kind: &str, op, actor: &str, n, key: &str| {
        (
            kind.to_string(),
            op,
            actor.to_string(),
            at_text(at(n)),
            key.to_string(),
        )
    };
    let kingston_log = store.change_log(KINGSTON).await.unwrap();
    assert_eq!(
        summary(&kingston_log, k0),
        [
            row("account", ChangeOp::Create, "admin", 1, &ann),
            row("membership", ChangeOp::Create, "admin", 2, &ann),
            row("membership", ChangeOp::Update, "admin", 4, &ann),
            row("api_token", ChangeOp::Create, "admin", 5, &token_key),
            row("api_token", ChangeOp::Update, "manager", 6, &token_key),
            row("calendar_feed", ChangeOp::Create, "Ann", 7, &feed_key),
            row("calendar_feed", ChangeOp::Update, "Ann", 8, &feed_key),
            row("account", ChangeOp::Update, "Ann", 9, &ann),
            row("account", ChangeOp::Update, "admin", 10, &ann),
        ]
    );
    // The account's own changes reach every board it belongs to; the rest stay with theirs.
    let sutton_log = store.change_log(SUTTON).await.unwrap();
    assert_eq!(
        summary(&sutton_log, s0),
        [
            row("membership", ChangeOp::Create, "admin", 3, &ann),
            row("account", ChangeOp::Update, "Ann", 9, &ann),
            row("account", ChangeOp::Update, "admin", 10, &ann),
        ]
    );
    let what: Vec<String> = kingston_log
        .iter()
        .filter(|c| c.id > k0)
        .map(Change::what)
        .collect();
    assert_eq!(
        what[7],
        format!(
            "changed {ann}: password_changed_at {} → {}",
            at_text(at(1)),
            at_text(at(9))
        )
    );
    assert_eq!(
        what[8],
        format!("changed {ann}: disabled_at none → {}", at_text(at(10)))
    );

    for c in kingston_log.iter().chain(&sutton_log) {
        let text = format!("{} {:?} {:?}", c.entity_key, c.before, c.after);
        for secret in SECRETS {
            assert!(!text.contains(secret), "{secret} in entry {}: {text}", c.id);
        }
    }
    for slug in [KINGSTON, SUTTON] {
        assert_eq!(store.verify_change_log(slug).await.unwrap().first_bad, None);
    }
}

#[tokio::test]
async fn a_disabled_account_is_shut_out_and_disabling_it_again_changes_nothing() {
    let (store, _g) = fresh_store().await;
    with_both(&store).await;
    let now = Timestamp::now();
    let id = store
        .create_account("admin", KINGSTON, "ann@example.org", "Ann", "h", now)
        .await
        .unwrap();
    store
        .grant_membership("admin", id, KINGSTON, AccessRole::Reader, &[], now)
        .await
        .unwrap();
    store
        .create_session(id, "session", "csrf", now, now + 8.hours())
        .await
        .unwrap();
    store
        .create_api_token(
            "admin",
            &NewApiToken {
                account_id: id,
                partnership: KINGSTON,
                name: "script",
                token_hash: "token",
                expires_on: None,
            },
            now,
        )
        .await
        .unwrap();
    store.disable_account("admin", id, now).await.unwrap();
    assert!(store.session("session", now).await.unwrap().is_none());
    assert!(store.api_token("token", now).await.unwrap().is_none());
    let a = store
        .account_by_email("ann@example.org")
        .await
        .unwrap()
        .unwrap();
    assert!(a.disabled);

    let log = store.change_log(KINGSTON).await.unwrap().len();
    let again = store.disable_account("admin", id, now).await.unwrap_err();
    assert!(
        matches!(&again, StoreError::Conflict { what } if what.contains("already disabled")),
        "{again:?}"
    );
    let unknown = store.disable_account("admin", 9999, now).await.unwrap_err();
    assert!(
        matches!(unknown, StoreError::NotFound { .. }),
        "{unknown:?}"
    );
    assert_eq!(store.change_log(KINGSTON).await.unwrap().len(), log);
}

#[tokio::test]
async fn a_write_refused_logs_nothing_and_leaves_nothing_behind() {
    let (store, _g) = fresh_store().await;
    with_both(&store).await;
    let now = Timestamp::now();
    let e = store
        .create_account("admin", "nowhere", "ann@example.org", "Ann", "h", now)
        .await
        .unwrap_err();
    assert!(matches!(e, StoreError::NotFound { .. }), "{e:?}");
    assert!(
        store
            .account_by_email("ann@example.org")
            .await
            .unwrap()
            .is_none()
    );
    let id = store
        .create_account("admin", KINGSTON, "ann@example.org", "Ann", "h", now)
        .await
        .unwrap();
    let log = store.change_log(KINGSTON).await.unwrap().len();
    // Someone else's address, or one that does not exist, is not revoked, and not logged.
    let feed = store
        .create_calendar_feed("Ann", id, KINGSTON, "secret", now)
        .await
        .unwrap();
    let bob = store
        .create_account("admin", KINGSTON, "bob@example.org", "Bob", "h", now)
        .await
        .unwrap();
    let log = log + 2;
    for (who, which) in [(bob, feed), (id, feed + 100)] {
        assert!(
            !store
                .revoke_calendar_feed("Bob", who, KINGSTON, which, now)
                .await
                .unwrap()
        );
    }
    assert_eq!(store.change_log(KINGSTON).await.unwrap().len(), log);
}

#[tokio::test]
async fn the_log_reads_back_after_an_id_and_by_kind() {
    let (store, _g) = fresh_store().await;
    with_both(&store).await;
    let now = Timestamp::now();
    let all = store.change_log(KINGSTON).await.unwrap();
    let k0 = head(&all);
    assert_eq!(
        store.change_log_after(KINGSTON, 0, None).await.unwrap(),
        all
    );
    let id = store
        .create_account("admin", KINGSTON, "ann@example.org", "Ann", "h", now)
        .await
        .unwrap();
    store
        .grant_membership("admin", id, KINGSTON, AccessRole::Reader, &[], now)
        .await
        .unwrap();
    let after = store.change_log_after(KINGSTON, k0, None).await.unwrap();
    assert_eq!(
        after.iter().map(|c| c.entity.as_str()).collect::<Vec<_>>(),
        ["account", "membership"]
    );
    let accounts = store
        .change_log_after(KINGSTON, 0, Some("account"))
        .await
        .unwrap();
    assert_eq!(accounts, after[..1]);
    assert!(
        store
            .change_log_after(KINGSTON, after[0].id, Some("account"))
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .change_log_after(SUTTON, 0, Some("account"))
            .await
            .unwrap()
            .is_empty(),
        "only its own partnership's"
    );
    let kinds = store.change_log_kinds(KINGSTON).await.unwrap();
    assert!(
        kinds.contains(&"account".to_string()) && kinds.contains(&"action".to_string()),
        "{kinds:?}"
    );
    assert!(kinds.windows(2).all(|w| w[0] < w[1]), "{kinds:?}");
    assert!(matches!(
        store.change_log_after("nowhere", 0, None).await,
        Err(StoreError::NotFound { .. })
    ));
}
