//! Signing off a completed action, and withdrawing a sign-off, from the action page; and the
//! sign-off section the page shows. Only the board's chair, or the chair of the sub-group the
//! action's lead belongs to, may do either.

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use domain::Rag;
use serde::Deserialize;
use store::{ActionKey, ActionState, Stamp, StoreError};

use super::updates::{capitalise, conflict_or, key_of};
use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::{AppError, urlencode};
use crate::view::{AsAtQuery, Loaded};

/// The sign-off section: where it stands and what this person may do.
pub struct SignOffView {
    pub status: String,
    pub can_sign: bool,
    pub can_withdraw: bool,
    pub csrf: String,
    pub version: i64,
    pub action: String,
    pub withdraw_action: String,
}

impl SignOffView {
    pub fn new(l: &Loaded, id: &str, csrf: &str, s: &ActionState, role: Option<String>) -> Self {
        let complete = s.latest.as_ref().is_some_and(|u| u.rag == Rag::Blue);
        let status = match (&s.sign_off, complete) {
            (Some(so), _) => format!("Signed off by {} (as {}) on {}.", so.by, l.role_title(&so.role), so.at.strftime("%-d %B %Y")),
            (None, true) => "Rated complete, awaiting sign-off by the board chair or the chair of the lead's sub-group.".into(),
            (None, false) => "Not yet rated complete.".into(),
        };
        let base = format!("/p/{}/actions/{}/sign-off", l.slug, urlencode(id));
        Self {
            status,
            can_sign: role.is_some() && complete && s.sign_off.is_none(),
            can_withdraw: role.is_some() && s.sign_off.is_some(),
            csrf: csrf.to_string(),
            version: s.version,
            withdraw_action: format!("{base}/withdraw"),
            action: base,
        }
    }
}

#[derive(Deserialize)]
pub struct SignOffForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    version: i64,
    #[serde(default)]
    reason: String,
}

pub async fn sign_off(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<SignOffForm>,
) -> Result<Response, AppError> {
    access.user.check_csrf(&form.csrf)?;
    let key = may_sign(&state, &access, &id).await?;
    let actor = access.user.account.display_name.clone();
    state
        .store
        .sign_off(
            &access.slug,
            Stamp::now(&actor),
            &key,
            form.version,
            &access.membership,
        )
        .await
        .map_err(signing_error)?;
    crate::view::refresh_soon(&state, &access.slug);
    Ok(Redirect::to(&format!(
        "/p/{}/actions/{}?done=signoff#sign-off",
        access.slug,
        urlencode(&id)
    ))
    .into_response())
}

pub async fn withdraw(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Path((_, id)): Path<(String, String)>,
    Form(form): Form<SignOffForm>,
) -> Result<Response, AppError> {
    access.user.check_csrf(&form.csrf)?;
    let key = may_sign(&state, &access, &id).await?;
    let actor = access.user.account.display_name.clone();
    state
        .store
        .withdraw_sign_off(
            &access.slug,
            Stamp::now(&actor),
            &key,
            form.version,
            &access.membership,
            &form.reason,
        )
        .await
        .map_err(signing_error)?;
    crate::view::refresh_soon(&state, &access.slug);
    Ok(Redirect::to(&format!(
        "/p/{}/actions/{}?done=withdrawn#sign-off",
        access.slug,
        urlencode(&id)
    ))
    .into_response())
}

/// The action's key, if this person holds a role that may sign it off.
async fn may_sign(
    state: &AppState,
    access: &PartnershipAccess,
    id: &str,
) -> Result<ActionKey, AppError> {
    let (key, leads) = key_of(state, access, id).await?;
    let settings = state.store.settings(&access.slug).await?;
    let l = access.view(state, &AsAtQuery::default()).await?;
    if access
        .membership
        .sign_off_role(&l.partnership, &leads, &settings.sign_off)
        .is_none()
    {
        return Err(AppError::Forbidden(
            "Only the board's chair, or the chair of the sub-group this action's lead belongs to, can sign it off.".into(),
        ));
    }
    Ok(key)
}

/// Sign-off refusals from the store (not rated complete, no evidence) say what to do.
fn signing_error(e: StoreError) -> AppError {
    match e {
        StoreError::InvalidData { what } => AppError::BadRequest(capitalise(&what)),
        other => conflict_or(other),
    }
}
