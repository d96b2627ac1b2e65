//! The plan's reviews: codes and titles from its source key ("PR = Peer review"), and from
//! the prose that describes each review, its date and its listed recommendations.
//!
//! Each bulleted list in the prose is matched to a review by the words of the paragraphs
//! just above it (the review's title words, or its code), not by any board's wording; a
//! list of topics whose items end in "*" is not a list of recommendations.

use std::collections::{HashMap, HashSet};

use domain::{ImportReport, Recommendation, Review, ReviewKind, Warning, WarningKind};

use super::sections::{Block, Item};
use super::text::{collapse_ws, content_stems, dates_in, words};

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

/// The reviews of the source key in `blocks` (else in `after`, the prose below the table),
/// with the recommendations and dates that the prose gives them; lists already `claimed`
/// (agencies, sub-groups) are left alone.
pub(crate) fn read(
    blocks: &[Block<'_>],
    after: &[Block<'_>],
    claimed: &[bool],
    report: &mut ImportReport,
) -> Vec<Review> {
    let mut keyed = source_key(blocks);
    if keyed.is_empty() {
        keyed = source_key(after);
    }
    let key_lines: Vec<usize> = keyed.iter().map(|(_, l)| *l).collect();
    let mut reviews: Vec<Review> = keyed.into_iter().map(|(r, _)| r).collect();
    recommendations(blocks, claimed, &mut reviews, report);
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
    reviews
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
