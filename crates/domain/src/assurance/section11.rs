//! Section 11 self-assessment: the standards each cycle asks agencies to rate themselves
//! against, the rating scale, the stages of a cycle, and who may see and complete which
//! agency's return.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::access::{AccessRole, Membership};
use crate::progress::InvalidValue;

/// The longest rating word and standard number kept.
const MAX_WORD_CHARS: usize = 40;

/// A standard of the template: its number ("1", "2.3") and title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standard {
    pub number: String,
    pub title: String,
}

/// A cycle's rating words, best first: green, amber, red unless the partnership sets its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale(Vec<String>);

impl Default for Scale {
    fn default() -> Self {
        Self(vec!["green".into(), "amber".into(), "red".into()])
    }
}

impl Scale {
    /// A scale from its words, best first: two to seven distinct words.
    pub fn new(words: &[String]) -> Result<Self, InvalidValue> {
        let words: Vec<String> = words.iter().map(|w| w.trim().to_lowercase()).collect();
        let distinct = words
            .iter()
            .enumerate()
            .all(|(i, w)| !words[..i].contains(w));
        if !(2..=7).contains(&words.len())
            || !distinct
            || words
                .iter()
                .any(|w| w.is_empty() || w.chars().count() > MAX_WORD_CHARS)
        {
            return Err(InvalidValue {
                problem: format!("\"{}\" is not a rating scale.", words.join(", ")),
                fix: "Give two to seven different words, best first: green, amber, red.".into(),
            });
        }
        Ok(Self(words))
    }

    pub fn words(&self) -> &[String] {
        &self.0
    }

    /// `text` as one of the scale's words, or the fix naming them.
    pub fn parse(&self, text: &str) -> Result<String, InvalidValue> {
        let t = text.trim().to_lowercase();
        if self.0.contains(&t) {
            Ok(t)
        } else {
            Err(InvalidValue {
                problem: format!("\"{text}\" is not a rating on this cycle's scale."),
                fix: format!("Use one of: {}.", self.0.join(", ")),
            })
        }
    }

    /// 0 for the best word, then 1…; none for a word not on the scale.
    pub fn rank(&self, word: &str) -> Option<usize> {
        self.0.iter().position(|w| w == word)
    }

    /// How `current` compares with `previous` (the previous cycle's rating of the same
    /// standard by the same agency).
    pub fn compare(&self, previous: Option<&str>, current: Option<&str>) -> Change {
        match (
            previous.and_then(|p| self.rank(p)),
            current.and_then(|c| self.rank(c)),
        ) {
            (_, None) => Change::NotRated,
            (None, Some(_)) => Change::New,
            (Some(p), Some(c)) if c < p => Change::Better,
            (Some(p), Some(c)) if c > p => Change::Worse,
            _ => Change::Same,
        }
    }
}

/// A rating against the previous cycle's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Better,
    Same,
    Worse,
    /// Rated now, not then.
    New,
    NotRated,
}

impl Change {
    pub fn label(self) -> &'static str {
        match self {
            Change::Better => "Better",
            Change::Same => "Same",
            Change::Worse => "Worse",
            Change::New => "New",
            Change::NotRated => "Not rated",
        }
    }
}

/// Where a cycle is: agencies complete returns, then the panel moderates, then it is closed
/// and the agreed ratings are shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Returns,
    Moderation,
    Closed,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Returns => "returns",
            Stage::Moderation => "moderation",
            Stage::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Returns => "Returns being completed",
            Stage::Moderation => "Moderation",
            Stage::Closed => "Closed: agreed ratings shared",
        }
    }
}

impl FromStr for Stage {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "returns" => Ok(Stage::Returns),
            "moderation" => Ok(Stage::Moderation),
            "closed" => Ok(Stage::Closed),
            _ => Err(InvalidValue {
                problem: format!("\"{s}\" is not a stage of a Section 11 cycle."),
                fix: "Use returns, moderation or closed.".into(),
            }),
        }
    }
}

/// What one account may see of a cycle's returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Section11View {
    /// The moderation panel (business manager, administrator, the board's chair): every
    /// return, and the moderation.
    Panel,
    /// A lead officer linked to an agency: that agency's return; the others only once the
    /// cycle is closed.
    Agency(String),
    /// Everyone else: counts per standard and rating, never an agency's return.
    Summary,
}

impl Section11View {
    /// `board_chair`: whether the account holds the board chair's role; `agency`: the agency
    /// of the person on the register linked to the account.
    pub fn of(m: &Membership, board_chair: bool, agency: Option<String>) -> Self {
        match (m.role, agency) {
            (AccessRole::Administrator | AccessRole::BusinessManager, _) => Self::Panel,
            (AccessRole::Reader, _) => Self::Summary,
            _ if board_chair => Self::Panel,
            (AccessRole::LeadOfficer, Some(a)) => Self::Agency(a),
            _ => Self::Summary,
        }
    }

