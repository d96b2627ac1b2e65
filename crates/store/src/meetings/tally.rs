//! Attendance over a period: who should have been at each meeting whose attendance is
//! recorded, and whether their seat was filled, counted by `domain::meetings::Tally`.
//!
//! Who should have been there: at a board meeting, the board's voting members (chair,
//! vice-chair, members and lay members) in their term on the day; at a sub-group's, its
//! members; at either, anyone whose attendance was recorded. Someone expected but not
//! recorded at a meeting that has a record was absent.

use std::collections::{HashMap, HashSet};

use domain::meetings::{Attendance, Expected, Tally};
use domain::{BoardRole, Date};
use serde::Serialize;
use sqlx::Row;

use crate::codec;
use crate::error::{Result, StoreError};
use crate::{Store, scope};

use super::settings;

/// Attendance from `from` to `to`, and the threshold the board flags agencies below.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttendanceReport {
    pub from: Date,
    pub to: Date,
    pub threshold: u32,
    #[serde(flatten)]
    pub tally: Tally,
    /// Each person's agency, by name.
    pub agency_of: HashMap<String, String>,
}

/// A meeting's date, its sub-group (none for the board's) and the seats recorded, by person.
type Held = (String, Option<i64>, HashMap<i64, Attendance>);

struct PersonRow {
    name: String,
    agency: Option<String>,
    voting: bool,
    appointed: Option<String>,
    term_ends: Option<String>,
}

impl Store {
    /// Attendance at partnership `slug`'s meetings from `from` to `to`, both days included.
    #[tracing::instrument(skip_all, fields(partnership = slug))]
    pub async fn attendance(&self, slug: &str, from: Date, to: Date) -> Result<AttendanceReport> {
        if to < from {
            return Err(StoreError::invalid(format!(
                "the period ends ({to}) before it starts ({from}): give --from before --to"
            )));
        }
        let (f, t) = (codec::date_text(from), codec::date_text(to));
        let mut tx = self.begin_read().await?;
        let pid = scope::require_partnership(&mut tx, slug).await?;
        let threshold = settings::read(&mut tx, pid).await?.attendance_threshold;
        let people = sqlx::query(
            "SELECT p.id, p.name, a.name AS agency, p.board_role, p.appointed, p.term_ends
             FROM people p
             LEFT JOIN agencies a ON a.partnership_id = p.partnership_id AND a.id = p.agency_id
             WHERE p.partnership_id = $1",
        )
        .bind(pid)
        .fetch_all(&mut *tx)
        .await?;
        let mut by_id = HashMap::new();
        for r in &people {
            let role: String = r.try_get("board_role")?;
            let role: BoardRole = role
                .parse()
                .map_err(|e: domain::InvalidValue| StoreError::invalid(e.problem))?;
            by_id.insert(
                r.try_get::<i64, _>("id")?,
                PersonRow {
                    name: r.try_get("name")?,
                    agency: r.try_get("agency")?,
                    voting: matches!(
                        role,
                        BoardRole::Chair
                            | BoardRole::ViceChair
                            | BoardRole::Member
                            | BoardRole::LayMember
                    ),
                    appointed: r.try_get("appointed")?,
                    term_ends: r.try_get("term_ends")?,
                },
            );
        }
        let members = sqlx::query(
            "SELECT subgroup_id, person_id FROM subgroup_members WHERE partnership_id = $1",
        )
        .bind(pid)
        .fetch_all(&mut *tx)
        .await?;
        let members = crate::sql::grouped(&members, "subgroup_id", |r| {
            Ok(r.try_get::<i64, _>("person_id")?)
        })?;
        let rows = sqlx::query(
            "SELECT m.id, m.date, m.subgroup_id, t.person_id, t.status
             FROM meetings m JOIN attendance t ON t.partnership_id = m.partnership_id AND t.meeting_id = m.id
             WHERE m.partnership_id = $1 AND m.date >= $2 AND m.date <= $3",
        )
        .bind(pid)
        .bind(f.as_str())
        .bind(t.as_str())
        .fetch_all(&mut *tx)
        .await?;
        tx.commit().await?;
        let mut meetings: HashMap<i64, Held> = HashMap::new();
        for r in &rows {
            let status: String = r.try_get("status")?;
            let status: Attendance = status
                .parse()
                .map_err(|e: domain::InvalidValue| StoreError::invalid(e.problem))?;
            let m = meetings.entry(r.try_get("id")?).or_insert((
                r.try_get("date")?,
                r.try_get("subgroup_id")?,
                HashMap::new(),
            ));
            m.2.insert(r.try_get("person_id")?, status);
        }
        let mut expected = Vec::new();
        for (id, (date, subgroup, seats)) in &meetings {
            let mut who: HashSet<i64> = seats.keys().copied().collect();
            match subgroup {
                Some(s) => who.extend(members.get(s).into_iter().flatten()),
                None => who.extend(
                    by_id
                        .iter()
                        .filter(|(_, p)| {
                            p.voting
                                && p.appointed.as_deref().is_none_or(|a| a <= date.as_str())
                                && p.term_ends.as_deref().is_none_or(|e| e >= date.as_str())
                        })
                        .map(|(id, _)| *id),
                ),
            }
            for person in who {
                let Some(p) = by_id.get(&person) else {
                    continue;
                };
                expected.push(Expected {
                    meeting: *id,
                    person: p.name.clone(),
                    agency: p.agency.clone(),
                    attended: seats.get(&person).is_some_and(|a| a.counts()),
                });
            }
        }
        let agency_of = by_id
            .values()
            .filter_map(|p| Some((p.name.clone(), p.agency.clone()?)))
            .collect();
        Ok(AttendanceReport {
            from,
            to,
            threshold,
            tally: Tally::count(&expected),
            agency_of,
        })
    }
}
