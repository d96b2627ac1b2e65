//! The colours of the assurance tables: a risk's score by its band, a rating or grade by its
//! place on its scale (best green, worst red, the rest between), always with the word on it.
//! The fills and inks are the RAG marks' own where they meet, so each fill has one ink in
//! every format's styles.

use domain::assurance::risks::Band;

use crate::model::{Cell, RagMark};

const GREEN: (&str, &str) = ("#00703c", "#ffffff");
const LIGHT_GREEN: (&str, &str) = ("#85994b", "#0b0c0c");
const YELLOW: (&str, &str) = ("#ffdd00", "#0b0c0c");
const AMBER: (&str, &str) = ("#f47738", "#0b0c0c");
const RED: (&str, &str) = ("#d4351c", "#ffffff");
const PALETTE: [(&str, &str); 5] = [GREEN, LIGHT_GREEN, YELLOW, AMBER, RED];

/// The fill and ink of a risk score's band.
pub fn band(b: Band) -> (&'static str, &'static str) {
    match b {
        Band::Low => GREEN,
        Band::Medium => YELLOW,
        Band::High => AMBER,
        Band::VeryHigh => RED,
    }
}

/// A score on its band's colour: "16 (very high)".
pub fn score(score: u8) -> Cell {
    let b = Band::of(score);
    let (fill, ink) = band(b);
    Cell::Shaded {
        text: format!("{score} ({})", b.label().to_lowercase()),
        fill,
        ink,
    }
}

/// The fill and ink of the word at `rank` (0 best) on a scale of `n` words; the words green,
/// amber and red keep their own colours.
pub fn rank(word: &str, rank: usize, n: usize) -> (&'static str, &'static str) {
    match word.trim().to_lowercase().as_str() {
        "green" => GREEN,
        "amber" => AMBER,
        "red" => RED,
        _ if n <= 1 => GREEN,
        _ => PALETTE[((rank * 4 + (n - 1) / 2) / (n - 1)).min(4)],
    }
}

/// `word` of `scale` on its colour, capitalised; a word off the scale is plain text.
pub fn rating(word: &str, scale: &[String]) -> Cell {
    match scale.iter().position(|w| w.eq_ignore_ascii_case(word)) {
        Some(i) => {
            let (fill, ink) = rank(word, i, scale.len());
            Cell::Shaded {
                text: capital(word),
                fill,
                ink,
            }
        }
        None => Cell::text(word),
    }
}

/// "Requires improvement".
pub fn capital(word: &str) -> String {
    let mut c = word.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The legend key of grade `rank` of a scale of `n` for a chart. A chart's keys are fixed
/// words, so the usual grades are named and any other scale's are numbered ("Grade 2"); the
/// tables beside the chart give every grade in the audit's own words.
pub fn grade_key(word: &str, rank_: usize, n: usize) -> RagMark {
    const NAMED: [(&str, &str); 7] = [
        ("outstanding", "Outstanding"),
        ("good", "Good"),
        ("requires improvement", "Requires improvement"),
        ("inadequate", "Inadequate"),
        ("green", "Green"),
        ("amber", "Amber"),
        ("red", "Red"),
    ];
    const NUMBERED: [&str; 7] = [
        "Grade 1", "Grade 2", "Grade 3", "Grade 4", "Grade 5", "Grade 6", "Grade 7",
    ];
    let lower = word.trim().to_lowercase();
    let (fill, ink) = rank(word, rank_, n);
    RagMark {
        word: NAMED
            .iter()
            .find(|(w, _)| *w == lower)
            .map_or(NUMBERED[rank_.min(6)], |(_, label)| label),
        meaning: "",
        fill,
        ink,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scale_runs_from_green_to_red_and_keeps_its_own_colour_words() {
        assert_eq!(rank("outstanding", 0, 4), GREEN);
        assert_eq!(rank("good", 1, 4), LIGHT_GREEN);
        assert_eq!(rank("requires improvement", 2, 4), AMBER);
        assert_eq!(rank("inadequate", 3, 4), RED);
        assert_eq!(rank("amber", 1, 3), AMBER);
        assert_eq!(rank("fair", 1, 3), YELLOW);
        assert_eq!(grade_key("fair", 1, 3).word, "Grade 2");
        assert_eq!(grade_key("Good", 1, 4).word, "Good");
        assert_eq!(score(16).as_text(), "16 (very high)");
    }
}
