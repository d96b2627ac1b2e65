//! Letters into text: lines by their baselines, words by the gaps between letters, and the
//! lines every page repeats (running heads and feet), which are not the plan.

use std::collections::HashMap;

use super::page::{Glyph, Page};

/// A line of text outside any table: its baseline, its text, where it ends, how wide its
/// first word is and how large its letters are.
pub(super) struct Line {
    pub y: f64,
    pub text: String,
    pub right: f64,
    pub first_word: f64,
    pub size: f64,
}

/// Letters grouped into lines, top to bottom, each line's letters left to right.
pub(super) fn group<'a>(glyphs: impl IntoIterator<Item = &'a Glyph>) -> Vec<Vec<&'a Glyph>> {
    let mut all: Vec<&Glyph> = glyphs.into_iter().collect();
    all.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<Vec<&Glyph>> = Vec::new();
    for g in all {
        match lines.last_mut() {
            // Letters of one line share a baseline; a superscript sits a little above it.
            Some(line) if (g.y - line[0].y).abs() <= 0.4 * line[0].size.max(g.size) => line.push(g),
            _ => lines.push(vec![g]),
        }
    }
    for line in &mut lines {
        line.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines
}

/// A line's text: a space wherever the gap between two letters is wider than letters sit.
pub(super) fn text(line: &[&Glyph]) -> String {
    let mut out = String::new();
    let mut end: Option<f64> = None;
    for g in line {
        if let Some(e) = end
            && g.x - e > 0.15 * g.size
            && !out.ends_with(' ')
        {
            out.push(' ');
        }
        out.push_str(&g.text);
        end = Some(g.x + g.width);
    }
    out.trim().to_string()
}

/// Where a line ends on the page.
pub(super) fn right(line: &[&Glyph]) -> f64 {
    line.iter().map(|g| g.x + g.width).fold(f64::MIN, f64::max)
}

/// The width of a line's first word, to tell a wrapped line from a new paragraph.
pub(super) fn first_word_width(line: &[&Glyph]) -> f64 {
    let start = line.first().map_or(0.0, |g| g.x);
    line.iter()
        .take_while(|g| g.text != " ")
        .map(|g| g.x + g.width - start)
        .fold(0.0, f64::max)
}

/// Lines outside tables, as text; the page's furniture left out.
pub(super) fn lines<'a>(
    glyphs: impl IntoIterator<Item = &'a Glyph>,
    page: &Page,
    furniture: &[String],
) -> Vec<Line> {
    group(glyphs)
        .into_iter()
        .map(|l| Line {
            y: l[0].y,
            text: text(&l),
            right: right(&l),
            first_word: first_word_width(&l),
            size: l[0].size,
        })
        .filter(|l| !is_furniture(l, page, furniture))
        .collect()
}

/// Lines that are one paragraph wrapped by the page joined into it: a line follows closely
/// on one that ends too near `edge` (the page's text edge) to have taken its first word.
/// `breaks` are positions (a table's top) no paragraph runs across.
pub(super) fn paragraphs(lines: Vec<Line>, edge: f64, breaks: &[f64]) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    for line in lines {
        if let Some(prev) = out.last_mut() {
            let close = line.y - prev.y < 1.6 * prev.size.max(line.size);
            let wrapped = prev.right + line.first_word + 0.9 * line.size > edge;
            let between = breaks.iter().any(|b| (prev.y..line.y).contains(b));
            if close && wrapped && !between {
                prev.text.push(' ');
                prev.text.push_str(&line.text);
                prev.y = line.y;
                prev.right = line.right;
                continue;
            }
        }
        out.push(line);
    }
    out
}

/// Near the top or foot of a page: where running heads, feet and page numbers are.
fn in_margin(y: f64, page: &Page) -> bool {
    y < page.height * 0.08 || y > page.height * 0.92
}

fn is_furniture(line: &Line, page: &Page, furniture: &[String]) -> bool {
    in_margin(line.y, page)
        && (furniture.contains(&line.text) || line.text.chars().all(|c| c.is_ascii_digit()))
}

/// The lines in the top or foot margin that two or more pages print the same: a running head
/// or foot, to be left out of the plan.
pub(super) fn repeated_lines(pages: &[Page]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for p in pages {
        let mut on_page: Vec<String> = group(&p.glyphs)
            .into_iter()
            .filter(|l| in_margin(l[0].y, p))
            .map(|l| text(&l))
            .collect();
        on_page.dedup();
        for t in on_page {
            *seen.entry(t).or_default() += 1;
        }
    }
    seen.into_iter()
        .filter(|(t, n)| *n >= 2 && !t.is_empty())
        .map(|(t, _)| t)
        .collect()
}
