//! The change log: every write, with its actor and time, appended in the same transaction as
//! the write and hash-chained per partnership so that an edit to history shows.
//!
//! `hash = sha256_hex(prev_hash || canonical)`, where `prev_hash` is the hash of the
//! partnership's previous entry (`""` for its first) and `canonical` is the compact JSON object
//! `{"partnership_id","at","actor","entity","entity_key","op","before","after"}` in that order,
//! with `before` and `after` as the JSON *text* stored (strings, or null).

use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};

use super::order::last_change;
use crate::error::{Result, StoreError};
use crate::sql::{Value, insert_rows};

/// What a change did to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeOp {
    Create,
    Update,
    Delete,
    /// A plan version recorded from an imported document.
    Import,
}

impl ChangeOp {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Delete => "delete",
            Self::Import => "import",
        }
    }

    pub(crate) fn parse(text: &str) -> Result<Self> {
        match text {
            "create" => Ok(Self::Create),
            "update" => Ok(Self::Update),
            "delete" => Ok(Self::Delete),
            "import" => Ok(Self::Import),
            other => Err(StoreError::invalid(format!(
                "the change log holds an unknown operation \"{other}\""
            ))),
        }
    }
}

/// One entry of the change log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: i64,
    /// UTC, e.g. `2026-11-26T09:30:00Z`.
    pub at: String,
    pub actor: String,
    /// The kind of record, e.g. `partnership`, `plan`, `action`, `update`, or who may act:
    /// `account`, `membership`, `api_token`, `calendar_feed` (`boardplan audit log --help`
    /// lists every kind).
    pub entity: String,
    /// Which one, e.g. an agency's name or `Improvement Plan v2 / 4.2#2`.
    pub entity_key: String,
    pub op: ChangeOp,
    /// JSON text: the record (or for an update, the changed fields) before and after.
    pub before: Option<String>,
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// The result of recomputing a partnership's chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verification {
    pub entries: usize,
    /// The id of the first entry whose hash or link does not match, if any.
    pub first_bad: Option<i64>,
    /// What became of the anchor the check was given, if it was given one.
    pub anchor: Option<AnchorCheck>,
}

/// An entry's id and hash, written down outside the database (in the minutes, on a board
/// paper) so that a log later cut back, or rewritten before that entry, no longer matches it:
/// the chain alone cannot show that its newest entries were removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub id: i64,
    /// The entry's hash, or its first [`Anchor::MIN_PREFIX`] or more hex digits.
    pub hash: String,
}

impl Anchor {
    /// The shortest hash prefix accepted: 64 bits, too many to search for a rewritten log
    /// that happens to match it.
    pub const MIN_PREFIX: usize = 16;
}

impl std::fmt::Display for Anchor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.id, self.hash)
    }
}

impl std::str::FromStr for Anchor {
    type Err = StoreError;

    /// `ID:HASH`, as `boardplan audit head` prints it.
    fn from_str(s: &str) -> Result<Self> {
        let bad = || {
            StoreError::invalid(format!(
                "\"{s}\" is not an anchor: write the entry's id and hash as ID:HASH, as \
                 `boardplan audit head` prints them (at least {} hex digits of the hash)",
                Self::MIN_PREFIX
            ))
        };
        let (id, hash) = s.trim().split_once(':').ok_or_else(bad)?;
        let id: i64 = id.trim().parse().map_err(|_| bad())?;
        let hash = hash.trim().to_ascii_lowercase();
        if hash.len() < Self::MIN_PREFIX
            || hash.len() > 64
            || !hash.bytes().all(|b| b.is_ascii_hexdigit())
        {
            return Err(bad());
        }
        Ok(Self { id, hash })
    }
}

/// How the log stands against an [`Anchor`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorCheck {
    /// The entry is there with that hash.
    Matches,
    /// No entry has that id: the log was cut back before it.
    Missing,
    /// The entry is there with another hash: it, or an entry before it, was rewritten.
    Differs { hash: String },
}

#[derive(Serialize)]
struct Canonical<'a> {
    partnership_id: i64,
    at: &'a str,
    actor: &'a str,
    entity: &'a str,
    entity_key: &'a str,
    op: &'a str,
    before: Option<&'a str>,
    after: Option<&'a str>,
}

impl Canonical<'_> {
    fn hash(&self, prev_hash: &str) -> Result<String> {
        let mut h = Sha256::new();
        h.update(prev_hash.as_bytes());
        h.update(serde_json::to_vec(self)?);
        Ok(hex::encode(h.finalize()))
    }
}

struct Draft {
    /// When this entry's change was made, if not at the batch's time.
    at: Option<String>,
    entity: &'static str,
    entity_key: String,
    op: ChangeOp,
    before: Option<String>,
    after: Option<String>,
}

