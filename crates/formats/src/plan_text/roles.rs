//! Lead names → lead roles.
//!
//! Plans name roles, never people, but spell them several ways ("Chair Policy & Procedure
//! Group", "Chair Policy and Procedure", "Chair Policy & procedure") and put several in one
//! cell ("LSCB and Chair of Board"). Here a cell is split into names, each name reduced to a
//! key that its variants share, and the variants merged into one [`Role`] per key.

use std::collections::HashMap;

use domain::{Role, Subgroup, Warning, WarningKind};

use super::text::collapse_ws;

/// Words that start a new role when they follow ", " or " and " in a lead cell.
const ROLE_STARTS: [&str; 26] = [
    "chair",
    "vice chair",
    "vice-chair",
    "co-chair",
    "deputy",
    "lscb",
    "scb",
    "lsab",
    "sab",
    "strategic",
    "service director",
    "director",
    "assistant director",
    "head",
    "development officer",
    "participation officer",
    "business manager",
    "quality assurance",
    "independent",
    "designated",
    "named",
    "lead member",
    "lead officer",
    "chief",
    "manager",
    "all agencies",
];

/// Words that, alone, are only the first half of a role ("Deputy Chair, LSCB").
const TITLE_ONLY: [&str; 12] = [
    "chair",
    "deputy",
    "vice",
    "co",
    "head",
    "director",
    "manager",
    "lead",
    "officer",
    "independent",
    "assistant",
    "the",
];

/// True when `text` begins with words that name a role of its own.
pub(crate) fn starts_new_role(text: &str) -> bool {
    let lower = text.trim_start().to_lowercase();
    ROLE_STARTS.iter().any(|start| {
        lower.starts_with(start) && !lower[start.len()..].starts_with(|c: char| c.is_alphanumeric())
    })
}

/// True when `left` is a whole role name rather than a bare title like "Deputy Chair".
fn is_complete(left: &str) -> bool {
    left.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| !TITLE_ONLY.contains(&w.to_lowercase().as_str()))
}

/// Byte offsets just after each occurrence of `sep` (matched case-insensitively) in `s`.
fn cuts(lower: &str, sep: &str) -> Vec<(usize, usize)> {
    lower
        .match_indices(sep)
        .map(|(i, m)| (i, i + m.len()))
        .collect()
}

/// Split a lead cell's paragraph into role names.
///
/// Always on ";", " + " and ", and "; on ", " or " and " only where what follows starts a
/// role of its own, so that "Service Director Prevention and Safeguarding" stays whole.
pub(crate) fn split(paragraph: &str) -> Vec<String> {
    let mut names = Vec::new();
    for part in split_always(paragraph) {
        let lower = part.to_ascii_lowercase();
        let mut separators: Vec<(usize, usize)> = cuts(&lower, ", ");
        separators.extend(cuts(&lower, " and "));
        separators.sort_unstable();
        let mut start = 0;
        for (at, after) in separators {
            if at < start {
                continue;
            }
            let (Some(left), Some(right)) = (part.get(start..at), part.get(after..)) else {
                continue;
            };
            if starts_new_role(right) && is_complete(left) {
                names.push(left.to_string());
                start = after;
            }
        }
        if let Some(last) = part.get(start..) {
            names.push(last.to_string());
        }
    }
    names.into_iter().filter_map(|n| clean(&n)).collect()
}

/// Split on the separators that always divide roles.
fn split_always(paragraph: &str) -> Vec<&str> {
    let mut parts = vec![paragraph];
    for sep in [";", " + ", ", and ", ", And ", " & Chair ", " / "] {
        parts = parts
            .into_iter()
            .flat_map(|p| {
                if sep == " & Chair " {
                    // "LSCB & Chair of Board": keep "Chair" with the right-hand part.
                    return match p.split_once(sep) {
                        Some((a, _)) => vec![a, &p[a.len() + 3..]],
                        None => vec![p],
                    };
                }
                p.split(sep).collect()
            })
            .collect();
    }
    parts
}

/// A name as it should be shown: trimmed, a stray footnote digit dropped.
fn clean(name: &str) -> Option<String> {
    let mut name = collapse_ws(name);
    // "Monitoring and Evaluation Sub Group 3": a footnote mark from the extraction. A short
    // name keeps its number ("Chair Group 3" may be a group's real name).
    if let Some((head, tail)) = name.rsplit_once(' ') {
        let footnote = tail.len() <= 2 && tail.chars().all(|c| c.is_ascii_digit());
        if footnote && head.split_whitespace().count() >= 3 {
            name = head.to_string();
        }
    }
    let name = name
        .trim_matches(|c: char| c == ',' || c == '.' || c == ';' || c.is_whitespace())
        .to_string();
    (name.chars().any(char::is_alphabetic)).then_some(name)
}

