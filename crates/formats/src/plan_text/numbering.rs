//! Objective and outcome numbers as boards write them — "1.", "12", "1a", "Priority 2:",
//! "LSCB Objective 1:", "4.2", "1.1a", "3.2.1", "Action 3.2" — and how they relate.

use super::text::number_word;

/// A number read from the start of some text, and the text after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Numbered<'a> {
    pub number: String,
    pub rest: &'a str,
}

/// Words that name an objective before its number ("Priority 2:", "Objective 1").
const OBJECTIVE_WORDS: [&str; 6] = ["priority", "objective", "theme", "aim", "goal", "outcome"];
/// Words that may come before those ("LSCB Objective 1", "Key Priority 3").
const QUALIFIER_WORDS: [&str; 7] = ["lscb", "scb", "lsab", "sab", "board", "strategic", "key"];

/// The word at the start of `s` (letters only) and what follows it.
fn leading_word(s: &str) -> (&str, &str) {
    let end = s.find(|c: char| !c.is_alphabetic()).unwrap_or(s.len());
    s.split_at(end)
}

/// `s` after a run of qualifier and objective words, and whether an objective word was met.
fn skip_objective_words(s: &str) -> (&str, bool) {
    let mut rest = s;
    let mut named = false;
    for _ in 0..4 {
        let (word, after) = leading_word(rest);
        let lower = word.to_lowercase();
        let is_objective = OBJECTIVE_WORDS.contains(&lower.as_str());
        if word.is_empty() || !(is_objective || QUALIFIER_WORDS.contains(&lower.as_str())) {
            break;
        }
        if !after.starts_with(char::is_whitespace) {
            break;
        }
        named |= is_objective;
        rest = after.trim_start();
    }
    (rest, named)
}

/// The text after an objective number's separator (".", ":", ")", " - ", a space), or
/// `None` when what follows is not a separator (e.g. "1.1", which is an outcome).
fn after_separator(after: &str) -> Option<&str> {
    let mut chars = after.chars();
    let Some(c) = chars.next() else {
        return Some("");
    };
    let rest = match c {
        '.' => {
            let r = chars.as_str();
            if r.starts_with(|c: char| c.is_ascii_digit()) {
                return None;
            }
            r
        }
        ':' | ')' | '-' | '–' | '—' => chars.as_str(),
        c if c.is_whitespace() => after,
        _ => return None,
    };
    let rest = rest.trim_start();
    // "Priority 2 - Early help": a dash or colon after the space.
    let rest = rest.strip_prefix(['-', '–', '—', ':']).unwrap_or(rest);
    Some(rest.trim_start())
}

/// Length of `1`, `12`, `1a` at the start of `s` (at most three digits and one letter).
fn short_number_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let letter = b.get(digits).is_some_and(u8::is_ascii_lowercase)
        && !b.get(digits + 1).is_some_and(u8::is_ascii_alphanumeric);
    Some(digits + usize::from(letter))
}

fn objective_number(text: &str, require_word: bool) -> Option<Numbered<'_>> {
    let t = text.trim_start();
    let (after_words, named) = skip_objective_words(t);
    if require_word && !named {
        return None;
    }
    let s = if named { after_words } else { t };
    let (number, after) = match short_number_len(s) {
        Some(n) => (s[..n].to_string(), &s[n..]),
        None if named => {
            let (word, after) = leading_word(s);
            (number_word(word)?.to_string(), after)
        }
        None => return None,
    };
    let rest = after_separator(after)?;
    Some(Numbered { number, rest })
}

/// An objective's number at the start of its cell: "1. Ensure…", "12 Develop…",
/// "1a Early help", "Priority 2: …".
pub(crate) fn objective(text: &str) -> Option<Numbered<'_>> {
    objective_number(text, false)
}

/// An objective heading line between tables: "Priority 2: Early help",
/// "LSCB Objective 1: To maximise…", "LSCB Priority Theme One: …".
pub(crate) fn objective_heading(text: &str) -> Option<Numbered<'_>> {
    objective_number(text, true)
}

/// Length of a dotted number `1.2`, `1.1a`, `3.2.1`, `1a.1` at the start of `s`, and how
/// many parts it has.
pub(crate) fn dotted(s: &str) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut parts = 0;
    loop {
        let n = short_number_len(&s[i..])?;
        i += n;
        parts += 1;
        let more = b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !more {
            break;
        }
        i += 1;
    }
    // "04.02.2009": a part of four digits means this was not a number of ours.
    if b.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((i, parts))
}

const ACTION_WORDS: [&str; 5] = ["action", "outcome", "ref", "task", "no"];

