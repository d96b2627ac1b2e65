//! Cross-references in outcome text ("Combine with 8.1 – 8.2 below", "see 6.1 – 6.2",
//! "based on KPI work in 2.1 above") found and resolved into links between actions.
//!
//! A range expands over the actions that exist between its ends. Dates, money, percentages
//! and plain years are not references; nor is an action's own leading number, which is
//! already gone from its text.

use std::collections::HashMap;

use domain::{Objective, Warning, WarningKind};

use super::numbering;

/// What a reference points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    One(String),
    Range(String, String),
}

/// A reference phrase as written and the numbers it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    pub phrase: String,
    pub targets: Vec<Target>,
}

/// Words that open a reference phrase ("see", "combine with", "based on"…).
const CUES: [&str; 20] = [
    "see",
    "combine",
    "combined",
    "dovetail",
    "incorporate",
    "incorporated",
    "based",
    "link",
    "linked",
    "links",
    "refer",
    "align",
    "aligned",
    "alongside",
    "cf",
    "per",
    "builds",
    "build",
    "building",
    "feed",
];

/// Words after a number that make it an amount, not a reference.
const UNITS: [&str; 10] = [
    "%", "m", "k", "million", "percent", "per", "hours", "days", "weeks", "years",
];

/// A dotted number (two parts or more) starting at byte `i`, with where it ends.
fn number_at(text: &str, i: usize) -> Option<(String, usize)> {
    let before = text[..i].chars().next_back();
    if before.is_some_and(|c| c.is_alphanumeric() || ".£$€#".contains(c)) {
        return None;
    }
    let rest = &text[i..];
    let (len, parts) = numbering::dotted(rest)?;
    if parts < 2 {
        return None;
    }
    let after = &rest[len..];
    if after.starts_with(|c: char| c.is_alphanumeric() || c == '%') {
        return None;
    }
    let next_word: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '%')
        .collect::<String>()
        .to_lowercase();
    if UNITS.contains(&next_word.as_str()) && after.len() - after.trim_start().len() <= 1 {
        return None;
    }
    Some((rest[..len].to_string(), i + len))
}

/// Skip spaces from `i`.
fn skip_spaces(text: &str, i: usize) -> usize {
    i + (text[i..].len() - text[i..].trim_start().len())
}

/// A joiner at `i`: a dash (range) or ",", "and", "&", "/" (list); returns (is_range, end).
fn joiner(text: &str, i: usize) -> Option<(bool, usize)> {
    let rest = &text[i..];
    for (word, range) in [
        ("-", true),
        ("–", true),
        ("—", true),
        ("to ", true),
        (",", false),
        ("and ", false),
        ("&", false),
        ("/", false),
    ] {
        if rest.starts_with(word) {
            return Some((range, i + word.len()));
        }
    }
    None
}

/// The numbers of a reference group starting at `i`: "8.1 – 8.2", "6.1, 6.2 and 6.4".
fn group(text: &str, i: usize) -> Option<(Vec<Target>, usize)> {
    let (first, mut end) = number_at(text, i)?;
    let mut targets = vec![Target::One(first)];
    loop {
        let at = skip_spaces(text, end);
        let Some((range, after)) = joiner(text, at) else {
            break;
        };
        let next_at = skip_spaces(text, after);
        let Some((next, next_end)) = number_at(text, next_at) else {
            break;
        };
        if range {
            if let Some(Target::One(a)) = targets.pop() {
                targets.push(Target::Range(a, next));
            }
        } else {
            targets.push(Target::One(next));
        }
        end = next_end;
    }
    Some((targets, end))
}

