//! The status a document already gives, read into a RAG rating: words ("Green", "On
//! track", "Complete"), letters ("G", "A/R"), BRAG's blue, and ticks in a column headed
//! "Achieved" (complete) or "On target" (on track). An empty cell is "not rated", never an
//! error; what cannot be read is kept as written and reported.

use domain::Rag;

use super::columns::words;

/// What a status cell says: a rating, or `None` when it is empty or unreadable (the caller
/// reports the unreadable ones).
pub(crate) fn read(heading: &str, cell: &str) -> Option<Rag> {
    let w = words(cell);
    if is_tick(cell) {
        let h = words(heading);
        return if h.contains("achieved") || h.contains("complete") {
            Some(Rag::Blue)
        } else if h.contains("target") || h.contains("track") {
            Some(Rag::Green)
        } else {
            None
        };
    }
    if w.is_empty() {
        return None;
    }
    // Several ratings in one cell ("Amber/Green", "A/R") give the worst of them.
    let mut found: Vec<Rag> = Vec::new();
    let phrases: [(&str, Rag); 20] = [
        ("not achieved", Rag::Red),
        ("not met", Rag::Red),
        ("partially achieved", Rag::Amber),
        ("partly achieved", Rag::Amber),
        ("mostly achieved", Rag::Green),
        ("largely achieved", Rag::Green),
        ("off track", Rag::Red),
        ("not on track", Rag::Red),
        ("behind", Rag::Red),
        ("some slippage", Rag::Amber),
        ("slippage", Rag::Amber),
        ("delayed", Rag::Amber),
        ("on track", Rag::Green),
        ("on target", Rag::Green),
        ("in progress", Rag::Green),
        ("not started", Rag::Grey),
        ("not yet started", Rag::Grey),
        ("completed", Rag::Blue),
        ("complete", Rag::Blue),
        ("achieved", Rag::Blue),
    ];
    let padded = format!(" {w} ");
    for (phrase, rag) in phrases {
        if padded.contains(&format!(" {phrase} ")) {
            found.push(rag);
            break;
        }
    }
    if found.is_empty() {
        for word in w.split(' ') {
            let rag = match word {
                "red" | "r" => Rag::Red,
                "amber" | "a" | "yellow" => Rag::Amber,
                "green" | "g" => Rag::Green,
                "blue" | "b" | "done" => Rag::Blue,
                "grey" | "gray" => Rag::Grey,
                _ => continue,
            };
            found.push(rag);
        }
    }
    found.into_iter().min_by_key(|r| severity(*r))
}

/// The entries of a status key the document prints: "1 = Fully achieved", "2 – Mostly
/// achieved; 3 – Partly achieved", a key table's row "4 | Not achieved". Each number is read
/// through the words beside it. One entry counts only when written with "=", so that a
/// numbered heading ("1. Early help") is not taken for a key.
pub(crate) fn key_entries(text: &str) -> Vec<(String, Rag)> {
    let pieces: Vec<&str> = text.split(['\n', ';', ',']).map(str::trim).collect();
    let mut out = Vec::new();
    let mut strong = false;
    for piece in pieces {
        // "Key: 1 = ...": the label before the first entry.
        let piece = match piece.split_once(':') {
            Some((label, after)) if !label.starts_with(|c: char| c.is_ascii_digit()) => {
                after.trim()
            }
            _ => piece,
        };
        let digits = piece.chars().take_while(char::is_ascii_digit).count();
        if digits == 0 || digits > 2 {
            continue;
        }
        let rest = piece[digits..].trim_start();
        let Some(sep) = rest
            .chars()
            .next()
            .filter(|c| matches!(c, '=' | ':' | '–' | '-' | ')' | '.'))
        else {
            continue;
        };
        strong |= sep == '=';
        if let Some(rag) = read("", &rest[sep.len_utf8()..]) {
            out.push((piece[..digits].to_string(), rag));
        }
    }
    if out.len() >= 2 || strong {
        out
    } else {
        Vec::new()
    }
}

/// Worst first.
fn severity(r: Rag) -> u8 {
    match r {
        Rag::Red => 0,
        Rag::Amber => 1,
        Rag::Green => 2,
        Rag::Grey => 3,
        Rag::Blue => 4,
    }
}

fn is_tick(cell: &str) -> bool {
    matches!(
        cell.trim().to_lowercase().as_str(),
        "✓" | "✔" | "☑" | "✅" | "x" | "yes" | "y" | "ü" | "p"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_read_from_words_letters_and_ticks() {
        assert_eq!(read("RAG", "G"), Some(Rag::Green));
        assert_eq!(read("R/A/G", "Amber"), Some(Rag::Amber));
        assert_eq!(read("BRAG", "Blue"), Some(Rag::Blue));
        assert_eq!(read("Status", "On track"), Some(Rag::Green));
        assert_eq!(read("Status", "Complete"), Some(Rag::Blue));
        assert_eq!(read("RAG", "Amber/Green"), Some(Rag::Amber));
        assert_eq!(read("Achieved", "✓"), Some(Rag::Blue));
        assert_eq!(read("On target", "Yes"), Some(Rag::Green));
        assert_eq!(read("RAG rating", ""), None);
        assert_eq!(read("Assessment of progress", "2"), None);
        assert_eq!(read("Status", "Not achieved"), Some(Rag::Red));
    }

    #[test]
    fn a_printed_key_gives_each_number_its_rating() {
        assert_eq!(
            key_entries(
                "Key: 1 = Fully achieved; 2 = Mostly achieved; 3 = Partly achieved; 4 = Not achieved"
            ),
            [
                ("1".to_string(), Rag::Blue),
                ("2".to_string(), Rag::Green),
                ("3".to_string(), Rag::Amber),
                ("4".to_string(), Rag::Red)
            ]
        );
        assert_eq!(key_entries("1 = Complete"), [("1".to_string(), Rag::Blue)]);
        assert!(key_entries("1. Early help").is_empty());
    }
}
