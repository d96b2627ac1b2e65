//! The meetings' forms: recording a meeting (the officers), and, for those who run a meeting
//! (the officers and a sub-group's chair), its attendance, agenda, decisions, action log and
//! minutes; and promoting an action of the log into the plan (the officers). Each checks who
//! asks before the CSRF token and the fields, writes through the store (which refuses bad
//! input, naming it, and writes nothing), and returns to the page.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::{Date, Meeting, MeetingKind};
use serde::Deserialize;
use store::{AgendaItem, Promotion, Stamp};

use super::page::{runs, visible};
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;

/// Every field any of the forms sends; each form reads its own.
#[derive(Debug, Default, Deserialize)]
pub struct Fields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    subgroup: String,
    #[serde(default)]
    time: String,
    #[serde(default)]
    place: String,
    #[serde(default)]
    person: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    deputy: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    presenter: String,
    #[serde(default)]
    paper: String,
    #[serde(default)]
    actions: String,
    #[serde(default)]
    indicators: String,
    #[serde(default)]
    text: String,
    #[serde(default)]
    what: String,
    #[serde(default)]
    who: String,
    #[serde(default)]
    due: String,
    #[serde(default)]
    done_id: String,
    #[serde(default)]
    approved_at: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    objective: String,
    #[serde(default)]
    lead: String,
    #[serde(default)]
    plan: String,
}

fn opt(t: &str) -> Option<&str> {
    Some(t.trim()).filter(|t| !t.is_empty())
}

fn day(label: &str, t: &str) -> Result<Option<Date>, AppError> {
    opt(t)
        .map(|t| {
            t.parse::<Date>().map_err(|_| {
                AppError::BadRequest(format!("{label} must be a real date, as YYYY-MM-DD."))
            })
        })
        .transpose()
}

