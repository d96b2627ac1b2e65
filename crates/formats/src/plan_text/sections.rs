//! The prose above the plan table: the board's name and area, the plan's title and years,
//! how often the board meets, its member agencies and sub-groups (active and proposed), and
//! its reviews — codes and titles from the source key, dates and listed recommendations
//! from the paragraphs that describe them.

use std::collections::{HashMap, HashSet};

use domain::{
    Agency, ImportReport, Inferred, Period, PlanStatus, Recommendation, Review, ReviewKind,
    Subgroup, SubgroupStatus, Warning, WarningKind,
};
use jiff::civil::Date;

use super::lines::{self, Line};
use super::text::{self, collapse_ws, content_stems, count, dates_in, words};
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
struct Item {
    text: String,
    line: usize,
}

/// The prose as paragraphs (one line each) and bulleted lists. A list runs on across
/// blank lines, so a list split by a stray blank line stays one list.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Block<'a> {
    Para(Line<'a>),
    List(Vec<Item>),
}

fn blocks<'a>(lines: &[Line<'a>]) -> Vec<Block<'a>> {
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

/// "Source key", "Key to sources", "Key:".
fn is_key_heading(text: &str) -> bool {
    let t = text.trim().trim_end_matches(':').to_lowercase();
    t.len() < 40 && words(&t).any(|w| w == "key")
}

/// A review code: short, no spaces, with a capital letter ("C&D", "PR", "SCR", "OI").
fn is_code(code: &str) -> bool {
    (1..=8).contains(&code.chars().count())
        && code.chars().any(|c| c.is_ascii_uppercase())
        && code
            .chars()
            .all(|c| c.is_alphanumeric() || "&/.-'".contains(c))
}

/// The entries of a source-key line: "C&D = Challenge and development day". After a key
/// heading, "PR: Peer review" and "PR - Peer review" are read too.
fn key_entries(text: &str, loose: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for part in text.split(';') {
        let split = part.split_once('=').or_else(|| {
            if !loose {
                return None;
            }
            part.split_once(" - ")
                .or_else(|| part.split_once(" – "))
                .or_else(|| part.split_once(':'))
        });
        let Some((code, title)) = split else { continue };
        let (code, title) = (code.trim(), collapse_ws(title));
        if is_code(code) && !title.is_empty() && title.chars().count() <= 80 {
            out.push((code.to_string(), title));
        }
    }
    out
}

/// True for a line the source-key reader takes, so the table reader need not report it.
pub(crate) fn is_source_key_line(text: &str) -> bool {
    is_key_heading(text) || !key_entries(text, false).is_empty()
}

/// What kind of review a source-key title names.
fn review_kind(title: &str) -> ReviewKind {
    let t = title.to_lowercase();
    let any = |ws: &[&str]| ws.iter().any(|w| t.contains(w));
    if any(&["peer"]) {
        ReviewKind::PeerReview
    } else if any(&["challenge"]) {
        ReviewKind::ChallengeAndDevelopment
    } else if any(&["serious case", "scr"]) {
        ReviewKind::SeriousCaseReview
    } else if any(&["inspect", "ofsted", "cqc", "hmic"]) {
        ReviewKind::Inspection
    } else if any(&["audit", "section 11", "self assessment", "self-assessment"]) {
        ReviewKind::Audit
    } else if any(&[
        "laming",
        "munro",
        "national",
        "stocktake",
        "government",
        "inquiry",
        "lord ",
    ]) {
        ReviewKind::NationalReview
    } else {
        ReviewKind::Other
    }
}

/// The source key's reviews, with the line each was defined on.
fn source_key(blocks: &[Block<'_>]) -> Vec<(Review, usize)> {
    let review = |(code, title): (String, String), line: usize| {
        let kind = review_kind(&title);
        (
            Review {
                code,
                title,
                kind,
                date: None,
                date_label: None,
                recommendations: Vec::new(),
            },
            line,
        )
    };
    let mut out = Vec::new();
    if let Some(k) = blocks
        .iter()
        .position(|b| matches!(b, Block::Para(l) if is_key_heading(l.text)))
    {
        for b in &blocks[k + 1..] {
            let Block::Para(l) = b else { break };
            let entries = key_entries(l.text, true);
            if entries.is_empty() {
                break;
            }
            out.extend(entries.into_iter().map(|e| review(e, l.number)));
        }
    }
    if out.is_empty() {
        for b in blocks {
            if let Block::Para(l) = b {
                out.extend(
                    key_entries(l.text, false)
                        .into_iter()
                        .map(|e| review(e, l.number)),
                );
            }
        }
    }
    let mut seen = HashSet::new();
    out.retain(|(r, _)| seen.insert(r.code.clone()));
    out
}

/// Which review a line of prose is about, by the words of the reviews' titles (a word
/// shared by several titles, like "review", counts for less) or by its code.
struct Matcher {
    stems: Vec<Vec<String>>,
    codes: Vec<String>,
    weight: HashMap<String, f64>,
}

impl Matcher {
    fn new(reviews: &[Review]) -> Self {
        let stems: Vec<Vec<String>> = reviews.iter().map(|r| content_stems(&r.title)).collect();
        let mut df: HashMap<String, f64> = HashMap::new();
        for s in stems.iter().flatten() {
            *df.entry(s.clone()).or_insert(0.0) += 1.0;
        }
        let weight = df.into_iter().map(|(s, n)| (s, 1.0 / n)).collect();
        Self {
            stems,
            codes: reviews.iter().map(|r| r.code.clone()).collect(),
            weight,
        }
    }

    fn scores(&self, line: &str) -> Vec<f64> {
        let have: HashSet<String> = content_stems(line).into_iter().collect();
        let tokens: HashSet<&str> = line
            .split(|c: char| c.is_whitespace() || "()[],.;:\"'".contains(c))
            .filter(|t| !t.is_empty())
            .collect();
        self.stems
            .iter()
            .zip(&self.codes)
            .map(|(stems, code)| {
                if code.chars().count() >= 2 && tokens.contains(code.as_str()) {
                    return 1.0;
                }
                let w = |s: &String| self.weight.get(s).copied().unwrap_or(1.0);
                let total: f64 = stems.iter().map(w).sum();
                let hit: f64 = stems.iter().filter(|s| have.contains(*s)).map(w).sum();
                if total > 0.0 { hit / total } else { 0.0 }
            })
            .collect()
    }

    /// The one review this line is plainly about, if any.
    fn best(&self, line: &str) -> Option<usize> {
        let scores = self.scores(line);
        let (i, &top) = scores
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))?;
        let unique = scores.iter().enumerate().all(|(j, s)| j == i || *s < top);
        (top >= 0.5 && unique).then_some(i)
    }
}

