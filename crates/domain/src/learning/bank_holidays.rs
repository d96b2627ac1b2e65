//! Bank holidays in England and Wales, and counting working days over them.
//!
//! The rule: the Banking and Financial Dealings Act 1971, Schedule 1, names Easter Monday,
//! the last Monday in May, the last Monday in August, 26 December (if not a Sunday) and
//! 27 December when 25 or 26 December is a Sunday; New Year's Day, the first Monday in May
//! and Good Friday and Christmas Day (common-law holidays) are added by royal proclamation
//! each year, as are substitute days: a fixed holiday on a Saturday or Sunday moves to the
//! next weekday that is not already a holiday. Proclamations have also moved or added days
//! (jubilees, royal weddings, a state funeral, a coronation, VE Day's 75th anniversary):
//! those are listed in [`PROCLAIMED`] and [`MOVED`].

use jiff::civil::{Date, Weekday, date};

/// One-off holidays proclaimed for a year, in addition to the usual ones.
const PROCLAIMED: [(i16, i8, i8); 7] = [
    (1999, 12, 31), // the millennium
    (2002, 6, 3),   // the Golden Jubilee
    (2011, 4, 29),  // the royal wedding
    (2012, 6, 5),   // the Diamond Jubilee
    (2022, 6, 3),   // the Platinum Jubilee
    (2022, 9, 19),  // the state funeral of Queen Elizabeth II
    (2023, 5, 8),   // the coronation of King Charles III
];

/// A day of a year, as (month, day).
type MonthDay = (i8, i8);

/// Usual holidays a proclamation moved: (year, usual day, the day it moved to).
const MOVED: [(i16, MonthDay, MonthDay); 5] = [
    (1995, (5, 1), (5, 8)),  // early May, to VE Day's 50th anniversary
    (2002, (5, 27), (6, 4)), // spring, beside the Golden Jubilee
    (2012, (5, 28), (6, 4)), // spring, beside the Diamond Jubilee
    (2020, (5, 4), (5, 8)),  // early May, to VE Day's 75th anniversary
    (2022, (5, 30), (6, 2)), // spring, beside the Platinum Jubilee
];

/// Easter Sunday of `year` (Gregorian), by the anonymous computus (Meeus/Jones/Butcher).
pub fn easter(year: i16) -> Date {
    let y = i32::from(year);
    let a = y % 19;
    let b = y / 100;
    let c = y % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // Both fit: month is 3 or 4, day 1 to 31.
    date(year, month as i8, day as i8)
}

/// The first `weekday` on or after `d`.
fn on_or_after(d: Date, weekday: Weekday) -> Date {
    let ahead = (weekday.to_monday_zero_offset() - d.weekday().to_monday_zero_offset() + 7) % 7;
    d.saturating_add(jiff::Span::new().days(i64::from(ahead)))
}

/// The last Monday of `month` in `year`.
fn last_monday(year: i16, month: i8) -> Date {
    let last = date(year, month, 1).last_of_month();
    let back = last.weekday().to_monday_zero_offset();
    last.saturating_sub(jiff::Span::new().days(i64::from(back)))
}

fn weekend(d: Date) -> bool {
    matches!(d.weekday(), Weekday::Saturday | Weekday::Sunday)
}

fn next_day(d: Date) -> Date {
    d.tomorrow().unwrap_or(d)
}

/// Every bank holiday of `year` in England and Wales, in order.
pub fn bank_holidays(year: i16) -> Vec<Date> {
    let mut days = Vec::with_capacity(10);
    // Fixed days, each moved to the next free weekday when it falls at a weekend.
    for (m, d) in [(1, 1), (12, 25), (12, 26)] {
        let mut day = date(year, m, d);
        while weekend(day) || days.contains(&day) {
            day = next_day(day);
        }
        days.push(day);
    }
    let easter = easter(year);
    days.push(easter.saturating_sub(jiff::Span::new().days(2)));
    days.push(next_day(easter));
    for usual in [
        on_or_after(date(year, 5, 1), Weekday::Monday),
        last_monday(year, 5),
        last_monday(year, 8),
    ] {
        let moved = MOVED
            .iter()
            .find(|(y, (m, d), _)| *y == year && date(year, *m, *d) == usual)
            .map(|(_, _, (m, d))| date(year, *m, *d));
        days.push(moved.unwrap_or(usual));
    }
    days.extend(
        PROCLAIMED
            .iter()
            .filter(|(y, ..)| *y == year)
            .map(|(y, m, d)| date(*y, *m, *d)),
    );
    days.sort_unstable();
    days
}

