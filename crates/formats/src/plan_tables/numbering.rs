//! Numbers as boards write them: "1.1", "1.1a", "1.1 (b)", "1a", "2 (ii)", "1.", "(c)",
//! "iv)"; at the start of a text cell ("1.2 Review the protocol"); and in headings
//! ("LSCB Objective 1:", "PRIORITY 1a", "Priority Theme One:").

/// A number read from a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Num {
    /// Dotted digits with an optional sub-letter or roman sub-number: "1", "1.1", "3.2.1",
    /// "1.1a", "1a", "2 (ii)".
    Full { parts: Vec<u32>, sub: Option<Sub> },
    /// A sub-number alone, of the row above: "(a)", "b)", "(ii)".
    SubOnly(Sub),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sub {
    Letter(String),
    Roman(String),
}

impl Num {
    /// The id this number gives: "1.1a", "1a", "2.ii" (a roman sub-number after a dot, so
    /// that it cannot be read as letters); "" for a sub-number alone.
    pub(crate) fn id(&self) -> String {
        match self {
            Num::Full { parts, sub } => {
                let mut id = parts
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(".");
                match sub {
                    Some(Sub::Letter(l)) => id.push_str(l),
                    Some(Sub::Roman(r)) => {
                        id.push('.');
                        id.push_str(r);
                    }
                    None => {}
                }
                id
            }
            Num::SubOnly(_) => String::new(),
        }
    }

    /// A whole number alone: "3", "3." — an objective's number, or a row number that may
    /// restart under each heading.
    pub(crate) fn plain(&self) -> Option<u32> {
        match self {
            Num::Full { parts, sub: None } if parts.len() == 1 => Some(parts[0]),
            _ => None,
        }
    }

    /// The objective this number puts a row under: "1" for "1.1", "1.1a", "1a", "1 (ii)".
    pub(crate) fn objective(&self) -> Option<String> {
        match self {
            Num::Full { parts, sub } if parts.len() > 1 || sub.is_some() => {
                Some(parts[0].to_string())
            }
            _ => None,
        }
    }
}

fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 6
        && s.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
        && [
            "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
        ]
        .contains(&s)
}

/// A sub-number: "a", "(a)", "a)", "(ii)", "ii". A lone letter is a letter even when it could
/// be roman ("i" after "h"), unless it is in brackets; longer roman numerals are roman.
fn sub(s: &str) -> Option<Sub> {
    let bracketed = s.starts_with('(');
    let inner = s
        .trim_start_matches('(')
        .trim_end_matches([')', '.'])
        .trim();
    if inner.is_empty() || !inner.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    if is_roman(inner) && (bracketed || inner.len() > 1) {
        Some(Sub::Roman(inner.to_string()))
    } else if inner.len() == 1 {
        Some(Sub::Letter(inner.to_string()))
    } else {
        None
    }
}

/// Read a whole cell as a number; `None` when it holds anything else.
pub(crate) fn parse(cell: &str) -> Option<Num> {
    let s = cell.trim().to_lowercase();
    let s = s.trim_end_matches([':', ')', '.', ' ']).trim();
    let s = if cell.trim().ends_with(')') && s.starts_with('(') {
        // "(a)" keeps its brackets for `sub`.
        format!("{s})")
    } else {
        s.to_string()
    };
    if s.is_empty() {
        return None;
    }
    if !s.starts_with(|c: char| c.is_ascii_digit()) {
        return sub(&s).map(Num::SubOnly);
    }
    let digits_end = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (head, rest) = s.split_at(digits_end);
    let head = head.trim_end_matches('.');
    let mut parts = Vec::new();
    for p in head.split('.') {
        let n: u32 = p.parse().ok()?;
        if p.len() > 3 {
            return None;
        }
        parts.push(n);
    }
    let rest = rest.trim();
    if rest.is_empty() {
        return Some(Num::Full { parts, sub: None });
    }
    let sub = sub(rest)?;
    Some(Num::Full {
        parts,
        sub: Some(sub),
    })
}

/// A number written at the start of a text cell: "1.2 Review ...", "3. Audit ...", "(b) ...",
/// with the number as written and the text after it. A bare "3 agencies" is not a number;
/// the number needs a dot, a bracket or a sub-letter.
pub(crate) fn leading_written(text: &str) -> Option<(Num, String, String)> {
    let (num, rest) = leading(text)?;
    let trimmed = text.trim();
    let written = trimmed
        .strip_suffix(rest.as_str())
        .unwrap_or_else(|| trimmed.split_whitespace().next().unwrap_or(""))
        .trim()
        .to_string();
    Some((num, written, rest))
}

