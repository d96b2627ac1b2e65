//! Reading a label's words into a due date, period or recurrence, in the order that keeps
//! each form from being mistaken for another (numeric dates before financial years, ranges of
//! months before single months).

use jiff::civil::Date;

use super::words::{
    Numeric, day_of, financial_years_of, last_day_of_month, month_number, numeric_date,
    split_month_words, year_after_month, year_of,
};
use super::{Period, Recurrence, Timescale};

/// "To be confirmed", "Date TBC": the board has not set the date yet.
pub(super) fn to_be_confirmed(lower: &str) -> bool {
    ["to be confirmed", "to be determined", "to be arranged"]
        .iter()
        .any(|p| lower.contains(p))
        || lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| matches!(w, "tbc" | "tba" | "tbd"))
}

/// Fill `t` from the label's words; the warning, if any, names the label.
pub(super) fn read_words(
    t: &mut Timescale,
    lower: &str,
    words: &[&str],
    plan: Option<Period>,
) -> Option<String> {
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
            // The years written with it bound it; else the plan's period, a guess. Due at the
            // period's end, repeating each cycle.
            match words.iter().find_map(|w| financial_years(w)) {
                Some(p) => t.period = Some(p),
                None => {
                    t.period = plan;
                    t.inferred = true;
                }
            }
            t.due = t.period.map(|p| p.end);
        }
        return None;
    }

    if to_be_confirmed(lower) {
        // Not a due date until the board confirms it, even with a date written beside it.
        let mut probe = Timescale::unread(&t.label);
        read_dates(&mut probe, lower, words, plan);
        return probe.due.map(|d| {
            format!(
                "the timescale \"{}\" names a date ({d}) but says it is to be confirmed; no due date was set: give the date once it is agreed.",
                t.label
            )
        });
    }
    read_dates(t, lower, words, plan)
}

/// "2012/13" and "2018/19/20": the financial years from the first's April to the last's March.
fn financial_years(word: &str) -> Option<Period> {
    let (first, last) = financial_years_of(word)?;
    Period::new(
        Period::financial_year(first)?.start,
        Period::financial_year(last)?.end,
    )
    .ok()
}

fn impossible(label: &str, written: &str, nearest: Option<Date>) -> String {
    let hint = nearest
        .map(|n| format!(" (that month ends on {n})"))
        .unwrap_or_default();
    let what = if label.eq_ignore_ascii_case(written) {
        format!("the timescale \"{label}\"")
    } else {
        format!("the timescale \"{label}\": \"{written}\"")
    };
    format!("{what} is not a real date{hint}, so it gives no due date: correct it.")
}

fn read_dates(
    t: &mut Timescale,
    lower: &str,
    words: &[&str],
    plan: Option<Period>,
) -> Option<String> {
    // "30/06/07", "30.11.16", "2012-04-30": day first unless the year is. The latest of
    // several is the due date; a day that does not exist is never guessed.
    let mut latest: Option<Date> = None;
    for w in words {
        match numeric_date(w) {
            Some(Numeric::Day(d)) => latest = latest.max(Some(d)),
            Some(Numeric::Impossible(nearest)) => return Some(impossible(&t.label, w, nearest)),
            None => {}
        }
    }
    if latest.is_some() {
        t.due = latest;
        return None;
    }

    // "financial year 2012/13", "Training Plan 2010-11", "2010/11".
    if let Some(p) = words.iter().find_map(|w| financial_years(w)) {
        t.period = Some(p);
        t.due = Some(p.end);
        return None;
    }

    // "June/July 2012": a range of months, due at the end of the later one, to be checked.
    for (i, w) in words.iter().enumerate() {
        if let Some((a, b)) = w.split_once(['/', '-', '–'])
            && let (Some(m1), Some(m2)) = (month_number(a), month_number(b))
            && let Some(y) = words
                .iter()
                .find_map(|w| year_of(w))
                .or_else(|| words.get(i + 1).and_then(|n| year_after_month(n)))
            && let (Ok(start), Some(end)) = (Date::new(y, m1, 1), last_day_of_month(y, m2))
            && let Ok(p) = Period::new(start, end)
        {
            t.period = Some(p);
            t.due = Some(end);
            t.inferred = true;
            return Some(format!(
                "the timescale \"{}\" names two months; it was read as due at the end of the later one, {end}: check it.",
                t.label
            ));
        }
    }

    // "September 2009", "Sept 07", "Sep-07", "by April 2012", "31 March 2010",
    // "31-Mar-13", "March 15, 2013", "March 2015 as per training strategy".
    let split = split_month_words(words);
    for (i, w) in split.iter().enumerate() {
        let Some(m) = month_number(w) else { continue };
        let next = split.get(i + 1);
        let after = split.get(i + 2).and_then(|n| year_of(n));
        let (day_after, y) = match (next.and_then(|n| day_of(n)), after) {
            (Some(d), Some(y)) => (Some(d), y),
            _ => match next.and_then(|n| year_after_month(n)) {
                Some(y) => (None, y),
                None => continue,
            },
        };
        let day_before = i
            .checked_sub(1)
            .and_then(|j| split.get(j))
            .and_then(|d| day_of(d));
        t.due = match day_after.or(day_before) {
            Some(d) => match Date::new(y, m, d) {
                Ok(due) => Some(due),
                Err(_) => {
                    let written = format!("{d} {w} {y}");
                    return Some(impossible(&t.label, &written, last_day_of_month(y, m)));
                }
            },
            None => last_day_of_month(y, m),
        };
        if t.due.is_some() {
            return None;
        }
    }

    // "end of the financial year", "by the end of the year": the plan's own end.
    if lower.contains("end of the")
        && (lower.contains("year") || lower.contains("plan"))
        && let Some(p) = plan
    {
        t.due = Some(p.end);
        t.inferred = true;
        return None;
    }

    // A bare year: "2010" → the end of that calendar year, a guess.
    if let Some(y) = words.iter().find_map(|w| year_of(w)) {
        t.due = Date::new(y, 12, 31).ok();
        t.inferred = true;
    }
    None
}