/// True on a Monday to Friday that is not a bank holiday.
pub fn is_working_day(d: Date) -> bool {
    !weekend(d) && !bank_holidays(d.year()).contains(&d)
}

/// The day `n` working days after `from` (`from` itself is not counted).
pub fn working_days_after(from: Date, n: u32) -> Date {
    let mut day = from;
    let mut left = n;
    while left > 0 {
        day = next_day(day);
        if is_working_day(day) {
            left -= 1;
        }
    }
    day
}

/// How many working days there are after `from` up to and including `to` (0 if `to` is not
/// after `from`).
pub fn working_days_between(from: Date, to: Date) -> u32 {
    let mut n = 0;
    let mut day = from;
    while day < to {
        day = next_day(day);
        if is_working_day(day) {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(list: &[(i8, i8)], year: i16) -> Vec<Date> {
        list.iter().map(|(m, d)| date(year, *m, *d)).collect()
    }

    #[test]
    fn easter_falls_on_the_published_dates() {
        for (y, m, d) in [
            (2009, 4, 12),
            (2010, 4, 4),
            (2011, 4, 24),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2038, 4, 25),
        ] {
            assert_eq!(easter(y), date(y, m, d), "{y}");
        }
    }

    #[test]
    fn the_years_bank_holidays_are_those_the_government_published() {
        let cases: [(i16, &[(i8, i8)]); 6] = [
            // Christmas on a Friday: Boxing Day (Saturday) is substituted on the Monday.
            (
                2009,
                &[
                    (1, 1),
                    (4, 10),
                    (4, 13),
                    (5, 4),
                    (5, 25),
                    (8, 31),
                    (12, 25),
                    (12, 28),
                ],
            ),
            // Christmas on a Saturday: both days move, to Monday and Tuesday.
            (
                2010,
                &[
                    (1, 1),
                    (4, 2),
                    (4, 5),
                    (5, 3),
                    (5, 31),
                    (8, 30),
                    (12, 27),
                    (12, 28),
                ],
            ),
            (
                2020,
                &[
                    (1, 1),
                    (4, 10),
                    (4, 13),
                    (5, 8),
                    (5, 25),
                    (8, 31),
                    (12, 25),
                    (12, 28),
                ],
            ),
            (
                2022,
                &[
                    (1, 3),
                    (4, 15),
                    (4, 18),
                    (5, 2),
                    (6, 2),
                    (6, 3),
                    (8, 29),
                    (9, 19),
                    (12, 26),
                    (12, 27),
                ],
            ),
            (
                2023,
                &[
                    (1, 2),
                    (4, 7),
                    (4, 10),
                    (5, 1),
                    (5, 8),
                    (5, 29),
                    (8, 28),
                    (12, 25),
                    (12, 26),
                ],
            ),
            (
                2025,
                &[
                    (1, 1),
                    (4, 18),
                    (4, 21),
                    (5, 5),
                    (5, 26),
                    (8, 25),
                    (12, 25),
                    (12, 26),
                ],
            ),
        ];
        for (year, list) in cases {
            assert_eq!(bank_holidays(year), days(list, year), "{year}");
        }
    }

    #[test]
    fn fifteen_working_days_skip_weekends_and_bank_holidays() {
        // No holiday in the way: three weeks, Monday to the Monday three weeks on.
        assert_eq!(working_days_after(date(2009, 6, 1), 15), date(2009, 6, 22));
        // Over Easter 2009 (Good Friday 10 April, Easter Monday 13 April).
        assert_eq!(working_days_after(date(2009, 4, 6), 15), date(2009, 4, 29));
        // Over Christmas and New Year 2009-10.
        assert_eq!(
            working_days_after(date(2009, 12, 18), 15),
            date(2010, 1, 13)
        );
        // A notification at a weekend counts from the Monday.
        assert_eq!(working_days_after(date(2009, 6, 6), 1), date(2009, 6, 8));
        assert_eq!(
            working_days_between(date(2009, 4, 6), date(2009, 4, 29)),
            15
        );
        assert!(!is_working_day(date(2009, 8, 31)));
        assert!(is_working_day(date(2009, 9, 1)));
    }
}
