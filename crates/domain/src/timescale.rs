//! Timescales as written ("September 2009", "Training Plan 2010-11", "Annually") and as
//! interpreted: a due date, a period, or a recurrence, marked `inferred` where it was guessed.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// An inclusive span of days, e.g. a financial year 2010-04-01 ..= 2011-03-31.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

impl Period {
    /// A period, refused when it ends before it starts.
    pub fn new(start: Date, end: Date) -> Result<Self, String> {
        if end < start {
            return Err(format!(
                "the period ends ({end}) before it starts ({start})"
            ));
        }
        Ok(Self { start, end })
    }

    /// The UK financial year that starts in April of `start_year`.
    pub fn financial_year(start_year: i16) -> Option<Self> {
        Some(Self {
            start: Date::new(start_year, 4, 1).ok()?,
            end: Date::new(start_year.checked_add(1)?, 3, 31).ok()?,
        })
    }

    pub fn contains(&self, d: Date) -> bool {
        self.start <= d && d <= self.end
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Recurrence {
    Yearly,
    Quarterly,
    Monthly,
    /// "Ongoing": no end and no cycle.
    Ongoing,
}

/// A timescale: the label exactly as written, and what Boardplan made of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timescale {
    pub label: String,
    #[serde(default)]
    pub due: Option<Date>,
    #[serde(default)]
    pub period: Option<Period>,
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
    /// True when the reading was a guess the board should confirm.
    #[serde(default)]
    pub inferred: bool,
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_number(word: &str) -> Option<i8> {
    let w = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.starts_with(&w) && (w.len() == 3 || *m == w || w == "sept"))
        .map(|i| i as i8 + 1)
}

fn year_of(word: &str) -> Option<i16> {
    let w = word.trim_matches(|c: char| !c.is_ascii_digit());
    if w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()) {
        let y: i16 = w.parse().ok()?;
        (1900..=2200).contains(&y).then_some(y)
    } else {
        None
    }
}

/// "2010-11", "2010/11", "2012/2013", "2010-2011" → 2010 when the second half is the next year.
fn financial_year_of(word: &str) -> Option<i16> {
    let w = word.trim_matches(|c: char| !c.is_ascii_digit());
    let (a, b) = w.split_once(['-', '/', '–'])?;
    let first = year_of(a)?;
    let next = match b.len() {
        2 => (first / 100) * 100 + b.parse::<i16>().ok()?,
        4 => b.parse::<i16>().ok()?,
        _ => return None,
    };
    (next == first + 1 || (b.len() == 2 && next % 100 == (first + 1) % 100)).then_some(first)
}

fn last_day_of_month(year: i16, month: i8) -> Option<Date> {
    Date::new(year, month, 1).ok().map(|d| d.last_of_month())
}

impl Timescale {
    /// A timescale with only its label: nothing could be read from it.
    pub fn unread(label: &str) -> Self {
        Self {
            label: label.trim().to_string(),
            due: None,
            period: None,
            recurrence: None,
            inferred: false,
        }
    }

    /// Read a timescale label. `plan` is the plan's period, used to anchor recurrences and
    /// relative forms ("Annually", "by the end of the financial year").
    ///
    /// The label is always kept as written; a label nothing can be read from comes back with
    /// no due date, no period and no recurrence, for the importer to report.
    pub fn parse(label: &str, plan: Option<Period>) -> Self {
        let mut t = Self::unread(label);
        let lower = t.label.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| c.is_whitespace() || c == ',' || c == '(' || c == ')')
            .filter(|w| !w.is_empty())
            .collect();

        // Recurrences first: "Annually", "Quarterly 2018/19/20", "Monthly", "Ongoing".
        let recurrence = words.iter().find_map(|w| match *w {
            "annually" | "annual" | "yearly" | "annually." => Some(Recurrence::Yearly),
            "quarterly" => Some(Recurrence::Quarterly),
            "monthly" => Some(Recurrence::Monthly),
            "ongoing" | "on-going" | "continuous" => Some(Recurrence::Ongoing),
            _ => None,
        });
        if let Some(r) = recurrence {
            t.recurrence = Some(r);
            if r != Recurrence::Ongoing {
                // Anchored on the plan's period: due at its end, repeating each cycle.
                t.period = plan;
                t.due = plan.map(|p| p.end);
                t.inferred = true;
            }
            return t;
        }

        // "financial year 2012/13", "Training Plan 2010-11", "2010/11".
        if let Some(fy) = words.iter().find_map(|w| financial_year_of(w))
            && let Some(p) = Period::financial_year(fy)
        {
            t.period = Some(p);
            t.due = Some(p.end);
            return t;
        }

        // "June/July 2012": a range of months, due at the end of the later one.
        for w in &words {
            if let Some((a, b)) = w.split_once(['/', '-', '–'])
                && let (Some(m1), Some(m2)) = (month_number(a), month_number(b))
                && let Some(y) = words.iter().find_map(|w| year_of(w))
                && let (Ok(start), Some(end)) = (Date::new(y, m1, 1), last_day_of_month(y, m2))
                && let Ok(p) = Period::new(start, end)
            {
                t.period = Some(p);
                t.due = Some(end);
                t.inferred = true;
                return t;
            }
        }

