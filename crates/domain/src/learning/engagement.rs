//! The voice of children, families and practitioners: engagement activities (with whom, how
//! many, how, what they said, what changed as a result) linked to the plan's priorities, and
//! their count per quarter of the financial year: the engagement indicator of 6.2.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::{MAX_LONG_TEXT, MAX_SHORT_TEXT, optional, required};
use crate::progress::InvalidValue;

/// One engagement activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub held_on: Date,
    /// With whom ("Children in care council", "Practitioners' forum").
    pub with_whom: String,
    /// How many took part.
    pub how_many: u32,
    /// How ("survey", "focus group", "consultation event").
    pub how: String,
    /// What they said.
    pub said: Option<String>,
    /// What changed as a result.
    pub changed: Option<String>,
    /// The plan's objectives it informs, by number.
    #[serde(default)]
    pub priorities: Vec<String>,
}

impl Activity {
    /// The activity tidied and checked; a problem names the field.
    pub fn checked(self) -> Result<Self, (&'static str, InvalidValue)> {
        let mut priorities: Vec<String> = Vec::new();
        for p in self
            .priorities
            .iter()
            .flat_map(|p| p.split(','))
            .map(str::trim)
        {
            if !p.is_empty() && !priorities.iter().any(|q| q == p) {
                priorities.push(p.to_string());
            }
        }
        Ok(Self {
            held_on: self.held_on,
            with_whom: required("with whom", &self.with_whom, MAX_SHORT_TEXT)
                .map_err(|e| ("with_whom", e))?,
            how_many: self.how_many,
            how: required("how", &self.how, MAX_SHORT_TEXT).map_err(|e| ("how", e))?,
            said: optional("what they said", self.said.as_deref(), MAX_LONG_TEXT)
                .map_err(|e| ("said", e))?,
            changed: optional("what changed", self.changed.as_deref(), MAX_LONG_TEXT)
                .map_err(|e| ("changed", e))?,
            priorities,
        })
    }
}

/// The count for one quarter of a financial year (April to March).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PeriodCount {
    /// "2009-10 Q1".
    pub period: String,
    pub start: Date,
    pub end: Date,
    pub activities: usize,
    /// How many people took part, over the activities.
    pub people: u64,
}

/// The quarter of the financial year `d` falls in: its label, first and last day.
pub fn quarter(d: Date) -> (String, Date, Date) {
    let month = d.month();
    // April to June is the first quarter of the year that starts in April.
    let (fy, q) = if month >= 4 {
        (d.year(), (month - 4) / 3 + 1)
    } else {
        (d.year() - 1, 4)
    };
    let first_month = if q == 4 { 1 } else { 4 + (q - 1) * 3 };
    let year = if q == 4 { fy + 1 } else { fy };
    let start = jiff::civil::date(year, first_month, 1);
    let end = jiff::civil::date(year, first_month + 2, 1).last_of_month();
    (format!("{fy}-{:02} Q{q}", (fy + 1) % 100), start, end)
}

/// Activities counted per quarter, oldest first; quarters without any are left out.
pub fn counts(activities: &[Activity]) -> Vec<PeriodCount> {
    let mut out: Vec<PeriodCount> = Vec::new();
    let mut sorted: Vec<&Activity> = activities.iter().collect();
    sorted.sort_by_key(|a| a.held_on);
    for a in sorted {
        let (period, start, end) = quarter(a.held_on);
        match out.last_mut() {
            Some(last) if last.period == period => {
                last.activities += 1;
                last.people += u64::from(a.how_many);
            }
            _ => out.push(PeriodCount {
                period,
                start,
                end,
                activities: 1,
                people: u64::from(a.how_many),
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn at(d: Date, n: u32) -> Activity {
        Activity {
            held_on: d,
            with_whom: "Young people".into(),
            how_many: n,
            how: "survey".into(),
            said: None,
            changed: None,
            priorities: vec![],
        }
    }

    #[test]
    fn quarters_follow_the_financial_year() {
        assert_eq!(
            quarter(date(2009, 4, 1)),
            (
                "2009-10 Q1".to_string(),
                date(2009, 4, 1),
                date(2009, 6, 30)
            )
        );
        assert_eq!(quarter(date(2009, 12, 31)).0, "2009-10 Q3");
        assert_eq!(
            quarter(date(2010, 3, 31)),
            (
                "2009-10 Q4".to_string(),
                date(2010, 1, 1),
                date(2010, 3, 31)
            )
        );
    }

    #[test]
    fn activities_are_counted_per_quarter_with_the_people_who_took_part() {
        let c = counts(&[
            at(date(2009, 11, 2), 12),
            at(date(2009, 5, 1), 30),
            at(date(2009, 6, 30), 8),
        ]);
        let got: Vec<(&str, usize, u64)> = c
            .iter()
            .map(|p| (p.period.as_str(), p.activities, p.people))
            .collect();
        assert_eq!(got, [("2009-10 Q1", 2, 38), ("2009-10 Q3", 1, 12)]);
    }

    #[test]
    fn an_activity_without_whom_names_the_field() {
        let mut a = at(date(2009, 5, 1), 3);
        a.with_whom = " ".into();
        assert_eq!(a.checked().unwrap_err().0, "with_whom");
    }
}