/// A list whose items mostly end in "*" is a list of topics (the stocktake's questions, a
/// review's terms), not recommendations.
fn is_starred(items: &[Item]) -> bool {
    items.iter().filter(|i| i.text.ends_with('*')).count() * 2 > items.len()
}

/// Give each review the recommendations listed under the paragraphs that describe it, and
/// the date those paragraphs give.
fn recommendations(
    blocks: &[Block<'_>],
    claimed: &[bool],
    reviews: &mut [Review],
    report: &mut ImportReport,
) {
    if reviews.is_empty() {
        return;
    }
    let matcher = Matcher::new(reviews);
    // Which review each paragraph is plainly about, worked out once.
    let about: Vec<Option<usize>> = blocks
        .iter()
        .map(|b| match b {
            Block::Para(l) => matcher.best(l.text),
            Block::List(_) => None,
        })
        .collect();
    let date_in = |k: usize| match &blocks[k] {
        Block::Para(l) => dates_in(l.text).into_iter().next(),
        Block::List(_) => None,
    };
    // Paragraphs since the last list that was not a list of topics, nearest last.
    let mut window: Vec<usize> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let items = match b {
            Block::Para(_) => {
                window.push(i);
                continue;
            }
            Block::List(items) => items,
        };
        if claimed[i] {
            window.clear();
            continue;
        }
        if is_starred(items) {
            continue;
        }
        let hit = window.iter().rev().find_map(|&k| about[k]);
        match hit.and_then(|r| reviews.get_mut(r).map(|rv| (r, rv))) {
            Some((r, review)) => {
                let start = review.recommendations.len();
                review.recommendations.extend(items.iter().enumerate().map(|(k, item)| Recommendation {
                    number: u32::try_from(start + k + 1).unwrap_or(u32::MAX),
                    text: item.text.clone(),
                    answered_by: Vec::new(),
                }));
                if review.date.is_none() {
                    let found = window.iter().rev().filter(|&&k| about[k] == Some(r)).find_map(|&k| date_in(k));
                    if let Some(d) = found {
                        review.date = Some(d.date);
                        review.date_label = Some(d.label);
                    }
                }
            }
            None => report.warnings.push(Warning {
                line: items.first().map_or(0, |i| i.line),
                kind: WarningKind::Other,
                message: "this bulleted list could not be matched to a review in the source key, so its items were not read as recommendations.".to_string(),
            }),
        }
        window.clear();
    }
    // A review without a list (or whose paragraphs gave no date): the first paragraph
    // plainly about it that has a date.
    for (r, review) in reviews.iter_mut().enumerate() {
        if review.date.is_some() {
            continue;
        }
        if let Some(d) = (0..blocks.len())
            .filter(|&k| about[k] == Some(r))
            .find_map(date_in)
        {
            review.date = Some(d.date);
            review.date_label = Some(d.label);
        }
    }
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
    let mut keyed = source_key(&blocks);
    if keyed.is_empty() {
        keyed = source_key(&self::blocks(after));
    }
    let key_lines: Vec<usize> = keyed.iter().map(|(_, l)| *l).collect();
    let mut reviews: Vec<Review> = keyed.into_iter().map(|(r, _)| r).collect();
    recommendations(&blocks, &claimed, &mut reviews, report);
    for (review, line) in reviews.iter().zip(key_lines) {
        if review.recommendations.is_empty() {
            report.warnings.push(Warning {
                line,
                kind: WarningKind::Other,
                message: format!(
                    "no listed recommendations were found for {} ({}), so nothing can be traced to it.",
                    review.code, review.title
                ),
            });
        }
    }
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
    fn source_key_lines_give_codes_and_titles() {
        assert_eq!(
            key_entries("C&D = Challenge and development day", false),
            vec![("C&D".into(), "Challenge and development day".into())]
        );
        assert_eq!(
            key_entries("SCR: Serious case review", true),
            vec![("SCR".into(), "Serious case review".into())]
        );
        assert!(key_entries("The board = everyone", false).is_empty());
    }

    #[test]
    fn review_kinds_follow_their_titles() {
        assert_eq!(
            review_kind("Challenge and development day"),
            ReviewKind::ChallengeAndDevelopment
        );
        assert_eq!(review_kind("Peer review"), ReviewKind::PeerReview);
        assert_eq!(review_kind("Peer challenge"), ReviewKind::PeerReview);
        assert_eq!(review_kind("Laming review"), ReviewKind::NationalReview);
        assert_eq!(
            review_kind("Serious case review"),
            ReviewKind::SeriousCaseReview
        );
        assert_eq!(review_kind("Ofsted inspection"), ReviewKind::Inspection);
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