    /// Whether agency `agency`'s return (ratings, evidence) may be seen at `stage`.
    pub fn may_see(&self, agency: &str, stage: Stage) -> bool {
        match self {
            Self::Panel => true,
            Self::Agency(own) => own.eq_ignore_ascii_case(agency) || stage == Stage::Closed,
            Self::Summary => false,
        }
    }

    /// Whether agency `agency`'s return may be filled in at `stage`: its lead officer while
    /// returns are open; the panel (entering a paper return, or correcting) until closed.
    pub fn may_complete(&self, agency: &str, stage: Stage) -> bool {
        match self {
            Self::Panel => stage != Stage::Closed,
            Self::Agency(own) => own.eq_ignore_ascii_case(agency) && stage == Stage::Returns,
            Self::Summary => false,
        }
    }

    pub fn may_moderate(&self) -> bool {
        *self == Self::Panel
    }
}

/// A standards template from CSV text: `number,title` per line, an optional heading line
/// `number,title`, the title quoted if it holds quotes. An error names the line.
pub fn parse_standards(text: &str) -> Result<Vec<Standard>, String> {
    let mut out: Vec<Standard> = Vec::new();
    for (i, line) in text.trim_start_matches('\u{feff}').lines().enumerate() {
        let n = i + 1;
        let line = line.trim();
        if line.is_empty() || (n == 1 && line.to_lowercase().replace(' ', "") == "number,title") {
            continue;
        }
        let Some((number, title)) = line.split_once(',') else {
            return Err(format!(
                "line {n}: \"{line}\" has no comma; give each standard as number,title"
            ));
        };
        let number = number.trim().trim_matches('"').trim().to_string();
        let mut title = title.trim().to_string();
        if title.len() >= 2 && title.starts_with('"') && title.ends_with('"') {
            title = title[1..title.len() - 1].replace("\"\"", "\"");
        }
        if number.is_empty() || number.chars().count() > MAX_WORD_CHARS {
            return Err(format!(
                "line {n}: a standard needs a number of 1 to {MAX_WORD_CHARS} characters"
            ));
        }
        if title.trim().is_empty() || title.chars().count() > 500 {
            return Err(format!(
                "line {n}: standard {number} needs a title of 1 to 500 characters"
            ));
        }
        if out.iter().any(|s| s.number == number) {
            return Err(format!(
                "line {n}: standard {number} is listed twice; number each standard once"
            ));
        }
        out.push(Standard {
            number,
            title: title.trim().to_string(),
        });
    }
    if out.is_empty() {
        return Err("the file lists no standards; give one number,title per line".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(role: AccessRole) -> Membership {
        Membership {
            partnership: "p".into(),
            role,
            holds: vec![],
        }
    }

    #[test]
    fn a_lead_officer_sees_only_their_own_agency_until_the_cycle_closes() {
        let lead = Section11View::of(
            &member(AccessRole::LeadOfficer),
            false,
            Some("Metropolitan Police".into()),
        );
        assert!(lead.may_see("metropolitan police", Stage::Returns));
        assert!(!lead.may_see("NHS Kingston", Stage::Moderation));
        assert!(lead.may_see("NHS Kingston", Stage::Closed));
        assert!(lead.may_complete("Metropolitan Police", Stage::Returns));
        assert!(!lead.may_complete("Metropolitan Police", Stage::Moderation));
        assert!(!lead.may_complete("NHS Kingston", Stage::Returns));
        assert!(!lead.may_moderate());
    }

    #[test]
    fn the_panel_sees_all_and_readers_only_summaries() {
        let bm = Section11View::of(&member(AccessRole::BusinessManager), false, None);
        let chair = Section11View::of(&member(AccessRole::BoardMember), true, None);
        let reader = Section11View::of(&member(AccessRole::Reader), true, Some("X".into()));
        let unlinked = Section11View::of(&member(AccessRole::LeadOfficer), false, None);
        assert!(bm.may_see("X", Stage::Returns) && chair.may_moderate());
        assert_eq!(reader, Section11View::Summary);
        assert_eq!(unlinked, Section11View::Summary);
        assert!(!reader.may_see("X", Stage::Closed));
    }

    #[test]
    fn ratings_are_read_on_the_scale_and_compared_best_first() {
        let s = Scale::default();
        assert_eq!(s.parse(" Amber ").unwrap(), "amber");
        assert!(
            s.parse("blue")
                .unwrap_err()
                .fix
                .contains("green, amber, red")
        );
        assert_eq!(s.compare(Some("red"), Some("amber")), Change::Better);
        assert_eq!(s.compare(Some("green"), Some("amber")), Change::Worse);
        assert_eq!(s.compare(None, Some("amber")), Change::New);
        assert!(Scale::new(&["good".into(), "good".into()]).is_err());
    }

    #[test]
    fn a_standards_file_is_read_with_its_heading_and_quoted_titles() {
        let s = parse_standards(
            "number,title\n1,\"Senior \"\"management\"\" commitment\"\n2, Training\n",
        )
        .unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].title, "Senior \"management\" commitment");
        let e = parse_standards("1,A\n1,B\n").unwrap_err();
        assert!(e.starts_with("line 2"), "{e}");
        assert!(parse_standards("just words").is_err());
    }
}
