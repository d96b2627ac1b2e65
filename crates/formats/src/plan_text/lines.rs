//! The document as numbered lines, and a table line as cells of paragraphs.
//!
//! Word processors export a table row as one line of tab-separated cells; a cell may wrap
//! its paragraphs in `<p>…</p>` (one cell can hold several). Entities, inline tags and
//! page-footer noise ("Page 1of 9") are cleaned out here so nothing downstream sees them.

use super::text::collapse_ws;

/// One line of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line<'a> {
    /// 1-based.
    pub number: usize,
    pub text: &'a str,
}

impl Line<'_> {
    pub(crate) fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }

    pub(crate) fn has_tab(&self) -> bool {
        self.text.contains('\t')
    }
}

/// The document's lines, numbered from 1.
pub(crate) fn split(text: &str) -> Vec<Line<'_>> {
    text.lines()
        .enumerate()
        .map(|(i, text)| Line {
            number: i + 1,
            text,
        })
        .collect()
}

/// A paragraph of a table cell and the line it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Para {
    pub text: String,
    pub line: usize,
}

/// A table cell: its paragraphs, empty when the cell is.
pub(crate) type Cell = Vec<Para>;

/// The cells of a table line.
pub(crate) fn cells(line: &Line<'_>) -> Vec<Cell> {
    line.text
        .split('\t')
        .map(|raw| {
            paragraphs(raw)
                .into_iter()
                .map(|text| Para {
                    text,
                    line: line.number,
                })
                .collect()
        })
        .collect()
}

/// What a `<…>` at the start of some text is.
enum Tag {
    /// `<p>`, `</p>`, `<br/>`…: ends a paragraph.
    Break(usize),
    /// `<b>`, `<span …>`…: dropped, text runs on.
    Inline(usize),
}

fn tag(s: &str) -> Option<Tag> {
    let close = s.bytes().take(80).position(|b| b == b'>')?;
    // Both ends are ASCII bytes, so these are character boundaries.
    let inner = s.get(1..close)?.trim().to_ascii_lowercase();
    let name = inner
        .trim_start_matches('/')
        .split(|c: char| c.is_whitespace() || c == '/')
        .next()?;
    match name {
        "p" | "br" | "div" | "li" | "ul" | "ol" | "tr" | "td" | "th" => Some(Tag::Break(close + 1)),
        "b" | "i" | "u" | "em" | "strong" | "span" | "font" | "a" | "sup" | "sub" | "o:p" => {
            Some(Tag::Inline(close + 1))
        }
        _ => None,
    }
}

/// The paragraphs of one cell's raw text, cleaned; empty paragraphs are dropped.
pub(crate) fn paragraphs(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut rest = raw;
    while let Some(i) = rest.find('<') {
        current.push_str(&rest[..i]);
        let at = &rest[i..];
        match tag(at) {
            Some(Tag::Break(n)) => {
                flush(&mut current, &mut out);
                rest = &at[n..];
            }
            Some(Tag::Inline(n)) => rest = &at[n..],
            None => {
                current.push('<');
                rest = &at[1..];
            }
        }
    }
    current.push_str(rest);
    flush(&mut current, &mut out);
    out
}

fn flush(current: &mut String, out: &mut Vec<String>) {
    let text = collapse_ws(&strip_page_noise(&decode_entities(current)));
    if !text.is_empty() {
        out.push(text);
    }
    current.clear();
}

const ENTITIES: [(&str, &str); 10] = [
    ("&amp;", "&"),
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", "\""),
    ("&#39;", "'"),
    ("&apos;", "'"),
    ("&nbsp;", " "),
    ("&ndash;", "–"),
    ("&rsquo;", "’"),
    ("&lsquo;", "‘"),
];

