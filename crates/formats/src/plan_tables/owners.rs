//! A lead cell into owners: split on line breaks, "/", "+", ";" and "and", without cutting
//! a title that holds a comma ("Assistant Director, Safeguarding and Family Support") or a
//! body whose name holds "and" ("Monitoring and Evaluation Sub Group").
//!
//! After the splits made here, each piece goes through the text importer's own splitting and
//! role-merging (`plan_text::roles`), so both importers agree on what a role is.

use crate::plan_text::roles;

/// Words that end the name of a body: "A and B <word>" names one body, not two.
const BODY_ENDS: [&str; 18] = [
    "group",
    "subgroup",
    "sub-group",
    "committee",
    "board",
    "team",
    "service",
    "services",
    "care",
    "support",
    "panel",
    "forum",
    "network",
    "partnership",
    "unit",
    "trust",
    "safeguarding",
    "protection",
];

/// The owners a lead cell names, each tidied.
pub(crate) fn split(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in cell.split(['\n', ';', '+']) {
        let line = drop_footnote_digit(line);
        for piece in split_slashes(&line).into_iter().flat_map(split_and) {
            out.extend(roles::split(piece.trim()));
        }
    }
    out.into_iter().filter(|o| !o.is_empty()).collect()
}

/// "Chair / DCS", "Police/Health"; but not "and/or".
fn split_slashes(s: &str) -> Vec<&str> {
    if s.to_ascii_lowercase().contains("and/or") {
        return vec![s];
    }
    s.split('/').collect()
}

/// "Chair and DCS" → two owners; "Health and Social Care", "Monitoring and Evaluation Sub
/// Group" and anything with a comma stay whole.
fn split_and(s: &str) -> Vec<&str> {
    if s.contains(',') {
        return vec![s];
    }
    // ASCII lower case keeps every byte where it was, so `at` is a place in `s` too.
    let lower = s.to_ascii_lowercase();
    let Some(at) = lower.find(" and ") else {
        return vec![s];
    };
    let (left, right) = (&s[..at], &s[at + 5..]);
    let left_words = left.split_whitespace().count();
    let last_right = right.split_whitespace().last().unwrap_or("").to_lowercase();
    let one_body = BODY_ENDS.contains(&last_right.trim_end_matches(['.', ',']));
    if left_words == 0 || right.trim().is_empty() || (left_words == 1 && one_body) {
        return vec![s];
    }
    let mut out = vec![left];
    out.extend(split_and(right));
    out
}

/// "Monitoring and Evaluation Sub Group1": a footnote mark glued to the last word by the
/// document's extraction. A word of four letters or more ending in one digit loses it.
fn drop_footnote_digit(owner: &str) -> String {
    let owner = owner.trim();
    let last = owner.split_whitespace().last().unwrap_or("");
    let mut chars = last.chars().rev();
    let digit = chars.next().is_some_and(|c| c.is_ascii_digit());
    let letters = chars.take_while(|c| c.is_alphabetic()).count();
    if digit && letters >= 4 && letters + 1 == last.chars().count() {
        owner[..owner.len() - 1].trim().to_string()
    } else {
        owner.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owners_are_split_without_cutting_titles() {
        assert_eq!(split("Chair / DCS"), ["Chair", "DCS"]);
        assert_eq!(
            split("Police + Health; Education"),
            ["Police", "Health", "Education"]
        );
        assert_eq!(split("Chair and DCS"), ["Chair", "DCS"]);
        assert_eq!(
            split("Named Nurse\nDesignated Doctor"),
            ["Named Nurse", "Designated Doctor"]
        );
        assert_eq!(
            split("Assistant Director, Safeguarding and Family Support"),
            ["Assistant Director, Safeguarding and Family Support"]
        );
        assert_eq!(
            split("Monitoring and Evaluation Sub Group1"),
            ["Monitoring and Evaluation Sub Group"]
        );
        assert_eq!(
            split("CEO, Health and Social Care"),
            ["CEO, Health and Social Care"]
        );
    }
}
