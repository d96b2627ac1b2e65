//! The name a case goes by in the register: a pseudonym ("Child C", "Family A"), never a real
//! name or a date of birth. What looks like either is refused with the reason, before it is
//! stored anywhere.

use super::MAX_SHORT_TEXT;
use crate::progress::InvalidValue;

/// Words a pseudonym is made of ("Child C", "Family A and B", "Adult D").
const DESCRIPTORS: [&str; 32] = [
    "child",
    "children",
    "baby",
    "infant",
    "family",
    "families",
    "adult",
    "adults",
    "young",
    "person",
    "people",
    "sibling",
    "siblings",
    "mother",
    "father",
    "parent",
    "parents",
    "man",
    "woman",
    "boy",
    "girl",
    "mr",
    "mrs",
    "ms",
    "miss",
    "case",
    "household",
    "twins",
    "and",
    "the",
    "of",
    "review",
];

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A case's name, checked to be pseudonymous: a descriptor and an initial or number
/// ("Child C", "Family A", "SAR 3"). What looks like a real name or a date of birth is
/// refused with the reason, so that neither is ever stored.
pub fn case_name(text: &str) -> Result<String, InvalidValue> {
    let name = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let fix = "Use a pseudonym: a word and an initial, such as \"Child C\", \"Family A\" or \
               \"Adult D\".";
    let refuse = |problem: String| {
        Err(InvalidValue {
            problem,
            fix: fix.into(),
        })
    };
    if name.is_empty() {
        return refuse("the case name is empty.".into());
    }
    if name.chars().count() > MAX_SHORT_TEXT {
        return refuse(format!(
            "the case name is longer than {MAX_SHORT_TEXT} characters."
        ));
    }
    if let Some(why) = date_like(&name) {
        return refuse(format!(
            "the case name looks like it holds a date of birth ({why}); a case name must \
             never identify the person."
        ));
    }
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ',' || c == '&' || c == '/')
        .filter(|w| !w.is_empty())
        .collect();
    let code = |w: &str| {
        let w = w.trim_end_matches('.');
        (w.chars().count() <= 3 && !w.is_empty() && w.chars().all(|c| c.is_ascii_uppercase()))
            || w.chars().any(|c| c.is_ascii_digit())
    };
    if let Some(w) = words
        .iter()
        .find(|w| !code(w) && !DESCRIPTORS.contains(&w.to_lowercase().as_str()))
    {
        return refuse(format!(
            "\"{w}\" in the case name looks like a real name; a case name must never identify \
             the person."
        ));
    }
    if !words.iter().any(|w| code(w)) {
        return refuse(format!(
            "\"{name}\" has no initial or number to tell the case apart."
        ));
    }
    Ok(name)
}

/// Why `name` looks like it holds a date, if it does: `d/m/y` and `y-m-d` shapes, a month
/// name beside a number, or the words "born" or "DOB".
fn date_like(name: &str) -> Option<String> {
    let lower = name.to_lowercase();
    for word in lower.split(|c: char| !c.is_alphanumeric() && c != '/' && c != '-' && c != '.') {
        let parts: Vec<&str> = word.split(['/', '-', '.']).collect();
        if parts.len() == 3
            && parts
                .iter()
                .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
        {
            return Some(format!("\"{word}\""));
        }
    }
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(w) = words.iter().find(|w| ["dob", "born", "d.o.b"].contains(w)) {
        return Some(format!("\"{w}\""));
    }
    let month = |w: &str| {
        w.len() >= 3
            && MONTHS
                .iter()
                .any(|m| w.starts_with(m) && (w.len() == 3 || is_month_name(w)))
    };
    // "3", or "3rd" as dates are written.
    let number = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_digit())
            && w.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h'])
                .chars()
                .all(|c| c.is_ascii_digit())
    };
    for pair in words.windows(2) {
        if (month(pair[0]) && number(pair[1])) || (number(pair[0]) && month(pair[1])) {
            return Some(format!("\"{} {}\"", pair[0], pair[1]));
        }
    }
    None
}

fn is_month_name(w: &str) -> bool {
    [
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
        "sept",
    ]
    .contains(&w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pseudonyms_are_kept_and_tidied() {
        for (given, kept) in [
            ("Child C", "Child C"),
            ("  Family   A and B ", "Family A and B"),
            ("Adult D", "Adult D"),
            ("SAR 3", "SAR 3"),
            ("Baby T", "Baby T"),
            ("Child LM", "Child LM"),
        ] {
            assert_eq!(case_name(given).unwrap(), kept);
        }
    }

    #[test]
    fn a_real_name_or_a_date_of_birth_is_refused_with_the_reason() {
        let e = case_name("Peter Connelly").unwrap_err();
        assert!(
            e.problem.contains("\"Peter\"") && e.problem.contains("real name"),
            "{e}"
        );
        let e = case_name("Child C 03/08/2006").unwrap_err();
        assert!(e.problem.contains("date of birth"), "{e}");
        let e = case_name("Child C born 3 March 2006").unwrap_err();
        assert!(e.problem.contains("date of birth"), "{e}");
        let e = case_name("Child C 2006-03-08").unwrap_err();
        assert!(e.problem.contains("date of birth"), "{e}");
        let e = case_name("Child C, 3 Mar").unwrap_err();
        assert!(e.problem.contains("date of birth"), "{e}");
        assert!(case_name("Family").unwrap_err().problem.contains("initial"));
        assert!(case_name("").is_err());
    }
}