/// Decode the few HTML entities exports use; a bare `&` (as in "C&D") stays as it is.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let at = &rest[i..];
        match ENTITIES.iter().find(|(e, _)| at.starts_with(e)) {
            Some((e, with)) => {
                out.push_str(with);
                rest = &at[e.len()..];
            }
            None => {
                out.push('&');
                rest = &at[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The byte span of a "Page 3 of 9" / "Page 1of 9" footer starting at `at` in `lower`.
fn page_noise_at(lower: &[u8], at: usize) -> Option<usize> {
    let digits = |mut i: usize| {
        let start = i;
        while i < lower.len() && lower[i].is_ascii_digit() {
            i += 1;
        }
        (i > start).then_some(i)
    };
    let spaces = |mut i: usize| {
        while i < lower.len() && lower[i] == b' ' {
            i += 1;
        }
        i
    };
    let i = at + 4;
    if i >= lower.len() || lower[i] != b' ' {
        return None;
    }
    let i = digits(spaces(i))?;
    let i = spaces(i);
    if !lower[i..].starts_with(b"of") {
        return None;
    }
    digits(spaces(i + 2))
}

fn page_noise_spans(text: &str) -> Vec<(usize, usize)> {
    let lower = text.to_ascii_lowercase().into_bytes();
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(pos) = lower[from..].windows(4).position(|w| w == b"page") {
        let at = from + pos;
        let word_start = at == 0 || !lower[at - 1].is_ascii_alphanumeric();
        match page_noise_at(&lower, at).filter(|_| word_start) {
            Some(end) => {
                spans.push((at, end));
                from = end;
            }
            None => from = at + 4,
        }
    }
    spans
}

/// `text` without page-footer noise.
fn strip_page_noise(text: &str) -> String {
    let spans = page_noise_spans(text);
    if spans.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (a, b) in spans {
        // ASCII-only spans, so these are character boundaries.
        out.push_str(&text[last..a]);
        out.push(' ');
        last = b;
    }
    out.push_str(&text[last..]);
    out
}

/// True when a whole line is only page-footer noise.
pub(crate) fn is_page_noise(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && strip_page_noise(t).trim().is_empty()
}

const BULLETS: [char; 14] = [
    '-', '–', '—', '•', '·', '*', '▪', '◦', '○', '●', '■', '\u{f0b7}', '\u{f0a7}', '\u{f076}',
];

/// The text of a bulleted item ("- Housing" → "Housing"), or `None` for any other line.
pub(crate) fn bullet(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let mut chars = t.chars();
    let c = chars.next()?;
    if !BULLETS.contains(&c) {
        return None;
    }
    let rest = chars.as_str();
    // An ASCII mark must be followed by a space ("-5" is not a bullet); a real bullet
    // glyph need not be.
    if c.is_ascii() && !rest.starts_with(char::is_whitespace) {
        return None;
    }
    let item = rest.trim();
    (!item.is_empty()).then_some(item)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_with_several_p_tags_gives_several_paragraphs() {
        assert_eq!(
            paragraphs("<p>Chair Training</p> <p>LSCB</p>"),
            vec!["Chair Training", "LSCB"]
        );
    }

    #[test]
    fn a_cell_without_tags_is_one_paragraph() {
        assert_eq!(paragraphs("  C&D   PR "), vec!["C&D PR"]);
        assert!(paragraphs("   ").is_empty());
    }

    #[test]
    fn entities_and_inline_tags_are_cleaned_but_a_bare_ampersand_stays() {
        assert_eq!(
            paragraphs("<p><b>Policy</b> &amp; Procedure</p>"),
            vec!["Policy & Procedure"]
        );
        assert_eq!(paragraphs("C&D"), vec!["C&D"]);
        assert_eq!(paragraphs("a < b"), vec!["a < b"]);
    }

    #[test]
    fn page_footer_noise_is_removed_from_cells() {
        assert_eq!(
            paragraphs("Monitoring Sub Group Page 1of 9"),
            vec!["Monitoring Sub Group"]
        );
        assert_eq!(
            paragraphs("Front page of the site"),
            vec!["Front page of the site"]
        );
        assert!(is_page_noise("Page 3 of 12"));
        assert!(!is_page_noise("Page layout"));
    }

    #[test]
    fn bullets_are_recognised_by_their_mark() {
        assert_eq!(bullet("- Housing"), Some("Housing"));
        assert_eq!(bullet("• Police"), Some("Police"));
        assert_eq!(bullet("-5 degrees"), None);
        assert_eq!(bullet("Housing"), None);
    }

    #[test]
    fn cells_keep_their_line_number() {
        let line = Line {
            number: 7,
            text: "a\t<p>b</p><p>c</p>\t",
        };
        let cells = cells(&line);
        assert_eq!(cells.len(), 3);
        assert_eq!(
            cells[1][1],
            Para {
                text: "c".into(),
                line: 7
            }
        );
        assert!(cells[2].is_empty());
    }
}
