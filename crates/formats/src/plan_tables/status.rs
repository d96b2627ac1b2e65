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
    let phrases: [(&str, Rag); 14] = [
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
    }
}
