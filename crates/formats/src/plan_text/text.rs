//! Word-level helpers shared by the readers: words and their crude stems, stop-words,
//! number words, dates written in prose and the year span in a plan's title.

use jiff::civil::Date;

/// `s` with every run of whitespace (including non-breaking spaces) made one space.
pub(crate) fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Lower-case words of `s`: letters and digits, with possessive `'s` and apostrophes dropped
/// ("Children's" → "children", "multi-agency" → "multi", "agency").
pub(crate) fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter_map(|raw| {
            let raw = raw.trim_matches(['\'', '’']);
            let raw = raw
                .strip_suffix("'s")
                .or_else(|| raw.strip_suffix("’s"))
                .or_else(|| raw.strip_suffix("'S"))
                .unwrap_or(raw);
            let word = if raw.bytes().all(|b| b.is_ascii_alphanumeric()) {
                raw.to_ascii_lowercase()
            } else {
                raw.chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect()
            };
            (!word.is_empty()).then_some(word)
        })
}

/// Suffixes stripped (at most twice) so that "Induct" ~ "Induction", "improve" ~
/// "improvement" ~ "improving". Crude on purpose: both sides of a comparison go through it.
const SUFFIXES: [&str; 14] = [
    "ation", "ition", "ment", "ness", "ing", "ion", "ate", "ive", "ed", "ly", "al", "er", "e", "y",
];

/// A crude stem of a lower-case word.
pub(crate) fn stem(word: &str) -> String {
    if word.len() > 4
        && let Some(base) = word.strip_suffix("ies")
    {
        return stem(&format!("{base}y"));
    }
    let mut w = word;
    if w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        w = &w[..w.len() - 1];
    }
    for _ in 0..2 {
        match SUFFIXES
            .iter()
            .find(|s| w.ends_with(**s) && w.len() >= s.len() + 3)
        {
            // The suffixes are ASCII, so cutting them off leaves a character boundary.
            Some(suffix) => w = &w[..w.len() - suffix.len()],
            None => break,
        }
    }
    w.to_string()
}

/// Words too common to tell two texts apart.
pub(crate) fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "about"
            | "across"
            | "all"
            | "also"
            | "an"
            | "and"
            | "any"
            | "are"
            | "as"
            | "at"
            | "be"
            | "been"
            | "being"
            | "both"
            | "but"
            | "by"
            | "can"
            | "could"
            | "do"
            | "does"
            | "each"
            | "eg"
            | "etc"
            | "for"
            | "from"
            | "had"
            | "has"
            | "have"
            | "how"
            | "ie"
            | "in"
            | "into"
            | "is"
            | "it"
            | "its"
            | "more"
            | "most"
            | "no"
            | "not"
            | "of"
            | "on"
            | "or"
            | "our"
            | "should"
            | "so"
            | "such"
            | "than"
            | "that"
            | "the"
            | "their"
            | "them"
            | "then"
            | "there"
            | "these"
            | "they"
            | "this"
            | "those"
            | "through"
            | "to"
            | "up"
            | "upon"
            | "was"
            | "we"
            | "were"
            | "what"
            | "which"
            | "who"
            | "will"
            | "with"
            | "within"
            | "would"
    )
}

/// The distinct stems of the content words of `s`, sorted: stop-words and bare numbers
/// are left out.
pub(crate) fn content_stems(s: &str) -> Vec<String> {
    let mut stems: Vec<String> = words(s)
        .filter(|w| !is_stop_word(w) && !w.bytes().all(|b| b.is_ascii_digit()))
        .map(|w| stem(&w))
        .collect();
    stems.sort_unstable();
    stems.dedup();
    stems
}

/// "one" … "twenty": objectives written as words ("Priority Theme One").
pub(crate) const NUMBER_WORDS: [&str; 20] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

/// "four" → 4, "Twelve" → 12.
pub(crate) fn number_word(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    NUMBER_WORDS
        .iter()
        .position(|w| *w == lower)
        .and_then(|i| u32::try_from(i + 1).ok())
}

/// A count written as digits or as a word: "8" → 8, "eight" → 8.
pub(crate) fn count(word: &str) -> Option<u32> {
    if !word.is_empty() && word.len() <= 4 && word.chars().all(|c| c.is_ascii_digit()) {
        return word.parse().ok();
    }
    number_word(word)
}

fn month(word: &str) -> Option<i8> {
    let w = word.to_lowercase();
    let i = domain::timescale::MONTHS.iter().position(|m| {
        *m == w || (w.len() == 3 && m.starts_with(&w)) || (w == "sept" && *m == "september")
    })?;
    i8::try_from(i + 1).ok()
}

fn year(word: &str) -> Option<i16> {
    if word.len() != 4 || !word.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let y: i16 = word.parse().ok()?;
    (1900..=2200).contains(&y).then_some(y)
}

/// "04", "4th", "21st" → the day of the month.
fn day(word: &str) -> Option<i8> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok()
}

