//! Dates, numbers and counts in the words a report prints: "14 October 2009", "1,234.5",
//! "3 actions". One place, so every format writes them the same way.

use domain::Date;

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "14 October 2009".
pub fn date(d: Date) -> String {
    let month = MONTHS
        .get(usize::try_from(d.month() - 1).unwrap_or(0))
        .copied()
        .unwrap_or("");
    format!("{} {month} {}", d.day(), d.year())
}

/// `value` with `decimals` places and thousands separated by commas: "1,234.5".
pub fn number(value: f64, decimals: u8) -> String {
    let text = format!("{:.*}", usize::from(decimals), value.abs());
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w.to_owned(), Some(f.to_owned())),
        None => (text, None),
    };
    let mut grouped = String::with_capacity(whole.len() + whole.len() / 3);
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if value < 0.0 && text_is_nonzero(&grouped, fraction.as_deref()) {
        "-"
    } else {
        ""
    };
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

fn text_is_nonzero(whole: &str, fraction: Option<&str>) -> bool {
    whole
        .chars()
        .chain(fraction.unwrap_or("").chars())
        .any(|c| c.is_ascii_digit() && c != '0')
}

/// "1 action", "3 actions".
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A whole-number percentage of `part` in `whole`: "43%"; "0%" of nothing.
pub fn percent(part: usize, whole: usize) -> String {
    if whole == 0 {
        return "0%".to_owned();
    }
    format!("{}%", (part as f64 * 100.0 / whole as f64).round())
}

/// Letters and digits lower-cased, anything else a single hyphen: safe as an id or anchor.
pub fn slug(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(c.to_ascii_lowercase());
        } else if !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_matches('-');
    if id.is_empty() {
        "x".to_owned()
    } else {
        id.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_day_month_year_in_words() {
        assert_eq!(date("2009-10-04".parse().unwrap()), "4 October 2009");
    }

    #[test]
    fn numbers_group_thousands_and_keep_their_decimals() {
        assert_eq!(number(1234.5, 1), "1,234.5");
        assert_eq!(number(1234567.0, 0), "1,234,567");
        assert_eq!(number(12.0, 0), "12");
        assert_eq!(number(-0.04, 1), "0.0");
        assert_eq!(number(-2500.25, 2), "-2,500.25");
    }

    #[test]
    fn counts_and_percentages_read_as_english() {
        assert_eq!(count(1, "action", "actions"), "1 action");
        assert_eq!(count(0, "action", "actions"), "0 actions");
        assert_eq!(percent(1, 3), "33%");
        assert_eq!(percent(0, 0), "0%");
    }

    #[test]
    fn slugs_are_safe_ids() {
        assert_eq!(slug("Objective 4: Ofsted & C&D"), "objective-4-ofsted-c-d");
        assert_eq!(slug("!!"), "x");
    }
}