/// The words of `s` with their byte offsets (plus `offset`).
fn word_spans(s: &str, offset: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((offset + st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((offset + st, &s[st..]));
    }
    out
}

/// Where the phrase around a reference at `start` begins: at the last cue word of its
/// clause ("see", "Combine"…), else a few words back.
fn phrase_start(text: &str, start: usize) -> usize {
    let head = &text[..start];
    let clause = head
        .rmatch_indices(|c: char| ";:()".contains(c))
        .map(|(i, m)| i + m.len())
        .chain(head.match_indices(". ").map(|(i, _)| i + 2).last())
        .max()
        .unwrap_or(0);
    let words = word_spans(&head[clause..], clause);
    let cue = words.iter().rposition(|(_, w)| {
        let lw = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        CUES.contains(&lw.as_str())
    });
    match cue {
        Some(k) => {
            // "as per 3.2": keep the "as".
            let k = if k > 0
                && words[k].1.eq_ignore_ascii_case("per")
                && words[k - 1].1.eq_ignore_ascii_case("as")
            {
                k - 1
            } else {
                k
            };
            words[k].0
        }
        None if words.len() > 6 => words[words.len() - 4].0,
        None => words.first().map_or(start, |(i, _)| *i),
    }
}

/// Where the phrase ends: after the numbers, and "above"/"below" if that follows.
fn phrase_end(text: &str, end: usize) -> usize {
    let at = skip_spaces(text, end);
    for word in ["above", "below", "onwards"] {
        let rest = &text[at..];
        if rest.len() >= word.len()
            && rest.is_char_boundary(word.len())
            && rest[..word.len()].eq_ignore_ascii_case(word)
            && !rest[word.len()..].starts_with(char::is_alphanumeric)
        {
            return at + word.len();
        }
    }
    end
}

/// Every reference in an outcome's text.
pub(crate) fn mentions(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Only ASCII digits start a number, so `i` is a character boundary whenever we slice.
        if bytes[i].is_ascii_digit() {
            if let Some((targets, end)) = group(text, i) {
                let start = phrase_start(text, i);
                let stop = phrase_end(text, end);
                let phrase = text[start..stop]
                    .trim()
                    .trim_end_matches(['.', ',', ';'])
                    .to_string();
                out.push(Mention { phrase, targets });
                i = end;
                continue;
            }
            // Skip the rest of this run of digits and dots.
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            continue;
        }
        i += 1;
    }
    out
}

/// A range wider than this is not a cross-reference ("1.1 – 16.1" is a span of the plan).
const MAX_RANGE: usize = 100;

/// An action as the index holds it.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Entry {
    key: numbering::OrderKey,
    position: usize,
    id: String,
}

/// The plan's actions sorted by number, so a reference is found by binary search.
struct Index {
    sorted: Vec<Entry>,
}

/// What a reference names.
enum Resolved {
    Ids(Vec<String>),
    TooWide(usize),
}

impl Index {
    fn new(objectives: &[Objective]) -> Self {
        let mut sorted: Vec<Entry> = objectives
            .iter()
            .flat_map(|o| &o.actions)
            .enumerate()
            .map(|(position, a)| Entry {
                key: numbering::order_key(&a.number),
                position,
                id: a.id.clone(),
            })
            .collect();
        sorted.sort();
        Self { sorted }
    }

    /// The ids of the actions numbered from `lo` to `hi`, in plan order.
    fn between(&self, lo: &[(u32, String)], hi: &[(u32, String)]) -> Resolved {
        if lo > hi {
            return Resolved::Ids(Vec::new());
        }
        let start = self.sorted.partition_point(|e| e.key.as_slice() < lo);
        let end = self.sorted.partition_point(|e| e.key.as_slice() <= hi);
        let found = self.sorted.get(start..end).unwrap_or_default();
        if found.len() > MAX_RANGE {
            return Resolved::TooWide(found.len());
        }
        let mut hits: Vec<(usize, &String)> = found.iter().map(|e| (e.position, &e.id)).collect();
        hits.sort_unstable();
        Resolved::Ids(hits.into_iter().map(|(_, id)| id.clone()).collect())
    }

    fn resolve(&self, target: &Target) -> Resolved {
        match target {
            Target::One(n) => {
                let k = numbering::order_key(n);
                self.between(&k, &k)
            }
            Target::Range(a, b) => self.between(&numbering::order_key(a), &numbering::order_key(b)),
        }
    }
}

fn describe(target: &Target) -> String {
    match target {
        Target::One(n) => n.clone(),
        Target::Range(a, b) => format!("{a} – {b}"),
    }
}