/// Spans of the alphanumeric tokens of `s`, as byte ranges.
fn token_spans(s: &str) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                spans.push((st, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        spans.push((st, s.len()));
    }
    spans
}

/// A date written in prose: "04 February 2009" (that day) or "March 2009" (the first of the
/// month), with the words exactly as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProseDate {
    pub date: Date,
    pub label: String,
}

/// Every "[day] Month year" in `s`, in order.
pub(crate) fn dates_in(s: &str) -> Vec<ProseDate> {
    let spans = token_spans(s);
    let mut found = Vec::new();
    for (i, &(ms, me)) in spans.iter().enumerate() {
        let Some(m) = month(&s[ms..me]) else { continue };
        let Some(&(ys, ye)) = spans.get(i + 1) else {
            continue;
        };
        let Some(y) = year(&s[ys..ye]) else { continue };
        if !s[me..ys].trim().is_empty() {
            continue;
        }
        let before = i.checked_sub(1).and_then(|j| spans.get(j)).copied();
        let with_day = before.and_then(|(ds, de)| {
            let d = day(&s[ds..de])?;
            s[de..ms].trim().is_empty().then_some((ds, d))
        });
        let (start, date) = match with_day {
            Some((ds, d)) => (ds, Date::new(y, m, d).ok()),
            None => (ms, Date::new(y, m, 1).ok()),
        };
        if let Some(date) = date {
            found.push(ProseDate {
                date,
                label: s[start..ye].to_string(),
            });
        }
    }
    found
}

/// The years a title spans: "2009 - 2010", "2009-2010", "2009-10", "2009/10", "2015-18"
/// → (2009, 2010) … (2015, 2018).
pub(crate) fn year_span(s: &str) -> Option<(i16, i16)> {
    let spans = token_spans(s);
    for pair in spans.windows(2) {
        let [(as_, ae), (bs, be)] = [pair[0], pair[1]];
        let Some(first) = year(&s[as_..ae]) else {
            continue;
        };
        let between = s[ae..bs].trim();
        if !matches!(between, "-" | "–" | "—" | "/" | "to") {
            continue;
        }
        let second = &s[bs..be];
        if !second.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        let last = match second.len() {
            2 => (first / 100) * 100 + second.parse::<i16>().ok()?,
            4 => second.parse::<i16>().ok()?,
            _ => continue,
        };
        if last > first && last - first <= 5 {
            return Some((first, last));
        }
    }
    None
}

/// The first plausible year in `s`, for a title that names only one ("Business Plan 2012").
pub(crate) fn single_year(s: &str) -> Option<i16> {
    token_spans(s).into_iter().find_map(|(a, b)| year(&s[a..b]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_the_common_ones() {
        assert!(is_stop_word("the") && is_stop_word("within") && !is_stop_word("board"));
    }

    #[test]
    fn stems_meet_across_word_forms() {
        assert_eq!(stem("induct"), stem("induction"));
        assert_eq!(stem("improve"), stem("improvement"));
        assert_eq!(stem("assessments"), stem("assess"));
        assert_eq!(stem("priorities"), stem("priority"));
        assert_eq!(stem("evaluate"), stem("evaluation"));
        assert_eq!(stem("annually"), stem("annual"));
    }

    #[test]
    fn content_stems_drop_stop_words_and_numbers() {
        assert_eq!(
            content_stems("The roles of the 12 members"),
            vec!["memb", "rol"]
        );
    }

    #[test]
    fn words_drop_possessives_and_split_hyphens() {
        let w: Vec<String> = words("Children’s multi-agency").collect();
        assert_eq!(w, vec!["children", "multi", "agency"]);
    }

    #[test]
    fn a_date_in_prose_is_found_with_its_words() {
        let d = dates_in("held a day on 04 February 2009. Later");
        assert_eq!(d[0].label, "04 February 2009");
        assert_eq!(d[0].date, Date::new(2009, 2, 4).unwrap());
        let d = dates_in("A Progress Report (March 2009)");
        assert_eq!(d[0].label, "March 2009");
        assert_eq!(d[0].date, Date::new(2009, 3, 1).unwrap());
        assert!(dates_in("in early 2009").is_empty());
    }

    #[test]
    fn year_spans_are_read_in_their_usual_spellings() {
        assert_eq!(
            year_span("Improvement Plan 2009 - 2010"),
            Some((2009, 2010))
        );
        assert_eq!(year_span("Plan 2009-10"), Some((2009, 2010)));
        assert_eq!(year_span("Plan 2012/13"), Some((2012, 2013)));
        assert_eq!(year_span("Business Plan 2015-18"), Some((2015, 2018)));
        assert_eq!(year_span("June 2009"), None);
    }

    #[test]
    fn counts_are_read_from_digits_or_words() {
        assert_eq!(count("four"), Some(4));
        assert_eq!(count("8"), Some(8));
        assert_eq!(count("many"), None);
    }
}
