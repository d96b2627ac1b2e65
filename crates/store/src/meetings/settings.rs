//! The board's own quorum and the attendance share below which an agency is flagged on the
//! dashboard; absent, no quorum rule and 75%. A sub-group's quorum is kept with its details.

use domain::meetings::{DEFAULT_ATTENDANCE_THRESHOLD, QuorumRule};
use serde::Serialize;
use sqlx::{AnyConnection, Row};

use crate::changelog::chain::ChangeOp;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;
use crate::{Store, scope};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MeetingSettings {
    /// The board meeting's quorum.
    pub quorum: QuorumRule,
    /// Per cent.
    pub attendance_threshold: u32,
}

impl Default for MeetingSettings {
    fn default() -> Self {
        Self {
            quorum: QuorumRule::default(),
            attendance_threshold: DEFAULT_ATTENDANCE_THRESHOLD,
        }
    }
}

fn count(v: Option<i64>) -> Option<u32> {
    v.and_then(|n| u32::try_from(n).ok())
}

pub(crate) async fn read(conn: &mut AnyConnection, pid: i64) -> Result<MeetingSettings> {
    let row = sqlx::query(
        "SELECT quorum_agencies, quorum_members, attendance_threshold FROM meeting_settings
         WHERE partnership_id = $1",
    )
    .bind(pid)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(r) = row else {
        return Ok(MeetingSettings::default());
    };
    Ok(MeetingSettings {
        quorum: QuorumRule {
            agencies: count(r.try_get("quorum_agencies")?),
            members: count(r.try_get("quorum_members")?),
        },
        attendance_threshold: count(Some(r.try_get("attendance_threshold")?))
            .unwrap_or(DEFAULT_ATTENDANCE_THRESHOLD),
    })
}

/// Sub-group `sid`'s quorum rule (none if not set).
pub(crate) async fn subgroup_quorum(conn: &mut AnyConnection, sid: i64) -> Result<QuorumRule> {
    let row = sqlx::query(
        "SELECT quorum_agencies, quorum_members FROM subgroup_details WHERE subgroup_id = $1",
    )
    .bind(sid)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(match row {
        Some(r) => QuorumRule {
            agencies: count(r.try_get("quorum_agencies")?),
            members: count(r.try_get("quorum_members")?),
        },
        None => QuorumRule::default(),
    })
}

impl Store {
    /// Partnership `slug`'s board quorum and attendance threshold.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn meeting_settings(&self, slug: &str) -> Result<MeetingSettings> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let s = read(&mut tx, pid).await?;
        tx.commit().await?;
        Ok(s)
    }

    /// Set partnership `slug`'s board quorum and attendance threshold.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn set_meeting_settings(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        s: &MeetingSettings,
    ) -> Result<()> {
        if s.attendance_threshold > 100 {
            return Err(StoreError::invalid(
                "the attendance threshold is a share of meetings: give a per cent from 0 to 100",
            ));
        }
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let old = read(&mut w.tx, w.pid).await?;
        if old == *s {
            return Ok(());
        }
        sqlx::query(
            "INSERT INTO meeting_settings (partnership_id, quorum_agencies, quorum_members,
                 attendance_threshold) VALUES ($1, $2, $3, $4)
             ON CONFLICT (partnership_id) DO UPDATE SET quorum_agencies = $2,
                 quorum_members = $3, attendance_threshold = $4",
        )
        .bind(w.pid)
        .bind(s.quorum.agencies.map(i64::from))
        .bind(s.quorum.members.map(i64::from))
        .bind(i64::from(s.attendance_threshold))
        .execute(&mut *w.tx)
        .await?;
        w.log.record(
            "meeting settings",
            "board",
            ChangeOp::Update,
            Some(&old),
            Some(s),
        )?;
        w.commit().await
    }
}