/// Words a role's key leaves out: they vary between spellings of one role.
const KEY_DROPS: [&str; 9] = [
    "group",
    "sub",
    "subgroup",
    "the",
    "of",
    "for",
    "a",
    "an",
    "committee",
];
/// Words that name the board itself.
const BOARD_WORDS: [&str; 7] = [
    "lscb",
    "scb",
    "lsab",
    "sab",
    "board",
    "partnership",
    "slscb",
];
/// Words that may accompany those in the board's own name.
const BOARD_NAME_WORDS: [&str; 5] = ["local", "safeguarding", "children", "adult", "executive"];

/// Key for the board's chair, whatever way it is written.
pub(crate) const BOARD_CHAIR: &str = "board chair";
/// Key for the board itself ("LSCB").
pub(crate) const BOARD: &str = "board";

/// The key that spellings of one role share: lower case, "&" read as "and", punctuation,
/// "group"/"sub group"/"the"/"of" and plural "s" dropped; the board and its chair get fixed
/// keys so that "LSCB Chair", "Chair of the LSCB" and "Chair of Board" meet.
pub(crate) fn key(name: &str) -> String {
    let lower = name.to_lowercase().replace('&', " and ");
    let tokens: Vec<String> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.replace(['\'', '’'], ""))
        .filter(|w| !w.is_empty() && !KEY_DROPS.contains(&w.as_str()))
        .map(|w| singular(&w))
        .collect();
    let is_board_word = |t: &String| BOARD_WORDS.contains(&t.as_str());
    let names_board = tokens.iter().any(is_board_word);
    let only_board = tokens
        .iter()
        .all(|t| is_board_word(t) || BOARD_NAME_WORDS.contains(&t.as_str()));
    if names_board && only_board {
        return BOARD.to_string();
    }
    let has_chair = tokens.iter().any(|t| t == "chair");
    let rest_is_board = tokens
        .iter()
        .filter(|t| *t != "chair")
        .all(|t| is_board_word(t) || BOARD_NAME_WORDS.contains(&t.as_str()) || t == "independent");
    let independent = tokens.iter().any(|t| t == "independent");
    if has_chair && rest_is_board && (names_board || independent) {
        return BOARD_CHAIR.to_string();
    }
    tokens.join(" ")
}

