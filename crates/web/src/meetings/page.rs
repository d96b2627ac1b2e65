//! `GET /p/{slug}/meetings/{id}`: one meeting — agenda, attendance and quorum, decisions, the
//! action log as it stood at it, the minutes — with the forms that change them for those who
//! run it. A meeting the asker may not see is not found.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use domain::meetings::Attendance;
use domain::meetings::access::{may_run, may_see};
use store::{MeetingRecord, StoreError};

use super::paper::{BoardPaper, board_paper};
use super::standing;
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::{AsAtQuery, Loaded, today};

/// The forms, for those who run the meeting.
pub struct Forms {
    pub csrf: String,
    pub base: String,
    /// Everyone on the register, by name.
    pub people: Vec<String>,
    /// (value, label) of each way of attending.
    pub statuses: Vec<(&'static str, &'static str)>,
    /// Promoting an action of the log into the plan, for those who may also edit the plan.
    pub promote: Option<PromoteForm>,
}

/// What the promotion form offers: the latest plan's objectives and the lead roles.
pub struct PromoteForm {
    pub plan: String,
    /// (number, "4. Clarify and develop the roles of board members").
    pub objectives: Vec<(String, String)>,
    /// (id, title).
    pub roles: Vec<(String, String)>,
    /// (id, what) of the open actions on this meeting's log.
    pub open: Vec<(i64, String)>,
}

#[derive(Template)]
#[template(path = "meeting.html")]
pub struct MeetingPage {
    pub nav: Nav,
    pub heading: String,
    pub when: String,
    pub m: MeetingRecord,
    pub quorum: String,
    pub forms: Option<Forms>,
    pub back: String,
    /// The board paper as at the meeting, for a board meeting.
    pub paper: Option<BoardPaper>,
    /// `/p/{slug}/actions`, for links to the plan actions the log's entries became.
    pub actions_base: String,
}

impl MeetingPage {
    pub fn day(d: &domain::Date) -> String {
        d.strftime("%-d %b %Y").to_string()
    }

    pub fn opt_day(d: &Option<domain::Date>) -> String {
        d.as_ref().map(Self::day).unwrap_or_default()
    }

    /// The page of plan action `id` (the latest plan's).
    pub fn action_href(&self, id: &str) -> String {
        format!("{}/{}", self.actions_base, crate::error::urlencode(id))
    }
}

/// Meeting `id`, if the asker may see it (else not found).
pub(crate) async fn visible(
    state: &AppState,
    access: &PartnershipAccess,
    id: i64,
) -> Result<MeetingRecord, AppError> {
    let m = state
        .store
        .meeting(&access.slug, id)
        .await
        .map_err(|e| match e {
            StoreError::NotFound { .. } => AppError::NotFound,
            e => e.into(),
        })?;
    if !may_see(
        &access.membership,
        standing(&m.summary, access.user.account.id),
    ) {
        return Err(AppError::NotFound);
    }
    Ok(m)
}

/// Refuse anyone who does not run meeting `m`.
pub(crate) fn runs(access: &PartnershipAccess, m: &MeetingRecord) -> Result<(), AppError> {
    if may_run(
        &access.membership,
        standing(&m.summary, access.user.account.id),
    ) {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Only the board's business manager, an administrator or the sub-group's chair can change this meeting."
                .into(),
        ))
    }
}

pub async fn page(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
) -> Result<Response, AppError> {
    let m = visible(&state, &access, id).await?;
    let l = access.view(&state, &AsAtQuery::default()).await?;
    let forms = if runs(&access, &m).is_ok() {
        let people = state.store.people(&access.slug).await?;
        Some(Forms {
            csrf: access.user.csrf.clone(),
            base: format!("/p/{}/meetings/{id}", access.slug),
            people: people.into_iter().map(|r| r.person.name).collect(),
            statuses: Attendance::ALL
                .iter()
                .map(|a| (a.as_str(), a.label()))
                .collect(),
            promote: access
                .membership
                .may_edit_plan()
                .then(|| promote_form(&l, &m))
                .flatten(),
        })
    } else {
        None
    };
    let s = &m.summary;
    let heading = match &s.subgroup {
        Some(g) => format!("{g} sub-group, {}", s.date.strftime("%-d %B %Y")),
        None => format!("Board meeting, {}", s.date.strftime("%-d %B %Y")),
    };
    let when = [s.time.clone(), s.place.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let q = &m.quorum;
    let quorum = match q.quorate {
        Some(true) => format!(
            "Quorate: {} agencies and {} members ({}).",
            q.agencies,
            q.members,
            q.rule.describe()
        ),
        Some(false) => format!(
            "Not quorate: {} agencies and {} members ({}).",
            q.agencies,
            q.members,
            q.rule.describe()
        ),
        None => format!(
            "{} agencies and {} members; no quorum rule is set.",
            q.agencies, q.members
        ),
    };
    let paper = board_paper(&access.slug, &m.summary, today());
    render(&MeetingPage {
        nav: Nav::new(&l, "meetings"),
        heading,
        when,
        m,
        quorum,
        forms,
        back: format!("/p/{}/meetings", access.slug),
        paper,
        actions_base: format!("/p/{}/actions", access.slug),
    })
}

/// The promotion form, when the plan is open and the log has open actions.
fn promote_form(l: &Loaded, m: &MeetingRecord) -> Option<PromoteForm> {
    let plan = l
        .plan()
        .filter(|p| p.status != domain::PlanStatus::Closed)?;
    let open: Vec<(i64, String)> = m
        .action_log
        .iter()
        .filter(|a| a.done.is_none() && a.promoted_to.is_none())
        .map(|a| (a.id, a.what.clone()))
        .collect();
    if open.is_empty() {
        return None;
    }
    Some(PromoteForm {
        plan: plan.title.clone(),
        objectives: plan
            .objectives
            .iter()
            .map(|o| (o.number.clone(), format!("{}. {}", o.number, o.title)))
            .collect(),
        roles: l
            .partnership
            .roles
            .iter()
            .map(|r| (r.id.clone(), r.title.clone()))
            .collect(),
        open,
    })
}
