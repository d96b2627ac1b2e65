//! The statutory clocks on a case review, from its dates: when each step is due, and whether
//! it was met, is still running or is overdue on a given day.

use jiff::civil::Date;
use serde::Serialize;

use super::bank_holidays::{working_days_after, working_days_between};
use super::case_reviews::CaseReviewKind;

/// The working days a rapid review has from the notification of the serious incident.
pub const RAPID_REVIEW_WORKING_DAYS: u32 = 15;

/// Where a clock stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockState {
    /// Done on or before the day it was due.
    Met,
    /// Done, but after the day it was due.
    Missed,
    /// Not done, and not yet due.
    Running,
    /// Not done, and past the day it was due.
    Overdue,
}

/// One statutory clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clock {
    /// What must be done ("Rapid review").
    pub what: &'static str,
    /// Where the rule comes from.
    pub rule: &'static str,
    pub due: Date,
    /// When it was done, if it was.
    pub done: Option<Date>,
    pub state: ClockState,
    /// Days late (missed, overdue) or left (running: working days for a working-day clock).
    pub days: i64,
}

impl Clock {
    /// The clock in a sentence: "Rapid review due 29 Apr 2009: met (27 Apr 2009)."
    pub fn sentence(&self) -> String {
        let day = |d: Date| d.strftime("%-d %b %Y").to_string();
        let state = match (self.state, self.done) {
            (ClockState::Met, Some(d)) => format!("met ({})", day(d)),
            (ClockState::Missed, Some(d)) => {
                format!("missed: done {} days late ({})", self.days, day(d))
            }
            (ClockState::Running, _) => format!("{} days left", self.days),
            (ClockState::Overdue, _) => format!("overdue by {} days", self.days),
            (_, None) => String::new(),
        };
        format!("{} due {}: {state}.", self.what, day(self.due))
    }
}

/// The clocks on a review of `kind` with these dates, as they stand on `today`. A kind with
/// no statutory clock (a learning review, a safeguarding adults review) has none.
pub fn clocks(
    kind: CaseReviewKind,
    notified: Date,
    decided: Option<Date>,
    published: Option<Date>,
    today: Date,
) -> Vec<Clock> {
    let six_months = |from: Date| from.saturating_add(jiff::Span::new().months(6));
    match kind {
        CaseReviewKind::RapidReview => {
            let due = working_days_after(notified, RAPID_REVIEW_WORKING_DAYS);
            // Counted in working days while it runs, as the rule is.
            let left = i64::from(working_days_between(today, due));
            vec![clock(
                "Rapid review",
                "Working Together to Safeguard Children 2023, chapter 5: a rapid review within 15 working days of the serious incident notification (bank holidays of England and Wales not counted)",
                due,
                decided,
                today,
                left,
            )]
        }
        CaseReviewKind::ChildSafeguardingPracticeReview => decided
            .map(|d| {
                let due = six_months(d);
                clock(
                    "Publication",
                    "Working Together to Safeguard Children 2023, chapter 5: a local child safeguarding practice review completed and published within six months of the decision to undertake it",
                    due,
                    published,
                    today,
                    days(today, due),
                )
            })
            .into_iter()
            .collect(),
        CaseReviewKind::SeriousCaseReview => decided
            .map(|d| {
                let due = six_months(d);
                clock(
                    "Completion",
                    "Working Together to Safeguard Children 2015, chapter 4: a serious case review completed within six months of its initiation",
                    due,
                    published,
                    today,
                    days(today, due),
                )
            })
            .into_iter()
            .collect(),
        CaseReviewKind::DomesticHomicideReview => decided
            .map(|d| {
                let due = six_months(d);
                clock(
                    "Overview report",
                    "Multi-agency statutory guidance for the conduct of domestic homicide reviews (2016): the overview report within six months of the decision to hold the review",
                    due,
                    published,
                    today,
                    days(today, due),
                )
            })
            .into_iter()
            .collect(),
        CaseReviewKind::LearningReview | CaseReviewKind::SafeguardingAdultsReview => Vec::new(),
    }
}

fn days(from: Date, to: Date) -> i64 {
    (to - from).get_days().into()
}

fn clock(
    what: &'static str,
    rule: &'static str,
    due: Date,
    done: Option<Date>,
    today: Date,
    left: i64,
) -> Clock {
    let (state, days) = match done {
        Some(d) if d <= due => (ClockState::Met, 0),
        Some(d) => (ClockState::Missed, days(due, d)),
        None if today <= due => (ClockState::Running, left),
        None => (ClockState::Overdue, days(due, today)),
    };
    Clock {
        what,
        rule,
        due,
        done,
        state,
        days,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_rapid_review_is_due_fifteen_working_days_after_notification() {
        let notified = date(2009, 4, 6);
        let c = &clocks(
            CaseReviewKind::RapidReview,
            notified,
            None,
            None,
            date(2009, 4, 27),
        )[0];
        assert_eq!(c.due, date(2009, 4, 29));
        assert_eq!((c.state, c.days), (ClockState::Running, 2));
        let c = &clocks(
            CaseReviewKind::RapidReview,
            notified,
            None,
            None,
            date(2009, 5, 4),
        )[0];
        assert_eq!((c.state, c.days), (ClockState::Overdue, 5));
        let done = Some(date(2009, 4, 28));
        let c = &clocks(
            CaseReviewKind::RapidReview,
            notified,
            done,
            None,
            date(2010, 1, 1),
        )[0];
        assert_eq!(c.state, ClockState::Met);
        assert_eq!(
            c.sentence(),
            "Rapid review due 29 Apr 2009: met (28 Apr 2009)."
        );
    }

    #[test]
    fn a_practice_review_has_six_months_from_its_decision_and_a_learning_review_no_clock() {
        let c = clocks(
            CaseReviewKind::ChildSafeguardingPracticeReview,
            date(2009, 5, 1),
            Some(date(2009, 5, 20)),
            Some(date(2009, 12, 1)),
            date(2010, 3, 31),
        );
        assert_eq!(c[0].due, date(2009, 11, 20));
        assert_eq!((c[0].state, c[0].days), (ClockState::Missed, 11));
        let none = clocks(
            CaseReviewKind::ChildSafeguardingPracticeReview,
            date(2009, 5, 1),
            None,
            None,
            date(2010, 3, 31),
        );
        assert!(none.is_empty(), "no decision yet, no clock");
        assert!(
            clocks(
                CaseReviewKind::LearningReview,
                date(2009, 5, 1),
                None,
                None,
                date(2010, 1, 1)
            )
            .is_empty()
        );
    }
}
