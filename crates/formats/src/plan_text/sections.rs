//! The prose above the plan table: the board's name and area, the plan's title and years,
//! how often the board meets, and its member agencies and sub-groups (active and proposed).
//! The prose's reviews are read by `reviews`.

use std::collections::HashSet;

use domain::{
    Agency, ImportReport, Inferred, Period, PlanStatus, Review, Subgroup, SubgroupStatus, Warning,
    WarningKind,
};
use jiff::civil::Date;

use super::lines::{self, Line};
use super::reviews;
use super::text::{self, collapse_ws, count, words};
use crate::{FormatError, Place};

/// What the prose says about the board and the plan.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Prose {
    pub name: String,
    pub area: Option<String>,
    pub title: String,
    pub period: Period,
    pub status: PlanStatus,
    pub meetings_per_year: Option<u32>,
    pub agencies: Vec<Agency>,
    pub subgroups: Vec<Subgroup>,
    pub reviews: Vec<Review>,
}

/// A bulleted item and its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Item {
    pub text: String,
    pub line: usize,
}

/// The prose as paragraphs (one line each) and bulleted lists. A list runs on across
/// blank lines, so a list split by a stray blank line stays one list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block<'a> {
    Para(Line<'a>),
    List(Vec<Item>),
}

pub(crate) fn blocks<'a>(lines: &[Line<'a>]) -> Vec<Block<'a>> {
    let mut out: Vec<Block<'a>> = Vec::new();
    for line in lines {
        if line.is_blank() {
            continue;
        }
        match lines::bullet(line.text) {
            Some(item) => {
                let item = Item {
                    text: collapse_ws(item),
                    line: line.number,
                };
                match out.last_mut() {
                    Some(Block::List(items)) => items.push(item),
                    _ => out.push(Block::List(vec![item])),
                }
            }
            None => out.push(Block::Para(*line)),
        }
    }
    out
}

fn lower_ascii_spaced(s: &str) -> String {
    // Same byte length as `s`, so offsets found in it can be used on `s`.
    s.to_ascii_lowercase().replace('-', " ")
}

/// "1 Introduction", "2. Reviews of the board", "Section 3".
fn is_section_heading(text: &str) -> bool {
    let t = text.trim();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = t[digits..].trim_start_matches('.');
        return rest.starts_with(' ')
            && rest.trim_start().starts_with(char::is_uppercase)
            && t.len() < 80;
    }
    let lower = t.to_ascii_lowercase();
    lower.starts_with("section ") && t.len() < 20
}

/// The title lines at the top of the document, before the first section, sentence or long
/// paragraph.
fn headings<'a>(blocks: &[Block<'a>]) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Para(l)
                if !is_section_heading(l.text)
                    && l.text.trim().chars().count() <= 100
                    && !l.text.trim_end().ends_with('.') =>
            {
                out.push(*l);
            }
            _ => break,
        }
    }
    out
}

fn has_word(text: &str, word: &str) -> bool {
    words(text).any(|w| w == word)
}

fn alphabetic_words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .count()
}

/// The plan's title: the fullest heading line that says "plan".
fn title<'a>(headings: &[Line<'a>], blocks: &[Block<'a>]) -> Option<Line<'a>> {
    let best = |lines: &mut dyn Iterator<Item = Line<'a>>| {
        lines
            .filter(|l| has_word(l.text, "plan"))
            .max_by_key(|l| (alphabetic_words(l.text), l.number))
    };
    best(&mut headings.iter().copied()).or_else(|| {
        best(&mut blocks.iter().filter_map(|b| match b {
            Block::Para(l)
                if l.text.trim().chars().count() <= 100 && text::year_span(l.text).is_some() =>
            {
                Some(*l)
            }
            _ => None,
        }))
    })
}

fn period_of(first: i16, last: i16) -> Option<Period> {
    if last == first + 1 {
        return Period::financial_year(first);
    }
    let start = Date::new(first, 4, 1).ok()?;
    let end = Date::new(last, 3, 31).ok()?;
    Period::new(start, end).ok()
}