fn singular(word: &str) -> String {
    let plural = word.len() > 3
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is");
    if plural {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

/// Whether a role key's words name a sub-group's key: the same words, ignoring "and", or one
/// holding all of the other's (at least two) words.
fn names_subgroup(role_words: &[&str], subgroup_key: &str) -> bool {
    let content = |ws: &mut dyn Iterator<Item = &str>| -> Vec<String> {
        let mut v: Vec<String> = ws.filter(|w| *w != "and").map(str::to_string).collect();
        v.sort();
        v.dedup();
        v
    };
    let a = content(&mut role_words.iter().copied());
    let b = content(&mut subgroup_key.split(' '));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (small, big) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    small.len() >= 2 && small.iter().all(|w| big.contains(w))
}

/// The sub-group (by name) a role with this key chairs or is; `subgroups` pairs each
/// sub-group's key with its name.
fn subgroup_for(role_key: &str, subgroups: &[(String, String)]) -> Option<String> {
    if role_key == BOARD || role_key == BOARD_CHAIR {
        return None;
    }
    let words: Vec<&str> = role_key.split(' ').collect();
    if words.iter().any(|w| matches!(*w, "deputy" | "vice" | "co")) {
        return None;
    }
    let rest: Vec<&str> = words.iter().copied().filter(|w| *w != "chair").collect();
    subgroups
        .iter()
        .find(|(k, _)| names_subgroup(&rest, k))
        .map(|(_, name)| name.clone())
}

/// A role id from its title: lower case, "&" as "and", words joined by "-", "group" left out.
fn slug(title: &str) -> String {
    let lower = title
        .to_lowercase()
        .replace('&', " and ")
        .replace(['\'', '’'], "");
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let kept: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !matches!(*w, "group" | "groups" | "sub" | "subgroup"))
        .collect();
    let chosen = if kept.is_empty() { words } else { kept };
    let s = chosen.join("-");
    if s.is_empty() { "role".to_string() } else { s }
}

/// One way a role was written, how often and where first.
#[derive(Debug, Clone)]
struct Spelling {
    text: String,
    count: usize,
    first_line: usize,
}

/// The roles met so far, each with its spellings.
#[derive(Debug, Default)]
pub(crate) struct Registry {
    keys: Vec<String>,
    spellings: HashMap<String, Vec<Spelling>>,
}

/// The roles of a document, and how to find each one's id from a key.
#[derive(Debug)]
pub(crate) struct Finished {
    pub roles: Vec<Role>,
    pub ids: HashMap<String, String>,
    pub warnings: Vec<Warning>,
}

impl Registry {
    /// Note a role name met on `line`; returns its key.
    pub(crate) fn add(&mut self, name: &str, line: usize) -> String {
        let k = key(name);
        let spellings = self.spellings.entry(k.clone()).or_insert_with(|| {
            self.keys.push(k.clone());
            Vec::new()
        });
        match spellings.iter_mut().find(|s| s.text == name) {
            Some(s) => s.count += 1,
            None => spellings.push(Spelling {
                text: name.to_string(),
                count: 1,
                first_line: line,
            }),
        }
        k
    }

    /// Merge the spellings into roles, linking each to its sub-group where its name says so.
    ///
    /// A role's title is its most used spelling (the first one met on a tie); the others
    /// become aliases, reported in a `RoleVariantsMerged` warning.
    pub(crate) fn finish(self, subgroups: &[Subgroup]) -> Finished {
        let mut roles = Vec::new();
        let mut ids = HashMap::new();
        let mut warnings = Vec::new();
        let mut used_ids: HashMap<String, usize> = HashMap::new();
        let subgroups: Vec<(String, String)> = subgroups
            .iter()
            .map(|s| (key(&s.name), s.name.clone()))
            .collect();
        for k in &self.keys {
            let Some(spellings) = self.spellings.get(k) else {
                continue;
            };
            let Some(best) = spellings
                .iter()
                .enumerate()
                .max_by_key(|(i, s)| (s.count, std::cmp::Reverse(*i)))
                .map(|(_, s)| s)
            else {
                continue;
            };
            let base = slug(&best.text);
            let n = used_ids.entry(base.clone()).or_insert(0);
            *n += 1;
            let id = if *n == 1 { base } else { format!("{base}-{n}") };
            let aliases: Vec<String> = spellings
                .iter()
                .filter(|s| s.text != best.text)
                .map(|s| s.text.clone())
                .collect();
            if !aliases.is_empty() {
                let all: Vec<String> = spellings
                    .iter()
                    .map(|s| format!("\"{}\" (line {})", s.text, s.first_line))
                    .collect();
                warnings.push(Warning {
                    line: spellings.iter().map(|s| s.first_line).min().unwrap_or(0),
                    kind: WarningKind::RoleVariantsMerged,
                    message: format!(
                        "{} spellings of one lead role were merged as \"{}\": {}.",
                        spellings.len(),
                        best.text,
                        all.join(", ")
                    ),
                });
            }
            ids.insert(k.clone(), id.clone());
            roles.push(Role {
                id,
                title: best.text.clone(),
                aliases,
                subgroup: subgroup_for(k, &subgroups),
            });
        }
        Finished {
            roles,
            ids,
            warnings,
        }
    }
}

#[cfg(test)]
mod tests {
    use domain::SubgroupStatus;

    use super::*;

    fn active(name: &str) -> Subgroup {
        Subgroup {
            name: name.into(),
            status: SubgroupStatus::Active,
            terms_of_reference: None,
        }
    }

    #[test]
    fn spellings_of_the_policy_chair_share_one_key() {
        let k = key("Chair Policy & Procedure Group");
        assert_eq!(k, "chair policy and procedure");
        for other in [
            "Chair Policy and Procedure",
            "Chair Policy & procedure",
            "Chair Policy & Procedures",
        ] {
            assert_eq!(key(other), k, "{other}");
        }
    }

    #[test]
    fn the_board_chair_is_one_role_however_written() {
        for name in [
            "LSCB Chair",
            "Chair of the LSCB",
            "Chair of Board",
            "Independent Chair",
        ] {
            assert_eq!(key(name), BOARD_CHAIR, "{name}");
        }
        assert_eq!(key("LSCB"), BOARD);
        assert_ne!(key("Deputy Chair, LSCB"), BOARD_CHAIR);
    }

    #[test]
    fn names_containing_and_are_not_broken() {
        for name in [
            "Service Director Prevention and Safeguarding",
            "Strategic Director learning and Children's Services",
            "Chair Monitoring and Evaluation",
            "Chair Communications and Awareness",
        ] {
            assert_eq!(split(name), vec![name.to_string()]);
        }
    }

    #[test]
    fn a_cell_naming_several_roles_is_split_where_a_new_role_starts() {
        assert_eq!(
            split("LSCB and Chair of Board"),
            vec!["LSCB", "Chair of Board"]
        );
        assert_eq!(
            split("LSCB Chair, and Chair Monitoring & Evaluation Group"),
            vec!["LSCB Chair", "Chair Monitoring & Evaluation Group"]
        );
        assert_eq!(
            split("Chair Policy and Procedure and Development Officer"),
            vec!["Chair Policy and Procedure", "Development Officer"]
        );
        assert_eq!(
            split("Chair Communications and Awareness + Participation officer"),
            vec![
                "Chair Communications and Awareness",
                "Participation officer"
            ]
        );
        assert_eq!(
            split("Service Director, Prevention and Safeguarding, Chair of the LSCB"),
            vec![
                "Service Director, Prevention and Safeguarding",
                "Chair of the LSCB"
            ]
        );
        assert_eq!(
            split("LSCB and Strategic Director learning and Children's Services"),
            vec![
                "LSCB",
                "Strategic Director learning and Children's Services"
            ]
        );
    }

    #[test]
    fn a_bare_title_before_a_comma_is_not_split_off() {
        assert_eq!(split("Deputy Chair, LSCB"), vec!["Deputy Chair, LSCB"]);
    }

    #[test]
    fn a_comma_inside_a_name_does_not_change_its_key() {
        assert_eq!(
            key("Service Director, Prevention and Safeguarding"),
            key("Service Director Prevention and Safeguarding")
        );
    }

    #[test]
    fn a_footnote_digit_after_a_lead_is_dropped() {
        assert_eq!(
            split("Monitoring and Evaluation Sub Group 3"),
            vec!["Monitoring and Evaluation Sub Group"]
        );
        assert_eq!(split("Chair Group 3"), vec!["Chair Group 3"]);
    }

    #[test]
    fn merged_spellings_keep_the_most_used_as_title_and_warn() {
        let mut r = Registry::default();
        r.add("Chair Policy & Procedure Group", 10);
        r.add("Chair Policy and Procedure", 12);
        r.add("Chair Policy and Procedure", 14);
        r.add("Chair Policy & procedure", 15);
        let done = r.finish(&[active("Policy and Procedures")]);
        assert_eq!(done.roles.len(), 1);
        let role = &done.roles[0];
        assert_eq!(role.id, "chair-policy-and-procedure");
        assert_eq!(role.title, "Chair Policy and Procedure");
        assert_eq!(role.aliases.len(), 2);
        assert_eq!(role.subgroup.as_deref(), Some("Policy and Procedures"));
        assert_eq!(done.warnings.len(), 1);
        assert_eq!(done.warnings[0].kind, WarningKind::RoleVariantsMerged);
        assert_eq!(done.warnings[0].line, 10);
    }

    #[test]
    fn a_chair_is_linked_to_the_sub_group_its_name_matches() {
        let subgroups: Vec<(String, String)> = [
            "Serious case Reviews",
            "Training",
            "Monitoring and Evaluation",
        ]
        .iter()
        .map(|n| (key(n), n.to_string()))
        .collect();
        assert_eq!(
            subgroup_for(&key("Chair Serious Case Review sub group"), &subgroups).as_deref(),
            Some("Serious case Reviews")
        );
        assert_eq!(
            subgroup_for(&key("Chair Training Group"), &subgroups).as_deref(),
            Some("Training")
        );
        assert_eq!(
            subgroup_for(&key("Monitoring and Evaluation Sub Group"), &subgroups).as_deref(),
            Some("Monitoring and Evaluation")
        );
        assert_eq!(subgroup_for(&key("Development Officer"), &subgroups), None);
        assert_eq!(
            subgroup_for(&key("Deputy Chair Training"), &subgroups),
            None
        );
    }
}
