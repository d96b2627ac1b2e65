//! The partnership tree: agencies, sub-groups, lead roles, reviews, meetings and plans.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::timescale::{Period, Timescale};

/// One safeguarding board: the tenant every other record belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Partnership {
    pub name: String,
    /// The local authority area the board covers, e.g. "Kingston upon Thames".
    #[serde(default)]
    pub area: Option<String>,
    /// How often the board meets, as its plan says ("meets four times a year" → 4).
    #[serde(default)]
    pub meetings_per_year: Option<u32>,
    #[serde(default)]
    pub agencies: Vec<Agency>,
    #[serde(default)]
    pub subgroups: Vec<Subgroup>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub reviews: Vec<Review>,
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    #[serde(default)]
    pub plans: Vec<Plan>,
}

/// A member organisation of the board.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    pub name: String,
}

/// A standing group of the board, or one proposed but not yet set up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subgroup {
    pub name: String,
    pub status: SubgroupStatus,
    #[serde(default)]
    pub terms_of_reference: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SubgroupStatus {
    Active,
    Proposed,
}

/// A lead *role* ("Chair, Policy and Procedures sub-group"): plans name roles, never people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// Stable slug, unique within the partnership, e.g. `chair-policy-and-procedure`.
    pub id: String,
    /// The canonical title shown to people.
    pub title: String,
    /// Other spellings met in documents that mean this role.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The sub-group (by name) whose chair or body this role is, if any.
    #[serde(default)]
    pub subgroup: Option<String>,
}

/// A source of recommendations: a challenge day, a peer review, a national review, an SCR...
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// Short code from the plan's source key, e.g. `C&D`, `PR`, `LR`.
    pub code: String,
    pub title: String,
    pub kind: ReviewKind,
    /// The review's date; for a month ("March 2009") the first of that month, see `date_label`.
    #[serde(default)]
    pub date: Option<Date>,
    /// The date as the document gives it ("04 February 2009", "March 2009").
    #[serde(default)]
    pub date_label: Option<String>,
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewKind {
    ChallengeAndDevelopment,
    PeerReview,
    NationalReview,
    SeriousCaseReview,
    Inspection,
    Audit,
    Other,
}

/// One recommendation (or priority) of a review, and what in the plan answers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    /// 1-based position in the review's list.
    pub number: u32,
    pub text: String,
    /// Objective numbers ("4") or action ids ("4.1") that answer it; empty means a gap.
    #[serde(default)]
    pub answered_by: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    pub date: Date,
    pub kind: MeetingKind,
    /// For a sub-group meeting, the sub-group's name.
    #[serde(default)]
    pub subgroup: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingKind {
    Board,
    Subgroup,
}

/// A plan over a period (the 2009-10 improvement plan, the next business plan).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub title: String,
    pub period: Period,
    pub status: PlanStatus,
    #[serde(default)]
    pub objectives: Vec<Objective>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanStatus {
    Draft,
    Active,
    Closed,
}

/// A row of the plan: an objective, where it came from, when and who, and its actions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    /// As written: "1", "1a", "12".
    pub number: String,
    pub title: String,
    /// Review codes, e.g. `["C&D", "PR"]`.
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub timescale: Option<Timescale>,
    /// Role ids.
    #[serde(default)]
    pub leads: Vec<String>,
    #[serde(default)]
    pub actions: Vec<Action>,
}

/// A numbered outcome of an objective. Inherits the objective's sources, timescale and
/// leads unless it has its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    /// Unique within the plan and stable across export and import: the number as written,
    /// with `#2`, `#3`… appended to the second and later uses of a repeated number.
    pub id: String,
    /// As written: "4.2", "1.1a", "3.2.1".
    pub number: String,
    pub text: String,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    pub timescale: Option<Timescale>,
    #[serde(default)]
    pub leads: Vec<String>,
    /// Ids of the actions this one's text refers to ("Combine with 8.1 – 8.2 below").
    #[serde(default)]
    pub references: Vec<String>,
    /// The phrases those references came from, as written.
    #[serde(default)]
    pub reference_phrases: Vec<String>,
    /// The id of an earlier action with exactly the same text, if any.
    #[serde(default)]
    pub duplicate_of: Option<String>,
}

impl Objective {
    /// The sources that apply to `action`: its own, else this objective's.
    pub fn sources_for<'a>(&'a self, action: &'a Action) -> &'a [String] {
        if action.sources.is_empty() {
            &self.sources
        } else {
            &action.sources
        }
    }

    /// The lead role ids that apply to `action`: its own, else this objective's.
    pub fn leads_for<'a>(&'a self, action: &'a Action) -> &'a [String] {
        if action.leads.is_empty() {
            &self.leads
        } else {
            &action.leads
        }
    }

    /// The timescale that applies to `action`: its own, else this objective's.
    pub fn timescale_for<'a>(&'a self, action: &'a Action) -> Option<&'a Timescale> {
        action.timescale.as_ref().or(self.timescale.as_ref())
    }
}

impl Plan {
    /// Every action of the plan with the objective it belongs to, in plan order.
    pub fn actions(&self) -> impl Iterator<Item = (&Objective, &Action)> {
        self.objectives
            .iter()
            .flat_map(|o| o.actions.iter().map(move |a| (o, a)))
    }

    /// The action with this id, if any.
    pub fn action(&self, id: &str) -> Option<(&Objective, &Action)> {
        self.actions().find(|(_, a)| a.id == id)
    }
}

impl Partnership {
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }
}
