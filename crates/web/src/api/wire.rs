//! Wire types the API's resources share: ratings, statuses, leads, timescales. They live here,
//! not in `domain`, so that the domain never knows about JSON field names or the OpenAPI
//! document; each is built from its domain value by an exhaustive conversion, so a new domain
//! variant is a compile error here rather than a silent gap in the document.

use domain::{AccessRole, ActionStatus, Completion, Date, Rag, Recurrence, Timescale};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A date as the API writes it: `YYYY-MM-DD`.
pub fn date(d: Date) -> String {
    d.to_string()
}

/// A RAG rating: red, amber, green, blue (complete) or grey (not started).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Red,
    Amber,
    Green,
    Blue,
    Grey,
}

impl From<Rag> for Rating {
    fn from(r: Rag) -> Self {
        match r {
            Rag::Red => Rating::Red,
            Rag::Amber => Rating::Amber,
            Rag::Green => Rating::Green,
            Rag::Blue => Rating::Blue,
            Rag::Grey => Rating::Grey,
        }
    }
}

impl From<Rating> for Rag {
    fn from(r: Rating) -> Self {
        match r {
            Rating::Red => Rag::Red,
            Rating::Amber => Rag::Amber,
            Rating::Green => Rag::Green,
            Rating::Blue => Rag::Blue,
            Rating::Grey => Rag::Grey,
        }
    }
}

/// Whether an action is complete, and whether its completion has been signed off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CompletionOut {
    NotComplete,
    AwaitingSignOff,
    SignedOff,
}

impl From<Completion> for CompletionOut {
    fn from(c: Completion) -> Self {
        match c {
            Completion::NotComplete => CompletionOut::NotComplete,
            Completion::AwaitingSignOff => CompletionOut::AwaitingSignOff,
            Completion::SignedOff => CompletionOut::SignedOff,
        }
    }
}

/// The caller's role in a partnership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AccessRoleOut {
    Administrator,
    BusinessManager,
    LeadOfficer,
    BoardMember,
    Reader,
}

impl From<AccessRole> for AccessRoleOut {
    fn from(r: AccessRole) -> Self {
        match r {
            AccessRole::Administrator => AccessRoleOut::Administrator,
            AccessRole::BusinessManager => AccessRoleOut::BusinessManager,
            AccessRole::LeadOfficer => AccessRoleOut::LeadOfficer,
            AccessRole::BoardMember => AccessRoleOut::BoardMember,
            AccessRole::Reader => AccessRoleOut::Reader,
        }
    }
}

/// Where an action stands as at the date asked for.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StatusOut {
    /// The latest rating; null when the action has never been updated.
    pub rag: Option<Rating>,
    /// Percent complete at the latest update, 0 to 100.
    #[schema(minimum = 0, maximum = 100)]
    pub percent: Option<u8>,
    /// The date the latest update speaks for.
    #[schema(format = Date)]
    pub last_update: Option<String>,
    /// When it is due: for a recurring action, the next occurrence not yet met.
    #[schema(format = Date)]
    pub due: Option<String>,
    pub completion: CompletionOut,
    pub overdue: bool,
    pub due_soon: bool,
    /// No update since the last board meeting.
    pub stale: bool,
    /// Linked by a cross-reference to an action that is red or overdue.
    pub at_risk: bool,
    /// Carried forward into this plan without a new date and not re-timed since.
    pub to_be_retimed: bool,
}

impl StatusOut {
    /// The status of an action, or "never updated, nothing due" when none was assessed.
    pub fn of(s: Option<&ActionStatus>) -> Self {
        match s {
            Some(s) => StatusOut {
                rag: s.rag.map(Rating::from),
                percent: s.percent,
                last_update: s.last_update.map(date),
                due: s.due.map(date),
                completion: s.completion.into(),
                overdue: s.overdue,
                due_soon: s.due_soon,
                stale: s.stale,
                at_risk: s.at_risk,
                to_be_retimed: s.to_be_retimed,
            },
            None => StatusOut {
                rag: None,
                percent: None,
                last_update: None,
                due: None,
                completion: CompletionOut::NotComplete,
                overdue: false,
                due_soon: false,
                stale: false,
                at_risk: false,
                to_be_retimed: false,
            },
        }
    }
}

