//! Training needs, as the training plan starts from them (3.1): for a priority of the plan
//! (an objective, by number), which agency's staff need what, and how many of them.

use serde::{Deserialize, Serialize};

use super::{MAX_LONG_TEXT, MAX_SHORT_TEXT, required};
use crate::progress::InvalidValue;

/// One identified need.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingNeed {
    /// The plan's objective the need serves, by number ("3").
    pub priority: String,
    pub agency: String,
    /// What the staff need to learn.
    pub need: String,
    /// How many staff need it.
    pub staff: u32,
}

impl TrainingNeed {
    /// The need tidied and checked; a problem names the field.
    pub fn checked(self) -> Result<Self, (&'static str, InvalidValue)> {
        if self.staff == 0 {
            return Err((
                "staff",
                InvalidValue {
                    problem: "no staff are said to have the need.".into(),
                    fix: "Give how many staff need it: a whole number above 0.".into(),
                },
            ));
        }
        Ok(Self {
            priority: required("priority", &self.priority, MAX_SHORT_TEXT)
                .map_err(|e| ("priority", e))?,
            agency: required("agency", &self.agency, MAX_SHORT_TEXT).map_err(|e| ("agency", e))?,
            need: required("need", &self.need, MAX_LONG_TEXT).map_err(|e| ("need", e))?,
            staff: self.staff,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_need_without_staff_or_text_names_the_field() {
        let need = |priority: &str, need: &str, staff| TrainingNeed {
            priority: priority.into(),
            agency: "NHS Kingston".into(),
            need: need.into(),
            staff,
        };
        assert_eq!(need("3", "Neglect", 0).checked().unwrap_err().0, "staff");
        assert_eq!(need("3", "  ", 4).checked().unwrap_err().0, "need");
        assert_eq!(need(" ", "Neglect", 4).checked().unwrap_err().0, "priority");
        assert_eq!(need(" 3 ", "Neglect ", 4).checked().unwrap().priority, "3");
    }
}
