//! Publishing the public summary: a choice the board's officers (business manager,
//! administrator) make on the board page, recorded in the change log with their name. Off
//! until made; `boardplan settings public on|off` makes the same choice from the command line.

use axum::Form;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use store::Stamp;

use crate::AppState;
use crate::auth::PartnershipAccess;
use crate::error::AppError;

/// What the board page shows about publishing, and the form if this person may change it.
pub struct PublishingView {
    pub published: bool,
    /// Where the summary is (or would be) read.
    pub href: String,
    /// The CSRF token, for the board's officers only: nobody else is offered the form.
    pub csrf: Option<String>,
}

impl PublishingView {
    pub async fn new(state: &AppState, access: &PartnershipAccess) -> Result<Self, AppError> {
        Ok(Self {
            published: state.store.published(&access.slug).await?,
            href: format!("/public/{}", access.slug),
            csrf: access
                .membership
                .may_edit_plan()
                .then(|| access.user.csrf.clone()),
        })
    }
}

/// The form: the state asked for, not a toggle, so that sending it twice changes nothing.
#[derive(Deserialize)]
pub struct PublishingForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    public: String,
}

/// `POST /p/{slug}/publishing`: publish the public summary (`public=on`) or stop (`off`).
pub async fn change(
    State(state): State<AppState>,
    access: PartnershipAccess,
    Form(f): Form<PublishingForm>,
) -> Result<Response, AppError> {
    if !access.membership.may_edit_plan() {
        return Err(AppError::Forbidden(
            "Only the board's business manager or an administrator can publish the public summary or stop publishing it."
                .into(),
        ));
    }
    access.user.check_csrf(&f.csrf)?;
    let on = match f.public.as_str() {
        "on" => true,
        "off" => false,
        _ => {
            return Err(AppError::BadRequest(
                "Choose whether to publish the public summary (on) or not (off).".into(),
            ));
        }
    };
    let actor = access.user.account.display_name.clone();
    state
        .store
        .set_published(&access.slug, Stamp::now(&actor), on)
        .await?;
    Ok(Redirect::to(&format!("/p/{}/board#publishing", access.slug)).into_response())
}