/// The plan's period from the years in its title ("2009 - 2010" → the 2009-10 financial
/// year), else from another heading; a single year is read as the financial year it
/// starts, and reported as a guess.
fn period(
    title: Option<&Line<'_>>,
    headings: &[Line<'_>],
    report: &mut ImportReport,
) -> Result<Period, FormatError> {
    let span = title
        .and_then(|t| text::year_span(t.text))
        .or_else(|| headings.iter().find_map(|h| text::year_span(h.text)));
    if let Some(p) = span.and_then(|(a, b)| period_of(a, b)) {
        return Ok(p);
    }
    if let Some(t) = title
        && let Some(p) = text::single_year(t.text).and_then(Period::financial_year)
    {
        report.inferred.push(Inferred {
            line: t.number,
            what: format!(
                "the plan's period was read as the financial year {} to {}, from the one year in its title.",
                p.start, p.end
            ),
        });
        return Ok(p);
    }
    let fix =
        "Put the plan's title with its years above the table, e.g. \"Improvement Plan 2009-2010\".";
    Err(match title {
        Some(t) => FormatError::new(
            Place::Line(t.number),
            format!(
                "the plan's title \"{}\" gives no years, so the plan's period is unknown.",
                t.text.trim()
            ),
            fix,
        ),
        None => FormatError::new(
            Place::Document,
            "no plan title with its years was found above the plan table, so the plan's period is unknown.",
            fix,
        ),
    })
}

/// The local authority area from a heading like "The Royal Borough of Kingston upon Thames"
/// or "Slough Borough Council".
fn area(headings: &[Line<'_>]) -> Option<String> {
    for h in headings {
        let t = h.text.trim();
        let lower = t.to_ascii_lowercase();
        for marker in ["borough of ", "city of ", "county of ", "district of "] {
            if let Some(i) = lower.find(marker) {
                let a = t[i + marker.len()..].trim();
                if !a.is_empty() {
                    return Some(a.to_string());
                }
            }
        }
        for suffix in [
            " county council",
            " city council",
            " borough council",
            " district council",
            " council",
        ] {
            if let Some(stripped) = lower.strip_suffix(suffix) {
                let a = t[..stripped.len()].trim();
                let a = a.strip_prefix("The ").unwrap_or(a);
                if !a.is_empty() {
                    return Some(a.to_string());
                }
            }
        }
    }
    None
}

/// Words that begin the "what kind of plan" part of a title.
const PLAN_WORDS: [&str; 13] = [
    "improvement",
    "business",
    "strategic",
    "action",
    "work",
    "annual",
    "plan",
    "delivery",
    "operational",
    "development",
    "three",
    "draft",
    "final",
];

/// The board's name: the title before its "Improvement Plan" words ("Kingston LSCB"), else
/// a heading naming a board, with the area put in front when the name lacks it.
fn name(title: Option<&Line<'_>>, headings: &[Line<'_>], area: Option<&str>) -> Option<String> {
    let with_area = |n: String| match area {
        Some(a) if !n.to_lowercase().contains(&a.to_lowercase()) => format!("{a} {n}"),
        _ => n,
    };
    if let Some(t) = title {
        let kept: Vec<&str> = t
            .text
            .split_whitespace()
            .take_while(|w| {
                let lw = w
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                !PLAN_WORDS.contains(&lw.as_str()) && !lw.starts_with(|c: char| c.is_ascii_digit())
            })
            .collect();
        let n = kept.join(" ");
        if n.chars().any(char::is_alphabetic) {
            let bare = super::roles::key(&n) == super::roles::BOARD;
            return Some(if bare { with_area(n) } else { n });
        }
    }
    headings
        .iter()
        .find(|h| {
            let lower = h.text.to_lowercase();
            ["board", "partnership", "lscb", "committee"]
                .iter()
                .any(|w| lower.contains(w))
        })
        .map(|h| with_area(collapse_ws(h.text)))
        .or_else(|| area.map(str::to_string))
}

/// How often the board meets: "meets four times a year" → 4, "meets quarterly" → 4.
fn meetings_per_year(blocks: &[Block<'_>]) -> Option<u32> {
    blocks.iter().find_map(|b| {
        let Block::Para(l) = b else { return None };
        let ws: Vec<String> = words(l.text).collect();
        ws.iter().enumerate().find_map(|(i, w)| {
            if !w.starts_with("meet") {
                return None;
            }
            let next: Vec<&str> = ws.iter().skip(i + 1).take(6).map(String::as_str).collect();
            frequency(&next)
        })
    })
}

fn frequency(next: &[&str]) -> Option<u32> {
    let per = |rest: &[&str]| -> Option<u32> {
        let unit = rest
            .iter()
            .find(|w| matches!(**w, "year" | "annum" | "annually" | "month" | "quarter"))?;
        Some(match *unit {
            "month" => 12,
            "quarter" => 4,
            _ => 1,
        })
    };
    for (i, w) in next.iter().enumerate() {
        match *w {
            "quarterly" => return Some(4),
            "monthly" if i > 0 && next[i - 1] == "bi" => return Some(6),
            "monthly" => return Some(12),
            "bimonthly" => return Some(6),
            "twice" => return per(&next[i + 1..]).map(|m| 2 * m),
            "once" => return per(&next[i + 1..]),
            _ => {}
        }
        if let Some(n) = count(w)
            && next.get(i + 1) == Some(&"times")
        {
            return per(&next[i + 2..]).map(|m| n * m);
        }
    }
    None
}

/// The first unclaimed list within a few paragraphs after block `i`.
fn list_after(blocks: &[Block<'_>], i: usize, claimed: &[bool]) -> Option<usize> {
    let mut paras = 0;
    for j in i + 1..blocks.len().min(i + 5) {
        match &blocks[j] {
            Block::List(_) if !claimed[j] => return Some(j),
            Block::List(_) => return None,
            Block::Para(_) => {
                paras += 1;
                if paras > 2 {
                    return None;
                }
            }
        }
    }
    None
}

fn items(blocks: &[Block<'_>], j: usize) -> Vec<Item> {
    match &blocks[j] {
        Block::List(items) => items.clone(),
        Block::Para(_) => Vec::new(),
    }
}

/// The list after a paragraph that `intro` accepts, claimed so no other reader takes it.
fn claim_list(
    blocks: &[Block<'_>],
    claimed: &mut [bool],
    intro: impl Fn(&str) -> bool,
) -> Option<(usize, Vec<Item>)> {
    let (i, j) = blocks.iter().enumerate().find_map(|(i, b)| match b {
        Block::Para(l) if intro(l.text) => list_after(blocks, i, claimed).map(|j| (i, j)),
        _ => None,
    })?;
    claimed[j] = true;
    Some((i, items(blocks, j)))
}

fn agencies(blocks: &[Block<'_>], claimed: &mut [bool]) -> Vec<Agency> {
    let intro = |t: &str| {
        let lower = t.to_lowercase();
        lower.contains("agenc")
            && ["represent", "member", "following", "include", "comprise"]
                .iter()
                .any(|w| lower.contains(w))
    };
    claim_list(blocks, claimed, intro)
        .map(|(_, items)| items.into_iter().map(|i| Agency { name: i.text }).collect())
        .unwrap_or_default()
}

fn mentions_subgroup(lower_spaced: &str) -> bool {
    lower_spaced.contains("sub group") || lower_spaced.contains("subgroup")
}

/// The number stated before "sub groups" ("There are 8 sub groups").
fn stated_subgroup_count(text: &str) -> Option<u32> {
    let ws: Vec<String> = words(text).collect();
    let at = ws
        .iter()
        .position(|w| w == "subgroups" || w == "subgroup")
        .or_else(|| {
            ws.windows(2)
                .position(|p| p[0] == "sub" && p[1].starts_with("group"))
        })?;
    at.checked_sub(1).and_then(|i| count(&ws[i]))
}

fn subgroups(
    blocks: &[Block<'_>],
    claimed: &mut [bool],
    report: &mut ImportReport,
) -> Vec<Subgroup> {
    let intro = |t: &str| {
        let lower = lower_ascii_spaced(t);
        mentions_subgroup(&lower) && !lower.contains("propos")
    };
    let mut out: Vec<Subgroup> = Vec::new();
    if let Some((i, items)) = claim_list(blocks, claimed, intro) {
        if let Block::Para(l) = &blocks[i]
            && let Some(n) = stated_subgroup_count(l.text)
            && usize::try_from(n).ok() != Some(items.len())
        {
            report.warnings.push(Warning {
                line: l.number,
                kind: WarningKind::Other,
                message: format!(
                    "the text says there are {n} sub-groups, but its list names {}.",
                    items.len()
                ),
            });
        }
        out.extend(items.into_iter().map(|i| Subgroup {
            name: i.text,
            status: SubgroupStatus::Active,
            terms_of_reference: None,
        }));
    }
    let known: HashSet<String> = out.iter().map(|s| super::roles::key(&s.name)).collect();
    for b in blocks {
        let Block::Para(l) = b else { continue };
        if let Some(name) = proposed_subgroup(l.text) {
            let k = super::roles::key(&name);
            if !known.contains(&k) && !out.iter().any(|s| super::roles::key(&s.name) == k) {
                out.push(Subgroup {
                    name,
                    status: SubgroupStatus::Proposed,
                    terms_of_reference: None,
                });
            }
        }
    }
    out
}

/// "…it has been proposed that a Quality assurance sub group is set up" → "Quality assurance".
fn proposed_subgroup(text: &str) -> Option<String> {
    let lower = lower_ascii_spaced(text);
    let from = lower.find("propos")?;
    let pos = [" sub group", " subgroup"]
        .iter()
        .filter_map(|m| lower[from..].find(m).map(|p| p + from))
        .min()?;
    let before = text.get(..pos)?;
    let mut name: Vec<&str> = Vec::new();
    for w in before.split_whitespace().rev() {
        let lw = w.to_lowercase();
        if name.len() >= 5
            || [
                "a", "an", "the", "new", "that", "proposed", "propose", "proposes", "to", "of",
                "for", "separate", "is",
            ]
            .contains(&lw.as_str())
        {
            break;
        }
        name.push(w);
    }
    name.reverse();
    let n = name.join(" ");
    n.chars().any(char::is_alphabetic).then_some(n)
}

/// Read the prose above the table (`before`), and the source key below it (`after`) when
/// there is none above.
pub(crate) fn read(
    before: &[Line<'_>],
    after: &[Line<'_>],
    report: &mut ImportReport,
) -> Result<Prose, FormatError> {
    let blocks = blocks(before);
    let headings = headings(&blocks);
    let title_line = title(&headings, &blocks);
    let period = period(title_line.as_ref(), &headings, report)?;
    let area = area(&headings);
    let name = name(title_line.as_ref(), &headings, area.as_deref()).unwrap_or_else(|| {
        report.warnings.push(Warning {
            line: 0,
            kind: WarningKind::Other,
            message: "no board name was found at the top of the document; the board was called \"Unnamed board\".".to_string(),
        });
        "Unnamed board".to_string()
    });
    let title = title_line.map_or_else(|| format!("{name} plan"), |l| collapse_ws(l.text));
    let status = if headings
        .iter()
        .any(|h| h.text.to_lowercase().contains("draft"))
    {
        PlanStatus::Draft
    } else {
        PlanStatus::Active
    };
    let mut claimed = vec![false; blocks.len()];
    let agencies = agencies(&blocks, &mut claimed);
    let subgroups = subgroups(&blocks, &mut claimed, report);
    let reviews = reviews::read(&blocks, &self::blocks(after), &claimed, report);
    Ok(Prose {
        name,
        area,
        title,
        period,
        status,
        meetings_per_year: meetings_per_year(&blocks),
        agencies,
        subgroups,
        reviews,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str) -> Block<'_> {
        Block::Para(Line { number: 1, text })
    }

    #[test]
    fn meeting_frequency_is_read_from_words() {
        assert_eq!(
            meetings_per_year(&[para("the LSCB which meets four times a year:")]),
            Some(4)
        );
        assert_eq!(
            meetings_per_year(&[para("The board meets quarterly.")]),
            Some(4)
        );
        assert_eq!(
            meetings_per_year(&[para("It meets 6 times per year")]),
            Some(6)
        );
        assert_eq!(
            meetings_per_year(&[para("The board meets twice a year")]),
            Some(2)
        );
        assert_eq!(
            meetings_per_year(&[para("Members meet bi-monthly")]),
            Some(6)
        );
        assert_eq!(meetings_per_year(&[para("No frequency here")]), None);
    }

    #[test]
    fn a_proposed_sub_group_is_named_from_its_sentence() {
        assert_eq!(
            proposed_subgroup("it has been proposed that a Quality assurance sub group is set up")
                .as_deref(),
            Some("Quality assurance")
        );
        assert_eq!(proposed_subgroup("The sub groups have agreed terms"), None);
    }

    #[test]
    fn the_area_is_read_from_a_council_heading() {
        let l = |text| Line { number: 1, text };
        assert_eq!(
            area(&[l("The Royal Borough of Kingston upon Thames")]).as_deref(),
            Some("Kingston upon Thames")
        );
        assert_eq!(
            area(&[l("Riverford County Council")]).as_deref(),
            Some("Riverford")
        );
    }

    #[test]
    fn a_stated_sub_group_count_is_read() {
        assert_eq!(
            stated_subgroup_count("There are 8 sub groups aligned"),
            Some(8)
        );
        assert_eq!(stated_subgroup_count("There are five subgroups"), Some(5));
    }
}
