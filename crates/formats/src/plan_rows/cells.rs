//! Reading one cell's text: a date, a list, review codes.

use domain::Date;

/// A date cell: `YYYY-MM-DD`, or the UK `DD/MM/YYYY` that Excel writes when it saves a CSV.
/// An error gives the problem and the fix, with the nearest real date as an example.
pub(super) fn read_date(text: &str) -> Result<Option<Date>, (String, String)> {
    if text.is_empty() {
        return Ok(None);
    }
    let parts = split3(text, '-')
        .filter(|(y, _, d)| y.len() == 4 && d.len() <= 2)
        .or_else(|| {
            split3(text, '/')
                .filter(|(d, _, y)| d.len() <= 2 && y.len() == 4)
                .map(|(d, m, y)| (y, m, d))
        })
        .and_then(|(y, m, d)| {
            Some((
                y.parse::<i16>().ok()?,
                m.parse::<i8>().ok()?,
                d.parse::<i8>().ok()?,
            ))
        });
    let Some((year, month, day)) = parts else {
        return Err((
            format!("\"{text}\" is not a date."),
            "Write dates as YYYY-MM-DD, e.g. 2010-03-31, or leave the cell empty.".into(),
        ));
    };
    if let Ok(date) = Date::new(year, month, day) {
        return Ok(Some(date));
    }
    let nearest = Date::new(year, month, 1).ok().map(|d| d.last_of_month());
    match nearest {
        Some(last) if day > last.day() => Err((
            format!(
                "\"{text}\" is not a date: {} {year} has no day {day}.",
                month_name(month)
            ),
            format!("Write dates as {last}."),
        )),
        _ => Err((
            format!("\"{text}\" is not a date."),
            "Write dates as YYYY-MM-DD, e.g. 2010-03-31, or leave the cell empty.".into(),
        )),
    }
}

/// Three runs of one or two (or four) digits separated by `sep`, e.g. "2010-02-28".
fn split3(text: &str, sep: char) -> Option<(&str, &str, &str)> {
    let mut parts = text.split(sep).map(str::trim);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |p: &str| !p.is_empty() && p.len() <= 4 && p.chars().all(|ch| ch.is_ascii_digit());
    (parts.next().is_none() && digits(a) && digits(b) && b.len() <= 2 && digits(c))
        .then_some((a, b, c))
}

fn month_name(month: i8) -> &'static str {
    const NAMES: [&str; 12] = [
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
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| NAMES.get(i))
        .copied()
        .unwrap_or("that month")
}

/// The non-empty, trimmed items of a cell split at any of `seps`.
pub(super) fn split_list<'a>(
    cell: &'a str,
    seps: &'a [char],
) -> impl Iterator<Item = &'a str> + 'a {
    cell.split(seps).map(str::trim).filter(|s| !s.is_empty())
}

/// Review codes from a "Sources" cell, spelt as the review spells them ("c&d" → "C&D"). "C&D PR"
/// is read as two codes when both are codes. A code no review has is kept for validation to
/// name.
pub(super) fn read_codes(cell: &str, codes: &[&str]) -> Vec<String> {
    let known = |piece: &str| {
        codes
            .iter()
            .find(|c| c.eq_ignore_ascii_case(piece))
            .map(|c| c.to_string())
    };
    let mut out = Vec::new();
    for piece in split_list(cell, &[',', ';']) {
        if let Some(code) = known(piece) {
            out.push(code);
        } else if let Some(each) = piece
            .split_whitespace()
            .map(known)
            .collect::<Option<Vec<_>>>()
        {
            out.extend(each);
        } else {
            out.push(piece.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_iso_date_and_a_uk_date_are_read() {
        let d: Date = "2010-02-28".parse().unwrap();
        assert_eq!(read_date("2010-02-28"), Ok(Some(d)));
        assert_eq!(read_date("28/02/2010"), Ok(Some(d)));
        assert_eq!(read_date(""), Ok(None));
    }

    #[test]
    fn an_impossible_date_suggests_the_last_day_of_its_month() {
        let (problem, fix) = read_date("31/02/2010").unwrap_err();
        assert_eq!(
            problem,
            "\"31/02/2010\" is not a date: February 2010 has no day 31."
        );
        assert_eq!(fix, "Write dates as 2010-02-28.");
        let (_, fix) = read_date("2009-09-31").unwrap_err();
        assert_eq!(fix, "Write dates as 2009-09-30.");
    }

    #[test]
    fn text_that_is_no_date_asks_for_iso_dates() {
        let (problem, fix) = read_date("next March").unwrap_err();
        assert_eq!(problem, "\"next March\" is not a date.");
        assert!(fix.contains("YYYY-MM-DD"));
        assert!(read_date("2010-13-01").is_err());
    }
}
