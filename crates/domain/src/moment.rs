//! Which past a view reads. A board asks two questions of a past day: how things stood on it,
//! as known now (a plan imported today, with updates back-dated to the days they speak for),
//! and what had been recorded by the end of it (what the board saw that day: the minutes and
//! the change-log anchor rest on that, so it never changes afterwards).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A day to view, and whether to read it as of that day or as recorded by its end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Moment {
    /// The day the view speaks for.
    pub day: Date,
    /// Read only what had been recorded by the end of `day` (UTC); otherwise everything known
    /// now, each update by the date it speaks for.
    pub as_recorded: bool,
}

impl Moment {
    /// `day` as known now: `--as-at`.
    pub fn as_of(day: Date) -> Self {
        Self {
            day,
            as_recorded: false,
        }
    }

    /// What had been recorded by the end of `day`: `--as-recorded`.
    pub fn as_recorded(day: Date) -> Self {
        Self {
            day,
            as_recorded: true,
        }
    }

    /// The first instant after `day` (UTC); `None` past the last representable day.
    pub fn after_day(self) -> Option<jiff::Timestamp> {
        self.day
            .tomorrow()
            .ok()
            .and_then(|d| {
                d.to_datetime(jiff::civil::Time::midnight())
                    .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                    .ok()
            })
            .map(|z| z.timestamp())
    }

    /// Whether something recorded at `t` is read: anything, as of a day; by the end of the
    /// day, as recorded.
    pub fn knows(self, t: jiff::Timestamp) -> bool {
        !self.as_recorded || self.after_day().is_none_or(|e| t < e)
    }

    /// How the view names itself: "as at 15 July 2009" or "as recorded by 15 July 2009".
    pub fn phrase(self) -> &'static str {
        if self.as_recorded {
            "as recorded by"
        } else {
            "as at"
        }
    }
}

/// A bare day is read as of that day.
impl From<Date> for Moment {
    fn from(day: Date) -> Self {
        Self::as_of(day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> jiff::Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn as_recorded_reads_only_what_was_recorded_by_the_end_of_the_day() {
        let m = Moment::as_recorded(jiff::civil::date(2009, 7, 15));
        assert!(m.knows(at("2009-07-15T23:59:59Z")));
        assert!(!m.knows(at("2009-07-16T00:00:00Z")));
        assert!(!m.knows(at("2026-12-06T09:00:00Z")));
    }

    #[test]
    fn as_of_reads_everything_known_now() {
        let m = Moment::from(jiff::civil::date(2009, 7, 15));
        assert!(!m.as_recorded);
        assert!(m.knows(at("2026-12-06T09:00:00Z")));
        assert_eq!(m.phrase(), "as at");
        assert_eq!(Moment::as_recorded(m.day).phrase(), "as recorded by");
    }
}
