//! Whether a meeting was quorate: a rule (at least so many agencies, at least so many
//! people) against who filled a seat.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// A body's quorum: at least `agencies` different agencies and at least `members` people
/// (each seat filled in person or by a deputy). Neither set means no rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuorumRule {
    #[serde(default)]
    pub agencies: Option<u32>,
    #[serde(default)]
    pub members: Option<u32>,
}

impl QuorumRule {
    pub fn is_set(&self) -> bool {
        self.agencies.is_some() || self.members.is_some()
    }

    /// The rule in words: "at least 3 agencies and 5 members".
    pub fn describe(&self) -> String {
        match (self.agencies, self.members) {
            (Some(a), Some(m)) => format!("at least {a} agencies and {m} members"),
            (Some(a), None) => format!("at least {a} agencies"),
            (None, Some(m)) => format!("at least {m} members"),
            (None, None) => "no quorum rule set".into(),
        }
    }

    /// Judge a meeting by the agencies of the seats filled (`None` for a person of no
    /// agency), one entry per seat.
    pub fn judge(&self, seats: &[Option<&str>]) -> Quorum {
        let agencies: BTreeSet<&str> = seats.iter().flatten().copied().collect();
        let agencies = agencies.len() as u32;
        let members = seats.len() as u32;
        let quorate = self.is_set().then(|| {
            self.agencies.is_none_or(|n| agencies >= n) && self.members.is_none_or(|n| members >= n)
        });
        Quorum {
            rule: *self,
            agencies,
            members,
            quorate,
        }
    }
}

/// A meeting's quorum worked out: `quorate` is `None` when the body has no rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quorum {
    pub rule: QuorumRule,
    pub agencies: u32,
    pub members: u32,
    pub quorate: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_people_of_two_agencies_are_not_a_quorum_of_three_agencies() {
        let rule = QuorumRule {
            agencies: Some(3),
            members: None,
        };
        let q = rule.judge(&[Some("Police"), Some("Police"), Some("Health")]);
        assert_eq!((q.agencies, q.members, q.quorate), (2, 3, Some(false)));
        let q = rule.judge(&[Some("Police"), Some("Council"), Some("Health"), None]);
        assert_eq!(q.quorate, Some(true));
    }

    #[test]
    fn both_parts_of_a_rule_must_hold_and_no_rule_judges_nothing() {
        let rule = QuorumRule {
            agencies: Some(1),
            members: Some(3),
        };
        assert_eq!(rule.judge(&[Some("A"), Some("B")]).quorate, Some(false));
        assert_eq!(QuorumRule::default().judge(&[Some("A")]).quorate, None);
        assert_eq!(rule.describe(), "at least 1 agencies and 3 members");
    }
}