        // "September 2009", "by April 2012", "March 2015 as per training strategy",
        // "31 March 2010", "end of December 2009".
        for (i, w) in words.iter().enumerate() {
            let Some(m) = month_number(w) else { continue };
            let Some(y) = words.get(i + 1).and_then(|n| year_of(n)) else {
                continue;
            };
            let day = i.checked_sub(1).and_then(|j| words.get(j)).and_then(|d| {
                d.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
                    .parse::<i8>()
                    .ok()
            });
            t.due = match day {
                Some(d) => Date::new(y, m, d).ok(),
                None => last_day_of_month(y, m),
            };
            if t.due.is_some() {
                return t;
            }
        }

        // "end of the financial year", "by the end of the year": the plan's own end.
        if lower.contains("end of the")
            && (lower.contains("year") || lower.contains("plan"))
            && let Some(p) = plan
        {
            t.due = Some(p.end);
            t.inferred = true;
            return t;
        }

        // A bare year: "2010" → the end of that calendar year, a guess.
        if let Some(y) = words.iter().find_map(|w| year_of(w)) {
            t.due = Date::new(y, 12, 31).ok();
            t.inferred = true;
        }
        t
    }

    /// True when nothing could be read from the label.
    pub fn is_unread(&self) -> bool {
        self.due.is_none() && self.period.is_none() && self.recurrence.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn plan_0910() -> Option<Period> {
        Period::financial_year(2009)
    }

    #[test]
    fn a_month_and_year_is_due_on_the_last_day_of_that_month() {
        assert_eq!(
            Timescale::parse("September 2009", None).due,
            Some(d("2009-09-30"))
        );
        assert_eq!(
            Timescale::parse("December 2009", None).due,
            Some(d("2009-12-31"))
        );
        assert_eq!(
            Timescale::parse("February 2012", None).due,
            Some(d("2012-02-29"))
        );
        assert!(!Timescale::parse("September 2009", None).inferred);
    }

    #[test]
    fn a_financial_year_inside_other_words_is_due_at_its_end() {
        let t = Timescale::parse("Training Plan 2010-11", plan_0910());
        assert_eq!(t.due, Some(d("2011-03-31")));
        assert_eq!(t.period, Period::financial_year(2010));
        assert_eq!(t.label, "Training Plan 2010-11");
        let t = Timescale::parse(
            "Training programme to run across financial year 2012/13",
            None,
        );
        assert_eq!(t.due, Some(d("2013-03-31")));
    }

    #[test]
    fn annually_is_an_inferred_yearly_recurrence_anchored_on_the_plan() {
        let t = Timescale::parse("Annually", plan_0910());
        assert_eq!(t.recurrence, Some(Recurrence::Yearly));
        assert!(t.inferred);
        assert_eq!(t.period, plan_0910());
        assert_eq!(t.due, Some(d("2010-03-31")));
    }

    #[test]
    fn prose_with_a_date_inside_is_read() {
        assert_eq!(
            Timescale::parse("Strategy agreed and in place by April 2012", None).due,
            Some(d("2012-04-30"))
        );
        assert_eq!(
            Timescale::parse("September 2014 (website permitting)", None).due,
            Some(d("2014-09-30"))
        );
        assert_eq!(
            Timescale::parse("March 2015 as per training strategy", None).due,
            Some(d("2015-03-31"))
        );
        assert_eq!(
            Timescale::parse("31 March 2010", None).due,
            Some(d("2010-03-31"))
        );
    }

    #[test]
    fn a_range_of_months_is_an_inferred_period() {
        let t = Timescale::parse("to be received in June/July 2012", None);
        assert_eq!(
            t.period,
            Some(Period::new(d("2012-06-01"), d("2012-07-31")).unwrap())
        );
        assert_eq!(t.due, Some(d("2012-07-31")));
        assert!(t.inferred);
    }

    #[test]
    fn ongoing_and_quarterly_are_recurrences() {
        assert_eq!(
            Timescale::parse("Ongoing", None).recurrence,
            Some(Recurrence::Ongoing)
        );
        assert_eq!(Timescale::parse("Ongoing", None).due, None);
        assert_eq!(
            Timescale::parse("Quarterly 2018/19/20", None).recurrence,
            Some(Recurrence::Quarterly)
        );
    }

    #[test]
    fn the_end_of_the_financial_year_is_the_plans_end() {
        let t = Timescale::parse("by the end of the financial year", plan_0910());
        assert_eq!(t.due, Some(d("2010-03-31")));
        assert!(t.inferred);
    }

    #[test]
    fn a_label_with_no_date_is_kept_unread() {
        let t = Timescale::parse("As per strategy and action plan", None);
        assert!(t.is_unread());
        assert_eq!(t.label, "As per strategy and action plan");
        assert!(Timescale::parse("", None).is_unread());
    }

    #[test]
    fn a_period_that_ends_before_it_starts_is_refused() {
        assert!(Period::new(d("2010-01-01"), d("2009-01-01")).is_err());
    }

    #[test]
    fn a_timescale_serialises_its_dates_as_iso_text() {
        let t = Timescale::parse("September 2009", None);
        let json = serde_json::to_value(&t).unwrap();
        assert_eq!(json["due"], "2009-09-30");
        assert_eq!(json["label"], "September 2009");
    }
}