fn list(t: &str) -> Vec<String> {
    t.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn back(access: &PartnershipAccess, id: i64, anchor: &str) -> Response {
    Redirect::to(&format!("/p/{}/meetings/{id}#{anchor}", access.slug)).into_response()
}

/// `POST /p/{slug}/meetings`: record a meeting (the officers).
pub async fn add(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    if !access.membership.may_manage_governance() {
        return Err(AppError::Forbidden(
            "Only the board's business manager or an administrator can record a meeting.".into(),
        ));
    }
    access.user.check_csrf(&f.csrf)?;
    let date = day("The date", &f.date)?
        .ok_or_else(|| AppError::BadRequest("Give the meeting's date.".into()))?;
    let subgroup = opt(&f.subgroup).map(String::from);
    let m = Meeting {
        date,
        kind: if subgroup.is_some() {
            MeetingKind::Subgroup
        } else {
            MeetingKind::Board
        },
        subgroup,
    };
    let actor = access.user.account.display_name.clone();
    let id = state
        .store
        .add_meeting_with(
            &access.slug,
            Stamp::now(&actor),
            &m,
            opt(&f.time),
            opt(&f.place),
        )
        .await?;
    Ok(back(&access, id, "agenda"))
}

/// `POST …/meetings/{id}/attendance`: how one person was at it.
pub async fn attend(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    runs(&access, &visible(&state, &access, id).await?)?;
    access.user.check_csrf(&f.csrf)?;
    let status = f.status.parse().map_err(|e: domain::InvalidValue| {
        AppError::BadRequest(format!("{} {}", e.problem, e.fix))
    })?;
    let actor = access.user.account.display_name.clone();
    state
        .store
        .record_attendance(
            &access.slug,
            Stamp::now(&actor),
            id,
            &f.person,
            status,
            opt(&f.deputy),
        )
        .await?;
    Ok(back(&access, id, "attendance"))
}

/// `POST …/meetings/{id}/agenda`: an item, last.
pub async fn agenda(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    runs(&access, &visible(&state, &access, id).await?)?;
    access.user.check_csrf(&f.csrf)?;
    let item = AgendaItem {
        title: f.title.clone(),
        presenter: opt(&f.presenter).map(String::from),
        paper: opt(&f.paper).map(String::from),
        actions: list(&f.actions),
        indicators: list(&f.indicators),
    };
    let actor = access.user.account.display_name.clone();
    state
        .store
        .add_agenda_item(&access.slug, Stamp::now(&actor), id, &item)
        .await?;
    Ok(back(&access, id, "agenda"))
}

/// `POST …/meetings/{id}/decisions`.
pub async fn decide(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    runs(&access, &visible(&state, &access, id).await?)?;
    access.user.check_csrf(&f.csrf)?;
    let actor = access.user.account.display_name.clone();
    state
        .store
        .add_decision(&access.slug, Stamp::now(&actor), id, &f.text)
        .await?;
    Ok(back(&access, id, "decisions"))
}

/// `POST …/meetings/{id}/actions`: raise an action, or (with `done_id`) mark one done today.
pub async fn action(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let m = visible(&state, &access, id).await?;
    runs(&access, &m)?;
    access.user.check_csrf(&f.csrf)?;
    let actor = access.user.account.display_name.clone();
    let stamp = Stamp::now(&actor);
    match opt(&f.done_id) {
        Some(done) => {
            let done: i64 = done.parse().map_err(|_| {
                AppError::BadRequest("This form names no action: reload the page.".into())
            })?;
            // Only an action on this meeting's log: the form cannot reach another body's.
            if !m.action_log.iter().any(|a| a.id == done) {
                return Err(AppError::NotFound);
            }
            state
                .store
                .complete_meeting_action(&access.slug, stamp, done, crate::view::today())
                .await?;
        }
        None => {
            let due = day("By when", &f.due)?;
            state
                .store
                .add_meeting_action(&access.slug, stamp, id, &f.what, &f.who, due)
                .await?;
        }
    }
    Ok(back(&access, id, "actions"))
}

/// `POST …/meetings/{id}/promote`: an open action of this meeting's log into the plan, as
/// the next action of the objective chosen, with a lead role and a due date. It changes the
/// plan, so only those who run the meeting and may edit the plan (the officers).
pub async fn promote(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let m = visible(&state, &access, id).await?;
    runs(&access, &m)?;
    if !access.membership.may_edit_plan() {
        return Err(AppError::Forbidden(
            "Only the board's business manager or an administrator can add an action to the plan."
                .into(),
        ));
    }
    access.user.check_csrf(&f.csrf)?;
    let action: i64 = f
        .action
        .trim()
        .parse()
        .map_err(|_| AppError::BadRequest("Choose the action of the log to promote.".into()))?;
    // Only an action on this meeting's log: the form cannot reach another body's.
    if !m.action_log.iter().any(|a| a.id == action) {
        return Err(AppError::NotFound);
    }
    let objective = opt(&f.objective)
        .ok_or_else(|| AppError::BadRequest("Choose the objective it comes under.".into()))?;
    let lead = opt(&f.lead).ok_or_else(|| AppError::BadRequest("Choose the lead role.".into()))?;
    let due = day("The due date", &f.due)?
        .ok_or_else(|| AppError::BadRequest("Give the date it is due by.".into()))?;
    let to = Promotion {
        plan: opt(&f.plan).map(String::from),
        objective: objective.to_string(),
        lead: lead.to_string(),
        due,
    };
    let actor = access.user.account.display_name.clone();
    state
        .store
        .promote_meeting_action(&access.slug, Stamp::now(&actor), action, &to)
        .await?;
    Ok(back(&access, id, "actions"))
}

/// `POST …/meetings/{id}/minutes`: the draft, or (with `approved_at`) their approval at a
/// later meeting of the same body.
pub async fn minutes(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, i64)>,
    Form(f): Form<Fields>,
) -> Result<Response, AppError> {
    let m = visible(&state, &access, id).await?;
    runs(&access, &m)?;
    access.user.check_csrf(&f.csrf)?;
    let actor = access.user.account.display_name.clone();
    let stamp = Stamp::now(&actor);
    match day("The approving meeting's date", &f.approved_at)? {
        Some(at) => {
            let approver = state
                .store
                .find_meeting(&access.slug, at, m.summary.subgroup.as_deref())
                .await?;
            state
                .store
                .approve_minutes(&access.slug, stamp, id, approver)
                .await?;
        }
        None => {
            state
                .store
                .set_minutes(&access.slug, stamp, id, &f.text)
                .await?
        }
    }
    Ok(back(&access, id, "minutes"))
}