/// The entries one transaction will append, all with the same actor and time.
pub(crate) struct ChangeBatch {
    partnership_id: i64,
    actor: String,
    at: String,
    drafts: Vec<Draft>,
    /// The hash of the entry these follow, when the transaction read it under the
    /// partnership's write lock; otherwise it is read when they are appended.
    follows: Option<String>,
}

impl ChangeBatch {
    pub fn new(partnership_id: i64, actor: &str, at: &str) -> Self {
        Self {
            partnership_id,
            actor: actor.to_string(),
            at: at.to_string(),
            drafts: Vec::new(),
            follows: None,
        }
    }

    /// Chain these entries after the entry with hash `hash` (`""`: the partnership has
    /// none), read in this transaction under the partnership's write lock. Were it no longer
    /// the newest, the log's one-successor rule refuses the append and nothing is written.
    pub fn follows(&mut self, hash: String) {
        self.follows = Some(hash);
    }

    /// Note a change; `before` and `after` are stored as JSON.
    pub fn record<B: Serialize + ?Sized, A: Serialize + ?Sized>(
        &mut self,
        entity: &'static str,
        entity_key: impl Into<String>,
        op: ChangeOp,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<()> {
        self.drafts.push(Draft {
            at: None,
            entity,
            entity_key: entity_key.into(),
            op,
            before: before.map(serde_json::to_string).transpose()?,
            after: after.map(serde_json::to_string).transpose()?,
        });
        Ok(())
    }

    /// Note the creation of `after` at `at` rather than the batch's time: for a batch that
    /// loads a history of changes made at different times, in order.
    pub fn created_at<A: Serialize + ?Sized>(
        &mut self,
        at: &str,
        entity: &'static str,
        entity_key: impl Into<String>,
        after: &A,
    ) -> Result<()> {
        self.created(entity, entity_key, after)?;
        if let Some(d) = self.drafts.last_mut() {
            d.at = Some(at.to_string());
        }
        Ok(())
    }

    /// Note the creation of `after`.
    pub fn created<A: Serialize + ?Sized>(
        &mut self,
        entity: &'static str,
        entity_key: impl Into<String>,
        after: &A,
    ) -> Result<()> {
        self.record::<(), A>(entity, entity_key, ChangeOp::Create, None, Some(after))
    }

    /// Who this batch's changes are by.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// True while nothing has been recorded: the transaction changed nothing.
    pub fn is_empty(&self) -> bool {
        self.drafts.is_empty()
    }

    /// Chain the entries onto the partnership's log and insert them. Must run in the
    /// transaction of the writes they describe.
    pub async fn append(self, conn: &mut AnyConnection) -> Result<usize> {
        if self.drafts.is_empty() {
            return Ok(0);
        }
        let prev_hash = match &self.follows {
            Some(hash) => hash.clone(),
            None => last_hash(conn, self.partnership_id)
                .await?
                .unwrap_or_default(),
        };
        let rows = self.rows_after(prev_hash)?;
        let n = rows.len();
        insert_rows(conn, "change_log", &COLUMNS[1..], rows, None).await?;
        Ok(n)
    }

    /// The entries as rows of the log's columns after the id (partnership, at, actor, entity,
    /// key, op, before, after, prev_hash, hash), chained from the entry with hash
    /// `prev_hash`: for a caller that inserts them in a statement of its own.
    pub(crate) fn rows_after(&self, mut prev_hash: String) -> Result<Vec<Vec<Value>>> {
        let mut rows = Vec::with_capacity(self.drafts.len());
        for d in &self.drafts {
            let at = d.at.as_deref().unwrap_or(&self.at);
            let hash = Canonical {
                partnership_id: self.partnership_id,
                at,
                actor: &self.actor,
                entity: d.entity,
                entity_key: &d.entity_key,
                op: d.op.as_str(),
                before: d.before.as_deref(),
                after: d.after.as_deref(),
            }
            .hash(&prev_hash)?;
            rows.push(vec![
                Value::from(self.partnership_id),
                Value::from(at),
                Value::from(self.actor.as_str()),
                Value::from(d.entity),
                Value::from(d.entity_key.as_str()),
                Value::from(d.op.as_str()),
                Value::from(d.before.clone()),
                Value::from(d.after.clone()),
                Value::from(std::mem::replace(&mut prev_hash, hash.clone())),
                Value::from(hash),
            ]);
        }
        Ok(rows)
    }
}

/// The fields an update changes, old and new, for an `update` entry's `before` and `after`.
#[derive(Default)]
pub(crate) struct Diff {
    before: serde_json::Map<String, serde_json::Value>,
    after: serde_json::Map<String, serde_json::Value>,
}

impl Diff {
    /// Note `field` if it changes; true when it does.
    pub fn field<T: Serialize + PartialEq + ?Sized>(
        &mut self,
        field: &str,
        old: &T,
        new: &T,
    ) -> Result<bool> {
        if old == new {
            return Ok(false);
        }
        self.before
            .insert(field.to_string(), serde_json::to_value(old)?);
        self.after
            .insert(field.to_string(), serde_json::to_value(new)?);
        Ok(true)
    }

