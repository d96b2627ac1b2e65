//! The golden thread: from a priority (an objective) or an action of the plan, everything
//! that says why it is there and whether it is working — the review recommendations it
//! answers, the audits that examine it or recommended it, the indicators those audits were
//! chosen for, the risks linked to it (with their indicators) and the Section 11 standards
//! whose agencies' improvement actions it carries — and the way back: from a risk or a
//! Section 11 standard to the plan actions linked to it.
//!
//! A thread is a flat list of [`Link`]s, each of a [`LinkKind`] and saying how it is linked
//! (`via`), so that a new kind of assurance (risks, Section 11 standards) is one more variant
//! and one more source of links in the store, with no change to pages or the API's shape.

use serde::{Deserialize, Serialize};

/// What a thread starts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum ThreadStart {
    /// An objective ("4") of a plan, with its actions.
    Objective {
        plan: String,
        number: String,
        title: String,
    },
    /// One action ("4.1") of a plan.
    Action {
        plan: String,
        action: String,
        text: String,
    },
    /// A risk on the register, back to the actions of a plan linked to it.
    Risk {
        plan: String,
        id: i64,
        title: String,
    },
    /// A standard of a Section 11 cycle, back to the plan actions carrying the agencies'
    /// improvement actions on it.
    Section11Standard {
        plan: String,
        year: i32,
        number: String,
        title: String,
    },
}

/// The kinds of thing a thread links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    ReviewRecommendation,
    Audit,
    Indicator,
    Risk,
    Section11Standard,
    /// A plan action: what a thread from a risk or a Section 11 standard reaches.
    Action,
}

impl LinkKind {
    /// A heading for links of this kind.
    pub fn label(self) -> &'static str {
        match self {
            LinkKind::ReviewRecommendation => "Review recommendations",
            LinkKind::Audit => "Audits",
            LinkKind::Indicator => "Indicators",
            LinkKind::Risk => "Risks",
            LinkKind::Section11Standard => "Section 11 standards",
            LinkKind::Action => "Plan actions",
        }
    }

    /// Every kind, in the order a thread lists them.
    pub const ALL: [LinkKind; 6] = [
        LinkKind::ReviewRecommendation,
        LinkKind::Audit,
        LinkKind::Indicator,
        LinkKind::Risk,
        LinkKind::Section11Standard,
        LinkKind::Action,
    ];

    /// Its name in the API and JSON: `review_recommendation`, `section11_standard`, …
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::ReviewRecommendation => "review_recommendation",
            LinkKind::Audit => "audit",
            LinkKind::Indicator => "indicator",
            LinkKind::Risk => "risk",
            LinkKind::Section11Standard => "section11_standard",
            LinkKind::Action => "action",
        }
    }
}

/// One thing the thread reaches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub kind: LinkKind,
    /// Its key among its kind: `C&D 2`, an audit's id, an indicator's code, a risk's id, a
    /// Section 11 standard as `2010/3` (cycle/number), an action's number.
    pub key: String,
    /// What it is, in a line.
    pub title: String,
    /// How it is linked: "answered by 4.1", "recommends 4.1", "audit 3 was chosen for it",
    /// "linked to 4.1", "NHS Kingston's improvement action, carried by 4.1".
    pub via: String,
}

/// A thread: where it starts, and what it reaches, by kind and then key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub start: ThreadStart,
    pub links: Vec<Link>,
}

impl Thread {
    /// The links of one kind.
    pub fn of(&self, kind: LinkKind) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(move |l| l.kind == kind)
    }

    /// Put links in order (by kind, then key) and drop exact repeats.
    pub fn tidy(&mut self) {
        self.links
            .sort_by(|a, b| (a.kind, &a.key, &a.via).cmp(&(b.kind, &b.key, &b.via)));
        self.links.dedup();
    }
}
