//! A case is named in an audit by a pseudonymous reference only ("Child A", "C-2024-017").
//! Anything that looks like it could identify a child is refused with the reason: a name
//! (two capitalised words), a date (a date of birth is the usual slip, so any date), or an
//! address (a house number before street words, or a postcode). The checks err on the side
//! of refusing: a board can always choose another reference.

use crate::progress::InvalidValue;

/// The longest reference kept.
pub const MAX_REFERENCE_CHARS: usize = 40;

/// Months as written in full or cut short; not any word that starts like one ("Mary").
const MONTHS: [&str; 24] = [
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
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const STREET_WORDS: [&str; 28] = [
    "road", "rd", "street", "st", "avenue", "ave", "lane", "ln", "close", "drive", "dr", "way",
    "court", "ct", "crescent", "gardens", "gdns", "place", "pl", "terrace", "grove", "hill",
    "park", "square", "sq", "walk", "mews", "rise",
];

/// Accept `reference` as a case's pseudonymous reference, or say why not and what to do.
pub fn check_reference(reference: &str) -> Result<(), InvalidValue> {
    let r = reference.trim();
    let refuse = |why: &str| {
        Err(InvalidValue {
            problem: format!("the case reference \"{r}\" {why}."),
            fix: "Use the pseudonymous reference from the audit's own list, such as \"Child A\" \
                  or \"C-2024-017\": never a name, a date of birth or an address."
                .into(),
        })
    };
    if r.is_empty() {
        return refuse("is empty");
    }
    if r.chars().count() > MAX_REFERENCE_CHARS {
        return refuse(&format!("is longer than {MAX_REFERENCE_CHARS} characters"));
    }
    if looks_like_name(r) {
        return refuse("looks like a person's name (two capitalised words)");
    }
    if looks_like_date(r) {
        return refuse("holds a date, which could be a date of birth");
    }
    if looks_like_postcode(r) {
        return refuse("holds a postcode, which is part of an address");
    }
    if looks_like_street(r) {
        return refuse("looks like an address (a house number and a street)");
    }
    Ok(())
}

/// The words of `s`, split at anything but letters, digits and apostrophes.
fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// A capitalised word: a capital then at least one small letter ("Smith", "O'Brien"), not a
/// lone initial ("A") or an abbreviation ("SW", "LAC").
fn capitalised(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase)
        && chars.clone().any(char::is_lowercase)
        && chars.all(|c| c.is_lowercase() || c == '\'' || c == '’' || c.is_uppercase())
}

fn looks_like_name(s: &str) -> bool {
    // Words side by side only: "Smith, John" is split by its comma but still two words.
    let w = words(s);
    w.windows(2).any(|p| capitalised(p[0]) && capitalised(p[1]))
}

fn is_month(w: &str) -> bool {
    MONTHS.contains(&w.to_lowercase().as_str())
}

/// A day of the month, with or without its ending ("3", "03", "3rd").
fn is_day(w: &str) -> bool {
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let rest = &w[digits.len()..];
    matches!(rest.to_lowercase().as_str(), "" | "st" | "nd" | "rd" | "th")
        && digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d))
}

fn looks_like_date(s: &str) -> bool {
    // A month's name beside a day or a year: "3 March", "March 2009", "12th Jan".
    let w = words(s);
    let named = w.iter().enumerate().any(|(i, m)| {
        is_month(m)
            && [i.checked_sub(1), Some(i + 1)]
                .into_iter()
                .flatten()
                .any(|j| {
                    w.get(j)
                        .is_some_and(|n| is_day(n) || (n.len() == 4 && n.parse::<u32>().is_ok()))
                })
    });
    named || numeric_date(s)
}

/// Three runs of digits joined by `/`, `.` or `-` that read as a day, month and year in
/// either order: 03/04/2009, 3.4.09, 2009-04-03. A case number such as 2024-017 has two.
fn numeric_date(s: &str) -> bool {
    s.split(|c: char| !(c.is_ascii_digit() || "/.-".contains(c)))
        .any(|token| {
            let groups: Vec<&str> = token.split(['/', '.', '-']).collect();
            groups.windows(3).any(|g| date_parts(g[0], g[1], g[2]))
        })
}

