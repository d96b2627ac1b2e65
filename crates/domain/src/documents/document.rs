//! A document of the board's register: its kind, what a new one must carry, and its status
//! as at a date.

use std::fmt;
use std::str::FromStr;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::MAX_TITLE_CHARS;
use crate::progress::InvalidValue;

/// What sort of document it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    TermsOfReference,
    Protocol,
    Procedure,
    Strategy,
    Plan,
    LearningBriefing,
    Other,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 7] = [
        DocumentKind::TermsOfReference,
        DocumentKind::Protocol,
        DocumentKind::Procedure,
        DocumentKind::Strategy,
        DocumentKind::Plan,
        DocumentKind::LearningBriefing,
        DocumentKind::Other,
    ];

    /// How it is stored and sent: `terms_of_reference`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::TermsOfReference => "terms_of_reference",
            DocumentKind::Protocol => "protocol",
            DocumentKind::Procedure => "procedure",
            DocumentKind::Strategy => "strategy",
            DocumentKind::Plan => "plan",
            DocumentKind::LearningBriefing => "learning_briefing",
            DocumentKind::Other => "other",
        }
    }

    /// How a page shows it: `Terms of reference`.
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::TermsOfReference => "Terms of reference",
            DocumentKind::Protocol => "Protocol",
            DocumentKind::Procedure => "Procedure",
            DocumentKind::Strategy => "Strategy",
            DocumentKind::Plan => "Plan",
            DocumentKind::LearningBriefing => "Learning briefing",
            DocumentKind::Other => "Other",
        }
    }
}

impl fmt::Display for DocumentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for DocumentKind {
    type Err = InvalidValue;
    /// Reads `terms-of-reference`, `Terms of reference`, `terms_of_reference` and `tor` alike.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let k = s.trim().to_lowercase().replace([' ', '-'], "_");
        let k = if k == "tor" {
            "terms_of_reference".into()
        } else {
            k
        };
        DocumentKind::ALL
            .into_iter()
            .find(|d| d.as_str() == k)
            .ok_or_else(|| InvalidValue {
                problem: format!("\"{s}\" is not a kind of document."),
                fix: "Use terms-of-reference, protocol, procedure, strategy, plan, \
                      learning-briefing or other."
                    .into(),
            })
    }
}

/// Where a document stands on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentStatus {
    Draft,
    Approved,
    DueForReview,
    Superseded,
}

impl DocumentStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentStatus::Draft => "draft",
            DocumentStatus::Approved => "approved",
            DocumentStatus::DueForReview => "due_for_review",
            DocumentStatus::Superseded => "superseded",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DocumentStatus::Draft => "Draft",
            DocumentStatus::Approved => "Approved",
            DocumentStatus::DueForReview => "Due for review",
            DocumentStatus::Superseded => "Superseded",
        }
    }
}

/// A document's status as at `as_at`: superseded from the day it was superseded; a draft
/// until the meeting that approved it; then due for review once its review date has come;
/// else approved. Worked out each time it is asked, so it is never stale.
pub fn status(
    approved_on: Option<Date>,
    superseded_on: Option<Date>,
    review_due: Option<Date>,
    as_at: Date,
) -> DocumentStatus {
    if superseded_on.is_some_and(|d| d <= as_at) {
        DocumentStatus::Superseded
    } else if approved_on.is_none_or(|d| d > as_at) {
        DocumentStatus::Draft
    } else if review_due.is_some_and(|d| d <= as_at) {
        DocumentStatus::DueForReview
    } else {
        DocumentStatus::Approved
    }
}

/// A document to add to the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDocument {
    pub kind: DocumentKind,
    pub title: String,
    /// The lead role that owns it, by its id (`chair-training-sub-group`).
    pub owner: String,
    /// The sub-group it belongs to, by name, if any.
    pub subgroup: Option<String>,
    pub review_due: Option<Date>,
}

impl NewDocument {
    /// The same document with its text trimmed and blanks made `None`.
    pub fn tidied(mut self) -> Self {
        self.title = self.title.trim().to_string();
        self.owner = self.owner.trim().to_string();
        self.subgroup = self
            .subgroup
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty());
        self
    }

    /// The rules a new document keeps; each problem names its field.
    pub fn check(&self) -> Result<(), (&'static str, InvalidValue)> {
        if let Err(e) = check_title(&self.title) {
            return Err(("title", e));
        }
        if self.owner.trim().is_empty() {
            return Err((
                "owner",
                InvalidValue {
                    problem: "no owner is given.".into(),
                    fix: "Name the lead role that owns the document.".into(),
                },
            ));
        }
        Ok(())
    }
}

/// A title: not empty, at most [`MAX_TITLE_CHARS`] characters.
pub(crate) fn check_title(title: &str) -> Result<(), InvalidValue> {
    if title.trim().is_empty() {
        return Err(InvalidValue {
            problem: "the title is empty.".into(),
            fix: "Give the title.".into(),
        });
    }
    if title.chars().count() > MAX_TITLE_CHARS {
        return Err(InvalidValue {
            problem: format!("the title is longer than {MAX_TITLE_CHARS} characters."),
            fix: "Shorten it.".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn kinds_are_read_however_people_type_them() {
        assert_eq!(
            "Terms of reference".parse::<DocumentKind>().ok(),
            Some(DocumentKind::TermsOfReference)
        );
        assert_eq!(
            "learning-briefing".parse::<DocumentKind>().ok(),
            Some(DocumentKind::LearningBriefing)
        );
        assert_eq!(
            "ToR".parse::<DocumentKind>().ok(),
            Some(DocumentKind::TermsOfReference)
        );
        let e = "memo".parse::<DocumentKind>().unwrap_err();
        assert!(e.fix.contains("protocol"), "{}", e.fix);
    }

    #[test]
    fn due_for_review_follows_from_the_review_date_as_at_the_day_asked() {
        let approved = Some(date(2009, 9, 16));
        let due = Some(date(2010, 3, 31));
        let at = |d| status(approved, None, due, d);
        assert_eq!(at(date(2009, 9, 1)), DocumentStatus::Draft);
        assert_eq!(at(date(2009, 9, 16)), DocumentStatus::Approved);
        assert_eq!(at(date(2010, 3, 30)), DocumentStatus::Approved);
        assert_eq!(at(date(2010, 3, 31)), DocumentStatus::DueForReview);
        let gone = Some(date(2010, 6, 1));
        assert_eq!(
            status(approved, gone, due, date(2010, 6, 1)),
            DocumentStatus::Superseded
        );
        assert_eq!(
            status(None, None, due, date(2011, 1, 1)),
            DocumentStatus::Draft
        );
    }

    #[test]
    fn a_new_document_needs_a_title_and_an_owner() {
        let d = NewDocument {
            kind: DocumentKind::Plan,
            title: "  ".into(),
            owner: "chair".into(),
            subgroup: None,
            review_due: None,
        };
        assert_eq!(d.check().unwrap_err().0, "title");
        let d = NewDocument {
            title: "Communications plan".into(),
            owner: " ".into(),
            ..d
        };
        assert_eq!(d.check().unwrap_err().0, "owner");
    }
}
