//! Review recommendations traced to the objectives and actions that answer them.
//!
//! A recommendation is compared, by its content words (stop-words out, crudely stemmed so
//! "Induct" meets "Induction"), with every objective title and action text that cites the
//! review among its sources. Words that many rows share ("LSCB", "safeguarding") count for
//! less than rare ones. The best matches answer it; a recommendation nothing matches well
//! enough is a gap the board must see.

use std::collections::HashMap;

use domain::{Gap, Objective, Review};

use super::text::content_stems;

/// Below this score nothing answers a recommendation.
pub(crate) const THRESHOLD: f64 = 0.2;
/// Matches this close to the best one answer it too.
const NEAR_BEST: f64 = 0.8;
/// At most this many rows answer one recommendation.
const MAX_LINKS: usize = 3;

/// Words as small numbers, so that comparing two texts is a merge of sorted lists.
#[derive(Default)]
struct Vocabulary {
    ids: HashMap<String, usize>,
}

impl Vocabulary {
    fn words(&mut self, text: &str) -> Vec<usize> {
        let mut ids: Vec<usize> = content_stems(text)
            .into_iter()
            .map(|s| {
                let next = self.ids.len();
                *self.ids.entry(s).or_insert(next)
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// An objective title or action text that may answer a recommendation.
struct Candidate<'a> {
    /// "4" for an objective, "4.1" for an action.
    label: &'a str,
    words: Vec<usize>,
    sources: &'a [String],
    norm: f64,
}

fn candidates<'a>(objectives: &'a [Objective], vocabulary: &mut Vocabulary) -> Vec<Candidate<'a>> {
    let mut out = Vec::new();
    for o in objectives {
        out.push(Candidate {
            label: &o.number,
            words: vocabulary.words(&o.title),
            sources: &o.sources,
            norm: 0.0,
        });
        for a in &o.actions {
            out.push(Candidate {
                label: &a.id,
                words: vocabulary.words(&a.text),
                sources: o.sources_for(a),
                norm: 0.0,
            });
        }
    }
    out.retain(|c| !c.words.is_empty());
    out
}

/// How much each word tells rows apart (rare words weigh more), squared for the cosine.
struct Weights {
    squared: Vec<f64>,
    unseen: f64,
}

impl Weights {
    fn new(candidates: &[Candidate<'_>], vocabulary_size: usize) -> Self {
        let mut df = vec![0.0_f64; vocabulary_size];
        for w in candidates.iter().flat_map(|c| &c.words) {
            df[*w] += 1.0;
        }
        let n = candidates.len().max(1) as f64;
        let idf = |d: f64| {
            if d > 0.0 {
                1.0 + (n / d).ln()
            } else {
                1.0 + n.ln()
            }
        };
        Self {
            squared: df.into_iter().map(|d| idf(d).powi(2)).collect(),
            unseen: idf(0.0).powi(2),
        }
    }

    fn of(&self, word: usize) -> f64 {
        self.squared.get(word).copied().unwrap_or(self.unseen)
    }

    fn norm(&self, words: &[usize]) -> f64 {
        words.iter().map(|w| self.of(*w)).sum::<f64>().sqrt()
    }
}

/// Cosine of the weighted word sets (both sorted) of a recommendation and a row.
fn score(rec: &[usize], rec_norm: f64, row: &Candidate<'_>, weights: &Weights) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0.0);
    while i < rec.len() && j < row.words.len() {
        match rec[i].cmp(&row.words[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += weights.of(rec[i]);
                i += 1;
                j += 1;
            }
        }
    }
    let denominator = rec_norm * row.norm;
    if denominator > 0.0 {
        shared / denominator
    } else {
        0.0
    }
}

/// Fill each recommendation's `answered_by`; return the recommendations nothing answers.
pub(crate) fn trace(reviews: &mut [Review], objectives: &[Objective]) -> Vec<Gap> {
    let mut vocabulary = Vocabulary::default();
    let mut candidates = candidates(objectives, &mut vocabulary);
    let weights = Weights::new(&candidates, vocabulary.ids.len());
    for c in &mut candidates {
        c.norm = weights.norm(&c.words);
    }
    // A plan that gives no sources at all cannot narrow the search.
    let any_sources = candidates.iter().any(|c| !c.sources.is_empty());
    let mut gaps = Vec::new();
    for review in reviews.iter_mut() {
        let cited: Vec<&Candidate<'_>> = candidates
            .iter()
            .filter(|c| !any_sources || c.sources.contains(&review.code))
            .collect();
        for rec in &mut review.recommendations {
            // Words no row uses get ids past the weights' end, and the weight of an unseen word.
            let words = vocabulary.words(&rec.text);
            let norm = weights.norm(&words);
            let scored: Vec<(f64, &str)> = cited
                .iter()
                .map(|c| (score(&words, norm, c, &weights), c.label))
                .collect();
            let best = scored.iter().map(|s| s.0).fold(0.0, f64::max);
            if best < THRESHOLD {
                rec.answered_by.clear();
                gaps.push(Gap {
                    review: review.code.clone(),
                    recommendation: rec.number,
                    text: rec.text.clone(),
                });
                continue;
            }
            // Only the few near the best need sorting.
            let mut near: Vec<(f64, &str)> = scored
                .into_iter()
                .filter(|(s, _)| *s >= best * NEAR_BEST)
                .collect();
            near.sort_by(|a, b| b.0.total_cmp(&a.0));
            rec.answered_by = near
                .into_iter()
                .take(MAX_LINKS)
                .map(|(_, label)| label.to_string())
                .collect();
        }
    }
    gaps
}
