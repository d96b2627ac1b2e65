//! Recording the board's and its sub-groups' meetings as they are held or planned. The last
//! board meeting before a date is what "stale" is measured from, so each meeting keeps when it
//! was recorded: one recorded later does not change an earlier as-at view.

use std::collections::HashMap;

use domain::{Date, Meeting, MeetingKind};
use sqlx::Row;

use crate::Store;
use crate::codec::{self, at_text};
use crate::error::{Result, StoreError};
use crate::plan::partnership_read;
use crate::scope;

use super::write::Stamp;

impl Store {
    /// Record `m` for partnership `slug`. A sub-group meeting names one of its sub-groups; a
    /// board meeting names none. The same meeting twice is a [`StoreError::Conflict`].
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_meeting(&self, slug: &str, stamp: Stamp<'_>, m: &Meeting) -> Result<()> {
        self.add_meeting_with(slug, stamp, m, None, None)
            .await
            .map(|_| ())
    }

    /// [`Store::add_meeting`] with the time of day (`HH:MM`) and the place or link; the new
    /// meeting's id.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn add_meeting_with(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        m: &Meeting,
        time: Option<&str>,
        place: Option<&str>,
    ) -> Result<i64> {
        let time = time
            .map(domain::meetings::parse_time)
            .transpose()
            .map_err(|e| StoreError::invalid(format!("time: {} {}", e.problem, e.fix)))?;
        let place = place.map(str::trim).filter(|p| !p.is_empty());
        if place.is_some_and(|p| p.chars().count() > 500) {
            return Err(StoreError::invalid(
                "place: give the room or link in at most 500 characters",
            ));
        }
        let latest = stamp
            .at
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .date()
            .checked_add(jiff::Span::new().years(2))
            .unwrap_or(Date::MAX);
        if m.date.year() < 1990 || m.date > latest {
            return Err(StoreError::invalid(format!(
                "{} is not a date a meeting can be recorded for; give one from 1990-01-01 to \
                 {latest}",
                m.date
            )));
        }
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let subgroups: HashMap<String, i64> = partnership_read::subgroups(&mut w.tx, w.pid)
            .await?
            .into_iter()
            .map(|(id, s)| (s.name.to_lowercase(), id))
            .collect();
        let subgroup = match (m.kind, m.subgroup.as_deref()) {
            (MeetingKind::Board, None) => None,
            (MeetingKind::Board, Some(_)) => {
                return Err(StoreError::invalid(
                    "a board meeting is the whole board's: name a sub-group only for a \
                     sub-group meeting",
                ));
            }
            (MeetingKind::Subgroup, None) => {
                return Err(StoreError::invalid("say which sub-group met"));
            }
            (MeetingKind::Subgroup, Some(name)) => {
                Some(*subgroups.get(&name.trim().to_lowercase()).ok_or_else(|| {
                    let mut names: Vec<&str> = subgroups.keys().map(String::as_str).collect();
                    names.sort_unstable();
                    StoreError::invalid(format!(
                        "\"{name}\" is not one of the partnership's sub-groups ({})",
                        names.join(", ")
                    ))
                })?)
            }
        };
        let kind = codec::meeting_kind(m.kind);
        let date = codec::date_text(m.date);
        let row = sqlx::query(
            "SELECT COALESCE(MAX(position) + 1, 0) AS next FROM meetings WHERE partnership_id = $1",
        )
        .bind(w.pid)
        .fetch_one(&mut *w.tx)
        .await?;
        let next: i64 = row.try_get("next")?;
        let same = sqlx::query(
            "SELECT 1 AS one FROM meetings WHERE partnership_id = $1 AND date = $2 AND kind = $3
             AND COALESCE(subgroup_id, -1) = $4",
        )
        .bind(w.pid)
        .bind(date.as_str())
        .bind(kind)
        .bind(subgroup.unwrap_or(-1))
        .fetch_optional(&mut *w.tx)
        .await?;
        let key = format!(
            "{date} {kind}{}",
            m.subgroup
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default()
        );
        if same.is_some() {
            return Err(StoreError::Conflict {
                what: format!("the meeting {key} is already recorded"),
            });
        }
        let row = sqlx::query(
            "INSERT INTO meetings (partnership_id, position, date, kind, subgroup_id, recorded_at,
                 starts_at, place)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(w.pid)
        .bind(next)
        .bind(date.as_str())
        .bind(kind)
        .bind(subgroup)
        .bind(w.at.as_str())
        .bind(time)
        .bind(place)
        .fetch_one(&mut *w.tx)
        .await?;
        let id: i64 = row.try_get("id")?;
        w.log.created("meeting", key, m)?;
        w.commit().await?;
        Ok(id)
    }

    /// The meetings of partnership `slug` recorded by `at`, in the order they were recorded.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn meetings(&self, slug: &str, at: jiff::Timestamp) -> Result<Vec<Meeting>> {
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let names: HashMap<i64, String> = partnership_read::subgroups(&mut tx, pid)
            .await?
            .into_iter()
            .map(|(id, s)| (id, s.name))
            .collect();
        let meetings = partnership_read::meetings(&mut tx, pid, &names, &at_text(at)).await?;
        tx.commit().await?;
        Ok(meetings)
    }
}
