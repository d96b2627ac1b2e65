//! Recording progress updates on an action: a RAG rating, percent complete, a narrative, the
//! date it speaks for, and evidence (files kept in the database, and links). An update is
//! never edited: a correction is a new update naming the one it corrects.

use domain::{Date, Percent, Rag, Update};
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::ChangeBatch;
use crate::error::{Result, StoreError};
use crate::{Store, codec};

use super::evidence::{self, Checked, NewEvidence};
use super::read::{self, Latest};
use super::write::{ActionKey, Stamp, Written};

mod two_trips;

/// A progress update to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUpdate {
    pub rag: Rag,
    pub percent: Option<Percent>,
    pub narrative: String,
    /// The date the update speaks for: not after the day it is recorded.
    pub as_of: Date,
    pub evidence: Vec<NewEvidence>,
    /// The id of the update of the same action this one corrects.
    pub corrects: Option<i64>,
}

/// The longest narrative kept, in characters.
pub const MAX_NARRATIVE_CHARS: usize = 10_000;

impl Store {
    /// Record `update` on the action `key`, which the caller saw at `expected_version` (0 if
    /// it was never changed). Another write since then is a [`StoreError::Conflict`] saying
    /// what changed and by whom; an impossible value is [`StoreError::InvalidData`]. Either way
    /// nothing is written.
    #[tracing::instrument(skip_all, fields(partnership = slug, action = %key.action))]
    pub async fn record_update(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        key: &ActionKey,
        expected_version: i64,
        update: NewUpdate,
    ) -> Result<Written<Update>> {
        let (mut fields, evidence) = checked(update, stamp.at)?;
        // The common case, in two round trips; anything else it hands straight back.
        if evidence.is_empty() && fields.corrects.is_none() {
            match two_trips::post(self, slug, stamp, key, expected_version, fields).await? {
                two_trips::Posted::Done(written) => return Ok(written),
                two_trips::Posted::Elsewhere(f) => fields = f,
            }
        }
        let mut w = self
            .begin_action_write(slug, stamp, key, expected_version)
            .await?;
        let target = Target {
            pid: w.w.pid,
            tracked_id: w.tracked_id,
            key,
            at: &w.w.at,
        };
        let (id, recorded) = insert(&mut w.w.tx, &mut w.w.log, &target, &fields, evidence).await?;
        let mine = Latest {
            as_of: codec::date_text(fields.as_of),
            at: w.w.at.clone(),
            id,
        };
        let latest = match (fields.corrects, &w.latest, w.created) {
            // A plain update corrects nothing and nothing corrects it yet: it rates the
            // action unless the one that did speaks for a later day.
            (None, Some(had), _) => Some(mine.max(had.clone()).id),
            (None, None, true) => Some(id),
            _ => read::latest_of(&mut w.w.tx, w.w.pid, w.tracked_id).await?,
        };
        let what = describe(id, &recorded);
        let version = w.finish(&what, latest).await?;
        tracing::info!(update = id, "progress update recorded");
        Ok(Written {
            record: recorded,
            version,
        })
    }
}

/// An update's own fields, checked.
pub(crate) struct Fields {
    pub rag: Rag,
    pub percent: Option<Percent>,
    pub narrative: String,
    pub as_of: Date,
    pub corrects: Option<i64>,
}

/// Check what a person gave: a narrative of some words, a date not after the day it is
/// recorded, evidence of the kinds kept.
pub(crate) fn checked(u: NewUpdate, at: jiff::Timestamp) -> Result<(Fields, Vec<Checked>)> {
    let narrative = u.narrative.trim().to_string();
    if narrative.is_empty() {
        return Err(StoreError::invalid(
            "an update needs a narrative: say in a sentence what has happened",
        ));
    }
    if narrative.chars().count() > MAX_NARRATIVE_CHARS {
        return Err(StoreError::invalid(format!(
            "the narrative is longer than {MAX_NARRATIVE_CHARS} characters; attach the detail \
             as evidence"
        )));
    }
    let today = at.to_zoned_datetime(jiff::tz::TimeZone::UTC).date();
    if u.as_of > today || u.as_of.year() < 1990 {
        return Err(StoreError::invalid(format!(
            "an update recorded on {today} cannot speak for {}; give a date from 1990-01-01 to \
             {today}",
            u.as_of
        )));
    }
    let evidence = evidence::check(u.evidence)?;
    Ok((
        Fields {
            rag: u.rag,
            percent: u.percent,
            narrative,
            as_of: u.as_of,
            corrects: u.corrects,
        },
        evidence,
    ))
}

