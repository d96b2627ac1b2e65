//! A sub-group's status as the board sees it: proposed before it exists (the Quality
//! Assurance sub-group), active, or closed when its work is done.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::model::{Partnership, SubgroupStatus};
use crate::progress::InvalidValue;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubgroupState {
    Proposed,
    Active,
    Closed,
}

impl SubgroupState {
    pub fn as_str(self) -> &'static str {
        match self {
            SubgroupState::Proposed => "proposed",
            SubgroupState::Active => "active",
            SubgroupState::Closed => "closed",
        }
    }

    /// The state of a sub-group the plan calls `status`, closed or not.
    pub fn of(status: SubgroupStatus, closed: bool) -> Self {
        match (status, closed) {
            (_, true) => SubgroupState::Closed,
            (SubgroupStatus::Active, false) => SubgroupState::Active,
            (SubgroupStatus::Proposed, false) => SubgroupState::Proposed,
        }
    }
}

impl fmt::Display for SubgroupState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SubgroupState {
    type Err = InvalidValue;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_lowercase().as_str() {
            "proposed" => Ok(SubgroupState::Proposed),
            "active" => Ok(SubgroupState::Active),
            "closed" => Ok(SubgroupState::Closed),
            _ => Err(InvalidValue {
                problem: format!("\"{s}\" is not a sub-group status."),
                fix: "Use proposed, active or closed.".into(),
            }),
        }
    }
}

/// One plan action on a sub-group's work plan: led by one of its roles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkPlanAction {
    pub plan: String,
    pub number: String,
    pub text: String,
}

/// The actions of `p`'s latest plan that a role of sub-group `name` leads (a role belongs to
/// a sub-group when the board model says so), in plan order.
pub fn work_plan(p: &Partnership, name: &str) -> Vec<WorkPlanAction> {
    let roles: Vec<&str> = p
        .roles
        .iter()
        .filter(|r| {
            r.subgroup
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case(name))
        })
        .map(|r| r.id.as_str())
        .collect();
    let Some(plan) = p.plans.last() else {
        return Vec::new();
    };
    plan.objectives
        .iter()
        .flat_map(|o| o.actions.iter().map(move |a| (o, a)))
        .filter(|(o, a)| o.leads_for(a).iter().any(|l| roles.contains(&l.as_str())))
        .map(|(_, a)| WorkPlanAction {
            plan: plan.title.clone(),
            number: a.number.clone(),
            text: a.text.clone(),
        })
        .collect()
}
