//! Attendance from a file, all or nothing: each row says how one person was at one meeting
//! (found by date and body, as `meeting attend` finds it). The meetings and people named are
//! looked up once each; any row naming a meeting not recorded, someone not on the register,
//! a person twice at one meeting, or a deputy who cannot be found refuses the whole file,
//! naming the row and column. One transaction, one change-log entry per answer changed.

use std::collections::HashMap;

use domain::Date;
use domain::meetings::{AttendanceLine, attendance_heading};
use serde::Serialize;

use crate::Store;
use crate::error::{Result, StoreError};
use crate::progress::write::Stamp;

use super::find;
use super::write::attend;

/// What an attendance import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct AttendanceImported {
    /// Answers recorded or changed.
    pub recorded: usize,
    /// Answers already recorded as the file gives them.
    pub unchanged: usize,
    /// The meetings the file speaks of.
    pub meetings: usize,
}

/// A problem of row `row` in column `field`, as the whole file's refusal.
fn at_row(row: usize, field: &str, e: StoreError) -> StoreError {
    match e {
        StoreError::InvalidData { what } | StoreError::NotFound { what } => {
            StoreError::invalid(format!(
                "row {row}, column \"{}\": {}; nothing was imported",
                attendance_heading(field),
                what.trim_end_matches('.')
            ))
        }
        e => e,
    }
}

impl Store {
    /// Record the attendance `lines` give in partnership `slug`: all of it, or (naming the
    /// row and column of the first problem) none.
    #[tracing::instrument(skip_all, fields(partnership = slug, rows = lines.len()))]
    pub async fn import_meeting_attendance(
        &self,
        slug: &str,
        stamp: Stamp<'_>,
        lines: &[AttendanceLine],
    ) -> Result<AttendanceImported> {
        let mut w = self.begin_partnership_write(slug, stamp).await?;
        let mut meetings: HashMap<(Date, Option<String>), (i64, String)> = HashMap::new();
        let mut people: HashMap<String, (i64, String)> = HashMap::new();
        let mut seen: HashMap<(i64, i64), usize> = HashMap::new();
        let mut done = AttendanceImported::default();
        for l in lines {
            let body = l.subgroup.as_ref().map(|s| s.trim().to_lowercase());
            let key = (l.date, body);
            let (id, name) = match meetings.get(&key) {
                Some(m) => m.clone(),
                None => {
                    let field = if l.subgroup.is_some() {
                        "subgroup"
                    } else {
                        "date"
                    };
                    let id = find::meeting_by_date(&mut w.tx, w.pid, l.date, l.subgroup.as_deref())
                        .await
                        .map_err(|e| at_row(l.row, field, e))?;
                    let head = find::head(&mut w.tx, w.pid, id).await?;
                    meetings.insert(key, (id, head.key.clone()));
                    (id, head.key)
                }
            };
            let who = match people.get(&l.person.trim().to_lowercase()) {
                Some(p) => p.clone(),
                None => {
                    let p = find::person(&mut w.tx, w.pid, &l.person)
                        .await
                        .map_err(|e| at_row(l.row, "name", e))?;
                    people.insert(l.person.trim().to_lowercase(), p.clone());
                    p
                }
            };
            if let Some(first) = seen.insert((id, who.0), l.row) {
                return Err(at_row(
                    l.row,
                    "name",
                    StoreError::invalid(format!(
                        "{} at the meeting {name} is on row {first} too; keep one row per person \
                         per meeting",
                        who.1
                    )),
                ));
            }
            let field = if l.deputy.is_some() {
                "deputy"
            } else {
                "attendance"
            };
            let changed = attend(&mut w, id, &name, &who, l.status, l.deputy.as_deref())
                .await
                .map_err(|e| at_row(l.row, field, e))?;
            if changed {
                done.recorded += 1;
            } else {
                done.unchanged += 1;
            }
        }
        done.meetings = meetings.len();
        if done.recorded > 0 {
            w.commit().await?;
        }
        Ok(done)
    }
}