/// As [`leading_written`], without the number as written.
pub(crate) fn leading(text: &str) -> Option<(Num, String)> {
    let text = text.trim_start();
    let mut words = text.splitn(3, char::is_whitespace);
    let first = words.next()?;
    let second = words.next().unwrap_or("");
    let clearly = |token: &str, num: &Num| {
        token.ends_with(['.', ')'])
            || match num {
                Num::Full { parts, sub } => parts.len() > 1 || sub.is_some(),
                Num::SubOnly(_) => false,
            }
    };
    // "2 (ii) Text": a number and a sub-number as two words.
    if second.starts_with('(')
        && let Some(num @ Num::Full { .. }) = parse(&format!("{first} {second}"))
    {
        let rest = words.next().unwrap_or("").trim().to_string();
        return starts_text(&rest).then_some((num, rest));
    }
    let num = parse(first)?;
    if !clearly(first, &num) || matches!(num.plain(), Some(n) if n > 200) {
        return None;
    }
    let rest = text[first.len()..].trim().to_string();
    starts_text(&rest).then_some((num, rest))
}

fn starts_text(rest: &str) -> bool {
    rest.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '"' || c == '“' || c == '‘')
}

const HEADING_WORDS: [&str; 18] = [
    "lscb",
    "slscb",
    "lsab",
    "scb",
    "sab",
    "board",
    "strategic",
    "key",
    "overarching",
    "priority",
    "objective",
    "theme",
    "work",
    "stream",
    "workstream",
    "area",
    "aim",
    "strand",
];

/// An objective or priority heading: its number as written ("1", "1a", "3" for "Three")
/// and its title. `None` for a paragraph that does not start like one.
pub(crate) fn heading(text: &str) -> Option<(String, String)> {
    let first_line = text.lines().next()?.trim();
    let mut rest = first_line;
    let mut named = false;
    loop {
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = rest[..word_end].trim_end_matches([':', '.']).to_lowercase();
        if HEADING_WORDS.contains(&word.as_str()) {
            named |= !matches!(
                word.as_str(),
                "lscb" | "slscb" | "lsab" | "scb" | "sab" | "board"
            );
            rest = rest[word_end..].trim_start();
        } else {
            break;
        }
    }
    if !named {
        // "1. Early help": a bare number and a title is a heading too.
        let (num, title) = leading(rest)?;
        let n = num.plain()?;
        return Some((n.to_string(), title));
    }
    let word_end = rest
        .find(|c: char| c.is_whitespace() || c == ':' || c == '–' || c == '-')
        .unwrap_or(rest.len());
    let token = rest[..word_end].trim_end_matches('.').to_lowercase();
    let number = if let Some(i) = crate::plan_text::text::NUMBER_WORDS
        .iter()
        .position(|w| *w == token)
    {
        (i + 1).to_string()
    } else if token.starts_with(|c: char| c.is_ascii_digit())
        && token.len() <= 4
        && token.chars().all(|c| c.is_ascii_alphanumeric())
    {
        token
    } else {
        return None;
    };
    let title = rest[word_end..]
        .trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '–' | '-' | '.'))
        .trim()
        .to_string();
    Some((number, title))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> String {
        parse(s).map(|n| n.id()).unwrap_or_else(|| "-".into())
    }

    #[test]
    fn numbers_are_read_as_boards_write_them() {
        assert_eq!(id("1.1"), "1.1");
        assert_eq!(id("1.1a"), "1.1a");
        assert_eq!(id("1.1 (b)"), "1.1b");
        assert_eq!(id("1a"), "1a");
        assert_eq!(id("2 (ii)"), "2.ii");
        assert_eq!(id("2(iv)"), "2.iv");
        assert_eq!(id("3."), "3");
        assert_eq!(id("10.10"), "10.10");
        assert_eq!(id("Review"), "-");
        assert_eq!(id("2012/13"), "-");
        assert_eq!(parse("(c)"), Some(Num::SubOnly(Sub::Letter("c".into()))));
        assert_eq!(parse("ii)"), Some(Num::SubOnly(Sub::Roman("ii".into()))));
    }

    #[test]
    fn a_number_at_the_start_of_the_text_is_read_off() {
        let (n, rest) = leading("1.2 Review the protocol").unwrap();
        assert_eq!(
            (n.id().as_str(), rest.as_str()),
            ("1.2", "Review the protocol")
        );
        let (n, rest) = leading("2 (ii) Audit the files").unwrap();
        assert_eq!(
            (n.id().as_str(), rest.as_str()),
            ("2.ii", "Audit the files")
        );
        assert_eq!(leading("3. Train staff").unwrap().0.id(), "3");
        assert!(leading("3 agencies will meet").is_none());
        assert!(leading("2012. The year").is_none());
    }

    #[test]
    fn headings_give_their_number_and_title() {
        let h = |s: &str| heading(s).unwrap();
        assert_eq!(
            h("LSCB Objective 1: TO IMPROVE"),
            ("1".into(), "TO IMPROVE".into())
        );
        assert_eq!(
            h("PRIORITY 1a Early Help"),
            ("1a".into(), "Early Help".into())
        );
        assert_eq!(
            h("LSCB Priority Theme Two: Learning"),
            ("2".into(), "Learning".into())
        );
        assert_eq!(h("3. Workforce"), ("3".into(), "Workforce".into()));
        assert!(heading("Strategic Lead from the Executive: Jo").is_none());
        assert!(heading("This is a working draft").is_none());
    }
}
