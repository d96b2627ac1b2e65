//! Shared by the progress tests: the sample partnership imported on a past date, and short
//! ways to write updates, evidence and the people who sign off.

#![allow(dead_code)]

use domain::{AccessRole, Membership, Percent, Rag};
use store::{ActionKey, ImportMode, NewEvidence, NewUpdate, Stamp, Store};

use crate::common::{Guard, fresh_store, kingston, source};

pub const KINGSTON: &str = "kingston-upon-thames-lscb";
pub const PLAN: &str = "Improvement Plan 2009-10";

/// Noon UTC on a date ("2009-06-01"), or a full timestamp.
pub fn ts(s: &str) -> jiff::Timestamp {
    if s.len() == 10 {
        format!("{s}T12:00:00Z").parse().unwrap()
    } else {
        s.parse().unwrap()
    }
}

pub fn date(s: &str) -> domain::Date {
    s.parse().unwrap()
}

/// A fresh store holding the sample partnership, imported on 1 April 2009.
pub async fn imported() -> (Store, Guard) {
    imported_at("2009-04-01T09:00:00Z").await
}

/// A fresh store holding the sample partnership, imported at `at`.
pub async fn imported_at(at: &str) -> (Store, Guard) {
    let (store, guard) = fresh_store().await;
    store
        .import_partnership_at(
            "alice",
            &kingston(),
            &source("kingston.txt", "aaaa"),
            ImportMode::New,
            ts(at),
        )
        .await
        .unwrap();
    (store, guard)
}

pub fn key(action: &str) -> ActionKey {
    ActionKey::new(PLAN, action)
}

pub fn by<'a>(actor: &'a str, at: &str) -> Stamp<'a> {
    Stamp::new(actor, ts(at))
}

pub fn update(rag: Rag, percent: u8, note: &str, as_of: &str) -> NewUpdate {
    NewUpdate {
        rag,
        percent: Some(Percent::new(i64::from(percent)).unwrap()),
        narrative: note.into(),
        as_of: date(as_of),
        evidence: vec![],
        corrects: None,
    }
}

pub fn pdf(name: &str) -> NewEvidence {
    NewEvidence::File {
        name: name.into(),
        bytes: b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".to_vec(),
    }
}

pub fn member(holds: &[&str]) -> Membership {
    Membership {
        partnership: KINGSTON.into(),
        role: AccessRole::BoardMember,
        holds: holds.iter().map(|h| h.to_string()).collect(),
    }
}

/// The board's chair, who may sign off anything.
pub fn chair() -> Membership {
    member(&["lscb-chair"])
}

/// Record `u` on `action` at `at` by `actor`, from whatever version the action is at.
pub async fn record(store: &Store, actor: &str, at: &str, action: &str, u: NewUpdate) -> i64 {
    let k = key(action);
    let v = store.action_state(KINGSTON, &k).await.unwrap().version;
    store
        .record_update(KINGSTON, by(actor, at), &k, v, u)
        .await
        .unwrap()
        .record
        .id
}

/// Everything a test can observe of the partnership's progress, to show nothing changed.
pub async fn snapshot(store: &Store) -> (usize, Vec<domain::Update>, Vec<domain::SignOff>) {
    let log = store.change_log(KINGSTON).await.unwrap().len();
    let far = ts("2100-01-01");
    (
        log,
        store.updates_as_at(KINGSTON, PLAN, far).await.unwrap(),
        store.signoffs(KINGSTON, PLAN, far).await.unwrap(),
    )
}
