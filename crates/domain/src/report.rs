//! What an import found: counts, warnings tied to the line they came from, inferences, gaps.

use serde::{Deserialize, Serialize};

/// The report `boardplan import` prints (and, with `--json`, serialises).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ImportReport {
    pub counts: Counts,
    pub warnings: Vec<Warning>,
    /// Things the importer guessed, e.g. a timescale read as a yearly recurrence.
    pub inferred: Vec<Inferred>,
    /// Review recommendations that nothing in the plan answers.
    pub gaps: Vec<Gap>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Counts {
    pub agencies: usize,
    pub subgroups: usize,
    pub proposed_subgroups: usize,
    pub reviews: usize,
    pub recommendations: usize,
    pub objectives: usize,
    pub actions: usize,
    pub roles: usize,
    /// Action → action links.
    pub cross_references: usize,
    /// Recommendation → objective/action links.
    pub trace_links: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// 1-based line of the source document (0 when it applies to the whole document).
    pub line: usize,
    pub kind: WarningKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// Two actions carry the same number; both are kept with their own ids.
    DuplicateNumber,
    /// An action's text repeats an earlier action's word for word.
    DuplicateText,
    /// Several spellings of one lead role were merged.
    RoleVariantsMerged,
    /// A cross-reference names an action the plan does not have.
    UnresolvedReference,
    /// A timescale could not be read as a date, period or recurrence.
    UnreadTimescale,
    /// An action's number does not belong to the objective it sits under.
    MisplacedNumber,
    /// Anything else worth a look.
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inferred {
    pub line: usize,
    pub what: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    pub review: String,
    pub recommendation: u32,
    pub text: String,
}

impl ImportReport {
    /// Recount everything from the imported partnership (warnings, inferences and gaps are
    /// left as they are).
    pub fn count(&mut self, p: &crate::Partnership) {
        let actions = || p.plans.iter().flat_map(|pl| pl.actions().map(|(_, a)| a));
        self.counts = Counts {
            agencies: p.agencies.len(),
            subgroups: p
                .subgroups
                .iter()
                .filter(|s| s.status == crate::SubgroupStatus::Active)
                .count(),
            proposed_subgroups: p
                .subgroups
                .iter()
                .filter(|s| s.status == crate::SubgroupStatus::Proposed)
                .count(),
            reviews: p.reviews.len(),
            recommendations: p.reviews.iter().map(|r| r.recommendations.len()).sum(),
            objectives: p.plans.iter().map(|pl| pl.objectives.len()).sum(),
            actions: actions().count(),
            roles: p.roles.len(),
            cross_references: actions().map(|a| a.references.len()).sum(),
            trace_links: p
                .reviews
                .iter()
                .flat_map(|r| &r.recommendations)
                .map(|rec| rec.answered_by.len())
                .sum(),
        };
    }
}