    pub fn is_empty(&self) -> bool {
        self.after.is_empty()
    }

    /// Record the update, if anything changed.
    pub fn record(
        self,
        log: &mut ChangeBatch,
        entity: &'static str,
        entity_key: impl Into<String>,
    ) -> Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        log.record(
            entity,
            entity_key,
            ChangeOp::Update,
            Some(&self.before),
            Some(&self.after),
        )
    }
}

const COLUMNS: [&str; 11] = [
    "id",
    "partnership_id",
    "at",
    "actor",
    "entity",
    "entity_key",
    "op",
    "before",
    "after",
    "prev_hash",
    "hash",
];

async fn last_hash(conn: &mut AnyConnection, partnership_id: i64) -> Result<Option<String>> {
    Ok(last_change(conn, partnership_id).await?.map(|l| l.hash))
}

/// Every entry of the partnership's log, oldest first.
pub(crate) async fn entries(conn: &mut AnyConnection, partnership_id: i64) -> Result<Vec<Change>> {
    let rows = sqlx::query(
        "SELECT id, at, actor, entity, entity_key, op, before, after, prev_hash, hash
         FROM change_log WHERE partnership_id = $1 ORDER BY id",
    )
    .bind(partnership_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(change).collect()
}

/// The columns [`change`] reads, for a query of log entries.
pub(crate) const CHANGE_COLUMNS: &str =
    "id, at, actor, entity, entity_key, op, before, after, prev_hash, hash";

/// An entry from a row of [`CHANGE_COLUMNS`].
pub(crate) fn change(r: &sqlx::any::AnyRow) -> Result<Change> {
    Ok(Change {
        id: r.try_get("id")?,
        at: r.try_get("at")?,
        actor: r.try_get("actor")?,
        entity: r.try_get("entity")?,
        entity_key: r.try_get("entity_key")?,
        op: ChangeOp::parse(&r.try_get::<String, _>("op")?)?,
        before: r.try_get("before")?,
        after: r.try_get("after")?,
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    })
}

/// The newest entry of the partnership's log, if it has any.
pub(crate) async fn head(conn: &mut AnyConnection, partnership_id: i64) -> Result<Option<Anchor>> {
    let row = sqlx::query(
        "SELECT id, hash FROM change_log WHERE partnership_id = $1 ORDER BY id DESC LIMIT 1",
    )
    .bind(partnership_id)
    .fetch_optional(&mut *conn)
    .await?;
    row.as_ref().map(anchor).transpose()
}

/// The newest entry of partnership `$1` recorded by `$2`: one seek on `change_log_by_time`.
pub(crate) const HEAD_AT: &str = "SELECT id, hash FROM change_log
     WHERE partnership_id = $1 AND at <= $2 ORDER BY at DESC, id DESC LIMIT 1";

/// The partnership's newest entry recorded by `at`: the head a reader saw then. Entries are
/// stamped in id order (`order::settle`), so the last by time is the last by id.
pub(crate) async fn head_at(
    conn: &mut AnyConnection,
    partnership_id: i64,
    at: &str,
) -> Result<Option<Anchor>> {
    let row = sqlx::query(HEAD_AT)
        .bind(partnership_id)
        .bind(at)
        .fetch_optional(&mut *conn)
        .await?;
    row.as_ref().map(anchor).transpose()
}

/// An entry's id and hash from a row holding them.
fn anchor(r: &sqlx::any::AnyRow) -> Result<Anchor> {
    Ok(Anchor {
        id: r.try_get("id")?,
        hash: r.try_get("hash")?,
    })
}

/// Find the anchor's entry among `entries` and compare its hash.
pub(crate) fn check_anchor(entries: &[Change], anchor: &Anchor) -> AnchorCheck {
    match entries.iter().find(|c| c.id == anchor.id) {
        None => AnchorCheck::Missing,
        Some(c) if c.hash.starts_with(&anchor.hash) => AnchorCheck::Matches,
        Some(c) => AnchorCheck::Differs {
            hash: c.hash.clone(),
        },
    }
}

/// Recompute the chain: each entry must name its predecessor's hash and hash to its own.
pub(crate) fn verify(partnership_id: i64, entries: &[Change]) -> Result<Verification> {
    let mut expected_prev = String::new();
    for c in entries {
        let hash = Canonical {
            partnership_id,
            at: &c.at,
            actor: &c.actor,
            entity: &c.entity,
            entity_key: &c.entity_key,
            op: c.op.as_str(),
            before: c.before.as_deref(),
            after: c.after.as_deref(),
        }
        .hash(&c.prev_hash)?;
        if c.prev_hash != expected_prev || c.hash != hash {
            return Ok(Verification {
                entries: entries.len(),
                first_bad: Some(c.id),
                anchor: None,
            });
        }
        expected_prev = hash;
    }
    Ok(Verification {
        entries: entries.len(),
        first_bad: None,
        anchor: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(id: i64, prev_hash: &str, after: &str) -> Change {
        let mut c = Change {
            id,
            at: "2026-11-26T09:30:00Z".into(),
            actor: "test".into(),
            entity: "agency".into(),
            entity_key: "Police".into(),
            op: ChangeOp::Create,
            before: None,
            after: Some(after.into()),
            prev_hash: prev_hash.into(),
            hash: String::new(),
        };
        c.hash = Canonical {
            partnership_id: 1,
            at: &c.at,
            actor: &c.actor,
            entity: &c.entity,
            entity_key: &c.entity_key,
            op: c.op.as_str(),
            before: None,
            after: c.after.as_deref(),
        }
        .hash(prev_hash)
        .unwrap();
        c
    }

    #[test]
    fn the_hash_is_sha256_of_the_previous_hash_and_the_canonical_entry() {
        let c = change(1, "", "{\"name\":\"Police\"}");
        let canonical = r#"{"partnership_id":1,"at":"2026-11-26T09:30:00Z","actor":"test","entity":"agency","entity_key":"Police","op":"create","before":null,"after":"{\"name\":\"Police\"}"}"#;
        assert_eq!(c.hash, hex::encode(Sha256::digest(canonical.as_bytes())));
    }

    #[test]
    fn a_chain_verifies_until_an_entry_is_altered() {
        let a = change(1, "", "1");
        let b = change(2, &a.hash, "2");
        let c = change(3, &b.hash, "3");
        let mut log = vec![a, b, c];
        assert_eq!(
            verify(1, &log).unwrap(),
            Verification {
                entries: 3,
                first_bad: None,
                anchor: None,
            }
        );
        log[1].actor = "someone else".into();
        assert_eq!(verify(1, &log).unwrap().first_bad, Some(2));
    }

    #[test]
    fn a_removed_entry_breaks_the_link_of_the_next() {
        let a = change(1, "", "1");
        let b = change(2, &a.hash, "2");
        let c = change(3, &b.hash, "3");
        assert_eq!(verify(1, &[a, c]).unwrap().first_bad, Some(3));
    }

    #[test]
    fn an_anchor_catches_a_log_cut_back_or_rewritten_before_it_which_the_chain_cannot() {
        let a = change(1, "", "1");
        let b = change(2, &a.hash, "2");
        let anchor = Anchor {
            id: 2,
            hash: b.hash[..Anchor::MIN_PREFIX].to_string(),
        };
        let log = vec![a.clone(), b];
        assert_eq!(check_anchor(&log, &anchor), AnchorCheck::Matches);
        // Cut back: what is left still verifies, but the anchored entry is gone.
        assert_eq!(verify(1, &log[..1]).unwrap().first_bad, None);
        assert_eq!(check_anchor(&log[..1], &anchor), AnchorCheck::Missing);
        // Rewritten from the start with a new second entry: a valid chain, another hash.
        let forged = change(2, &a.hash, "forged");
        let rewritten = vec![a, forged.clone()];
        assert_eq!(verify(1, &rewritten).unwrap().first_bad, None);
        assert_eq!(
            check_anchor(&rewritten, &anchor),
            AnchorCheck::Differs { hash: forged.hash }
        );
    }

    #[test]
    fn an_anchor_is_read_as_id_colon_hash_with_enough_of_the_hash() {
        let full = "ab".repeat(32);
        let a: Anchor = format!("12:{}", full.to_uppercase()).parse().unwrap();
        assert_eq!((a.id, a.hash.as_str()), (12, full.as_str()));
        assert_eq!(a.to_string(), format!("12:{full}"));
        assert!("12:abcdef0123456789".parse::<Anchor>().is_ok());
        for bad in [
            "12",
            "x:abcdef0123456789",
            "12:abcdef",
            "12:zzcdef0123456789",
            "",
        ] {
            assert!(bad.parse::<Anchor>().is_err(), "{bad}");
        }
    }
}