/// Find and resolve the cross-references of every action; a reference to nothing the plan
/// has (or to an implausibly wide range) is reported.
pub(crate) fn link(
    objectives: &mut [Objective],
    lines: &HashMap<String, usize>,
    warnings: &mut Vec<Warning>,
) {
    let index = Index::new(objectives);
    for action in objectives.iter_mut().flat_map(|o| o.actions.iter_mut()) {
        let line = lines.get(&action.id).copied().unwrap_or(0);
        for m in mentions(&action.text) {
            let mut resolved_any = false;
            for t in &m.targets {
                let problem = match index.resolve(t) {
                    Resolved::TooWide(n) => Some(format!(
                        "spans {n} outcomes, too many for a cross-reference, so it was not linked"
                    )),
                    Resolved::Ids(ids) => {
                        let ids: Vec<String> =
                            ids.into_iter().filter(|id| *id != action.id).collect();
                        let none = ids.is_empty();
                        for id in ids {
                            resolved_any = true;
                            if !action.references.contains(&id) {
                                action.references.push(id);
                            }
                        }
                        none.then(|| "names nothing the plan has".to_string())
                    }
                };
                if let Some(problem) = problem {
                    warnings.push(Warning {
                        line,
                        kind: WarningKind::UnresolvedReference,
                        message: format!(
                            "outcome {} refers to {} (\"{}\"), which {problem}.",
                            action.id,
                            describe(t),
                            m.phrase
                        ),
                    });
                }
            }
            if resolved_any && !action.reference_phrases.contains(&m.phrase) {
                action.reference_phrases.push(m.phrase);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(text: &str) -> Vec<(String, Vec<Target>)> {
        mentions(text)
            .into_iter()
            .map(|m| (m.phrase, m.targets))
            .collect()
    }

    fn range(a: &str, b: &str) -> Target {
        Target::Range(a.into(), b.into())
    }

    #[test]
    fn the_sample_phrases_are_found_with_their_numbers() {
        assert_eq!(
            phrases("young people. Combine with 8.1 – 8.2 below"),
            vec![(
                "Combine with 8.1 – 8.2 below".into(),
                vec![range("8.1", "8.2")]
            )]
        );
        assert_eq!(
            phrases("KPIs. Dovetail with work on 7.1 -7.3 below."),
            vec![(
                "Dovetail with work on 7.1 -7.3 below".into(),
                vec![range("7.1", "7.3")]
            )]
        );
        assert_eq!(
            phrases("Awareness group to include engagement see 6.1 – 6.2"),
            vec![("see 6.1 – 6.2".into(), vec![range("6.1", "6.2")])]
        );
        assert_eq!(
            phrases("interventions and incorporate into Business plan 1.1"),
            vec![(
                "incorporate into Business plan 1.1".into(),
                vec![Target::One("1.1".into())]
            )]
        );
        assert_eq!(
            phrases("will be based on KPI work in 2.1 above"),
            vec![(
                "based on KPI work in 2.1 above".into(),
                vec![Target::One("2.1".into())]
            )]
        );
    }

    #[test]
    fn dates_money_percentages_and_years_are_not_references() {
        assert!(mentions("agreed on 04.02.2009 for 2009-2010").is_empty());
        assert!(mentions("a budget of £1.5 and 2.5% growth").is_empty());
        assert!(mentions("costing 2.5 million").is_empty());
        assert!(mentions("no later than July 2010").is_empty());
    }

    #[test]
    fn a_list_of_numbers_is_one_phrase() {
        assert_eq!(
            phrases("see 6.1, 6.2 and 6.4"),
            vec![(
                "see 6.1, 6.2 and 6.4".into(),
                vec![
                    Target::One("6.1".into()),
                    Target::One("6.2".into()),
                    Target::One("6.4".into())
                ]
            )]
        );
    }

    fn plan_with(numbers: &[&str]) -> Vec<Objective> {
        let actions = numbers
            .iter()
            .enumerate()
            .map(|(i, n)| domain::Action {
                id: if numbers[..i].contains(n) {
                    format!("{n}#2")
                } else {
                    n.to_string()
                },
                number: n.to_string(),
                text: String::new(),
                sources: Vec::new(),
                timescale: None,
                leads: Vec::new(),
                references: Vec::new(),
                reference_phrases: Vec::new(),
                duplicate_of: None,
            })
            .collect();
        vec![Objective {
            number: "7".into(),
            title: String::new(),
            sources: Vec::new(),
            timescale: None,
            leads: Vec::new(),
            actions,
        }]
    }

    fn ids(r: Resolved) -> Vec<String> {
        match r {
            Resolved::Ids(ids) => ids,
            Resolved::TooWide(n) => panic!("too wide: {n}"),
        }
    }

    #[test]
    fn a_range_expands_over_the_actions_that_exist() {
        let index = Index::new(&plan_with(&["7.1", "7.2", "7.2", "7.3", "7.10", "8.1"]));
        assert_eq!(
            ids(index.resolve(&range("7.1", "7.3"))),
            ["7.1", "7.2", "7.2#2", "7.3"]
        );
        assert_eq!(
            ids(index.resolve(&Target::One("7.2".into()))),
            ["7.2", "7.2#2"]
        );
        assert!(ids(index.resolve(&range("9.1", "9.2"))).is_empty());
        assert!(ids(index.resolve(&range("7.3", "7.1"))).is_empty());
    }

    #[test]
    fn a_range_over_much_of_the_plan_is_not_a_reference() {
        let numbers: Vec<String> = (1..=150).map(|n| format!("7.{n}")).collect();
        let refs: Vec<&str> = numbers.iter().map(String::as_str).collect();
        let index = Index::new(&plan_with(&refs));
        assert!(matches!(
            index.resolve(&range("7.1", "7.150")),
            Resolved::TooWide(150)
        ));
    }
}