fn date_parts(a: &str, b: &str, c: &str) -> bool {
    let n = |x: &str| x.parse::<u32>().ok().filter(|_| !x.is_empty());
    let (Some(x), Some(y), Some(z)) = (n(a), n(b), n(c)) else {
        return false;
    };
    let day_month_year = a.len() <= 2
        && b.len() <= 2
        && (c.len() == 2 || c.len() == 4)
        && (1..=31).contains(&x)
        && (1..=12).contains(&y);
    let year_month_day = a.len() == 4
        && b.len() <= 2
        && c.len() <= 2
        && (1..=12).contains(&y)
        && (1..=31).contains(&z);
    day_month_year || year_month_day
}

/// A UK postcode, with or without its space: KT1 1EU, SW1A 2AA, kt11eu.
fn looks_like_postcode(s: &str) -> bool {
    let tokens: Vec<String> = s
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_uppercase)
        .collect();
    // A token alone (KT11EU) or a token and the next (KT1 1EU).
    (0..tokens.len()).any(|i| {
        is_postcode(&tokens[i])
            || tokens
                .get(i + 1)
                .is_some_and(|next| is_postcode(&format!("{}{next}", tokens[i])))
    })
}

/// The outward code is one or two letters, a digit, then perhaps a letter or digit; the
/// inward code is a digit and two letters.
fn is_postcode(t: &str) -> bool {
    let t: Vec<char> = t.chars().collect();
    let n = t.len();
    if !(5..=7).contains(&n) {
        return false;
    }
    let (out, inward) = t.split_at(n - 3);
    let letters = out.iter().take_while(|c| c.is_ascii_uppercase()).count();
    let tail = &out[letters..];
    inward[0].is_ascii_digit()
        && inward[1].is_ascii_uppercase()
        && inward[2].is_ascii_uppercase()
        && (1..=2).contains(&letters)
        && !tail.is_empty()
        && tail[0].is_ascii_digit()
        && tail.len() <= 2
}

/// A house number (12, 12a) followed by a street word: "12 Acacia Avenue", "Flat 3, 4 High
/// St".
fn looks_like_street(s: &str) -> bool {
    let w = words(s);
    w.iter().enumerate().any(|(i, n)| {
        let digits = n.chars().take_while(char::is_ascii_digit).count();
        digits > 0
            && n.len() - digits <= 1
            && w[i + 1..]
                .iter()
                .take(4)
                .any(|s| STREET_WORDS.contains(&s.to_lowercase().as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(r: &str) -> String {
        match check_reference(r) {
            Err(e) => e.problem,
            Ok(()) => panic!("{r:?} was accepted"),
        }
    }

    #[test]
    fn pseudonyms_boards_use_are_accepted() {
        for r in [
            "Child A",
            "Child B",
            "C-2024-017",
            "Case 7",
            "KIN/2009/041",
            "Family 3 (sibling group)",
            "LAC 12",
            "2024-017",
            "Young person K",
            "SW-11",
        ] {
            assert_eq!(check_reference(r), Ok(()), "{r}");
        }
    }

    #[test]
    fn names_are_refused_saying_so() {
        for r in [
            "John Smith",
            "child Mary Jones",
            "Smith, John",
            "Aisha O'Brien",
        ] {
            assert!(refused(r).contains("name"), "{r}");
        }
    }

    #[test]
    fn dates_are_refused_as_possible_dates_of_birth() {
        for r in [
            "03/04/2009",
            "C 3.4.09",
            "2009-04-03",
            "born 12 March",
            "case march 2009",
            "12th jan",
            "A-12-11-2019",
        ] {
            assert!(refused(r).contains("date of birth"), "{r}");
        }
    }

    #[test]
    fn postcodes_and_addresses_are_refused() {
        for r in ["KT1 1EU", "sw1a 2aa", "Child A KT11EU", "n1 9gu"] {
            assert!(refused(r).contains("postcode"), "{r}");
        }
        for r in ["12 acacia avenue", "flat 3, 4 high st", "27b Penrose rd"] {
            assert!(refused(r).contains("address"), "{r}");
        }
    }

    #[test]
    fn empty_and_overlong_references_are_refused_with_the_fix() {
        let e = check_reference("  ").unwrap_err();
        assert!(e.problem.contains("empty"));
        assert!(e.fix.contains("Child A"));
        assert!(refused(&"x".repeat(41)).contains("longer"));
    }
}