/// An outcome's number at the start of its paragraph: "4.2 Develop…", "1.1a …",
/// "3.2.1 …", "Action 3.2: …", or a plain "1." restarting under each objective.
pub(crate) fn action(text: &str) -> Option<Numbered<'_>> {
    let t = text.trim_start();
    let (word, after) = leading_word(t);
    let s = if ACTION_WORDS.contains(&word.to_lowercase().as_str())
        && after.starts_with(char::is_whitespace)
    {
        after.trim_start().trim_start_matches(['.', ' '])
    } else {
        t
    };
    let (len, parts) = dotted(s)?;
    let number = &s[..len];
    let after = &s[len..];
    let mut chars = after.chars();
    let rest = match chars.next() {
        None => "",
        Some(c) if c.is_whitespace() && parts >= 2 => after,
        Some('.' | ':' | ')' | '-' | '–') => {
            let r = chars.as_str();
            if !(r.is_empty() || r.starts_with(char::is_whitespace)) {
                return None;
            }
            r
        }
        _ => return None,
    };
    if parts == 1 && after.is_empty() {
        return None;
    }
    Some(Numbered {
        number: number.to_string(),
        rest: rest.trim_start(),
    })
}

/// The objective part of a dotted number ("4" of "4.2"); `None` for a plain "1".
pub(crate) fn owner(number: &str) -> Option<&str> {
    number.split_once('.').map(|(o, _)| o)
}

fn digits_and_letter(n: &str) -> (&str, &str) {
    let d = n.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    (d, &n[d.len()..])
}

/// Whether an outcome numbered `action` may sit under objective `objective`: "4.2" under
/// "4", "1a.2" under "1a", a plain "2" anywhere; "1.2" under "1a" is allowed too (boards
/// number sub-priorities' actions either way).
pub(crate) fn belongs(action: &str, objective: &str) -> bool {
    let Some(o) = owner(action) else { return true };
    if o.eq_ignore_ascii_case(objective) {
        return true;
    }
    let (od, ol) = digits_and_letter(o);
    let (pd, pl) = digits_and_letter(objective);
    od == pd && (ol.is_empty() || pl.is_empty())
}

/// A number's parts as (digits, letters), compared part by part.
pub(crate) type OrderKey = Vec<(u32, String)>;

/// An ordering key for numbers: "7.10" after "7.9", "1.1a" after "1.1".
pub(crate) fn order_key(number: &str) -> OrderKey {
    number
        .split('.')
        .map(|part| {
            let (d, l) = digits_and_letter(part);
            (d.parse().unwrap_or(0), l.to_ascii_lowercase())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(n: Option<Numbered<'_>>) -> Option<(String, String)> {
        n.map(|n| (n.number, n.rest.to_string()))
    }

    fn pair(a: &str, b: &str) -> Option<(String, String)> {
        Some((a.to_string(), b.to_string()))
    }

    #[test]
    fn objective_numbers_are_read_in_the_usual_forms() {
        assert_eq!(num(objective("1. Ensure focus")), pair("1", "Ensure focus"));
        assert_eq!(num(objective("12 Develop")), pair("12", "Develop"));
        assert_eq!(num(objective("1a Early help")), pair("1a", "Early help"));
        assert_eq!(num(objective("Priority 2: Neglect")), pair("2", "Neglect"));
        assert_eq!(
            num(objective("PRIORITY 1a Early Help")),
            pair("1a", "Early Help")
        );
        assert_eq!(
            num(objective("LSCB Objective 3 - Learn")),
            pair("3", "Learn")
        );
        assert_eq!(
            num(objective("LSCB Priority Theme One: Voice")),
            pair("1", "Voice")
        );
    }

    #[test]
    fn outcome_numbers_and_years_are_not_objective_numbers() {
        assert_eq!(objective("1.1 Develop"), None);
        assert_eq!(objective("2009-2010 plan"), None);
        assert_eq!(objective("arrangements"), None);
        assert_eq!(objective("1st meeting"), None);
    }

    #[test]
    fn a_heading_needs_a_word_like_priority() {
        assert_eq!(objective_heading("3. Something"), None);
        assert_eq!(
            num(objective_heading("Priority 4. Something")),
            pair("4", "Something")
        );
    }

    #[test]
    fn outcome_numbers_are_read_in_the_usual_forms() {
        assert_eq!(num(action("4.2 Develop")), pair("4.2", "Develop"));
        assert_eq!(num(action("1.1a Draft")), pair("1.1a", "Draft"));
        assert_eq!(num(action("3.2.1 Audit")), pair("3.2.1", "Audit"));
        assert_eq!(num(action("Action 3.2: Audit")), pair("3.2", "Audit"));
        assert_eq!(num(action("2. Audit")), pair("2", "Audit"));
        assert_eq!(num(action("16.1 Group")), pair("16.1", "Group"));
    }

    #[test]
    fn text_that_merely_starts_with_a_figure_is_not_numbered() {
        assert_eq!(action("monitored and reported"), None);
        assert_eq!(action("50 staff trained"), None);
        assert_eq!(action("04.02.2009 meeting"), None);
        assert_eq!(action("2009 review"), None);
    }

    #[test]
    fn an_outcome_belongs_to_the_objective_its_number_starts_with() {
        assert!(belongs("4.2", "4"));
        assert!(belongs("1a.2", "1a"));
        assert!(belongs("2", "5"));
        assert!(belongs("1.2", "1a"));
        assert!(!belongs("3.4", "5"));
        assert!(!belongs("1b.1", "1a"));
    }

    #[test]
    fn order_keys_sort_numbers_numerically() {
        assert!(order_key("7.9") < order_key("7.10"));
        assert!(order_key("1.1") < order_key("1.1a"));
    }
}