/// The action an update is inserted for, and when.
pub(crate) struct Target<'a> {
    pub pid: i64,
    pub tracked_id: i64,
    pub key: &'a ActionKey,
    /// When it is recorded (UTC text).
    pub at: &'a str,
}

/// Insert the update, its evidence and their change-log entries; returns its id and the
/// update as recorded.
pub(crate) async fn insert(
    conn: &mut AnyConnection,
    log: &mut ChangeBatch,
    t: &Target<'_>,
    f: &Fields,
    evidence: Vec<Checked>,
) -> Result<(i64, Update)> {
    if let Some(c) = f.corrects {
        check_correction(conn, t, c).await?;
    }
    for e in &evidence {
        if let Checked::File(file) = e {
            evidence::keep(conn, t.pid, file, t.at, log).await?;
        }
    }
    let row = sqlx::query(
        "INSERT INTO progress_updates (partnership_id, tracked_action_id, rag, percent, narrative,
                                       as_of, author, recorded_at, corrects_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(t.pid)
    .bind(t.tracked_id)
    .bind(f.rag.as_str())
    .bind(f.percent.map(|p| i64::from(p.get())))
    .bind(f.narrative.as_str())
    .bind(codec::date_text(f.as_of))
    .bind(log.actor())
    .bind(t.at)
    .bind(f.corrects)
    .fetch_one(&mut *conn)
    .await?;
    let id: i64 = row.try_get("id")?;
    let mut stored = Vec::with_capacity(evidence.len());
    for (position, e) in (0_i64..).zip(evidence) {
        stored.push(evidence::insert_evidence(conn, t.pid, id, position, e).await?);
    }
    let recorded = Update {
        id,
        action: t.key.action.clone(),
        rag: f.rag,
        percent: f.percent,
        narrative: f.narrative.clone(),
        as_of: f.as_of,
        author: log.actor().to_string(),
        recorded_at: read::parse_at(t.at)?,
        evidence: stored,
        corrects: f.corrects,
    };
    log.created_at(t.at, "update", t.key.log_key(), &recorded)?;
    Ok((id, recorded))
}

/// A correction must name an update of the same action that nothing has corrected yet.
async fn check_correction(conn: &mut AnyConnection, t: &Target<'_>, corrects: i64) -> Result<()> {
    let row = sqlx::query(
        "SELECT u.tracked_action_id AS tracked, c.id AS corrected_by
         FROM progress_updates u LEFT JOIN progress_updates c ON c.corrects_id = u.id
         WHERE u.partnership_id = $1 AND u.id = $2",
    )
    .bind(t.pid)
    .bind(corrects)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        return Err(StoreError::not_found(format!("update {corrects}")));
    };
    if row.try_get::<i64, _>("tracked")? != t.tracked_id {
        return Err(StoreError::invalid(format!(
            "update {corrects} is not an update of {}; a correction corrects an update of the \
             same action",
            t.key.action
        )));
    }
    if let Some(by) = row.try_get::<Option<i64>, _>("corrected_by")? {
        return Err(StoreError::Conflict {
            what: format!(
                "update {corrects} was already corrected by update {by}; correct update {by} \
                 instead"
            ),
        });
    }
    Ok(())
}

/// The update in words, for a conflict message.
pub(crate) fn describe(id: i64, u: &Update) -> String {
    let percent = u
        .percent
        .map(|p| format!(", {}%", p.get()))
        .unwrap_or_default();
    let corrects = u
        .corrects
        .map(|c| format!(", correcting update {c}"))
        .unwrap_or_default();
    format!("progress update {id}: {}{percent}{corrects}", u.rag)
}
