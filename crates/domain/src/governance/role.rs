//! The part a person takes at the board's table.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::progress::InvalidValue;

/// The part a person takes at the board's table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BoardRole {
    Chair,
    ViceChair,
    Member,
    Adviser,
    LayMember,
    Observer,
    Participant,
}

impl BoardRole {
    pub const ALL: [BoardRole; 7] = [
        BoardRole::Chair,
        BoardRole::ViceChair,
        BoardRole::Member,
        BoardRole::Adviser,
        BoardRole::LayMember,
        BoardRole::Observer,
        BoardRole::Participant,
    ];

    /// How it is stored and sent: `vice_chair`.
    pub fn as_str(self) -> &'static str {
        match self {
            BoardRole::Chair => "chair",
            BoardRole::ViceChair => "vice_chair",
            BoardRole::Member => "member",
            BoardRole::Adviser => "adviser",
            BoardRole::LayMember => "lay_member",
            BoardRole::Observer => "observer",
            BoardRole::Participant => "participant",
        }
    }

    /// How a page shows it: `Vice-chair`.
    pub fn label(self) -> &'static str {
        match self {
            BoardRole::Chair => "Chair",
            BoardRole::ViceChair => "Vice-chair",
            BoardRole::Member => "Member",
            BoardRole::Adviser => "Adviser",
            BoardRole::LayMember => "Lay member",
            BoardRole::Observer => "Observer",
            BoardRole::Participant => "Participant",
        }
    }
}

impl fmt::Display for BoardRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for BoardRole {
    type Err = InvalidValue;
    /// Reads `vice-chair`, `Vice chair`, `vice_chair` alike: a register typed in a spreadsheet
    /// spells them every way.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let k = s.trim().to_lowercase().replace([' ', '-'], "_");
        let k = if k == "advisor" { "adviser".into() } else { k };
        BoardRole::ALL
            .into_iter()
            .find(|r| r.as_str() == k)
            .ok_or_else(|| InvalidValue {
                problem: format!("\"{s}\" is not a board role."),
                fix: "Use chair, vice-chair, member, adviser, lay member, observer or participant."
                    .into(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn board_roles_are_read_however_a_spreadsheet_spells_them() {
        assert_eq!(
            "Vice-chair".parse::<BoardRole>().ok(),
            Some(BoardRole::ViceChair)
        );
        assert_eq!(
            "lay member".parse::<BoardRole>().ok(),
            Some(BoardRole::LayMember)
        );
        assert_eq!(
            "Advisor".parse::<BoardRole>().ok(),
            Some(BoardRole::Adviser)
        );
        let e = "treasurer".parse::<BoardRole>().unwrap_err();
        assert!(e.fix.contains("lay member"), "{}", e.fix);
    }
}
