//! Attendance over a period: for each agency and each person, of the meetings they should
//! have attended, how many they attended or were represented at.
//!
//! An agency is expected at a meeting when any of its people is; it attended when any of its
//! expected people filled their seat (in person or by deputy): one representative is what
//! the board asks of an agency.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One person expected at one meeting, and whether their seat was filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub meeting: i64,
    pub person: String,
    pub agency: Option<String>,
    pub attended: bool,
}

/// Of `expected` meetings, `attended` attended or represented.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Share {
    pub name: String,
    pub expected: u32,
    pub attended: u32,
}

impl Share {
    /// The share in whole per cent, rounded half up; none of none is 100 (nothing missed).
    pub fn percent(&self) -> u32 {
        if self.expected == 0 {
            return 100;
        }
        (self.attended * 200 + self.expected) / (self.expected * 2)
    }

    /// Whether the share falls below `threshold` per cent.
    pub fn below(&self, threshold: u32) -> bool {
        self.percent() < threshold
    }
}

/// Attendance over a period, by agency and by person, each by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    /// How many meetings (with attendance recorded) the period holds.
    pub meetings: u32,
    pub agencies: Vec<Share>,
    pub people: Vec<Share>,
}

impl Tally {
    /// Count `rows` (one per person expected at a meeting).
    pub fn count(rows: &[Expected]) -> Self {
        let mut meetings = std::collections::BTreeSet::new();
        let mut people: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
        // Per agency, per meeting: whether any of its people filled a seat.
        let mut agency_meetings: BTreeMap<&str, BTreeMap<i64, bool>> = BTreeMap::new();
        for r in rows {
            meetings.insert(r.meeting);
            let p = people.entry(&r.person).or_default();
            p.0 += 1;
            p.1 += u32::from(r.attended);
            if let Some(a) = &r.agency {
                let seen = agency_meetings
                    .entry(a)
                    .or_default()
                    .entry(r.meeting)
                    .or_default();
                *seen |= r.attended;
            }
        }
        let share = |name: &str, expected: u32, attended: u32| Share {
            name: name.to_string(),
            expected,
            attended,
        };
        Tally {
            meetings: meetings.len() as u32,
            agencies: agency_meetings
                .iter()
                .map(|(a, m)| {
                    let attended = m.values().filter(|v| **v).count() as u32;
                    share(a, m.len() as u32, attended)
                })
                .collect(),
            people: people.iter().map(|(p, (e, a))| share(p, *e, *a)).collect(),
        }
    }

    /// The agencies whose share falls below `threshold` per cent.
    pub fn below(&self, threshold: u32) -> Vec<&Share> {
        self.agencies
            .iter()
            .filter(|s| s.below(threshold))
            .collect()
    }
}

/// The year up to and including `to`: the period attendance is read over unless one is given.
pub fn year_to(to: jiff::civil::Date) -> (jiff::civil::Date, jiff::civil::Date) {
    let from = to
        .checked_sub(jiff::Span::new().years(1))
        .and_then(|d| d.tomorrow())
        .unwrap_or(to);
    (from, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(meeting: i64, person: &str, agency: &str, attended: bool) -> Expected {
        Expected {
            meeting,
            person: person.into(),
            agency: Some(agency.into()),
            attended,
        }
    }

    #[test]
    fn an_agency_counts_once_a_meeting_when_any_of_its_people_came() {
        let t = Tally::count(&[
            row(1, "Ann", "Police", true),
            row(1, "Bob", "Police", false),
            row(2, "Ann", "Police", false),
            row(2, "Bob", "Police", false),
            row(1, "Cat", "Health", true),
            row(2, "Cat", "Health", true),
            row(3, "Cat", "Health", true),
        ]);
        assert_eq!(t.meetings, 3);
        assert_eq!(
            t.agencies[1],
            Share {
                name: "Police".into(),
                expected: 2,
                attended: 1
            }
        );
        assert_eq!(t.agencies[1].percent(), 50);
        assert_eq!(t.agencies[0].percent(), 100);
        assert_eq!(
            t.people[1],
            Share {
                name: "Bob".into(),
                expected: 2,
                attended: 0
            }
        );
        let low: Vec<&str> = t.below(75).iter().map(|s| s.name.as_str()).collect();
        assert_eq!(low, ["Police"]);
    }

    #[test]
    fn a_share_rounds_half_up_and_nothing_expected_is_nothing_missed() {
        let s = |expected, attended| Share {
            name: String::new(),
            expected,
            attended,
        };
        assert_eq!(s(3, 2).percent(), 67);
        assert_eq!(s(8, 1).percent(), 13);
        assert_eq!(s(0, 0).percent(), 100);
        assert!(s(4, 2).below(75) && !s(4, 3).below(75));
    }

    #[test]
    fn the_default_period_is_the_year_up_to_a_day() {
        let (from, to) = year_to("2010-03-31".parse().unwrap());
        assert_eq!(
            (from.to_string(), to.to_string()),
            ("2009-04-01".into(), "2010-03-31".into())
        );
    }
}