/// A lead role: plans name roles, never people.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LeadOut {
    /// The role's id, as `?lead=` takes it.
    pub id: String,
    pub title: String,
}

impl LeadOut {
    pub fn of(p: &domain::Partnership, id: &str) -> Self {
        LeadOut {
            id: id.to_string(),
            title: p.role(id).map_or(id, |r| r.title.as_str()).to_string(),
        }
    }
}

/// How often a recurring timescale repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RecurrenceOut {
    Yearly,
    Quarterly,
    Monthly,
    Ongoing,
}

impl From<Recurrence> for RecurrenceOut {
    fn from(r: Recurrence) -> Self {
        match r {
            Recurrence::Yearly => RecurrenceOut::Yearly,
            Recurrence::Quarterly => RecurrenceOut::Quarterly,
            Recurrence::Monthly => RecurrenceOut::Monthly,
            Recurrence::Ongoing => RecurrenceOut::Ongoing,
        }
    }
}

/// A timescale as the plan writes it, and what Boardplan made of it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TimescaleOut {
    /// As written: "September 2009", "Training Plan 2010-11", "Annually".
    pub label: String,
    #[schema(format = Date)]
    pub due: Option<String>,
    #[schema(format = Date)]
    pub period_start: Option<String>,
    #[schema(format = Date)]
    pub period_end: Option<String>,
    pub recurrence: Option<RecurrenceOut>,
    /// True when the reading was a guess the board should confirm.
    pub inferred: bool,
}

impl From<&Timescale> for TimescaleOut {
    fn from(t: &Timescale) -> Self {
        TimescaleOut {
            label: t.label.clone(),
            due: t.due.map(date),
            period_start: t.period.map(|p| date(p.start)),
            period_end: t.period.map(|p| date(p.end)),
            recurrence: t.recurrence.map(RecurrenceOut::from),
            inferred: t.inferred,
        }
    }
}

/// A body's text field held to the lengths its schema documents (in characters, as JSON Schema
/// counts them): checked with the rest of the body, before `If-Match`, so that a request the
/// document calls invalid is a 422 naming the field whatever tag it carries.
pub fn documented_length(
    field: &str,
    value: &str,
    min: usize,
    max: usize,
) -> Result<(), crate::api::problem::ApiError> {
    let n = value.chars().count();
    if (min..=max).contains(&n) {
        Ok(())
    } else {
        Err(crate::api::problem::ApiError::field(
            field,
            format!("{field} must be {min} to {max} characters long; this is {n}."),
        ))
    }
}

/// A JSON body read as `T`, `what` naming what it holds in the problem ("an update"): a bad
/// field is a 422 naming its path, a body of the wrong shape a 400, so every write route words
/// them alike.
pub fn json_body<T: serde::de::DeserializeOwned>(
    body: &[u8],
    what: &str,
) -> Result<T, crate::api::problem::ApiError> {
    use crate::api::problem::{ApiError, Kind};
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_data() && path != "." {
            ApiError::field(&path, format!("{path}: {inner}"))
        } else if inner.is_data() {
            ApiError::new(Kind::Unprocessable, format!("The body, {what}: {inner}."))
        } else {
            ApiError::new(
                Kind::InvalidBody,
                format!("The body is not a JSON object of {what} ({inner})."),
            )
        }
    })
}

/// The API path of an action.
pub fn action_href(slug: &str, id: &str) -> String {
    format!(
        "/api/v1/partnerships/{}/actions/{}",
        segment(slug),
        segment(id)
    )
}

/// Percent-encode one path segment (action ids hold `#`: "4.2#2").
pub fn segment(s: &str) -> String {
    crate::error::urlencode(s).replace('/', "%2F")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_action_id_with_a_hash_is_encoded_in_its_link() {
        assert_eq!(
            action_href("kingston-lscb", "4.2#2"),
            "/api/v1/partnerships/kingston-lscb/actions/4.2%232"
        );
        assert_eq!(segment("a/b"), "a%2Fb");
    }

    #[test]
    fn an_action_never_assessed_reads_as_not_rated_and_not_complete() {
        let s = StatusOut::of(None);
        assert_eq!(s.rag, None);
        assert_eq!(s.completion, CompletionOut::NotComplete);
        assert!(!s.overdue && !s.stale);
    }
}
