//! `GET|POST /p/{slug}/reminders`: the partnership's reminder settings — days' notice of a
//! due date (actions, document reviews, Section 11 returns), days' notice of a board meeting,
//! and the weekly digest's day. The board's officers (business manager, administrator) only,
//! as `boardplan remind settings` is theirs; a form that cannot be saved comes back as filled
//! in with what is wrong beside each field (400, nothing written). Saved with the change log.

use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use domain::reminders::{ReminderSettings, weekday_from_name};
use serde::Deserialize;
use store::Stamp;

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;
use crate::pages::nav::Nav;
use crate::pages::render;
use crate::view::AsAtQuery;

/// The days of the week as the form offers them: (value, label).
const DAYS: [(&str, &str); 7] = [
    ("monday", "Monday"),
    ("tuesday", "Tuesday"),
    ("wednesday", "Wednesday"),
    ("thursday", "Thursday"),
    ("friday", "Friday"),
    ("saturday", "Saturday"),
    ("sunday", "Sunday"),
];

/// The form as sent: every field text.
#[derive(Debug, Default, Deserialize)]
pub struct SettingsFields {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    due_within_days: String,
    #[serde(default)]
    meeting_notice_days: String,
    #[serde(default)]
    digest_weekday: String,
}

impl SettingsFields {
    fn of(s: &ReminderSettings) -> Self {
        let day = serde_json::to_value(s)
            .ok()
            .and_then(|v| v["digest_weekday"].as_str().map(str::to_string))
            .unwrap_or_default();
        Self {
            csrf: String::new(),
            due_within_days: s.due_within_days.to_string(),
            meeting_notice_days: s.meeting_notice_days.to_string(),
            digest_weekday: day,
        }
    }

    /// The settings the form describes, or each field's problem.
    fn settings(&self) -> Result<ReminderSettings, Vec<(&'static str, String)>> {
        let mut errors = Vec::new();
        let mut days =
            |field: &'static str, what: &str, text: &str| match text.trim().parse::<i32>() {
                Ok(n) if (1..=366).contains(&n) => Some(n),
                _ => {
                    errors.push((
                        field,
                        format!("{what} must be a whole number of days from 1 to 366"),
                    ));
                    None
                }
            };
        let due = days(
            "due_within_days",
            "The notice of a due date",
            &self.due_within_days,
        );
        let meeting = days(
            "meeting_notice_days",
            "The notice of a board meeting",
            &self.meeting_notice_days,
        );
        let weekday = weekday_from_name(&self.digest_weekday);
        if weekday.is_none() {
            errors.push((
                "digest_weekday",
                "Choose the day of the week the digest goes out".to_string(),
            ));
        }
        match (due, meeting, weekday) {
            (Some(due_within_days), Some(meeting_notice_days), Some(digest_weekday))
                if errors.is_empty() =>
            {
                Ok(ReminderSettings {
                    due_within_days,
                    meeting_notice_days,
                    digest_weekday,
                })
            }
            _ => Err(errors),
        }
    }
}

#[derive(Template)]
#[template(path = "reminder_settings.html")]
pub struct SettingsPage {
    pub nav: Nav,
    pub action: String,
    pub csrf: String,
    pub f: SettingsFields,
    pub errors: Vec<(&'static str, String)>,
    pub days: [(&'static str, &'static str); 7],
    pub saved: bool,
}

impl SettingsPage {
    /// The error for `field`, if any.
    pub fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    }

    /// (field, label, hint, value) of each number of days.
    pub fn day_fields(&self) -> Vec<(&'static str, &'static str, &'static str, String)> {
        vec![
            (
                "due_within_days",
                "Days' notice of a due date",
                "Leads are reminded of actions, owners of document reviews and agencies of \
                 Section 11 returns this many days before the date",
                self.f.due_within_days.clone(),
            ),
            (
                "meeting_notice_days",
                "Days' notice of a board meeting",
                "Leads whose actions have no update since the last meeting are reminded this \
                 many days before the next",
                self.f.meeting_notice_days.clone(),
            ),
        ]
    }
}

fn officers_only(access: &PartnershipAccess) -> Result<(), AppError> {
    if access.membership.may_edit_plan() {
        Ok(())
    } else {
        Err(AppError::Forbidden(
            "Only the board's business manager or an administrator can change the reminder \
             settings."
                .into(),
        ))
    }
}

async fn page(
    state: &AppState,
    access: &PartnershipAccess,
    f: SettingsFields,
    errors: Vec<(&'static str, String)>,
    saved: bool,
) -> Result<SettingsPage, AppError> {
    let l = access.view(state, &AsAtQuery::default()).await?;
    Ok(SettingsPage {
        nav: Nav::new(&l, "board"),
        action: format!("/p/{}/reminders", access.slug),
        csrf: access.user.csrf.clone(),
        f,
        errors,
        days: DAYS,
        saved,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct SavedQuery {
    #[serde(default)]
    saved: Option<String>,
}

/// `GET /p/{slug}/reminders`: the settings as they stand, in their form.
pub async fn show(
    State(state): State<AppState>,
    access: PartnershipAccess,
    axum::extract::Query(q): axum::extract::Query<SavedQuery>,
) -> Result<Response, AppError> {
    officers_only(&access)?;
    let s = state.store.reminder_settings(&access.slug).await?;
    render(
        &page(
            &state,
            &access,
            SettingsFields::of(&s),
            Vec::new(),
            q.saved.is_some(),
        )
        .await?,
    )
}

/// `POST /p/{slug}/reminders`: save them, or say what is wrong and change nothing.
pub async fn save(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Form(f): Form<SettingsFields>,
) -> Result<Response, AppError> {
    officers_only(&access)?;
    access.user.check_csrf(&f.csrf)?;
    let new = match f.settings() {
        Ok(s) => s,
        Err(errors) => {
            let mut res = render(&page(&state, &access, f, errors, false).await?)?;
            *res.status_mut() = StatusCode::BAD_REQUEST;
            return Ok(res);
        }
    };
    let actor = access.user.account.display_name.clone();
    state
        .store
        .set_reminder_settings(&access.slug, Stamp::now(&actor), new)
        .await?;
    Ok(Redirect::to(&format!("/p/{}/reminders?saved=1", access.slug)).into_response())
}
