//! Signing in through an identity provider: each partnership's say on password sign-in (logged
//! with its actor; the strictest of an account's partnerships wins) and the sign-ins under
//! way (taken once, never after they expire), on SQLite and PostgreSQL.

use domain::{AccessRole, PasswordSignIn};
use jiff::{Timestamp, ToSpan};
use store::{ImportMode, PendingSignIn, Stamp, Store};

use crate::common::{Guard, fresh_store, kingston, source, sutton};

const KINGSTON: &str = "kingston-upon-thames-lscb";
const SUTTON: &str = "sutton-safeguarding-children-partnership";

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// Both partnerships, and an account that is a member of both.
async fn with_member_of_both() -> (Store, Guard, i64) {
    let (store, guard) = fresh_store().await;
    for (p, name) in [(kingston(), "k.txt"), (sutton(), "s.txt")] {
        store
            .import_partnership("test", &p, &source(name, name), ImportMode::New)
            .await
            .unwrap();
    }
    let at = t("2026-01-01T00:00:00Z");
    let id = store
        .create_account("test", KINGSTON, "ann@example.org", "Ann", "hash", at)
        .await
        .unwrap();
    for slug in [KINGSTON, SUTTON] {
        store
            .grant_membership("test", id, slug, AccessRole::Reader, &[], at)
            .await
            .unwrap();
    }
    (store, guard, id)
}

#[tokio::test]
async fn password_sign_in_is_on_until_a_partnership_turns_it_off_for_its_members() {
    let (store, _g, ann) = with_member_of_both().await;
    assert_eq!(
        store.password_sign_in(KINGSTON).await.unwrap(),
        PasswordSignIn::On
    );
    assert_eq!(
        store.account_password_sign_in(ann).await.unwrap(),
        PasswordSignIn::On
    );
    let stamp = Stamp::new("Administrator", t("2026-01-02T00:00:00Z"));
    let now = store
        .set_password_sign_in(SUTTON, stamp, PasswordSignIn::Off)
        .await
        .unwrap();
    assert_eq!(now, PasswordSignIn::Off);
    assert_eq!(
        store.password_sign_in(KINGSTON).await.unwrap(),
        PasswordSignIn::On,
        "another partnership's choice is its own"
    );
    assert_eq!(
        store.account_password_sign_in(ann).await.unwrap(),
        PasswordSignIn::Off,
        "a member of a partnership that turned it off cannot use a password anywhere"
    );
    let stamp = Stamp::new("Administrator", t("2026-01-03T00:00:00Z"));
    store
        .set_password_sign_in(SUTTON, stamp, PasswordSignIn::On)
        .await
        .unwrap();
    assert_eq!(
        store.account_password_sign_in(ann).await.unwrap(),
        PasswordSignIn::On
    );
}

#[tokio::test]
async fn each_change_of_password_sign_in_is_logged_with_its_actor_and_a_repeat_writes_nothing() {
    let (store, _g, _) = with_member_of_both().await;
    let before = store.change_log(KINGSTON).await.unwrap().len();
    for _ in 0..2 {
        let stamp = Stamp::new("Administrator", t("2026-01-02T00:00:00Z"));
        store
            .set_password_sign_in(KINGSTON, stamp, PasswordSignIn::Off)
            .await
            .unwrap();
    }
    let log = store.change_log(KINGSTON).await.unwrap();
    assert_eq!(log.len(), before + 1, "turning it off twice is one change");
    let last = log.last().unwrap();
    assert_eq!(
        (
            last.entity.as_str(),
            last.entity_key.as_str(),
            last.actor.as_str(),
            last.before.as_deref(),
            last.after.as_deref()
        ),
        (
            "settings",
            "password_sign_in",
            "Administrator",
            Some("\"on\""),
            Some("\"off\"")
        )
    );
    let e = store
        .set_password_sign_in(
            "no-such-board",
            Stamp::new("Administrator", t("2026-01-02T00:00:00Z")),
            PasswordSignIn::Off,
        )
        .await
        .unwrap_err();
    assert!(e.to_string().contains("no-such-board"), "{e}");
}

fn pending(state_hash: &str, expires_at: Timestamp) -> PendingSignIn {
    PendingSignIn {
        state_hash: state_hash.into(),
        browser_hash: "browser".into(),
        provider: "keycloak".into(),
        nonce: "nonce".into(),
        code_verifier: "verifier".into(),
        next_path: "/p/kingston".into(),
        expires_at,
    }
}

#[tokio::test]
async fn a_sign_in_under_way_is_taken_once_and_never_after_it_expires() {
    let (store, _g) = fresh_store().await;
    let now = Timestamp::now();
    let p = pending("state-1", now + 10.minutes());
    store.begin_oidc_sign_in(&p, now).await.unwrap();
    let taken = store.take_oidc_sign_in("state-1", now).await.unwrap();
    assert_eq!(
        taken.as_ref().map(|t| &t.code_verifier),
        Some(&p.code_verifier)
    );
    assert_eq!(taken.map(|t| t.next_path).as_deref(), Some("/p/kingston"));
    assert!(
        store
            .take_oidc_sign_in("state-1", now)
            .await
            .unwrap()
            .is_none(),
        "a state is good for one answer only"
    );

    store
        .begin_oidc_sign_in(&pending("state-2", now + 10.minutes()), now)
        .await
        .unwrap();
    let later = now + 11.minutes();
    assert!(
        store
            .take_oidc_sign_in("state-2", later)
            .await
            .unwrap()
            .is_none(),
        "an expired sign-in is refused"
    );
    assert!(
        store
            .take_oidc_sign_in("unknown", now)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        !format!("{p:?}").contains("verifier"),
        "Debug hides secrets"
    );
}

#[tokio::test]
async fn starting_a_sign_in_forgets_those_that_expired() {
    let (store, g) = fresh_store().await;
    let now = Timestamp::now();
    store
        .begin_oidc_sign_in(&pending("old", now + 1.minutes()), now)
        .await
        .unwrap();
    let later = now + 2.minutes();
    store
        .begin_oidc_sign_in(&pending("new", later + 10.minutes()), later)
        .await
        .unwrap();
    let mut raw = g.raw().await;
    let rows = sqlx::query("SELECT state_hash FROM oidc_sign_ins")
        .fetch_all(&mut raw)
        .await
        .unwrap();
    use sqlx::Row;
    let left: Vec<String> = rows.iter().map(|r| r.get("state_hash")).collect();
    assert_eq!(left, ["new"]);
}
