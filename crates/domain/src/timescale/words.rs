//! The words a timescale is made of: month names, years written with two or four digits,
//! financial years ("2012/13", "2018/19/20") and numeric dates ("30/06/07", "2012-04-30").

use jiff::civil::Date;

/// The months' names, lower case, January first (what the importers read dates with too).
pub const MONTHS: [&str; 12] = [
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

pub(super) fn month_number(word: &str) -> Option<i8> {
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

fn digits(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_ascii_digit())
}

fn all_digits(w: &str, len: usize) -> bool {
    w.len() == len && w.chars().all(|c| c.is_ascii_digit())
}

/// A year written in full: "2012".
pub(super) fn year_of(word: &str) -> Option<i16> {
    let w = digits(word);
    if all_digits(w, 4) {
        let y: i16 = w.parse().ok()?;
        (1900..=2200).contains(&y).then_some(y)
    } else {
        None
    }
}

/// A year written with two digits ("07", "'16"): 00-69 are this century, 70-99 the last.
pub(super) fn short_year_of(word: &str) -> Option<i16> {
    let w = digits(word);
    if !all_digits(w, 2) {
        return None;
    }
    let y: i16 = w.parse().ok()?;
    Some(if y < 70 { 2000 + y } else { 1900 + y })
}

/// A year after a month name: in full, or with two digits ("Sept 07").
pub(super) fn year_after_month(word: &str) -> Option<i16> {
    year_of(word).or_else(|| short_year_of(word))
}

/// The years of a run of consecutive financial years: "2010-11", "2010/11", "2012/2013",
/// "2010-2011" → (2010, 2010); "2018/19/20" → (2018, 2019). None unless each year follows
/// the one before.
pub(super) fn financial_years_of(word: &str) -> Option<(i16, i16)> {
    let w = digits(word);
    let mut parts = w.split(['-', '/', '–']);
    let first = year_of(parts.next()?)?;
    let mut last = first;
    for b in parts {
        let next = match b.len() {
            2 if b.chars().all(|c| c.is_ascii_digit()) => {
                let n = (last / 100) * 100 + b.parse::<i16>().ok()?;
                // "1999/00": the two digits roll into the next century.
                if n < last { n + 100 } else { n }
            }
            4 => year_of(b)?,
            _ => return None,
        };
        if next != last + 1 {
            return None;
        }
        last = next;
    }
    // The last financial year starts in the year before the run's last year.
    (last > first).then_some((first, last - 1))
}

pub(super) fn last_day_of_month(year: i16, month: i8) -> Option<Date> {
    Date::new(year, month, 1).ok().map(|d| d.last_of_month())
}

/// What a numeric date word gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Numeric {
    Day(Date),
    /// Written as a date, but no such day exists ("31/02/2012"); the nearest real day of
    /// that month, when the month exists, to suggest.
    Impossible(Option<Date>),
}

/// A date written in numbers: day first as UK boards write them ("30/06/07", "30.11.16",
/// "30-06-2007"), or year first ("2012-04-30").
pub(super) fn numeric_date(word: &str) -> Option<Numeric> {
    let w = digits(word);
    let sep = w.chars().find(|c| !c.is_ascii_digit())?;
    if !matches!(sep, '/' | '.' | '-') {
        return None;
    }
    let parts: Vec<&str> = w.split(sep).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return None;
    }
    let (y, m, d) = match (parts[0].len(), parts[1].len(), parts[2].len()) {
        (4, 1..=2, 1..=2) => (parts[0], parts[1], parts[2]),
        (1..=2, 1..=2, 2 | 4) => (parts[2], parts[1], parts[0]),
        _ => return None,
    };
    let year = if y.len() == 2 {
        short_year_of(y)?
    } else {
        y.parse().ok()?
    };
    let month: i8 = m.parse().ok()?;
    let day: i8 = d.parse().ok()?;
    Some(match Date::new(year, month, day) {
        Ok(date) => Numeric::Day(date),
        // "2018/19/20" is a run of financial years, not a 19th month.
        Err(_) if financial_years_of(w).is_some() => return None,
        Err(_) => Numeric::Impossible(last_day_of_month(year, month).filter(|_| day > 0)),
    })
}

/// A day of the month written before the month: "31", "1st", "22nd".
pub(super) fn day_of(word: &str) -> Option<i8> {
    let w = word.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
    (!w.is_empty() && w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
}

/// Words as a label's date is read from them: "Sep-07" and "31-Mar-13", as spreadsheets show
/// dates, become separate words; everything else is kept whole.
pub(super) fn split_month_words(words: &[&str]) -> Vec<String> {
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        let parts: Vec<&str> = w.split('-').collect();
        if parts.len() > 1
            && parts.len() <= 3
            && parts.iter().any(|p| month_number(p).is_some())
            && parts
                .iter()
                .all(|p| month_number(p).is_some() || p.chars().all(|c| c.is_ascii_digit()))
        {
            out.extend(parts.iter().map(|p| p.to_string()));
        } else {
            out.push(w.to_string());
        }
    }
    out
}
